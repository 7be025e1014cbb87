/**
 * Capital per venue and the return on locked capital (docs/capital.md). Pure: money in exact
 * integer micros, times in epoch milliseconds passed in, ratios as integer parts per million
 * computed with bigint and rounded once (half away from zero), never binary floats.
 *
 * - Per venue: cash (given: the venue's own balance in live, the ledger balance in paper),
 *   capital locked in unfinished bets on that venue, value won on Polymarket but not redeemed
 *   (live only), and the runway: how many more trades that venue's cash can fund.
 * - Return on locked capital (ROLC) of a finished bet: profit ÷ (capital × days locked); over
 *   many bets: Σ profit ÷ Σ (capital × days locked).
 */
import { type BetRecord, isTerminal } from './bet';
import { PAIR_VENUES, type PairVenue, pairVenueOf, type VenueName } from './market';
import type { TradingMode } from './mode';
import { assertInteger, divRound, type Micros } from './money';
import { MS_PER_DAY } from './time';

/** A bet that finished faster than this counts as locked this long (no division by ~0). */
export const MIN_LOCKED_MS = 3_600_000;
export const PPM = 1_000_000;
/** The yearly figure is the daily one × 365, simple (not compounded). */
export const DAYS_PER_YEAR = 365;

/**
 * Venues whose winning shares pay only once redeemed (docs/redemption.md): a Polymarket winning
 * outcome token is an on-chain balance until someone redeems it. Kalshi credits cash at settlement.
 * Polymarket US is an exchange account with no redemption step documented; it is not counted here
 * (unverified how a settled position reaches buying power: docs/venues-polymarket-us.md#u-settlement).
 */
export const PAID_ON_REDEMPTION: ReadonlySet<VenueName> = new Set<VenueName>(['polymarket']);

/**
 * What one trade may spend on ONE venue (docs/capital.md#runway). The planner caps a plan's
 * total cost, both legs with fees, at min(bet amount, max position), and either leg may take
 * almost all of it (a 97¢ favourite against a 2¢ underdog), so the conservative bound per
 * venue is the whole cap.
 */
export function perTradeSpendMicros(betAmountMicros: Micros, maxPositionMicros: Micros): Micros {
  assertInteger(betAmountMicros, 'betAmountMicros');
  assertInteger(maxPositionMicros, 'maxPositionMicros');
  return Math.min(betAmountMicros, maxPositionMicros);
}

/** floor(max(0, cash) ÷ per-trade spend): trades this cash can fund at the cap. */
export function runwayTrades(cashMicros: Micros, perTradeMicros: Micros): number {
  assertInteger(cashMicros, 'cashMicros');
  assertInteger(perTradeMicros, 'perTradeMicros');
  if (perTradeMicros <= 0) throw new RangeError(`perTradeMicros must be > 0, got ${perTradeMicros}`);
  return Math.floor(Math.max(0, cashMicros) / perTradeMicros);
}

/** A runway is low when it is below the alert threshold (a threshold of 0 never alerts). */
export function isRunwayLow(runway: number, alertBelowTrades: number): boolean {
  return runway < alertBelowTrades;
}

const PLACING: ReadonlySet<string> = new Set(['admitted', 'placing']);

/**
 * What one leg of an unfinished bet keeps out of its venue's cash. While the bet is `admitted`
 * or `placing`: the larger of the leg's planned cost and what its fills took (fees included),
 * i.e. its share of the reservation. Afterwards (`open`, `unwinding`): what its fills took minus
 * what its unwind sells brought back net of their fees, never below 0. Finished bets lock nothing.
 */
export function legLockedMicros(bet: BetRecord, legIndex: number): Micros {
  const leg = bet.legs[legIndex];
  if (!leg || isTerminal(bet.status)) return 0;
  const filled = leg.filledNotionalMicros + leg.filledFeeMicros;
  if (PLACING.has(bet.status)) return Math.max(leg.notionalMicros + leg.feeMicros, filled);
  const back = bet.unwinds
    .filter((u) => u.legIndex === legIndex)
    .reduce((s, u) => s + u.proceedsMicros - u.feeMicros, 0);
  return Math.max(0, filled - back);
}

