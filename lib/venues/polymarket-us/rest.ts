/**
 * Transport for the Polymarket US client: two shared HttpClients (lib/venues/http.ts), one per
 * host (docs/venues-polymarket-us.md#u-hosts). Public reads go to the gateway unsigned; trading
 * and account calls go to the API host, signed inside the fetch function so every attempt is
 * signed when it is sent, over the path actually requested (`new URL(url).pathname`, no query:
 * docs/venues-polymarket-us.md#u-auth).
 *
 * Pacing (docs/venues-polymarket-us.md#u-rate-limits): token buckets sized to the documented
 * budgets, and on a 429 every request to that host waits (1 s, doubling while 429s keep coming,
 * at most 30 s), as the venue asks: "stop immediately, wait at least 1 second, then retry with
 * exponential backoff". Two or more in a row raise a RateLimited that says so.
 */
import type { z } from 'zod';
import { AuthError, type Clock, RateLimited, systemClock } from '../../engine/ports';
import { type FetchFn, HttpClient, type HttpRequest, type HttpResponse } from '../http';
import { PolymarketUsSigner } from './auth';
import type { PolymarketUsDeps, ResolvedPolymarketUsConfig } from './config';
import { MAX_PAGES, RATE_LIMIT_PAUSE_MAX_MS, RATE_LIMIT_PAUSE_MS } from './constants';
import { badResponse, notAuthenticated, rateLimitStorm, signatureRefused } from './errors';
import { PMUS_VENUE } from './types';

/** One host's 429 state: consecutive refusals and the time until which nothing is sent. */
class RatePause {
  inARow = 0;
  lastPauseMs = 0;
  private pausedUntil = 0;

  constructor(private readonly clock: Clock) {}

  async wait(): Promise<void> {
    const ms = this.pausedUntil - this.clock.now();
    if (ms > 0) await this.clock.sleep(ms);
  }

  refused(retryAfterMs: number | undefined): number {
    this.inARow += 1;
    const doubling = RATE_LIMIT_PAUSE_MS * 2 ** Math.min(this.inARow - 1, 10);
    const pause = Math.min(RATE_LIMIT_PAUSE_MAX_MS, Math.max(doubling, retryAfterMs ?? 0));
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + pause);
    this.lastPauseMs = pause;
    return pause;
  }

  served(): void {
    this.inARow = 0;
  }
}

function retryAfterOf(res: Response): number | undefined {
  const v = res.headers.get('retry-after');
  return v && /^\d+$/.test(v.trim()) ? Number(v.trim()) * 1000 : undefined;
}

export class PolymarketUsRest {
  readonly gateway: HttpClient;
  readonly api: HttpClient;
  readonly clock: Clock;
  /** The configuration WITHOUT credentials: the keys live only inside the signers' KeyObjects. */
  readonly config: ResolvedPolymarketUsConfig;
  private readonly signer: PolymarketUsSigner | null;
  /** Signs the WebSocket handshake: `credentials`, else `streamCredentials` (a read-only client that streams). */
  private readonly streamSigner: PolymarketUsSigner | null;
  private readonly pauses: { readonly gateway: RatePause; readonly api: RatePause };

  constructor(config: ResolvedPolymarketUsConfig, deps: PolymarketUsDeps = {}) {
    this.clock = deps.clock ?? systemClock;
    this.signer = config.credentials ? new PolymarketUsSigner(config.credentials) : null;
    this.streamSigner =
      this.signer ?? (config.streamCredentials ? new PolymarketUsSigner(config.streamCredentials) : null);
    this.config = { ...config, credentials: null, streamCredentials: null };
    this.pauses = { gateway: new RatePause(this.clock), api: new RatePause(this.clock) };
    const baseFetch: FetchFn = deps.fetch ?? ((input, init) => fetch(input, init));
    this.gateway = new HttpClient({
      venue: PMUS_VENUE,
      baseUrl: config.gatewayUrl,
      readLimit: config.gatewayLimit,
      writeLimit: config.gatewayLimit,
      timeoutMs: config.gatewayTimeoutMs,
      retry: config.retry,
      clock: this.clock,
      random: deps.random,
      fetch: this.pausingFetch(this.pauses.gateway, baseFetch),
    });
    this.api = new HttpClient({
      venue: PMUS_VENUE,
      baseUrl: config.apiUrl,
      readLimit: config.readLimit,
      writeLimit: config.writeLimit,
      timeoutMs: config.apiTimeoutMs,
      retry: config.retry,
      clock: this.clock,
      random: deps.random,
      fetch: this.pausingFetch(this.pauses.api, this.signingFetch(baseFetch)),
    });
  }

