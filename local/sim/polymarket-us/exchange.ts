/**
 * Order entry of the simulated Polymarket US (docs/venues-polymarket-us.md#u-orders). One
 * instrument per market; `price.value` is always the long side's price, whatever the intent:
 * BUY_LONG and SELL_SHORT take the offers (at or under the price), SELL_LONG and BUY_SHORT take
 * the bids (at or over it). A short contract costs 1 − the long price.
 *
 * What the venue checks, the simulator checks, in the venue's two ways:
 * - a request the gateway cannot read (no market slug, no intent, no limit price, an unknown
 *   enum word) is refused with 400 and no order;
 * - an order the exchange refuses (unknown market, market not open, a price outside 0.01–0.99 or
 *   off the tick, a quantity under `minimumTradeQty` or off its step) still gets an order id and is
 *   REJECTED with its `ORD_REJECT_REASON_*`: "you will still receive an orderID, but the order will
 *   never fill".
 * Simulator rules that are assumptions, not venue facts (docs/venues-polymarket-us.md#u-sim):
 * too little buying power rejects the order (`insufficient buying power`); SELL_LONG / SELL_SHORT
 * need that many contracts held; buying one side while holding the other is refused (the venue
 * nets; the simulator does not); a GTC/GTD/DAY remainder rests as an open order but never matches.
 */
import { PAYOUT_MICROS, parseCentishares, parseMicros } from '../../../lib/core/money';
import { matchTaker } from '../matching';
import { badRequest } from './errors';
import { OrderFees } from './fees';
import type { Intent, PolymarketUsSimState, SimAccount, SimExecution, SimMarket, SimOrder } from './state';

const INTENTS: readonly Intent[] = [
  'ORDER_INTENT_BUY_LONG',
  'ORDER_INTENT_SELL_LONG',
  'ORDER_INTENT_BUY_SHORT',
  'ORDER_INTENT_SELL_SHORT',
];
const PAIRED: Readonly<Record<string, Intent>> = {
  'OUTCOME_SIDE_YES ORDER_ACTION_BUY': 'ORDER_INTENT_BUY_LONG',
  'OUTCOME_SIDE_YES ORDER_ACTION_SELL': 'ORDER_INTENT_SELL_LONG',
  'OUTCOME_SIDE_NO ORDER_ACTION_BUY': 'ORDER_INTENT_BUY_SHORT',
  'OUTCOME_SIDE_NO ORDER_ACTION_SELL': 'ORDER_INTENT_SELL_SHORT',
};
const TIFS = [
  'TIME_IN_FORCE_DAY',
  'TIME_IN_FORCE_GOOD_TILL_CANCEL',
  'TIME_IN_FORCE_GOOD_TILL_DATE',
  'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL',
  'TIME_IN_FORCE_FILL_OR_KILL',
];
const MIN_PRICE = 10_000;
const MAX_PRICE = 990_000;

export interface OrderFaults {
  /** `partial` fault: fill at most this share of the order. */
  readonly fillRatio?: number;
  /** `late` fault: the order and its trades read as not yet executed for this many sim-ms. */
  readonly reportDelayMs?: number;
}

export interface OrderRequestFields {
  readonly marketSlug: string;
  readonly intent: Intent;
  readonly priceMicros: number;
  readonly quantityCenti: number | null;
  readonly tif: string;
  readonly synchronous: boolean;
}

/** Reads a create-order body as the gateway does; what it cannot read is a 400 (no order). */
export function readOrderRequest(raw: unknown): OrderRequestFields {
  if (typeof raw !== 'object' || raw === null) throw badRequest('body must be a JSON object');
  const b = raw as Record<string, unknown>;
  if (typeof b.marketSlug !== 'string' || b.marketSlug === '') throw badRequest('marketSlug is required');
  let intent: Intent | undefined;
  if (b.outcomeSide !== undefined || b.action !== undefined) {
    intent = PAIRED[`${String(b.outcomeSide)} ${String(b.action)}`];
    if (!intent) throw badRequest('outcomeSide and action must be set together, with known values');
  } else if (typeof b.intent === 'string' && (INTENTS as readonly string[]).includes(b.intent)) {
    intent = b.intent as Intent;
  }
  if (!intent) throw badRequest('intent (or outcomeSide + action) is required');
  const type = b.type ?? 'ORDER_TYPE_LIMIT';
  if (type === 'ORDER_TYPE_MARKET') throw badRequest('market orders are not simulated');
  if (type !== 'ORDER_TYPE_LIMIT') throw badRequest(`unknown order type ${String(type)}`);
  const price = b.price as { value?: unknown; currency?: unknown } | undefined;
  if (!price || typeof price.value !== 'string' || price.currency !== 'USD') {
    throw badRequest('price {value, currency: "USD"} is required for limit orders');
  }
  let priceMicros: number;
  try {
    priceMicros = parseMicros(price.value);
  } catch {
    throw badRequest('price.value must be a decimal string');
  }
  if (typeof b.quantity !== 'number' || !Number.isFinite(b.quantity) || b.quantity <= 0) {
    throw badRequest('quantity must be a positive number');
  }
  let quantityCenti: number | null;
  try {
    quantityCenti = parseCentishares(String(b.quantity));
  } catch {
    quantityCenti = null; // finer than any market's step: rejected by the exchange below
  }
  const tif = b.tif ?? 'TIME_IN_FORCE_GOOD_TILL_CANCEL';
  if (typeof tif !== 'string' || !TIFS.includes(tif)) throw badRequest(`unknown time in force ${String(tif)}`);
  return {
    marketSlug: b.marketSlug,
    intent,
    priceMicros,
    quantityCenti,
    tif,
    synchronous: b.synchronousExecution === true,
  };
}

