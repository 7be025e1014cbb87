/**
 * Polymarket US's markets WebSocket as live order books: the `BookStream` port
 * (docs/venues-polymarket-us.md#u-stream); another venue's instrument is refused by `watch` and
 * unwatched by `get`.
 *
 * One connection, its handshake signed like a `GET` of the URL's path (a fresh timestamp at every
 * attempt). Markets are subscribed `SUBSCRIPTION_TYPE_MARKET_DATA` in subscriptions of at most
 * `maxMarketsPerSubscription` (the venue's cap: 100), each under its own request id. A
 * subscription cannot be edited, only dropped by its request id, so a changed one is dropped and
 * taken again under a new id (its markets get fresh books); frames of a dropped id are ignored.
 *
 * Every `marketData` frame is the market's WHOLE book (the REST book's shape), so each one is a
 * snapshot and there is nothing to sequence: the venue numbers nothing. A book is trusted on its
 * own frames only, as Polymarket's (docs/venues-polymarket.md#p-stream): a frame whose
 * `transactTime` is older than the book's (in one subscription) is ignored, a quiet book gets a fresh one
 * asked for (its subscription taken again) after `quietMs`, a silent one reads `stale` after
 * `staleAfterMs`, and asked-for books that do not come within `snapshotTimeoutMs` recycle the
 * connection. Heartbeats and our protocol Pings keep the connection alive; they vouch for no book.
 *
 * Books are built exactly as the REST client builds them (./parse-books.ts): the long book from
 * the frame, the short book its mirror, with the tick and size rules of the client's market data.
 */
import type { InstrumentRef } from '../../core/market';
import type { BookStream, StreamHealth, StreamProblemListener } from '../../engine/ports';
import { BookTrust, UNWATCHED } from '../stream/book-state';
import {
  type ResolvedRuntime,
  type ResolvedStreamTuning,
  resolveRuntime,
  type StreamRuntime,
  type StreamTuning,
  streamTuningSchema,
} from '../stream/options';
import { excerpt, StreamSignals } from '../stream/signals';
import { ReconnectingSocket } from '../stream/socket';
import { type TimerHandle, Watchdog } from '../stream/timers';
import { MAX_MARKETS_PER_SUBSCRIPTION } from './constants';
import { crossingOf, type LongLadder, longLadderOf, sideBooksOf } from './parse-books';
import type { MarketFacts } from './parse-markets';
import { optionalTimeMs } from './schemas';
import {
  payloadOf,
  pmusErrorFrame,
  pmusFrameHead,
  pmusMarketDataFrame,
  pmusSubscribe,
  pmusUnsubscribe,
} from './stream-schemas';
import { PMUS, PMUS_VENUE, type PolymarketUsBook, type PolymarketUsStreamedBook, pmusInstrumentKey } from './types';

export interface PolymarketUsStreamOptions extends StreamTuning {
  /** Markets per subscription (default and maximum: the venue's 100). */
  readonly maxMarketsPerSubscription?: number;
  /** Protocol Ping interval, our own keep-alive (default 10 s); 0 = none. */
  readonly pingEveryMs?: number;
}

export interface PolymarketUsStreamDeps {
  /** Handshake headers signed over `GET <url path>` now; null without a key. */
  readonly sign: (path: string) => Record<string, string> | null;
  /** Tick and size rules of a market, as the REST books use them. */
  readonly marketFacts: (marketSlug: string) => Promise<MarketFacts>;
}

interface Sub {
  readonly slugs: Set<string>;
  /** The request id the venue knows it by; null when not (yet, or any more) subscribed. */
  requestId: string | null;
  /** Refused by the venue: not asked again before this instant. */
  retryAtMs: number | null;
}

interface UMarket {
  readonly slug: string;
  readonly facts: MarketFacts;
  readonly trust: BookTrust;
  sub: Sub;
  /** The long ladder of the last frame applied; null until the first. */
  ladder: LongLadder | null;
  /** `transactTime` of the last frame of the current subscription applied (epoch ms), when it carried one. */
  venueTs: number | null;
  cache: { at: number; books: Map<string, PolymarketUsBook> } | null;
}

