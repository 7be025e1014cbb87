/**
 * Request authentication as Kalshi does it (docs/venues-kalshi.md#k3): headers KALSHI-ACCESS-KEY,
 * KALSHI-ACCESS-TIMESTAMP (ms) and KALSHI-ACCESS-SIGNATURE = base64 RSA-PSS(SHA-256, MGF1
 * SHA-256, salt 32) over `timestamp + METHOD + path`, the path from the root including
 * `/trade-api/v2` and without the query string. PSS is randomised, so we verify, never compare.
 * The timestamp window is checked against the REAL clock (clients sign with wall time even
 * when the simulation runs fast-forward).
 */
import { constants, verify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { unauthorized } from './errors';
import type { SimAccount } from './state';

export interface AuthCheck {
  readonly method: string;
  /** Request path as received, without the query string. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly realNowMs: number;
  readonly windowMs: number;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function authenticate(check: AuthCheck, accounts: ReadonlyMap<string, SimAccount>): SimAccount {
  const keyId = header(check.headers, 'KALSHI-ACCESS-KEY');
  const timestamp = header(check.headers, 'KALSHI-ACCESS-TIMESTAMP');
  const signature = header(check.headers, 'KALSHI-ACCESS-SIGNATURE');
  if (!keyId || !timestamp || !signature) throw unauthorized('missing KALSHI-ACCESS-* headers');
  const account = accounts.get(keyId);
  if (!account) throw unauthorized('unknown api key');
  if (!/^\d{1,16}$/.test(timestamp)) throw unauthorized('timestamp must be epoch milliseconds');
  const skew = Math.abs(check.realNowMs - Number(timestamp));
  if (skew > check.windowMs) throw unauthorized('timestamp outside the allowed window');
  const message = Buffer.from(`${timestamp}${check.method.toUpperCase()}${check.path}`, 'utf8');
  let ok = false;
  try {
    ok = verify(
      'sha256',
      message,
      { key: account.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      Buffer.from(signature, 'base64'),
    );
  } catch {
    ok = false;
  }
  if (!ok) throw unauthorized('INCORRECT_API_KEY_SIGNATURE');
  return account;
}
