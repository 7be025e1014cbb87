/**
 * Core orders ↔ Polymarket US orders (docs/venues-polymarket-us.md#u-orders). One instrument per
 * market; `price.value` is ALWAYS the long side's price, whatever the intent:
 *   buy  long  @ q → ORDER_INTENT_BUY_LONG   @ q      sell long  @ q → ORDER_INTENT_SELL_LONG  @ q
 *   buy  short @ q → ORDER_INTENT_BUY_SHORT  @ 1 − q  sell short @ q → ORDER_INTENT_SELL_SHORT @ 1 − q
 * Fill prices (`lastPx`, `avgPx`) are read as long-side prices the same way (unverified for
 * `avgPx`: docs/venues-polymarket-us.md#u-orders), so a short fill at long price x cost 1 − x.
 */
import { polymarketUsOrderFee } from '../../core/fees';
import {
  type Centishares,
  formatCentishares,
  formatMicros,
  type Micros,
  notionalMicros,
  PAYOUT_MICROS,
  type PriceMicros,
} from '../../core/money';
import type { OrderSide, OrderStatus } from '../../engine/ports';
import { type Intent, MAX_PRICE_MICROS, MIN_PRICE_MICROS } from './constants';
import { badResponse } from './errors';
import type { MarketFacts } from './parse-markets';
import type { WireExecution, WireOrder } from './schemas';
import {
  PMUS,
  type PolymarketUsInstrument,
  type PolymarketUsOrderRequest,
  type PolymarketUsOrderResult,
} from './types';

export function pmusInstrument(ref: { readonly venue: string }): PolymarketUsInstrument {
  if (ref.venue !== PMUS) throw new TypeError(`not a Polymarket US instrument: ${ref.venue}`);
  return ref as PolymarketUsInstrument;
}

const INTENT: Readonly<Record<`${OrderSide} ${PolymarketUsInstrument['side']}`, Intent>> = {
  'buy long': 'ORDER_INTENT_BUY_LONG',
  'sell long': 'ORDER_INTENT_SELL_LONG',
  'buy short': 'ORDER_INTENT_BUY_SHORT',
  'sell short': 'ORDER_INTENT_SELL_SHORT',
};

export function intentOf(side: OrderSide, instrumentSide: PolymarketUsInstrument['side']): Intent {
  return INTENT[`${side} ${instrumentSide}`];
}

/** What an intent does: which side it trades and in which direction. */
export function directionOf(intent: Intent): { side: OrderSide; instrumentSide: PolymarketUsInstrument['side'] } {
  switch (intent) {
    case 'ORDER_INTENT_BUY_LONG':
      return { side: 'buy', instrumentSide: 'long' };
    case 'ORDER_INTENT_SELL_LONG':
      return { side: 'sell', instrumentSide: 'long' };
    case 'ORDER_INTENT_BUY_SHORT':
      return { side: 'buy', instrumentSide: 'short' };
    case 'ORDER_INTENT_SELL_SHORT':
      return { side: 'sell', instrumentSide: 'short' };
  }
}

/** Our price on `side` as the long price the venue wants, and back (the map is its own inverse). */
export function longPriceOf(instrumentSide: PolymarketUsInstrument['side'], priceMicros: PriceMicros): PriceMicros {
  return instrumentSide === 'long' ? priceMicros : PAYOUT_MICROS - priceMicros;
}

/** `0.55`, `0.555`: as many decimals as the price needs, at least two. */
export function priceText(priceMicros: PriceMicros): string {
  const six = formatMicros(priceMicros, 6);
  return six.replace(/(\.\d\d\d*?)0+$/, '$1');
}

/** A quantity in contracts as the JSON number the venue takes (`12.5`): exact, two decimals at most. */
export function quantityNumber(sizeCenti: Centishares): number {
  return Number(formatCentishares(sizeCenti, 2));
}

export interface WireOrderBody {
  readonly marketSlug: string;
  readonly intent: Intent;
  readonly type: 'ORDER_TYPE_LIMIT';
  readonly price: { readonly value: string; readonly currency: 'USD' };
  readonly quantity: number;
  readonly tif: 'TIME_IN_FORCE_FILL_OR_KILL' | 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL';
  readonly manualOrderIndicator: 'MANUAL_ORDER_INDICATOR_AUTOMATIC';
  readonly synchronousExecution: true;
  readonly maxBlockTime: string;
}

