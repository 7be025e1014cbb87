/**
 * Configuration of the Kalshi client, validated once (every problem reported together). The same client talks
 * to production, Kalshi's demo or a local simulator: only `baseUrl` changes (README "Configuration").
 */
import { z } from 'zod';
import { LEAGUES, type League } from '../../core/market';
import type { Clock } from '../../engine/ports';
import type { FetchFn } from '../http';
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

const rateLimit = z.object({ ratePerSec: z.number().positive(), burst: z.number().min(1) });
export type RateLimit = Readonly<z.output<typeof rateLimit>>;

/** Every setting of the client, once: its check, its default, and what it means. */
const kalshiConfigSchema = z
  .object({
    /** API root INCLUDING `/trade-api/v2`, e.g. `http://127.0.0.1:PORT/trade-api/v2` for a simulator. */
    baseUrl: z
      .string()
      .url()
      .refine((u) => /^https?:$/.test(new URL(u).protocol), 'baseUrl must be http(s)')
      .default(KALSHI_PRODUCTION_BASE_URL)
      .transform((u) => u.replace(/\/+$/, '')),
    /** Game-winner series per league; defaults in constants.ts. */
    seriesTickers: z
      .partialRecord(z.enum(LEAGUES), z.string().regex(/^[A-Z0-9]+$/))
      .default({})
      .transform((t): Readonly<Record<League, string>> => ({ ...DEFAULT_SERIES_TICKERS, ...t })),
    /** Without credentials the client is read-only: order and portfolio calls throw AuthError. */
    credentials: z
      .object({ keyId: z.string().min(1), privateKeyPem: z.string().includes('PRIVATE KEY') })
      .optional()
      .transform((c): KalshiCredentials | null => c ?? null),
    /** Token bucket for reads (Basic tier by default). */
    readLimit: rateLimit.default(BASIC_TIER_READ_LIMIT),
    /** Token bucket for writes (Basic tier by default). */
    writeLimit: rateLimit.default(BASIC_TIER_WRITE_LIMIT),
    /** Per-request timeout. */
    timeoutMs: z.number().int().positive().default(5_000),
    /** Retries of idempotent requests; unset = the shared HttpClient's DEFAULT_RETRY. */
    retry: z
      .object({ attempts: z.number().int().min(1), baseDelayMs: z.number().min(0), maxDelayMs: z.number().min(0) })
      .optional(),
    /** Tickers per `GET /markets/orderbooks` call (the venue's maximum is unverified). */
    orderbookChunk: z.number().int().min(1).max(100).default(DEFAULT_ORDERBOOK_CHUNK),
    /** Order counts must be a multiple of this (100 = whole contracts; 1 where fractional trading is on). */
    countStepCenti: z.number().int().min(1).max(100).default(DEFAULT_COUNT_STEP_CENTI),
    /** How many times to look for an order whose placement timed out. */
    lookupAttempts: z.number().int().min(1).max(20).default(DEFAULT_LOOKUP_ATTEMPTS),
    /** How far apart those looks are. */
    lookupDelayMs: z.number().int().min(0).default(DEFAULT_LOOKUP_DELAY_MS),
  })
  // Not a setting: tickers per `GET /markets?tickers=` call, fixed in constants.ts.
  .transform((c) => ({ ...c, marketsChunk: DEFAULT_MARKETS_CHUNK }));

/** What callers pass: every field optional. */
export type KalshiConfig = Readonly<z.input<typeof kalshiConfigSchema>>;
/** The validated configuration with every default filled in. */
export type ResolvedKalshiConfig = Readonly<z.output<typeof kalshiConfigSchema>>;

export interface KalshiDeps {
  readonly fetch?: FetchFn;
  readonly clock?: Clock;
  readonly random?: () => number;
}

/** Validates and fills defaults. Errors name the field, never echo a credential. */
export function resolveKalshiConfig(config: KalshiConfig = {}): ResolvedKalshiConfig {
  const parsed = kalshiConfigSchema.safeParse(config);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new TypeError(`invalid Kalshi configuration: ${where}`);
  }
  return parsed.data;
}
