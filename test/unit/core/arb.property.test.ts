import fc from 'fast-check';
import type { ArbLimits, ArbPlan } from '../../../lib/core/arb';
import { arbFeesFor, planArb } from '../../../lib/core/arb';
import { kalshiOrderFee, polymarketOrderFee } from '../../../lib/core/fees';
import type { Book, GamePair, InstrumentRef, League, Level } from '../../../lib/core/market';
import { instrumentKey, MAJOR_LEAGUES as LEAGUES } from '../../../lib/core/market';
import { POLYMARKET_MIN_MARKETABLE_MICROS } from '../../../lib/core/order-precision';

// A compact pair: side 0 = AAA, side 1 = BBB (the shape lib/core/match.ts produces).
const EVENT = 'KXGAME-26NOV29AAABBB';
function pairOf(league: League, ratePpm: number, multiplierPpm: number): GamePair {
  const market = (suffix: string) => ({
    ticker: `${EVENT}-${suffix}`,
    suffix,
    yesSubTitle: suffix,
    tickMicros: 10_000,
    tradable: true,
  });
  return {
    id: `${league}:0xc:${EVENT}`,
    league,
    polymarket: {
      venue: 'polymarket',
      league,
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
      fee: { ratePpm, exponent: 1, takerOnly: true },
      tradable: true,
    },
    kalshi: {
      venue: 'kalshi',
      league,
      seriesTicker: 'KXGAME',
      eventTicker: EVENT,
      title: 'A at B',
      markets: [market('AAA'), market('BBB')],
      gameStartMs: 0,
      expectedExpirationMs: null,
      feeType: 'quadratic',
      feeMultiplierPpm: multiplierPpm,
    },
    sides: [
      {
        team: { league, code: 'AAA' },
        polymarket: { venue: 'polymarket', conditionId: '0xc', tokenId: 'tA' },
        polymarketName: 'A',
        kalshiTicker: `${EVENT}-AAA`,
      },
      {
        team: { league, code: 'BBB' },
        polymarket: { venue: 'polymarket', conditionId: '0xc', tokenId: 'tB' },
        polymarketName: 'B',
        kalshiTicker: `${EVENT}-BBB`,
      },
    ],
    kalshiTieTicker: null,
  };
}

const INSTRUMENTS: InstrumentRef[] = [
  { venue: 'polymarket', conditionId: '0xc', tokenId: 'tA' },
  { venue: 'polymarket', conditionId: '0xc', tokenId: 'tB' },
  { venue: 'kalshi', ticker: `${EVENT}-AAA`, side: 'yes' },
  { venue: 'kalshi', ticker: `${EVENT}-AAA`, side: 'no' },
  { venue: 'kalshi', ticker: `${EVENT}-BBB`, side: 'yes' },
  { venue: 'kalshi', ticker: `${EVENT}-BBB`, side: 'no' },
];