export interface VenueCapital {
  readonly venue: PairVenue;
  /** The venue's cash now; null when it could not be read. */
  readonly cashMicros: Micros | null;
  /** Σ `legLockedMicros` over the unfinished bets' legs on this venue. */
  readonly lockedMicros: Micros;
  readonly lockedBets: number;
  /**
   * Live, venues paid on redemption only: Σ what settled bets' legs on this venue were paid,
   * except bets whose redemption is confirmed (`redeemedBetIds`). 0 in paper and on Kalshi.
   */
  readonly wonNotRedeemedMicros: Micros;
  readonly wonNotRedeemedBets: number;
  /** Settled bets with a leg here whose per-leg payout was not recorded: NOT in wonNotRedeemedMicros. */
  readonly unsplitSettledBets: number;
  /** floor(cash ÷ per-trade spend); null when the cash is unknown. */
  readonly runwayTrades: number | null;
  /** runwayTrades < the alert threshold; null when the cash is unknown. */
  readonly runwayLow: boolean | null;
}

export interface VenueCapitalInput {
  readonly mode: TradingMode;
  /** Each venue's cash now, or null when it could not be read. */
  readonly cashMicros: Readonly<Record<PairVenue, Micros>> | null;
  /** `perTradeSpendMicros`: what one trade may spend on one venue. */
  readonly perTradeMicros: Micros;
  readonly alertBelowTrades: number;
  /** The mode's bets (finished ones count only toward won-not-redeemed). */
  readonly bets: readonly BetRecord[];
  /** Bets whose Polymarket payout a confirmed redemption collected (docs/redemption.md#in-polymix): not counted as won-not-redeemed. */
  readonly redeemedBetIds?: ReadonlySet<string>;
}

export function venueCapital(input: VenueCapitalInput): Record<PairVenue, VenueCapital> {
  assertInteger(input.alertBelowTrades, 'alertBelowTrades');
  const out = {} as Record<PairVenue, VenueCapital>;
  for (const venue of PAIR_VENUES) {
    let locked = 0;
    let lockedBets = 0;
    let won = 0;
    let wonBets = 0;
    let unsplit = 0;
    for (const bet of input.bets) {
      // A leg counts on its venue's slot of the pair (either Polymarket on `polymarket`).
      const legs = bet.legs.map((l, i) => ({ l, i })).filter(({ l }) => pairVenueOf(l.venue) === venue);
      const countsWins = input.mode === 'live' && legs.some(({ l }) => PAID_ON_REDEMPTION.has(l.venue));
      if (legs.length === 0) continue;
      if (!isTerminal(bet.status)) {
        const micros = legs.reduce((s, { i }) => s + legLockedMicros(bet, i), 0);
        locked += micros;
        if (micros > 0) lockedBets += 1;
        continue;
      }
      if (!countsWins || bet.status !== 'settled' || !bet.result) continue;
      if (input.redeemedBetIds?.has(bet.id)) continue;
      const split = bet.result.legPayoutsMicros;
      if (!split || split.length !== bet.legs.length) {
        if (bet.result.payoutMicros > 0) unsplit += 1;
        continue;
      }
      const paid = legs.reduce((s, { i }) => s + (split[i] ?? 0), 0);
      won += paid;
      if (paid > 0) wonBets += 1;
    }
    assertInteger(locked, 'lockedMicros');
    assertInteger(won, 'wonNotRedeemedMicros');
    const cash = input.cashMicros ? input.cashMicros[venue] : null;
    const runway = cash === null ? null : runwayTrades(cash, input.perTradeMicros);
    out[venue] = {
      venue,
      cashMicros: cash,
      lockedMicros: locked,
      lockedBets,
      wonNotRedeemedMicros: won,
      wonNotRedeemedBets: wonBets,
      unsplitSettledBets: unsplit,
      runwayTrades: runway,
      runwayLow: runway === null ? null : isRunwayLow(runway, input.alertBelowTrades),
    };
  }
  return out;
}

// ---- return on locked capital -------------------------------------------------------------

/** A finished bet as the return on locked capital counts it. */
export interface LockedCapitalBet {
  /** Realised P&L (fees included), signed. */
  readonly profitMicros: Micros;
  /** What the bet's fills took, fees included (> 0). */
  readonly capitalMicros: Micros;
  readonly createdAtMs: number;
  readonly closedAtMs: number;
}