/** Why the exchange refuses an order it has read, or null when it goes to matching. */
function refusal(
  state: PolymarketUsSimState,
  account: SimAccount,
  req: OrderRequestFields,
): { reason: string; text: string } | null {
  const market = state.markets.get(req.marketSlug);
  if (!market) return { reason: 'ORD_REJECT_REASON_UNKNOWN_MARKET', text: 'unknown market' };
  if (market.status !== 'open') return { reason: 'ORD_REJECT_REASON_EXCHANGE_CLOSED', text: 'market is not open' };
  if (req.priceMicros < MIN_PRICE || req.priceMicros > MAX_PRICE) {
    return { reason: 'ORD_REJECT_REASON_PRICE_OUT_OF_BOUNDS', text: 'price must be between 0.01 and 0.99' };
  }
  if (req.priceMicros % market.spec.tickMicros !== 0) {
    return { reason: 'ORD_REJECT_REASON_INVALID_PRICE_INCREMENT', text: 'price is not on the tick' };
  }
  const q = req.quantityCenti;
  const min = market.spec.minQtyCenti;
  if (q === null || q < min || q % min !== 0) {
    return { reason: 'ORD_REJECT_REASON_INCORRECT_QUANTITY', text: 'quantity is not a multiple of minimumTradeQty' };
  }
  const held = account.positions.get(req.marketSlug) ?? 0;
  switch (req.intent) {
    case 'ORDER_INTENT_SELL_LONG':
      if (held < q) return { reason: 'ORD_REJECT_REASON_EXCHANGE_OPTION', text: 'not enough long contracts to sell' };
      break;
    case 'ORDER_INTENT_SELL_SHORT':
      if (-held < q) return { reason: 'ORD_REJECT_REASON_EXCHANGE_OPTION', text: 'not enough short contracts to sell' };
      break;
    case 'ORDER_INTENT_BUY_LONG':
      if (held < 0) return { reason: 'ORD_REJECT_REASON_EXCHANGE_OPTION', text: 'offsetting a short is not simulated' };
      break;
    case 'ORDER_INTENT_BUY_SHORT':
      if (held > 0) return { reason: 'ORD_REJECT_REASON_EXCHANGE_OPTION', text: 'offsetting a long is not simulated' };
      break;
  }
  return null;
}

const takesOffers = (intent: Intent) => intent === 'ORDER_INTENT_BUY_LONG' || intent === 'ORDER_INTENT_SELL_SHORT';
const isBuy = (intent: Intent) => intent === 'ORDER_INTENT_BUY_LONG' || intent === 'ORDER_INTENT_BUY_SHORT';
const isLong = (intent: Intent) => intent === 'ORDER_INTENT_BUY_LONG' || intent === 'ORDER_INTENT_SELL_LONG';

/** Micros of `sizeCenti` contracts at `priceMicros` (exact: prices are multiples of 100 micros). */
const cost = (priceMicros: number, sizeCenti: number) => (priceMicros * sizeCenti) / 100;

function execution(
  state: PolymarketUsSimState,
  order: SimOrder,
  fields: Omit<SimExecution, 'id' | 'atMs' | 'orderState' | 'cumCenti'>,
): void {
  order.executions.push({
    id: state.nextId('EX'),
    atMs: state.clock.now(),
    orderState: order.state,
    cumCenti: order.cumCenti,
    ...fields,
  });
}

const none = { lastCenti: 0, lastPxMicros: null, tradeId: null, commissionMicros: null } as const;