/**
 * The `POST /v1/orders` body. Our own mistakes (a price off the market's tick or outside the
 * venue's 0.01–0.99, a size off its step or under its minimum) throw RangeError before anything
 * is sent: the venue would still hand out an order id for some of them and reject the order later
 * (docs/venues-polymarket-us.md#u-orders).
 */
export function toWireOrder(req: PolymarketUsOrderRequest, facts: MarketFacts, maxBlockSec: number): WireOrderBody {
  const inst = pmusInstrument(req.instrument);
  if (inst.marketSlug !== facts.marketSlug) throw new RangeError('market facts of another market');
  if (!req.clientOrderId) throw new RangeError('client order id is required');
  const p = req.priceMicros;
  if (!Number.isSafeInteger(p) || p <= 0 || p >= PAYOUT_MICROS)
    throw new RangeError(`price ${p} micros outside (0, 1)`);
  const longPrice = longPriceOf(inst.side, p);
  if (longPrice < MIN_PRICE_MICROS || longPrice > MAX_PRICE_MICROS) {
    throw new RangeError(`long-side price ${longPrice} micros outside the venue's 0.01–0.99`);
  }
  if (longPrice % facts.tickMicros !== 0) {
    throw new RangeError(`price ${p} micros is not on the market's ${facts.tickMicros}-micro tick`);
  }
  const s = req.sizeCenti;
  if (!Number.isSafeInteger(s) || s <= 0) throw new RangeError(`size ${s} centishares must be a positive integer`);
  if (s < facts.minSizeCenti) throw new RangeError(`size ${s} centishares is under the minimum ${facts.minSizeCenti}`);
  if (s % facts.stepCenti !== 0) throw new RangeError(`size ${s} centishares is not a multiple of ${facts.stepCenti}`);
  return {
    marketSlug: inst.marketSlug,
    intent: intentOf(req.side, inst.side),
    type: 'ORDER_TYPE_LIMIT',
    price: { value: priceText(longPrice), currency: 'USD' },
    quantity: quantityNumber(s),
    tif: req.tif === 'FOK' ? 'TIME_IN_FORCE_FILL_OR_KILL' : 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL',
    manualOrderIndicator: 'MANUAL_ORDER_INDICATOR_AUTOMATIC',
    synchronousExecution: true,
    maxBlockTime: String(maxBlockSec),
  };
}

/** A fill at a long-side price, in our units. */
export interface LongFill {
  readonly longPriceMicros: PriceMicros;
  readonly sizeCenti: Centishares;
}

export interface FillFigures {
  readonly filledCenti: Centishares;
  readonly notionalMicros: Micros;
  readonly feeMicros: Micros;
}

/**
 * Figures of fills on one side: notional at our side's price (rounded against us: ceil what we
 * pay, floor what we receive, exact on real ticks) and the venue's fee rule applied to the fills
 * (`polymarketUsOrderFee`, p·(1−p) is the same for both sides).
 */
export function figuresOfFills(
  fills: readonly LongFill[],
  instrumentSide: PolymarketUsInstrument['side'],
  side: OrderSide,
  thetaPpm: number,
): FillFigures {
  let filledCenti = 0;
  let notional = 0;
  for (const f of fills) {
    filledCenti += f.sizeCenti;
    notional += notionalMicros(
      longPriceOf(instrumentSide, f.longPriceMicros),
      f.sizeCenti,
      side === 'buy' ? 'ceil' : 'floor',
    );
  }
  const feeMicros = polymarketUsOrderFee(
    fills.map((f) => ({ price: f.longPriceMicros, count: f.sizeCenti })),
    thetaPpm,
  );
  return { filledCenti, notionalMicros: notional, feeMicros };
}

const FILL_TYPES: ReadonlySet<string> = new Set(['EXECUTION_TYPE_FILL', 'EXECUTION_TYPE_PARTIAL_FILL']);

/** The fills among an order's executions. */
export function fillsOf(executions: readonly WireExecution[]): Array<LongFill & { commissionMicros: Micros | null }> {
  const out: Array<LongFill & { commissionMicros: Micros | null }> = [];
  for (const e of executions) {
    if (!FILL_TYPES.has(e.type) || !e.lastShares || e.lastPx === null || e.lastPx === undefined) continue;
    out.push({
      longPriceMicros: e.lastPx,
      sizeCenti: e.lastShares,
      commissionMicros: e.commissionNotionalCollected ?? null,
    });
  }
  return out;
}

