/**
 * The simulated Polymarket US's answers, in the shapes of the venue's OpenAPI pages
 * (docs/venues-polymarket-us.md#u-sides, #u-book, #u-orders, #u-portfolio, #u-settlement): amounts
 * as `{value, currency: "USD"}` decimal strings, order quantities and balances as JSON numbers,
 * book and trade quantities as strings, ids as strings, times ISO 8601.
 */
import { formatScaled, PAYOUT_MICROS } from '../../../lib/core/money';
import type { SimLevel } from '../control';
import type { SimAccount, SimExecution, SimMarket, SimOrder, SimTrade } from './state';

/** `0.55`, `0.555`, `12`: a decimal with no trailing zeros beyond two places (`12.50` → `12.5`). */
export function decimalText(units: number, scale: number): string {
  const full = formatScaled(units, scale);
  if (!full.includes('.')) return full;
  return full.replace(/0+$/, '').replace(/\.$/, '');
}

export const amount = (micros: number) => ({ value: priceText(micros), currency: 'USD' as const });
/** Prices keep two decimals at least, like the venue's examples (`"0.55"`). */
export function priceText(micros: number): string {
  return formatScaled(micros, 6).replace(/(\.\d\d\d*?)0+$/, '$1');
}
export const qtyNumber = (centi: number) => Number(decimalText(centi, 2));
export const qtyText = (centi: number) => decimalText(centi, 2);
export const dollarsNumber = (micros: number) => Number(decimalText(micros, 6));
export const iso = (ms: number) => new Date(ms).toISOString();

const STATUS: Readonly<Record<SimMarket['status'], string>> = {
  open: 'MARKET_STATUS_OPEN',
  halted: 'MARKET_STATUS_HALTED',
  closed: 'MARKET_STATUS_RESOLVING',
  resolved: 'MARKET_STATUS_RESOLVED',
};
const STATE: Readonly<Record<SimMarket['status'], string>> = {
  open: 'MARKET_STATE_OPEN',
  halted: 'MARKET_STATE_HALTED',
  closed: 'MARKET_STATE_EXPIRED',
  resolved: 'MARKET_STATE_TERMINATED',
};

function sideView(m: SimMarket, long: boolean) {
  const team = long ? m.spec.long : m.spec.short;
  const bestAsk = m.offers[0]?.priceMicros;
  const bestBid = m.bids[0]?.priceMicros;
  // A side's quote: what one of its contracts costs now (long: best offer; short: 1 − best bid).
  const quote = long ? bestAsk : bestBid === undefined ? undefined : PAYOUT_MICROS - bestBid;
  return {
    id: `${m.id}${long ? '1' : '2'}`,
    marketSideType: 'MARKET_SIDE_TYPE_INSTRUMENT',
    identifier: `${m.spec.slug}-${long ? 'long' : 'short'}`,
    description: team.name,
    long,
    marketId: Number(m.id),
    team: {
      id: Number(m.id) * 10 + (long ? 1 : 2),
      name: team.name,
      abbreviation: team.abbreviation,
      league: m.spec.league.toLowerCase(),
      ordering: team.ordering ?? (long ? 'away' : 'home'),
    },
    ...(quote === undefined ? {} : { quote: amount(quote), price: priceText(quote) }),
    tradable: m.status === 'open',
  };
}

export function marketView(m: SimMarket) {
  const open = m.status === 'open';
  return {
    id: m.id,
    question: m.spec.title,
    title: m.spec.title,
    slug: m.spec.slug,
    eventSlug: m.eventSlug,
    category: 'sports',
    active: open,
    closed: !open,
    status: STATUS[m.status],
    orderPriceMinTickSize: dollarsNumber(m.spec.tickMicros),
    minimumTradeQty: qtyNumber(m.spec.minQtyCenti),
    feeCoefficient: dollarsNumber(m.spec.takerThetaPpm),
    gameStartTime: iso(m.spec.gameStartMs),
    startDate: iso(m.spec.gameStartMs - 86_400_000),
    marketType: 'moneyline',
    sportsMarketType: 'moneyline',
    sportsMarketTypeV2: 'SPORTS_MARKET_TYPE_MONEYLINE',
    marketSides: [sideView(m, true), sideView(m, false)],
    ...(m.bids[0] ? { bestBidQuote: amount(m.bids[0].priceMicros) } : {}),
    ...(m.offers[0] ? { bestAskQuote: amount(m.offers[0].priceMicros) } : {}),
  };
}

