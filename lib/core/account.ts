/**
 * The trading account of one mode: balance, kill switch, reservations (intents) and per-UTC-day
 * counters, as the store reads it (lib/store/account.ts); and what admission answers
 * (lib/store/admission.ts). Pure.
 */
import type { TradingMode } from './mode';
import type { Micros } from './money';
import { utcDay } from './time';

/** Money reserved for a bet between admission and its ledger application. */
export interface Intent {
  readonly costMicros: Micros;
  readonly worstCaseLossMicros: Micros;
  /** UTC day of admission: whose `risk#` holds the worst case. */
  readonly day: string;
  readonly atMs: number;
  /** The run that admitted it (tells an SDK retry of our own write from another run). */
  readonly runId: string;
}

export interface DayCounters {
  readonly trades: number;
  readonly lossMicros: Micros;
  readonly riskMicros: Micros;
}

export interface Account {
  readonly mode: TradingMode;
  readonly balanceMicros: Micros;
  readonly initialBalanceMicros: Micros;
  readonly halted: boolean;
  readonly haltReason: string | null;
  readonly haltedAtMs: number | null;
  readonly intents: Readonly<Record<string, Intent>>;
  /** Every day that has a counter, keyed `YYYY-MM-DD`. */
  readonly days: Readonly<Record<string, DayCounters>>;
}

export interface StaleIntent extends Intent {
  readonly betId: string;
}

export const ZERO_DAY: DayCounters = { trades: 0, lossMicros: 0, riskMicros: 0 };

/** The counters of the UTC day containing `nowMs` (zero on a day with no activity yet). */
export function countersOn(account: Account, nowMs: number): DayCounters {
  return account.days[utcDay(nowMs)] ?? ZERO_DAY;
}

export interface AdmissionLimits {
  readonly maxDailyTrades: number;
  readonly dailyLossLimitMicros: Micros;
}

/** Stable codes; the messages are the original PolyMix's, word for word. */
export type RefusalCode =
  | 'HALTED'
  | 'DAILY_TRADE_LIMIT'
  | 'DAILY_LOSS_LIMIT'
  | 'INSUFFICIENT_BALANCE'
  | 'DUPLICATE_BET'
  | 'CONTENDED';

export type AdmissionResult =
  | { readonly admitted: true; readonly day: string; readonly balanceAfterMicros: Micros; readonly tradesToday: number }
  | { readonly admitted: false; readonly code: RefusalCode; readonly message: string };
