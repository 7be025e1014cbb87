import type { ArbLimits } from '../../../lib/core/arb';
import { arbFeesFor, evaluateArb, planArb } from '../../../lib/core/arb';
import type { Book, GamePair, InstrumentRef, League } from '../../../lib/core/market';
import { instrumentKey } from '../../../lib/core/market';

// --- fixture: Chiefs (side 0) vs Bills (side 1) on both venues -----------------------------
const EVENT = 'KXNFLGAME-26NOV29KCBUF';
const I = {
  pmKC: { venue: 'polymarket', conditionId: '0xcond', tokenId: 'tokKC' },
  pmBUF: { venue: 'polymarket', conditionId: '0xcond', tokenId: 'tokBUF' },
  kKCyes: { venue: 'kalshi', ticker: `${EVENT}-KC`, side: 'yes' },
  kKCno: { venue: 'kalshi', ticker: `${EVENT}-KC`, side: 'no' },
  kBUFyes: { venue: 'kalshi', ticker: `${EVENT}-BUF`, side: 'yes' },
  kBUFno: { venue: 'kalshi', ticker: `${EVENT}-BUF`, side: 'no' },
} satisfies Record<string, InstrumentRef>;

function pairOf(league: League = 'NFL', over: Partial<GamePair> = {}): GamePair {
  const market = (suffix: string) => ({
    ticker: `${EVENT}-${suffix}`,
    suffix,
    yesSubTitle: suffix,
    tickMicros: 10_000,
    tradable: true,
  });
  return {
    id: `${league}:0xcond:${EVENT}`,
    league,
    polymarket: {
      venue: 'polymarket',
      league,
      marketId: '1',
      conditionId: '0xcond',
      slug: 'nfl-kc-buf-2026-11-29',
      question: 'Chiefs vs. Bills',
      outcomes: [
        { name: 'Chiefs', tokenId: 'tokKC' },
        { name: 'Bills', tokenId: 'tokBUF' },
      ],
      gameStartMs: 0,
      negRisk: false,
      protocolVersion: 'v1',
      tickMicros: 10_000,
      minSizeCenti: 500,
      fee: { ratePpm: 30_000, exponent: 1, takerOnly: true },
      tradable: true,
    },
    kalshi: {
      venue: 'kalshi',
      league,
      seriesTicker: 'KXNFLGAME',
      eventTicker: EVENT,
      title: 'Kansas City at Buffalo',
      markets: [market('KC'), market('BUF')],
      gameStartMs: 0,
      expectedExpirationMs: null,
      feeType: 'quadratic_with_maker_fees',
      feeMultiplierPpm: 1_000_000,
    },
    sides: [
      {
        team: { league, code: 'KC' },
        polymarket: { venue: 'polymarket', conditionId: '0xcond', tokenId: 'tokKC' },
        polymarketName: 'Chiefs',
        kalshiTicker: `${EVENT}-KC`,
      },
      {
        team: { league, code: 'BUF' },
        polymarket: { venue: 'polymarket', conditionId: '0xcond', tokenId: 'tokBUF' },
        polymarketName: 'Bills',
        kalshiTicker: `${EVENT}-BUF`,
      },
    ],
    kalshiTieTicker: null,
    ...over,
  };
}

/** asks as [price in cents, whole shares]. */
function book(instrument: InstrumentRef, asks: [number, number][], over: Partial<Book> = {}): Book {
  return {
    instrument,
    asks: asks.map(([c, s]) => ({ priceMicros: c * 10_000, sizeCenti: s * 100 })),
    bids: [],
    tickMicros: 10_000,
    minSizeCenti: instrument.venue === 'polymarket' ? 500 : 100,
    observedAtMs: 1_000_000,
    ...over,
  };
}

function booksOf(...list: Book[]): Map<string, Book> {
  return new Map(list.map((b) => [instrumentKey(b.instrument), b]));
}

/** The worked example of docs/planner.md. */
const WORKED = (): Book[] => [
  book(I.pmKC, [
    [45, 100],
    [46, 200],
    [48, 500],
  ]),
  book(I.pmBUF, [[58, 300]]),
  book(I.kBUFyes, [
    [50, 150],
    [51, 300],
    [53, 1000],
  ]),
  book(I.kKCno, [[52, 1000]]),
  book(I.kKCyes, [[47, 500]]),
  book(I.kBUFno, [[56, 500]]),
];

const LIMITS: ArbLimits = {
  minRoiPpm: 10_000, // 1%
  maxPositionMicros: 1_000_000_000,
  balanceMicros: { polymarket: 500_000_000, kalshi: 500_000_000 },
  nowMs: 1_000_500,
  maxBookAgeMs: 2_000,
  rules: { tail: 'accept-bounded', allowUnverified: false },
};

