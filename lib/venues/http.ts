/**
 * The one HTTP layer for both venues (one way to do each thing: no other HTTP layer):
 * - Node's fetch (undici keeps connections alive by default);
 * - a timeout per request;
 * - a token bucket per venue and request class (reads / writes) sized to documented limits;
 * - retry with jittered exponential backoff ONLY for idempotent requests, and only on
 *   timeouts, connection failures, 429 and 5xx. Order placement is never retried here: the
 *   caller looks the order up by client order id instead (docs/engine.md#execute-and-the-bet-lifecycle);
 * - every response body validated with zod: a mismatch is a `BadResponse`, never a crash.
 */
import type { z } from 'zod';
import type { VenueName } from '../core/market';
import {
  AuthError,
  BadResponse,
  type Clock,
  excerptOf,
  RateLimited,
  Rejected,
  systemClock,
  Timeout,
  Unavailable,
  type VenueError,
} from '../engine/ports';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

/** A token bucket: `ratePerSec` tokens refill continuously up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ratePerSec: number,
    readonly burst: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(ratePerSec > 0) || !(burst >= 1)) throw new RangeError('TokenBucket needs rate > 0 and burst ≥ 1');
    this.tokens = burst;
    this.last = clock.now();
  }

  /**
   * Resolves when `cost` tokens are available (default 1); callers are served in arrival order.
   * A cost above the burst waits for a full bucket and empties it.
   */
  take(cost = 1): Promise<void> {
    const need = Math.min(Math.max(cost, 0), this.burst);
    const next = this.queue.then(() => this.waitForTokens(need));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Empties the bucket: after a 429 the venue's own bucket is empty, ours should be too. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSec);
    this.last = now;
  }

  private async waitForTokens(need: number): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= need) {
        this.tokens -= need;
        return;
      }
      const waitMs = Math.ceil(((need - this.tokens) / this.ratePerSec) * 1000);
      await this.clock.sleep(Math.max(1, waitMs));
    }
  }
}

export interface RetryPolicy {
  /** Attempts in total, including the first. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };

export interface HttpClientOptions {
  readonly venue: VenueName;
  readonly baseUrl: string;
  /** Limits per class; defaults are conservative. */
  readonly readLimit?: { ratePerSec: number; burst: number };
  readonly writeLimit?: { ratePerSec: number; burst: number };
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  readonly fetch?: FetchFn;
  readonly clock?: Clock;
  /** Jitter source in [0, 1); injectable for tests. */
  readonly random?: () => number;
  /** Headers added to every request (e.g. user agent). */
  readonly headers?: Record<string, string>;
}

export interface HttpRequest<S extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  /** Path below the base URL, starting with `/`, without query. */
  readonly path: string;
  readonly query?: Record<string, string | number | boolean | readonly (string | number)[] | undefined>;
  /**
   * The exact body string to send. Callers that sign the body pass the same string they
   * signed (Polymarket L2 HMAC signs the exact `JSON.stringify` output: docs/venues-polymarket.md#p3).
   */
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly schema: S;
  /** Reads are idempotent and may be retried; order placement must pass false. */
  readonly idempotent: boolean;
  /** Which bucket to draw from. Defaults to 'read' for GET, 'write' otherwise. */
  readonly class?: 'read' | 'write';
  /** Tokens this request takes from its bucket (default 1; Kalshi prices endpoints in tokens). */
  readonly cost?: number;
  /** Label for errors, e.g. `POST /order`. Defaults to `METHOD path`. */
  readonly endpoint?: string;
  /** Statuses whose JSON body is still parsed with `schema` rather than raised (e.g. 400 with errorMsg). */
  readonly acceptStatuses?: readonly number[];
}

export interface HttpResponse<T> {
  readonly status: number;
  readonly data: T;
}