// Prices cluster around 50¢ so that many generated pairs are real arbitrages.
const bookArb = (instrument: InstrumentRef) =>
  fc
    .record({
      tick: fc.constantFrom(10_000, 1_000),
      levels: fc.array(
        fc.record({ k: fc.integer({ min: 300, max: 700 }), sizeCenti: fc.integer({ min: 0, max: 50_000 }) }),
        { maxLength: 6 },
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

interface Scenario {
  readonly league: League;
  readonly ratePpm: number;
  readonly multiplierPpm: number;
  readonly books: Book[];
  readonly limits: {
    readonly minRoiPpm: number;
    readonly maxPositionMicros: number;
    readonly pm: number;
    readonly k: number;
    readonly maxTailLossMicros: number | undefined;
  };
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  league: fc.constantFrom(...LEAGUES),
  ratePpm: fc.constantFrom(0, 30_000, 70_000),
  multiplierPpm: fc.constantFrom(1_000_000, 500_000),
  books: fc.tuple(...INSTRUMENTS.map(bookArb)).map((bs): Book[] => bs),
  limits: fc.record({
    minRoiPpm: fc.constantFrom(0, 1_000, 10_000, 30_000),
    maxPositionMicros: fc.integer({ min: 0, max: 2_000_000_000 }),
    pm: fc.integer({ min: 0, max: 1_000_000_000 }),
    k: fc.integer({ min: 0, max: 1_000_000_000 }),
    maxTailLossMicros: fc.option(fc.integer({ min: 0, max: 500_000_000 }), { nil: undefined }),
  }),
});

function setup(s: Scenario) {
  const pair = pairOf(s.league, s.ratePpm, s.multiplierPpm);
  const limits: ArbLimits = {
    minRoiPpm: s.limits.minRoiPpm,
    maxPositionMicros: s.limits.maxPositionMicros,
    balanceMicros: { polymarket: s.limits.pm, kalshi: s.limits.k },
    nowMs: 100_000,
    maxBookAgeMs: 1_000,
    rules: { tail: 'accept-bounded', allowUnverified: true },
    maxTailLossMicros: s.limits.maxTailLossMicros,
  };
  const books = new Map<string, Book>(s.books.map((b) => [instrumentKey(b.instrument), b]));
  return { pair, limits, books, fees: arbFeesFor(pair) };
}

function checkLegAgainstBook(plan: ArbPlan, books: Map<string, Book>): void {
  for (const leg of plan.legs) {
    const book = books.get(instrumentKey(leg.instrument))!;
    expect(leg.levels.reduce((s, l) => s + l.sizeCenti, 0)).toBe(plan.sizeCenti);
    expect(leg.limitPriceMicros).toBe(Math.max(...leg.levels.map((l) => l.priceMicros)));
    for (const l of leg.levels) {
      const available = book.asks.filter((a) => a.priceMicros === l.priceMicros).reduce((s, a) => s + a.sizeCenti, 0);
      expect(l.sizeCenti).toBeLessThanOrEqual(available);
    }
    expect(leg.notionalMicros).toBe(leg.levels.reduce((s, l) => s + (l.priceMicros * l.sizeCenti) / 100, 0));
    expect(leg.feeMicros).toBeGreaterThanOrEqual(0);
    expect(leg.costMicros).toBe(leg.notionalMicros + leg.feeMicros);
  }
}

/** Shuffle levels and split each into two halves at the same price: the same book to a trader. */
function scramble(book: Book, seed: number): Book {
  const split: Level[] = book.asks.flatMap((l) => {
    const half = Math.floor(l.sizeCenti / 2);
    return [
      { priceMicros: l.priceMicros, sizeCenti: half },
      { priceMicros: l.priceMicros, sizeCenti: l.sizeCenti - half },
    ];
  });
  const shuffled = split
    .map((l, i) => ({ l, key: (i * 7919 + seed * 104729) % 1_000_003 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.l);
  return { ...book, asks: shuffled };
}

const RUNS = { numRuns: 300 };

describe('planArb properties', () => {
  it('never plans a worst-case profit ≤ 0, unequal shares, or anything beyond the limits', () => {
    let planned = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { pair, limits, books, fees } = setup(s);
        const plan = planArb(pair, books, fees, limits);
        if (!plan) return;
        planned += 1;
        expect(plan.worstCaseProfitMicros).toBeGreaterThan(0);
        for (const sc of plan.scenarios) expect(sc.profitMicros).toBeGreaterThanOrEqual(plan.worstCaseProfitMicros);
        expect(plan.legs[0].sizeCenti).toBe(plan.sizeCenti);
        expect(plan.legs[1].sizeCenti).toBe(plan.sizeCenti);
        expect(plan.legs.map((l) => l.venue)).toEqual(['polymarket', 'kalshi']);
        expect(plan.legs[0].backsSide).not.toBe(plan.legs[1].backsSide);
        expect(plan.costMicros).toBe(plan.legs[0].costMicros + plan.legs[1].costMicros);
        expect(plan.costMicros).toBeLessThanOrEqual(limits.maxPositionMicros);
        expect(plan.legs[0].costMicros).toBeLessThanOrEqual(limits.balanceMicros.polymarket);
        expect(plan.legs[1].costMicros).toBeLessThanOrEqual(limits.balanceMicros.kalshi);
        if (limits.maxTailLossMicros !== undefined) {
          for (const t of plan.tailScenarios) expect(-t.profitMicros).toBeLessThanOrEqual(limits.maxTailLossMicros);
        }
        expect(BigInt(plan.worstCaseProfitMicros) * 1_000_000n).toBeGreaterThanOrEqual(
          BigInt(limits.minRoiPpm) * BigInt(plan.costMicros),
        );
        // Venue minimums: Kalshi's count minimum; Polymarket FOK/FAK buys spend at least $1 and its share
        // minimum (orderMinSize) applies to resting orders only (docs/venues-polymarket.md#p5-minimums).
        const [pmLeg, kLeg] = plan.legs;
        expect(plan.sizeCenti).toBeGreaterThanOrEqual(
          Math.max(1, books.get(instrumentKey(kLeg.instrument))!.minSizeCenti),
        );
        expect(pmLeg.notionalMicros).toBeGreaterThanOrEqual(POLYMARKET_MIN_MARKETABLE_MICROS);
        checkLegAgainstBook(plan, books);
      }),
      RUNS,
    );
    expect(planned).toBeGreaterThan(10); // the generator really exercises plans
  });

  it('charges the fees the fee module computes for the levels it takes, never negative', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { pair, limits, books, fees } = setup(s);
        const plan = planArb(pair, books, fees, limits);
        if (!plan) return;
        const [pm, k] = plan.legs;
        const fills = (l: typeof pm) => l.levels.map((x) => ({ price: x.priceMicros, count: x.sizeCenti }));
        expect(pm.feeMicros).toBe(polymarketOrderFee(fills(pm), s.ratePpm, 1));
        expect(k.feeMicros).toBe(kalshiOrderFee({ fills: fills(k), kind: 'taker', multiplier: s.multiplierPpm }));
        expect(plan.feeMicros).toBe(pm.feeMicros + k.feeMicros);
        expect(pm.feeMicros).toBeGreaterThanOrEqual(0);
        expect(k.feeMicros).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('pays exactly $1 a share in every covered scenario of a two-leg cover', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { pair, limits, books, fees } = setup(s);
        const plan = planArb(pair, books, fees, limits);
        if (!plan) return;
        for (const sc of plan.scenarios) {
          expect(sc.payoutMicros).toBe(plan.sizeCenti * 10_000);
          expect(sc.profitMicros).toBe(sc.payoutMicros - plan.costMicros);
        }
      }),
      RUNS,
    );
  });

  it('does not depend on the order or splitting of book levels', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 1_000 }), (s, seed) => {
        const { pair, limits, books, fees } = setup(s);
        const scrambled = new Map<string, Book>(
          [...books.entries()].reverse().map(([key, b]) => [key, scramble(b, seed)]),
        );
        expect(planArb(pair, scrambled, fees, limits)).toEqual(planArb(pair, books, fees, limits));
      }),
      RUNS,
    );
  });

  it('never finds an arbitrage when every cover costs at least $1 before fees', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { pair, limits, books, fees } = setup(s);
        const best = (i: number) =>
          Math.min(Infinity, ...s.books[i]!.asks.filter((l) => l.sizeCenti > 0).map((l) => l.priceMicros));
        // combos: A token + (BBB yes | AAA no), B token + (AAA yes | BBB no)
        const covers = [best(0) + best(4), best(0) + best(3), best(1) + best(2), best(1) + best(5)];
        fc.pre(covers.every((c) => c >= 1_000_000));
        expect(planArb(pair, books, fees, limits)).toBeNull();
      }),
      RUNS,
    );
  });
});

