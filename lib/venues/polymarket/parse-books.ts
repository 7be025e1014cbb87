/**
 * CLOB book → core `Book`. The venue sends bids ascending and asks descending, so the best of
 * each side is the LAST element (docs/venues-polymarket.md#p2-book-order); core wants best first, so both are reversed and
 * then checked to be strictly monotonic (a venue that changed its order must not be traded on).
 */
import type { Book, InstrumentRef, Level } from '../../core/market';
import { PAYOUT_MICROS } from '../../core/money';
import { isSupportedTick } from './constants';
import { ParseFailure, scaledFrom } from './parse';
import type { ClobBook } from './schemas';

type PolymarketInstrument = Extract<InstrumentRef, { venue: 'polymarket' }>;

function levelsOf(raw: ClobBook['bids'], side: 'bids' | 'asks'): Level[] {
  const levels: Level[] = [];
  // Reverse: the venue's best level is last.
  for (let i = raw.length - 1; i >= 0; i--) {
    const entry = raw[i];
    if (!entry) continue;
    const priceMicros = scaledFrom(entry.price, 6);
    if (priceMicros <= 0 || priceMicros >= PAYOUT_MICROS) {
      throw new ParseFailure(`${side} price ${entry.price} outside (0, 1)`);
    }
    // We can only trade whole centishares: finer depth is floored (lib/core/market.ts Book).
    const sizeCenti = scaledFrom(entry.size, 2, 'floor');
    const previous = levels[levels.length - 1];
    if (previous) {
      const ordered = side === 'asks' ? priceMicros > previous.priceMicros : priceMicros < previous.priceMicros;
      if (!ordered) throw new ParseFailure(`${side} are not in the documented order at ${entry.price}`);
    }
    if (sizeCenti > 0) levels.push({ priceMicros, sizeCenti });
  }
  return levels;
}

export function bookOf(raw: ClobBook, instrument: PolymarketInstrument, observedAtMs: number): Book {
  const tickMicros = scaledFrom(raw.tick_size, 6);
  if (!isSupportedTick(tickMicros)) throw new ParseFailure(`unsupported tick size ${raw.tick_size}`);
  const asks = levelsOf(raw.asks, 'asks');
  const bids = levelsOf(raw.bids, 'bids');
  const bestAsk = asks[0];
  const bestBid = bids[0];
  if (bestAsk && bestBid && bestBid.priceMicros >= bestAsk.priceMicros) {
    throw new ParseFailure(`crossed book: bid ${bestBid.priceMicros} ≥ ask ${bestAsk.priceMicros}`);
  }
  return {
    instrument,
    asks,
    bids,
    tickMicros,
    minSizeCenti: scaledFrom(raw.min_order_size, 2, 'floor'),
    // Share amounts take 2 decimals (docs/venues-polymarket.md#p4-precision); a BUY's whole-cent
    // spend is a further rule of its price, applied by the planner (lib/core/order-precision.ts).
    sizeStepCenti: 1,
    observedAtMs,
  };
}
