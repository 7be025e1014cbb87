/**
 * The TradeStore port: the store methods the engine uses. lib/store's `DynamoStore` implements
 * it over DynamoDB (or dynalite locally); every method is one of lib/store's functions with the
 * table filled in, and docs/store.md describes the items behind them. The request and answer
 * shapes below are the port's vocabulary, so the engine never imports lib/store.
 */
import type { Account, AdmissionLimits, AdmissionResult, StaleIntent } from '../../core/account';
import type { BetRecord, BetStatus, PlannedLeg, TerminalStatus, UnwindOrder } from '../../core/bet';
import type { League, VenueName } from '../../core/market';
import type { TradingMode } from '../../core/mode';
import type { Centishares, Micros, PriceMicros } from '../../core/money';
import type { PreflightRun } from './preflight';

/** A bet to admit: reserved, counted and written in status `admitted` by `admitBet`. */
export interface NewBet {
  readonly id: string;
  readonly mode: TradingMode;
  readonly pairId: string;
  readonly league: League;
  readonly title: string;
  readonly teams: readonly [string, string];
  readonly legs: readonly PlannedLeg[];
  readonly costMicros: Micros;
  readonly worstCaseLossMicros: Micros;
}

export interface TransitionOptions {
  readonly nowMs: number;
  /** The run making the change: recorded, and how an SDK retry of our own write is recognised. */
  readonly runId: string;
  readonly note?: string | null;
  readonly cooldownUntilMs?: number | null;
}

export interface LegOrderUpdate {
  readonly attempt: number;
  readonly limitPriceMicros: PriceMicros;
  readonly venueOrderId: string | null;
  readonly filledCenti: Centishares;
  readonly filledNotionalMicros: Micros;
  readonly filledFeeMicros: Micros;
}

export interface FinishRequest {
  readonly betId: string;
  readonly from: BetStatus;
  readonly to: TerminalStatus;
  /** Paid out by the venues at resolution (settled only; 0 otherwise). */
  readonly payoutMicros: Micros;
  /** Settled only, optional: each leg's part of `payoutMicros` (index = leg index), summing to it. */
  readonly legPayoutsMicros?: readonly Micros[];
  readonly nowMs: number;
  readonly runId: string;
  readonly note?: string | null;
  readonly cooldownUntilMs?: number | null;
}

export interface FinishOutcome {
  readonly bet: BetRecord;
  /** True when this call moved the money; false when an earlier (crashed or racing) run had. */
  readonly credited: boolean;
  /** True when the bet was already in `to` before this call (a re-run). */
  readonly alreadyFinished: boolean;
}

export interface BetPage {
  readonly bets: BetRecord[];
  /** Opaque; pass back to get the next page. null on the last page. */
  readonly nextCursor: string | null;
}

export interface ErrorEntry {
  readonly atMs: number;
  /** Where it happened, e.g. `scan`, `execute`, `settle`. */
  readonly source: string;
  readonly venue?: VenueName;
  readonly message: string;
  readonly detail?: string;
}

export interface StoredError extends ErrorEntry {
  readonly seq: number;
}

export interface TradeStore {
  /** Strongly consistent read; null when the account was never created. */
  getAccount(mode: TradingMode): Promise<Account | null>;
  /** Kill switch: halting stops admissions at once (the admission condition reads it). */
  setHalted(mode: TradingMode, halted: boolean, reason: string | null, nowMs: number): Promise<void>;
  /** Reservations older than `olderThanMs`, oldest first: candidates for reconcile. */
  listStaleIntents(mode: TradingMode, olderThanMs: number): Promise<StaleIntent[]>;
  /** Admits the trade (one conditional account write), then writes the bet in status `admitted`. */
  admitBet(bet: NewBet, limits: AdmissionLimits, nowMs: number, runId: string): Promise<AdmissionResult>;
  getBet(betId: string): Promise<BetRecord | null>;
  /** A non-terminal status change, conditional on `from`. Terminal ones: `finishBet`. */
  transitionBet(betId: string, from: BetStatus, to: BetStatus, opts: TransitionOptions): Promise<BetRecord>;
  /** Records the latest order of a leg; while the bet is `placing` or `unwinding`. */
  recordLegOrder(betId: string, legIndex: number, update: LegOrderUpdate, nowMs: number): Promise<BetRecord>;
  /** Records (or updates) one unwind sell; only while the bet is `unwinding`. */
  recordUnwind(betId: string, order: Omit<UnwindOrder, 'clientOrderId'>): Promise<BetRecord>;
  /** A terminal transition: the bet's money reaches the account exactly once. */
  finishBet(req: FinishRequest): Promise<FinishOutcome>;
  /** Finishes the ledger of every bet left `pending` by a crash. Returns how many it repaired. */
  repairPendingLedgers(mode: TradingMode): Promise<number>;
  /** A reservation with no bet item: tombstones the bet id and releases the reservation. */
  releaseOrphanIntent(
    mode: TradingMode,
    betId: string,
    nowMs: number,
  ): Promise<'released' | 'no-intent' | 'bet-exists'>;
  /** Bets of a mode, newest first, `limit` per page (1..100). */
  listBets(mode: TradingMode, page: { limit: number; cursor?: string | null }): Promise<BetPage>;
  /** Bets not finished yet (optionally of one status). Eventually consistent: re-read before acting. */
  listActiveBets(mode: TradingMode, status?: BetStatus): Promise<BetRecord[]>;
  listOpenBets(mode: TradingMode): Promise<BetRecord[]>;
  recordError(entry: ErrorEntry): Promise<StoredError>;
  /** Takes (or renews) the lease until `nowMs + ttlMs`; false when another owner holds it. */
  acquireLease(name: string, owner: string, nowMs: number, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<boolean>;
  /** True for the first claim of `eventId`, false for every repeat. */
  claimInvocation(eventId: string, owner: string, nowMs: number): Promise<boolean>;
  /** Keeps `run` as the last preflight run (docs/store.md), replacing the one before. */
  recordPreflight(run: PreflightRun): Promise<void>;
  /** The last recorded preflight run, or null when none was ever recorded. */
  getLastPreflight(): Promise<PreflightRun | null>;
}
