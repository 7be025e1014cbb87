/**
 * Kalshi's `orderbook_delta` channel as live order books: `BookStream` (lib/engine/ports/stream.ts,
 * docs/venues-kalshi.md#k-stream). One signed connection, one subscription (`sid`) holding every
 * watched market; `watch()` changes go out as `update_subscription`. Each sid's messages carry
 * `seq`, +1 per message, snapshot first: a gap (or a delta before its market's snapshot, or a
 * level driven negative) means something was lost, so the subscription is dropped and taken
 * again for fresh snapshots. An in-sequence message vouches for every book of the sid (nothing
 * was missed up to it), so `observedAtMs` moves with the feed, not only with a book's own updates.
 *
 * Books are built exactly as the REST client builds them (parse-books.ts): YES and NO bid
 * ladders, each side's asks derived from the other side's bids (a NO bid at p is a YES ask at 1 − p),
 * with the tick and order step the client's market data holds.
 */
import { type Book, type InstrumentRef, instrumentKey } from '../../core/market';
import { PAYOUT_MICROS } from '../../core/money';
import type { BookStream, StreamedBook, StreamHealth } from '../../engine/ports';
import { BookTrust, Levels, UNWATCHED, viewOf } from '../stream/book-state';
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
import { Watchdog } from '../stream/timers';
import {
  KALSHI_WS_ERRORS,
  type KalshiEnvelope,
  kalshiDeltaMsg,
  kalshiEnvelope,
  kalshiErrorMsg,
  kalshiSnapshotMsg,
  kalshiSubscribe,
  kalshiSubscribedMsg,
  kalshiUnsubscribe,
  kalshiUpdate,
} from './stream-schemas';

/** How often an in-sequence frame vouches for every book of its subscription (see onFrame). */
const VOUCH_ALL_EVERY_MS = 250;

export type KalshiStreamOptions = StreamTuning;

export interface KalshiStreamDeps {
  /** Handshake headers signed over `GET <url path>` now; null without credentials. */
  readonly sign: (path: string) => Record<string, string> | null;
  /** Tick and order step per market, as the REST books use them; unknown markets are absent. */
  readonly marketFacts: (
    tickers: readonly string[],
  ) => Promise<ReadonlyMap<string, { readonly tickMicros: number; readonly stepCenti: number }>>;
}

interface KMarket {
  readonly ticker: string;
  readonly yes: Levels;
  readonly no: Levels;
  readonly trust: BookTrust;
  readonly tickMicros: number;
  readonly stepCenti: number;
  /** The sid whose snapshot the book holds (deltas of another sid cannot apply). */
  snapSid: number | null;
  cache: { at: number; yes: Book; no: Book } | null;
}

export class KalshiBookStream implements BookStream {
  readonly venue = 'kalshi' as const;
  private readonly rt: ResolvedRuntime;
  private readonly tuning: ResolvedStreamTuning;
  private readonly signals: StreamSignals;
  private readonly markets = new Map<string, KMarket>();
  private readonly socket: ReconnectingSocket;
  private readonly path: string;
  private sid: number | null = null;
  private lastSeq: number | null = null;
  /** Command id of the subscribe in flight. */
  private pendingSubscribe: number | null = null;
  private nextId = 1;
  private resubscribeDue = false;
  private readonly watchdog: Watchdog;
  /** When every book of the sid was last vouched for by an in-sequence frame (see onFrame). */
  private vouchedAllAtMs = Number.NEGATIVE_INFINITY;
  private messages = 0;
  private closed = false;

  constructor(
    url: string,
    private readonly deps: KalshiStreamDeps,
    options: KalshiStreamOptions = {},
    runtime: StreamRuntime = {},
  ) {
    this.rt = resolveRuntime(runtime);
    this.tuning = streamTuningSchema.parse(options);
    this.signals = new StreamSignals('kalshi', this.rt.now, this.tuning.problemDedupeMs);
    this.path = new URL(url).pathname;
    this.socket = ReconnectingSocket.tuned(url, this.rt, this.tuning, {
      sign: (path) => this.deps.sign(path),
      onOpen: () => this.opened(),
      onText: (text) => this.onText(text),
      onDown: (why) => this.down(why),
    });
    this.watchdog = new Watchdog(this.rt.timers, this.tuning.watchdogEveryMs, () => this.inspect());
  }

