/**
 * One WebSocket that comes back: opens, reports text frames, and when it drops (closed, refused,
 * silent for `deadAfterMs`) reconnects after an exponential backoff with jitter, until `close()`.
 * Headers are asked for at every attempt (a Kalshi handshake is signed with a fresh timestamp).
 * What to subscribe after a (re)connect is the owner's business: `onOpen` runs each time.
 */
import WebSocket from 'ws';
import type { ResolvedRuntime, ResolvedStreamTuning } from './options';
import { backoffMs, type StreamTimers, type TimerHandle } from './timers';

export interface SocketOptions {
  readonly url: string;
  /** Handshake headers, built afresh for every attempt. */
  readonly headers?: () => Record<string, string>;
  readonly timers: StreamTimers;
  readonly random: () => number;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  /** Nothing heard (frame, ping or pong) for this long: the connection is dropped and reopened. 0 = never. */
  readonly deadAfterMs: number;
  readonly onOpen: () => void;
  readonly onText: (text: string) => void;
  /** The connection went down (never called after `close()`); `why` is secret-free. */
  readonly onDown: (why: string) => void;
}

export class ReconnectingSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retry: TimerHandle | null = null;
  private dead: TimerHandle | null = null;
  private closed = false;
  private pongWaiters: Array<() => void> = [];
  /** Successful opens so far. */
  opens = 0;

  constructor(private readonly o: SocketOptions) {}

  /**
   * A socket on a stream client's runtime (timers, jitter) and tuning (backoff, dead-after).
   * `sign`: the handshake is signed over the URL's path at every attempt (Kalshi, Polymarket
   * US); no headers signed means no credentials, and the attempt fails without connecting.
   */
  static tuned(
    url: string,
    rt: ResolvedRuntime,
    tuning: ResolvedStreamTuning,
    handlers: Pick<SocketOptions, 'onOpen' | 'onText' | 'onDown'> & {
      readonly sign?: (path: string) => Record<string, string> | null;
    },
  ): ReconnectingSocket {
    const { sign, ...on } = handlers;
    const path = new URL(url).pathname;
    return new ReconnectingSocket({
      url,
      ...(sign
        ? {
            headers: () => {
              const h = sign(path);
              if (!h) throw new Error('no credentials');
              return h;
            },
          }
        : {}),
      timers: rt.timers,
      random: rt.random,
      backoff: { initialMs: tuning.backoffInitialMs, maxMs: tuning.backoffMaxMs },
      deadAfterMs: tuning.deadAfterMs,
      ...on,
    });
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (this.closed || this.ws || this.retry) return;
    this.connect();
  }

  /** Sends one text frame; false when the connection is not open. */
  send(text: string): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(text);
    return true;
  }

  /**
   * A protocol Ping; resolves at the Pong (every frame the server wrote before answering has then
   * been read), when the connection goes down, or after `timeoutMs`. Resolves at once when closed.
   */
  protocolPing(timeoutMs: number): Promise<void> {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve) => {
      const t = this.o.timers.setTimeout(done, timeoutMs);
      const o = this.o;
      function done(): void {
        o.timers.clearTimeout(t);
        resolve();
      }
      this.pongWaiters.push(done);
      this.ws?.ping();
    });
  }

  /** Drops the connection now and reconnects after the backoff (a frozen or broken feed). */
  recycle(why: string): void {
    if (this.closed || !this.ws) return;
    this.down(why);
  }

  close(): void {
    this.closed = true;
    this.releasePongs();
    if (this.retry) this.o.timers.clearTimeout(this.retry);
    if (this.dead) this.o.timers.clearTimeout(this.dead);
    this.retry = null;
    this.dead = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
    }
  }

  private connect(): void {
    this.retry = null;
    let headers: Record<string, string> = {};
    try {
      headers = this.o.headers?.() ?? {};
    } catch {
      this.scheduleRetry('handshake headers could not be built');
      return;
    }
    const ws = new WebSocket(this.o.url, { headers, handshakeTimeout: 10_000, perMessageDeflate: false });
    this.ws = ws;
    ws.on('open', () => {
      if (this.ws !== ws) return;
      this.attempt = 0;
      this.opens++;
      this.heard();
      this.o.onOpen();
    });
    ws.on('message', (data, isBinary) => {
      if (this.ws !== ws) return;
      this.heard();
      if (isBinary) return;
      this.o.onText(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    });
    ws.on('ping', () => this.ws === ws && this.heard());
    ws.on('pong', () => {
      if (this.ws !== ws) return;
      this.heard();
      this.releasePongs();
    });
    // Status only: the venue's answer body is not echoed (it could quote our request).
    ws.on(
      'unexpected-response',
      (_req, res) => this.ws === ws && this.down(`handshake refused (HTTP ${res.statusCode})`),
    );
    ws.on('error', (err) => this.ws === ws && this.down(`socket error: ${err.name}`));
    ws.on('close', (code) => this.ws === ws && this.down(`closed (code ${code})`));
  }

  private releasePongs(): void {
    const w = this.pongWaiters;
    this.pongWaiters = [];
    for (const r of w) r();
  }

  private heard(): void {
    if (this.o.deadAfterMs <= 0) return;
    if (this.dead) this.o.timers.clearTimeout(this.dead);
    this.dead = this.o.timers.setTimeout(() => {
      this.dead = null;
      this.recycle(`nothing heard for ${this.o.deadAfterMs} ms`);
    }, this.o.deadAfterMs);
  }

  private down(why: string): void {
    const ws = this.ws;
    this.ws = null;
    if (this.dead) this.o.timers.clearTimeout(this.dead);
    this.dead = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
    }
    this.releasePongs();
    if (this.closed) return;
    this.o.onDown(why);
    this.scheduleRetry(why);
  }

  private scheduleRetry(_why: string): void {
    if (this.closed || this.retry) return;
    const delay = backoffMs(this.attempt++, this.o.backoff.initialMs, this.o.backoff.maxMs, this.o.random);
    this.retry = this.o.timers.setTimeout(() => this.connect(), delay);
  }
}
