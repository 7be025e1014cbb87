/**
 * Polymarket US orders (docs/venues-polymarket-us.md#u-orders). Every order is a limit FOK or IOC
 * sent with `synchronousExecution`, so the answer normally carries the final state and the fills.
 *
 * Placement is never retried blindly (docs/engine.md#execute-and-the-bet-lifecycle), and here
 * there is no client order id to look an order up by (docs/venues-polymarket-us.md#u-no-client-id).
 * So the placement is recorded before it is sent (./placements.ts) and, when the answer is lost
 * (timeout, connection failure, an unreadable body), the order is LOOKED FOR, never resent:
 *  1. an open order on the market with our intent, price and quantity, created since the send;
 *  2. otherwise our trades on the market since the send (`GET /v1/portfolio/activities`), taken
 *     as the fills of this placement: a FOK/IOC of ours is the aggressor of every trade it makes.
 * Only trades stamped since the send (less `lookupClockSlackMs`), at prices the order could have
 * taken, never more than it asked for; what is found is claimed, so it is never attributed twice.
 * Nothing found after `lookupAttempts` looks: the placement's own error is thrown (outcome
 * unknown; the engine asks `getOrder` later, which looks again and, finding nothing, answers that
 * there is no such order). This assumes no other client trades the same market with the same key
 * at the same moment (docs/venues-polymarket-us.md#u-no-client-id says what would break it).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AuthError,
  BadResponse,
  RateLimited,
  Rejected,
  Timeout,
  Unavailable,
  type VenueError,
} from '../../engine/ports';
import { ENDPOINTS, PATHS, PORTFOLIO_PAGE_LIMIT } from './constants';
import { badResponse, orderRefusal } from './errors';
import type { PolymarketUsMarketData } from './market-data';
import type { MarketFacts } from './parse-markets';
import {
  directionOf,
  figuresOfFills,
  isTerminal,
  longPriceOf,
  placementStatus,
  pmusInstrument,
  toOrderResult,
  toWireOrder,
} from './parse-orders';
import { type Placement, PlacementConflict, type PlacementStore } from './placements';
import type { PolymarketUsRest } from './rest';
import {
  activitiesResponse,
  cancelOrderResponse,
  contractsCenti,
  createOrderResponse,
  openOrdersResponse,
  optionalTimeMs,
  orderResponse,
  type WireExecution,
  type WireOrder,
  type WireTrade,
} from './schemas';
import {
  PMUS,
  PMUS_VENUE,
  type PolymarketUsInstrument,
  type PolymarketUsOrderLookup,
  type PolymarketUsOrderRequest,
  type PolymarketUsOrderResult,
} from './types';

const CREATE = ENDPOINTS.createOrder;

function fingerprintOf(body: {
  marketSlug: string;
  intent: string;
  price: { value: string };
  quantity: number;
  tif: string;
}) {
  return `${body.marketSlug} ${body.intent} ${body.price.value} ${body.quantity} ${body.tif}`;
}

export class PolymarketUsTrading {
  constructor(
    private readonly rest: PolymarketUsRest,
    private readonly data: PolymarketUsMarketData,
    private readonly placements: PlacementStore,
  ) {}

  async placeOrder(req: PolymarketUsOrderRequest): Promise<PolymarketUsOrderResult> {
    this.rest.requireAuth(CREATE);
    const inst = pmusInstrument(req.instrument);
    const facts = await this.data.factsOf(inst.marketSlug);
    const body = toWireOrder(req, facts, this.rest.config.maxBlockSec);
    const fingerprint = fingerprintOf(body);
    const earlier = await this.placements.get(req.clientOrderId);
    // A placement the venue refused (429 at the edge, auth, a 4xx) placed nothing: it may be sent again.
    if (earlier && earlier.state !== 'refused') return this.sentBefore(earlier, fingerprint, req);
    const placement: Placement = {
      clientOrderId: req.clientOrderId,
      attemptId: randomUUID(),
      fingerprint,
      marketSlug: inst.marketSlug,
      intent: body.intent,
      longPriceMicros: longPriceOf(inst.side, req.priceMicros),
      sizeCenti: req.sizeCenti,
      sentAtMs: this.rest.clock.now(),
      state: 'sending',
      venueOrderId: null,
      tradeIds: [],
    };
    try {
      await this.placements.put(placement);
    } catch (err) {
      // Another run recorded a send of this client order id since we read: it is never sent twice.
      const other = err instanceof PlacementConflict ? await this.placements.get(req.clientOrderId) : undefined;
      if (!other) throw err;
      return this.sentBefore(other, fingerprint, req);
    }
    let status: number;
    let raw: unknown;
    try {
      ({ status, data: raw } = await this.rest.call({
        method: 'POST',
        path: PATHS.createOrder,
        endpoint: CREATE,
        body: JSON.stringify(body),
        schema: z.unknown(),
        idempotent: false,
        class: 'write',
        acceptStatuses: [400, 404, 409, 422],
      }));
    } catch (err) {
      if (err instanceof Timeout || err instanceof Unavailable || err instanceof BadResponse) {
        return this.reconcile(placement, req, facts, err);
      }
      // A 429 ("enforced at the edge … before requests reach the API") or an auth refusal is
      // answered before the order reaches the exchange: nothing was placed (docs/venues-polymarket-us.md#u-rate-limits).
      if (err instanceof RateLimited || err instanceof AuthError) await this.settle(placement, 'refused', null);
      throw err;
    }
    if (status >= 400) {
      await this.settle(placement, 'refused', null);
      throw orderRefusal(CREATE, status, raw);
    }
    const parsed = createOrderResponse.safeParse(raw);
    if (!parsed.success) {
      const why = parsed.error.issues[0];
      return this.reconcile(
        placement,
        req,
        facts,
        badResponse(CREATE, `unexpected body (${why ? `${why.path.join('.')}: ${why.message}` : 'schema'})`),
      );
    }
    const res = parsed.data;
    await this.settle(placement, 'placed', res.id);
    // The venue's own answer names this order: it is ours whatever a concurrent lookup claimed.
    await this.placements.claim('order', res.id, req.clientOrderId);
    const executions = (res.executions ?? []).filter((e) => e.order.id === res.id);
    for (const e of executions) if (e.tradeId) await this.placements.claim('trade', e.tradeId, req.clientOrderId);
    const last = executions.at(-1)?.order;
    let result: PolymarketUsOrderResult;
    if (last && isTerminal(last)) {
      result = toOrderResult(last, executions, facts.takerThetaPpm, req.clientOrderId);
    } else {
      // Asynchronous answer, or not final yet: the order itself says where it is.
      const looked = await this.readOrder(res.id, facts, req.clientOrderId).catch(() => null);
      if (!looked) {
        return {
          venue: PMUS,
          clientOrderId: req.clientOrderId,
          venueOrderId: res.id,
          status: 'pending',
          instrument: inst,
          side: req.side,
          filledCenti: 0,
          notionalMicros: 0,
          feeMicros: 0,
          reason: 'placed; final state not read yet',
        };
      }
      if (looked.status !== 'filled' && looked.status !== 'partial' && looked.status !== 'canceled') return looked;
      result = looked;
    }
    return this.asPlacement(result, req);
  }

  /** A client order id sent before (by this run or an earlier one): never sent again; what became of it. */
  private async sentBefore(
    earlier: Placement,
    fingerprint: string,
    req: PolymarketUsOrderRequest,
  ): Promise<PolymarketUsOrderResult> {
    if (earlier.fingerprint !== fingerprint) {
      throw new RangeError(`client order id ${req.clientOrderId} was used for a different order`);
    }
    const known = await this.getOrder({ clientOrderId: req.clientOrderId, instrument: req.instrument });
    if (known) return known;
    throw new Timeout(`polymarket-us order ${req.clientOrderId} was sent before and is not found (yet)`, {
      venue: PMUS_VENUE,
      endpoint: CREATE,
    });
  }

  /** A final order as the answer to a FOK/IOC placement: a closed order with nothing filled is a rejection. */
  private asPlacement(result: PolymarketUsOrderResult, req: PolymarketUsOrderRequest): PolymarketUsOrderResult {
    if (result.status === 'resting' || result.status === 'pending') return result;
    return { ...result, status: placementStatus(result.filledCenti, req.sizeCenti) };
  }

  private async settle(p: Placement, state: Placement['state'], venueOrderId: string | null): Promise<void> {
    await this.placements.put({ ...p, state, venueOrderId });
  }

  /** Looks for the order a placement may have created; rethrows `original` when nothing is found. */
  private async reconcile(
    placement: Placement,
    req: PolymarketUsOrderRequest,
    facts: MarketFacts,
    original: VenueError,
  ): Promise<PolymarketUsOrderResult> {
    for (let attempt = 0; attempt < this.rest.config.lookupAttempts; attempt++) {
      await this.rest.clock.sleep(this.rest.config.lookupDelayMs);
      try {
        const found = await this.find(placement, facts);
        if (found) return this.asPlacement(found, req);
      } catch {
        // The lookup failed too: try again, and in the end report the placement's own error.
      }
    }
    throw original;
  }

  /** What became of a placement whose answer was lost, or null when the venue shows no trace of it. */
  private async find(p: Placement, facts: MarketFacts): Promise<PolymarketUsOrderResult | null> {
    const since = p.sentAtMs - this.rest.config.lookupClockSlackMs;
    const open = await this.openOrders(p.marketSlug);
    const matching: WireOrder[] = [];
    for (const o of open) {
      if (o.intent !== p.intent || o.quantityCenti !== p.sizeCenti || o.priceMicros !== p.longPriceMicros) continue;
      if (o.createdAtMs === null || o.createdAtMs < since) continue;
      if (await this.claimedByAnother(p, 'order', o.id)) continue;
      matching.push(o);
    }
    if (matching.length > 1)
      throw badResponse(ENDPOINTS.openOrders, `${matching.length} open orders match one placement`);
    const order = matching[0];
    if (order) {
      // Another run claimed it between the look and now: not ours; the next look skips it.
      if (!(await this.placements.claim('order', order.id, p.clientOrderId))) return null;
      await this.settle(p, 'placed', order.id);
      return toOrderResult(order, [], facts.takerThetaPpm, p.clientOrderId);
    }
    // Our trades since the send, at prices this order could have taken (its limit is on the long
    // side: buying long or selling short pays at most it, selling long or buying short at least it).
    const takesOffers = p.intent === 'ORDER_INTENT_BUY_LONG' || p.intent === 'ORDER_INTENT_SELL_SHORT';
    const trades: WireTrade[] = [];
    for (const t of await this.recentTrades(p.marketSlug)) {
      const at = optionalTimeMs.parse(t.createTime ?? null);
      if (at === null || at < since || t.isAggressor === false) continue;
      if (t.state === 'TRADE_STATE_BUSTED' || t.state === 'TRADE_STATE_REJECTED') continue;
      if (takesOffers ? t.price > p.longPriceMicros : t.price < p.longPriceMicros) continue;
      if (await this.claimedByAnother(p, 'trade', t.id)) continue;
      trades.push(t);
    }
    if (trades.length === 0) return null;
    const { side, instrumentSide } = directionOf(p.intent);
    const fills = trades.map((t) => ({ longPriceMicros: t.price, sizeCenti: tradeSizeCenti(t) }));
    const total = fills.reduce((s, f) => s + f.sizeCenti, 0);
    if (total > p.sizeCenti) {
      // More than this order could have filled: trades of another order are among them. Never guess.
      throw badResponse(
        ENDPOINTS.activities,
        `${total} centishares traded since the send, more than the ${p.sizeCenti} ordered`,
      );
    }
    for (const t of trades) {
      if (!(await this.placements.claim('trade', t.id, p.clientOrderId))) {
        // Another run attributed it meanwhile: never count one trade twice (what this look claimed stays ours).
        throw badResponse(ENDPOINTS.activities, `trade ${t.id} was attributed to another placement meanwhile`);
      }
    }
    await this.placements.put({ ...p, state: 'traded', tradeIds: trades.map((t) => t.id) });
    const figures = figuresOfFills(fills, instrumentSide, side, facts.takerThetaPpm);
    const instrument: PolymarketUsInstrument = { venue: PMUS, marketSlug: p.marketSlug, side: instrumentSide };
    return {
      venue: PMUS,
      clientOrderId: p.clientOrderId,
      venueOrderId: null,
      status: placementStatus(figures.filledCenti, p.sizeCenti),
      instrument,
      side,
      ...figures,
      reason: `found by its ${trades.length} trade(s); the fee is computed by the venue's rule, not read`,
    };
  }

  /** Whether a venue order or trade id belongs to another placement (one of this placement's own claims counts as its own). */
  private async claimedByAnother(p: Placement, kind: 'order' | 'trade', id: string): Promise<boolean> {
    const owner = await this.placements.claimant(kind, id);
    return owner !== undefined && owner !== p.clientOrderId;
  }

  async getOrder(lookup: PolymarketUsOrderLookup): Promise<PolymarketUsOrderResult | null> {
    this.rest.requireAuth(ENDPOINTS.order);
    let clientOrderId = lookup.clientOrderId ?? '';
    let venueOrderId = lookup.venueOrderId;
    if (!venueOrderId && lookup.clientOrderId) {
      const p = await this.placements.get(lookup.clientOrderId);
      if (!p || p.state === 'refused') return null;
      if (p.state === 'traded' || !p.venueOrderId) {
        const facts = await this.data.factsOf(p.marketSlug);
        if (p.state === 'traded') return this.tradedResult(p, facts);
        return this.find(p, facts);
      }
      venueOrderId = p.venueOrderId;
    }
    if (!venueOrderId) throw new RangeError('an order lookup needs a venue order id or a client order id');
    const order = await this.fetchOrder(venueOrderId);
    if (!order) return null;
    const facts = await this.data.factsOf(order.marketSlug);
    if (!clientOrderId) clientOrderId = lookup.clientOrderId ?? '';
    return toOrderResult(order, [], facts.takerThetaPpm, clientOrderId);
  }

  /** A placement found through its trades, read again from the same trades. */
  private async tradedResult(p: Placement, facts: MarketFacts): Promise<PolymarketUsOrderResult> {
    const ids = new Set(p.tradeIds);
    const trades = (await this.recentTrades(p.marketSlug)).filter((t) => ids.has(t.id));
    const { side, instrumentSide } = directionOf(p.intent);
    const figures = figuresOfFills(
      trades.map((t) => ({ longPriceMicros: t.price, sizeCenti: tradeSizeCenti(t) })),
      instrumentSide,
      side,
      facts.takerThetaPpm,
    );
    return {
      venue: PMUS,
      clientOrderId: p.clientOrderId,
      venueOrderId: null,
      status: placementStatus(figures.filledCenti, p.sizeCenti),
      instrument: { venue: PMUS, marketSlug: p.marketSlug, side: instrumentSide },
      side,
      ...figures,
      reason: 'found by its trades',
    };
  }

  /** Cancels a resting order. An order that is gone already (404) counts as cancelled. */
  async cancelOrder(lookup: PolymarketUsOrderLookup): Promise<void> {
    this.rest.requireAuth(ENDPOINTS.cancelOrder);
    let orderId = lookup.venueOrderId;
    if (!orderId && lookup.clientOrderId)
      orderId = (await this.placements.get(lookup.clientOrderId))?.venueOrderId ?? undefined;
    if (!orderId) return; // no venue order is known: nothing rests that we could name
    let slug = lookup.instrument?.marketSlug;
    if (!slug) {
      const order = await this.fetchOrder(orderId);
      if (!order) return;
      slug = order.marketSlug;
    }
    try {
      await this.rest.call({
        method: 'POST',
        path: PATHS.cancelOrder(orderId),
        endpoint: ENDPOINTS.cancelOrder,
        body: JSON.stringify({ marketSlug: slug }),
        schema: cancelOrderResponse,
        // Cancelling twice is harmless, so a timed-out cancel may be repeated.
        idempotent: true,
        class: 'write',
      });
    } catch (err) {
      if (!(err instanceof Rejected && err.status === 404)) throw err;
    }
  }

  private async readOrder(
    id: string,
    facts: MarketFacts,
    clientOrderId: string,
  ): Promise<PolymarketUsOrderResult | null> {
    const order = await this.fetchOrder(id);
    return order ? toOrderResult(order, [] as WireExecution[], facts.takerThetaPpm, clientOrderId) : null;
  }

  private async fetchOrder(id: string): Promise<WireOrder | null> {
    try {
      const { data } = await this.rest.call({
        method: 'GET',
        path: PATHS.order(id),
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

  private async openOrders(slug: string): Promise<WireOrder[]> {
    const { data } = await this.rest.call({
      method: 'GET',
      path: PATHS.openOrders,
      query: { slugs: [slug] },
      endpoint: ENDPOINTS.openOrders,
      schema: openOrdersResponse,
      idempotent: true,
    });
    return (data.orders ?? []).filter((o) => o.marketSlug === slug);
  }

  /** Our most recent trades on one market, newest first (one page: a lookup follows a send by seconds). */
  private async recentTrades(slug: string): Promise<WireTrade[]> {
    const { data } = await this.rest.call({
      method: 'GET',
      path: PATHS.activities,
      query: {
        marketSlug: slug,
        types: ['ACTIVITY_TYPE_TRADE'],
        sortOrder: 'SORT_ORDER_DESCENDING',
        limit: PORTFOLIO_PAGE_LIMIT,
      },
      endpoint: ENDPOINTS.activities,
      schema: activitiesResponse,
      idempotent: true,
    });
    const out: WireTrade[] = [];
    for (const a of data.activities ?? []) {
      if (a.type === 'ACTIVITY_TYPE_TRADE' && a.trade && a.trade.marketSlug === slug) out.push(a.trade);
    }
    return out;
  }
}

/** A trade's size: `qtyDecimal`, else the whole-contract `qty` (deprecated); neither is a BadResponse. */
function tradeSizeCenti(t: WireTrade): number {
  const parsed = contractsCenti.safeParse(t.qtyDecimal ?? t.qty ?? undefined);
  if (!parsed.success || parsed.data <= 0)
    throw badResponse(ENDPOINTS.activities, `trade ${t.id} has no usable quantity`);
  return parsed.data;
}