  // ---- BookStream ---------------------------------------------------------------------------

  async watch(instruments: readonly InstrumentRef[]): Promise<void> {
    if (this.closed) return;
    const wanted = new Set<string>();
    for (const i of instruments) {
      if (i.venue !== 'kalshi') throw new TypeError(`not a Kalshi instrument: ${instrumentKey(i)}`);
      wanted.add(i.ticker);
    }
    const gone = [...this.markets.keys()].filter((t) => !wanted.has(t));
    for (const t of gone) this.markets.delete(t);
    const fresh = [...wanted].filter((t) => !this.markets.has(t));
    let facts: ReadonlyMap<string, { tickMicros: number; stepCenti: number }> = new Map();
    if (fresh.length > 0) {
      try {
        facts = await this.deps.marketFacts(fresh);
      } catch (err) {
        this.signals.problem('market-facts', `market facts unavailable: ${(err as Error).message}`);
      }
    }
    if (this.closed) return;
    const added: string[] = [];
    for (const t of fresh) {
      const f = facts.get(t);
      if (!f) {
        this.signals.problem('unknown-market', `market ${t} has no tick or order step: not streamed`);
        continue;
      }
      this.markets.set(t, {
        ticker: t,
        yes: new Levels(),
        no: new Levels(),
        trust: new BookTrust(),
        tickMicros: f.tickMicros,
        stepCenti: f.stepCenti,
        snapSid: null,
        cache: null,
      });
      added.push(t);
    }
    if (this.deps.sign(this.path) === null) {
      this.signals.problem('no-credentials', 'Kalshi WebSocket connections are signed: no credentials, no stream');
      return;
    }
    if (!this.socket.isOpen) {
      if (this.markets.size > 0) this.socket.start();
      return;
    }
    if (this.sid === null) {
      if (this.pendingSubscribe === null) this.subscribeAll();
      return; // markets added meanwhile: the watchdog takes the subscription again once it exists
    }
    if (gone.length > 0) this.socket.send(kalshiUpdate(this.nextId++, this.sid, gone, 'delete_markets'));
    if (added.length > 0) {
      this.socket.send(kalshiUpdate(this.nextId++, this.sid, added, 'add_markets'));
      const now = this.rt.now();
      for (const t of added) (this.markets.get(t) as KMarket).trust.snapshotAskedAtMs = now;
    }
  }

  get(instrument: InstrumentRef): StreamedBook {
    if (instrument.venue !== 'kalshi') return UNWATCHED;
    const m = this.markets.get(instrument.ticker);
    if (!m) return UNWATCHED;
    const books = this.booksOf(m);
    return viewOf(books ? books[instrument.side] : null, m.trust, this.rt.now(), this.tuning.staleAfterMs);
  }

  onBookChange(listener: (keys: readonly string[]) => void): () => void {
    return this.signals.onBookChange(listener);
  }

  onProblem(listener: Parameters<BookStream['onProblem']>[0]): () => void {
    return this.signals.onProblem(listener);
  }

  health(): StreamHealth {
    const now = this.rt.now();
    let trusted = 0;
    for (const m of this.markets.values()) if (m.trust.reason(now, this.tuning.staleAfterMs) === null) trusted += 2;
    return {
      connected: this.socket.isOpen && this.sid !== null,
      watched: this.markets.size * 2,
      trusted,
      reconnects: Math.max(0, this.socket.opens - 1),
      messages: this.messages,
    };
  }

