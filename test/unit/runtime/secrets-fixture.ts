/** A complete, valid secrets JSON for runtime tests (made-up keys; the RSA key is generated). */
import { generateKeyPairSync } from 'node:crypto';

export const KALSHI_PEM = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

export const SECRETS = {
  polymarketPrivateKey: `0x${'4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'}`,
  polymarketApiKey: 'pm-api-key-00000000-1111',
  polymarketApiSecret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
  polymarketApiPassphrase: 'pm-passphrase-abcdefgh',
  polymarketFunderAddress: '0x2c7536e3605d9c16a7a3d7b1898e529396a65c23',
  polymarketSignatureType: 1,
  kalshiKeyId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
  kalshiPrivateKeyPem: KALSHI_PEM,
  resetKey: 'secret-reset-key-0123456789abcdefghij',
} as const;

/** Every value a log line or response must never contain. */
export const SECRET_VALUES: readonly string[] = [
  SECRETS.polymarketPrivateKey,
  SECRETS.polymarketPrivateKey.slice(2),
  SECRETS.polymarketApiKey,
  SECRETS.polymarketApiSecret,
  SECRETS.polymarketApiPassphrase,
  SECRETS.kalshiKeyId,
  SECRETS.resetKey,
  KALSHI_PEM.split('\n')[1]!,
];
