import fc from 'fast-check';
import type { ArbLimits } from '../../../lib/core/arb';
import { arbFeesFor, planArb } from '../../../lib/core/arb';
import { kalshiOrderFee, polymarketOrderFee } from '../../../lib/core/fees';
import type { Book, GamePair, InstrumentRef } from '../../../lib/core/market';
import { instrumentKey, pairVenueOf } from '../../../lib/core/market';
import type { OutcomeGamePair, OutcomePlan } from '../../../lib/core/outcome-arb';
import { outcomeFeesFor, planOutcomeArb } from '../../../lib/core/outcome-arb';
import type { OutcomeRules } from '../../../lib/core/rules';
import type { Key } from './outcome-fixtures';
import { BOUNDED_RULES, EXACT_RULES, exactRulesPays, instrumentsOf, KEYS, soccerGame } from './outcome-fixtures';

/** The 12 instruments of the soccer fixture, per outcome: Kalshi YES, Kalshi NO, Polymarket YES, Polymarket NO. */
const INSTRUMENTS: InstrumentRef[] = KEYS.flatMap((k) => {
  const i = instrumentsOf(k);
  return [i.kYes, i.kNo, i.pmYes, i.pmNo];
});

// Prices spread so that YES on one venue + NO on the other is sometimes under $1.
const bookArb = (instrument: InstrumentRef) =>
  fc
    .record({
      tick: fc.constantFrom(10_000, 1_000),
      levels: fc.array(
        fc.record({ k: fc.integer({ min: 150, max: 850 }), sizeCenti: fc.integer({ min: 0, max: 50_000 }) }),
        { maxLength: 5 },
      ),
      minSizeCenti: fc.constantFrom(0, 1, 100, 500),
      ageMs: fc.constantFrom(0, 0, 0, 5_000),
    })
    .map(
      ({ tick, levels, minSizeCenti, ageMs }): Book => ({
        instrument,
        asks: levels.map(({ k, sizeCenti }) => ({
          priceMicros: Math.max(tick, Math.round((k * 1_000) / tick) * tick),
          sizeCenti,
        })),
        bids: [],
        tickMicros: tick,
        minSizeCenti,
        observedAtMs: 100_000 - ageMs,
      }),
    );

const booksArb = fc.tuple(...INSTRUMENTS.map(bookArb)).map((bs): Book[] => bs);