describe('planArb', () => {
  it('plans the worked example: Polymarket Chiefs + Kalshi Bills YES, 150 shares each', () => {
    const pair = pairOf();
    const plan = planArb(pair, booksOf(...WORKED()), arbFeesFor(pair), LIMITS);
    expect(plan).not.toBeNull();
    const [pm, k] = plan!.legs;
    expect(pm).toEqual({
      instrument: I.pmKC,
      venue: 'polymarket',
      backsSide: 0,
      limitPriceMicros: 460_000,
      sizeCenti: 15_000,
      notionalMicros: 68_000_000,
      feeMicros: 742_500 + 372_600,
      costMicros: 69_115_100,
      levels: [
        { priceMicros: 450_000, sizeCenti: 10_000 },
        { priceMicros: 460_000, sizeCenti: 5_000 },
      ],
    });
    expect(k).toEqual({
      instrument: I.kBUFyes,
      venue: 'kalshi',
      backsSide: 1,
      limitPriceMicros: 500_000,
      sizeCenti: 15_000,
      notionalMicros: 75_000_000,
      feeMicros: 2_630_000,
      costMicros: 77_630_000,
      levels: [{ priceMicros: 500_000, sizeCenti: 15_000 }],
    });
    expect(plan).toMatchObject({
      pairId: pair.id,
      sizeCenti: 15_000,
      costMicros: 146_745_100,
      feeMicros: 3_745_100,
      worstCaseProfitMicros: 3_254_900,
      worstScenario: 'side0-wins',
      roiPpm: 22_180,
    });
    expect(plan!.roi).toBeCloseTo(0.02218, 5);
    expect(plan!.scenarios).toEqual([
      { scenario: 'side0-wins', payoutMicros: 150_000_000, profitMicros: 3_254_900, exact: true },
      { scenario: 'side1-wins', payoutMicros: 150_000_000, profitMicros: 3_254_900, exact: true },
      { scenario: 'tie', payoutMicros: 150_000_000, profitMicros: 3_254_900, exact: true },
    ]);
    // Reported, not hedged: a game played days late (Kalshi fair price, Polymarket waits) or cancelled.
    expect(plan!.tailScenarios).toEqual([
      { scenario: 'postponed', payoutMicros: 0, profitMicros: -146_745_100, exact: false },
      { scenario: 'cancelled', payoutMicros: 75_000_000, profitMicros: -71_745_100, exact: false },
    ]);
  });

  it('stops adding size at the first slice that earns less than the minimum ROI', () => {
    const pair = pairOf();
    // Slice 150→300 shares (46¢ + 51¢) earns ≈0.51%: accepted at 0.5%, refused at 1%.
    const at05 = planArb(pair, booksOf(...WORKED()), arbFeesFor(pair), { ...LIMITS, minRoiPpm: 5_000 });
    expect(at05!.sizeCenti).toBe(30_000);
    const at3 = planArb(pair, booksOf(...WORKED()), arbFeesFor(pair), { ...LIMITS, minRoiPpm: 30_000 });
    expect(at3).toBeNull();
  });

  it('returns nothing under the default rule policy, however good the prices (docs/rules.md)', () => {
    const pair = pairOf();
    const { rules: _ignored, ...defaults } = LIMITS;
    expect(planArb(pair, booksOf(...WORKED()), arbFeesFor(pair), defaults)).toBeNull();
    expect(evaluateArb(pair, booksOf(...WORKED()), arbFeesFor(pair), defaults)).toMatchObject({
      kind: 'none',
      reason: 'rules',
      gate: { tradeable: false, reason: 'bounded-payout' },
    });
  });

  it('buys Kalshi NO on the same team when it is cheaper than YES on the other', () => {
    const pair = pairOf();
    const books = WORKED().map((b) =>
      instrumentKey(b.instrument) === instrumentKey(I.kKCno) ? book(I.kKCno, [[49, 120]]) : b,
    );
    const plan = planArb(pair, booksOf(...books), arbFeesFor(pair), LIMITS);
    expect(plan!.legs[1].instrument).toEqual(I.kKCno);
    expect(plan!.legs[1].backsSide).toBe(1);
  });

  it('cuts the size inside a level to stay within the position cap', () => {
    const pair = pairOf();
    const plan = planArb(pair, booksOf(...WORKED()), arbFeesFor(pair), { ...LIMITS, maxPositionMicros: 100_000_000 });
    expect(plan!.costMicros).toBeLessThanOrEqual(100_000_000);
    expect(plan!.sizeCenti).toBeGreaterThan(10_000);
    expect(plan!.sizeCenti).toBeLessThan(10_300); // ≈102.6 shares at ≈$0.975
    expect(plan!.legs[0].sizeCenti).toBe(plan!.legs[1].sizeCenti);
  });

  it('keeps each leg within its venue balance, fees included', () => {
    const pair = pairOf();
    const plan = planArb(pair, booksOf(...WORKED()), arbFeesFor(pair), {
      ...LIMITS,
      balanceMicros: { polymarket: 500_000_000, kalshi: 40_000_000 },
    });
    expect(plan!.legs[1].costMicros).toBeLessThanOrEqual(40_000_000);
    expect(plan!.legs[1].costMicros).toBeGreaterThan(39_000_000);
  });

  it('caps the size by the tail loss allowed under accept-bounded', () => {
    const pair = pairOf();
    const plan = planArb(pair, booksOf(...WORKED()), arbFeesFor(pair), { ...LIMITS, maxTailLossMicros: 20_000_000 });
    for (const t of plan!.tailScenarios) expect(-t.profitMicros).toBeLessThanOrEqual(20_000_000);
    expect(
      planArb(pair, booksOf(...WORKED()), arbFeesFor(pair), { ...LIMITS, maxTailLossMicros: 1_000_000 }),
    ).toBeNull();
  });

  it('refuses when the depth is below a venue minimum order size', () => {
    const pair = pairOf();
    // 2 shares at 0.45 = $0.90: under the $1 a Polymarket FOK buy must spend (docs/venues-polymarket.md#p5-minimums).
    const books = [book(I.pmKC, [[45, 2]]), book(I.kBUFyes, [[50, 100]])];
    expect(evaluateArb(pair, booksOf(...books), arbFeesFor(pair), LIMITS)).toMatchObject({
      kind: 'none',
      reason: 'no-edge',
      combos: expect.arrayContaining([
        { combo: `polymarket:side0 + kalshi:${EVENT}-BUF:yes`, refusal: 'below-min-size' },
      ]),
    });
  });

  it('refuses stale, missing and malformed books', () => {
    const pair = pairOf();
    const refusalOf = (books: Book[]) => {
      const r = evaluateArb(pair, booksOf(...books), arbFeesFor(pair), LIMITS);
      return r.kind === 'none' && r.reason === 'no-edge' ? r.combos[0]?.refusal : r.kind;
    };
    expect(refusalOf([book(I.pmKC, [[45, 100]], { observedAtMs: 998_000 }), book(I.kBUFyes, [[50, 100]])])).toBe(
      'stale-book',
    );
    expect(refusalOf([book(I.pmKC, [[45, 100]])])).toBe('missing-book');
    const offTick = book(I.pmKC, [[45, 100]]);
    const bad = { ...offTick, asks: [{ priceMicros: 455_000, sizeCenti: 10_000 }] };
    expect(refusalOf([bad, book(I.kBUFyes, [[50, 100]])])).toBe('invalid-book');
  });

  it('never trades a Kalshi event with a tie market or a fee it cannot compute exactly', () => {
    const tie = pairOf('NFL', { kalshiTieTicker: `${EVENT}-TIE` });
    expect(evaluateArb(tie, booksOf(...WORKED()), arbFeesFor(tie), LIMITS)).toMatchObject({
      reason: 'unexpected-tie-market',
    });
    const pair = pairOf();
    const flat = { ...arbFeesFor(pair), kalshi: { ...arbFeesFor(pair).kalshi, feeType: 'flat' as const } };
    expect(evaluateArb(pair, booksOf(...WORKED()), flat, LIMITS)).toMatchObject({ reason: 'unsupported-fee' });
    const root = { ...arbFeesFor(pair), polymarket: { ratePpm: 30_000, exponent: 0.5 } };
    expect(evaluateArb(pair, booksOf(...WORKED()), root, LIMITS)).toMatchObject({ reason: 'unsupported-fee' });
  });

  it('refuses a break-even opportunity even with a zero minimum ROI', () => {
    const pair = pairOf();
    // 48¢ + 50¢ + fees > $1.
    const books = [book(I.pmKC, [[48, 100]]), book(I.kBUFyes, [[50, 100]])];
    expect(planArb(pair, booksOf(...books), arbFeesFor(pair), { ...LIMITS, minRoiPpm: 0 })).toBeNull();
  });

  it('refuses an exactly break-even cover even when fees are zero and the minimum ROI is zero', () => {
    const pair = pairOf();
    const free = {
      ...arbFeesFor(pair),
      polymarket: { ratePpm: 0, exponent: 1 },
      kalshi: { ...arbFeesFor(pair).kalshi, multiplierPpm: 0 },
    };
    const books = [book(I.pmKC, [[45, 100]]), book(I.kBUFyes, [[55, 100]])];
    expect(planArb(pair, booksOf(...books), free, { ...LIMITS, minRoiPpm: 0 })).toBeNull();
    const cheaper = [book(I.pmKC, [[45, 100]]), book(I.kBUFyes, [[54, 100]])];
    expect(planArb(pair, booksOf(...cheaper), free, { ...LIMITS, minRoiPpm: 0 })?.worstCaseProfitMicros).toBe(
      1_000_000,
    );
  });

  it('gives the same plan whatever order the levels arrive in', () => {
    const pair = pairOf();
    const reversed = WORKED().map((b) => ({ ...b, asks: [...b.asks].reverse() }));
    const fees = arbFeesFor(pair);
    expect(planArb(pair, booksOf(...reversed), fees, LIMITS)).toEqual(
      planArb(pair, booksOf(...WORKED()), fees, LIMITS),
    );
  });

  it('refuses invalid limits loudly instead of trading on them', () => {
    const pair = pairOf();
    expect(() => planArb(pair, booksOf(...WORKED()), arbFeesFor(pair), { ...LIMITS, minRoiPpm: 0.01 })).toThrow(
      RangeError,
    );
    expect(() => planArb(pair, booksOf(...WORKED()), arbFeesFor(pair), { ...LIMITS, maxPositionMicros: -1 })).toThrow(
      RangeError,
    );
  });
});
