/**
 * The store as one object bound to a client and table: the engine's TradeStore port
 * (lib/engine/ports/store.ts) and more (accounts, paper reset, the errors log for the API).
 * Every method is the same-named function of this folder with the context filled in.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AdmissionLimits } from '../core/account';
import type { BetStatus, UnwindOrder } from '../core/bet';
import type { TradingMode } from '../core/mode';
import type { Micros } from '../core/money';
import type {
  ErrorEntry,
  FinishRequest,
  LegOrderUpdate,
  NewBet,
  PreflightRun,
  RedemptionNote,
  RedemptionPatch,
  RedemptionRecord,
  RedemptionStore,
  TradeStore,
  TransitionOptions,
} from '../engine/ports';
import { ensureAccount, getAccount, listStaleIntents, setHalted } from './account';
import { type AdmissionRequest, admitTrade } from './admission';
import { recordLegOrder, recordUnwind } from './bet-orders';
import { listActiveBets, listBets, listOpenBets } from './bet-queries';
import { admitBet, getBet, transitionBet } from './bets';
import { listErrors, recordError } from './errors-log';
import { finishBet, releaseOrphanIntent, repairPendingLedgers } from './finish';
import { type ImportPlan, importOriginalLedger, importTarget, listImportedBets } from './imported';
import { acquireLease, claimInvocation, releaseLease } from './lease';
import { getLastPreflight, recordPreflight } from './preflight';
import { advanceRedemption, getRedemption, listOpenRedemptions, listRedemptions, noteRedemption } from './redemptions';
import { resetPaperAccount } from './reset';
import { createStoreContext, type StoreContext } from './table';

export class DynamoStore implements TradeStore, RedemptionStore {
  readonly ctx: StoreContext;

  constructor(client: DynamoDBClient, tableName: string) {
    this.ctx = createStoreContext(client, tableName);
  }

  ensureAccount = (mode: TradingMode, initialBalanceMicros: Micros) =>
    ensureAccount(this.ctx, mode, initialBalanceMicros);
  getAccount = (mode: TradingMode) => getAccount(this.ctx, mode);
  setHalted = (mode: TradingMode, halted: boolean, reason: string | null, nowMs: number) =>
    setHalted(this.ctx, mode, halted, reason, nowMs);
  listStaleIntents = (mode: TradingMode, olderThanMs: number) => listStaleIntents(this.ctx, mode, olderThanMs);

  admitTrade = (req: AdmissionRequest) => admitTrade(this.ctx, req);
  admitBet = (bet: NewBet, limits: AdmissionLimits, nowMs: number, runId: string) =>
    admitBet(this.ctx, bet, limits, nowMs, runId);
  getBet = (betId: string) => getBet(this.ctx, betId);
  transitionBet = (betId: string, from: BetStatus, to: BetStatus, opts: TransitionOptions) =>
    transitionBet(this.ctx, betId, from, to, opts);
  recordLegOrder = (betId: string, legIndex: number, update: LegOrderUpdate, nowMs: number) =>
    recordLegOrder(this.ctx, betId, legIndex, update, nowMs);
  recordUnwind = (betId: string, order: Omit<UnwindOrder, 'clientOrderId'>) => recordUnwind(this.ctx, betId, order);
  finishBet = (req: FinishRequest) => finishBet(this.ctx, req);
  repairPendingLedgers = (mode: TradingMode) => repairPendingLedgers(this.ctx, mode);
  releaseOrphanIntent = (mode: TradingMode, betId: string, nowMs: number) =>
    releaseOrphanIntent(this.ctx, mode, betId, nowMs);
  listBets = (mode: TradingMode, page: { limit: number; cursor?: string | null }) => listBets(this.ctx, mode, page);
  listActiveBets = (mode: TradingMode, status?: BetStatus) => listActiveBets(this.ctx, mode, status);
  listOpenBets = (mode: TradingMode) => listOpenBets(this.ctx, mode);

  /** Paper only; refused while trades are in flight (./reset.ts). */
  resetPaperAccount = (mode: TradingMode) => resetPaperAccount(this.ctx, mode);

  /** The original PolyMix's history (./imported.ts): never seen by the engine. */
  importTarget = (mode: TradingMode, importId: string) => importTarget(this.ctx, mode, importId);
  importOriginalLedger = (plan: ImportPlan, nowMs: number) => importOriginalLedger(this.ctx, plan, nowMs);
  listImportedBets = (mode: TradingMode) => listImportedBets(this.ctx, mode);

  recordError = (entry: ErrorEntry) => recordError(this.ctx, entry);
  listErrors = (limit: number) => listErrors(this.ctx, limit);

  acquireLease = (name: string, owner: string, nowMs: number, ttlMs: number) =>
    acquireLease(this.ctx, name, owner, nowMs, ttlMs);
  releaseLease = (name: string, owner: string) => releaseLease(this.ctx, name, owner);
  claimInvocation = (eventId: string, owner: string, nowMs: number) => claimInvocation(this.ctx, eventId, owner, nowMs);

  recordPreflight = (run: PreflightRun) => recordPreflight(this.ctx, run);
  getLastPreflight = () => getLastPreflight(this.ctx);

  /** Redemptions of resolved Polymarket conditions (./redemptions.ts). */
  noteRedemption = (note: RedemptionNote) => noteRedemption(this.ctx, note);
  getRedemption = (mode: TradingMode, holder: string, conditionId: string) =>
    getRedemption(this.ctx, mode, holder, conditionId);
  listOpenRedemptions = (mode: TradingMode) => listOpenRedemptions(this.ctx, mode);
  listRedemptions = (mode: TradingMode, limit: number) => listRedemptions(this.ctx, mode, limit);
  advanceRedemption = (
    current: Pick<RedemptionRecord, 'mode' | 'holder' | 'conditionId' | 'status' | 'attempt' | 'updatedAtMs'>,
    patch: RedemptionPatch,
    nowMs: number,
  ) => advanceRedemption(this.ctx, current, patch, nowMs);
}