const scenarioArb = fc.record({
  rules: fc.constantFrom<[string, OutcomeRules]>(['bounded', BOUNDED_RULES], ['exact', EXACT_RULES]),
  ratePpm: fc.constantFrom(0, 30_000, 50_000),
  multiplierPpm: fc.constantFrom(1_000_000, 500_000),
  books: booksArb,
  limits: fc.record({
    minRoiPpm: fc.constantFrom(0, 1_000, 10_000, 30_000),
    maxPositionMicros: fc.integer({ min: 0, max: 2_000_000_000 }),
    pm: fc.integer({ min: 0, max: 1_000_000_000 }),
    k: fc.integer({ min: 0, max: 1_000_000_000 }),
    maxTailLossMicros: fc.option(fc.integer({ min: 0, max: 500_000_000 }), { nil: undefined }),
  }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function setup(s: Scenario) {
  const game = soccerGame(s.ratePpm, s.multiplierPpm);
  const limits: ArbLimits = {
    minRoiPpm: s.limits.minRoiPpm,
    maxPositionMicros: s.limits.maxPositionMicros,
    balanceMicros: { polymarket: s.limits.pm, kalshi: s.limits.k },
    nowMs: 100_000,
    maxBookAgeMs: 1_000,
    rules: { tail: 'accept-bounded', allowUnverified: false },
    maxTailLossMicros: s.limits.maxTailLossMicros,
  };
  const books = new Map<string, Book>(s.books.map((b) => [instrumentKey(b.instrument), b]));
  return { game, limits, books, rules: s.rules[1], fees: outcomeFeesFor(game) };
}

/** What the plan's legs pay per outcome decided, read from the legs alone (not from the plan's scenarios). */
function payoutIfDecided(plan: OutcomePlan, decided: Key): number {
  let total = 0;
  for (const leg of plan.legs) {
    const yes = leg.backsSide === 0;
    const pays = yes === (decided === plan.outcome);
    if (pays) total += plan.sizeCenti * 10_000;
  }
  return total;
}

const RUNS = { numRuns: 300 };

describe('planOutcomeArb properties', () => {
  it('never plans a worst case ≤ 0 over any outcome, an ROI below the minimum, or anything beyond the limits', () => {
    let planned = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { game, limits, books, rules, fees } = setup(s);
        const plan = planOutcomeArb(game, books, fees, limits, rules);
        if (!plan) return;
        planned += 1;
        expect(plan.worstCaseProfitMicros).toBeGreaterThan(0);
        expect(BigInt(plan.worstCaseProfitMicros) * 1_000_000n).toBeGreaterThanOrEqual(
          BigInt(limits.minRoiPpm) * BigInt(plan.costMicros),
        );
        // Every outcome of the game, recomputed from the legs: the cover pays $1 a share whatever happens.
        for (const decided of KEYS) {
          expect(payoutIfDecided(plan, decided) - plan.costMicros).toBeGreaterThanOrEqual(plan.worstCaseProfitMicros);
        }
        if (s.rules[0] === 'exact') {
          // The lopsided cancellation of EXACT_RULES, recomputed independently.
          const cancelled = plan.legs.reduce(
            (t, leg) =>
              t +
              (exactRulesPays(
                pairVenueOf(leg.venue),
                plan.outcome as Key,
                leg.backsSide === 0 ? 'yes' : 'no',
                'cancelled',
              ) *
                plan.sizeCenti) /
                100,
            0,
          );
          expect(cancelled - plan.costMicros).toBeGreaterThanOrEqual(plan.worstCaseProfitMicros);
        }
        for (const sc of plan.scenarios) expect(sc.profitMicros).toBeGreaterThanOrEqual(plan.worstCaseProfitMicros);
        const [pm, k] = plan.legs;
        expect([pm.venue, k.venue]).toEqual(['polymarket', 'kalshi']);
        expect(pm.sizeCenti).toBe(plan.sizeCenti);
        expect(k.sizeCenti).toBe(plan.sizeCenti);
        expect(pm.backsSide).not.toBe(k.backsSide); // one YES, one NO
        const out = instrumentsOf(plan.outcome as Key);
        expect([out.pmYes, out.pmNo]).toContainEqual(pm.instrument);
        expect([out.kYes, out.kNo]).toContainEqual(k.instrument);
        expect(plan.costMicros).toBe(pm.costMicros + k.costMicros);
        expect(plan.costMicros).toBeLessThanOrEqual(limits.maxPositionMicros);
        expect(pm.costMicros).toBeLessThanOrEqual(limits.balanceMicros.polymarket);
        expect(k.costMicros).toBeLessThanOrEqual(limits.balanceMicros.kalshi);
        if (limits.maxTailLossMicros !== undefined)
          for (const t of plan.tailScenarios) expect(-t.profitMicros).toBeLessThanOrEqual(limits.maxTailLossMicros);
        expect(plan.sizeCenti).toBeGreaterThanOrEqual(
          Math.max(1, books.get(instrumentKey(k.instrument))!.minSizeCenti),
        );
        expect(pm.notionalMicros).toBeGreaterThanOrEqual(1_000_000); // a Polymarket FOK buy spends $1
        const fills = (l: typeof pm) => l.levels.map((x) => ({ price: x.priceMicros, count: x.sizeCenti }));
        expect(pm.feeMicros).toBe(polymarketOrderFee(fills(pm), s.ratePpm, 1));
        expect(k.feeMicros).toBe(kalshiOrderFee({ fills: fills(k), kind: 'taker', multiplier: s.multiplierPpm }));
      }),
      RUNS,
    );
    expect(planned).toBeGreaterThan(10); // the generator really exercises plans
  });

  it('does not depend on the order of book levels', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { game, limits, books, rules, fees } = setup(s);
        const reversed = new Map<string, Book>(
          [...books.entries()].reverse().map(([key, b]) => [key, { ...b, asks: [...b.asks].reverse() }]),
        );
        expect(planOutcomeArb(game, reversed, fees, limits, rules)).toEqual(
          planOutcomeArb(game, books, fees, limits, rules),
        );
      }),
      RUNS,
    );
  });
});

/** Independent depth walk of one cover at N centishares: worst-case profit under EXACT_RULES, or null. */
function bruteProfit(
  outcome: Key,
  kSide: 'yes' | 'no',
  pmBook: Book,
  kBook: Book,
  n: number,
  s: { ratePpm: number; multiplierPpm: number },
  limits: ArbLimits,
): number | null {
  const walk = (b: Book) => {
    const asks = [...b.asks].filter((l) => l.sizeCenti > 0).sort((x, y) => x.priceMicros - y.priceMicros);
    const fills: { price: number; count: number }[] = [];
    let left = n;
    for (const a of asks) {
      if (left === 0) break;
      const take = Math.min(left, a.sizeCenti);
      fills.push({ price: a.priceMicros, count: take });
      left -= take;
    }
    return left > 0 ? null : fills;
  };
  const pm = walk(pmBook);
  const k = walk(kBook);
  if (!pm || !k) return null;
  const notional = (f: { price: number; count: number }[]) => f.reduce((t, x) => t + (x.price * x.count) / 100, 0);
  if (notional(pm) < 1_000_000) return null;
  const pmCost = notional(pm) + polymarketOrderFee(pm, s.ratePpm, 1);
  const kCost = notional(k) + kalshiOrderFee({ fills: k, kind: 'taker', multiplier: s.multiplierPpm });
  if (pmCost > limits.balanceMicros.polymarket || kCost > limits.balanceMicros.kalshi) return null;
  if (pmCost + kCost > limits.maxPositionMicros) return null;
  const pmSide = kSide === 'yes' ? 'no' : 'yes';
  let worst = Number.POSITIVE_INFINITY;
  for (const scenario of [...KEYS, 'cancelled'] as const) {
    const payout =
      (exactRulesPays('polymarket', outcome, pmSide, scenario) * n) / 100 +
      (exactRulesPays('kalshi', outcome, kSide, scenario) * n) / 100;
    worst = Math.min(worst, payout - pmCost - kCost);
  }
  return worst;
}