const TERMINAL: ReadonlySet<string> = new Set([
  'ORDER_STATE_FILLED',
  'ORDER_STATE_CANCELED',
  'ORDER_STATE_REJECTED',
  'ORDER_STATE_EXPIRED',
  'ORDER_STATE_REPLACED',
]);

export function isTerminal(o: WireOrder): boolean {
  return TERMINAL.has(o.state);
}

/** Status of an order as the venue reports it (a lookup, not a placement). */
export function statusOfOrder(o: WireOrder): OrderStatus {
  switch (o.state) {
    case 'ORDER_STATE_FILLED':
      return 'filled';
    case 'ORDER_STATE_NEW':
    case 'ORDER_STATE_PARTIALLY_FILLED':
      return 'resting';
    case 'ORDER_STATE_PENDING_NEW':
    case 'ORDER_STATE_PENDING_RISK':
    case 'ORDER_STATE_PENDING_REPLACE':
    case 'ORDER_STATE_PENDING_CANCEL':
      return 'pending';
    case 'ORDER_STATE_REJECTED':
      return o.cumCenti > 0 ? 'partial' : 'rejected';
    default:
      return o.cumCenti > 0 ? 'partial' : 'canceled';
  }
}

/** Status of a FOK/IOC placement from what filled and what was asked. */
export function placementStatus(filledCenti: Centishares, requestedCenti: Centishares): OrderStatus {
  if (filledCenti === 0) return 'rejected';
  return filledCenti >= requestedCenti ? 'filled' : 'partial';
}

/**
 * An order (and the executions we have of it) as `OrderResult`. Executions whose fills add up to
 * the order's filled quantity give exact figures; otherwise the order's own `avgPx` × quantity
 * (rounded against us) and a fee at that price, which can only overstate it (p·(1−p) is concave).
 * The venue's `commissionNotionalTotalCollected`, when present, is the fee.
 */
export function toOrderResult(
  o: WireOrder,
  executions: readonly WireExecution[],
  thetaPpm: number,
  clientOrderId: string,
): PolymarketUsOrderResult {
  const { side, instrumentSide } = directionOf(o.intent);
  const instrument: PolymarketUsInstrument = { venue: PMUS, marketSlug: o.marketSlug, side: instrumentSide };
  const fills = fillsOf(executions.filter((e) => e.order.id === o.id));
  let figures: FillFigures;
  const fromFills = figuresOfFills(fills, instrumentSide, side, thetaPpm);
  if (o.cumCenti === 0) figures = { filledCenti: 0, notionalMicros: 0, feeMicros: 0 };
  else if (fromFills.filledCenti === o.cumCenti) {
    const reported = fills.every((f) => f.commissionMicros !== null)
      ? fills.reduce((s, f) => s + (f.commissionMicros as number), 0)
      : null;
    figures = { ...fromFills, feeMicros: o.commissionMicros ?? reported ?? fromFills.feeMicros };
  } else if (o.avgPxMicros !== null) {
    const avg = figuresOfFills(
      [{ longPriceMicros: o.avgPxMicros, sizeCenti: o.cumCenti }],
      instrumentSide,
      side,
      thetaPpm,
    );
    figures = { ...avg, feeMicros: o.commissionMicros ?? avg.feeMicros };
  } else if (o.priceMicros !== null) {
    // Neither fills nor an average: the limit price is the worst the fills can have been.
    const worst = figuresOfFills(
      [{ longPriceMicros: o.priceMicros, sizeCenti: o.cumCenti }],
      instrumentSide,
      side,
      thetaPpm,
    );
    figures = { ...worst, feeMicros: o.commissionMicros ?? worst.feeMicros };
  } else {
    throw badResponse('order figures', `order ${o.id} filled ${o.cumCenti} centishares at no price it states`);
  }
  const last = executions.filter((e) => e.order.id === o.id).at(-1);
  const reason = last?.orderRejectReason || last?.text || undefined;
  return {
    venue: PMUS,
    clientOrderId,
    venueOrderId: o.id,
    status: statusOfOrder(o),
    instrument,
    side,
    ...figures,
    ...(reason ? { reason } : {}),
  };
}
