/**
 * A Venue decorator that notes when each order was acknowledged with a fill, so a benchmark
 * can tell the moment both legs of an arbitrage were done, and the span of every order, cash and
 * book call, so it can tell where the time went. It changes nothing it forwards.
 */
import { performance } from 'node:perf_hooks';
import { instrumentKey } from '../lib/core/market';
import type { OrderLookup, OrderRequest, OrderResult, Venue } from '../lib/engine/ports';

export interface Ack {
  /** performance.now() when placeOrder resolved. */
  readonly atMs: number;
  readonly instrument: string;
  readonly filledCenti: number;
}

/** One venue call, start to answer (performance.now()). */
export interface Span {
  readonly venue: string;
  readonly call: 'placeOrder' | 'getBalance' | 'getBooks';
  readonly startMs: number;
  readonly endMs: number;
  /** placeOrder: the instrument key. */
  readonly instrument: string | null;
}

type Listener = (ack: Ack) => void;

export class AckLog {
  readonly acks: Ack[] = [];
  readonly spans: Span[] = [];
  private listeners = new Set<Listener>();

  /** The spans that started at or after `fromMs` (in start order). */
  spansSince(fromMs: number): Span[] {
    return this.spans.filter((s) => s.startMs >= fromMs);
  }

  push(ack: Ack): void {
    this.acks.push(ack);
    for (const l of [...this.listeners]) l(ack);
  }

  /** Resolves with the time both instruments had a filled acknowledgement (after now), or null on timeout. */
  bothFilled(first: ReadonlySet<string>, second: ReadonlySet<string>, timeoutMs: number): Promise<number | null> {
    return new Promise((resolve) => {
      let a: number | null = null;
      let b: number | null = null;
      const done = (value: number | null) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(value);
      };
      const listener: Listener = (ack) => {
        if (ack.filledCenti <= 0) return;
        if (first.has(ack.instrument)) a = ack.atMs;
        if (second.has(ack.instrument)) b = ack.atMs;
        if (a !== null && b !== null) done(Math.max(a, b));
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      this.listeners.add(listener);
    });
  }
}

export class AckRecordingVenue implements Venue {
  readonly name: Venue['name'];
  constructor(
    private readonly inner: Venue,
    private readonly log: AckLog,
  ) {
    this.name = inner.name;
  }
  listGames: Venue['listGames'] = (leagues, sink) => this.inner.listGames(leagues, sink);
  getBooks: Venue['getBooks'] = (ids, sink) => this.timed('getBooks', null, () => this.inner.getBooks(ids, sink));
  async placeOrder(order: OrderRequest): Promise<OrderResult> {
    const result = await this.timed('placeOrder', instrumentKey(order.instrument), () => this.inner.placeOrder(order));
    this.log.push({
      atMs: performance.now(),
      instrument: instrumentKey(result.instrument),
      filledCenti: result.filledCenti,
    });
    return result;
  }
  cancelOrder = (lookup: OrderLookup) => this.inner.cancelOrder(lookup);
  getOrder = (lookup: OrderLookup) => this.inner.getOrder(lookup);
  getBalance = () => this.timed('getBalance', null, () => this.inner.getBalance());
  getPositions = () => this.inner.getPositions();
  getResolution: Venue['getResolution'] = (i) => this.inner.getResolution(i);

  private async timed<T>(call: Span['call'], instrument: string | null, run: () => Promise<T>): Promise<T> {
    const startMs = performance.now();
    try {
      return await run();
    } finally {
      this.log.spans.push({ venue: this.name, call, startMs, endMs: performance.now(), instrument });
    }
  }
}
