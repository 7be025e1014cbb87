/**
 * The book of a Polymarket US market → one `Book` per side (docs/venues-polymarket-us.md#u-book).
 * The venue books only the long (YES) instrument; its prices are long-side prices. A short (NO)
 * buy is a long sell: the short side's asks are the long bids at 1 − price, its bids the long
 * offers at 1 − price. We sort ourselves (the docs do not promise an order), merge repeated
 * prices, drop empty levels, and refuse a crossed book. A book whose `state` is not open has no
 * levels: nothing in it can be traded.
 */
import { PAYOUT_MICROS } from '../../core/money';
import { badResponse } from './errors';
import type { MarketFacts } from './parse-markets';
import type { WireBook, WireBookEntry } from './schemas';
import { type Level, PMUS, type PolymarketUsBook, type PolymarketUsInstrument, pmusInstrumentKey } from './types';

function levelsOf(entries: readonly WireBookEntry[] | null | undefined, best: 'low' | 'high'): Level[] {
  const merged = new Map<number, number>();
  for (const e of entries ?? []) {
    if (e.qty <= 0) continue;
    merged.set(e.px, (merged.get(e.px) ?? 0) + e.qty);
  }
  const levels = [...merged].map(([priceMicros, sizeCenti]) => ({ priceMicros, sizeCenti }));
  return levels.sort((a, b) => (best === 'low' ? a.priceMicros - b.priceMicros : b.priceMicros - a.priceMicros));
}

const flip = (levels: readonly Level[]): Level[] =>
  levels.map((l) => ({ priceMicros: PAYOUT_MICROS - l.priceMicros, sizeCenti: l.sizeCenti }));

/** Both sides' books, keyed by instrument key. `observedAtMs` is our clock when the answer arrived. */
export function booksOf(
  book: WireBook,
  facts: MarketFacts,
  observedAtMs: number,
  endpoint: string,
): Map<string, PolymarketUsBook> {
  const slug = facts.marketSlug;
  if (book.marketSlug !== slug) throw badResponse(endpoint, `asked for ${slug}, got the book of ${book.marketSlug}`);
  const open = book.state === 'MARKET_STATE_OPEN';
  const longAsks = open ? levelsOf(book.offers, 'low') : [];
  const longBids = open ? levelsOf(book.bids, 'high') : [];
  for (const l of [...longAsks, ...longBids]) {
    if (l.priceMicros <= 0 || l.priceMicros >= PAYOUT_MICROS) {
      throw badResponse(endpoint, `market ${slug}: a level at ${l.priceMicros} micros is not strictly inside (0, 1)`);
    }
  }
  const bestAsk = longAsks[0];
  const bestBid = longBids[0];
  if (bestAsk && bestBid && bestBid.priceMicros >= bestAsk.priceMicros) {
    throw badResponse(
      endpoint,
      `market ${slug}: crossed book (bid ${bestBid.priceMicros} ≥ ask ${bestAsk.priceMicros})`,
    );
  }
  const common = {
    tickMicros: facts.tickMicros,
    minSizeCenti: facts.minSizeCenti,
    sizeStepCenti: facts.stepCenti,
    observedAtMs,
  };
  const long: PolymarketUsInstrument = { venue: PMUS, marketSlug: slug, side: 'long' };
  const short: PolymarketUsInstrument = { venue: PMUS, marketSlug: slug, side: 'short' };
  return new Map([
    [pmusInstrumentKey(long), { instrument: long, asks: longAsks, bids: longBids, ...common }],
    // short asks = 1 − long bids (long bids are highest first, so these come out lowest first)
    [pmusInstrumentKey(short), { instrument: short, asks: flip(longBids), bids: flip(longAsks), ...common }],
  ]);
}
