/**
 * Kalshi orders (docs/venues-kalshi.md#k4). Placement is never retried blindly
 * (docs/engine.md#execute-and-the-bet-lifecycle): when the POST times out, the venue is unavailable, or the answer cannot be
 * read, the order is looked up by its client order id before anything is reported. We do NOT
 * resend: Kalshi documents client order ids as unique among OPEN orders (FIX ClOrdID "must not
 * match any open orders"), and a FOK/IOC order is never open afterwards, so a resend could fill
 * twice. The engine learns "outcome unknown" from the Timeout and asks again with getOrder.
 */

import { z } from 'zod';
import type { InstrumentRef } from '../../core/market';
import {
  BadResponse,
  type OrderLookup,
  type OrderRequest,
  type OrderResult,
  Rejected,
  Timeout,
  Unavailable,
  type VenueError,
} from '../../engine/ports';
import { ENDPOINTS, PATHS, PORTFOLIO_PAGE_LIMIT, WHOLE_CONTRACT_CENTI } from './constants';
import { badResponse, errorCodeOf, isDuplicateClientOrderId, isNoVolumeKill, orderRefusal } from './errors';
import {
  figuresFromAverages,
  figuresFromFills,
  kalshiInstrument,
  placementStatus,
  toOrderResult,
  toWireOrder,
} from './parse-orders';
import type { KalshiRest } from './rest';
import {
  cancelOrderResponse,
  createOrderResponse,
  errorResponse,
  fillsResponse,
  orderResponse,
  ordersResponse,
  type WireFill,
  type WireOrder,
} from './schemas';

const CREATE = `POST ${PATHS.createOrder}`;

export class KalshiTrading {
  /** `stepOf` answers a market's order step (KalshiMarketData.orderStepOf). */
  constructor(
    private readonly rest: KalshiRest,
    private readonly stepOf: (ticker: string) => Promise<number> = async () => rest.config.countStepCenti,
  ) {}

  async placeOrder(req: OrderRequest): Promise<OrderResult> {
    this.rest.requireAuth(CREATE);
    const inst = kalshiInstrument(req.instrument);
    // The count must be on THIS market's step, checked before sending: whole contracts trade on
    // every market, a fraction only where the market says so (docs/venues-kalshi.md#k1-fractional).
    const step = req.sizeCenti % WHOLE_CONTRACT_CENTI === 0 ? WHOLE_CONTRACT_CENTI : await this.stepOf(inst.ticker);
    const body = toWireOrder(req, step);
    let status: number;
    let raw: unknown;
    try {
      ({ status, data: raw } = await this.rest.request({
        method: 'POST',
        path: PATHS.createOrder,
        body: JSON.stringify(body),
        schema: z.unknown(),
        idempotent: false,
        class: 'write',
        acceptStatuses: [400, 404, 409, 422],
      }));
    } catch (err) {
      if (err instanceof Timeout || err instanceof Unavailable || err instanceof BadResponse) {
        return this.reconcile(req, err);
      }
      throw err;
    }
    if (status >= 400) {
      const parsed = errorResponse.safeParse(raw);
      const errBody = parsed.success ? parsed.data : {};
      if (isNoVolumeKill(status, errBody)) {
        return {
          venue: 'kalshi',
          clientOrderId: req.clientOrderId,
          venueOrderId: null,
          status: 'rejected',
          instrument: inst,
          side: req.side,
          filledCenti: 0,
          notionalMicros: 0,
          feeMicros: 0,
          reason: errorCodeOf(errBody),
        };
      }
      const refusal = orderRefusal(CREATE, status, errBody);
      if (isDuplicateClientOrderId(refusal)) return this.reconcile(req, refusal);
      throw refusal;
    }
    const parsed = createOrderResponse.safeParse(raw);
    if (!parsed.success) {
      return this.reconcile(
        req,
        badResponse(CREATE, `unexpected body (${parsed.error.issues[0]?.message ?? 'schema'})`),
      );
    }
    const res = parsed.data;
    const base = {
      venue: 'kalshi' as const,
      clientOrderId: req.clientOrderId,
      venueOrderId: res.order_id,
      instrument: inst,
      side: req.side,
    };
    const placed = placementStatus(res.fill_count, req.sizeCenti);
    if (res.fill_count === 0) return this.confirmUnfilled(req, res.order_id, base);
    // Fills give the exact notional and fee; the response averages are only a fallback.
    const fills = await this.listFills({ orderId: res.order_id }).catch(() => null);
    const exact = fills
      ? figuresFromFills(
          fills.filter((f) => f.order_id === res.order_id),
          inst.side,
          req.side,
        )
      : null;
    if (exact && exact.filledCenti === res.fill_count) return { ...base, status: placed, ...exact };
    const averaged = figuresFromAverages(res, inst.side, req.side);
    if (averaged) return { ...base, status: placed, ...averaged };
    // Filled, but neither fills nor averages say for how much: the order itself may.
    const looked = await this.getOrder({ venueOrderId: res.order_id, instrument: inst }).catch(() => null);
    if (looked && looked.filledCenti === res.fill_count) return { ...looked, ...base, status: placed };
    // The order is real and filled; its figures are not known yet. The engine follows up with getOrder.
    return {
      ...base,
      status: 'pending',
      filledCenti: res.fill_count,
      notionalMicros: 0,
      feeMicros: 0,
      reason: 'fill figures not yet available',
    };
  }