  /**
   * Resolves once every frame the server wrote before this call has been read (a protocol Ping,
   * answered after them), or after `timeoutMs`. With a simulator whose feed delays frames, wait
   * for `feed.hub.drained()` first. The port's optional `BookStream.sync` (docs/venues.md#streams).
   */
  sync(timeoutMs = 2_000): Promise<void> {
    return this.socket.protocolPing(timeoutMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.signals.close();
    this.watchdog.stop();
    this.socket.close();
  }

  // ---- subscription -------------------------------------------------------------------------

  private opened(): void {
    this.sid = null;
    this.lastSeq = null;
    this.pendingSubscribe = null;
    if (this.markets.size > 0) this.subscribeAll();
  }

  private subscribeAll(): void {
    const id = this.nextId++;
    if (!this.socket.send(kalshiSubscribe(id, [...this.markets.keys()]))) return;
    this.pendingSubscribe = id;
    this.resubscribeDue = false;
    const now = this.rt.now();
    for (const m of this.markets.values()) m.trust.snapshotAskedAtMs = now;
  }

  /** Drops the subscription and takes it again: every market gets a fresh snapshot. */
  private resubscribe(): void {
    if (!this.socket.isOpen) return;
    if (this.sid !== null) this.socket.send(kalshiUnsubscribe(this.nextId++, [this.sid]));
    this.sid = null;
    this.lastSeq = null;
    this.pendingSubscribe = null;
    if (this.markets.size > 0) this.subscribeAll();
  }

  private down(why: string): void {
    this.sid = null;
    this.lastSeq = null;
    this.pendingSubscribe = null;
    const changed: string[] = [];
    for (const m of this.markets.values()) {
      if (m.trust.lose('disconnected')) changed.push(...keysOf(m));
      m.trust.snapshotAskedAtMs = null;
      m.snapSid = null;
    }
    this.signals.problem('disconnected', `WebSocket connection down: ${why}`);
    this.signals.changed(changed);
  }

  // ---- frames -------------------------------------------------------------------------------

  private onText(text: string): void {
    this.messages++;
    if (this.closed) return;
    const changed = new Set<string>();
    let resubscribe = false;
    try {
      resubscribe = this.onFrame(text, changed);
    } catch (err) {
      // Never throw out of a message handler: a frame we failed on taints the subscription.
      this.signals.problem('malformed-frame', `frame could not be applied: ${(err as Error).message}`);
      this.loseAll('malformed', changed);
      resubscribe = true;
    }
    if (resubscribe) this.resubscribe();
    this.signals.changed(changed);
  }

  /** Returns true when the subscription must be taken again. */
  private onFrame(text: string, changed: Set<string>): boolean {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.signals.problem('malformed-frame', `frame is not JSON: ${excerpt(text)}`);
      this.loseAll('malformed', changed);
      return true;
    }
    const env = kalshiEnvelope.safeParse(raw);
    if (!env.success) {
      this.signals.problem('malformed-frame', `frame without a readable envelope: ${excerpt(text)}`);
      this.loseAll('malformed', changed);
      return true;
    }
    const e = env.data;
    switch (e.type) {
      case 'subscribed': {
        const m = kalshiSubscribedMsg.safeParse(e.msg);
        if (!m.success) {
          this.signals.problem('malformed-frame', `subscribed reply: ${excerpt(text)}`);
          return e.id === this.pendingSubscribe;
        }
        if (e.id === this.pendingSubscribe && m.data.channel === 'orderbook_delta') {
          this.sid = m.data.sid;
          this.lastSeq = null;
          this.pendingSubscribe = null;
        }
        return false;
      }
      case 'error': {
        const m = kalshiErrorMsg.safeParse(e.msg);
        const code = m.success ? m.data.code : -1;
        const known = KALSHI_WS_ERRORS[code] ?? 'unknown code';
        this.signals.problem(
          `error:${code}`,
          `command ${e.id ?? '?'} refused: ${known}${m.success && m.data.msg ? ` (${excerpt(m.data.msg)})` : ''}`,
        );
        if (e.id === this.pendingSubscribe) this.pendingSubscribe = null;
        // Whatever the command was, the subscription may not be what we think: take it again (rate-limited by the watchdog).
        this.resubscribeDue = true;
        return false;
      }
      default:
        break;
    }
    // Everything else that names our sid is in its sequence (data, `ok`, `unsubscribed`).
    if (e.sid === undefined || e.sid !== this.sid) {
      if (e.type === 'orderbook_snapshot' || e.type === 'orderbook_delta') {
        if (e.sid === undefined) {
          this.signals.problem('malformed-frame', `${e.type} without sid`);
          this.loseAll('malformed', changed);
          return true;
        }
        return false; // a subscription we already dropped
      }
      if (e.type !== 'ok' && e.type !== 'unsubscribed') this.unknownType(e.type);
      return false;
    }
    if (e.seq !== undefined) {
      if (this.lastSeq !== null && e.seq <= this.lastSeq) {
        this.signals.problem('duplicate', `sid ${e.sid}: seq ${e.seq} after ${this.lastSeq}, ignored`);
        return false;
      }
      if (this.lastSeq !== null && e.seq !== this.lastSeq + 1) {
        this.signals.problem('seq-gap', `sid ${e.sid}: seq ${e.seq} after ${this.lastSeq}: taking fresh snapshots`);
        this.loseAll('gap', changed);
        return true;
      }
      this.lastSeq = e.seq;
    } else if (e.type === 'orderbook_snapshot' || e.type === 'orderbook_delta') {
      this.signals.problem('malformed-frame', `${e.type} without seq`);
      this.loseAll('malformed', changed);
      return true;
    }
    const now = this.rt.now();
    let bad = false;
    if (e.type === 'orderbook_snapshot') bad = this.onSnapshot(e, now, changed);
    else if (e.type === 'orderbook_delta') bad = this.onDelta(e, now, changed);
    else if (e.type !== 'ok' && e.type !== 'unsubscribed') this.unknownType(e.type);
    if (bad) return true;
    // In sequence: nothing was missed up to now for any book of this sid. Walking every market on
    // every frame costs O(markets) per frame (thousands at a full board), so the walk runs at most
    // every VOUCH_ALL_EVERY_MS: a quiet book's `observedAtMs` may then read up to that much older
    // than it is (the safe side); the book a frame changes is vouched for at once (onDelta).
    if (now - this.vouchedAllAtMs < VOUCH_ALL_EVERY_MS) return false;
    this.vouchedAllAtMs = now;
    for (const m of this.markets.values()) {
      if (m.snapSid === this.sid && m.trust.distrust === null) {
        m.trust.vouch(now);
        m.trust.staleReported = false;
      }
    }
    return false;
  }