export interface BetReturn {
  readonly profitMicros: Micros;
  readonly capitalMicros: Micros;
  /** closed − created, as recorded (may be below MIN_LOCKED_MS, even negative under clock skew). */
  readonly lockedMs: number;
  /** max(lockedMs, MIN_LOCKED_MS): the time the formula divides by. */
  readonly countedMs: number;
  /** profit × 10⁶ × MS_PER_DAY ÷ (capital × countedMs), rounded half away from zero. */
  readonly perDayPpm: number;
}

export interface ReturnSummary {
  /** Bets counted (finished, capital > 0). */
  readonly bets: number;
  readonly profitMicros: Micros;
  readonly capitalMicros: Micros;
  /** Σ capital × countedMs (micro-dollar-milliseconds), exact. */
  readonly capitalMs: bigint;
  /** Σ profit × 10⁶ × MS_PER_DAY ÷ Σ (capital × countedMs), half away from zero; null with no bet. */
  readonly perDayPpm: number | null;
  /** The same × 365 (simple, not compounded), rounded once; null with no bet. */
  readonly perYearPpm: number | null;
}

/** A stored bet as the return counts it; null unless it is finished with something spent. */
export function lockedCapitalOf(bet: BetRecord): LockedCapitalBet | null {
  if (!isTerminal(bet.status) || !bet.result || bet.result.spentMicros <= 0) return null;
  return {
    profitMicros: bet.result.pnlMicros,
    capitalMicros: bet.result.spentMicros,
    createdAtMs: bet.createdAtMs,
    closedAtMs: bet.statusTimes[bet.status] ?? bet.updatedAtMs,
  };
}

function checked(b: LockedCapitalBet): void {
  assertInteger(b.profitMicros, 'profitMicros');
  assertInteger(b.capitalMicros, 'capitalMicros');
  assertInteger(b.createdAtMs, 'createdAtMs');
  assertInteger(b.closedAtMs, 'closedAtMs');
}

const countedMsOf = (b: LockedCapitalBet): number => Math.max(b.closedAtMs - b.createdAtMs, MIN_LOCKED_MS);

/** One bet's return on locked capital; null when its capital is not above 0. */
export function betReturn(b: LockedCapitalBet): BetReturn | null {
  checked(b);
  if (b.capitalMicros <= 0) return null;
  const countedMs = countedMsOf(b);
  const perDayPpm = divRound(
    BigInt(b.profitMicros) * BigInt(PPM) * BigInt(MS_PER_DAY),
    BigInt(b.capitalMicros) * BigInt(countedMs),
    'half-up',
  );
  return {
    profitMicros: b.profitMicros,
    capitalMicros: b.capitalMicros,
    lockedMs: b.closedAtMs - b.createdAtMs,
    countedMs,
    perDayPpm,
  };
}

/** Σ profit ÷ Σ (capital × days locked) over the bets with capital > 0. */
export function returnOnLockedCapital(bets: readonly LockedCapitalBet[]): ReturnSummary {
  let count = 0;
  let profit = 0n;
  let capital = 0n;
  let capitalMs = 0n;
  for (const b of bets) {
    checked(b);
    if (b.capitalMicros <= 0) continue;
    count += 1;
    profit += BigInt(b.profitMicros);
    capital += BigInt(b.capitalMicros);
    capitalMs += BigInt(b.capitalMicros) * BigInt(countedMsOf(b));
  }
  const perDay = (days: bigint): number | null =>
    count === 0 ? null : divRound(profit * BigInt(PPM) * BigInt(MS_PER_DAY) * days, capitalMs, 'half-up');
  const profitMicros = Number(profit);
  const capitalMicros = Number(capital);
  assertInteger(profitMicros, 'profitMicros');
  assertInteger(capitalMicros, 'capitalMicros');
  return {
    bets: count,
    profitMicros,
    capitalMicros,
    capitalMs,
    perDayPpm: perDay(1n),
    perYearPpm: perDay(BigInt(DAYS_PER_YEAR)),
  };
}
