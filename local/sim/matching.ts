/**
 * Taker matching against one side of a simulated book, level by level, in integer units
 * (price micros, centishares). Venue-specific rules (fees, order types, responses) stay in each
 * simulator; this is only the walk.
 */
export interface RestingLevel {
  priceMicros: number;
  sizeCenti: number;
}

export interface TakerOrder {
  /** buy walks the asks (lowest first), sell walks the bids (highest first). */
  readonly side: 'buy' | 'sell';
  readonly limitPriceMicros: number;
  readonly sizeCenti: number;
  /** FOK: all or nothing. IOC/FAK: fill what crosses, cancel the rest. */
  readonly tif: 'FOK' | 'IOC' | 'FAK';
  /** Fault `partial`: cap the fill at this share of the order (floored to 0.01 share). */
  readonly fillRatio?: number;
  /**
   * Buy only: spend this many micros instead of buying `sizeCenti` (a Polymarket FOK/FAK BUY,
   * docs/venues-polymarket.md#p4-market-buy). Every crossing level is bought until the money runs
   * out; a level only partly affordable gives the whole centishares the rest buys. FOK is killed
   * when the crossing levels cannot absorb the whole amount. `sizeCenti` is then ignored.
   */
  readonly spendMicros?: number;
}

export interface MatchResult {
  readonly fills: ReadonlyArray<{ priceMicros: number; sizeCenti: number }>;
  readonly filledCenti: number;
  /** The opposite side after the match (same order as given: best first). */
  readonly remaining: RestingLevel[];
  /** FOK that could not fill completely: nothing happened. */
  readonly killed: boolean;
}

/** `levels` must be best-first for the taker: asks ascending for a buy, bids descending for a sell. */
export function matchTaker(levels: readonly RestingLevel[], order: TakerOrder): MatchResult {
  if (order.spendMicros !== undefined && order.side === 'buy') return spendTaker(levels, order, order.spendMicros);
  const crosses = (price: number) =>
    order.side === 'buy' ? price <= order.limitPriceMicros : price >= order.limitPriceMicros;
  let cap = order.sizeCenti;
  if (order.fillRatio !== undefined) cap = Math.floor(order.sizeCenti * order.fillRatio);
  const available = levels.filter((l) => crosses(l.priceMicros)).reduce((s, l) => s + l.sizeCenti, 0);
  if (order.tif === 'FOK' && (available < order.sizeCenti || cap < order.sizeCenti)) {
    return { fills: [], filledCenti: 0, remaining: levels.map((l) => ({ ...l })), killed: true };
  }
  const fills: Array<{ priceMicros: number; sizeCenti: number }> = [];
  const remaining: RestingLevel[] = [];
  let left = Math.min(cap, order.sizeCenti);
  for (const level of levels) {
    if (left > 0 && crosses(level.priceMicros)) {
      const take = Math.min(left, level.sizeCenti);
      fills.push({ priceMicros: level.priceMicros, sizeCenti: take });
      left -= take;
      if (level.sizeCenti > take) remaining.push({ priceMicros: level.priceMicros, sizeCenti: level.sizeCenti - take });
    } else {
      remaining.push({ ...level });
    }
  }
  const filledCenti = fills.reduce((s, f) => s + f.sizeCenti, 0);
  return { fills, filledCenti, remaining, killed: false };
}

/** Micros paid for `sizeCenti` at `priceMicros` (ticks are multiples of 100 micros: exact). */
const cost = (priceMicros: number, sizeCenti: number) => Math.ceil((priceMicros * sizeCenti) / 100);

/** A buy that spends `spend` micros on the asks at or under the limit (see TakerOrder.spendMicros). */
function spendTaker(levels: readonly RestingLevel[], order: TakerOrder, spend: number): MatchResult {
  const crossing = levels.filter((l) => l.priceMicros <= order.limitPriceMicros);
  const absorbable = crossing.reduce((s, l) => s + cost(l.priceMicros, l.sizeCenti), 0);
  const budget = order.fillRatio === undefined ? spend : Math.floor(spend * order.fillRatio);
  if (order.tif === 'FOK' && (absorbable < spend || budget < spend)) {
    return { fills: [], filledCenti: 0, remaining: levels.map((l) => ({ ...l })), killed: true };
  }
  const fills: Array<{ priceMicros: number; sizeCenti: number }> = [];
  const remaining: RestingLevel[] = [];
  let left = budget;
  for (const level of levels) {
    const take =
      level.priceMicros <= order.limitPriceMicros
        ? Math.min(level.sizeCenti, Math.floor((left * 100) / level.priceMicros))
        : 0;
    if (take > 0) {
      fills.push({ priceMicros: level.priceMicros, sizeCenti: take });
      left -= cost(level.priceMicros, take);
    }
    if (level.sizeCenti > take) remaining.push({ priceMicros: level.priceMicros, sizeCenti: level.sizeCenti - take });
  }
  const filledCenti = fills.reduce((s, f) => s + f.sizeCenti, 0);
  return { fills, filledCenti, remaining, killed: false };
}
