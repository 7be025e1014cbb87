/**
 * Transport for the Kalshi client: the shared HttpClient (lib/venues/http.ts) with Kalshi's
 * token buckets, plus signing. Signing happens in the fetch function handed to HttpClient, so
 * every attempt (including a retried read) is signed at the moment it is sent, over the path
 * actually requested: `new URL(url).pathname` is the base URL's prefix (`/trade-api/v2`) plus
 * the request path, without the query (docs/venues-kalshi.md#k3, kalshi-typescript `base.ts`).
 */
import type { z } from 'zod';
import { type Clock, systemClock } from '../../engine/ports';
import { type FetchFn, HttpClient, type HttpRequest, type HttpResponse } from '../http';
import { followCursor } from '../paging';
import { KalshiSigner } from './auth';
import type { KalshiDeps, ResolvedKalshiConfig } from './config';
import { MAX_PAGES, PER_ITEM_ENDPOINTS } from './constants';
import { badResponse, notAuthenticated } from './errors';

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor: string;
}

export class KalshiRest {
  readonly http: HttpClient;
  readonly clock: Clock;
  /** The configuration WITHOUT credentials: the PEM lives only inside the signer's KeyObject. */
  readonly config: ResolvedKalshiConfig;
  private readonly signer: KalshiSigner | null;
  /** Signs WebSocket handshakes only (`streamCredentials`), for a read-only client that streams. */
  private readonly streamSigner: KalshiSigner | null;

  constructor(config: ResolvedKalshiConfig, deps: KalshiDeps = {}) {
    this.clock = deps.clock ?? systemClock;
    this.signer = config.credentials ? new KalshiSigner(config.credentials) : null;
    this.streamSigner = this.signer ?? (config.streamCredentials ? new KalshiSigner(config.streamCredentials) : null);
    this.config = { ...config, credentials: null, streamCredentials: null };
    const baseFetch: FetchFn = deps.fetch ?? ((input, init) => fetch(input, init));
    this.http = new HttpClient({
      venue: 'kalshi',
      baseUrl: config.baseUrl,
      readLimit: config.readLimit,
      writeLimit: config.writeLimit,
      timeoutMs: config.timeoutMs,
      retry: config.retry,
      clock: this.clock,
      random: deps.random,
      fetch: this.signingFetch(baseFetch),
    });
  }

  get authenticated(): boolean {
    return this.signer !== null;
  }

  /**
   * The three handshake headers of a WebSocket at `path`, signed now (docs/venues-kalshi.md#k-stream)
   * with the credentials or the stream-only credentials; null without either.
   */
  wsHeaders(path: string): Record<string, string> | null {
    return this.streamSigner ? this.streamSigner.headers('GET', path, Math.floor(this.clock.now())) : null;
  }

  /** Throws AuthError before anything is sent when the endpoint needs credentials we lack. */
  requireAuth(endpoint: string): void {
    if (!this.signer) throw notAuthenticated(endpoint);
  }

  /**
   * Sends one request, drawing its token cost from the read or write bucket
   * (docs/venues-kalshi.md#k6-costs). `items`: how many items a batch endpoint carries.
   */
  request<S extends z.ZodType>(req: HttpRequest<S> & { readonly items?: number }): Promise<HttpResponse<z.infer<S>>> {
    const { items, ...rest } = req;
    return this.http.request({ ...rest, cost: this.costOf(req.endpoint ?? `${req.method} ${req.path}`, items) });
  }

  /** Tokens of one request to `endpoint` (a `METHOD /path` label), times its items on batch endpoints. */
  costOf(endpoint: string, items = 1): number {
    const each = this.config.endpointCosts[endpoint] ?? this.config.defaultCost;
    return PER_ITEM_ENDPOINTS.has(endpoint) ? each * Math.max(1, items) : each;
  }

  /**
   * Follows `cursor` until it is empty, or until `done` says the caller has what it needs.
   * A cursor that repeats, or more than MAX_PAGES pages, is a BadResponse rather than a loop.
   */
  async paginate<T>(
    endpoint: string,
    fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
    done: (items: readonly T[]) => boolean = () => false,
  ): Promise<T[]> {
    return followCursor({ maxPages: MAX_PAGES, fail: (why) => badResponse(endpoint, why), done }, fetchPage);
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
