/**
 * Request authentication as Polymarket US does it (docs/venues-polymarket-us.md#u-auth): headers
 * X-PM-Access-Key (the key id), X-PM-Timestamp (ms, "within 30 seconds of server time") and
 * X-PM-Signature = base64 Ed25519 over `timestamp + METHOD + path`, the path without the query
 * string; the body is not signed. The window is checked against the REAL clock (clients sign with
 * wall time even when the simulation runs fast-forward). Also the client-side signer tests use,
 * kept beside the verifier so the simulator never depends on lib/venues.
 */
import { createPrivateKey, type KeyObject, sign, verify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { unauthorized } from './errors';
import type { SimAccount } from './state';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export interface AuthCheck {
  readonly method: string;
  /** The path as received, without the query string. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly realNowMs: number;
  readonly windowMs: number;
}

export function authenticate(check: AuthCheck, accounts: ReadonlyMap<string, SimAccount>): SimAccount {
  const keyId = header(check.headers, 'X-PM-Access-Key');
  const timestamp = header(check.headers, 'X-PM-Timestamp');
  const signature = header(check.headers, 'X-PM-Signature');
  if (!keyId || !timestamp || !signature) throw unauthorized('missing X-PM-* authentication headers');
  const account = accounts.get(keyId);
  if (!account) throw unauthorized('unknown API key');
  if (!/^\d{1,16}$/.test(timestamp)) throw unauthorized('timestamp must be epoch milliseconds');
  if (Math.abs(check.realNowMs - Number(timestamp)) > check.windowMs) {
    throw unauthorized('timestamp outside the allowed window');
  }
  let ok = false;
  try {
    ok = verify(
      null,
      Buffer.from(`${timestamp}${check.method.toUpperCase()}${check.path}`, 'utf8'),
      account.publicKey,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    ok = false;
  }
  if (!ok) throw unauthorized('invalid signature');
  return account;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A signing key from a base64 secret (64 bytes seed ‖ public, or the 32-byte seed). */
export function simSigningKey(secretKeyBase64: string): KeyObject {
  const seed = Buffer.from(secretKeyBase64, 'base64').subarray(0, 32);
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** Headers a client sends, for tests and tools that talk to the simulator without our client. */
export function pmusAuthHeaders(
  keyId: string,
  secretKeyBase64: string,
  method: string,
  path: string,
  timestampMs: number,
): Record<string, string> {
  const ts = String(timestampMs);
  const signature = sign(null, Buffer.from(`${ts}${method.toUpperCase()}${path}`), simSigningKey(secretKeyBase64));
  return { 'X-PM-Access-Key': keyId, 'X-PM-Timestamp': ts, 'X-PM-Signature': signature.toString('base64') };
}
