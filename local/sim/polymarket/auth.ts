/**
 * Request authentication as the venue does it (docs/venues-polymarket.md#p3):
 * - L1: an EIP-712 "ClobAuth" signature by the wallet, for creating/deriving API keys;
 * - L2: HMAC-SHA256 over `timestamp + METHOD + path (no query) + exact body`, keyed by the
 *   base64(url) API secret, sent url-safe base64 WITH `=` padding.
 * Both timestamps are unix seconds and must be within `maxSkewSec` of the simulator clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { getAddress, verifyTypedData } from 'ethers';
import type { AccountBook, ApiCreds, SimAccount } from './accounts';
import { CLOB_AUTH_DOMAIN, CLOB_AUTH_MESSAGE, CLOB_AUTH_TYPES } from './constants';

export type AuthFailure = { readonly ok: false; readonly reason: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function freshTimestamp(raw: string | undefined, nowMs: number, maxSkewSec: number): number | null {
  if (!raw || !/^\d{1,12}$/.test(raw)) return null;
  const sec = Number(raw);
  return Math.abs(nowMs / 1000 - sec) <= maxSkewSec ? sec : null;
}

/** The L2 signature of one request, exactly as the venue computes it. */
export function polyHmac(secret: string, timestamp: string, method: string, path: string, body: string): string {
  const key = Buffer.from(secret.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const digest = createHmac('sha256', key)
    .update(timestamp + method + path + body)
    .digest('base64');
  return digest.replace(/\+/g, '-').replace(/\//g, '_');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export type L2Result = { readonly ok: true; readonly account: SimAccount; readonly creds: ApiCreds } | AuthFailure;

export function verifyL2(
  accounts: AccountBook,
  request: { headers: IncomingHttpHeaders; method: string; path: string; body: string },
  nowMs: number,
  maxSkewSec: number,
): L2Result {
  const key = header(request.headers, 'POLY_API_KEY');
  const signature = header(request.headers, 'POLY_SIGNATURE');
  const timestamp = header(request.headers, 'POLY_TIMESTAMP');
  const address = header(request.headers, 'POLY_ADDRESS');
  const passphrase = header(request.headers, 'POLY_PASSPHRASE');
  if (!key || !signature || !timestamp || !address || !passphrase) return { ok: false, reason: 'missing L2 header' };
  const found = accounts.byApiKey(key);
  if (!found) return { ok: false, reason: 'unknown api key' };
  if (!sameText(passphrase, found.creds.passphrase)) return { ok: false, reason: 'wrong passphrase' };
  let claimed: string;
  try {
    claimed = getAddress(address);
  } catch {
    return { ok: false, reason: 'bad POLY_ADDRESS' };
  }
  if (claimed !== found.account.address) return { ok: false, reason: 'address is not the key owner' };
  if (freshTimestamp(timestamp, nowMs, maxSkewSec) === null) return { ok: false, reason: 'stale timestamp' };
  const expected = polyHmac(found.creds.secret, timestamp, request.method, request.path, request.body);
  if (!sameText(signature, expected)) return { ok: false, reason: 'bad signature' };
  return { ok: true, account: found.account, creds: found.creds };
}

export type L1Result = { readonly ok: true; readonly address: string; readonly nonce: string } | AuthFailure;

export function verifyL1(headers: IncomingHttpHeaders, nowMs: number, maxSkewSec: number): L1Result {
  const address = header(headers, 'POLY_ADDRESS');
  const signature = header(headers, 'POLY_SIGNATURE');
  const timestamp = header(headers, 'POLY_TIMESTAMP');
  const nonce = header(headers, 'POLY_NONCE') ?? '0';
  if (!address || !signature || !timestamp) return { ok: false, reason: 'missing L1 header' };
  if (!/^\d{1,30}$/.test(nonce)) return { ok: false, reason: 'bad nonce' };
  if (freshTimestamp(timestamp, nowMs, maxSkewSec) === null) return { ok: false, reason: 'stale timestamp' };
  try {
    const claimed = getAddress(address);
    const value = { address: claimed, timestamp, nonce, message: CLOB_AUTH_MESSAGE };
    const signer = verifyTypedData(CLOB_AUTH_DOMAIN, CLOB_AUTH_TYPES, value, signature);
    if (signer !== claimed) return { ok: false, reason: 'signature is not by POLY_ADDRESS' };
    return { ok: true, address: claimed, nonce };
  } catch {
    return { ok: false, reason: 'unreadable signature' };
  }
}
