/**
 * Throwaway Ed25519 API keys in the venue's format (docs/venues-polymarket-us.md#u-auth): a UUID
 * key id and a base64 secret of 64 bytes, the 32-byte seed then the 32-byte public key. For runs
 * against the simulator (paper or live against it) and tests; a real key comes from the venue.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';

export interface PolymarketUsSimKey {
  /** The API key id, a UUID (`X-PM-Access-Key`). */
  readonly keyId: string;
  /** base64 of seed ‖ public key (64 bytes): what a client signs with. */
  readonly secretKey: string;
  /** base64 of the 32-byte public key: what the simulator verifies with. */
  readonly publicKeyBase64: string;
}

export function newPolymarketUsSimKey(keyId: string = randomUUID()): PolymarketUsSimKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { keyId, secretKey: Buffer.concat([seed, pub]).toString('base64'), publicKeyBase64: pub.toString('base64') };
}
