/**
 * Venue order reports → `OrderResult` (lib/engine/ports/venue.ts).
 *
 * Fees: Polymarket V2 charges takers at match time and neither `POST /order` nor the order
 * record carries the fee (docs/venues-polymarket.md#p5-fees). We compute it with lib/core/fees.ts `polymarketFee`
 * from the market's fee schedule at the fill's average price. Because p(1−p) is concave this
 * never undercharges relative to summing per-level fees, except for the per-fill rounding unit.
 */
import { polymarketFee } from '../../core/fees';
import type { InstrumentRef, PolymarketFeeSchedule } from '../../core/market';
import { type Centishares, divRound, type Micros, notionalMicros } from '../../core/money';
import type { OrderResult, OrderSide, OrderStatus } from '../../engine/ports';
import { ParseFailure, scaledFrom } from './parse';
import type { OpenOrder, PostOrderResponse, Trade } from './schemas';

type PolymarketInstrument = Extract<InstrumentRef, { venue: 'polymarket' }>;

export interface ResultContext {
  readonly clientOrderId: string;
  readonly instrument: PolymarketInstrument;
  readonly side: OrderSide;
  readonly requestedCenti: Centishares;
  /** Null when the market's schedule is not known here (then the fee is reported as 0 and flagged). */
  readonly fee: PolymarketFeeSchedule | null;
}

/** Taker fee of a fill of `filledCenti` shares for `notional` micros (see file comment). */
export function takerFee(filledCenti: Centishares, notional: Micros, fee: PolymarketFeeSchedule | null): Micros {
  if (!fee || filledCenti === 0 || fee.ratePpm === 0) return 0;
  const averagePrice = divRound(BigInt(notional) * 100n, BigInt(filledCenti), 'half-up');
  return polymarketFee({ price: averagePrice, shares: filledCenti, rate: fee.ratePpm, exponent: fee.exponent });
}

function filled(
  ctx: ResultContext,
  venueOrderId: string | null,
  status: OrderStatus,
  sharesMicros: number,
  notional: Micros,
  reason?: string,
): OrderResult {
  // Shares beyond whole centishares cannot be traded again by us; report the floor.
  const filledCenti = Math.floor(sharesMicros / 10_000);
  return {
    venue: 'polymarket',
    clientOrderId: ctx.clientOrderId,
    venueOrderId,
    status,
    instrument: ctx.instrument,
    side: ctx.side,
    filledCenti,
    notionalMicros: notional,
    feeMicros: takerFee(filledCenti, notional, ctx.fee),
    ...(reason !== undefined ? { reason } : {}),
  };
}

/** Fill status from what filled against what was asked. */
function fillStatus(filledCenti: Centishares, requestedCenti: Centishares): OrderStatus {
  if (filledCenti <= 0) return 'rejected';
  return filledCenti >= requestedCenti ? 'filled' : 'partial';
}

/** `POST /order` success answer. `status` is live | matched | delayed | unmatched (docs/venues-polymarket.md#p5). */
export function resultOfPost(res: PostOrderResponse, ctx: ResultContext, orderId: string): OrderResult {
  const making = res.makingAmount === '' ? 0 : scaledFrom(res.makingAmount, 6);
  const taking = res.takingAmount === '' ? 0 : scaledFrom(res.takingAmount, 6);
  // BUY: we give pUSD (making) and take shares; SELL: we give shares and take pUSD.
  const [shares, notional] = ctx.side === 'buy' ? [taking, making] : [making, taking];
  switch (res.status.toLowerCase()) {
    case 'matched':
      return filled(ctx, orderId, fillStatus(Math.floor(shares / 10_000), ctx.requestedCenti), shares, notional);
    case 'live':
      return filled(ctx, orderId, 'resting', shares, notional);
    case 'delayed':
      return filled(ctx, orderId, 'pending', shares, notional);
    case 'unmatched':
      return filled(ctx, orderId, shares > 0 ? 'partial' : 'rejected', shares, notional, 'unmatched');
    default:
      throw new ParseFailure(`unknown order status ${JSON.stringify(res.status)}`);
  }
}

/** A no-fill outcome (FOK killed, FAK found nothing): nothing traded. */
export function noFillResult(ctx: ResultContext, venueOrderId: string | null, reason: string): OrderResult {
  return filled(ctx, venueOrderId, 'rejected', 0, 0, reason);
}

const ORDER_STATUS = /^(LIVE|MATCHED|CANCELED_MARKET_RESOLVED|CANCELED|CANCELLED|UNMATCHED|DELAYED|INVALID)(?:_.*)?$/i;

/**
 * `GET /data/order/{id}` record. The record has no fill prices: notional is valued at the order's
 * limit price (an upper bound of a buy's cost, a lower bound of a sell's proceeds).
 */
export function resultOfOpenOrder(order: OpenOrder, ctx: ResultContext): OrderResult {
  const m = ORDER_STATUS.exec(order.status);
  if (!m || !m[1]) throw new ParseFailure(`unknown order status ${JSON.stringify(order.status)}`);
  const priceMicros = scaledFrom(order.price, 6);
  const matchedCenti = scaledFrom(order.size_matched, 2, 'floor');
  const originalCenti = scaledFrom(order.original_size, 2, 'floor');
  const notional = notionalMicros(priceMicros, matchedCenti, ctx.side === 'buy' ? 'ceil' : 'floor');
  const kind = m[1].toUpperCase();
  const status: OrderStatus =
    kind === 'LIVE'
      ? 'resting'
      : kind === 'MATCHED'
        ? fillStatus(matchedCenti, originalCenti)
        : kind === 'DELAYED'
          ? 'pending'
          : kind === 'UNMATCHED' || kind === 'INVALID'
            ? matchedCenti > 0
              ? 'partial'
              : 'rejected'
            : 'canceled';
  return filled({ ...ctx, requestedCenti: originalCenti }, order.id, status, matchedCenti * 10_000, notional);
}

/** Our taker trades for an order hash (found after a timeout): sum of size and price × size. */
export function resultOfTrades(trades: readonly Trade[], ctx: ResultContext, orderHash: string): OrderResult | null {
  const mine = trades.filter(
    (t) => t.taker_order_id.toLowerCase() === orderHash.toLowerCase() && t.status.toUpperCase() !== 'FAILED',
  );
  if (mine.length === 0) return null;
  let centi = 0;
  let notional = 0;
  for (const t of mine) {
    const size = scaledFrom(t.size, 2, 'floor');
    centi += size;
    notional += notionalMicros(scaledFrom(t.price, 6), size, ctx.side === 'buy' ? 'ceil' : 'floor');
  }
  return filled(ctx, orderHash, fillStatus(centi, ctx.requestedCenti), centi * 10_000, notional);
}
