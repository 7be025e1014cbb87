/**
 * Scriptable in-memory book streams (lib/engine/ports/stream.ts `BookStream`) for engine tests.
 *
 * A `FakeStreamHub` is one venue's feed: the test scripts snapshots, updates, distrust, problems
 * and outages on the hub, and every stream opened from it (`hub.open`, what `EngineDeps.bookStreams`
 * is given) sees them, as every connection to a venue sees the same market. A stream delivers a
 * watched instrument's current snapshot as soon as it is watched, like a venue answering a
 * subscribe. Listeners are called synchronously.
 */
import type { Book, InstrumentRef, Level, PairVenue, VenueName } from '../../../lib/core/market';
import { instrumentKey } from '../../../lib/core/market';
import type {
  BookChangeListener,
  BookStream,
  StreamDistrust,
  StreamedBook,
  StreamHealth,
  StreamProblem,
  StreamProblemListener,
  Venue,
} from '../../../lib/engine/ports';
import { DEFAULT_TEST_PAIR, type TestPair } from './pairs';
import { type GameSpec, kalshiTicker, polymarketInstrument } from './sim-world';

interface Entry {
  book: Book | null;
  distrust: StreamDistrust | null;
  lastMessageAtMs: number | null;
}

export class FakeBookStream implements BookStream {
  readonly watched = new Map<string, InstrumentRef>();
  /** Every `watch` call's instruments, in order. */
  readonly watchCalls: InstrumentRef[][] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly changeListeners = new Set<BookChangeListener>();
  private readonly problemListeners = new Set<StreamProblemListener>();
  connected = true;
  reconnects = 0;
  messages = 0;
  closed = false;

  constructor(
    readonly venue: VenueName,
    private readonly hub: FakeStreamHub,
  ) {}

  async watch(instruments: readonly InstrumentRef[]): Promise<void> {
    if (this.closed) throw new Error('stream closed');
    this.watchCalls.push([...instruments]);
    const next = new Map(instruments.map((i) => [instrumentKey(i), i]));
    for (const key of [...this.watched.keys()]) if (!next.has(key)) this.watched.delete(key);
    const fresh: string[] = [];
    for (const [key, i] of next) {
      if (this.watched.has(key)) continue;
      this.watched.set(key, i);
      const book = this.hub.current(key);
      if (book && this.connected) {
        this.entries.set(key, { book, distrust: null, lastMessageAtMs: this.hub.now() });
        fresh.push(key);
      } else if (!this.entries.has(key)) {
        this.entries.set(key, { book: null, distrust: 'no-snapshot', lastMessageAtMs: null });
      }
    }
    if (fresh.length > 0) this.emit(fresh);
  }

  get(instrument: InstrumentRef): StreamedBook {
    const e = this.entries.get(instrumentKey(instrument));
    if (!e || !this.watched.has(instrumentKey(instrument)))
      return { book: null, trusted: false, distrust: 'no-snapshot', lastMessageAtMs: null };
    return {
      book: e.book,
      trusted: e.distrust === null && e.book !== null,
      distrust: e.distrust,
      lastMessageAtMs: e.lastMessageAtMs,
    };
  }