/** The totals market listed beside a moneyline: discovery must leave it out. */
function totalsView(m: SimMarket, side: { slug: string; id: string }) {
  return {
    id: side.id,
    question: `${m.spec.title}: O/U`,
    slug: side.slug,
    eventSlug: m.eventSlug,
    active: m.status === 'open',
    closed: m.status !== 'open',
    status: STATUS[m.status],
    orderPriceMinTickSize: 0.01,
    minimumTradeQty: 0.01,
    marketType: 'totals',
    sportsMarketType: 'total',
    sportsMarketTypeV2: 'SPORTS_MARKET_TYPE_TOTAL',
    line: 215.5,
    marketSides: [
      { id: `${side.id}1`, description: 'Over', long: true, marketId: Number(side.id) },
      { id: `${side.id}2`, description: 'Under', long: false, marketId: Number(side.id) },
    ],
  };
}

export function eventView(m: SimMarket, side: { slug: string; id: string } | undefined) {
  const over = m.status === 'closed' || m.status === 'resolved';
  return {
    id: m.eventId,
    slug: m.eventSlug,
    title: m.spec.title,
    startTime: iso(m.spec.gameStartMs),
    startDate: iso(m.spec.gameStartMs - 86_400_000),
    eventDate: m.spec.slug.slice(-10),
    seriesSlug: `${m.spec.league.toLowerCase()}-2026`,
    active: !over,
    closed: over,
    ended: over,
    live: false,
    markets: [marketView(m), ...(side ? [totalsView(m, side)] : [])],
  };
}

const level = (l: SimLevel) => ({ px: amount(l.priceMicros), qty: qtyText(l.sizeCenti) });

export function bookView(m: SimMarket, nowMs: number) {
  const open = m.status === 'open';
  return {
    marketData: {
      marketSlug: m.spec.slug,
      // Empty sides are sent as [] (the SDK types both arrays as required); the client also reads
      // them absent (docs/venues-polymarket-us.md#u-proto-json).
      bids: open ? m.bids.map(level) : [],
      offers: open ? m.offers.map(level) : [],
      state: STATE[m.status],
      stats: m.lastTradeMicros === null ? {} : { lastTradePx: amount(m.lastTradeMicros) },
      transactTime: iso(nowMs),
    },
  };
}

export function bboView(m: SimMarket) {
  return {
    marketData: {
      marketSlug: m.spec.slug,
      ...(m.bids[0] ? { bestBid: amount(m.bids[0].priceMicros) } : {}),
      ...(m.offers[0] ? { bestAsk: amount(m.offers[0].priceMicros) } : {}),
      bidDepth: m.bids.length,
      askDepth: m.offers.length,
      state: STATE[m.status],
      ...(m.settlementMicros === null ? {} : { settlementPx: amount(m.settlementMicros) }),
    },
  };
}

const ACTION = (intent: string) => (intent.includes('_BUY_') ? 'ORDER_ACTION_BUY' : 'ORDER_ACTION_SELL');
const OUTCOME = (intent: string) => (intent.endsWith('_LONG') ? 'OUTCOME_SIDE_YES' : 'OUTCOME_SIDE_NO');

