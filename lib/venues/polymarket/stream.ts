/**
 * Polymarket's market channel as live order books: `BookStream` (lib/engine/ports/stream.ts,
 * docs/venues-polymarket.md#p-stream). Assets are sharded over connections (at most
 * `maxAssetsPerConnection` each), each connection sends a text `PING` every `pingEveryMs`, and a
 * watchdog asks quiet or doubtful books for a fresh `book` (unsubscribe + subscribe of that asset),
 * recycling a connection whose asked-for snapshots never come (the venue's silent freeze keeps
 * answering PING: docs/venues-polymarket.md#p-stream-freeze).
 *
 * The channel has no sequence numbers, so a book is trusted only on its own messages: a
 * `price_change` whose timestamp goes back, or whose `best_bid`/`best_ask` disagree with the book
 * it leaves us with, means something was lost or reordered, and the book waits for a snapshot.
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
import { type TimerHandle, Watchdog } from '../stream/timers';
import { isSupportedTick } from './constants';
import { scaledFrom } from './parse';
import {
  PM_INFO_EVENTS,
  type PmBookEvent,
  type PmPriceChangeEvent,
  pmBookEvent,
  pmEventHead,
  pmPriceChangeEvent,
  pmSubscribeFirst,
  pmSubscribeMore,
  pmTickSizeChangeEvent,
} from './stream-schemas';

type PolymarketInstrument = Extract<InstrumentRef, { venue: 'polymarket' }>;

export interface PolymarketStreamOptions extends StreamTuning {
  /** Assets per connection; the venue's own cap (about 500) is unverified, so stay well under. */
  readonly maxAssetsPerConnection?: number;
  /** Text `PING` interval (the venue asks for one every 10 s). */
  readonly pingEveryMs?: number;
}

/** Tick and least order of a market, from the client's market data (Gamma), as the REST books use. */
export type PolymarketMarketFacts = (
  instrument: PolymarketInstrument,
) => Promise<{ readonly tickMicros: number; readonly minSizeCenti: number }>;

interface PmBook {
  readonly instrument: PolymarketInstrument;
  readonly key: string;
  readonly bids: Levels;
  readonly asks: Levels;
  readonly trust: BookTrust;
  tickMicros: number;
  minSizeCenti: number;
  /** Venue timestamp of the last message applied. */
  lastVenueTs: number | null;
  shard: Shard;
  cache: Book | null;
}

interface Shard {
  readonly socket: ReconnectingSocket;
  readonly assets: Set<string>;
  /** The connection's first subscription message went out (later ones use `operation`). */
  firstSent: boolean;
  ping: TimerHandle | null;
  /** One entry per PING sent (heartbeat: a no-op; `sync()`: its resolver), oldest first. */
  pongs: Array<() => void>;
}

/** `.48` → `0.48` (the venue's documented example drops the leading zero). */
function dec(s: string): string {
  return s.startsWith('.') ? `0${s}` : s;
}
function price(s: string): number {
  return scaledFrom(dec(s), 6);
}
/** Tradable centishares (floored) and whether the level exists at all. */
function size(s: string): { centi: number; present: boolean } {
  const text = dec(s);
  return { centi: scaledFrom(text, 2, 'floor'), present: /[1-9]/.test(text) };
}

