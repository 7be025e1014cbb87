/**
 * The planner on a Kalshi × Polymarket US pair (docs/adr/0010-venue-pairs.md): the Polymarket-side
 * leg is a side of the one Polymarket US market (long = the first slug team), its fee is Polymarket
 * US's Θ·C·p(1−p) booked at the order's cap, its smallest buy is the market's minimum in contracts
 * (no $1 rule), and the rules are Polymarket US's (tie $0.50, fair price when postponed or cancelled).
 */
import type { ArbLimits } from '../../../lib/core/arb';
import { arbFeesFor, evaluateArb, planArb } from '../../../lib/core/arb';
import { polymarketUsOrderFeeCap } from '../../../lib/core/fees';
import type { Book, GamePair, InstrumentRef } from '../../../lib/core/market';
import { instrumentKey } from '../../../lib/core/market';

const EVENT = 'KXNFLGAME-26NOV29KCBUF';
const SLUG = 'aec-nfl-kc-buf-2026-11-29';
const I = {
  usKC: { venue: 'polymarket-us', marketSlug: SLUG, side: 'long' },
  usBUF: { venue: 'polymarket-us', marketSlug: SLUG, side: 'short' },
  kKCyes: { venue: 'kalshi', ticker: `${EVENT}-KC`, side: 'yes' },
  kKCno: { venue: 'kalshi', ticker: `${EVENT}-KC`, side: 'no' },
  kBUFyes: { venue: 'kalshi', ticker: `${EVENT}-BUF`, side: 'yes' },
  kBUFno: { venue: 'kalshi', ticker: `${EVENT}-BUF`, side: 'no' },
} satisfies Record<string, InstrumentRef>;

function pair(): GamePair {
  const market = (suffix: string) => ({
    ticker: `${EVENT}-${suffix}`,
    suffix,
    yesSubTitle: suffix,
    tickMicros: 10_000,
    tradable: true,
  });
  const team = (name: string, code: string) => ({ name, code, abbreviation: null, listedPriceMicros: null });
  return {
    id: `NFL:${SLUG}:${EVENT}`,
    league: 'NFL',
    polymarket: {
      venue: 'polymarket-us',
      league: 'NFL',
      eventId: 'e1',
      eventSlug: 'nfl-kc-buf-2026-11-29',
      marketSlug: SLUG,
      marketId: 'm1',
      title: 'Chiefs vs. Bills',
      slugDate: '2026-11-29',
      long: team('Chiefs', 'KC'),
      short: team('Bills', 'BUF'),
      gameStartMs: 0,
      tickMicros: 10_000,
      minSizeCenti: 100,
      sizeStepCenti: 100,
      takerThetaPpm: 69_500,
      tradable: true,
      listedLongAskMicros: null,
      listedShortAskMicros: null,
    },
    kalshi: {
      venue: 'kalshi',
      league: 'NFL',
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
        team: { league: 'NFL', code: 'KC' },
        polymarket: I.usKC,
        polymarketName: 'Chiefs',
        kalshiTicker: `${EVENT}-KC`,
      },
      {
        team: { league: 'NFL', code: 'BUF' },
        polymarket: I.usBUF,
        polymarketName: 'Bills',
        kalshiTicker: `${EVENT}-BUF`,
      },
    ],
    kalshiTieTicker: null,
  };
}

/** asks as [price in cents, whole contracts]. */
function book(instrument: InstrumentRef, asks: [number, number][], over: Partial<Book> = {}): Book {
  return {
    instrument,
    asks: asks.map(([c, s]) => ({ priceMicros: c * 10_000, sizeCenti: s * 100 })),
    bids: [],
    tickMicros: 10_000,
    minSizeCenti: 100,
    sizeStepCenti: 100,
    observedAtMs: 1_000_000,
    ...over,
  };
}

const booksOf = (...list: Book[]) => new Map(list.map((b) => [instrumentKey(b.instrument), b]));

