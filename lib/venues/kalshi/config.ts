/**
 * Configuration of the Kalshi client, validated once (STYLE.md habit 7). The same client talks
 * to production, Kalshi's demo or a local simulator: only `baseUrl` changes (DESIGN.md §8).
 */
import { z } from 'zod';
import { LEAGUES, type League } from '../../core/market';
import type { Clock } from '../../engine/ports';
import type { FetchFn, RetryPolicy } from '../http';
import type { KalshiCredentials } from './auth';
import {
  BASIC_TIER_READ_LIMIT,
  BASIC_TIER_WRITE_LIMIT,
  DEFAULT_COUNT_STEP_CENTI,
  DEFAULT_LOOKUP_ATTEMPTS,
  DEFAULT_LOOKUP_DELAY_MS,
  DEFAULT_MARKETS_CHUNK,
  DEFAULT_ORDERBOOK_CHUNK,
  DEFAULT_SERIES_TICKERS,
  KALSHI_PRODUCTION_BASE_URL,
} from './constants';

export interface RateLimit {
  readonly ratePerSec: number;
  readonly burst: number;
}

export interface KalshiConfig {
  /** API root INCLUDING `/trade-api/v2`, e.g. `http://127.0.0.1:PORT/trade-api/v2` for a simulator. */
  readonly baseUrl?: string;
  /** Game-winner series per league; defaults in constants.ts. */
  readonly seriesTickers?: Partial<Record<League, string>>;
  /** Without credentials the client is read-only: order and portfolio calls throw AuthError. */
  readonly credentials?: KalshiCredentials;
  readonly readLimit?: RateLimit;
  readonly writeLimit?: RateLimit;
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** Tickers per `GET /markets/orderbooks` call (the venue's maximum is unverified). */
  readonly orderbookChunk?: number;
  /** Order counts must be a multiple of this (100 = whole contracts; 1 where fractional trading is on). */
  readonly countStepCenti?: number;
  /** How often, and how far apart, to look for an order whose placement timed out. */
  readonly lookupAttempts?: number;
  readonly lookupDelayMs?: number;
}

export interface KalshiDeps {
  readonly fetch?: FetchFn;
  readonly clock?: Clock;
  readonly random?: () => number;
}

export interface ResolvedKalshiConfig {
  readonly baseUrl: string;
  readonly seriesTickers: Readonly<Record<League, string>>;
  readonly credentials: KalshiCredentials | null;
  readonly readLimit: RateLimit;
  readonly writeLimit: RateLimit;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy | undefined;
  readonly orderbookChunk: number;
  readonly marketsChunk: number;
  readonly countStepCenti: number;
  readonly lookupAttempts: number;
  readonly lookupDelayMs: number;
}

const rateLimit = z.object({ ratePerSec: z.number().positive(), burst: z.number().min(1) });
const schema = z.object({
  baseUrl: z
    .string()
    .url()
    .refine((u) => /^https?:$/.test(new URL(u).protocol), 'baseUrl must be http(s)')
    .default(KALSHI_PRODUCTION_BASE_URL),
  seriesTickers: z.partialRecord(z.enum(LEAGUES), z.string().regex(/^[A-Z0-9]+$/)).default({}),
  credentials: z.object({ keyId: z.string().min(1), privateKeyPem: z.string().includes('PRIVATE KEY') }).optional(),
  readLimit: rateLimit.default(BASIC_TIER_READ_LIMIT),
  writeLimit: rateLimit.default(BASIC_TIER_WRITE_LIMIT),
  timeoutMs: z.number().int().positive().default(5_000),
  retry: z
    .object({ attempts: z.number().int().min(1), baseDelayMs: z.number().min(0), maxDelayMs: z.number().min(0) })
    .optional(),
  orderbookChunk: z.number().int().min(1).max(100).default(DEFAULT_ORDERBOOK_CHUNK),
  countStepCenti: z.number().int().min(1).max(100).default(DEFAULT_COUNT_STEP_CENTI),
  lookupAttempts: z.number().int().min(1).max(20).default(DEFAULT_LOOKUP_ATTEMPTS),
  lookupDelayMs: z.number().int().min(0).default(DEFAULT_LOOKUP_DELAY_MS),
});

/** Validates and fills defaults. Errors name the field, never echo a credential. */
export function resolveKalshiConfig(config: KalshiConfig = {}): ResolvedKalshiConfig {
  const parsed = schema.safeParse(config);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new TypeError(`invalid Kalshi configuration: ${where}`);
  }
  const c = parsed.data;
  return {
    baseUrl: c.baseUrl.replace(/\/+$/, ''),
    seriesTickers: { ...DEFAULT_SERIES_TICKERS, ...c.seriesTickers },
    credentials: c.credentials ?? null,
    readLimit: c.readLimit,
    writeLimit: c.writeLimit,
    timeoutMs: c.timeoutMs,
    retry: c.retry,
    orderbookChunk: c.orderbookChunk,
    marketsChunk: DEFAULT_MARKETS_CHUNK,
    countStepCenti: c.countStepCenti,
    lookupAttempts: c.lookupAttempts,
    lookupDelayMs: c.lookupDelayMs,
  };
}
