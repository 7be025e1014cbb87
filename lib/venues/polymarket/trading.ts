/**
 * Order placement, lookup and cancellation (docs/venues-polymarket.md#p4, #p5).
 *
 * Placement is never retried blindly. `POST /order` goes out once (HttpClient `idempotent:
 * false`); on Timeout/Unavailable the order is looked up by its hash, which we computed before
 * sending, first as an order and then among our taker trades. Only when neither finds it is the
 * original error re-thrown: the outcome is unknown, and placing again with the SAME
 * clientOrderId re-sends the SAME signed order, which the venue can fill at most once.
 */
import type { InstrumentRef } from '../../core/market';
import { notionalMicros } from '../../core/money';
import { polymarketBuyProblem, polymarketSellProblem } from '../../core/order-precision';
import {
  type OrderLookup,
  type OrderRequest,
  type OrderResult,
  Rejected,
  Timeout,
  Unavailable,
  type VenueError,
} from '../../engine/ports';
import type { TokenBucket } from '../http';
import { END_CURSOR, ENDPOINTS, INITIAL_CURSOR, PATHS } from './constants';
import { classifyError, errorFor } from './errors';
import {
  assertMarketOrderPrecision,
  buildOrder,
  exchangeFor,
  OrderBuildError,
  orderBody,
  orderHash,
  signOrder,
  type WireSide,
} from './order-signing';
import type { SignedOrderStore, StoredOrder } from './order-store';
import { mapOrBad } from './parse';
import type { MarketInfo } from './parse-markets';
import { noFillResult, type ResultContext, resultOfOpenOrder, resultOfPost, resultOfTrades } from './parse-orders';
import { cancelAnswer, getOrderAnswer, postOrderAnswer, type Trade, tradesPage } from './schemas';
import type { ClobSession } from './session';

type PolymarketInstrument = Extract<InstrumentRef, { venue: 'polymarket' }>;

const POST_ORDER = `POST ${PATHS.order}`;
const CANCEL_ORDER = `DELETE ${PATHS.order}`;
const TRADES = `GET ${PATHS.dataTrades}`;

export interface TradingDeps {
  readonly session: ClobSession;
  readonly store: SignedOrderStore;
  readonly marketInfo: (instrument: PolymarketInstrument) => Promise<MarketInfo>;
  readonly nowMs: () => number;
  readonly orderBucket: TokenBucket;
  readonly dataBucket: TokenBucket;
  readonly builderCode: string | undefined;
  /** Pages of `/data/trades` searched after a timeout. */
  readonly tradePages?: number;
}

function polymarketInstrument(instrument: InstrumentRef): PolymarketInstrument {
  if (instrument.venue !== 'polymarket') {
    throw new Rejected(`polymarket cannot trade a ${instrument.venue} instrument`, { venue: 'polymarket' });
  }
  return instrument;
}

function fingerprint(o: OrderRequest): string {
  const i = polymarketInstrument(o.instrument);
  return [i.tokenId, o.side, o.priceMicros, o.sizeCenti, o.tif, o.spendMicros ?? ''].join('|');
}

export class PolymarketTrading {
  constructor(private readonly deps: TradingDeps) {}

