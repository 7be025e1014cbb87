/**
 * The shapes this client speaks: the core's instrument and game (lib/core/market.ts), and the
 * port's book, order and position types narrowed to this venue's instrument for the client's
 * own rooms. The client itself implements the `Venue` port (./client.ts).
 */
import {
  type Book,
  type InstrumentRef,
  instrumentKey,
  type Level,
  type PolymarketUsGame,
  type PolymarketUsInstrumentRef,
  type PolymarketUsTeam,
  type VenueName,
} from '../../core/market';
import type { OrderLookup, OrderRequest, OrderResult, Position, StreamedBook } from '../../engine/ports';

export const PMUS = 'polymarket-us' as const;

/** The venue name that errors and the shared HTTP layer carry (`VenueError.venue`). */
export const PMUS_VENUE: VenueName = PMUS;

/**
 * One tradable side of a Polymarket US market: the core `PolymarketUsInstrumentRef`
 * (lib/core/market.ts). A moneyline is ONE market (one instrument, the YES side): `long` is the
 * team that wins YES, `short` the other (docs/venues-polymarket-us.md#u-sides).
 */
export type PolymarketUsInstrument = PolymarketUsInstrumentRef;

/** Stable string key: `polymarket-us:<marketSlug>:long` (the core `instrumentKey`). */
export function pmusInstrumentKey(ref: PolymarketUsInstrument): string {
  return instrumentKey(ref);
}

/** The game and team shapes are the core's (lib/core/market.ts): the engine trades them. */
export type { PolymarketUsGame, PolymarketUsTeam };

/** The instrument of a `Venue` port call as this venue's own, or a TypeError: another venue's instrument is a programming error. */
export function ownInstrument(ref: InstrumentRef): PolymarketUsInstrument {
  if (ref.venue !== PMUS) throw new TypeError(`not a Polymarket US instrument: ${instrumentKey(ref)}`);
  return ref;
}

type Swap<T, I> = Omit<T, 'instrument'> & { readonly instrument: I };

export type PolymarketUsBook = Swap<Book, PolymarketUsInstrument>;
export type PolymarketUsOrderRequest = Swap<OrderRequest, PolymarketUsInstrument>;
export type PolymarketUsOrderResult = Omit<Swap<OrderResult, PolymarketUsInstrument>, 'venue'> & {
  readonly venue: typeof PMUS;
};
export type PolymarketUsPosition = Swap<Position, PolymarketUsInstrument>;
export type PolymarketUsOrderLookup = Omit<OrderLookup, 'instrument'> & {
  readonly instrument?: PolymarketUsInstrument;
};
export type { Level };

/** `StreamedBook` (lib/engine/ports/stream.ts) with this venue's book. */
export type PolymarketUsStreamedBook = Omit<StreamedBook, 'book'> & { readonly book: PolymarketUsBook | null };