  private onSnapshot(e: KalshiEnvelope, now: number, changed: Set<string>): boolean {
    const p = kalshiSnapshotMsg.safeParse(e.msg);
    if (!p.success) return this.unreadable(e, `orderbook_snapshot: ${p.error.issues[0]?.message}`, changed);
    const m = this.markets.get(p.data.market_ticker);
    if (!m) {
      this.signals.problem('unknown-market', `snapshot of ${p.data.market_ticker}, which this stream does not watch`);
      return false;
    }
    for (const [side, levels] of [
      [m.yes, p.data.yes_dollars_fp],
      [m.no, p.data.no_dollars_fp],
    ] as const) {
      side.clear();
      for (const [price, size] of levels) {
        if (price <= 0 || price >= PAYOUT_MICROS)
          return this.unreadable(e, `${m.ticker} bid at ${price} micros`, changed);
        if (size > 0) side.add(price, size);
      }
    }
    m.trust.snapshot(now);
    m.snapSid = this.sid;
    m.cache = null;
    m.trust.vouch(now);
    m.trust.staleReported = false;
    for (const k of keysOf(m)) changed.add(k);
    this.checkCrossed(m, changed);
    return false;
  }

  private onDelta(e: KalshiEnvelope, now: number, changed: Set<string>): boolean {
    const p = kalshiDeltaMsg.safeParse(e.msg);
    if (!p.success) return this.unreadable(e, `orderbook_delta: ${p.error.issues[0]?.message}`, changed);
    const d = p.data;
    const m = this.markets.get(d.market_ticker);
    if (!m) {
      this.signals.problem('unknown-market', `delta for ${d.market_ticker}, which this stream does not watch`);
      return false;
    }
    m.trust.lastMessageAtMs = now;
    if (m.snapSid !== this.sid) {
      if (m.trust.snapshotAskedAtMs !== null) return false; // added to the sid, its snapshot not here yet
      this.signals.problem('seq-gap', `delta for ${m.ticker} before its snapshot: taking fresh snapshots`);
      this.loseAll('gap', changed);
      return true;
    }
    if (m.trust.distrust !== null) return false;
    if (d.price_dollars <= 0 || d.price_dollars >= PAYOUT_MICROS)
      return this.unreadable(e, `${m.ticker} delta at ${d.price_dollars} micros`, changed);
    const after = (d.side === 'yes' ? m.yes : m.no).add(d.price_dollars, d.delta_fp);
    if (after === null) {
      this.signals.problem(
        'negative-level',
        `${m.ticker} ${d.side} level ${d.price_dollars} would go negative: taking fresh snapshots`,
      );
      this.loseAll('gap', changed);
      return true;
    }
    m.cache = null;
    for (const k of keysOf(m)) changed.add(k);
    this.checkCrossed(m, changed);
    return false;
  }

