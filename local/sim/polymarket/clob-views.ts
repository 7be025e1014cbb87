/**
 * CLOB wire shapes (docs/venues-polymarket.md#p2, #p5), produced from the simulator's exact records.
 * Books: every number a string, `bids` ascending and `asks` descending so the best of each is
 * the LAST element, `timestamp` in ms as a string, `hash` = SHA-1 hex of the JSON with
 * `hash: ""` (the same key order the SDK re-hashes).
 */
import { createHash } from 'node:crypto';
import type { SimLevel } from '../control';
import type { SimMarket, SimOrder, SimTrade } from './records';
import type { PolymarketSimState, SimBook } from './state';
import { decimalNumber, gammaGameTime, isoSeconds, priceText, sharesText } from './wire-numbers';

export interface WireBook {
  market: string;
  asset_id: string;
  timestamp: string;
  hash: string;
  bids: Array<{ price: string; size: string }>;
  asks: Array<{ price: string; size: string }>;
  min_order_size: string;
  tick_size: string;
  neg_risk: boolean;
  last_trade_price: string;
}

const wireLevels = (levels: readonly SimLevel[]) =>
  [...levels].reverse().map((l) => ({ price: priceText(l.priceMicros), size: sharesText(l.sizeCenti) }));

export function bookView(state: PolymarketSimState, tokenId: string, market: SimMarket, book: SimBook): WireBook {
  const view: WireBook = {
    market: market.spec.conditionId,
    asset_id: tokenId,
    timestamp: String(book.updatedAtMs),
    hash: '',
    bids: wireLevels(book.bids),
    asks: wireLevels(book.asks),
    min_order_size: sharesText(market.spec.minSizeCenti),
    tick_size: priceText(market.spec.tickMicros),
    neg_risk: market.spec.negRisk,
    last_trade_price: priceText(state.lastTradeMicros.get(tokenId) ?? 0),
  };
  view.hash = createHash('sha1').update(JSON.stringify(view)).digest('hex');
  return view;
}

/** Display price of a token: the book midpoint, else the last trade, else 0.5; 1/0 once resolved. */
export function tokenPriceMicros(state: PolymarketSimState, market: SimMarket, tokenId: string): number {
  const resolution = market.resolution;
  if (resolution) return 'split' in resolution ? 500_000 : resolution.winnerTokenId === tokenId ? 1_000_000 : 0;
  const book = state.books.get(tokenId);
  const bid = book?.bids[0]?.priceMicros;
  const ask = book?.asks[0]?.priceMicros;
  if (bid !== undefined && ask !== undefined) return Math.floor((bid + ask) / 2);
  return state.lastTradeMicros.get(tokenId) ?? 500_000;
}

/** Legacy `GET /markets/{condition_id}`: `tokens[].winner` is the authoritative result (docs/venues-polymarket.md#p6). */
export function clobMarketView(state: PolymarketSimState, market: SimMarket) {
  const { spec } = market;
  const winner = (tokenId: string) =>
    market.resolution !== null && 'winnerTokenId' in market.resolution && market.resolution.winnerTokenId === tokenId;
  return {
    enable_order_book: true,
    active: true,
    closed: market.closed,
    archived: false,
    accepting_orders: market.acceptingOrders,
    accepting_order_timestamp: isoSeconds(market.createdAtMs),
    minimum_order_size: decimalNumber(spec.minSizeCenti, 2),
    minimum_tick_size: decimalNumber(spec.tickMicros, 6),
    condition_id: spec.conditionId,
    question_id: spec.conditionId,
    question: spec.question,
    description: '',
    market_slug: spec.eventSlug,
    end_date_iso: isoSeconds(spec.gameStartMs + 6 * 3_600_000),
    game_start_time: isoSeconds(spec.gameStartMs),
    seconds_delay: 0,
    fpmm: '',
    maker_base_fee: 0,
    taker_base_fee: 0,
    notifications_enabled: true,
    neg_risk: spec.negRisk,
    neg_risk_market_id: '',
    neg_risk_request_id: '',
    is_50_50_outcome: false,
    tokens: spec.outcomes.map((o) => ({
      token_id: o.tokenId,
      outcome: o.name,
      price: decimalNumber(tokenPriceMicros(state, market, o.tokenId), 6),
      winner: winner(o.tokenId),
    })),
    tags: ['Sports', spec.league],
  };
}

/** `GET /clob-markets/{condition_id}`: the compact one-call config (docs/venues-polymarket.md#p2). */
export function clobMarketInfoView(market: SimMarket) {
  const { spec } = market;
  return {
    c: spec.conditionId,
    t: spec.outcomes.map((o) => ({ t: o.tokenId, o: o.name })),
    mts: decimalNumber(spec.tickMicros, 6),
    nr: spec.negRisk,
    fd: { r: decimalNumber(spec.feeRatePpm, 6), e: spec.feeExponent, to: true },
    mbf: 0,
    tbf: 0,
    r: null,
    ao: market.acceptingOrders,
    mos: decimalNumber(spec.minSizeCenti, 2),
    sd: 0,
    gst: gammaGameTime(spec.gameStartMs),
    itode: false,
    oas: 0,
  };
}

const visible = (nowMs: number, at: number) => nowMs >= at;

/** `GET /data/order/{id}` and `/data/orders` rows. */
export function orderView(order: SimOrder, nowMs: number) {
  const shown = visible(nowMs, order.visibleAtMs);
  return {
    id: order.id,
    status: shown ? order.status : 'DELAYED',
    owner: order.owner,
    maker_address: order.makerAddress,
    market: order.conditionId,
    asset_id: order.tokenId,
    side: order.side,
    original_size: sharesText(order.originalCenti),
    size_matched: sharesText(shown ? order.matchedCenti : 0),
    price: priceText(order.priceMicros),
    associate_trades: shown ? [...order.tradeIds] : [],
    outcome: order.outcome,
    created_at: Math.floor(order.createdAtMs / 1000),
    expiration: order.expiration,
    order_type: order.orderType,
  };
}

export function tradeVisible(trade: SimTrade, nowMs: number): boolean {
  return visible(nowMs, trade.visibleAtMs);
}

/** `GET /data/trades` rows: the taker side; the resting side is the simulated book. */
export function tradeView(trade: SimTrade) {
  const sec = String(Math.floor(trade.matchTimeMs / 1000));
  return {
    id: trade.id,
    taker_order_id: trade.takerOrderId,
    market: trade.conditionId,
    asset_id: trade.tokenId,
    side: trade.side,
    size: sharesText(trade.sizeCenti),
    fee_rate_bps: String(trade.feeRateBps),
    price: priceText(trade.priceMicros),
    status: 'CONFIRMED',
    match_time: sec,
    last_update: sec,
    outcome: trade.outcome,
    bucket_index: 0,
    owner: trade.owner,
    maker_address: trade.makerAddress,
    maker_orders: [
      {
        order_id: `sim-book-${trade.id}`,
        owner: 'sim-book',
        maker_address: '0x0000000000000000000000000000000000000000',
        matched_amount: sharesText(trade.sizeCenti),
        price: priceText(trade.priceMicros),
        fee_rate_bps: '0',
        asset_id: trade.tokenId,
        outcome: trade.outcome,
        side: trade.side === 'BUY' ? 'SELL' : 'BUY',
      },
    ],
    transaction_hash: trade.transactionHash,
    trader_side: 'TAKER',
  };
}
