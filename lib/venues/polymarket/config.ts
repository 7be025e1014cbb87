/**
 * Configuration of the Polymarket client. Hosts default to production (VENUES.md P1) and can
 * point at a simulator or a local test server. Without credentials the client is read-only and
 * every order/account method throws `AuthError`.
 */
import { z } from 'zod';
import type { Clock } from '../../engine/ports';
import type { FetchFn } from '../http';
import { CLOB_URL, DATA_URL, GAMMA_URL, SIGNATURE_TYPES, type SignatureType } from './constants';
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

export interface PolymarketCredentials {
  readonly privateKey: string;
  readonly apiKey?: string;
  readonly secret?: string;
  readonly passphrase?: string;
  readonly funderAddress?: string;
  readonly signatureType?: SignatureType;
}

export interface PolymarketConfig {
  readonly gammaUrl?: string;
  readonly clobUrl?: string;
  readonly dataUrl?: string;
  readonly credentials?: PolymarketCredentials;
  /** Per-request timeout; order placement uses `orderTimeoutMs`. */
  readonly timeoutMs?: number;
  readonly orderTimeoutMs?: number;
  /** Builder code (bytes32) attached to orders, if we ever register one. */
  readonly builderCode?: string;
}

export interface PolymarketDeps {
  readonly fetch?: FetchFn;
  /** Clock for rate limiting, retry backoff, L2 timestamps and order timestamps. */
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Where signed orders are kept by clientOrderId (default: in memory). */
  readonly orderStore?: SignedOrderStore;
}

export interface ResolvedConfig {
  readonly gammaUrl: string;
  readonly clobUrl: string;
  readonly dataUrl: string;
  readonly timeoutMs: number;
  readonly orderTimeoutMs: number;
  readonly builderCode: string | undefined;
}

export function resolveConfig(config: PolymarketConfig): ResolvedConfig {
  return {
    gammaUrl: config.gammaUrl ?? GAMMA_URL,
    clobUrl: config.clobUrl ?? CLOB_URL,
    dataUrl: config.dataUrl ?? DATA_URL,
    timeoutMs: config.timeoutMs ?? 5_000,
    orderTimeoutMs: config.orderTimeoutMs ?? 10_000,
    builderCode: config.builderCode,
  };
}