  private checkCrossed(m: KMarket, changed: Set<string>): void {
    const yes = m.yes.best(true) ?? 0;
    const no = m.no.best(true) ?? 0;
    if (yes + no < PAYOUT_MICROS) return;
    // A YES bid at y and a NO bid at ≥ 1 − y would have matched (parse-books.ts). The watchdog asks again.
    if (m.trust.lose('crossed')) for (const k of keysOf(m)) changed.add(k);
    this.signals.problem('crossed', `${m.ticker}: YES bid ${yes} + NO bid ${no} micros ≥ 1`);
    this.resubscribeDue = true;
  }

  /** A data frame in our sequence we cannot read: its market (or every market) waits for a snapshot. */
  private unreadable(e: KalshiEnvelope, message: string, changed: Set<string>): boolean {
    this.signals.problem('malformed-frame', message);
    const ticker = (e.msg as { market_ticker?: unknown } | undefined)?.market_ticker;
    const m = typeof ticker === 'string' ? this.markets.get(ticker) : undefined;
    if (m) {
      if (m.trust.lose('malformed')) for (const k of keysOf(m)) changed.add(k);
    } else this.loseAll('malformed', changed);
    return true;
  }

  private unknownType(type: string): void {
    const t = type.slice(0, 40);
    this.signals.problem(`unknown-event:${t}`, `unknown message type ${JSON.stringify(t)}`);
  }

  private loseAll(reason: 'gap' | 'malformed', changed: Set<string>): void {
    for (const m of this.markets.values()) if (m.trust.lose(reason)) for (const k of keysOf(m)) changed.add(k);
  }

  private booksOf(m: KMarket): { yes: Book; no: Book } | null {
    if (!m.trust.snapshotted) return null;
    const at = m.trust.vouchedAtMs ?? 0;
    if (m.cache && m.cache.at === at) return m.cache;
    const yesBids = m.yes.sorted(true);
    const noBids = m.no.sorted(true);
    const flip = (levels: typeof yesBids) =>
      levels.map((l) => ({ priceMicros: PAYOUT_MICROS - l.priceMicros, sizeCenti: l.sizeCenti }));
    const common = {
      tickMicros: m.tickMicros,
      minSizeCenti: m.stepCenti,
      sizeStepCenti: m.stepCenti,
      observedAtMs: at,
    };
    m.cache = {
      at,
      yes: {
        instrument: { venue: 'kalshi', ticker: m.ticker, side: 'yes' },
        bids: yesBids,
        asks: flip(noBids),
        ...common,
      },
      no: {
        instrument: { venue: 'kalshi', ticker: m.ticker, side: 'no' },
        bids: noBids,
        asks: flip(yesBids),
        ...common,
      },
    };
    return m.cache;
  }

  // ---- watchdog -----------------------------------------------------------------------------

  private inspect(): void {
    if (!this.socket.isOpen) return;
    const now = this.rt.now();
    const t = this.tuning;
    const changed: string[] = [];
    let again = this.resubscribeDue;
    let recycle = false;
    for (const m of this.markets.values()) {
      const tr = m.trust;
      if (tr.isStale(now, t.staleAfterMs) && !tr.staleReported) {
        tr.staleReported = true;
        changed.push(...keysOf(m));
        this.signals.problem('frozen', `${m.ticker}: feed silent for ${now - (tr.vouchedAtMs ?? now)} ms`);
      }
      if (tr.snapshotAskedAtMs !== null) {
        if (now - tr.snapshotAskedAtMs > t.snapshotTimeoutMs) recycle = true;
        continue;
      }
      if (tr.distrust !== null || tr.isStale(now, t.staleAfterMs)) again = true;
      else if (tr.vouchedAtMs !== null && now - tr.vouchedAtMs > t.quietMs) again = true;
    }
    if (recycle) {
      this.signals.problem('snapshot-timeout', `no snapshot within ${t.snapshotTimeoutMs} ms: reconnecting`);
      this.socket.recycle('asked-for snapshots never came');
    } else if (again) this.resubscribe();
    this.signals.changed(changed);
  }
}

function keysOf(m: KMarket): string[] {
  return [`kalshi:${m.ticker}:yes`, `kalshi:${m.ticker}:no`];
}