  async placeOrder(req: OrderRequest): Promise<OrderResult> {
    const instrument = polymarketInstrument(req.instrument);
    const info = await this.deps.marketInfo(instrument);
    const ctx: ResultContext = {
      clientOrderId: req.clientOrderId,
      instrument,
      side: req.side,
      requestedCenti: req.sizeCenti,
      fee: info.fee,
    };
    const stored = await this.signedOrder(req, instrument, info);
    const owner = await this.deps.session.apiKey();
    const body = orderBody(stored.order, owner, req.tif === 'FOK' ? 'FOK' : 'FAK');
    await this.deps.orderBucket.take();
    let answer;
    try {
      answer = await this.deps.session.request({
        method: 'POST',
        path: PATHS.order,
        body,
        schema: postOrderAnswer,
        idempotent: false,
        class: 'write',
        acceptStatuses: [400],
      });
    } catch (err) {
      if (err instanceof Timeout || err instanceof Unavailable) return this.lookUpAfter(err, stored, ctx);
      throw err;
    }
    const data = answer.data;
    const details = { venue: 'polymarket' as const, endpoint: POST_ORDER, status: answer.status };
    const message = 'error' in data ? data.error : data.success ? '' : data.errorMsg || 'order not accepted';
    const venueId = ('orderID' in data && data.orderID) || stored.orderHash;
    if (message) {
      const kind = classifyError(message);
      if (kind === 'noFill') return noFillResult(ctx, venueId, message);
      if (kind === 'pending') return { ...noFillResult(ctx, venueId, message), status: 'pending' };
      throw errorFor(message, details);
    }
    if ('error' in data) throw errorFor(data.error, details);
    return mapOrBad(POST_ORDER, () => resultOfPost(data, ctx, venueId));
  }

  /** Same clientOrderId → same signed order (same salt, timestamp, hash). */
  private async signedOrder(
    req: OrderRequest,
    instrument: PolymarketInstrument,
    info: MarketInfo,
  ): Promise<StoredOrder> {
    const existing = await this.deps.store.get(req.clientOrderId);
    const print = fingerprint(req);
    if (existing) {
      if (existing.fingerprint !== print) {
        throw new Rejected(`clientOrderId ${req.clientOrderId} was already used for a different order`, {
          venue: 'polymarket',
        });
      }
      return existing;
    }
    // The market's orderMinSize binds resting orders only; FOK/FAK orders (all this client
    // sends) must be worth $1 instead (docs/venues-polymarket.md#p5-minimums). Refused here,
    // before signing, so nothing the venue would refuse is ever sent.
    const spendMicros =
      req.side === 'buy' ? (req.spendMicros ?? notionalMicros(req.priceMicros, req.sizeCenti, 'ceil')) : undefined;
    const problem =
      spendMicros !== undefined
        ? polymarketBuyProblem(spendMicros, req.priceMicros, req.sizeCenti)
        : req.spendMicros !== undefined
          ? 'only a BUY spends a pUSD amount'
          : polymarketSellProblem(req.sizeCenti, req.priceMicros);
    if (problem) throw new Rejected(`polymarket order not sent: ${problem}`, { venue: 'polymarket' });
    const { session } = this.deps;
    const exchange = exchangeFor(info);
    let order;
    try {
      order = buildOrder({
        clientOrderId: req.clientOrderId,
        tokenId: instrument.tokenId,
        side: (req.side === 'buy' ? 'BUY' : 'SELL') as WireSide,
        priceMicros: req.priceMicros,
        sizeCenti: req.sizeCenti,
        tickMicros: info.tickMicros,
        signerAddress: session.address,
        funderAddress: session.funderAddress,
        signatureType: session.signatureType,
        timestampMs: this.deps.nowMs(),
        ...(spendMicros !== undefined ? { spendMicros } : {}),
        ...(this.deps.builderCode ? { builder: this.deps.builderCode } : {}),
      });
      // Every order here is FOK or FAK: the venue's market-order precision applies.
      assertMarketOrderPrecision({ makerAmount: BigInt(order.makerAmount), takerAmount: BigInt(order.takerAmount) });
    } catch (err) {
      if (err instanceof OrderBuildError)
        throw new Rejected(`polymarket order not sent: ${err.message}`, { venue: 'polymarket' });
      throw err;
    }
    const signed = await signOrder(session.wallet, order, exchange);
    const stored: StoredOrder = {
      order: signed,
      orderHash: orderHash(order, exchange),
      fingerprint: print,
      conditionId: instrument.conditionId,
    };
    await this.deps.store.put(req.clientOrderId, stored);
    return stored;
  }

