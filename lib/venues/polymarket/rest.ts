/**
 * Transport for the Polymarket client: separate HttpClients per host (Gamma, CLOB, Data API),
 * each with the limits of docs/venues-polymarket.md#p5-rate-limits, and per-endpoint buckets for the stricter endpoints.
 */
import { type Clock, systemClock } from '../../engine/ports';
import { HttpClient, TokenBucket } from '../http';
import type { PolymarketDeps, ResolvedConfig } from './config';
import { RATE_LIMITS } from './constants';

export class PolymarketRest {
  readonly gamma: HttpClient;
  readonly clob: HttpClient;
  readonly data: HttpClient;
  readonly clock: Clock;
  /** `POST /books`. */
  readonly booksBucket: TokenBucket;

  constructor(cfg: ResolvedConfig, deps: PolymarketDeps = {}) {
    this.clock = deps.clock ?? systemClock;
    const common = {
      venue: 'polymarket' as const,
      clock: this.clock,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.random ? { random: deps.random } : {}),
    };
    this.gamma = new HttpClient({
      ...common,
      baseUrl: cfg.gammaUrl,
      readLimit: RATE_LIMITS.gammaMarkets,
      timeoutMs: cfg.timeoutMs,
    });
    this.clob = new HttpClient({
      ...common,
      baseUrl: cfg.clobUrl,
      readLimit: RATE_LIMITS.clobGeneral,
      writeLimit: RATE_LIMITS.clobOrder,
      timeoutMs: cfg.orderTimeoutMs,
    });
    this.data = new HttpClient({
      ...common,
      baseUrl: cfg.dataUrl,
      readLimit: RATE_LIMITS.data,
      timeoutMs: cfg.timeoutMs,
    });
    this.booksBucket = this.bucket('clobBooks');
  }

  /** A fresh token bucket with the limits of one RATE_LIMITS row, on this client's clock. */
  bucket(name: keyof typeof RATE_LIMITS): TokenBucket {
    const limit = RATE_LIMITS[name];
    return new TokenBucket(limit.ratePerSec, limit.burst, this.clock);
  }
}
