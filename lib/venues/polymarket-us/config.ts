/**
 * Configuration of the Polymarket US client, validated once (every problem reported together).
 * The same client talks to production or to the local simulator: only the two base URLs change.
 */
import { z } from 'zod';
import { POLYMARKET_US_TAKER_THETA_PPM } from '../../core/fees';
import { LEAGUES, type League } from '../../core/market';
import type { Clock } from '../../engine/ports';
import type { FetchFn } from '../http';
import { checkStreamUrl, streamTuningSchema } from '../stream/options';
import type { StreamTimers } from '../stream/timers';
import type { PolymarketUsCredentials } from './auth';
import {
  API_READ_LIMIT,
  API_WRITE_LIMIT,
  DEFAULT_LEAGUE_SLUGS,
  DEFAULT_LOOKUP_ATTEMPTS,
  DEFAULT_LOOKUP_CLOCK_SLACK_MS,
  DEFAULT_LOOKUP_DELAY_MS,
  DEFAULT_MAX_BLOCK_SEC,
  GATEWAY_LIMIT,
  MAX_MARKETS_PER_SUBSCRIPTION,
  PMUS_API_URL,
  PMUS_GATEWAY_URL,
  PMUS_WS_URL,
} from './constants';

const rateLimit = z.object({ ratePerSec: z.number().positive(), burst: z.number().min(1) });
const httpUrl = (fallback: string) =>
  z
    .string()
    .url()
    .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be http(s)')
    .default(fallback)
    .transform((u) => u.replace(/\/+$/, ''));

/** Every setting of the client, once: its check, its default, and what it means. */
const polymarketUsConfigSchema = z
  .object({
    /** Public market data host (docs/venues-polymarket-us.md#u-hosts). */
    gatewayUrl: httpUrl(PMUS_GATEWAY_URL),
    /** Signed trading and account host (docs/venues-polymarket-us.md#u-hosts). */
    apiUrl: httpUrl(PMUS_API_URL),
    /**
     * The markets WebSocket (docs/venues-polymarket-us.md#u-stream): wss anywhere, ws only to
     * localhost (a simulator's `/v1/ws/markets`). Its path is what the handshake signs.
     */
    wsUrl: z
      .string()
      .default(PMUS_WS_URL)
      .transform((u, ctx) => {
        try {
          return checkStreamUrl(u, 'wsUrl');
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
          return z.NEVER;
        }
      }),
    /** Order-book stream tuning (lib/venues/stream/options.ts, docs/venues-polymarket-us.md#u-stream). */
    stream: streamTuningSchema
      .partial()
      .extend({
        /** Markets per subscription; the venue's maximum is 100. */
        maxMarketsPerSubscription: z.number().int().min(1).max(MAX_MARKETS_PER_SUBSCRIPTION).optional(),
        /** Protocol Ping interval (our own keep-alive); 0 = none. */
        pingEveryMs: z.number().int().min(0).optional(),
      })
      .default({}),
    /** Without credentials the client is read-only: order and portfolio calls throw AuthError. */
    credentials: z
      .object({ keyId: z.string().min(1), secretKey: z.string().min(1) })
      .optional()
      .transform((c): PolymarketUsCredentials | null => c ?? null),
    /**
     * A key used ONLY to sign the markets WebSocket handshake (the venue signs every WebSocket:
     * docs/venues-polymarket-us.md#u-stream), so a read-only client can stream: REST reads stay
     * public and order and account calls still throw AuthError. Ignored when `credentials` are set.
     */
    streamCredentials: z
      .object({ keyId: z.string().min(1), secretKey: z.string().min(1) })
      .optional()
      .transform((c): PolymarketUsCredentials | null => c ?? null),
    /** League slug of `GET /v2/leagues/{slug}/events` per league; defaults in constants.ts. */
    leagueSlugs: z
      .partialRecord(z.enum(LEAGUES), z.string().regex(/^[a-z0-9-]+$/))
      .default({})
      .transform((s): Readonly<Partial<Record<League, string>>> => ({ ...DEFAULT_LEAGUE_SLUGS, ...s })),
    /** Per-request timeout of public reads. */
    gatewayTimeoutMs: z.number().int().positive().default(5_000),
    /** Per-request timeout on the API host; must exceed `maxBlockSec` (an order may block that long). */
    apiTimeoutMs: z.number().int().positive().default(10_000),
    /** `maxBlockTime` of a synchronous order (docs/venues-polymarket-us.md#u-orders). */
    maxBlockSec: z.number().int().min(1).max(10).default(DEFAULT_MAX_BLOCK_SEC),
    /** Retries of idempotent requests; unset = the shared HttpClient's DEFAULT_RETRY. */
    retry: z
      .object({ attempts: z.number().int().min(1), baseDelayMs: z.number().min(0), maxDelayMs: z.number().min(0) })
      .optional(),
    /** Token buckets (docs/venues-polymarket-us.md#u-rate-limits); defaults in constants.ts. */
    gatewayLimit: rateLimit.default(GATEWAY_LIMIT),
    readLimit: rateLimit.default(API_READ_LIMIT),
    writeLimit: rateLimit.default(API_WRITE_LIMIT),
    /** How many times to look for an order whose placement answer was lost, and how far apart. */
    lookupAttempts: z.number().int().min(1).max(20).default(DEFAULT_LOOKUP_ATTEMPTS),
    lookupDelayMs: z.number().int().min(0).default(DEFAULT_LOOKUP_DELAY_MS),
    /** How far our clock may run ahead of the venue's when a lost order is looked for (constants.ts). */
    lookupClockSlackMs: z.number().int().min(0).max(30_000).default(DEFAULT_LOOKUP_CLOCK_SLACK_MS),
    /**
     * Taker Θ in ppm (docs/venues-polymarket-us.md#u-fees). A market whose `feeCoefficient` is
     * higher is charged at that (the higher of the two: never under-count a fee).
     */
    takerThetaPpm: z.number().int().min(0).max(1_000_000).default(POLYMARKET_US_TAKER_THETA_PPM),
  })
  .refine((c) => c.maxBlockSec * 1000 < c.apiTimeoutMs, {
    message: 'apiTimeoutMs must exceed maxBlockSec (a synchronous order may block that long)',
    path: ['apiTimeoutMs'],
  });

/** What callers pass: every field optional. */
export type PolymarketUsConfig = Readonly<z.input<typeof polymarketUsConfigSchema>>;
/** The validated configuration with every default filled in. */
export type ResolvedPolymarketUsConfig = Readonly<z.output<typeof polymarketUsConfigSchema>>;

export interface PolymarketUsDeps {
  readonly fetch?: FetchFn;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Timers of the order-book stream (keep-alive, watchdog, backoff); default Node's. */
  readonly streamTimers?: StreamTimers;
}

/** Validates and fills defaults. Errors name the field, never echo a credential. */
export function resolvePolymarketUsConfig(config: PolymarketUsConfig = {}): ResolvedPolymarketUsConfig {
  const parsed = polymarketUsConfigSchema.safeParse(config);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new TypeError(`invalid Polymarket US configuration: ${where}`);
  }
  return parsed.data;
}
