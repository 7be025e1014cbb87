import type { ArbLimits } from '../../../lib/core/arb';
import type { Book } from '../../../lib/core/market';
import { instrumentKey } from '../../../lib/core/market';
import type { OutcomeGamePair } from '../../../lib/core/outcome-arb';
import { evaluateOutcomeArb, outcomeFeesFor, planOutcomeArb } from '../../../lib/core/outcome-arb';
import type { OutcomeRules } from '../../../lib/core/rules';
import { BOUNDED_RULES, book, EXACT_RULES, instrumentsOf, soccerGame } from './outcome-fixtures';

const H = instrumentsOf('CFC');
const D = instrumentsOf('TIE');
const A = instrumentsOf('AVL');

function booksOf(...list: Book[]): Map<string, Book> {
  return new Map(list.map((b) => [instrumentKey(b.instrument), b]));
}

/** Only "Kalshi YES draw + Polymarket NO draw" is an arbitrage (first slice 97.3625¢ a share with fees). */
const WORKED = (): Book[] => [
  book(H.kYes, [[45, 500]]),
  book(H.kNo, [[56, 500]]),
  book(H.pmYes, [[46, 500]]),
  book(H.pmNo, [[58, 500]]),
  book(D.kYes, [
    [25, 100],
    [27, 300],
  ]),
  book(D.kNo, [[76, 500]]),
  book(D.pmYes, [[28, 500]]),
  book(D.pmNo, [
    [70, 100],
    [72, 200],
  ]),
  book(A.kYes, [[30, 500]]),
  book(A.kNo, [[72, 500]]),
  book(A.pmYes, [[31, 500]]),
  book(A.pmNo, [[71, 500]]),
];

function replace(books: Book[], ...changed: Book[]): Book[] {
  const keys = new Set(changed.map((b) => instrumentKey(b.instrument)));
  return [...books.filter((b) => !keys.has(instrumentKey(b.instrument))), ...changed];
}

const LIMITS: ArbLimits = {
  minRoiPpm: 10_000, // 1%
  maxPositionMicros: 1_000_000_000,
  balanceMicros: { polymarket: 500_000_000, kalshi: 500_000_000 },
  nowMs: 1_000_500,
  maxBookAgeMs: 2_000,
  rules: { tail: 'accept-bounded', allowUnverified: false },
};

function plan(books: Book[], rules: OutcomeRules = BOUNDED_RULES, limits: ArbLimits = LIMITS, game = soccerGame()) {
  return planOutcomeArb(game, booksOf(...books), outcomeFeesFor(game), limits, rules);
}

