/**
 * Kalshi order book → two core `Book`s (docs/venues-kalshi.md#k2). Kalshi sends BIDS ONLY for each side,
 * ascending (best last; the SDK text says "best to worst", so we sort ourselves and rely on
 * neither). Asks come from the opposite side: a NO bid at p is a YES ask at 1 − p with the same
 * size, and a YES bid at p is a NO ask at 1 − p.
 */
import type { Book, Level } from '../../core/market';
import { type Centishares, PAYOUT_MICROS, type PriceMicros } from '../../core/money';
import { badResponse } from './errors';
import type { WireOrderbook } from './schemas';

/** Validated bids of one side, merged by price, empty levels dropped, best (highest) first. */
function bidsOf(levels: readonly (readonly [PriceMicros, Centishares])[], what: string, endpoint: string): Level[] {
  const byPrice = new Map<PriceMicros, Centishares>();
  for (const [price, size] of levels) {
    if (price <= 0 || price >= PAYOUT_MICROS)
      throw badResponse(endpoint, `${what} bid at ${price} micros is not a price`);
    if (size < 0) throw badResponse(endpoint, `${what} bid with negative size`);
    if (size === 0) continue; // depth finer than 0.01 floors to nothing we can trade
    byPrice.set(price, (byPrice.get(price) ?? 0) + size);
  }
  return [...byPrice.entries()]
    .map(([priceMicros, sizeCenti]) => ({ priceMicros, sizeCenti }))
    .sort((a, b) => b.priceMicros - a.priceMicros);
}

/** Bids of the opposite side as asks of this side, best (lowest) first. */
function asksFrom(oppositeBids: readonly Level[]): Level[] {
  return oppositeBids.map((l) => ({ priceMicros: PAYOUT_MICROS - l.priceMicros, sizeCenti: l.sizeCenti }));
}

export interface BookContext {
  readonly tickMicros: PriceMicros;
  /** The market's order step (docs/venues-kalshi.md#k1-fractional): also the least order. */
  readonly minSizeCenti: Centishares;
  readonly observedAtMs: number;
  readonly endpoint: string;
}

/** `[yes book, no book]` of one market. A crossed or locked book is a BadResponse, never traded on. */
export function booksOf(ticker: string, wire: WireOrderbook, ctx: BookContext): [Book, Book] {
  const yesBids = bidsOf(wire.yes_dollars, `${ticker} YES`, ctx.endpoint);
  const noBids = bidsOf(wire.no_dollars, `${ticker} NO`, ctx.endpoint);
  const bestYes = yesBids[0]?.priceMicros ?? 0;
  const bestNo = noBids[0]?.priceMicros ?? 0;
  if (bestYes + bestNo >= PAYOUT_MICROS) {
    // YES bid p and NO bid ≥ 1 − p would have matched: the snapshot is inconsistent.
    throw badResponse(ctx.endpoint, `${ticker} book is crossed (YES bid ${bestYes} + NO bid ${bestNo} micros)`);
  }
  const common = {
    tickMicros: ctx.tickMicros,
    minSizeCenti: ctx.minSizeCenti,
    sizeStepCenti: ctx.minSizeCenti,
    observedAtMs: ctx.observedAtMs,
  };
  return [
    { instrument: { venue: 'kalshi', ticker, side: 'yes' }, bids: yesBids, asks: asksFrom(noBids), ...common },
    { instrument: { venue: 'kalshi', ticker, side: 'no' }, bids: noBids, asks: asksFrom(yesBids), ...common },
  ];
}
