/**
 * lib/core/capital.ts against hand-computed vectors (docs/capital.md): per-venue locked capital,
 * won-not-redeemed, runway, and the return on locked capital with its rounding.
 */
import type { BetLeg, BetRecord, BetResult, BetStatus } from '../../../lib/core/bet';
import {
  betReturn,
  legLockedMicros,
  lockedCapitalOf,
  MIN_LOCKED_MS,
  perTradeSpendMicros,
  returnOnLockedCapital,
  runwayTrades,
  venueCapital,
} from '../../../lib/core/capital';

const USD = 1_000_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 24, 12);

/** Kalshi YES 10 @ $0.45 (+$0.10 fee) = $4.60; Polymarket 10 @ $0.50 (+$0.05) = $5.05; cost $9.65. */
function leg(venue: 'kalshi' | 'polymarket', filledCenti = 1_000): BetLeg {
  const price = venue === 'kalshi' ? 450_000 : 500_000;
  const fee = venue === 'kalshi' ? 100_000 : 50_000;
  return {
    venue,
    instrument:
      venue === 'kalshi'
        ? { venue, ticker: 'KXNBAGAME-26NOV24LALBOS-LAL', side: 'yes' }
        : { venue, conditionId: '0xabc', tokenId: '7132' },
    side: 'buy',
    limitPriceMicros: price,
    sizeCenti: 1_000,
    notionalMicros: price * 10,
    feeMicros: fee,
    attempt: 0,
    clientOrderId: `b-${venue}`,
    venueOrderId: filledCenti > 0 ? `v-${venue}` : null,
    filledCenti,
    filledNotionalMicros: (price * filledCenti) / 100,
    filledFeeMicros: filledCenti > 0 ? fee : 0,
  };
}

function result(payoutMicros: number, legPayoutsMicros?: number[]): BetResult {
  const spent = 9_650_000;
  return {
    spentMicros: spent,
    receivedMicros: payoutMicros,
    payoutMicros,
    pnlMicros: payoutMicros - spent,
    lossMicros: Math.max(0, spent - payoutMicros),
    creditMicros: 9_650_000 - spent + payoutMicros,
    realisedDay: '2026-11-24',
    ...(legPayoutsMicros ? { legPayoutsMicros } : {}),
  };
}

function bet(over: Partial<BetRecord> & { status?: BetStatus } = {}): BetRecord {
  return {
    id: 'b',
    mode: 'live',
    pairId: 'p',
    league: 'NBA',
    title: 'Lakers vs. Celtics',
    teams: ['LAL', 'BOS'],
    status: 'open',
    ledger: 'reserved',
    reservedMicros: 9_650_000,
    worstCaseLossMicros: 600_000,
    admittedDay: '2026-11-24',
    legs: [leg('kalshi'), leg('polymarket')],
    unwinds: [],
    result: null,
    cooldownUntilMs: null,
    note: null,
    createdAtMs: T0,
    updatedAtMs: T0,
    admittedBy: 'r',
    statusTimes: {},
    statusBy: {},
    version: 1,
    ...over,
  };
}

const settled = (payout: number, split?: number[], closedAtMs = T0 + DAY) =>
  bet({
    status: 'settled',
    ledger: 'applied',
    result: result(payout, split),
    statusTimes: { settled: closedAtMs },
    updatedAtMs: closedAtMs,
  });

describe('runway', () => {
  it('a trade may spend the whole per-trade cap on one venue: min(bet amount, max position)', () => {
    expect(perTradeSpendMicros(10 * USD, 100 * USD)).toBe(10 * USD);
    expect(perTradeSpendMicros(50 * USD, 20 * USD)).toBe(20 * USD);
  });

  it('is floor(cash ÷ per-trade spend), 0 for no or negative cash, and refuses a zero spend', () => {
    expect(runwayTrades(100 * USD, 10 * USD)).toBe(10);
    expect(runwayTrades(100 * USD - 1, 10 * USD)).toBe(9);
    expect(runwayTrades(10 * USD - 1, 10 * USD)).toBe(0);
    expect(runwayTrades(0, 10 * USD)).toBe(0);
    expect(runwayTrades(-5, 10 * USD)).toBe(0);
    expect(() => runwayTrades(USD, 0)).toThrow(RangeError);
    expect(() => runwayTrades(0.5, USD)).toThrow(RangeError);
  });
});

