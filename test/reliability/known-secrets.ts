/**
 * Accounts with KNOWN secret values, registered in the simulators, and venue clients that use
 * them: the secrets test searches every output for these exact strings, and the fuzz tests
 * record real simulator answers through these clients' injectable fetch.
 * All values are test-only: an Anvil development key (public, never funded) and made-up ones.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Wallet } from 'ethers';
import type { Venue } from '../../lib/engine/ports';
import type { FetchFn } from '../../lib/venues/http';
import { createKalshiVenue } from '../../lib/venues/kalshi';
import { createPolymarketVenue } from '../../lib/venues/polymarket';
import type { SimWorld } from '../support/engine/sim-world';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

export const KNOWN = {
  /** Anvil account #1: public test key. */
  polymarketPrivateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  polymarketApiKey: '9d3c1f0e-5b7a-4c2d-8e6f-0a1b2c3d4e5f',
  polymarketSecret: 'S05PV04tcG9seW1hcmtldC1zZWNyZXQtdmFsdWUtMDAx',
  polymarketPassphrase: 'KNOWN-passphrase-7f3a9c21e4',
  kalshiKeyId: 'a7b6c5d4-e3f2-4a1b-9c8d-7e6f5a4b3c2d',
  kalshiPrivateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  kalshiPublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  resetKey: 'KNOWN-reset-key-0b1c2d3e4f5a6b7c8d9e',
} as const;

export const KNOWN_ADDRESS = new Wallet(KNOWN.polymarketPrivateKey).address;

/** Strings that must never appear in any output: each secret, and the PEM's body lines. */
export function secretNeedles(): string[] {
  const pemLines = KNOWN.kalshiPrivateKeyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
  return [
    KNOWN.polymarketPrivateKey,
    KNOWN.polymarketPrivateKey.slice(2),
    KNOWN.polymarketSecret,
    KNOWN.polymarketPassphrase,
    KNOWN.resetKey,
    ...pemLines,
  ];
}

/** Registers the known accounts in the world's simulators (once per world). */
export function registerKnownAccounts(world: SimWorld, balanceMicros = 1_000_000_000): void {
  world.kalshiSim.control.registerAccount({
    keyId: KNOWN.kalshiKeyId,
    publicKeyPem: KNOWN.kalshiPublicKeyPem,
    balanceMicros,
  });
  world.polymarketSim.control.registerAccount({
    address: KNOWN_ADDRESS,
    balanceMicros,
    apiCreds: { key: KNOWN.polymarketApiKey, secret: KNOWN.polymarketSecret, passphrase: KNOWN.polymarketPassphrase },
  });
}

export function knownClients(world: SimWorld, fetch?: FetchFn): { kalshi: Venue; polymarket: Venue } {
  const deps = { clock: world.clock, ...(fetch ? { fetch } : {}) };
  return {
    kalshi: createKalshiVenue(
      {
        baseUrl: world.kalshiSim.url,
        credentials: { keyId: KNOWN.kalshiKeyId, privateKeyPem: KNOWN.kalshiPrivateKeyPem },
        timeoutMs: 400,
        lookupAttempts: 2,
        lookupDelayMs: 10,
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      },
      deps,
    ),
    polymarket: createPolymarketVenue(
      {
        gammaUrl: world.polymarketSim.gammaUrl,
        clobUrl: world.polymarketSim.url,
        dataUrl: world.polymarketSim.url,
        credentials: {
          privateKey: KNOWN.polymarketPrivateKey,
          apiKey: KNOWN.polymarketApiKey,
          secret: KNOWN.polymarketSecret,
          passphrase: KNOWN.polymarketPassphrase,
        },
        timeoutMs: 400,
        orderTimeoutMs: 400,
      },
      deps,
    ),
  };
}