  /**
   * The V2 create answer has no status (docs/venues-kalshi.md#k4): "0 filled, all remaining" reads the same
   * for a killed FOK/IOC and for one whose fill is reported late. Only the order itself says
   * which, so it is read once by its venue id: closed with nothing filled is a rejection; filled
   * is booked from the order; still resting is `resting` (the engine cancels and reads back);
   * missing or unreadable is `pending`, which the engine follows (and reconcile finishes)
   * instead of booking nothing for a fill that happened.
   */
  private async confirmUnfilled(
    req: OrderRequest,
    orderId: string,
    base: Pick<OrderResult, 'venue' | 'clientOrderId' | 'venueOrderId' | 'instrument' | 'side'>,
  ): Promise<OrderResult> {
    const nothing = { filledCenti: 0, notionalMicros: 0, feeMicros: 0 };
    let looked: OrderResult | null;
    try {
      looked = await this.getOrder({ venueOrderId: orderId, instrument: base.instrument });
    } catch (err) {
      const why = err instanceof Error ? err.name : 'error';
      return { ...base, status: 'pending', ...nothing, reason: `unfilled answer not confirmed (order read: ${why})` };
    }
    if (looked === null)
      return { ...base, status: 'pending', ...nothing, reason: 'unfilled answer not confirmed (order not found)' };
    if (looked.filledCenti === 0 && looked.status === 'canceled') return { ...base, status: 'rejected', ...nothing };
    // Still resting (filled or not): report it so, and the engine cancels it and reads it back,
    // so a remainder cannot fill later unbooked.
    if (looked.status === 'resting')
      return { ...looked, ...base, status: 'resting', reason: 'order still resting after a FOK/IOC answer' };
    if (looked.filledCenti === 0)
      return {
        ...base,
        status: 'pending',
        ...nothing,
        reason: `order ${looked.status} with nothing filled after a FOK/IOC answer`,
      };
    return { ...looked, ...base, status: placementStatus(looked.filledCenti, req.sizeCenti) };
  }

  /** Looks for the order a placement may have created; rethrows `original` when it is not found. */
  private async reconcile(req: OrderRequest, original: VenueError): Promise<OrderResult> {
    const inst = kalshiInstrument(req.instrument);
    for (let attempt = 0; attempt < this.rest.config.lookupAttempts; attempt++) {
      await this.rest.clock.sleep(this.rest.config.lookupDelayMs);
      try {
        const found = await this.findByClientOrderId(req.clientOrderId, inst.ticker);
        if (found) {
          const result = await this.withFills(found, inst);
          // A FOK/IOC that closed with nothing filled is a rejection, as in the direct path.
          const status = result.filledCenti === 0 && result.status === 'canceled' ? 'rejected' : result.status;
          return { ...result, status, clientOrderId: req.clientOrderId, side: req.side };
        }
      } catch {
        // The lookup failed too: try again, and in the end report the placement's own error.
      }
    }
    throw original;
  }

