/**
 * A bet: its shape and its lifecycle table. All money is integer micros, all sizes integer
 * centishares (./money.ts). Pure: the store's item codec is lib/store/bet-record.ts.
 *
 * Lifecycle (docs/store.md#3-the-bet-lifecycle), the ONE table every status change is checked against:
 *
 *   admitted ──► placing ──► open ───────────► settled
 *      │            │  └──► unwinding ──► unwound
 *      │            │            └──► open      (unwind gave up: the leg is held to resolution)
 *      └────────────┴──► failed                 (nothing filled: the reservation is released)
 *
 * `failed`, `unwound` and `settled` are terminal: reaching one applies the bet's money to the
 * account exactly once (lib/store/ledger.ts). `ledger` tracks that: reserved → pending → applied.
 */
import type { InstrumentRef, League, VenueName } from './market';
import type { TradingMode } from './mode';
import type { Centishares, Micros, PriceMicros } from './money';

export type BetStatus = 'admitted' | 'placing' | 'open' | 'unwinding' | 'unwound' | 'failed' | 'settled';
export const BET_STATUSES: readonly BetStatus[] = [
  'admitted',
  'placing',
  'open',
  'unwinding',
  'unwound',
  'failed',
  'settled',
];

export const ALLOWED_TRANSITIONS: Readonly<Record<BetStatus, readonly BetStatus[]>> = {
  admitted: ['placing', 'failed'],
  placing: ['open', 'unwinding', 'failed'],
  unwinding: ['unwound', 'open'],
  open: ['settled'],
  unwound: [],
  failed: [],
  settled: [],
};

export type TerminalStatus = 'failed' | 'unwound' | 'settled';
export const isTerminal = (s: BetStatus): s is TerminalStatus => ALLOWED_TRANSITIONS[s].length === 0;
export const isAllowedTransition = (from: BetStatus, to: BetStatus): boolean => ALLOWED_TRANSITIONS[from].includes(to);

/** reserved: the account holds the intent. pending: terminal, money not yet applied. applied: done. */
export type LedgerState = 'reserved' | 'pending' | 'applied';

/** One leg as planned, before any order. */
export interface PlannedLeg {
  /** The instrument's venue (`pairVenueOf` gives its slot in the pair the engine trades). */
  readonly venue: VenueName;
  readonly instrument: InstrumentRef;
  readonly side: 'buy' | 'sell';
  readonly limitPriceMicros: PriceMicros;
  readonly sizeCenti: Centishares;
  readonly notionalMicros: Micros;
  readonly feeMicros: Micros;
  /**
   * The order size step of this leg's instrument when it was planned (its book's `sizeStepCenti`);
   * later orders of the leg (unwind sells) use it. Unset on bets from before it was recorded: the
   * engine's configured step.
   */
  readonly sizeStepCenti?: Centishares;
}

/** A leg as planned plus what the venue did with its latest order attempt. */
export interface BetLeg extends PlannedLeg {
  /** 0 for the first order; a re-priced retry of the leg is attempt 1, 2, … */
  readonly attempt: number;
  readonly clientOrderId: string;
  readonly venueOrderId: string | null;
  readonly filledCenti: Centishares;
  /** Paid for the filled part, fees excluded. */
  readonly filledNotionalMicros: Micros;
  readonly filledFeeMicros: Micros;
}

/** A sell that unwinds (part of) a filled leg after the other leg failed. */
export interface UnwindOrder {
  readonly legIndex: number;
  readonly attempt: number;
  readonly clientOrderId: string;
  readonly venueOrderId: string | null;
  readonly limitPriceMicros: PriceMicros;
  readonly sizeCenti: Centishares;
  readonly filledCenti: Centishares;
  /** Received for the filled part, fees excluded. */
  readonly proceedsMicros: Micros;
  readonly feeMicros: Micros;
  readonly atMs: number;
}

/** Money of a finished bet; `creditMicros` is what the ledger application adds to the balance. */
export interface BetResult {
  readonly spentMicros: Micros;
  readonly receivedMicros: Micros;
  readonly payoutMicros: Micros;
  /** received − spent. */
  readonly pnlMicros: Micros;
  /** max(0, −pnl): counted in `loss#<realisedDay>`. */
  readonly lossMicros: Micros;
  /** reserved − spent + received. */
  readonly creditMicros: Micros;
  readonly realisedDay: string;
  /**
   * What each leg was paid at settlement (index = leg index), summing to `payoutMicros`: which
   * venue the payout landed on (docs/capital.md#won-not-redeemed). Recorded by settlement; absent
   * on `failed` and `unwound` bets (no payout) and on bets settled before it was recorded.
   */
  readonly legPayoutsMicros?: readonly Micros[];
}

export interface BetRecord {
  readonly id: string;
  readonly mode: TradingMode;
  readonly pairId: string;
  /** null only on a tombstone written by reconcile for a reservation that never got its bet. */
  readonly league: League | null;
  readonly title: string;
  readonly teams: readonly [string, string];
  readonly status: BetStatus;
  readonly ledger: LedgerState;
  readonly reservedMicros: Micros;
  readonly worstCaseLossMicros: Micros;
  /** UTC day of admission. */
  readonly admittedDay: string;
  readonly legs: readonly BetLeg[];
  readonly unwinds: readonly UnwindOrder[];
  readonly result: BetResult | null;
  /** When the pair may trade again after a one-legged trade (the pair is cooled down), else null. */
  readonly cooldownUntilMs: number | null;
  readonly note: string | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  /** The run that admitted the bet (`reconcile` on a tombstone). */
  readonly admittedBy: string;
  /** When the bet entered each status it has been in, and which run moved it there. */
  readonly statusTimes: Readonly<Partial<Record<BetStatus, number>>>;
  readonly statusBy: Readonly<Partial<Record<BetStatus, string>>>;
  /** Bumped by every write: the optimistic check for writes computed from a read. */
  readonly version: number;
}

/** Deterministic, so a crashed run finds its own order on the venue (docs/engine.md#execute-and-the-bet-lifecycle). */
export function clientOrderIdFor(betId: string, legIndex: number, attempt: number): string {
  return `${betId}-L${legIndex}-A${attempt}`;
}

export function unwindClientOrderIdFor(betId: string, legIndex: number, attempt: number): string {
  return `${betId}-U${legIndex}-A${attempt}`;
}

/** Σ over legs of what was paid for fills, fees included. */
export function legSpentMicros(bet: BetRecord): Micros {
  return bet.legs.reduce((sum, l) => sum + l.filledNotionalMicros + l.filledFeeMicros, 0);
}

/** Σ over unwind sells of what was received, net of their fees. */
export function unwindReceivedMicros(bet: BetRecord): Micros {
  return bet.unwinds.reduce((sum, u) => sum + u.proceedsMicros - u.feeMicros, 0);
}