/** Independent depth walk: worst-case profit of one combination at N shares, or null if a limit breaks. */
function bruteProfit(
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
  // A Polymarket FOK buy must spend $1 (docs/venues-polymarket.md#p5-minimums).
  if (notional(pm) < 1_000_000) return null;
  const pmCost = notional(pm) + polymarketOrderFee(pm, s.ratePpm, 1);
  const kCost = notional(k) + kalshiOrderFee({ fills: k, kind: 'taker', multiplier: s.multiplierPpm });
  if (pmCost > limits.balanceMicros.polymarket || kCost > limits.balanceMicros.kalshi) return null;
  if (pmCost + kCost > limits.maxPositionMicros) return null;
  return n * 10_000 - pmCost - kCost;
}

describe('planArb optimality', () => {
  const small = fc.record({
    league: fc.constantFrom<League>('NFL', 'MLB'),
    ratePpm: fc.constantFrom(0, 30_000),
    multiplierPpm: fc.constantFrom(1_000_000, 500_000),
    books: fc.tuple(
      ...INSTRUMENTS.map((instrument) =>
        fc
          .record({
            // A venue book has one level per price (sizes at one price are aggregated): with two
            // levels at one price the brute force would round two fees where the planner rounds one.
            levels: fc.uniqueArray(
              fc.record({ c: fc.integer({ min: 35, max: 65 }), sizeCenti: fc.integer({ min: 1, max: 400 }) }),
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

  it('with a zero minimum ROI, finds the best size of every combination to within the venues’ rounding', () => {
    let profitable = 0;
    fc.assert(
      fc.property(small, (s) => {
        const pair = pairOf(s.league, s.ratePpm, s.multiplierPpm);
        const limits: ArbLimits = {
          minRoiPpm: 0,
          maxPositionMicros: s.maxPositionMicros,
          balanceMicros: { polymarket: 20_000_000, kalshi: 20_000_000 },
          nowMs: 100_000,
          maxBookAgeMs: 1_000,
          rules: { tail: 'accept-bounded', allowUnverified: true },
        };
        const books = new Map<string, Book>(s.books.map((b) => [instrumentKey(b.instrument), b]));
        const plan = planArb(pair, books, arbFeesFor(pair), limits);
        // A token + (BBB yes | AAA no), B token + (AAA yes | BBB no)
        const combos: [number, number][] = [
          [0, 4],
          [0, 3],
          [1, 2],
          [1, 5],
        ];
        let brute = 0;
        for (const [p, k] of combos) {
          const pmBook = s.books[p]!;
          const kBook = s.books[k]!;
          // Polymarket's share minimum binds resting orders only (docs/venues-polymarket.md#p5-minimums).
          const lowest = Math.max(1, kBook.minSizeCenti);
          const depth = (b: Book) => b.asks.reduce((t, l) => t + l.sizeCenti, 0);
          for (let n = lowest; n <= Math.min(depth(pmBook), depth(kBook)); n += 1) {
            const profit = bruteProfit(pmBook, kBook, n, s, limits);
            if (profit !== null && profit > brute) brute = profit;
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
    expect(profitable).toBeGreaterThan(10); // not vacuous: many generated pairs are real arbitrages
  });
});
