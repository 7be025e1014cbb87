/**
 * The BookStream port (docs/engine.md#streaming): a venue's WebSocket market data kept as live
 * order books. A venue that can stream offers `Venue.openBookStream()`; the engine subscribes the
 * instruments of its matched pairs, re-plans a pair when one of its books changes, and trades
 * only on books the stream vouches for. Everything a stream cannot vouch for (no snapshot yet,
 * a sequence gap, a frozen feed, a crossed book, a tick-size change, a dropped connection) is
 * UNTRUSTED and never traded until a fresh snapshot arrives.
 */
import type { Book, InstrumentRef, VenueName } from '../../core/market';

/** Why a streamed book may not be traded now. */
export type StreamDistrust =
  /** Subscribed, no snapshot received yet (or dropped while a fresh one is awaited). */
  | 'no-snapshot'
  /** A message was lost (Kalshi `seq` gap): the book waits for the resubscription's snapshot. */
  | 'gap'
  /** No message has vouched for the book within the stream's staleness bound (silent freeze). */
  | 'stale'
  /** Applying the updates left the best bid at or above the best ask. */
  | 'crossed'
  /** The venue changed the tick (Polymarket `tick_size_change`): dropped until the next snapshot. */
  | 'tick-size'
  /** The connection carrying the book is down; reconnecting. */
  | 'disconnected'
  /** A frame for this book could not be read. */
  | 'malformed';

export interface StreamedBook {
  /**
   * The book as the stream knows it, normalised like a REST book (asks best first, bids best
   * first). `observedAtMs` is the last instant the stream vouches the book was current (its own
   * last message, or a later proof that the feed carrying it was alive and in sequence), so the
   * planner's staleness gate (`maxBookAgeMs`) applies to streamed books unchanged.
   * null until the first snapshot.
   */
  readonly book: Book | null;
  /** True only when `book` may be traded: a snapshot was applied and nothing since casts doubt. */
  readonly trusted: boolean;
  /** Why it is not trusted; null when trusted. */
  readonly distrust: StreamDistrust | null;
  /** When the last message for this book arrived (our clock); null when none has. */
  readonly lastMessageAtMs: number | null;
}

/**
 * Something the stream had to leave out or distrust, reported for the error log. `cause` is a
 * short stable key (e.g. `malformed-frame`, `unknown-event:foo`, `seq-gap`, `frozen`,
 * `unknown-market`): the engine records each distinct (venue, cause) once per run.
 */
export interface StreamProblem {
  readonly venue: VenueName;
  readonly cause: string;
  /** Secret-free detail for the record. */
  readonly message: string;
}

export interface StreamHealth {
  /** At least one connection is open and subscribed. */
  readonly connected: boolean;
  /** Instruments subscribed, and how many of them are trusted now. */
  readonly watched: number;
  readonly trusted: number;
  /** Connections opened after the first (reconnects) since the stream started. */
  readonly reconnects: number;
  /** Frames received since the stream started. */
  readonly messages: number;
}

export type BookChangeListener = (keys: readonly string[]) => void;
export type StreamProblemListener = (problem: StreamProblem) => void;

export interface BookStream {
  readonly venue: VenueName;
  /**
   * The instruments to keep books for (the engine's matched pairs). Subscribes what is new,
   * unsubscribes what is gone; resolves once the subscribe commands are sent (snapshots arrive
   * later, as `onBookChange`).
   */
  watch(instruments: readonly InstrumentRef[]): Promise<void>;
  /** The stream's book of one instrument, and whether it may be traded. */
  get(instrument: InstrumentRef): StreamedBook;
  /**
   * Called with the `instrumentKey`s whose book changed (a snapshot or an update applied, or
   * trust lost or regained). Returns the unsubscribe function.
   */
  onBookChange(listener: BookChangeListener): () => void;
  onProblem(listener: StreamProblemListener): () => void;
  health(): StreamHealth;
  /** Closes every connection; no listener is called afterwards. */
  /**
   * Optional: resolves once everything the socket received before the call was handled (e.g. a
   * PING answered by a PONG behind it). Deterministic runs use it after the feed was drained.
   */
  sync?(): Promise<void>;
  close(): Promise<void>;
}