/** Builds a query string, repeating array keys (`tickers=A&tickers=B`: docs/venues-kalshi.md#k2). */
export function buildQuery(query: HttpRequest<z.ZodType>['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export class HttpClient {
  readonly venue: VenueName;
  readonly baseUrl: string;
  private readonly reads: TokenBucket;
  private readonly writes: TokenBucket;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly fetchFn: FetchFn;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly headers: Record<string, string>;
  /** Requests sent, for benchmarks and tests (counts attempts, including retries). */
  requestCount = 0;

  constructor(options: HttpClientOptions) {
    this.venue = options.venue;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.clock = options.clock ?? systemClock;
    const read = options.readLimit ?? { ratePerSec: 10, burst: 10 };
    const write = options.writeLimit ?? { ratePerSec: 5, burst: 5 };
    this.reads = new TokenBucket(read.ratePerSec, read.burst, this.clock);
    this.writes = new TokenBucket(write.ratePerSec, write.burst, this.clock);
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.random = options.random ?? Math.random;
    this.headers = options.headers ?? {};
  }

  async request<S extends z.ZodType>(req: HttpRequest<S>): Promise<HttpResponse<z.infer<S>>> {
    const attempts = req.idempotent ? Math.max(1, this.retry.attempts) : 1;
    let lastError: VenueError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.once(req);
      } catch (err) {
        const venueErr = err as VenueError;
        if (!venueErr.retryable || attempt === attempts) throw err;
        lastError = venueErr;
        const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        const jittered = Math.round(backoff * (0.5 + this.random() / 2));
        const retryAfter = venueErr instanceof RateLimited ? (venueErr.retryAfterMs ?? 0) : 0;
        await this.clock.sleep(Math.max(jittered, retryAfter));
      }
    }
    /* istanbul ignore next -- the loop always returns or throws */
    throw lastError ?? new Unavailable('request failed', { venue: this.venue, endpoint: req.path });
  }

  private async once<S extends z.ZodType>(req: HttpRequest<S>): Promise<HttpResponse<z.infer<S>>> {
    const endpoint = req.endpoint ?? `${req.method} ${req.path}`;
    const details = { venue: this.venue, endpoint };
    const bucket = (req.class ?? (req.method === 'GET' ? 'read' : 'write')) === 'read' ? this.reads : this.writes;
    await bucket.take(req.cost ?? 1);
    const url = `${this.baseUrl}${req.path}${buildQuery(req.query)}`;
    const headers: Record<string, string> = { accept: 'application/json', ...this.headers, ...req.headers };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    this.requestCount++;
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(url, {
        method: req.method,
        headers,
        body: req.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new Timeout(`${this.venue} ${endpoint} timed out after ${this.timeoutMs} ms`, details, { cause: err });
      }
      throw new Unavailable(`${this.venue} ${endpoint} failed: ${(err as Error).message}`, details, { cause: err });
    }
    const withStatus = { ...details, status: res.status, excerpt: excerptOf(text) };
    const accepted = req.acceptStatuses?.includes(res.status) ?? false;
    if (!res.ok && !accepted) {
      if (res.status === 429) {
        bucket.drain(); // back off: nothing more goes out of this class until the bucket refills
        throw new RateLimited(`${this.venue} ${endpoint} rate limited`, {
          ...withStatus,
          retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), this.clock.now()),
        });
      }
      if (res.status >= 500) throw new Unavailable(`${this.venue} ${endpoint} answered ${res.status}`, withStatus);
      if (res.status === 401 || res.status === 403) {
        throw new AuthError(`${this.venue} ${endpoint} refused our credentials (${res.status})`, withStatus);
      }
      throw new Rejected(`${this.venue} ${endpoint} answered ${res.status}: ${withStatus.excerpt}`, withStatus);
    }
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch (err) {
      throw new BadResponse(`${this.venue} ${endpoint} sent a body that is not JSON`, withStatus, { cause: err });
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'schema mismatch';
      throw new BadResponse(`${this.venue} ${endpoint} sent an unexpected body (${where})`, withStatus, {
        cause: parsed.error,
      });
    }
    return { status: res.status, data: parsed.data as z.infer<S> };
  }
}

/** `Retry-After` is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
