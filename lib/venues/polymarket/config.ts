/**
 * Configuration of the Polymarket client. Hosts default to production (docs/venues-polymarket.md#p1) and can
 * point at a simulator or a local test server. Without credentials the client is read-only and
 * every order/account method throws `AuthError`.
 */
import { z } from 'zod';
import type { Clock } from '../../engine/ports';
import type { FetchFn } from '../http';
import { checkStreamUrl, streamTuningSchema } from '../stream/options';
import type { StreamTimers } from '../stream/timers';
import { CLOB_URL, DATA_URL, GAMMA_URL, SIGNATURE_TYPES, WS_MARKET_URL } from './constants';
import type { SignedOrderStore } from './order-store';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x address');

export const polymarketCredentialsSchema = z
  .object({
    /** The EOA private key that signs orders and L1 headers (never logged). */
    privateKey: z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, 'expected a 32-byte hex private key'),
    /** L2 API credentials; when absent they are derived once with L1 (`GET /auth/derive-api-key`). */
    apiKey: z.string().min(1).optional(),
    secret: z.string().min(1).optional(),
    passphrase: z.string().min(1).optional(),
    /** Funder (proxy wallet, Safe or deposit wallet) holding the pUSD; required unless type 0. */
    funderAddress: address.optional(),
    signatureType: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).default(SIGNATURE_TYPES.EOA),
  })
  .refine((c) => c.signatureType === SIGNATURE_TYPES.EOA || c.funderAddress !== undefined, {
    message: 'funderAddress is required for proxy, safe and deposit-wallet signature types',
  })
  .refine(
    (c) =>
      [c.apiKey, c.secret, c.passphrase].every((v) => v === undefined) ||
      [c.apiKey, c.secret, c.passphrase].every((v) => v !== undefined),
    {
      message: 'apiKey, secret and passphrase go together',
    },
  );

/** What callers pass as credentials; ClobSession checks them with the schema above. */
export type PolymarketCredentials = Readonly<z.input<typeof polymarketCredentialsSchema>>;

/** Every setting of the client, once: its type, its default, and what it means. */
const polymarketConfigSchema = z.object({
  /** Gamma host (events and markets). */
  gammaUrl: z.string().default(GAMMA_URL),
  /** CLOB host (books, orders, account). */
  clobUrl: z.string().default(CLOB_URL),
  /** Data API host (`GET /positions`). */
  dataUrl: z.string().default(DATA_URL),
  /** Market channel (docs/venues-polymarket.md#p-stream): wss anywhere, ws only to localhost. */
  wsUrl: z
    .string()
    .default(WS_MARKET_URL)
    .transform((u, ctx) => {
      try {
        return checkStreamUrl(u, 'wsUrl');
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /** Order-book stream tuning (lib/venues/stream/options.ts, docs/venues.md#streams). */
  stream: streamTuningSchema
    .partial()
    .extend({
      /** Assets per connection; the venue's cap (about 500) is unverified, so stay well under. */
      maxAssetsPerConnection: z.number().int().min(1).max(500).optional(),
      /** Text `PING` interval; the venue asks for one every 10 s. */
      pingEveryMs: z.number().int().positive().optional(),
    })
    .default({}),
  /** Checked when the session is built (an AuthError naming the field), not here. */
  credentials: z.custom<PolymarketCredentials>().optional(),
  /** Per-request timeout; order placement uses `orderTimeoutMs`. */
  timeoutMs: z.number().default(5_000),
  /** Timeout of the CLOB client (books, orders, account), which places the orders. */
  orderTimeoutMs: z.number().default(10_000),
  /** Polymarket's region answer for preflight (docs/venues-polymarket.md#p5-geoblock); unset = not checked. */
  geoblockUrl: z.string().optional(),
  /** Builder code (bytes32) attached to orders, if we ever register one. */
  builderCode: z.string().optional(),
});

/** What callers pass: every field optional. */
export type PolymarketConfig = Readonly<z.input<typeof polymarketConfigSchema>>;
/** The configuration with every default filled in. */
export type ResolvedConfig = Readonly<z.output<typeof polymarketConfigSchema>>;

export interface PolymarketDeps {
  readonly fetch?: FetchFn;
  /** Clock for rate limiting, retry backoff, L2 timestamps and order timestamps. */
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Where signed orders are kept by clientOrderId (default: in memory). */
  readonly orderStore?: SignedOrderStore;
  /** Timers of the order-book stream (heartbeat, watchdog, backoff); default Node's. */
  readonly streamTimers?: StreamTimers;
}

export function resolveConfig(config: PolymarketConfig): ResolvedConfig {
  return polymarketConfigSchema.parse(config);
}