  onBookChange(listener: BookChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onProblem(listener: StreamProblemListener): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  health(): StreamHealth {
    let trusted = 0;
    for (const key of this.watched.keys()) if (this.entries.get(key)?.distrust === null) trusted += 1;
    return {
      connected: this.connected && !this.closed,
      watched: this.watched.size,
      trusted,
      reconnects: this.reconnects,
      messages: this.messages,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.changeListeners.clear();
    this.problemListeners.clear();
  }

  // ---- driven by the hub ----

  /** A snapshot or update for `key`: trusted again. */
  deliver(key: string, book: Book): void {
    if (this.closed || !this.connected || !this.watched.has(key)) return;
    this.messages += 1;
    this.entries.set(key, { book, distrust: null, lastMessageAtMs: this.hub.now() });
    this.emit([key]);
  }

  /** Trust lost for `key` (the book is kept, as a stream keeps its last state). */
  distrust(key: string, reason: StreamDistrust): void {
    if (this.closed || !this.watched.has(key)) return;
    const e = this.entries.get(key) ?? { book: null, distrust: null, lastMessageAtMs: null };
    this.entries.set(key, { ...e, distrust: reason });
    this.emit([key]);
  }

  problem(p: StreamProblem): void {
    if (this.closed) return;
    for (const l of [...this.problemListeners]) l(p);
  }

  goDown(): void {
    if (this.closed) return;
    this.connected = false;
    const keys = [...this.watched.keys()];
    for (const key of keys) {
      const e = this.entries.get(key) ?? { book: null, distrust: null, lastMessageAtMs: null };
      this.entries.set(key, { ...e, distrust: 'disconnected' });
    }
    if (keys.length > 0) this.emit(keys);
  }

  /** Reconnected: books stay untrusted until the next snapshot (`hub.resnapshot`). */
  comeUp(): void {
    if (this.closed) return;
    this.connected = true;
    this.reconnects += 1;
  }

  private emit(keys: string[]): void {
    for (const l of [...this.changeListeners]) l(keys);
  }
}

export class FakeStreamHub {
  readonly streams: FakeBookStream[] = [];
  private readonly books = new Map<string, Book>();

  constructor(
    readonly venue: VenueName,
    private readonly clock: { now(): number },
  ) {}

  now(): number {
    return this.clock.now();
  }

  /** What `EngineDeps.bookStreams[venue]` is given: each call opens a new stream. */
  readonly open = (): FakeBookStream => {
    const s = new FakeBookStream(this.venue, this);
    this.streams.push(s);
    return s;
  };

  /** Streams not closed yet. */
  openStreams(): FakeBookStream[] {
    return this.streams.filter((s) => !s.closed);
  }

  current(key: string): Book | undefined {
    return this.books.get(key);
  }

  /** A full book for the instrument (snapshot), stamped now unless `observedAtMs` is given. */
  snapshot(
    instrument: InstrumentRef,
    levels: { asks: readonly Level[]; bids?: readonly Level[] },
    extra: Partial<Book> = {},
  ): void {
    const book: Book = {
      instrument,
      asks: levels.asks,
      bids: levels.bids ?? [],
      tickMicros: 10_000,
      minSizeCenti: 100,
      observedAtMs: this.clock.now(),
      ...extra,
    };
    this.put(book);
  }

  /** Publishes `book` as it is (e.g. one read from the simulator with `getBooks`). */
  put(book: Book): void {
    const key = instrumentKey(book.instrument);
    this.books.set(key, book);
    for (const s of this.openStreams()) s.deliver(key, book);
  }

  /** An update: the instrument's levels replaced, stamped now. */
  update(instrument: InstrumentRef, levels: { asks?: readonly Level[]; bids?: readonly Level[] }): void {
    const key = instrumentKey(instrument);
    const was = this.books.get(key);
    if (!was) throw new Error(`no snapshot for ${key} to update`);
    this.put({ ...was, ...levels, observedAtMs: this.clock.now() });
  }

  distrust(instrument: InstrumentRef, reason: StreamDistrust): void {
    for (const s of this.openStreams()) s.distrust(instrumentKey(instrument), reason);
  }

  problem(cause: string, message = `problem ${cause}`): void {
    for (const s of this.openStreams()) s.problem({ venue: this.venue, cause, message });
  }

  down(): void {
    for (const s of this.openStreams()) s.goDown();
  }

  /** Connections back and every watched book snapshotted again. */
  up(): void {
    for (const s of this.openStreams()) {
      s.comeUp();
      for (const key of s.watched.keys()) {
        const book = this.books.get(key);
        if (book) s.deliver(key, { ...book, observedAtMs: this.clock.now() });
      }
    }
  }
}

export interface FakeStreams {
  readonly polymarket: FakeStreamHub;
  readonly kalshi: FakeStreamHub;
  /** For `EngineDeps.bookStreams`. */
  readonly sources: { polymarket: () => BookStream; kalshi: () => BookStream };
}

/** Scripted streams for both slots; `polymarketVenue` is the exchange in the Polymarket slot. */
export function fakeStreams(
  clock: { now(): number },
  polymarketVenue: 'polymarket' | 'polymarket-us' = 'polymarket',
): FakeStreams {
  const polymarket = new FakeStreamHub(polymarketVenue, clock);
  const kalshi = new FakeStreamHub('kalshi', clock);
  return { polymarket, kalshi, sources: { polymarket: polymarket.open, kalshi: kalshi.open } };
}

/**
 * The six instruments the engine watches for a game: both Polymarket-side instruments of the pair
 * (the two outcome tokens, or Polymarket US's long and short), YES and NO of both Kalshi markets.
 */
export function pairInstruments(
  game: GameSpec,
  pair: TestPair,
): { polymarket: InstrumentRef[]; kalshi: InstrumentRef[] } {
  return {
    polymarket: (['away', 'home'] as const).map((side) => polymarketInstrument(pair, game, side)),
    kalshi: (['away', 'home'] as const).flatMap((side) =>
      (['yes', 'no'] as const).map((s) => ({ venue: 'kalshi' as const, ticker: kalshiTicker(game, side), side: s })),
    ),
  };
}

/**
 * Publishes what each venue's REST books say now (read with `getBooks` from the simulators) on
 * the hubs, as the venues' feeds would: the streamed and the polled view then agree.
 */
export async function publishFromVenues(
  streams: FakeStreams,
  venues: Readonly<Record<PairVenue, Venue>>,
  game: GameSpec,
): Promise<void> {
  // The instruments of whichever Polymarket the slot's client trades.
  const ids = pairInstruments(
    game,
    venues.polymarket.name === 'polymarket-us' ? 'kalshi,polymarket-us' : DEFAULT_TEST_PAIR,
  );
  for (const venue of ['polymarket', 'kalshi'] as const) {
    const books = await venues[venue].getBooks(ids[venue]);
    for (const book of books.values()) streams[venue].put(book);
  }
}

/** `pairInstruments` on Kalshi × Polymarket (both outcome tokens). */
export const gameInstruments = (game: GameSpec) => pairInstruments(game, DEFAULT_TEST_PAIR);
