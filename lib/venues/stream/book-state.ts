/**
 * The per-instrument state both stream clients keep: price levels as maps (whatever order the
 * venue sends), and the trust of a book (docs/engine.md#streaming, lib/engine/ports/stream.ts).
 *
 * Trust rules, shared by both venues:
 * - A book is trusted only after a snapshot, and every doubt (gap, crossed, tick change, dropped
 *   connection, unreadable frame) is STICKY: only the next snapshot clears it.
 * - `vouchedAtMs` is the last instant the stream vouches the book was current; it becomes the
 *   book's `observedAtMs`. Staleness is decided lazily from `now()`: a book not vouched for
 *   within `staleAfterMs` reads as `stale` without any timer having run.
 */
import type { Level } from '../../core/market';
import type { StreamDistrust, StreamedBook } from '../../engine/ports';

/** Price → size (centishares). A level may be present with 0 tradable centishares (depth under 0.01). */
export class Levels {
  private readonly map = new Map<number, number>();

  clear(): void {
    this.map.clear();
  }

  /** Absolute size; `present` false deletes the level. */
  set(priceMicros: number, sizeCenti: number, present = sizeCenti > 0): void {
    if (present) this.map.set(priceMicros, sizeCenti);
    else this.map.delete(priceMicros);
  }

  /** Signed change; returns the new size, or null when it would go negative (the book is wrong). */
  add(priceMicros: number, deltaCenti: number): number | null {
    const next = (this.map.get(priceMicros) ?? 0) + deltaCenti;
    if (next < 0) return null;
    if (next === 0) this.map.delete(priceMicros);
    else this.map.set(priceMicros, next);
    return next;
  }

  /** Best price present (highest when `highFirst`), or null. */
  best(highFirst: boolean): number | null {
    let best: number | null = null;
    for (const p of this.map.keys()) if (best === null || (highFirst ? p > best : p < best)) best = p;
    return best;
  }

  /** Tradable levels, best first, empty ones left out. */
  sorted(highFirst: boolean): Level[] {
    return [...this.map.entries()]
      .filter(([, size]) => size > 0)
      .sort((a, b) => (highFirst ? b[0] - a[0] : a[0] - b[0]))
      .map(([priceMicros, sizeCenti]) => ({ priceMicros, sizeCenti }));
  }

  get size(): number {
    return this.map.size;
  }
}

export class BookTrust {
  /** Sticky doubt; null once a snapshot applied and nothing since casts doubt. */
  distrust: StreamDistrust | null = 'no-snapshot';
  snapshotted = false;
  lastMessageAtMs: number | null = null;
  vouchedAtMs: number | null = null;
  /** When a fresh snapshot was last asked for (null: none outstanding). */
  snapshotAskedAtMs: number | null = null;
  /** A stale episode already reported (one problem per episode). */
  staleReported = false;

  snapshot(atMs: number): void {
    this.distrust = null;
    this.snapshotted = true;
    this.lastMessageAtMs = atMs;
    this.vouchedAtMs = atMs;
    this.snapshotAskedAtMs = null;
    this.staleReported = false;
  }

  /** Loses trust until the next snapshot; returns true when this changed what `view` says. */
  lose(reason: StreamDistrust): boolean {
    if (this.distrust === reason) return false;
    this.distrust = reason;
    return true;
  }

  vouch(atMs: number): void {
    if (this.distrust === null) this.vouchedAtMs = atMs;
  }

  isStale(nowMs: number, staleAfterMs: number): boolean {
    return this.distrust === null && this.vouchedAtMs !== null && nowMs - this.vouchedAtMs > staleAfterMs;
  }

  /** Why the book may not be traded at `nowMs`, or null. */
  reason(nowMs: number, staleAfterMs: number): StreamDistrust | null {
    if (this.distrust !== null) return this.distrust;
    return this.isStale(nowMs, staleAfterMs) ? 'stale' : null;
  }
}

/** The port's view of one book. `book` carries `observedAtMs` = the last vouched instant. */
export function viewOf(
  book: StreamedBook['book'],
  trust: BookTrust,
  nowMs: number,
  staleAfterMs: number,
): StreamedBook {
  const distrust = book === null ? (trust.distrust ?? 'no-snapshot') : trust.reason(nowMs, staleAfterMs);
  return { book, trusted: distrust === null, distrust, lastMessageAtMs: trust.lastMessageAtMs };
}

/** The port's answer for an instrument the stream does not watch. */
export const UNWATCHED: StreamedBook = { book: null, trusted: false, distrust: 'no-snapshot', lastMessageAtMs: null };
