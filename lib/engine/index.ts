export { planningBalances, venueCash } from './balances';
export {
  type CashSource,
  checkRunway,
  perTradeOf,
  type RunwayReport,
  reportedCash,
  runwayAfterRun,
  type VenueRunway,
} from './capital';
export * from './deps';
export { continueUnwind, type Execution, executeBet, resolvePlaced, runIdOf } from './execute';
export { ForeignVenueBet, foreignVenueOf } from './foreign-venue';
export { cancelRestingOrders, checkCircuitBreaker, haltTrading, resumeTrading } from './halt';
export { planAligned, toPlannedLeg, worstCaseLossMicros } from './planning';
export * from './ports';
export {
  DEFAULT_MAX_SKEW_MS,
  DEFAULT_PREFLIGHT_HORIZON_MS,
  formatPreflightRun,
  type PreflightDeps,
  type PreflightOptions,
  preflight,
  recordPreflightRun,
} from './preflight';
export { check as preflightCheck, explainError, type VenueHints } from './preflight-checks';
export { displayDuration, preflightGate, preflightGateProblem } from './preflight-gate';
export { type Drift, positionDrift, RECONCILE_LEASE, type ReconcileReport, reconcile } from './reconcile';
export {
  backoffMs,
  heldConditions,
  noteRedemptions,
  REDEEM_LEASE,
  type RedeemOutcome,
  redeemOpen,
} from './redeem';
export {
  formatScanReport,
  marketDataFor,
  type Refusal,
  SCAN_LEASE,
  type ScanOptions,
  type ScanReport,
  type StreamFigures,
  scan,
} from './scan';
export { disagreement, type SettleOutcome, type SettleReport, settle } from './settle';
export {
  HAND_NOTE_MAX,
  type HandRefusal,
  type HandSettled,
  type HandSettlement,
  HandSettlementRefused,
  legMaximumsMicros,
  SETTLE_BY_HAND_RUN,
  settleByHand,
} from './settle-by-hand';
export { openStreamScan, runStreamScan, StreamScan, type StreamScanOptions } from './stream-scan';
export { percentile, type StreamDecision, StreamSession, type StreamSessionOptions } from './stream-session';
export { betIdFor, type TradeAttempt, type TradeContext, titleOf, tryTrade } from './trade';
