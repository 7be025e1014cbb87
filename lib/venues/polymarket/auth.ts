/**
 * Polymarket CLOB authentication (docs/venues-polymarket.md#p3).
 * - L1: an EIP-712 `ClobAuth` signature by the EOA, used only to create or derive API keys.
 * - L2: HMAC-SHA256 over `timestamp + METHOD + requestPath (+ exact body)`, keyed by the
 *   base64(url) API secret, sent URL-safe base64 WITH its `=` padding.
 */
import { createHmac } from 'node:crypto';
import type { Wallet } from 'ethers';
import { CLOB_AUTH_DOMAIN, CLOB_AUTH_MESSAGE, CLOB_AUTH_TYPES } from './constants';

export interface ApiCredentials {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
}

export interface L1Headers {
  readonly POLY_ADDRESS: string;
  readonly POLY_SIGNATURE: string;
  readonly POLY_TIMESTAMP: string;
  readonly POLY_NONCE: string;
  readonly [name: string]: string;
}

export interface L2Headers {
  readonly POLY_ADDRESS: string;
  readonly POLY_SIGNATURE: string;
  readonly POLY_TIMESTAMP: string;
  readonly POLY_API_KEY: string;
  readonly POLY_PASSPHRASE: string;
  readonly [name: string]: string;
}

/** L1 headers for `POST /auth/api-key` and `GET /auth/derive-api-key`. `timestampSec` is unix seconds. */
export async function l1Headers(wallet: Wallet, timestampSec: number, nonce = 0): Promise<L1Headers> {
  const timestamp = String(timestampSec);
  const signature = await wallet.signTypedData(CLOB_AUTH_DOMAIN, CLOB_AUTH_TYPES, {
    address: wallet.address,
    timestamp,
    nonce,
    message: CLOB_AUTH_MESSAGE,
  });
  return {
    POLY_ADDRESS: wallet.address,
    POLY_SIGNATURE: signature,
    POLY_TIMESTAMP: timestamp,
    POLY_NONCE: String(nonce),
  };
}

/**
 * The L2 signature. `requestPath` has NO query string (the SDK signs `/data/trades` and sends
 * the parameters separately); `body` must be the exact string that is sent.
 */
export function l2Signature(
  secret: string,
  timestampSec: number,
  method: string,
  requestPath: string,
  body?: string,
): string {
  if (!secret) throw new Error('polymarket L2 signing needs an API secret');
  if (requestPath.includes('?')) throw new Error('polymarket L2 requestPath must not carry a query string');
  const key = Buffer.from(secret.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const message = `${timestampSec}${method}${requestPath}${body ?? ''}`;
  return createHmac('sha256', key).update(message, 'utf8').digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** L2 headers. `address` is the signer EOA, also for proxy/safe/deposit-wallet accounts (docs/venues-polymarket.md#p3). */
export function l2Headers(
  address: string,
  creds: ApiCredentials,
  timestampSec: number,
  method: string,
  requestPath: string,
  body?: string,
): L2Headers {
  return {
    POLY_ADDRESS: address,
    POLY_SIGNATURE: l2Signature(creds.secret, timestampSec, method, requestPath, body),
    POLY_TIMESTAMP: String(timestampSec),
    POLY_API_KEY: creds.apiKey,
    POLY_PASSPHRASE: creds.passphrase,
  };
}
