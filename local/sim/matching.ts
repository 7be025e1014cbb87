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