const WORKED = (): Book[] => [
  book(I.usKC, [
    [45, 100],
    [46, 200],
    [48, 500],
  ]),
  book(I.usBUF, [[58, 300]]),
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
  minRoiPpm: 10_000,
  maxPositionMicros: 1_000_000_000,
  balanceMicros: { polymarket: 500_000_000, kalshi: 500_000_000 },
  nowMs: 1_000_500,
  maxBookAgeMs: 2_000,
  rules: { tail: 'accept-bounded', allowUnverified: false },
};

describe('planArb on Kalshi × Polymarket US', () => {
  it('takes the Polymarket US fee rule from the pair', () => {
    expect(arbFeesFor(pair()).polymarket).toEqual({ venue: 'polymarket-us', takerThetaPpm: 69_500 });
  });

  it('plans the long (Chiefs) side against Kalshi Bills YES, the Polymarket US fee at the order cap', () => {
    const p = pair();
    const plan = planArb(p, booksOf(...WORKED()), arbFeesFor(p), LIMITS);
    expect(plan).not.toBeNull();
    const [us, k] = plan!.legs;
    // Its fee is dearer than Polymarket's, so the slice from 100 to 150 contracts (46¢ + 50¢) no
    // longer earns 1% and the plan stops at 100 (Polymarket's plan of the same books takes 150).
    const levels = [{ priceMicros: 450_000, sizeCenti: 10_000 }];
    // Θ·C·p(1−p) = 0.0695·100·0.45·0.55 = $1.720125 → $1.72 (half to even).
    expect(polymarketUsOrderFeeCap([{ price: 450_000, count: 10_000 }], 69_500)).toBe(1_720_000);
    expect(us).toEqual({
      instrument: I.usKC,
      venue: 'polymarket-us',
      backsSide: 0,
      limitPriceMicros: 450_000,
      sizeCenti: 10_000,
      notionalMicros: 45_000_000,
      feeMicros: 1_720_000,
      costMicros: 46_720_000,
      levels,
    });
    expect(k).toMatchObject({ instrument: I.kBUFyes, venue: 'kalshi', backsSide: 1, sizeCenti: 10_000 });
    expect(plan!.costMicros).toBe(46_720_000 + k.costMicros);
    expect(plan!.worstCaseProfitMicros).toBe(100_000_000 - plan!.costMicros);
    // NFL tie: Polymarket US and Kalshi both settle at $0.50, so the tie is covered exactly.
    expect(plan!.scenarios.map((s) => [s.scenario, s.payoutMicros, s.exact])).toEqual([
      ['side0-wins', 100_000_000, true],
      ['side1-wins', 100_000_000, true],
      ['tie', 100_000_000, true],
    ]);
    // Postponed or cancelled: the last fair price on Polymarket US, a fair price on Kalshi.
    expect(plan!.tailScenarios.map((s) => [s.scenario, s.payoutMicros, s.exact])).toEqual([
      ['postponed', 0, false],
      ['cancelled', 0, false],
    ]);
  });

  it('buys under $1 on Polymarket US (its minimum is a number of contracts, not dollars)', () => {
    const p = pair();
    const books = booksOf(book(I.usKC, [[40, 2]]), book(I.kBUFyes, [[50, 2]]));
    const plan = planArb(p, books, arbFeesFor(p), LIMITS);
    expect(plan?.sizeCenti).toBe(200);
    expect(plan?.legs[0].notionalMicros).toBe(800_000);
  });

  it('refuses below the market minimum in contracts', () => {
    const p = pair();
    const books = booksOf(book(I.usKC, [[40, 2]], { minSizeCenti: 500 }), book(I.kBUFyes, [[50, 2]]));
    expect(evaluateArb(p, books, arbFeesFor(p), LIMITS)).toMatchObject({
      kind: 'none',
      reason: 'no-edge',
      combos: expect.arrayContaining([
        { combo: `polymarket:side0 + kalshi:${EVENT}-BUF:yes`, refusal: 'below-min-size' },
      ]),
    });
  });

  it("refuses to price a pair with the other Polymarket's fee rule", () => {
    const p = pair();
    expect(() =>
      planArb(p, booksOf(...WORKED()), { ...arbFeesFor(p), polymarket: { ratePpm: 30_000, exponent: 1 } }, LIMITS),
    ).toThrow(TypeError);
  });
});
