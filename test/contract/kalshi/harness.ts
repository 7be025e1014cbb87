/** Shared set-up of the Kalshi contract tests: keys made here, a fake venue, a skip-ahead clock. */
import { constants, generateKeyPairSync, verify } from 'node:crypto';
import type { Clock } from '../../../lib/engine/ports';
import { createKalshiVenue, type KalshiConfig } from '../../../lib/venues/kalshi';
import type { FakeKalshi, Seen } from './server';

export const KEY_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

let keys: { publicKey: string; privateKey: string } | null = null;
/** A fresh 2048-bit RSA key pair per test run; no key file is ever committed. */
export function testKeys(): { publicKey: string; privateKey: string } {
  keys ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return keys;
}

/** Sleeps are recorded and skipped: lookups and token buckets cost no wall time. */
export function skipClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  let now = 1_766_880_000_000;
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

export function venueFor(fake: FakeKalshi, over: Partial<KalshiConfig> = {}, clock = skipClock()) {
  return createKalshiVenue(
    {
      baseUrl: fake.baseUrl,
      credentials: { keyId: KEY_ID, privateKeyPem: testKeys().privateKey },
      timeoutMs: 2_000,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      ...over,
    },
    { clock, random: () => 0 },
  );
}

/** Whether a recorded request carries a valid signature over `ts + METHOD + /trade-api/v2/path`. */
export function signedCorrectly(req: Seen): boolean {
  const ts = req.headers['kalshi-access-timestamp'];
  const sig = req.headers['kalshi-access-signature'];
  if (typeof ts !== 'string' || typeof sig !== 'string' || req.headers['kalshi-access-key'] !== KEY_ID) return false;
  return verify(
    'sha256',
    Buffer.from(`${ts}${req.method}${req.fullPath}`),
    { key: testKeys().publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(sig, 'base64'),
  );
}
