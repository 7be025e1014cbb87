/**
 * What the simulator remembers: markets with their lifecycle, orders and trades, in exact
 * integer units (lib/core/money.ts). Wire shapes are produced from these by the *-views files.
 */
import type { Centishares, Micros, PriceMicros } from '../../../lib/core/money';
import type { PolymarketSimMarketSpec, PolymarketSimResolution } from '../control';

export interface SimMarket {
  readonly spec: PolymarketSimMarketSpec;
  /** Gamma event id (one event per game in US leagues: docs/venues-polymarket.md#p1). */
  readonly eventId: string;
  /** Gamma series of the event: its league's series when it was listed (docs/venues-polymarket.md#p1-sports). */
  readonly seriesId: string;
  readonly createdAtMs: number;
  closed: boolean;
  acceptingOrders: boolean;
  closedAtMs: number | null;
  resolution: PolymarketSimResolution | null;
}

export type OrderType = 'GTC' | 'GTD' | 'FOK' | 'FAK';

/** Status as GET /data/order reports it. */
export type SimOrderStatus = 'LIVE' | 'MATCHED' | 'CANCELED' | 'DELAYED';

export interface SimOrder {
  readonly id: string;
  readonly owner: string;
  readonly accountAddress: string;
  readonly makerAddress: string;
  readonly conditionId: string;
  readonly tokenId: string;
  readonly outcome: string;
  readonly side: 'BUY' | 'SELL';
  readonly orderType: OrderType;
  /** Limit price implied by the signed amounts (floored for BUY, ceiled for SELL). */
  readonly priceMicros: PriceMicros;
  readonly originalCenti: Centishares;
  matchedCenti: Centishares;
  /** Notional exchanged by fills, excluding fees. */
  notionalMicros: Micros;
  feeMicros: Micros;
  status: SimOrderStatus;
  readonly createdAtMs: number;
  readonly expiration: string;
  readonly tradeIds: string[];
  /** Late-report fault: before this sim time the order shows as DELAYED with nothing matched. */
  readonly visibleAtMs: number;
}

export interface SimTrade {
  readonly id: string;
  readonly takerOrderId: string;
  readonly owner: string;
  readonly accountAddress: string;
  readonly makerAddress: string;
  readonly conditionId: string;
  readonly tokenId: string;
  readonly outcome: string;
  readonly side: 'BUY' | 'SELL';
  readonly priceMicros: PriceMicros;
  readonly sizeCenti: Centishares;
  readonly feeMicros: Micros;
  readonly feeRateBps: number;
  readonly matchTimeMs: number;
  readonly transactionHash: string;
  /** Same as the order's: hidden from queries until then. */
  readonly visibleAtMs: number;
}
