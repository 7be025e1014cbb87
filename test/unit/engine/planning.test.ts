/**
 * planAligned: plans go out in whole order steps, and a Polymarket FOK buy at a fine tick is
 * sized so that its limit price × size is whole cents (the venue's market-order precision).
 */
import fc from 'fast-check';
import type { ArbLimits } from '../../../lib/core/arb';
import { type Book, type GamePair, type InstrumentRef, instrumentKey } from '../../../lib/core/market';
import { polymarketBuySizeStepCenti } from '../../../lib/core/order-precision';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig, planAligned, toPlannedLeg } from '../../../lib/engine';

const EVENT = 'KXNFLGAME-26NOV29KCBUF';
const PM_KC: InstrumentRef = { venue: 'polymarket', conditionId: '0xcond', tokenId: 'tokKC' };
const K_KC_NO: InstrumentRef = { venue: 'kalshi', ticker: `${EVENT}-KC`, side: 'no' };

function pairWithTick(tickMicros: number): GamePair {
  const market = (suffix: string) => ({
    ticker: `${EVENT}-${suffix}`,
    suffix,
    yesSubTitle: suffix,
    tickMicros: 10_000,
    tradable: true,
  });
  return {
    id: `NFL:0xcond:${EVENT}`,
    league: 'NFL',
    polymarket: {
      venue: 'polymarket',
      league: 'NFL',
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
      tickMicros,
      minSizeCenti: 100,
      fee: { ratePpm: 30_000, exponent: 1, takerOnly: true },
      tradable: true,
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
        polymarket: { venue: 'polymarket', conditionId: '0xcond', tokenId: 'tokKC' },
        polymarketName: 'Chiefs',
        kalshiTicker: `${EVENT}-KC`,
      },
      {
        team: { league: 'NFL', code: 'BUF' },
        polymarket: { venue: 'polymarket', conditionId: '0xcond', tokenId: 'tokBUF' },
        polymarketName: 'Bills',
        kalshiTicker: `${EVENT}-BUF`,
      },
    ],
    kalshiTieTicker: null,
  };
}

const book = (instrument: InstrumentRef, priceMicros: number, sizeCenti: number, tickMicros: number): Book => ({
  instrument,
  asks: [{ priceMicros, sizeCenti }],
  bids: [],
  tickMicros,
  minSizeCenti: 100,
  observedAtMs: 1_000_000,
});

const LIMITS: ArbLimits = {
  minRoiPpm: 5_000,
  maxPositionMicros: 1_000_000_000,
  balanceMicros: { polymarket: 500_000_000, kalshi: 500_000_000 },
  nowMs: 1_000_500,
  maxBookAgeMs: 2_000,
  rules: { tail: 'accept-bounded', allowUnverified: false },
};

const CONFIG = {
  ...DEFAULT_ENGINE_CONFIG,
  leagues: ['NFL'],
  risk: {},
  betAmountMicros: 0,
  firstLeg: 'kalshi',
} as unknown as EngineConfig;

/** Chiefs on Polymarket at `pmPrice` (tick `pmTick`) + Kalshi KC NO at 2¢, `shares` deep on Polymarket. */
function plan(pmPrice: number, pmTick: number, pmCenti: number) {
  const books = new Map([
    [instrumentKey(PM_KC), book(PM_KC, pmPrice, pmCenti, pmTick)],
    [instrumentKey(K_KC_NO), book(K_KC_NO, 20_000, 100_000, 10_000)],
  ]);
  return planAligned(pairWithTick(pmTick), books, LIMITS, CONFIG);
}

describe('planAligned', () => {
  it('sizes a fine-tick Polymarket buy so price × size is whole cents: 7 shares at 0.955 → 6', () => {
    const ev = plan(955_000, 1_000, 700);
    expect(ev.kind).toBe('plan');
    if (ev.kind !== 'plan') return;
    const pm = ev.plan.legs.find((l) => l.venue === 'polymarket')!;
    expect(pm.limitPriceMicros).toBe(955_000);
    expect(ev.plan.sizeCenti).toBe(600);
    expect((pm.limitPriceMicros * ev.plan.sizeCenti) % 1_000_000).toBe(0);
  });

  it('keeps whole-share sizes as they are at cent prices, and trades nothing when no whole step fits', () => {
    const cents = plan(950_000, 10_000, 700);
    expect(cents.kind === 'plan' && cents.plan.sizeCenti).toBe(700);
    // At 0.9555 a buy must be a multiple of 20 shares: 7 available is not enough.
    expect(plan(955_500, 100, 700).kind).toBe('none');
  });

  it('every aligned plan is on the order step and costs whole cents on Polymarket (property)', () => {
    let plans = 0;
    fc.assert(
      fc.property(fc.integer({ min: 940, max: 975 }), fc.integer({ min: 100, max: 5_000 }), (milli, centi) => {
        const ev = plan(milli * 1_000, 1_000, centi);
        if (ev.kind !== 'plan') return;
        plans += 1;
        const pm = ev.plan.legs.find((l) => l.venue === 'polymarket')!;
        expect(ev.plan.sizeCenti % 100).toBe(0);
        expect(ev.plan.sizeCenti % polymarketBuySizeStepCenti(pm.limitPriceMicros)).toBe(0);
      }),
      { numRuns: 200 },
    );
    expect(plans).toBeGreaterThan(50);
  });
});