describe('legLockedMicros', () => {
  it('open: what each leg took from its venue, fees included', () => {
    const b = bet();
    expect(legLockedMicros(b, 0)).toBe(4_600_000);
    expect(legLockedMicros(b, 1)).toBe(5_050_000);
  });

  it('placing with nothing filled: the planned cost of each leg (its share of the reservation)', () => {
    const b = bet({ status: 'placing', legs: [leg('kalshi', 0), leg('polymarket', 0)] });
    expect(legLockedMicros(b, 0)).toBe(4_600_000);
    expect(legLockedMicros(b, 1)).toBe(5_050_000);
  });

  it('unwinding: fills minus what the unwind sells brought back net of their fees; never below 0', () => {
    const unwind = (proceedsMicros: number) => ({
      legIndex: 0,
      attempt: 0,
      clientOrderId: 'u',
      venueOrderId: 'vu',
      limitPriceMicros: 400_000,
      sizeCenti: 500,
      filledCenti: 500,
      proceedsMicros,
      feeMicros: 20_000,
      atMs: T0,
    });
    const b = bet({ status: 'unwinding', legs: [leg('kalshi'), leg('polymarket', 0)], unwinds: [unwind(2 * USD)] });
    expect(legLockedMicros(b, 0)).toBe(4_600_000 - 1_980_000);
    expect(legLockedMicros(b, 1)).toBe(0);
    expect(legLockedMicros(bet({ status: 'unwinding', unwinds: [unwind(9 * USD)] }), 0)).toBe(0);
  });

  it('finished bets lock nothing', () => {
    expect(legLockedMicros(settled(10 * USD), 0)).toBe(0);
  });
});

describe('venueCapital', () => {
  const input = {
    mode: 'live' as const,
    cashMicros: { polymarket: 25 * USD, kalshi: 105 * USD },
    perTradeMicros: 10 * USD,
    alertBelowTrades: 5,
  };

  it('with no bets: cash and runway only, nothing locked or won', () => {
    expect(venueCapital({ ...input, bets: [] })).toEqual({
      polymarket: {
        venue: 'polymarket',
        cashMicros: 25 * USD,
        lockedMicros: 0,
        lockedBets: 0,
        wonNotRedeemedMicros: 0,
        wonNotRedeemedBets: 0,
        unsplitSettledBets: 0,
        runwayTrades: 2,
        runwayLow: true,
      },
      kalshi: {
        venue: 'kalshi',
        cashMicros: 105 * USD,
        lockedMicros: 0,
        lockedBets: 0,
        wonNotRedeemedMicros: 0,
        wonNotRedeemedBets: 0,
        unsplitSettledBets: 0,
        runwayTrades: 10,
        runwayLow: false,
      },
    });
  });

  it('zero cash: runway 0 and low; unknown cash: runway and low are null, not 0', () => {
    const zero = venueCapital({ ...input, cashMicros: { polymarket: 0, kalshi: 0 }, bets: [] });
    expect(zero.kalshi).toMatchObject({ cashMicros: 0, runwayTrades: 0, runwayLow: true });
    const unknown = venueCapital({ ...input, cashMicros: null, bets: [bet()] });
    expect(unknown.polymarket).toMatchObject({ cashMicros: null, runwayTrades: null, runwayLow: null });
    expect(unknown.polymarket.lockedMicros).toBe(5_050_000);
    // A threshold of 0 never alerts.
    expect(
      venueCapital({ ...input, alertBelowTrades: 0, cashMicros: { polymarket: 0, kalshi: 0 }, bets: [] }).kalshi
        .runwayLow,
    ).toBe(false);
  });

  it('live: locks each open leg on its venue; Polymarket legs of settled wins are won but not redeemed', () => {
    const bets = [
      bet({ id: 'open1' }),
      bet({ id: 'open2' }),
      settled(10 * USD, [0, 10 * USD]), // the Polymarket leg won: its $10 waits for redemption
      settled(10 * USD, [10 * USD, 0]), // the Kalshi leg won: Kalshi pays cash at settlement
      settled(10 * USD), // settled before per-leg payouts were recorded: counted apart
      bet({ status: 'unwound', ledger: 'applied', result: result(0) }),
    ];
    const v = venueCapital({ ...input, bets });
    expect(v.kalshi).toMatchObject({
      lockedMicros: 9_200_000,
      lockedBets: 2,
      wonNotRedeemedMicros: 0,
      unsplitSettledBets: 0,
    });
    expect(v.polymarket).toMatchObject({
      lockedMicros: 10_100_000,
      lockedBets: 2,
      wonNotRedeemedMicros: 10 * USD,
      wonNotRedeemedBets: 1,
      unsplitSettledBets: 1,
    });
  });

  it('paper: nothing is won-not-redeemed (paper credits at settlement)', () => {
    const v = venueCapital({ ...input, mode: 'paper', bets: [settled(10 * USD, [0, 10 * USD]), settled(10 * USD)] });
    expect(v.polymarket).toMatchObject({ wonNotRedeemedMicros: 0, wonNotRedeemedBets: 0, unsplitSettledBets: 0 });
  });
});