/** An order as the venue shows it at `nowMs`: under the `late` fault, not yet executed. */
export function orderView(o: SimOrder, m: SimMarket | undefined, nowMs: number, at?: SimExecution) {
  const hidden = nowMs < o.visibleAtMs;
  const state = hidden ? 'ORDER_STATE_PENDING_NEW' : (at?.orderState ?? o.state);
  const cum = hidden ? 0 : (at?.cumCenti ?? o.cumCenti);
  const final = at === undefined || at === o.executions.at(-1);
  const avg = cum > 0 && final && !hidden ? Math.round(o.notionalLongCentiMicros / o.cumCenti) : null;
  const live =
    state === 'ORDER_STATE_NEW' || state === 'ORDER_STATE_PARTIALLY_FILLED' || state === 'ORDER_STATE_PENDING_NEW';
  return {
    id: o.id,
    marketSlug: o.marketSlug,
    side: ACTION(o.intent) === 'ORDER_ACTION_BUY' ? 'ORDER_SIDE_BUY' : 'ORDER_SIDE_SELL',
    type: 'ORDER_TYPE_LIMIT',
    price: amount(o.priceMicros),
    quantity: qtyNumber(o.quantityCenti),
    cumQuantity: qtyNumber(cum),
    leavesQuantity: live ? qtyNumber(o.quantityCenti - cum) : 0,
    tif: o.tif,
    intent: o.intent,
    outcomeSide: OUTCOME(o.intent),
    action: ACTION(o.intent),
    marketMetadata: { slug: o.marketSlug, title: m?.spec.title ?? o.marketSlug, eventSlug: m?.eventSlug ?? '' },
    state,
    ...(avg !== null ? { avgPx: amount(avg) } : {}),
    ...(cum > 0 && final && !hidden ? { commissionNotionalTotalCollected: amount(o.commissionMicros) } : {}),
    createTime: iso(o.createdAtMs),
    insertTime: iso(o.createdAtMs),
  };
}

export function executionView(o: SimOrder, e: SimExecution, m: SimMarket | undefined, nowMs: number) {
  return {
    id: e.id,
    order: orderView(o, m, nowMs, e),
    type: e.type,
    ...(e.lastCenti > 0 ? { lastShares: qtyText(e.lastCenti) } : {}),
    ...(e.lastPxMicros !== null ? { lastPx: amount(e.lastPxMicros) } : {}),
    ...(e.text ? { text: e.text } : {}),
    ...(e.rejectReason ? { orderRejectReason: e.rejectReason } : {}),
    transactTime: iso(e.atMs),
    ...(e.tradeId ? { tradeId: e.tradeId, aggressor: true } : {}),
    ...(e.commissionMicros !== null ? { commissionNotionalCollected: amount(e.commissionMicros) } : {}),
  };
}

export function tradeView(t: SimTrade) {
  return {
    id: t.id,
    marketSlug: t.marketSlug,
    state: 'TRADE_STATE_CLEARED',
    createTime: iso(t.atMs),
    updateTime: iso(t.atMs),
    price: amount(t.longPriceMicros),
    qty: String(Math.trunc(t.sizeCenti / 100)),
    qtyDecimal: qtyText(t.sizeCenti),
    isAggressor: true,
  };
}

export function positionView(
  slug: string,
  netCenti: number,
  m: SimMarket | undefined,
  expired: boolean,
  nowMs: number,
) {
  return {
    netPosition: String(Math.trunc(netCenti / 100)),
    netPositionDecimal: decimalText(netCenti, 2),
    qtyBought: '0',
    qtySold: '0',
    cost: amount(0),
    realized: amount(0),
    bodPosition: '0',
    expired,
    updateTime: iso(nowMs),
    marketMetadata: { slug, title: m?.spec.title ?? slug, eventSlug: m?.eventSlug ?? '' },
    qtyAvailableDecimal: decimalText(Math.abs(netCenti), 2),
  };
}

export function balanceView(a: SimAccount, nowMs: number) {
  return {
    balances: [
      {
        currentBalance: dollarsNumber(a.buyingPowerMicros),
        currency: 'USD',
        lastUpdated: iso(nowMs),
        buyingPower: dollarsNumber(a.buyingPowerMicros),
        openOrders: 0,
        unsettledFunds: 0,
      },
    ],
  };
}
