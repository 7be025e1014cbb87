/** A complete, valid secrets object for the config tests, with a fresh RSA key. */
import { generateKeyPairSync } from 'node:crypto';
import type { Secrets } from '../../../lib/config/secrets';

export function validSecrets(): { pem: string; valid: Secrets } {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const valid: Secrets = {
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
