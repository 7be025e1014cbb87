/**
 * Records the simulated Kalshi keeps: series, markets, events, and per account its positions,
 * orders, fills and settlements. Exact integer units (lib/core/money.ts).
 */
import type { KeyObject } from 'node:crypto';
import type { League } from '../../../lib/core/market';
import type { KalshiSimEventSpec, KalshiSimMarketSpec, SimLevel } from '../control';
import type { SeriesFee } from './fees';

export interface SimSeries {
  readonly ticker: string;
  readonly league: League | null;
  fee: SeriesFee;
}

export type MarketStatus = 'active' | 'closed' | 'finalized';

export interface SimMarket {
  readonly spec: KalshiSimMarketSpec;
  readonly eventTicker: string;
  readonly createdMs: number;
  status: MarketStatus;
  /** Best first (highest price first). */
  yesBids: SimLevel[];
  noBids: SimLevel[];
  result: '' | 'yes' | 'no' | 'scalar';
  /** Payout of one YES contract once settled. */
  settlementValueMicros: number | null;
  settledMs: number | null;
  closedMs: number | null;
  lastPriceMicros: number;
  volumeCenti: number;
}

export interface SimEvent {
  readonly spec: KalshiSimEventSpec;
  readonly createdMs: number;
}

export interface SimPosition {
  readonly ticker: string;
  readonly eventTicker: string;
  /** + YES, − NO (docs/venues-kalshi.md#k4). */
  positionCenti: number;
  /** What the open contracts cost (for exposure and settlement records). */
  costBasisMicros: number;
  totalTradedMicros: number;
  realizedPnlMicros: number;
  feesPaidMicros: number;
  updatedMs: number;
}

export interface SimOrder {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly ticker: string;
  readonly bookSide: 'bid' | 'ask';
  readonly yesPriceMicros: number;
  readonly initialCenti: number;
  readonly tif: 'fill_or_kill' | 'immediate_or_cancel' | 'good_till_canceled';
  readonly selfTradePrevention: string;
  readonly createdMs: number;
  fillCenti: number;
  remainingCenti: number;
  status: 'resting' | 'canceled' | 'executed';
  takerFeesMicros: number;
  takerFillCostMicros: number;
  updatedMs: number;
  /** Late-report fault: before this sim time the order shows as resting and unfilled. */
  reportAtMs: number;
}

export interface SimFill {
  readonly fillId: string;
  readonly orderId: string;
  readonly ticker: string;
  readonly bookSide: 'bid' | 'ask';
  readonly countCenti: number;
  readonly yesPriceMicros: number;
  readonly feeMicros: number;
  readonly createdMs: number;
  readonly reportAtMs: number;
}

export interface SimSettlement {
  readonly ticker: string;
  readonly eventTicker: string;
  readonly result: 'yes' | 'no' | 'scalar';
  readonly yesCountCenti: number;
  readonly noCountCenti: number;
  readonly yesCostMicros: number;
  readonly noCostMicros: number;
  readonly revenueMicros: number;
  readonly valueMicros: number;
  readonly settledMs: number;
}

export interface SimAccount {
  readonly keyId: string;
  readonly userId: string;
  readonly publicKey: KeyObject;
  /** Target balance precision: $0.01 non-direct members, $0.0001 direct (docs/venues-kalshi.md#k5). */
  readonly precisionMicros: number;
  balanceMicros: number;
  updatedMs: number;
  readonly positions: Map<string, SimPosition>;
  readonly orders: SimOrder[];
  readonly clientOrderIds: Set<string>;
  readonly fills: SimFill[];
  readonly settlements: SimSettlement[];
}

export interface RegisterAccountInput {
  readonly keyId: string;
  readonly publicKeyPem: string;
  readonly balanceMicros: number;
  /** Direct exchange member: balance precision $0.0001 instead of $0.01. */
  readonly directMember?: boolean;
}
