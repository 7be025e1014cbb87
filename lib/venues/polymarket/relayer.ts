/**
 * Polymarket's relayer (docs/redemption.md#r7): the endpoints a proxy, Safe or deposit wallet's redeem
 * needs, each answer checked with zod. Authentication is the relayer API key
 * (docs/redemption.md#r7-auth): headers `RELAYER_API_KEY` and `RELAYER_API_KEY_ADDRESS`. The key
 * is held in a closure-free private field and never appears in errors, logs or `toJSON`.
 */
import { inspect } from 'node:util';
import { z } from 'zod';
import type { Clock } from '../../engine/ports';
import { type FetchFn, HttpClient } from '../http';

export const RELAYER_URL = 'https://relayer-v2.polymarket.com';

export const RELAYER_PATHS = {
  nonce: '/nonce',
  relayPayload: '/relay-payload',
  submit: '/submit',
  transaction: '/transaction',
  transactions: '/transactions',
} as const;

/** States (docs/redemption.md#r7-states): CONFIRMED is success, FAILED and INVALID are failures, the rest pending. */
export const RELAYER_STATES = [
  'STATE_NEW',
  'STATE_EXECUTED',
  'STATE_MINED',
  'STATE_CONFIRMED',
  'STATE_INVALID',
  'STATE_FAILED',
] as const;
export type RelayerState = (typeof RELAYER_STATES)[number];

const nonceSchema = z.object({ nonce: z.string().regex(/^\d{1,78}$/) });
const relayPayloadSchema = z.object({
  address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  nonce: z.string().regex(/^\d{1,78}$/),
});
const submitSchema = z.object({ transactionID: z.string().min(1).max(200), state: z.string() }).loose();
export const relayerTxSchema = z
  .object({
    transactionID: z.string().min(1).max(200),
    transactionHash: z
      .string()
      .regex(/^(0x[0-9a-fA-F]{64})?$/)
      .nullable()
      .optional(),
    state: z.enum(RELAYER_STATES),
    nonce: z.string().optional(),
    proxyAddress: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    data: z.string().optional(),
    type: z.string().optional(),
    errorMsg: z.string().max(2_000).optional(),
  })
  .loose();
export type RelayerTx = z.infer<typeof relayerTxSchema>;

export type RelayerKind = 'PROXY' | 'SAFE' | 'WALLET';

export interface RelayerOptions {
  readonly url: string;
  /** The relayer API key and the address that owns it (docs/redemption.md#r7-auth). */
  readonly apiKey: string;
  readonly apiKeyAddress: string;
  readonly timeoutMs?: number;
  readonly fetch?: FetchFn;
  readonly clock?: Clock;
}

export class RelayerClient {
  private readonly http: HttpClient;
  readonly #apiKey: string;
  private readonly apiKeyAddress: string;

  constructor(options: RelayerOptions) {
    this.http = new HttpClient({
      venue: 'polymarket',
      baseUrl: options.url,
      readLimit: { ratePerSec: 5, burst: 10 },
      writeLimit: { ratePerSec: 1, burst: 2 },
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.#apiKey = options.apiKey;
    this.apiKeyAddress = options.apiKeyAddress;
  }

  toJSON(): Record<string, unknown> {
    return { relayer: this.http.baseUrl, apiKey: '[redacted]' };
  }

  [inspect.custom](): string {
    return `RelayerClient ${inspect(this.toJSON())}`;
  }

  private auth(): Record<string, string> {
    return { RELAYER_API_KEY: this.#apiKey, RELAYER_API_KEY_ADDRESS: this.apiKeyAddress };
  }

  async nonce(signer: string, kind: RelayerKind): Promise<string> {
    const res = await this.http.request({
      method: 'GET',
      path: RELAYER_PATHS.nonce,
      query: { address: signer, type: kind },
      schema: nonceSchema,
      idempotent: true,
    });
    return res.data.nonce;
  }

  /**
   * `GET /relay-payload`: the relay address and the owner's nonce a PROXY submission signs
   * (docs/redemption.md#r6-proxy, #r7-endpoints).
   */
  async relayPayload(signer: string, kind: 'PROXY'): Promise<{ readonly relay: string; readonly nonce: string }> {
    const res = await this.http.request({
      method: 'GET',
      path: RELAYER_PATHS.relayPayload,
      query: { address: signer, type: kind },
      schema: relayPayloadSchema,
      idempotent: true,
    });
    return { relay: res.data.address.toLowerCase(), nonce: res.data.nonce };
  }

  /** `POST /submit`: never retried here (the caller looks the nonce up instead). */
  async submit(body: Record<string, unknown>): Promise<string> {
    const res = await this.http.request({
      method: 'POST',
      path: RELAYER_PATHS.submit,
      body: JSON.stringify(body),
      headers: this.auth(),
      schema: submitSchema,
      idempotent: false,
    });
    return res.data.transactionID;
  }

  /** `GET /transaction?id=`: the docs answer an array; null when it is empty. */
  async transaction(id: string): Promise<RelayerTx | null> {
    const res = await this.http.request({
      method: 'GET',
      path: RELAYER_PATHS.transaction,
      query: { id },
      schema: z.array(relayerTxSchema).max(10),
      idempotent: true,
    });
    return res.data.find((t) => t.transactionID === id) ?? null;
  }

  /** `GET /transactions` (authenticated): the key owner's recent transactions. */
  async recent(): Promise<RelayerTx[]> {
    const res = await this.http.request({
      method: 'GET',
      path: RELAYER_PATHS.transactions,
      headers: this.auth(),
      schema: z.array(relayerTxSchema).max(1_000),
      idempotent: true,
    });
    return res.data;
  }
}