  async getOrder(lookup: OrderLookup): Promise<OrderResult | null> {
    this.rest.requireAuth(`GET ${PATHS.orders}`);
    const known = lookup.instrument ? kalshiInstrument(lookup.instrument) : undefined;
    const order = await this.findOrder(lookup, known?.ticker);
    return order ? this.withFills(order, known) : null;
  }

  /** Cancels a resting order. An order that is gone already (404) counts as cancelled. */
  async cancelOrder(lookup: OrderLookup): Promise<void> {
    this.rest.requireAuth(ENDPOINTS.cancelOrder);
    const known = lookup.instrument ? kalshiInstrument(lookup.instrument) : undefined;
    let orderId = lookup.venueOrderId;
    let ticker = known?.ticker;
    if (!orderId || !ticker) {
      const order = await this.findOrder(lookup, ticker);
      if (!order) return;
      orderId = order.order_id;
      ticker = order.ticker;
    }
    try {
      await this.rest.request({
        method: 'DELETE',
        path: PATHS.cancelOrder(orderId),
        // market_ticker lets Kalshi route the cancel to the market's shard (CancelOrderV2 docs).
        query: { market_ticker: ticker },
        endpoint: ENDPOINTS.cancelOrder,
        schema: cancelOrderResponse,
        // Cancelling twice is harmless, so a timed-out cancel may be repeated.
        idempotent: true,
        class: 'write',
      });
    } catch (err) {
      if (!(err instanceof Rejected && err.status === 404)) throw err;
    }
  }

  async listFills(query: { orderId?: string; ticker?: string }): Promise<WireFill[]> {
    const endpoint = `GET ${PATHS.fills}`;
    this.rest.requireAuth(endpoint);
    return this.rest.paginate(endpoint, async (cursor) => {
      const { data } = await this.rest.request({
        method: 'GET',
        path: PATHS.fills,
        query: { order_id: query.orderId, ticker: query.ticker, limit: PORTFOLIO_PAGE_LIMIT, cursor },
        schema: fillsResponse,
        idempotent: true,
      });
      return { items: data.fills, cursor: data.cursor };
    });
  }

  private async withFills(order: WireOrder, known?: Extract<InstrumentRef, { venue: 'kalshi' }>): Promise<OrderResult> {
    const fills = order.fill_count_fp > 0 ? await this.listFills({ orderId: order.order_id }).catch(() => null) : [];
    return toOrderResult(order, fills, known);
  }

  private async findOrder(lookup: OrderLookup, ticker: string | undefined): Promise<WireOrder | null> {
    if (lookup.venueOrderId) {
      try {
        const { data } = await this.rest.request({
          method: 'GET',
          path: PATHS.order(lookup.venueOrderId),
          endpoint: ENDPOINTS.order,
          schema: orderResponse,
          idempotent: true,
        });
        return data.order;
      } catch (err) {
        if (err instanceof Rejected && err.status === 404) return null;
        throw err;
      }
    }
    if (lookup.clientOrderId) return this.findByClientOrderId(lookup.clientOrderId, ticker);
    throw new RangeError('an order lookup needs a venue order id or a client order id');
  }

  /** `GET /portfolio/orders` has no client-order-id filter (OrdersApi.md): list by ticker and find. */
  private async findByClientOrderId(clientOrderId: string, ticker: string | undefined): Promise<WireOrder | null> {
    const endpoint = `GET ${PATHS.orders}`;
    const orders = await this.rest.paginate(
      endpoint,
      async (cursor) => {
        const { data } = await this.rest.request({
          method: 'GET',
          path: PATHS.orders,
          query: { ticker, limit: PORTFOLIO_PAGE_LIMIT, cursor },
          schema: ordersResponse,
          idempotent: true,
        });
        return { items: data.orders, cursor: data.cursor };
      },
      (page) => page.some((o) => o.client_order_id === clientOrderId),
    );
    const matches = orders.filter((o) => o.client_order_id === clientOrderId);
    if (matches.length > 1)
      throw badResponse(endpoint, `client order id ${clientOrderId} names ${matches.length} orders`);
    return matches[0] ?? null;
  }
}