  private async lookUpAfter(original: VenueError, stored: StoredOrder, ctx: ResultContext): Promise<OrderResult> {
    try {
      const order = await this.fetchOrder(stored.orderHash, ctx);
      if (order) return order;
      const trades = await this.takerTrades(ctx.instrument.tokenId, Number(stored.order.timestamp));
      const fromTrades = mapOrBad(TRADES, () => resultOfTrades(trades, ctx, stored.orderHash));
      if (fromTrades) return fromTrades;
    } catch {
      // The lookup failed too: the outcome stays unknown, report the original failure.
    }
    throw original;
  }

  async getOrder(lookup: OrderLookup): Promise<OrderResult | null> {
    let id = lookup.venueOrderId;
    let clientOrderId = lookup.clientOrderId;
    let stored: StoredOrder | undefined;
    if (clientOrderId) stored = await this.deps.store.get(clientOrderId);
    id ??= stored?.orderHash;
    if (!id) return null;
    clientOrderId ??= (await this.deps.store.clientOrderIdOf(id)) ?? '';
    const instrument = lookup.instrument && lookup.instrument.venue === 'polymarket' ? lookup.instrument : undefined;
    const ctx: ResultContext = {
      clientOrderId,
      instrument: instrument ?? {
        venue: 'polymarket',
        conditionId: stored?.conditionId ?? '',
        tokenId: stored?.order.tokenId ?? '',
      },
      side: stored?.order.side === 'SELL' ? 'sell' : 'buy',
      requestedCenti: 0,
      fee: null,
    };
    return this.fetchOrder(id, ctx);
  }

  private async fetchOrder(id: string, ctx: ResultContext): Promise<OrderResult | null> {
    await this.deps.dataBucket.take();
    const path = PATHS.dataOrder(id);
    const res = await this.deps.session.request({
      method: 'GET',
      path,
      schema: getOrderAnswer,
      idempotent: true,
      endpoint: ENDPOINTS.dataOrder,
      acceptStatuses: [400, 404],
    });
    const data = res.data;
    if (data === null || 'error' in data) return null;
    const instrument: PolymarketInstrument = { venue: 'polymarket', conditionId: data.market, tokenId: data.asset_id };
    const info = ctx.fee ? null : await this.deps.marketInfo(instrument).catch(() => null);
    return mapOrBad(ENDPOINTS.dataOrder, () =>
      resultOfOpenOrder(data, {
        ...ctx,
        instrument,
        side: data.side === 'BUY' ? 'buy' : 'sell',
        fee: ctx.fee ?? info?.fee ?? null,
      }),
    );
  }

  /** Recent trades on one token, from shortly before the order was signed. */
  private async takerTrades(tokenId: string, signedAtMs: number): Promise<Trade[]> {
    const out: Trade[] = [];
    let cursor = INITIAL_CURSOR;
    for (let page = 0; page < (this.deps.tradePages ?? 5) && cursor !== END_CURSOR; page++) {
      await this.deps.dataBucket.take();
      const res = await this.deps.session.request({
        method: 'GET',
        path: PATHS.dataTrades,
        query: { asset_id: tokenId, after: Math.floor(signedAtMs / 1000) - 60, next_cursor: cursor },
        schema: tradesPage,
        idempotent: true,
      });
      out.push(...res.data.data);
      cursor = res.data.next_cursor;
    }
    return out;
  }

  async cancelOrder(lookup: OrderLookup): Promise<void> {
    const id =
      lookup.venueOrderId ??
      (lookup.clientOrderId ? (await this.deps.store.get(lookup.clientOrderId))?.orderHash : undefined);
    if (!id)
      throw new Rejected('polymarket cancel needs a known order', { venue: 'polymarket', endpoint: CANCEL_ORDER });
    const res = await this.deps.session.request({
      method: 'DELETE',
      path: PATHS.order,
      body: JSON.stringify({ orderID: id }),
      schema: cancelAnswer,
      // Cancelling twice is harmless: the request may be repeated.
      idempotent: true,
      class: 'write',
    });
    const reason = res.data.not_canceled?.[id];
    if (reason !== undefined && !res.data.canceled.includes(id)) {
      throw errorFor(reason || 'order not canceled', {
        venue: 'polymarket',
        endpoint: CANCEL_ORDER,
        status: res.status,
      });
    }
  }
}
