/**
 * Core orders ↔ Kalshi V2 event orders (docs/venues-kalshi.md#k4). Kalshi quotes every order on the YES
 * book: `bid` = buy YES, `ask` = sell YES = buy NO at 1 − price. So:
 *   buy  yes @ q → bid @ q        sell yes @ q → ask @ q
 *   buy  no  @ q → ask @ 1 − q    sell no  @ q → bid @ 1 − q
 */
import type { InstrumentRef } from '../../core/market';
import {
  CENTI_PER_SHARE,
  type Centishares,
  divRound,
  formatCentishares,
  formatMicros,
  type Micros,
  notionalMicros,
  PAYOUT_MICROS,
  type PriceMicros,
  payoutMicros,
} from '../../core/money';
import type { OrderRequest, OrderResult, OrderSide, OrderStatus } from '../../engine/ports';
import { SELF_TRADE_PREVENTION } from './constants';
import type { WireCreateOrder, WireFill, WireOrder } from './schemas';

export type KalshiSide = 'yes' | 'no';
export type BookSide = 'bid' | 'ask';
type KalshiInstrument = Extract<InstrumentRef, { venue: 'kalshi' }>;

export interface WireOrderBody {
  readonly ticker: string;
  readonly client_order_id: string;
  readonly side: BookSide;
  readonly count: string;
  readonly price: string;
  readonly time_in_force: 'fill_or_kill' | 'immediate_or_cancel';
  readonly self_trade_prevention_type: typeof SELF_TRADE_PREVENTION;
  /**
   * Set on every sell: a sell on our port only ever sells what we hold, and on Kalshi an `ask`
   * (sell YES) with no YES left would open a NO position. The venue caps a reduce-only order at
   * the current position (docs/venues-kalshi.md#k4-reduce-only).
   */
  readonly reduce_only?: true;
}

export function bookSideOf(side: OrderSide, outcome: KalshiSide): BookSide {
  return (side === 'buy') === (outcome === 'yes') ? 'bid' : 'ask';
}

/** Our price on `outcome` as the YES price Kalshi wants. */
export function yesPriceOf(outcome: KalshiSide, priceMicros: PriceMicros): PriceMicros {
  return outcome === 'yes' ? priceMicros : PAYOUT_MICROS - priceMicros;
}

export function kalshiInstrument(ref: InstrumentRef): KalshiInstrument {
  if (ref.venue !== 'kalshi') throw new TypeError(`not a Kalshi instrument: ${ref.venue}`);
  return ref;
}

/**
 * The request body. Our own mistakes (off-grid price, size not on the count step) throw
 * RangeError before anything is sent; they are bugs, not venue refusals.
 */
export function toWireOrder(req: OrderRequest, countStepCenti: Centishares): WireOrderBody {
  const inst = kalshiInstrument(req.instrument);
  const p = req.priceMicros;
  if (!Number.isSafeInteger(p) || p <= 0 || p >= PAYOUT_MICROS)
    throw new RangeError(`price ${p} micros outside (0, 1)`);
  const s = req.sizeCenti;
  if (!Number.isSafeInteger(s) || s <= 0) throw new RangeError(`size ${s} centishares must be a positive integer`);
  if (s % countStepCenti !== 0) throw new RangeError(`size ${s} centishares is not a multiple of ${countStepCenti}`);
  if (!req.clientOrderId) throw new RangeError('client order id is required');
  return {
    ticker: inst.ticker,
    client_order_id: req.clientOrderId,
    side: bookSideOf(req.side, inst.side),
    count: formatCentishares(s, 2),
    // 4 decimals (create-order-v2 example "0.5600"); throws for sub-1e-4 prices.
    price: formatMicros(yesPriceOf(inst.side, p), 4),
    time_in_force: req.tif === 'FOK' ? 'fill_or_kill' : 'immediate_or_cancel',
    self_trade_prevention_type: SELF_TRADE_PREVENTION,
    ...(req.side === 'sell' ? { reduce_only: true as const } : {}),
  };
}

export interface FillFigures {
  readonly filledCenti: Centishares;
  readonly notionalMicros: Micros;
  readonly feeMicros: Micros;
}

/**
 * Exact figures from the fills of one order: each fill carries both the YES and the NO price,
 * so the notional on our instrument needs no assumption. Rounding only matters off the real
 * tick grid, and then goes against us (pay more, receive less).
 */