  get authenticated(): boolean {
    return this.signer !== null;
  }

  /** The key id (public), for preflight output; null without credentials. */
  get keyId(): string | null {
    return this.signer?.keyId ?? null;
  }

  /** HTTP attempts sent to both hosts. */
  get requestCount(): number {
    return this.gateway.requestCount + this.api.requestCount;
  }

  /**
   * Headers of a WebSocket handshake to `path`, signed now like a `GET` of it
   * (docs/venues-polymarket-us.md#u-stream); null without a key.
   */
  wsHeaders(path: string): Record<string, string> | null {
    return this.streamSigner ? this.streamSigner.headers('GET', path, Math.floor(this.clock.now())) : null;
  }

  /** Throws AuthError before anything is sent when the endpoint needs credentials we lack. */
  requireAuth(endpoint: string): void {
    if (!this.signer) throw notAuthenticated(endpoint);
  }

  /** A public read on the gateway. */
  read<S extends z.ZodType>(req: HttpRequest<S>): Promise<HttpResponse<z.infer<S>>> {
    return this.send(this.gateway, this.pauses.gateway, req);
  }

  /** A signed request on the API host. */
  call<S extends z.ZodType>(req: HttpRequest<S>): Promise<HttpResponse<z.infer<S>>> {
    this.requireAuth(req.endpoint ?? `${req.method} ${req.path}`);
    return this.send(this.api, this.pauses.api, req);
  }

  /**
   * Offset pages until one comes back empty. The next offset is what has been read so far, so a
   * venue that serves fewer items than asked per page is still read to the end (stopping at the
   * first short page would silently cut the listing). More than MAX_PAGES pages is a BadResponse.
   */
  async pageByOffset<T>(
    endpoint: string,
    limit: number,
    fetchPage: (offset: number, limit: number) => Promise<readonly T[]>,
  ): Promise<T[]> {
    const all: T[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const items = await fetchPage(all.length, limit);
      if (items.length === 0) return all;
      all.push(...items);
    }
    throw badResponse(endpoint, `more than ${MAX_PAGES} pages`);
  }

  /** Cursor pages until `eof` or no cursor; a repeated cursor or too many pages is a BadResponse. */
  async pageByCursor<T>(
    endpoint: string,
    fetchPage: (cursor: string | undefined) => Promise<{ items: readonly T[]; next: string | undefined; eof: boolean }>,
  ): Promise<T[]> {
    const all: T[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await fetchPage(cursor);
      all.push(...res.items);
      if (res.eof || !res.next) return all;
      if (seen.has(res.next)) throw badResponse(endpoint, `repeated cursor after page ${page + 1}`);
      seen.add(res.next);
      cursor = res.next;
    }
    throw badResponse(endpoint, `more than ${MAX_PAGES} pages`);
  }

  private async send<S extends z.ZodType>(
    client: HttpClient,
    pause: RatePause,
    req: HttpRequest<S>,
  ): Promise<HttpResponse<z.infer<S>>> {
    try {
      return await client.request(req);
    } catch (err) {
      if (err instanceof RateLimited && pause.inARow >= 2) throw rateLimitStorm(err, pause.inARow, pause.lastPauseMs);
      if (err instanceof AuthError && client === this.api) throw signatureRefused(err, this.keyId);
      throw err;
    }
  }

  /** Waits out a 429 pause before sending; on a 429, starts (or lengthens) the pause. */
  private pausingFetch(pause: RatePause, inner: FetchFn): FetchFn {
    return async (input, init) => {
      await pause.wait();
      const res = await inner(input, init);
      if (res.status !== 429) {
        pause.served();
        return res;
      }
      const ms = pause.refused(retryAfterOf(res));
      // HttpClient honours Retry-After between its own retries: make it wait the pause too.
      const headers = new Headers(res.headers);
      headers.set('retry-after', String(Math.ceil(ms / 1000)));
      return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
    };
  }

  private signingFetch(inner: FetchFn): FetchFn {
    return (input, init) => {
      if (!this.signer) return inner(input, init);
      const method = (init.method ?? 'GET').toUpperCase();
      const path = new URL(input).pathname;
      const auth = this.signer.headers(method, path, Math.floor(this.clock.now()));
      const headers = { ...(init.headers as Record<string, string> | undefined), ...auth };
      return inner(input, { ...init, headers });
    };
  }
}