describe('planOutcomeArb', () => {
  it('plans the worked example: Kalshi YES draw + Polymarket NO draw, 100 shares each', () => {
    const p = plan(WORKED());
    expect(p).not.toBeNull();
    expect(p).toMatchObject({
      gameId: soccerGame().id,
      outcome: 'TIE',
      direction: 'kalshi-yes',
      sizeCenti: 10_000,
      // Polymarket: $70 + fee 0.05·100·0.7·0.3 = $1.05; Kalshi: $25 + 0.07·100·0.25·0.75 = $1.3125 → $1.32.
      costMicros: 97_370_000,
      feeMicros: 1_050_000 + 1_320_000,
      worstCaseProfitMicros: 2_630_000,
      worstScenario: 'outcome:CFC',
      roiPpm: 27_010,
    });
    const [pm, k] = p!.legs;
    expect(pm).toEqual({
      instrument: D.pmNo,
      venue: 'polymarket',
      backsSide: 1,
      limitPriceMicros: 700_000,
      sizeCenti: 10_000,
      notionalMicros: 70_000_000,
      feeMicros: 1_050_000,
      costMicros: 71_050_000,
      levels: [{ priceMicros: 700_000, sizeCenti: 10_000 }],
    });
    expect(k).toMatchObject({ instrument: D.kYes, backsSide: 0, limitPriceMicros: 250_000, costMicros: 26_320_000 });
    // Every outcome pays one leg $1 a share: the cover is exact whatever the result.
    expect(p!.scenarios).toEqual(
      ['outcome:CFC', 'outcome:TIE', 'outcome:AVL'].map((scenario) => ({
        scenario,
        payoutMicros: 100_000_000,
        profitMicros: 2_630_000,
        exact: true,
      })),
    );
    // Reported, not hedged: a cancelled game pays the draw's YES on Polymarket (our leg is NO) and a
    // fair price of possibly $0 on Kalshi.
    expect(p!.tailScenarios).toEqual(
      ['postponed', 'cancelled', 'abandoned'].map((scenario) => ({
        scenario,
        payoutMicros: 0,
        profitMicros: -97_370_000,
        exact: false,
      })),
    );
  });

  it('buys Kalshi NO and Polymarket YES when that direction is the cheap one', () => {
    const books = replace(WORKED(), book(D.kYes, [[35, 500]]), book(D.kNo, [[68, 500]]));
    const p = plan(books);
    expect(p).toMatchObject({ outcome: 'TIE', direction: 'kalshi-no' });
    expect(p!.legs.map((l) => [l.instrument, l.backsSide])).toEqual([
      [D.pmYes, 0],
      [D.kNo, 1],
    ]);
    // Cancelled: Polymarket resolves the draw market Yes, so our YES leg pays $1 a share at least.
    expect(p!.tailScenarios.find((s) => s.scenario === 'cancelled')).toMatchObject({
      payoutMicros: p!.sizeCenti * 10_000,
    });
  });

  it('prices exact lopsided rules: a cover that a cancellation would leave unpaid is never planned', () => {
    // Under EXACT_RULES a cancelled game pays "Kalshi YES draw + Polymarket NO draw" nothing.
    expect(
      evaluateOutcomeArb(soccerGame(), booksOf(...WORKED()), outcomeFeesFor(soccerGame()), LIMITS, EXACT_RULES),
    ).toMatchObject({ kind: 'none', reason: 'no-edge' });
    // …while an away cover is paid $1 a share there (Polymarket's NO on the away market).
    const p = plan(replace(WORKED(), book(A.pmNo, [[66, 500]])), EXACT_RULES);
    expect(p).toMatchObject({ outcome: 'AVL', direction: 'kalshi-yes' });
    expect(p!.scenarios.map((s) => s.scenario)).toEqual(['outcome:CFC', 'outcome:TIE', 'outcome:AVL', 'cancelled']);
    for (const s of p!.scenarios) expect(s.payoutMicros).toBe(p!.sizeCenti * 10_000);
    expect(p!.tailScenarios).toEqual([]);
  });

  it('stops at the first slice below the minimum ROI and cuts inside a level for the position cap', () => {
    const deeper = replace(WORKED(), book(D.kYes, [[25, 300]]), book(D.pmNo, [[70, 300]]));
    expect(plan(deeper)!.sizeCenti).toBe(30_000);
    const capped = plan(deeper, BOUNDED_RULES, { ...LIMITS, maxPositionMicros: 50_000_000 });
    expect(capped!.costMicros).toBeLessThanOrEqual(50_000_000);
    expect(capped!.sizeCenti).toBeGreaterThan(5_000);
    expect(plan(WORKED(), BOUNDED_RULES, { ...LIMITS, minRoiPpm: 30_000 })).toBeNull();
  });

  it('caps the tail loss under accept-bounded and refuses bounded tails under the default policy', () => {
    const capped = plan(WORKED(), BOUNDED_RULES, { ...LIMITS, maxTailLossMicros: 50_000_000 });
    expect(capped!.sizeCenti).toBeLessThan(10_000);
    for (const t of capped!.tailScenarios) expect(-t.profitMicros).toBeLessThanOrEqual(50_000_000);
    const { rules: _ignored, ...defaults } = LIMITS;
    const game = soccerGame();
    expect(evaluateOutcomeArb(game, booksOf(...WORKED()), outcomeFeesFor(game), defaults, BOUNDED_RULES)).toEqual({
      kind: 'none',
      reason: 'rules',
      gate: { tradeable: false, scenario: 'postponed', reason: 'bounded-payout' },
    });
  });

  it('refuses unknown, unverified and mismatched rules', () => {
    const game = soccerGame();
    const run = (rules: OutcomeRules, limits = LIMITS) =>
      evaluateOutcomeArb(game, booksOf(...WORKED()), outcomeFeesFor(game), limits, rules);
    const { abandoned: _gone, ...kalshiEvents } = BOUNDED_RULES.kalshi.events;
    expect(run({ ...BOUNDED_RULES, kalshi: { ...BOUNDED_RULES.kalshi, events: kalshiEvents } })).toMatchObject({
      reason: 'rules',
      gate: { scenario: 'abandoned', reason: 'unknown-rule' },
    });
    const unverified: OutcomeRules = {
      ...BOUNDED_RULES,
      kalshi: { ...BOUNDED_RULES.kalshi, decided: { ...BOUNDED_RULES.kalshi.decided, verified: false } },
    };
    expect(run(unverified)).toMatchObject({ gate: { scenario: 'outcome:CFC', reason: 'unverified-rule' } });
    expect(run(unverified, { ...LIMITS, rules: { tail: 'accept-bounded', allowUnverified: true } }).kind).toBe('plan');
    const overtime: OutcomeRules = {
      ...BOUNDED_RULES,
      kalshi: { ...BOUNDED_RULES.kalshi, decided: { ...BOUNDED_RULES.kalshi.decided, basis: 'including-overtime' } },
    };
    expect(run(overtime)).toMatchObject({ gate: { reason: 'basis-differs' } });
    // "to-draw" needs a listed draw: a two-outcome game cannot resolve to one.
    const twoWay: OutcomeGamePair = { ...game, outcomes: game.outcomes.filter((o) => o.kind !== 'draw') };
    expect(
      evaluateOutcomeArb(twoWay, booksOf(...WORKED()), outcomeFeesFor(twoWay), LIMITS, BOUNDED_RULES),
    ).toMatchObject({ gate: { scenario: 'cancelled', reason: 'unknown-rule' } });
  });

  it('refuses malformed games, stale, missing and malformed books, and fees it cannot compute', () => {
    const game = soccerGame();
    const run = (g: OutcomeGamePair, books: Book[] = WORKED()) =>
      evaluateOutcomeArb(g, booksOf(...books), outcomeFeesFor(g), LIMITS, BOUNDED_RULES);
    const [h, d, a] = game.outcomes as [
      (typeof game.outcomes)[number],
      (typeof game.outcomes)[number],
      (typeof game.outcomes)[number],
    ];
    expect(run({ ...game, outcomes: [h, d, { ...a, kalshiTicker: h.kalshiTicker }] })).toMatchObject({
      reason: 'invalid-game',
      detail: 'repeated Kalshi ticker',
    });
    expect(run({ ...game, outcomes: [h, d] })).toMatchObject({ detail: 'fewer than two participants' });
    expect(run({ ...game, outcomes: [h, d, { ...d, key: 'X', kalshiTicker: 'X' }, a] })).toMatchObject({
      detail: 'more than one draw outcome',
    });
    expect(
      run({ ...game, outcomes: [h, { ...d, polymarket: { ...d.polymarket, noTokenId: d.polymarket.yesTokenId } }, a] }),
    ).toMatchObject({ reason: 'invalid-game' });

    const stale = run(game, replace(WORKED(), book(D.kYes, [[25, 100]], { observedAtMs: 0 })));
    expect(stale).toMatchObject({ kind: 'none', reason: 'no-edge' });
    const refusals = stale.kind === 'none' && stale.reason === 'no-edge' ? stale.covers : [];
    expect(refusals).toContainEqual({
      combo: `outcome:TIE kalshi:${D.kYes.ticker}:yes + polymarket:no`,
      refusal: 'stale-book',
    });
    const missing = run(
      game,
      WORKED().filter((b) => instrumentKey(b.instrument) !== instrumentKey(D.pmNo)),
    );
    expect(missing.kind === 'none' && missing.reason === 'no-edge' && missing.covers).toContainEqual({
      combo: `outcome:TIE kalshi:${D.kYes.ticker}:yes + polymarket:no`,
      refusal: 'missing-book',
    });
    const offTick = run(
      game,
      replace(WORKED(), { ...book(D.pmNo, [[70, 100]]), asks: [{ priceMicros: 700_500, sizeCenti: 10_000 }] }),
    );
    expect(offTick.kind).toBe('none');

    const flat: OutcomeGamePair = { ...game, kalshiFee: { feeType: 'flat', multiplierPpm: 1_000_000 } };
    expect(run(flat)).toMatchObject({ reason: 'unsupported-fee' });
    const fractional: OutcomeGamePair = {
      ...game,
      outcomes: [h, { ...d, polymarketFee: { ratePpm: 50_000, exponent: 0.5 } }, a],
    };
    expect(run(fractional)).toMatchObject({ reason: 'unsupported-fee', detail: 'Polymarket fee exponent 0.5' });
    expect(() =>
      evaluateOutcomeArb(game, booksOf(...WORKED()), outcomeFeesFor(game).slice(1), LIMITS, BOUNDED_RULES),
    ).toThrow(RangeError);
    expect(() =>
      evaluateOutcomeArb(game, booksOf(...WORKED()), outcomeFeesFor(game), { ...LIMITS, minRoiPpm: -1 }, BOUNDED_RULES),
    ).toThrow(RangeError);
  });

  it('uses each outcome market’s own Polymarket fee rate', () => {
    const game = soccerGame();
    const dearDraw: OutcomeGamePair = {
      ...game,
      outcomes: game.outcomes.map((o) =>
        o.kind === 'draw' ? { ...o, polymarketFee: { ratePpm: 100_000, exponent: 1 } } : o,
      ),
    };
    const p = plan(WORKED(), BOUNDED_RULES, LIMITS, dearDraw);
    expect(p!.legs[0].feeMicros).toBe(2_100_000); // 0.10·100·0.7·0.3
  });
});
