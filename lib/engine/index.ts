export * from './deps';
export { scan, formatScanReport, SCAN_LEASE, type ScanReport, type ScanOptions, type Refusal } from './scan';
export { settle, disagreement, type SettleReport, type SettleOutcome } from './settle';
export { reconcile, positionDrift, RECONCILE_LEASE, type ReconcileReport, type Drift } from './reconcile';
export { haltTrading, resumeTrading, checkCircuitBreaker, cancelRestingOrders } from './halt';
export { tryTrade, betIdFor, titleOf, type TradeAttempt, type TradeContext } from './trade';
export { executeBet, resolvePlaced, continueUnwind, runIdOf, type Execution } from './execute';
export { planningBalances, venueCash } from './balances';
export { planAligned, sizeStepOf, worstCaseLossMicros } from './planning';
