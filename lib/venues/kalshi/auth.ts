/**
 * Kalshi request signing (docs/venues-kalshi.md#k3): RSA-PSS, SHA-256, MGF1-SHA256, salt length 32, over
 * `timestamp_ms + METHOD + path` where path is the URL path from the API root INCLUDING
 * `/trade-api/v2` and WITHOUT the query string. The body is not signed. Standard base64.
 *
 * The private key is held as a `KeyObject` (its inspection shows no key material) and never
 * appears in errors or logs.
 */
import { constants, createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP, PSS_SALT_LENGTH } from './constants';

export interface KalshiCredentials {
  /** API key id (a UUID). */
  readonly keyId: string;
  /** RSA private key, PEM (PKCS#1 or PKCS#8). */
  readonly privateKeyPem: string;
}

/** The exact text that is signed. */
export function signingString(timestampMs: number, method: string, signedPath: string): string {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) throw new RangeError('timestamp must be integer ms');
  if (signedPath.includes('?')) throw new RangeError('the signed path never includes the query string');
  return `${timestampMs}${method.toUpperCase()}${signedPath}`;
}

/**
 * The path prefix of the base URL (`/trade-api/v2` for every Kalshi host and for a local
 * simulator mounted the same way), without a trailing slash.
 */
export function basePathOf(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}

export class KalshiSigner {
  readonly keyId: string;
  private readonly key: KeyObject;

  constructor(credentials: KalshiCredentials) {
    if (!credentials.keyId) throw new TypeError('Kalshi key id is empty');
    let key: KeyObject;
    try {
      key = createPrivateKey(credentials.privateKeyPem);
    } catch {
      // Never echo the PEM or the parser's message (it may quote key bytes).
      throw new TypeError('Kalshi private key is not a readable PEM private key');
    }
    if (key.asymmetricKeyType !== 'rsa') throw new TypeError('Kalshi private key must be an RSA key');
    this.keyId = credentials.keyId;
    this.key = key;
  }

  /** base64 RSA-PSS signature of `text`. PSS salts are random: two calls give different bytes. */
  signText(text: string): string {
    return sign('sha256', Buffer.from(text, 'utf8'), {
      key: this.key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: PSS_SALT_LENGTH,
    }).toString('base64');
  }

  /** The three auth headers for one request. `signedPath` = base path + request path, no query. */
  headers(method: string, signedPath: string, timestampMs: number): Record<string, string> {
    const text = signingString(timestampMs, method, signedPath);
    return {
      [HEADER_KEY]: this.keyId,
      [HEADER_TIMESTAMP]: String(timestampMs),
      [HEADER_SIGNATURE]: this.signText(text),
    };
  }

  toJSON(): Record<string, string> {
    return { keyId: this.keyId, privateKey: '[redacted]' };
  }
}