export class PolymarketBookStream implements BookStream {
  readonly venue = 'polymarket' as const;
  private readonly rt: ResolvedRuntime;
  private readonly tuning: ResolvedStreamTuning;
  private readonly maxPerConnection: number;
  private readonly pingEveryMs: number;
  private readonly signals: StreamSignals;
  private readonly books = new Map<string, PmBook>();
  private readonly shards: Shard[] = [];
  private readonly watchdog: Watchdog;
  private messages = 0;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly facts: PolymarketMarketFacts,
    options: PolymarketStreamOptions = {},
    runtime: StreamRuntime = {},
  ) {
    this.rt = resolveRuntime(runtime);
    this.tuning = streamTuningSchema.parse(options);
    this.maxPerConnection = options.maxAssetsPerConnection ?? 200;
    this.pingEveryMs = options.pingEveryMs ?? 10_000;
    if (!(this.maxPerConnection >= 1)) throw new TypeError('maxAssetsPerConnection must be at least 1');
    this.signals = new StreamSignals('polymarket', this.rt.now, this.tuning.problemDedupeMs);
    this.watchdog = new Watchdog(this.rt.timers, this.tuning.watchdogEveryMs, () => this.inspect());
  }

  // ---- BookStream ---------------------------------------------------------------------------

  async watch(instruments: readonly InstrumentRef[]): Promise<void> {
    if (this.closed) return;
    const wanted = new Map<string, PolymarketInstrument>();
    for (const i of instruments) {
      if (i.venue !== 'polymarket') throw new TypeError(`not a Polymarket instrument: ${instrumentKey(i)}`);
      wanted.set(i.tokenId, i);
    }
    // Gone: unsubscribe.
    const gone = new Map<Shard, string[]>();
    for (const [tokenId, book] of this.books) {
      if (wanted.has(tokenId)) continue;
      this.books.delete(tokenId);
      book.shard.assets.delete(tokenId);
      gone.set(book.shard, [...(gone.get(book.shard) ?? []), tokenId]);
    }
    for (const [shard, ids] of gone) if (shard.firstSent) shard.socket.send(pmSubscribeMore(ids, 'unsubscribe'));
    // New: market facts first (tick, least order), then subscribe.
    const added = new Map<Shard, string[]>();
    for (const [tokenId, instrument] of wanted) {
      if (this.books.has(tokenId)) continue;
      let facts: { tickMicros: number; minSizeCenti: number };
      try {
        facts = await this.facts(instrument);
      } catch (err) {
        this.signals.problem('market-facts', `no market facts for token ${tokenId}: ${(err as Error).message}`);
        continue;
      }
      if (this.closed) return;
      const shard = this.shardWithRoom();
      shard.assets.add(tokenId);
      this.books.set(tokenId, {
        instrument,
        key: instrumentKey(instrument),
        bids: new Levels(),
        asks: new Levels(),
        trust: new BookTrust(),
        tickMicros: facts.tickMicros,
        minSizeCenti: facts.minSizeCenti,
        lastVenueTs: null,
        shard,
        cache: null,
      });
      added.set(shard, [...(added.get(shard) ?? []), tokenId]);
    }
    for (const [shard, ids] of added) {
      if (!shard.socket.isOpen) {
        shard.socket.start();
        continue;
      }
      this.sendSubscribe(shard, ids);
    }
  }

  get(instrument: InstrumentRef): StreamedBook {
    if (instrument.venue !== 'polymarket') return UNWATCHED;
    const b = this.books.get(instrument.tokenId);
    if (!b) return UNWATCHED;
    return viewOf(this.bookOf(b), b.trust, this.rt.now(), this.tuning.staleAfterMs);
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
    for (const b of this.books.values()) if (b.trust.reason(now, this.tuning.staleAfterMs) === null) trusted++;
    const opened = this.shards.filter((s) => s.socket.opens > 0);
    return {
      connected: this.shards.some((s) => s.socket.isOpen && s.firstSent),
      watched: this.books.size,
      trusted,
      reconnects: opened.reduce((n, s) => n + s.socket.opens - 1, 0),
      messages: this.messages,
    };
  }

  /**
   * Resolves once every frame the venue sent before this call has been read: a text `PING` per
   * open connection, answered `PONG` after them (or after `timeoutMs`, or when one goes down). The
   * port's optional `BookStream.sync` (docs/venues.md#streams).
   */
  sync(timeoutMs = 2_000): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const shard of this.shards) {
      if (!shard.socket.isOpen || !shard.socket.send('PING')) continue;
      waits.push(
        new Promise((resolve) => {
          const t = this.rt.timers.setTimeout(done, timeoutMs);
          const timers = this.rt.timers;
          function done(): void {
            timers.clearTimeout(t);
            resolve();
          }
          shard.pongs.push(done);
        }),
      );
    }
    return Promise.all(waits).then(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.shards) for (const r of s.pongs.splice(0)) r();
    this.signals.close();
    this.watchdog.stop();
    for (const s of this.shards) {
      if (s.ping) this.rt.timers.clearTimeout(s.ping);
      s.socket.close();
    }
  }

  // ---- connections --------------------------------------------------------------------------

  private shardWithRoom(): Shard {
    const open = this.shards.find((s) => s.assets.size < this.maxPerConnection);
    if (open) return open;
    const shard: Shard = {
      assets: new Set(),
      firstSent: false,
      ping: null,
      pongs: [],
      socket: ReconnectingSocket.tuned(this.url, this.rt, this.tuning, {
        onOpen: () => this.opened(shard),
        onText: (text) => this.onText(shard, text),
        onDown: (why) => this.down(shard, why),
      }),
    };
    this.shards.push(shard);
    return shard;
  }

  private opened(shard: Shard): void {
    shard.firstSent = false;
    if (shard.assets.size > 0) this.sendSubscribe(shard, [...shard.assets]);
    this.armPing(shard);
  }

  private sendSubscribe(shard: Shard, ids: readonly string[]): void {
    const now = this.rt.now();
    const sent = shard.socket.send(shard.firstSent ? pmSubscribeMore(ids, 'subscribe') : pmSubscribeFirst(ids));
    if (!sent) return;
    shard.firstSent = true;
    for (const id of ids) {
      const b = this.books.get(id);
      if (b) b.trust.snapshotAskedAtMs = now;
    }
  }

  private armPing(shard: Shard): void {
    if (shard.ping) this.rt.timers.clearTimeout(shard.ping);
    shard.ping = this.rt.timers.setTimeout(() => {
      shard.ping = null;
      if (this.closed || !shard.socket.isOpen) return;
      // PONGs come back in order: each PING holds its place in the queue `sync()` waits on.
      if (shard.socket.send('PING')) shard.pongs.push(() => {});
      this.armPing(shard);
    }, this.pingEveryMs);
  }

  private down(shard: Shard, why: string): void {
    for (const r of shard.pongs.splice(0)) r();
    if (shard.ping) this.rt.timers.clearTimeout(shard.ping);
    shard.ping = null;
    shard.firstSent = false;
    const changed: string[] = [];
    for (const id of shard.assets) {
      const b = this.books.get(id);
      if (b?.trust.lose('disconnected')) changed.push(b.key);
      if (b) b.trust.snapshotAskedAtMs = null;
    }
    this.signals.problem('disconnected', `market channel connection down: ${why}`);
    this.signals.changed(changed);
  }

  /** Asks for fresh `book`s: unsubscribe then subscribe again (a plain re-subscribe may be ignored). */
  private resnapshot(shard: Shard, ids: readonly string[]): void {
    if (ids.length === 0 || !shard.socket.isOpen || !shard.firstSent) return;
    shard.socket.send(pmSubscribeMore(ids, 'unsubscribe'));
    this.sendSubscribe(shard, ids);
  }

  // ---- frames -------------------------------------------------------------------------------

  private onText(shard: Shard, text: string): void {
    this.messages++;
    if (text === 'PONG') {
      shard.pongs.shift()?.();
      return;
    }
    if (this.closed) return;
    const changed = new Set<string>();
    const again = new Set<string>();
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        this.unreadable(shard, null, `frame is not JSON: ${excerpt(text)}`, changed, again);
        return;
      }
      const events = Array.isArray(parsed) ? parsed : [parsed];
      for (const ev of events) this.onEvent(shard, ev, changed, again);
    } catch (err) {
      // Never throw out of a message handler: whatever went wrong taints the shard's books.
      this.unreadable(shard, null, `frame could not be applied: ${(err as Error).message}`, changed, again);
    } finally {
      this.resnapshot(shard, [...again]);
      this.signals.changed(changed);
    }
  }

  private onEvent(shard: Shard, ev: unknown, changed: Set<string>, again: Set<string>): void {
    const head = pmEventHead.safeParse(ev);
    if (!head.success) {
      this.unreadable(shard, null, `event without event_type: ${excerpt(JSON.stringify(ev) ?? '')}`, changed, again);
      return;
    }
    const named = [
      ...(head.data.asset_id ? [head.data.asset_id] : []),
      ...(head.data.price_changes ?? []).flatMap((c) => (c.asset_id ? [c.asset_id] : [])),
    ];
    const now = this.rt.now();
    switch (head.data.event_type) {
      case 'book': {
        const p = pmBookEvent.safeParse(ev);
        if (!p.success)
          return this.unreadable(shard, named, `book event: ${p.error.issues[0]?.message}`, changed, again);
        return this.onSnapshot(p.data, now, changed);
      }
      case 'price_change': {
        const p = pmPriceChangeEvent.safeParse(ev);
        if (!p.success)
          return this.unreadable(shard, named, `price_change event: ${p.error.issues[0]?.message}`, changed, again);
        return this.onPriceChange(p.data, now, changed, again);
      }
      case 'tick_size_change': {
        const p = pmTickSizeChangeEvent.safeParse(ev);
        if (!p.success)
          return this.unreadable(shard, named, `tick_size_change event: ${p.error.issues[0]?.message}`, changed, again);
        const b = this.books.get(p.data.asset_id);
        if (!b) return this.unknown(p.data.asset_id);
        const tick = price(p.data.new_tick_size);
        if (!isSupportedTick(tick))
          return this.unreadable(shard, named, `unsupported tick ${p.data.new_tick_size}`, changed, again);
        b.tickMicros = tick;
        b.cache = null;
        b.trust.lastMessageAtMs = now;
        b.trust.lose('tick-size');
        changed.add(b.key);
        again.add(b.instrument.tokenId);
        this.signals.problem(
          'tick-size-change',
          `token ${p.data.asset_id} tick ${p.data.old_tick_size} → ${p.data.new_tick_size}`,
        );
        return;
      }
      default: {
        if ((PM_INFO_EVENTS as readonly string[]).includes(head.data.event_type)) {
          for (const id of named) {
            const b = this.books.get(id);
            if (b) b.trust.lastMessageAtMs = now;
          }
          return;
        }
        const type = head.data.event_type.slice(0, 40);
        this.signals.problem(`unknown-event:${type}`, `unknown market-channel event ${JSON.stringify(type)}`);
        // What an unknown event means for a book is unknown: the books it names wait for a snapshot.
        for (const id of named) {
          const b = this.books.get(id);
          if (b?.trust.lose('malformed')) changed.add(b.key);
          if (b) again.add(id);
        }
      }
    }
  }

  private onSnapshot(ev: PmBookEvent, now: number, changed: Set<string>): void {
    const b = this.books.get(ev.asset_id);
    if (!b) return this.unknown(ev.asset_id);
    // A re-snapshot of a trusted book (the watchdog asks for one when a book is quiet) that shows
    // the same book vouches for it but is no change: its pair is not re-planned for nothing.
    const before = b.trust.distrust === null && b.trust.snapshotted ? bookSignature(b) : null;
    try {
      if (ev.tick_size !== undefined) {
        const tick = price(ev.tick_size);
        if (!isSupportedTick(tick)) throw new RangeError(`unsupported tick ${ev.tick_size}`);
        b.tickMicros = tick;
      }
      if (ev.min_order_size !== undefined) b.minSizeCenti = size(ev.min_order_size).centi;
      b.bids.clear();
      b.asks.clear();
      for (const [side, levels] of [
        [b.bids, ev.bids],
        [b.asks, ev.asks],
      ] as const) {
        for (const l of levels) {
          const p = price(l.price);
          if (p <= 0 || p >= PAYOUT_MICROS) throw new RangeError(`price ${l.price} outside (0, 1)`);
          const s = size(l.size);
          side.set(p, s.centi, s.present);
        }
      }
    } catch (err) {
      b.bids.clear();
      b.asks.clear();
      if (b.trust.lose('malformed')) changed.add(b.key);
      this.signals.problem('malformed-frame', `book of token ${ev.asset_id}: ${(err as Error).message}`);
      return;
    }
    b.trust.snapshot(now);
    b.lastVenueTs = ev.timestamp;
    b.cache = null;
    if (before === null || bookSignature(b) !== before) changed.add(b.key);
    this.checkCrossed(b, changed);
  }

  private onPriceChange(ev: PmPriceChangeEvent, now: number, changed: Set<string>, again: Set<string>): void {
    const byAsset = new Map<string, PmPriceChangeEvent['price_changes']>();
    for (const c of ev.price_changes) byAsset.set(c.asset_id, [...(byAsset.get(c.asset_id) ?? []), c]);
    for (const [assetId, entries] of byAsset) {
      const b = this.books.get(assetId);
      if (!b) {
        this.unknown(assetId);
        continue;
      }
      b.trust.lastMessageAtMs = now;
      if (b.trust.distrust !== null) continue; // waiting for a snapshot: updates cannot be applied
      if (b.trust.isStale(now, this.tuning.staleAfterMs)) {
        // No sequence numbers: after a silence we cannot know what was missed.
        b.trust.lose('stale');
        changed.add(b.key);
        again.add(assetId);
        continue;
      }
      if (b.lastVenueTs !== null && ev.timestamp < b.lastVenueTs) {
        b.trust.lose('gap');
        changed.add(b.key);
        again.add(assetId);
        this.signals.problem(
          'out-of-order',
          `price_change for token ${assetId} older than the book (${ev.timestamp} < ${b.lastVenueTs})`,
        );
        continue;
      }
      try {
        for (const c of entries) {
          const p = price(c.price);
          if (p <= 0 || p >= PAYOUT_MICROS) throw new RangeError(`price ${c.price} outside (0, 1)`);
          const s = size(c.size);
          (c.side === 'BUY' ? b.bids : b.asks).set(p, s.centi, s.present);
        }
      } catch (err) {
        b.trust.lose('malformed');
        changed.add(b.key);
        again.add(assetId);
        this.signals.problem('malformed-frame', `price_change for token ${assetId}: ${(err as Error).message}`);
        continue;
      }
      b.cache = null;
      b.lastVenueTs = ev.timestamp;
      changed.add(b.key);
      // The venue states the best prices after the change: ours must agree, or we missed something.
      const last = entries[entries.length - 1];
      if (last && !this.agrees(b, last.best_bid, last.best_ask)) {
        b.trust.lose('gap');
        again.add(assetId);
        this.signals.problem(
          'book-mismatch',
          `token ${assetId}: best bid/ask differ from the venue's after a price_change`,
        );
        continue;
      }
      if (this.checkCrossed(b, changed)) continue;
      b.trust.vouch(now);
    }
  }

  /** Best bid/ask the venue states (absent = not checked; "0" bid and "1" ask mean an empty side). */
  private agrees(b: PmBook, bestBid: string | undefined, bestAsk: string | undefined): boolean {
    if (bestBid !== undefined && price(bestBid) !== (b.bids.best(true) ?? 0)) return false;
    if (bestAsk !== undefined && price(bestAsk) !== (b.asks.best(false) ?? PAYOUT_MICROS)) return false;
    return true;
  }

  private checkCrossed(b: PmBook, changed: Set<string>): boolean {
    const bid = b.bids.best(true);
    const ask = b.asks.best(false);
    if (bid === null || ask === null || bid < ask) return false;
    // Asked again by the watchdog (not at once: a venue that keeps sending it must not be hammered).
    if (b.trust.lose('crossed')) changed.add(b.key);
    this.signals.problem('crossed', `token ${b.instrument.tokenId}: bid ${bid} ≥ ask ${ask} micros`);
    return true;
  }

  /** A frame or event we cannot read: the books it names (all of the shard's when none) wait for a snapshot. */
  private unreadable(
    shard: Shard,
    named: readonly string[] | null,
    message: string,
    changed: Set<string>,
    again: Set<string>,
  ): void {
    this.signals.problem('malformed-frame', message);
    const ids = named && named.length > 0 ? named : [...shard.assets];
    for (const id of ids) {
      const b = this.books.get(id);
      if (!b) continue;
      if (b.trust.lose('malformed')) changed.add(b.key);
      again.add(id);
    }
  }

  private unknown(assetId: string): void {
    this.signals.problem('unknown-market', `message for token ${assetId}, which this stream does not watch`);
  }

  private bookOf(b: PmBook): Book | null {
    if (!b.trust.snapshotted) return null;
    if (b.cache && b.cache.observedAtMs === (b.trust.vouchedAtMs ?? 0)) return b.cache;
    b.cache = {
      instrument: b.instrument,
      asks: b.asks.sorted(false),
      bids: b.bids.sorted(true),
      tickMicros: b.tickMicros,
      minSizeCenti: b.minSizeCenti,
      sizeStepCenti: 1,
      observedAtMs: b.trust.vouchedAtMs ?? 0,
    };
    return b.cache;
  }

  // ---- watchdog -----------------------------------------------------------------------------

  /** Quiet books get a fresh snapshot asked for; unanswered asks recycle the connection. */
  private inspect(): void {
    const now = this.rt.now();
    const t = this.tuning;
    const changed: string[] = [];
    for (const shard of this.shards) {
      if (!shard.socket.isOpen || !shard.firstSent) continue;
      const ask: string[] = [];
      let recycle = false;
      for (const id of shard.assets) {
        const b = this.books.get(id);
        if (!b) continue;
        const tr = b.trust;
        if (tr.isStale(now, t.staleAfterMs)) {
          tr.lose('stale');
          changed.push(b.key);
          if (!tr.staleReported) {
            tr.staleReported = true;
            this.signals.problem('frozen', `token ${id}: nothing for ${now - (tr.vouchedAtMs ?? now)} ms`);
          }
        }
        if (tr.snapshotAskedAtMs !== null) {
          if (now - tr.snapshotAskedAtMs > t.snapshotTimeoutMs) recycle = true;
          continue;
        }
        const quiet = tr.distrust === null && tr.vouchedAtMs !== null && now - tr.vouchedAtMs > t.quietMs;
        if (quiet || tr.distrust !== null) ask.push(id);
      }
      if (recycle) {
        this.signals.problem('snapshot-timeout', `no snapshot within ${t.snapshotTimeoutMs} ms: reconnecting`);
        shard.socket.recycle('asked-for snapshots never came');
      } else this.resnapshot(shard, ask);
    }
    this.signals.changed(changed);
  }
}

/** What a book shows (levels, tick, minimum size), to tell a changed snapshot from a repeated one. */
function bookSignature(b: {
  readonly bids: Levels;
  readonly asks: Levels;
  readonly tickMicros: number;
  readonly minSizeCenti: number;
}): string {
  const side = (levels: Levels, high: boolean) =>
    levels
      .sorted(high)
      .map((l) => `${l.priceMicros}:${l.sizeCenti}`)
      .join(',');
  return `${b.tickMicros}|${b.minSizeCenti}|${side(b.bids, true)}|${side(b.asks, false)}`;
}
