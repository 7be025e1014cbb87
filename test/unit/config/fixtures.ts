/** Complete, valid secrets objects for the config tests, with fresh keys. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { PolymarketPairSecrets, PolymarketUsPairSecrets } from '../../../lib/config/secrets';
import { ed25519FromSeed } from '../../../lib/venues/polymarket-us/auth';

export function validSecrets(): { pem: string; valid: PolymarketPairSecrets } {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const valid: PolymarketPairSecrets = {
    polymarketPrivateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    polymarketApiKey: '5b3f9a30-0d3c-4b5e-9c55-1f0a2e7d8c41',
    polymarketApiSecret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
    polymarketApiPassphrase: 'passphrase-7f3e1c2b9a',
    polymarketFunderAddress: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    polymarketSignatureType: 2,
    kalshiKeyId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
    kalshiPrivateKeyPem: pem,
    resetKey: 'reset-key-0123456789abcdef-0123456789',
  };
  return { pem, valid };
}

/** A Polymarket US key as polymarket.us/developer gives it: base64 of a 32-byte seed followed by its public key. */
export function polymarketUsKey(): { keyId: string; secretKey: string } {
  const seed = randomBytes(32);
  const { publicKey } = ed25519FromSeed(seed);
  return {
    keyId: '0b6a3c1e-5f2d-4e8a-9c7b-2d4f6a8e0c13',
    secretKey: Buffer.concat([seed, publicKey]).toString('base64'),
  };
}

/** A complete secret for kalshi,polymarket-us: Kalshi's keys and reset key (of `valid`) and a fresh Polymarket US key. */
export function validUsSecrets(valid: PolymarketPairSecrets = validSecrets().valid): PolymarketUsPairSecrets {
  const key = polymarketUsKey();
  return {
    kalshiKeyId: valid.kalshiKeyId,
    kalshiPrivateKeyPem: valid.kalshiPrivateKeyPem,
    resetKey: valid.resetKey,
    polymarketUsKeyId: key.keyId,
    polymarketUsSecretKey: key.secretKey,
  };
}
