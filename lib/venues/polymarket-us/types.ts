/**
 * The shapes this client speaks. `VenueName` and `InstrumentRef` (lib/core/market.ts) name
 * Polymarket US; the engine still trades only the pair Kalshi × Polymarket (`PairVenue`), and
 * `VenueGame`, `GamePair` and the `Venue` port's listing types name that pair, so the game and
 * port types here stay the client's own until the pair is wired (docs/adr/0010-venue-pairs.md,
 * docs/venues-polymarket-us.md#wiring).
 */
import {
  type Book,
  instrumentKey,
  type League,
  type Level,
  type PolymarketUsInstrumentRef,
  type Resolution,
  type VenueName,
} from '../../core/market';
import type { Centishares, PriceMicros } from '../../core/money';
import type {
  Balance,
  BookChangeListener,
  ItemProblemSink,
  OrderLookup,
  OrderRequest,
  OrderResult,
  Position,
  StreamedBook,
  StreamHealth,
  StreamProblemListener,
} from '../../engine/ports';

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

export interface PolymarketUsTeam {
  /** The side's label as the venue shows it (`marketSides[].description`, else the team name). */
  readonly name: string;
  /** The team code the slug carries (`lal` in `aec-nba-lal-bos-2026-11-25`), upper-cased. */
  readonly code: string;
  /** `team.abbreviation` when the venue sends it. */
  readonly abbreviation: string | null;
  /** Listing-time quote of this side (`marketSides[].quote`), pre-screening only; never traded on. */
  readonly listedPriceMicros: PriceMicros | null;
}

/** A two-team moneyline game on Polymarket US: ONE market whose long side is the first team of the slug. */
export interface PolymarketUsGame {
  readonly venue: typeof PMUS;
  readonly league: League;
  readonly eventId: string;
  readonly eventSlug: string;
  /** `aec-{league}-{away}-{home}-{yyyy-mm-dd}` (docs/venues-polymarket-us.md#u-slugs). */
  readonly marketSlug: string;
  readonly marketId: string;
  readonly title: string;
  /** The US-local game date the slug carries, `yyyy-mm-dd`. */
  readonly slugDate: string;
  /** First team of the slug: YES / long. */
  readonly long: PolymarketUsTeam;
  /** Second team of the slug: NO / short. */
  readonly short: PolymarketUsTeam;
  /** Scheduled start, epoch ms, or null when the venue gave none. */
  readonly gameStartMs: number | null;
  readonly tickMicros: PriceMicros;
  /** `minimumTradeQty` in centishares: smallest order, and every order a multiple of it. */
  readonly minSizeCenti: Centishares;
  /** Every order size is a multiple of this (centishares). */
  readonly sizeStepCenti: Centishares;
  /** Taker Θ in ppm for this market (docs/venues-polymarket-us.md#u-fees). */
  readonly takerThetaPpm: number;
  /** Open for trading now: active, not closed, status open (or absent). */
  readonly tradable: boolean;
  /** Listing-time best ask of the long side (`bestAskQuote`), pre-screening only. */
  readonly listedLongAskMicros: PriceMicros | null;
  /** Listing-time best ask of the short side (1 − `bestBidQuote`), pre-screening only. */
  readonly listedShortAskMicros: PriceMicros | null;
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

/**
 * The `Venue` port (lib/engine/ports/venue.ts) with this venue's instrument: the same methods,
 * the same meaning. `PolymarketUsVenue` implements it; once the core types are widened it
 * implements `Venue` itself.
 */
export interface PolymarketUsVenuePort {
  readonly name: typeof PMUS;
  listGames(leagues: readonly League[], onItemProblem?: ItemProblemSink): Promise<PolymarketUsGame[]>;
  getBooks(
    instruments: readonly PolymarketUsInstrument[],
    onItemProblem?: ItemProblemSink,
  ): Promise<Map<string, PolymarketUsBook>>;
  placeOrder(order: PolymarketUsOrderRequest): Promise<PolymarketUsOrderResult>;
  cancelOrder(lookup: PolymarketUsOrderLookup): Promise<void>;
  getOrder(lookup: PolymarketUsOrderLookup): Promise<PolymarketUsOrderResult | null>;
  getBalance(): Promise<Balance>;
  getPositions(): Promise<PolymarketUsPosition[]>;
  getResolution(instrument: PolymarketUsInstrument): Promise<Resolution>;
  /** The markets WebSocket as live books (./stream.ts); the caller closes it. */
  openBookStream?(): PolymarketUsBookStreamPort;
}

/** `StreamedBook` (lib/engine/ports/stream.ts) with this venue's book. */
export type PolymarketUsStreamedBook = Omit<StreamedBook, 'book'> & { readonly book: PolymarketUsBook | null };

/**
 * The `BookStream` port (lib/engine/ports/stream.ts) with this venue's instrument: the same
 * methods, the same meaning (docs/venues-polymarket-us.md#u-stream). `PolymarketUsBookStream`
 * implements it; once the core types are widened it implements `BookStream` itself.
 */
export interface PolymarketUsBookStreamPort {
  readonly venue: typeof PMUS;
  watch(instruments: readonly PolymarketUsInstrument[]): Promise<void>;
  get(instrument: PolymarketUsInstrument): PolymarketUsStreamedBook;
  onBookChange(listener: BookChangeListener): () => void;
  onProblem(listener: StreamProblemListener): () => void;
  health(): StreamHealth;
  sync?(): Promise<void>;
  close(): Promise<void>;
}