export function figuresFromFills(fills: readonly WireFill[], outcome: KalshiSide, side: OrderSide): FillFigures {
  let filledCenti = 0;
  let notional = 0;
  let fee = 0;
  for (const f of fills) {
    const price = outcome === 'yes' ? f.yes_price_dollars : f.no_price_dollars;
    filledCenti += f.count_fp;
    notional += notionalMicros(price, f.count_fp, side === 'buy' ? 'ceil' : 'floor');
    fee += f.fee_cost;
  }
  return { filledCenti, notionalMicros: notional, feeMicros: fee };
}

/**
 * Figures from the create-order response alone, when the fills are not (yet) complete.
 * `average_fill_price` is taken as a YES price (the V2 endpoint "quotes everything from the YES
 * side"; unverified) and `average_fee_paid` as per contract (docs). Averages carry up to 6
 * decimals, so products are rounded against us.
 */
export function figuresFromAverages(res: WireCreateOrder, outcome: KalshiSide, side: OrderSide): FillFigures | null {
  const filledCenti = res.fill_count;
  if (filledCenti === 0) return { filledCenti, notionalMicros: 0, feeMicros: 0 };
  const avgYes = res.average_fill_price;
  const avgFee = res.average_fee_paid;
  if (avgYes === null || avgFee === null) return null; // documented as present only when filled
  const price = yesPriceOf(outcome, avgYes);
  return {
    filledCenti,
    notionalMicros: divRound(BigInt(price) * BigInt(filledCenti), CENTI_PER_SHARE, side === 'buy' ? 'ceil' : 'floor'),
    feeMicros: divRound(BigInt(avgFee) * BigInt(filledCenti), CENTI_PER_SHARE, 'ceil'),
  };
}

/** Status of a FOK/IOC placement from what filled and what was asked. */
export function placementStatus(filledCenti: Centishares, requestedCenti: Centishares): OrderStatus {
  if (filledCenti === 0) return 'rejected'; // FOK not filled, or IOC with nothing to take
  return filledCenti >= requestedCenti ? 'filled' : 'partial';
}

/**
 * Which instrument and direction a Kalshi order is, given the instrument we asked about when we
 * know it. Without it, an order is read as a BUY of its outcome side (bid → YES, ask → NO): the
 * only orders this client places for a fresh position.
 */
export function directionOf(
  bookSide: BookSide,
  ticker: string,
  known?: KalshiInstrument,
): { instrument: KalshiInstrument; side: OrderSide } {
  if (known && known.ticker === ticker) {
    return { instrument: known, side: bookSideOf('buy', known.side) === bookSide ? 'buy' : 'sell' };
  }
  return { instrument: { venue: 'kalshi', ticker, side: bookSide === 'bid' ? 'yes' : 'no' }, side: 'buy' };
}

export function statusOfOrder(o: WireOrder): OrderStatus {
  if (o.status === 'resting') return 'resting';
  if (o.status === 'executed') return o.remaining_count_fp === 0 ? 'filled' : 'partial';
  return o.fill_count_fp > 0 ? 'partial' : 'canceled';
}

/**
 * A looked-up order as `OrderResult`. Fills give exact figures when they add up to the order's
 * fill count. Otherwise fees come from the order's own totals (exact) and the notional from its
 * fill costs, read as what was paid for the order's outcome side (unverified: docs/venues-kalshi.md).
 */
export function toOrderResult(o: WireOrder, fills: readonly WireFill[] | null, known?: KalshiInstrument): OrderResult {
  const { instrument, side } = directionOf(o.book_side, o.ticker, known);
  const mine = (fills ?? []).filter((f) => f.order_id === o.order_id);
  const fromFills = figuresFromFills(mine, instrument.side, side);
  let figures: FillFigures;
  if (o.fill_count_fp === 0) figures = { filledCenti: 0, notionalMicros: 0, feeMicros: 0 };
  else if (fromFills.filledCenti === o.fill_count_fp) figures = fromFills;
  else {
    const outcomeCost = o.taker_fill_cost_dollars + o.maker_fill_cost_dollars;
    const outcomeSide: KalshiSide = o.outcome_side ?? (o.book_side === 'bid' ? 'yes' : 'no');
    // Paid for the order's outcome side; on our instrument that is the cost itself when we hold
    // that side (a buy), or the complement of a full payout when we sold the other side.
    const notional = outcomeSide === instrument.side ? outcomeCost : payoutMicros(o.fill_count_fp) - outcomeCost;
    figures = {
      filledCenti: o.fill_count_fp,
      notionalMicros: notional,
      feeMicros: o.taker_fees_dollars + o.maker_fees_dollars,
    };
  }
  return {
    venue: 'kalshi',
    clientOrderId: o.client_order_id ?? '',
    venueOrderId: o.order_id,
    status: statusOfOrder(o),
    instrument,
    side,
    ...figures,
  };
}
