/**
 * The book of a Polymarket US market → one `Book` per side (docs/venues-polymarket-us.md#u-book).
 * The venue books only the long (YES) instrument; its prices are long-side prices. A short (NO)
 * buy is a long sell: the short side's asks are the long bids at 1 − price, its bids the long
 * offers at 1 − price. We sort ourselves (the docs do not promise an order), merge repeated
 * prices, drop empty levels, and refuse a crossed book. A book whose `state` is not open has no
 * levels: nothing in it can be traded.
 *
 * The REST books (`booksOf`) and the streamed ones (./stream.ts: every `marketData` frame is a
 * whole book, docs/venues-polymarket-us.md#u-stream) go through the same steps here, so the two
 * read one state identically.
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

/** The long instrument's levels, best first: asks = offers lowest first, bids highest first. */
export interface LongLadder {
  readonly asks: Level[];
  readonly bids: Level[];
}

/**
 * The long ladder of a wire book: empty when the market is not open, levels merged and sorted.
 * Returns the reason instead when a level sits at $0 or $1 or beyond (not a book we can read).
 */
export function longLadderOf(book: WireBook): LongLadder | { readonly unreadable: string } {
  const open = book.state === 'MARKET_STATE_OPEN';
  const asks = open ? levelsOf(book.offers, 'low') : [];
  const bids = open ? levelsOf(book.bids, 'high') : [];
  for (const l of [...asks, ...bids]) {
    if (l.priceMicros <= 0 || l.priceMicros >= PAYOUT_MICROS) {
      return { unreadable: `a level at ${l.priceMicros} micros is not strictly inside (0, 1)` };
    }
  }
  return { asks, bids };
}

/** Best bid and best ask when the bid is at or above the ask (a crossed book), else null. */
export function crossingOf(ladder: LongLadder): { bid: number; ask: number } | null {
  const ask = ladder.asks[0];
  const bid = ladder.bids[0];
  return ask && bid && bid.priceMicros >= ask.priceMicros ? { bid: bid.priceMicros, ask: ask.priceMicros } : null;
}

/** The long book and its mirror, the short book, keyed by instrument key. */
export function sideBooksOf(
  ladder: LongLadder,
  facts: MarketFacts,
  observedAtMs: number,
): Map<string, PolymarketUsBook> {
  const slug = facts.marketSlug;
  const common = {
    tickMicros: facts.tickMicros,
    minSizeCenti: facts.minSizeCenti,
    sizeStepCenti: facts.stepCenti,
    observedAtMs,
  };
  const long: PolymarketUsInstrument = { venue: PMUS, marketSlug: slug, side: 'long' };
  const short: PolymarketUsInstrument = { venue: PMUS, marketSlug: slug, side: 'short' };
  return new Map([
    [pmusInstrumentKey(long), { instrument: long, asks: ladder.asks, bids: ladder.bids, ...common }],
    // short asks = 1 − long bids (long bids are highest first, so these come out lowest first)
    [pmusInstrumentKey(short), { instrument: short, asks: flip(ladder.bids), bids: flip(ladder.asks), ...common }],
  ]);
}

/** Both sides' books, keyed by instrument key. `observedAtMs` is our clock when the answer arrived. */
export function booksOf(
  book: WireBook,
  facts: MarketFacts,
  observedAtMs: number,
  endpoint: string,
): Map<string, PolymarketUsBook> {
  const slug = facts.marketSlug;
  if (book.marketSlug !== slug) throw badResponse(endpoint, `asked for ${slug}, got the book of ${book.marketSlug}`);
  const ladder = longLadderOf(book);
  if ('unreadable' in ladder) throw badResponse(endpoint, `market ${slug}: ${ladder.unreadable}`);
  const crossed = crossingOf(ladder);
  if (crossed) {
    throw badResponse(endpoint, `market ${slug}: crossed book (bid ${crossed.bid} ≥ ask ${crossed.ask})`);
  }
  return sideBooksOf(ladder, facts, observedAtMs);
}