describe('planOutcomeArb optimality', () => {
  const small = fc.record({
    ratePpm: fc.constantFrom(0, 30_000),
    multiplierPpm: fc.constantFrom(1_000_000, 500_000),
    books: fc.tuple(
      ...INSTRUMENTS.map((instrument) =>
        fc
          .record({
            // One level per price, as a venue book aggregates them (see arb.property.test.ts).
            levels: fc.uniqueArray(
              fc.record({ c: fc.integer({ min: 20, max: 80 }), sizeCenti: fc.integer({ min: 1, max: 400 }) }),
              { maxLength: 3, selector: (l) => l.c },
            ),
            minSizeCenti: fc.constantFrom(0, 100, 500),
          })
          .map(
            ({ levels, minSizeCenti }): Book => ({
              instrument,
              asks: levels.map((l) => ({ priceMicros: l.c * 10_000, sizeCenti: l.sizeCenti })),
              bids: [],
              tickMicros: 10_000,
              minSizeCenti,
              observedAtMs: 100_000,
            }),
          ),
      ),
    ),
    maxPositionMicros: fc.integer({ min: 0, max: 30_000_000 }),
  });

  it('with a zero minimum ROI, finds the best size of every outcome and direction to within the venues’ rounding', () => {
    let profitable = 0;
    fc.assert(
      fc.property(small, (s) => {
        const game = soccerGame(s.ratePpm, s.multiplierPpm);
        const limits: ArbLimits = {
          minRoiPpm: 0,
          maxPositionMicros: s.maxPositionMicros,
          balanceMicros: { polymarket: 20_000_000, kalshi: 20_000_000 },
          nowMs: 100_000,
          maxBookAgeMs: 1_000,
          rules: { tail: 'refuse', allowUnverified: false },
        };
        const byKey = new Map<string, Book>(s.books.map((b) => [instrumentKey(b.instrument), b]));
        const plan = planOutcomeArb(game, byKey, outcomeFeesFor(game), limits, EXACT_RULES);
        let brute = 0;
        for (const outcome of KEYS) {
          const i = instrumentsOf(outcome);
          for (const kSide of ['yes', 'no'] as const) {
            const kBook = byKey.get(instrumentKey(kSide === 'yes' ? i.kYes : i.kNo))!;
            const pmBook = byKey.get(instrumentKey(kSide === 'yes' ? i.pmNo : i.pmYes))!;
            const depth = (b: Book) => b.asks.reduce((t, l) => t + l.sizeCenti, 0);
            for (let n = Math.max(1, kBook.minSizeCenti); n <= Math.min(depth(pmBook), depth(kBook)); n += 1) {
              const profit = bruteProfit(outcome, kSide, pmBook, kBook, n, s, limits);
              if (profit !== null && profit > brute) brute = profit;
            }
          }
        }
        const slack = 10_000 + 10 * 3; // one Kalshi rounding cent + Polymarket's 10 µ per level
        const found = plan ? plan.worstCaseProfitMicros : 0;
        expect(found).toBeGreaterThanOrEqual(brute - slack);
        expect(found).toBeLessThanOrEqual(brute);
        if (found > 0) profitable += 1;
      }),
      { numRuns: 100 },
    );
    expect(profitable).toBeGreaterThan(10); // not vacuous
  });
});

