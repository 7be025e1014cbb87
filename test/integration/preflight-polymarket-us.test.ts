/**
 * `npx polymix preflight` for Kalshi × Polymarket US (POLYMIX_VENUES=kalshi,polymarket-us)
 * against the Kalshi and Polymarket US simulators on 127.0.0.1: the secret is checked for that
 * pair, the Polymarket US client is built with its key, and its checks run (listings, a signed
 * `GET /v1/account/balances`). A secret for the other pair is a named failure; never a key in the output.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../local/cli';
import { type KalshiSim, startKalshiSim } from '../../local/sim/kalshi';
import { type PolymarketUsSim, startPolymarketUsSim } from '../../local/sim/polymarket-us';
import { newPmusKey } from '../support/sim/polymarket-us-fixture';

const KALSHI_KEY_ID = '0b4c1a7e-1d2f-4e5a-9b8c-7d6e5f4a3b2c';
const RESET_KEY = 'reset-key-reset-key-reset-key-reset-key';

let kalshi: KalshiSim;
let pmus: PolymarketUsSim;
let dir: string;
let pem: string;
const usKey = newPmusKey();

beforeAll(async () => {
  kalshi = await startKalshiSim({});
  pmus = await startPolymarketUsSim({});
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  kalshi.control.registerAccount({
    keyId: KALSHI_KEY_ID,
    publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    balanceMicros: 500_000_000,
  });
  pmus.control.registerAccount({
    keyId: usKey.keyId,
    publicKeyBase64: usKey.publicKeyBase64,
    buyingPowerMicros: 250_000_000,
  });
  dir = mkdtempSync(join(tmpdir(), 'polymix-preflight-us-'));
});

afterAll(async () => {
  await Promise.all([kalshi.close(), pmus.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function run(content: Record<string, unknown>) {
  const file = join(dir, `secret-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(content));
  const out: string[] = [];
  const code = await runCli(
    ['preflight', '--secret-file', file],
    {
      POLYMIX_VENUES: 'kalshi,polymarket-us',
      KALSHI_API_URL: kalshi.url,
      POLYMARKET_US_GATEWAY_URL: pmus.gatewayUrl,
      POLYMARKET_US_API_URL: pmus.apiUrl,
      POLYMIX_LEAGUES: 'NBA',
      AWS_REGION: 'us-east-1',
    },
    (s) => out.push(s),
    (s) => out.push(s),
  );
  const text = out.join('\n');
  for (const value of [usKey.secretKey, RESET_KEY, pem.split('\n')[1]!]) expect(text).not.toContain(value);
  return { code, text };
}

describe('npx polymix preflight on kalshi,polymarket-us', () => {
  it('checks the secret for the pair and authenticates both venues with their keys', async () => {
    const { text } = await run({
      kalshiKeyId: KALSHI_KEY_ID,
      kalshiPrivateKeyPem: pem,
      resetKey: RESET_KEY,
      polymarketUsKeyId: usKey.keyId,
      polymarketUsSecretKey: usKey.secretKey,
    });
    expect(text).toMatch(/secrets\s+.*PASS.*kalshi,polymarket-us/);
    expect(text).toMatch(/auth\s+kalshi\s+PASS/);
    expect(text).toMatch(/auth\s+polymarket-us\s+PASS/);
    // A US region is no problem for this pair: the refused-regions list is Polymarket (international)'s.
    expect(text).toMatch(/aws-region\s+.*PASS/);
  });

  it('fails on a secret for the other pair, naming the missing fields', async () => {
    const { code, text } = await run({
      kalshiKeyId: KALSHI_KEY_ID,
      kalshiPrivateKeyPem: pem,
      resetKey: RESET_KEY,
      polymarketPrivateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    });
    expect(code).toBe(1);
    expect(text).toContain('polymarketUsKeyId: missing; polymarketUsSecretKey: missing');
    expect(text).not.toContain('ac0974bec39a17e3');
  });
});