/** The port's answer for a market the stream does not watch. */
const UNWATCHED_BOOK: PolymarketUsStreamedBook = { ...UNWATCHED, book: null };

const keysOf = (slug: string): string[] => [`${PMUS}:${slug}:long`, `${PMUS}:${slug}:short`];

export class PolymarketUsBookStream implements BookStream {
  readonly venue = PMUS;
  private readonly rt: ResolvedRuntime;
  private readonly tuning: ResolvedStreamTuning;
  private readonly perSub: number;
  private readonly pingEveryMs: number;
  private readonly signals: StreamSignals;
  private readonly markets = new Map<string, UMarket>();
  private readonly subs: Sub[] = [];
  private readonly socket: ReconnectingSocket;
  private readonly path: string;
  private nextRequest = 1;
  private readonly watchdog: Watchdog;
  private ping: TimerHandle | null = null;
  private messages = 0;
  private closed = false;

  constructor(
    url: string,
    private readonly deps: PolymarketUsStreamDeps,
    options: PolymarketUsStreamOptions = {},
    runtime: StreamRuntime = {},
  ) {
    this.rt = resolveRuntime(runtime);
    this.tuning = streamTuningSchema.parse(options);
    this.perSub = options.maxMarketsPerSubscription ?? MAX_MARKETS_PER_SUBSCRIPTION;
    if (!(this.perSub >= 1 && this.perSub <= MAX_MARKETS_PER_SUBSCRIPTION))
      throw new TypeError(`maxMarketsPerSubscription must be 1–${MAX_MARKETS_PER_SUBSCRIPTION}`);
    this.pingEveryMs = options.pingEveryMs ?? 10_000;
    this.signals = new StreamSignals(PMUS_VENUE, this.rt.now, this.tuning.problemDedupeMs);
    this.path = new URL(url).pathname;
    this.socket = ReconnectingSocket.tuned(url, this.rt, this.tuning, {
      sign: (path) => this.deps.sign(path),
      onOpen: () => this.opened(),
      onText: (text) => this.onText(text),
      onDown: (why) => this.down(why),
    });
    this.watchdog = new Watchdog(this.rt.timers, this.tuning.watchdogEveryMs, () => this.inspect());
  }

  // ---- the port -----------------------------------------------------------------------------

  async watch(instruments: readonly InstrumentRef[]): Promise<void> {
    if (this.closed) return;
    const wanted = new Set<string>();
    for (const i of instruments) {
      if (i.venue !== PMUS) throw new TypeError(`not a Polymarket US instrument: ${JSON.stringify(i).slice(0, 120)}`);
      wanted.add(i.marketSlug);
    }
    const dirty = new Set<Sub>();
    // Gone: out of their subscriptions (taken again without them).
    for (const [slug, m] of this.markets) {
      if (wanted.has(slug)) continue;
      this.markets.delete(slug);
      m.sub.slugs.delete(slug);
      dirty.add(m.sub);
    }
    // New: the market's facts first (tick, size rules), as the REST books.
    const fresh = [...wanted].filter((s) => !this.markets.has(s));
    const facts = await Promise.all(
      fresh.map((slug) =>
        this.deps.marketFacts(slug).catch((err: unknown) => {
          this.signals.problem('market-facts', `no market facts for ${slug}: ${(err as Error).message}`);
          return null;
        }),
      ),
    );
    if (this.closed) return;
    fresh.forEach((slug, i) => {
      const f = facts[i];
      if (!f || this.markets.has(slug) || !wanted.has(slug)) return;
      const sub = this.subWithRoom();
      sub.slugs.add(slug);
      dirty.add(sub);
      this.markets.set(slug, { slug, facts: f, trust: new BookTrust(), sub, ladder: null, venueTs: null, cache: null });
    });
    if (this.deps.sign(this.path) === null) {
      this.signals.problem(
        'no-credentials',
        'Polymarket US WebSocket handshakes are signed: no key, no stream (docs/venues-polymarket-us.md#u-stream)',
      );
      return;
    }
    if (!this.socket.isOpen) {
      if (this.markets.size > 0) this.socket.start();
      return;
    }
    for (const sub of dirty) this.resubscribe(sub);
  }