describe('planOutcomeArb against the two-team planner', () => {
  // An MLB game as the two-team planner sees it, and the same game written as two outcomes:
  // Polymarket's one market gives outcome A the tokens [A, B] and outcome B the tokens [B, A].
  const EVENT = 'KXMLBGAME-26MAY09AAABBB';
  const pair: GamePair = {
    id: `MLB:0xc:${EVENT}`,
    league: 'MLB',
    polymarket: {
      venue: 'polymarket',
      league: 'MLB',
      marketId: '1',
      conditionId: '0xc',
      slug: 's',
      question: 'A vs. B',
      outcomes: [
        { name: 'A', tokenId: 'tA' },
        { name: 'B', tokenId: 'tB' },
      ],
      gameStartMs: 0,
      negRisk: false,
      protocolVersion: 'v1',
      tickMicros: 10_000,
      minSizeCenti: 0,
      fee: { ratePpm: 50_000, exponent: 1, takerOnly: true },
      tradable: true,
    },
    kalshi: {
      venue: 'kalshi',
      league: 'MLB',
      seriesTicker: 'KXMLBGAME',
      eventTicker: EVENT,
      title: 'A at B',
      markets: [],
      gameStartMs: 0,
      expectedExpirationMs: null,
      feeType: 'quadratic',
      feeMultiplierPpm: 1_000_000,
    },
    sides: [
      {
        team: { league: 'MLB', code: 'AAA' },
        polymarket: { venue: 'polymarket', conditionId: '0xc', tokenId: 'tA' },
        polymarketName: 'A',
        kalshiTicker: `${EVENT}-AAA`,
      },
      {
        team: { league: 'MLB', code: 'BBB' },
        polymarket: { venue: 'polymarket', conditionId: '0xc', tokenId: 'tB' },
        polymarketName: 'B',
        kalshiTicker: `${EVENT}-BBB`,
      },
    ],
    kalshiTieTicker: null,
  };
  const game: OutcomeGamePair = {
    id: pair.id,
    league: 'MLB',
    outcomes: [
      ['AAA', 'tA', 'tB'],
      ['BBB', 'tB', 'tA'],
    ].map(([key, yes, no]) => ({
      key: key!,
      kind: 'participant',
      kalshiTicker: `${EVENT}-${key}`,
      polymarket: { conditionId: '0xc', yesTokenId: yes!, noTokenId: no! },
      polymarketFee: { ratePpm: 50_000, exponent: 1 },
    })),
    kalshiFee: { feeType: 'quadratic', multiplierPpm: 1_000_000 },
  };
  // MLB's two-team rules (lib/core/rules.ts) written as outcome rules.
  const MLB_AS_OUTCOMES: OutcomeRules = {
    events: ['postponed', 'cancelled'],
    polymarket: {
      decided: { basis: 'including-overtime', verified: true, source: 'test' },
      events: {
        postponed: { settlement: { kind: 'make-up-game' }, verified: true, source: 'test' },
        cancelled: { settlement: { kind: 'split', perShareMicros: 500_000 }, verified: true, source: 'test' },
      },
    },
    kalshi: {
      decided: { basis: 'including-overtime', verified: true, source: 'test' },
      events: {
        postponed: { settlement: { kind: 'fair-price' }, verified: true, source: 'test' },
        cancelled: { settlement: { kind: 'fair-price' }, verified: true, source: 'test' },
      },
    },
  };
  const instruments: InstrumentRef[] = [
    { venue: 'polymarket', conditionId: '0xc', tokenId: 'tA' },
    { venue: 'polymarket', conditionId: '0xc', tokenId: 'tB' },
    ...['AAA', 'BBB'].flatMap((c) =>
      (['yes', 'no'] as const).map((side): InstrumentRef => ({ venue: 'kalshi', ticker: `${EVENT}-${c}`, side })),
    ),
  ];

  it('finds the same size, cost and worst case as planArb on a two-team game', () => {
    let planned = 0;
    fc.assert(
      fc.property(
        fc.tuple(...instruments.map(bookArb)),
        fc.constantFrom(0, 10_000),
        fc.option(fc.integer({ min: 0, max: 300_000_000 }), { nil: undefined }),
        (books, minRoiPpm, maxTailLossMicros) => {
          const limits: ArbLimits = {
            minRoiPpm,
            maxPositionMicros: 1_000_000_000,
            balanceMicros: { polymarket: 500_000_000, kalshi: 500_000_000 },
            nowMs: 100_000,
            maxBookAgeMs: 1_000,
            rules: { tail: 'accept-bounded', allowUnverified: true },
            maxTailLossMicros,
          };
          const byKey = new Map<string, Book>(books.map((b) => [instrumentKey(b.instrument), b]));
          const two = planArb(pair, byKey, arbFeesFor(pair), limits);
          const many = planOutcomeArb(game, byKey, outcomeFeesFor(game), limits, MLB_AS_OUTCOMES);
          expect(many === null).toBe(two === null);
          if (!two || !many) return;
          planned += 1;
          expect(many.sizeCenti).toBe(two.sizeCenti);
          expect(many.costMicros).toBe(two.costMicros);
          expect(many.worstCaseProfitMicros).toBe(two.worstCaseProfitMicros);
          expect(many.tailScenarios.map((t) => t.profitMicros)).toEqual(two.tailScenarios.map((t) => t.profitMicros));
        },
      ),
      RUNS,
    );
    expect(planned).toBeGreaterThan(10);
  });
});
