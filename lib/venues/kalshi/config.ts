/**
 * Configuration of the Kalshi client, validated once (every problem reported together). The same client talks
 * to production, Kalshi's demo or a local simulator: only `baseUrl` changes (README "Configuration").
 */
import { z } from 'zod';
import { LEAGUES, type League } from '../../core/market';
import type { Clock } from '../../engine/ports';
import type { FetchFn } from '../http';
import { checkStreamUrl, streamTuningSchema } from '../stream/options';
import type { StreamTimers } from '../stream/timers';
import type { KalshiCredentials } from './auth';
import {
  DEFAULT_COUNT_STEP_CENTI,
  DEFAULT_LOOKUP_ATTEMPTS,
  DEFAULT_LOOKUP_DELAY_MS,
  DEFAULT_MARKETS_CHUNK,
  DEFAULT_ORDERBOOK_CHUNK,
  DEFAULT_REQUEST_COST,
  DEFAULT_SERIES_TICKERS,
  KALSHI_PRODUCTION_BASE_URL,
  KALSHI_TIER_NAMES,
  KALSHI_TIERS,
  KALSHI_WS_URL,
  KNOWN_ENDPOINT_COSTS,
} from './constants';

const rateLimit = z.object({ ratePerSec: z.number().positive(), burst: z.number().min(1) });
export type RateLimit = Readonly<z.output<typeof rateLimit>>;

/** Every setting of the client, once: its check, its default, and what it means. */
/** A Kalshi API key: its id and the RSA private key in PEM (docs/venues-kalshi.md#k3). */
const credentialsSchema = z
  .object({ keyId: z.string().min(1), privateKeyPem: z.string().includes('PRIVATE KEY') })
  .optional()
  .transform((c): KalshiCredentials | null => c ?? null);

const kalshiConfigSchema = z
  .object({
    /** API root INCLUDING `/trade-api/v2`, e.g. `http://127.0.0.1:PORT/trade-api/v2` for a simulator. */
    baseUrl: z
      .string()
      .url()
      .refine((u) => /^https?:$/.test(new URL(u).protocol), 'baseUrl must be http(s)')
      .default(KALSHI_PRODUCTION_BASE_URL)
      .transform((u) => u.replace(/\/+$/, '')),
    /**
     * WebSocket URL (docs/venues-kalshi.md#k-stream): wss anywhere, ws only to localhost (a
     * simulator's `/trade-api/ws/v2`). Its path is what the handshake signs.
     */
    wsUrl: z
      .string()
      .default(KALSHI_WS_URL)
      .transform((u, ctx) => {
        try {
          return checkStreamUrl(u, 'wsUrl');
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
          return z.NEVER;
        }
      }),
    /** Order-book stream tuning (lib/venues/stream/options.ts, docs/venues.md#streams). */
    stream: streamTuningSchema.partial().default({}),
    /** Game-winner series per league; defaults in constants.ts. */
    seriesTickers: z
      .partialRecord(z.enum(LEAGUES), z.string().regex(/^[A-Z0-9]+$/))
      .default({})
      .transform((t): Readonly<Record<League, string>> => ({ ...DEFAULT_SERIES_TICKERS, ...t })),
    /** Without credentials the client is read-only: order and portfolio calls throw AuthError. */
    credentials: credentialsSchema,
    /**
     * Credentials used ONLY to sign the order-book WebSocket handshake (Kalshi signs every stream:
     * docs/venues-kalshi.md#k-stream), so a read-only client can stream: REST calls stay unsigned
     * and order and portfolio calls still throw AuthError. Ignored when `credentials` are set.
     */
    streamCredentials: credentialsSchema,
    /** The account's API tier: sets the read and write token budgets (docs/venues-kalshi.md#k6-costs). */
    tier: z.enum(KALSHI_TIER_NAMES).default('basic'),
    /** Token bucket for reads, in tokens; unset = the tier's budget. */
    readLimit: rateLimit.optional(),
    /** Token bucket for writes, in tokens; unset = the tier's budget. */
    writeLimit: rateLimit.optional(),
    /**
     * Token cost per endpoint label (`GET /events`, `GET /markets/{ticker}`, …), over the known
     * table in constants.ts, e.g. from `GET /account/endpoint_costs`. Others cost `defaultCost`.
     */
    endpointCosts: z.record(z.string().regex(/^(GET|POST|PUT|DELETE) \//), z.number().int().min(0)).default({}),
    /** Tokens of an endpoint not in the table ("currently 10", GetAccountEndpointCostsResponse). */
    defaultCost: z.number().int().min(1).default(DEFAULT_REQUEST_COST),
    /** Per-request timeout. */
    timeoutMs: z.number().int().positive().default(5_000),
    /** Retries of idempotent requests; unset = the shared HttpClient's DEFAULT_RETRY. */
    retry: z
      .object({ attempts: z.number().int().min(1), baseDelayMs: z.number().min(0), maxDelayMs: z.number().min(0) })
      .optional(),
    /** Tickers per `GET /markets/orderbooks` call (the venue's maximum is unverified). */
    orderbookChunk: z.number().int().min(1).max(100).default(DEFAULT_ORDERBOOK_CHUNK),
    /**
     * The order step used only where a market does not state its own (`fractional_trading_enabled`:
     * docs/venues-kalshi.md#k1-fractional). 100 = whole contracts.
     */
    countStepCenti: z.number().int().min(1).max(100).default(DEFAULT_COUNT_STEP_CENTI),
    /** How many times to look for an order whose placement timed out. */
    lookupAttempts: z.number().int().min(1).max(20).default(DEFAULT_LOOKUP_ATTEMPTS),
    /** How far apart those looks are. */
    lookupDelayMs: z.number().int().min(0).default(DEFAULT_LOOKUP_DELAY_MS),
  })
  // Not a setting: tickers per `GET /markets?tickers=` call, fixed in constants.ts.
  .transform((c) => {
    const budget = KALSHI_TIERS[c.tier];
    return {
      ...c,
      readLimit: c.readLimit ?? { ratePerSec: budget.read, burst: budget.read },
      writeLimit: c.writeLimit ?? { ratePerSec: budget.write, burst: budget.write },
      endpointCosts: { ...KNOWN_ENDPOINT_COSTS, ...c.endpointCosts } as Readonly<Record<string, number>>,
      marketsChunk: DEFAULT_MARKETS_CHUNK,
    };
  });

/** What callers pass: every field optional. */
export type KalshiConfig = Readonly<z.input<typeof kalshiConfigSchema>>;
/** The validated configuration with every default filled in. */
export type ResolvedKalshiConfig = Readonly<z.output<typeof kalshiConfigSchema>>;

export interface KalshiDeps {
  readonly fetch?: FetchFn;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Timers of the order-book stream (heartbeat, watchdog, backoff); default Node's. */
  readonly streamTimers?: StreamTimers;
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