  get(instrument: InstrumentRef): PolymarketUsStreamedBook {
    if (instrument.venue !== PMUS) return UNWATCHED_BOOK;
    const m = this.markets.get(instrument.marketSlug);
    if (!m) return UNWATCHED_BOOK;
    const book = this.booksOf(m)?.get(pmusInstrumentKey(instrument)) ?? null;
    // As `viewOf` (lib/venues/stream/book-state.ts), with this venue's book type.
    const distrust =
      book === null ? (m.trust.distrust ?? 'no-snapshot') : m.trust.reason(this.rt.now(), this.tuning.staleAfterMs);
    return { book, trusted: distrust === null, distrust, lastMessageAtMs: m.trust.lastMessageAtMs };
  }

  onBookChange(listener: (keys: readonly string[]) => void): () => void {
    return this.signals.onBookChange(listener);
  }

  onProblem(listener: StreamProblemListener): () => void {
    return this.signals.onProblem(listener);
  }

  health(): StreamHealth {
    const now = this.rt.now();
    let trusted = 0;
    for (const m of this.markets.values()) if (m.trust.reason(now, this.tuning.staleAfterMs) === null) trusted += 2;
    return {
      connected: this.socket.isOpen && this.subs.some((s) => s.requestId !== null),
      watched: this.markets.size * 2,
      trusted,
      reconnects: Math.max(0, this.socket.opens - 1),
      messages: this.messages,
    };
  }

