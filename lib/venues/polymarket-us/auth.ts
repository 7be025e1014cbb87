/**
 * Polymarket US request signing (docs/venues-polymarket-us.md#u-auth): Ed25519 over the text
 * `timestamp_ms + METHOD + path`, the path WITHOUT the query string; the body is not signed.
 * Headers `X-PM-Access-Key` (the key id, a UUID), `X-PM-Timestamp` (ms), `X-PM-Signature`
 * (standard base64 of the 64-byte signature). The secret key is the base64 of 64 bytes (32-byte
 * seed, then the 32-byte public key) or of the 32-byte seed alone.
 *
 * Node's crypto signs Ed25519 natively; the official SDK is a test oracle only and never
 * imported here. The key lives in a `KeyObject` (its inspection shows no key material) and never
 * appears in errors or logs. Ed25519 is deterministic: one text, one signature.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from './constants';

export interface PolymarketUsCredentials {
  /** API key id (a UUID) from polymarket.us/developer. */
  readonly keyId: string;
  /** base64 Ed25519 private key: 64 bytes (seed ‖ public key) or the 32-byte seed. */
  readonly secretKey: string;
}

/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410): the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a credential cannot be used, in words that never quote it. */
export class PolymarketUsKeyError extends TypeError {
  constructor(message: string) {
    super(`Polymarket US credentials: ${message}`);
    this.name = 'PolymarketUsKeyError';
  }
}

/** The exact text that is signed. */
export function signingText(timestampMs: number, method: string, path: string): string {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) throw new RangeError('timestamp must be integer ms');
  if (!path.startsWith('/')) throw new RangeError('the signed path starts with /');
  if (path.includes('?')) throw new RangeError('the signed path never includes the query string');
  return `${timestampMs}${method.toUpperCase()}${path}`;
}

/** The Ed25519 key pair of a 32-byte seed. */
export function ed25519FromSeed(seed: Uint8Array): { privateKey: KeyObject; publicKey: Buffer } {
  if (seed.length !== 32) throw new PolymarketUsKeyError('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seed)]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: Buffer.from(spki.subarray(spki.length - 32)) };
}

/** Reads the base64 secret key: 64 bytes whose second half is the first half's public key, or a 32-byte seed. */
export function readSecretKey(secretKey: string): { privateKey: KeyObject; publicKey: Buffer } {
  const text = secretKey.trim();
  if (text === '') throw new PolymarketUsKeyError('the secret key is empty');
  if (/-----BEGIN/.test(text))
    throw new PolymarketUsKeyError('the secret key is a PEM; Polymarket US keys are base64 Ed25519 bytes');
  if (!BASE64.test(text)) throw new PolymarketUsKeyError('the secret key is not standard base64');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 64 && bytes.length !== 32) {
    throw new PolymarketUsKeyError(`the secret key decodes to ${bytes.length} bytes; expected 64 (or a 32-byte seed)`);
  }
  const pair = ed25519FromSeed(bytes.subarray(0, 32));
  if (bytes.length === 64 && !pair.publicKey.equals(bytes.subarray(32))) {
    throw new PolymarketUsKeyError(
      'the last 32 bytes of the secret key are not the public key of its first 32 (wrong key, or a different format)',
    );
  }
  return pair;
}

export class PolymarketUsSigner {
  readonly keyId: string;
  /** The public key (32 bytes, base64), safe to show: it identifies the key in preflight output. */
  readonly publicKeyBase64: string;
  private readonly key: KeyObject;

  constructor(credentials: PolymarketUsCredentials) {
    if (!UUID.test(credentials.keyId)) throw new PolymarketUsKeyError('the key id must be a UUID');
    const { privateKey, publicKey } = readSecretKey(credentials.secretKey);
    this.keyId = credentials.keyId;
    this.key = privateKey;
    this.publicKeyBase64 = publicKey.toString('base64');
  }

  /** base64 Ed25519 signature of `text`. */
  signText(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.key).toString('base64');
  }

  /** The three auth headers for one request. `path` is the URL path, no query. */
  headers(method: string, path: string, timestampMs: number): Record<string, string> {
    return {
      [HEADER_KEY]: this.keyId,
      [HEADER_TIMESTAMP]: String(timestampMs),
      [HEADER_SIGNATURE]: this.signText(signingText(timestampMs, method, path)),
    };
  }

  toJSON(): Record<string, string> {
    return { keyId: this.keyId, secretKey: '[redacted]' };
  }
}