describe('return on locked capital', () => {
  // Hand-computed: 350,000 × 10⁶ × 86,400,000 ÷ (9,650,000 × lockedMs), half away from zero.
  const b = (profitMicros: number, lockedMs: number, capitalMicros = 9_650_000) => ({
    profitMicros,
    capitalMicros,
    createdAtMs: T0,
    closedAtMs: T0 + lockedMs,
  });

  it('per bet: profit ÷ (capital × days locked) in ppm per day', () => {
    expect(betReturn(b(350_000, DAY))).toEqual({
      profitMicros: 350_000,
      capitalMicros: 9_650_000,
      lockedMs: DAY,
      countedMs: DAY,
      perDayPpm: 36_269, // 36,269.43
    });
    expect(betReturn(b(350_000, DAY / 2))?.perDayPpm).toBe(72_539); // 72,538.86
    expect(betReturn(b(-9_650_000, 2 * DAY))?.perDayPpm).toBe(-500_000); // lost it all over two days
  });

  it('a bet created and settled in the same millisecond counts as locked MIN_LOCKED_MS (1 h)', () => {
    expect(MIN_LOCKED_MS).toBe(3_600_000);
    expect(betReturn(b(350_000, 0))).toMatchObject({ lockedMs: 0, countedMs: 3_600_000, perDayPpm: 870_466 });
    // Clock skew (closed before created) takes the minimum too.
    expect(betReturn(b(350_000, -5_000))).toMatchObject({ lockedMs: -5_000, countedMs: 3_600_000 });
  });

  it('rounds halves away from zero, both signs', () => {
    expect(betReturn(b(1, DAY, 2 * USD))?.perDayPpm).toBe(1); // exactly 0.5 ppm
    expect(betReturn(b(-1, DAY, 2 * USD))?.perDayPpm).toBe(-1);
  });

  it('no capital: no figure', () => {
    expect(betReturn(b(0, DAY, 0))).toBeNull();
  });

  it('overall: Σ profit ÷ Σ (capital × days), not the mean of the per-bet figures', () => {
    const s = returnOnLockedCapital([b(350_000, DAY), b(350_000, DAY / 2), b(-9_650_000, 2 * DAY), b(0, DAY, 0)]);
    expect(s).toEqual({
      bets: 3,
      profitMicros: -8_950_000,
      capitalMicros: 3 * 9_650_000,
      capitalMs: 9_650_000n * BigInt(DAY + DAY / 2 + 2 * DAY),
      perDayPpm: -264_989, // −264,988.897
      perYearPpm: -96_720_947, // × 365 before rounding
    });
  });

  it('overall with no bets: null ratios, zero sums', () => {
    expect(returnOnLockedCapital([])).toEqual({
      bets: 0,
      profitMicros: 0,
      capitalMicros: 0,
      capitalMs: 0n,
      perDayPpm: null,
      perYearPpm: null,
    });
  });

  it('counts finished bets with something spent, from their stored result and close time', () => {
    expect(lockedCapitalOf(settled(10 * USD, undefined, T0 + 5_000))).toEqual({
      profitMicros: 350_000,
      capitalMicros: 9_650_000,
      createdAtMs: T0,
      closedAtMs: T0 + 5_000,
    });
    expect(lockedCapitalOf(bet())).toBeNull();
    const failed = bet({
      status: 'failed',
      legs: [leg('kalshi', 0), leg('polymarket', 0)],
      result: { ...result(0), spentMicros: 0, pnlMicros: 0, lossMicros: 0 },
    });
    expect(lockedCapitalOf(failed)).toBeNull();
  });
});