  /**
   * Resolves once every frame the venue wrote before this call has been read (a protocol Ping,
   * answered after them), or after `timeoutMs`. With a simulator whose feed delays frames, wait
   * for `feed.hub.drained()` first. The port's optional `sync` (docs/venues.md#streams).
   */
  sync(timeoutMs = 2_000): Promise<void> {
    return this.socket.protocolPing(timeoutMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.signals.close();
    this.watchdog.stop();
    if (this.ping) this.rt.timers.clearTimeout(this.ping);
    this.socket.close();
  }

  // ---- subscriptions ------------------------------------------------------------------------

  private subWithRoom(): Sub {
    const open = this.subs.find((s) => s.slugs.size < this.perSub);
    if (open) return open;
    const sub: Sub = { slugs: new Set(), requestId: null, retryAtMs: null };
    this.subs.push(sub);
    return sub;
  }

  private opened(): void {
    for (const sub of this.subs) {
      sub.requestId = null;
      sub.retryAtMs = null;
    }
    for (const sub of [...this.subs]) this.resubscribe(sub);
    this.armPing();
  }

  /** Drops the subscription (when the venue knows it) and takes it again under a new request id. */
  private resubscribe(sub: Sub): void {
    if (!this.socket.isOpen) return;
    if (sub.requestId !== null) this.socket.send(pmusUnsubscribe(sub.requestId));
    sub.requestId = null;
    if (sub.slugs.size === 0) {
      this.subs.splice(this.subs.indexOf(sub), 1);
      return;
    }
    const requestId = `book-${this.nextRequest++}`;
    if (!this.socket.send(pmusSubscribe(requestId, [...sub.slugs]))) return;
    sub.requestId = requestId;
    sub.retryAtMs = null;
    const now = this.rt.now();
    for (const slug of sub.slugs) {
      const m = this.markets.get(slug);
      if (!m) continue;
      m.trust.snapshotAskedAtMs = now;
      // Order is kept within one subscription: its first book stands whatever its time says.
      m.venueTs = null;
    }
  }

  /** Takes again the subscriptions of these markets, unless fresh books are already on their way. */
  private askAgain(slugs: Iterable<string>): void {
    const subs = new Set<Sub>();
    for (const slug of slugs) {
      const m = this.markets.get(slug);
      if (m && m.sub.requestId !== null) subs.add(m.sub);
    }
    for (const sub of subs) {
      const waiting = [...sub.slugs].some((s) => this.markets.get(s)?.trust.snapshotAskedAtMs !== null);
      if (!waiting) this.resubscribe(sub);
    }
  }

  private armPing(): void {
    if (this.pingEveryMs <= 0 || this.closed) return;
    if (this.ping) this.rt.timers.clearTimeout(this.ping);
    this.ping = this.rt.timers.setTimeout(() => {
      this.ping = null;
      if (this.closed || !this.socket.isOpen) return;
      void this.socket.protocolPing(this.pingEveryMs);
      this.armPing();
    }, this.pingEveryMs);
  }

  private down(why: string): void {
    if (this.ping) this.rt.timers.clearTimeout(this.ping);
    this.ping = null;
    for (const sub of this.subs) sub.requestId = null;
    const changed: string[] = [];
    for (const m of this.markets.values()) {
      if (m.trust.lose('disconnected')) changed.push(...keysOf(m.slug));
      m.trust.snapshotAskedAtMs = null;
      m.venueTs = null;
    }
    this.signals.problem('disconnected', `markets WebSocket down: ${why}`);
    this.signals.changed(changed);
  }

  // ---- frames -------------------------------------------------------------------------------

  private onText(text: string): void {
    this.messages++;
    if (this.closed) return;
    const changed = new Set<string>();
    const again = new Set<string>();
    try {
      this.onFrame(text, changed, again);
    } catch (err) {
      // Never throw out of a message handler: a frame we failed on taints every book.
      this.unreadable(null, `frame could not be applied: ${(err as Error).message}`, changed, again);
    } finally {
      this.askAgain(again);
      this.signals.changed(changed);
    }
  }

  private onFrame(text: string, changed: Set<string>, again: Set<string>): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.unreadable(null, `frame is not JSON: ${excerpt(text)}`, changed, again);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return this.unreadable(null, `frame is not an object: ${excerpt(text)}`, changed, again);
    }
    const head = pmusFrameHead.safeParse(raw);
    const payload = payloadOf(raw);
    if (!head.success || payload === null) {
      return this.unreadable(null, `frame without a known payload: ${excerpt(text)}`, changed, again);
    }
    switch (payload) {
      case 'heartbeat':
        return; // the connection is alive; no book is vouched for
      case 'error':
        return this.onError(raw, text);
      case 'marketData':
        return this.onMarketData(raw, text, changed, again);
      default:
        // Lite and trade frames answer subscriptions this client never makes.
        this.signals.problem(`unknown-event:${payload}`, `unexpected ${payload} frame: ${excerpt(text)}`);
    }
  }

  private onError(raw: object, text: string): void {
    const p = pmusErrorFrame.safeParse(raw);
    const requestId = p.success ? p.data.requestId : undefined;
    const sub = requestId === undefined ? undefined : this.subs.find((s) => s.requestId === requestId);
    this.signals.problem(
      sub ? 'subscribe-refused' : 'error',
      `request ${requestId ?? '?'} refused: ${p.success ? excerpt(p.data.error, 160) : excerpt(text)}`,
    );
    if (!sub) return;
    // Nothing flows for these markets now: untrusted until a subscription is accepted, asked again later.
    sub.requestId = null;
    sub.retryAtMs = this.rt.now() + this.tuning.quietMs;
    const changed: string[] = [];
    for (const slug of sub.slugs) {
      const m = this.markets.get(slug);
      if (!m) continue;
      m.trust.snapshotAskedAtMs = null;
      if (m.trust.lose('no-snapshot')) changed.push(...keysOf(slug));
    }
    this.signals.changed(changed);
  }

  private onMarketData(raw: object, text: string, changed: Set<string>, again: Set<string>): void {
    const p = pmusMarketDataFrame.safeParse(raw);
    if (!p.success) {
      const named = (raw as { marketData?: { marketSlug?: unknown } }).marketData?.marketSlug;
      const issue = p.error.issues[0];
      return this.unreadable(
        typeof named === 'string' && this.markets.has(named) ? named : null,
        `marketData frame: ${issue?.path.join('.')} ${issue?.message}: ${excerpt(text)}`,
        changed,
        again,
      );
    }
    const frame = p.data;
    const sub = this.subs.find((s) => s.requestId === frame.requestId);
    if (!sub) return; // a subscription already dropped (or never ours): its frames mean nothing now
    const slug = frame.marketData.marketSlug;
    const m = this.markets.get(slug);
    if (!m || m.sub !== sub) {
      this.signals.problem(
        'unknown-market',
        `book of ${slug.slice(0, 80)}, which subscription ${sub.requestId} does not hold`,
      );
      return;
    }
    const now = this.rt.now();
    m.trust.lastMessageAtMs = now;
    const ts = optionalTimeMs.parse(frame.marketData.transactTime ?? null);
    if (ts !== null && m.venueTs !== null && ts < m.venueTs) {
      // Older than the book we hold (a whole book too): the newer one stands.
      this.signals.problem('out-of-order', `${slug}: a book of ${ts} after one of ${m.venueTs}, ignored`);
      return;
    }
    const ladder = longLadderOf(frame.marketData);
    if ('unreadable' in ladder) return this.unreadable(slug, `${slug}: ${ladder.unreadable}`, changed, again);
    m.ladder = ladder;
    if (ts !== null) m.venueTs = ts;
    m.cache = null;
    m.trust.snapshot(now);
    for (const k of keysOf(slug)) changed.add(k);
    const crossed = crossingOf(ladder);
    if (crossed) {
      // Asked again by the watchdog (not at once: a venue that keeps sending it must not be hammered).
      m.trust.lose('crossed');
      this.signals.problem('crossed', `${slug}: bid ${crossed.bid} ≥ ask ${crossed.ask} micros`);
    }
  }

  /** A frame we cannot read: the market it names (every market when none) waits for a fresh book. */
  private unreadable(slug: string | null, message: string, changed: Set<string>, again: Set<string>): void {
    this.signals.problem('malformed-frame', message);
    const slugs = slug !== null ? [slug] : [...this.markets.keys()];
    for (const s of slugs) {
      const m = this.markets.get(s);
      if (!m) continue;
      if (m.trust.lose('malformed')) for (const k of keysOf(s)) changed.add(k);
      again.add(s);
    }
  }

  private booksOf(m: UMarket): Map<string, PolymarketUsBook> | null {
    if (!m.trust.snapshotted || m.ladder === null) return null;
    const at = m.trust.vouchedAtMs ?? 0;
    if (m.cache && m.cache.at === at) return m.cache.books;
    m.cache = { at, books: sideBooksOf(m.ladder, m.facts, at) };
    return m.cache.books;
  }

  // ---- watchdog -----------------------------------------------------------------------------

  /** Quiet or doubtful books get their subscription taken again; unanswered asks recycle the connection. */
  private inspect(): void {
    if (!this.socket.isOpen) return;
    const now = this.rt.now();
    const t = this.tuning;
    const changed: string[] = [];
    const ask = new Set<Sub>();
    let recycle = false;
    for (const sub of this.subs) {
      if (sub.requestId === null) {
        if (sub.slugs.size > 0 && (sub.retryAtMs === null || now >= sub.retryAtMs)) ask.add(sub);
        continue;
      }
      let waiting = false;
      let wanted = false;
      for (const slug of sub.slugs) {
        const tr = this.markets.get(slug)?.trust;
        if (!tr) continue;
        if (tr.isStale(now, t.staleAfterMs)) {
          // Nothing sequences this feed: what a silence hid is unknown until a fresh book.
          if (tr.lose('stale')) changed.push(...keysOf(slug));
          if (!tr.staleReported) {
            tr.staleReported = true;
            this.signals.problem('frozen', `${slug}: nothing for ${now - (tr.vouchedAtMs ?? now)} ms`);
          }
        }
        if (tr.snapshotAskedAtMs !== null) {
          waiting = true;
          if (now - tr.snapshotAskedAtMs > t.snapshotTimeoutMs) recycle = true;
          continue;
        }
        const quiet = tr.distrust === null && tr.vouchedAtMs !== null && now - tr.vouchedAtMs > t.quietMs;
        if (quiet || tr.distrust !== null) wanted = true;
      }
      if (wanted && !waiting) ask.add(sub);
    }
    if (recycle) {
      this.signals.problem('snapshot-timeout', `no book within ${t.snapshotTimeoutMs} ms of asking: reconnecting`);
      this.socket.recycle('asked-for books never came');
    } else for (const sub of ask) this.resubscribe(sub);
    this.signals.changed(changed);
  }
}