describe('polymarketBuySizeStepCenti', () => {
  it.each([
    [500_000, 2],
    [450_000, 20],
    [965_000, 200],
    [955_500, 2_000],
    [10_000, 100],
  ])('at %i micros a buy is whole cents every %i centishares', (price, step) => {
    expect(polymarketBuySizeStepCenti(price)).toBe(step);
    expect((price * step) % 1_000_000).toBe(0);
    // And it is the smallest such step.
    for (let s = 1; s < step; s++) expect((price * s) % 1_000_000).not.toBe(0);
  });

  it('refuses prices outside (0, 1)', () => {
    expect(() => polymarketBuySizeStepCenti(0)).toThrow(RangeError);
    expect(() => polymarketBuySizeStepCenti(1_000_000)).toThrow(RangeError);
  });
});

describe('planAligned over a multi-level Polymarket walk (docs/adr/0007-polymarket-buys-spend-dollars.md)', () => {
  const planOn = (asks: Array<[number, number]>) => {
    const pmBook: Book = {
      instrument: PM_KC,
      asks: asks.map(([priceMicros, sizeCenti]) => ({ priceMicros, sizeCenti })),
      bids: [],
      tickMicros: 10_000,
      minSizeCenti: 500,
      observedAtMs: LIMITS.nowMs,
    };
    const books = new Map([
      [instrumentKey(PM_KC), pmBook],
      [instrumentKey(K_KC_NO), book(K_KC_NO, 20_000, 100_000, 10_000)],
    ]);
    const ev = planAligned(pairWithTick(10_000), books, LIMITS, CONFIG);
    if (ev.kind !== 'plan') throw new Error(`no plan: ${ev.reason}`);
    return { plan: ev.plan, pm: ev.plan.legs.find((l) => l.venue === 'polymarket')! };
  };

  it('walks both levels when the walk costs whole cents: 10 @ 0.94 + 30 @ 0.95 = $37.90', () => {
    const { plan, pm } = planOn([
      [940_000, 1_000],
      [950_000, 3_000],
    ]);
    expect(plan.sizeCenti).toBe(4_000);
    expect(pm.levels).toHaveLength(2);
    expect(pm.notionalMicros).toBe(37_900_000);
  });

  it('steps down when the walk is off whole cents although limit × size is not: 10.37 @ 0.94 then 0.95', () => {
    // Any whole-share size past 10.37 costs 0.95·N − $0.1037: never whole cents; 10 shares at 0.94 are.
    const { plan, pm } = planOn([
      [940_000, 1_037],
      [950_000, 3_000],
    ]);
    expect(plan.sizeCenti).toBe(1_000);
    expect(pm.notionalMicros % 10_000).toBe(0);
    expect(pm.notionalMicros).toBe(9_400_000);
  });
});

describe("planAligned on the legs' own order steps (docs/venues-kalshi.md#k1-fractional)", () => {
  /** Chiefs on Polymarket at $0.95 (a buy is whole cents every 0.2 share), 7.37 shares deep. */
  const planWith = (kalshiStep: number | undefined, pmStep: number | undefined) => {
    const stepped = (b: Book, step: number | undefined): Book =>
      step === undefined ? b : { ...b, minSizeCenti: Math.min(b.minSizeCenti, step), sizeStepCenti: step };
    const books = new Map([
      [instrumentKey(PM_KC), stepped(book(PM_KC, 950_000, 737, 10_000), pmStep)],
      [instrumentKey(K_KC_NO), stepped(book(K_KC_NO, 20_000, 100_000, 10_000), kalshiStep)],
    ]);
    const ev = planAligned(pairWithTick(10_000), books, LIMITS, CONFIG);
    if (ev.kind !== 'plan') throw new Error(`no plan: ${ev.reason}`);
    return { plan: ev.plan, books };
  };

  it('a fractional Kalshi market with a whole-share Polymarket leg aligns to the Polymarket step: 7 shares', () => {
    expect(planWith(1, 100).plan.sizeCenti).toBe(700);
  });

  it('a book that does not state its step takes the configured one (100): 7 shares', () => {
    expect(planWith(1, undefined).plan.sizeCenti).toBe(700);
    expect(planWith(undefined, 1).plan.sizeCenti).toBe(700);
  });

  it('where both legs take fractions the finer step wins: 7.2 shares (a multiple of 0.2 at $0.95)', () => {
    const { plan } = planWith(1, 1);
    expect(plan.sizeCenti).toBe(720);
    expect(plan.legs.map((l) => l.sizeCenti)).toEqual([720, 720]);
    // The step both legs take at $0.95: 0.2 share, where a buy costs whole cents.
    expect(polymarketBuySizeStepCenti(950_000)).toBe(20);
    expect(plan.sizeCenti % 20).toBe(0);
    const pm = plan.legs.find((l) => l.venue === 'polymarket')!;
    expect(pm.notionalMicros).toBe(6_840_000);
  });

  it('a whole-contract Kalshi market keeps whole shares although Polymarket takes fractions', () => {
    expect(planWith(100, 1).plan.sizeCenti).toBe(700);
  });

  it("records each leg's own step with the bet, for its later orders (unwind sells)", () => {
    const { plan, books } = planWith(1, 100);
    const legs = plan.legs.map((l) => toPlannedLeg(l, books, CONFIG));
    expect(legs.map((l) => [l.venue, l.sizeStepCenti])).toEqual(
      plan.legs.map((l) => [l.venue, l.venue === 'kalshi' ? 1 : 100]),
    );
  });
});