/** Places an order the gateway has read: refused, killed, filled or resting. Always returns the order. */
export function placeOrder(
  state: PolymarketUsSimState,
  account: SimAccount,
  req: OrderRequestFields,
  faults: OrderFaults = {},
): SimOrder {
  const now = state.clock.now();
  const order: SimOrder = {
    id: state.nextId('ORD'),
    marketSlug: req.marketSlug,
    intent: req.intent,
    tif: req.tif,
    priceMicros: req.priceMicros,
    quantityCenti: req.quantityCenti ?? 0,
    state: 'ORDER_STATE_NEW',
    cumCenti: 0,
    notionalLongCentiMicros: 0,
    commissionMicros: 0,
    createdAtMs: now,
    visibleAtMs: now + (faults.reportDelayMs ?? 0),
    executions: [],
  };
  account.orders.push(order);
  const refused = refusal(state, account, req);
  if (refused) {
    order.state = 'ORDER_STATE_REJECTED';
    execution(state, order, {
      ...none,
      type: 'EXECUTION_TYPE_REJECTED',
      text: refused.text,
      rejectReason: refused.reason,
    });
    return order;
  }
  execution(state, order, { ...none, type: 'EXECUTION_TYPE_NEW', text: null, rejectReason: null });
  const market = state.market(req.marketSlug) as SimMarket;
  const q = order.quantityCenti;
  const offers = takesOffers(req.intent);
  const match = matchTaker(offers ? market.offers : market.bids, {
    side: offers ? 'buy' : 'sell',
    limitPriceMicros: req.priceMicros,
    sizeCenti: q,
    tif: req.tif === 'TIME_IN_FORCE_FILL_OR_KILL' ? 'FOK' : 'IOC',
    ...(faults.fillRatio !== undefined ? { fillRatio: faults.fillRatio } : {}),
  });
  if (match.killed) {
    order.state = 'ORDER_STATE_CANCELED';
    execution(state, order, {
      ...none,
      type: 'EXECUTION_TYPE_CANCELED',
      text: 'fill or kill order could not be filled in full',
      rejectReason: null,
    });
    return order;
  }
  // Price every fill first: a buy the account cannot pay for is refused whole, the book untouched.
  const fees = new OrderFees(market.spec.takerThetaPpm);
  const priced = match.fills.map((f) => {
    const ours = isLong(req.intent) ? f.priceMicros : PAYOUT_MICROS - f.priceMicros;
    return { ...f, notional: cost(ours, f.sizeCenti), fee: fees.next(f.priceMicros, f.sizeCenti) };
  });
  const buy = isBuy(req.intent);
  const cash = priced.reduce((s, f) => s + (buy ? -f.notional : f.notional) - f.fee, 0);
  if (account.buyingPowerMicros + cash < 0) {
    order.state = 'ORDER_STATE_REJECTED';
    execution(state, order, {
      ...none,
      type: 'EXECUTION_TYPE_REJECTED',
      text: 'insufficient buying power',
      rejectReason: 'ORD_REJECT_REASON_EXCHANGE_OPTION',
    });
    return order;
  }
  if (offers) market.offers = match.remaining;
  else market.bids = match.remaining;
  account.buyingPowerMicros += cash;
  const filled = match.filledCenti;
  const held = account.positions.get(req.marketSlug) ?? 0;
  const delta = req.intent === 'ORDER_INTENT_BUY_LONG' || req.intent === 'ORDER_INTENT_SELL_SHORT' ? filled : -filled;
  if (held + delta === 0) account.positions.delete(req.marketSlug);
  else if (filled > 0) account.positions.set(req.marketSlug, held + delta);
  for (const f of priced) {
    const tradeId = state.nextId('TR');
    order.cumCenti += f.sizeCenti;
    order.notionalLongCentiMicros += f.priceMicros * f.sizeCenti;
    order.commissionMicros += f.fee;
    order.state = order.cumCenti === q ? 'ORDER_STATE_FILLED' : 'ORDER_STATE_PARTIALLY_FILLED';
    market.lastTradeMicros = f.priceMicros;
    account.trades.push({
      id: tradeId,
      orderId: order.id,
      marketSlug: req.marketSlug,
      longPriceMicros: f.priceMicros,
      sizeCenti: f.sizeCenti,
      atMs: now,
      visibleAtMs: order.visibleAtMs,
    });
    execution(state, order, {
      type: order.state === 'ORDER_STATE_FILLED' ? 'EXECUTION_TYPE_FILL' : 'EXECUTION_TYPE_PARTIAL_FILL',
      lastCenti: f.sizeCenti,
      lastPxMicros: f.priceMicros,
      tradeId,
      commissionMicros: f.fee,
      text: null,
      rejectReason: null,
    });
  }
  if (order.cumCenti < q) {
    const immediate = req.tif === 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL' || req.tif === 'TIME_IN_FORCE_FILL_OR_KILL';
    if (immediate) {
      order.state = 'ORDER_STATE_CANCELED';
      execution(state, order, {
        ...none,
        type: 'EXECUTION_TYPE_CANCELED',
        text: 'immediate or cancel remainder canceled',
        rejectReason: null,
      });
    } // else it rests (state NEW or PARTIALLY_FILLED) and never matches later
  }
  return order;
}

/** Cancels a resting order; one that is already final is left as it is (cancelling twice is harmless). */
export function cancelOrder(state: PolymarketUsSimState, order: SimOrder): void {
  if (order.state !== 'ORDER_STATE_NEW' && order.state !== 'ORDER_STATE_PARTIALLY_FILLED') return;
  order.state = 'ORDER_STATE_CANCELED';
  execution(state, order, { ...none, type: 'EXECUTION_TYPE_CANCELED', text: 'canceled by user', rejectReason: null });
}

export function isOpen(order: SimOrder): boolean {
  return order.state === 'ORDER_STATE_NEW' || order.state === 'ORDER_STATE_PARTIALLY_FILLED';
}
