/**
 * `npx polymix preflight` against both simulators on 127.0.0.1 with their test accounts, the
 * way an operator runs it against `npm run sim`: the secret from a file, the hosts from the
 * environment. Bad input is a named failed check with a fix and exit 1, never a stack trace,
 * never a secret in the output.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { createPreflightHandler, type PreflightResult } from '../../functions/preflight/handler';
import { createLogger } from '../../lib/runtime';
import { DynamoStore } from '../../lib/store';
import { runCli } from '../../local/cli';
import { type KalshiSim, startKalshiSim } from '../../local/sim/kalshi';
import { type PolymarketSim, startPolymarketSim } from '../../local/sim/polymarket';
import { useDynalite } from '../support/dynalite';
import { LAL_BOS, listGame } from '../support/engine/sim-world';

const PM_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const PM_CREDS = {
  key: '11111111-2222-3333-4444-555555555555',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
  passphrase: 'pass-a',
};
const KALSHI_KEY_ID = '0b4c1a7e-1d2f-4e5a-9b8c-7d6e5f4a3b2c';
const RESET_KEY = 'reset-key-reset-key-reset-key-reset-key';

let kalshi: KalshiSim;
let polymarket: PolymarketSim;
let dir: string;
let pem: string;
let html: Server;
let htmlUrl: string;

beforeAll(async () => {
  kalshi = await startKalshiSim({});
  polymarket = await startPolymarketSim({});
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  kalshi.control.registerAccount({
    keyId: KALSHI_KEY_ID,
    publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    balanceMicros: 500_000_000,
  });
  polymarket.control.registerAccount({
    address: new Wallet(PM_KEY).address,
    balanceMicros: 500_000_000,
    apiCreds: PM_CREDS,
  });
  listGame(kalshi, polymarket, { ...LAL_BOS, gameStartMs: Date.now() + 86_400_000 });
  dir = mkdtempSync(join(tmpdir(), 'polymix-preflight-'));
  html = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><body>Blocked</body></html>');
  });
  await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
  htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all([kalshi.close(), polymarket.close(), new Promise((r) => html.close(r))]);
  rmSync(dir, { recursive: true, force: true });
});

function secret(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    polymarketPrivateKey: PM_KEY,
    polymarketApiKey: PM_CREDS.key,
    polymarketApiSecret: PM_CREDS.secret,
    polymarketApiPassphrase: PM_CREDS.passphrase,
    polymarketFunderAddress: new Wallet(PM_KEY).address,
    polymarketSignatureType: 0,
    kalshiKeyId: KALSHI_KEY_ID,
    kalshiPrivateKeyPem: pem,
    resetKey: RESET_KEY,
    ...overrides,
  };
}

let n = 0;
async function run(content: string | Record<string, unknown>, env: Record<string, string> = {}, extra: string[] = []) {
  n += 1;
  const file = join(dir, `secret-${n}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['preflight', '--secret-file', file, ...extra],
    {
      KALSHI_API_URL: `${kalshi.url}`,
      POLYMARKET_GAMMA_URL: polymarket.gammaUrl,
      POLYMARKET_CLOB_URL: polymarket.url,
      POLYMARKET_DATA_URL: polymarket.url,
      POLYMIX_LEAGUES: 'NBA',
      ...env,
    },
    (s) => out.push(s),
    (s) => err.push(s),
  );
  const text = [...out, ...err].join('\n');
  // Never a secret value, never a stack trace.
  for (const value of [PM_KEY, PM_CREDS.secret, PM_CREDS.passphrase, RESET_KEY, pem.split('\n')[1]!])
    expect(text).not.toContain(value);
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return { code, text };
}

describe('npx polymix preflight against the simulators', () => {
  it('passes with the simulators test accounts: exit 0 and a table', async () => {
    const { code, text } = await run(secret());
    expect(text).toMatch(/check\s+venue\s+result\s+what was found/);
    expect(text).toMatch(/auth\s+kalshi\s+PASS/);
    expect(text).toMatch(/auth\s+polymarket\s+PASS/);
    expect(text).toContain('Preflight PASSED');
    expect(code).toBe(0);
  });

  it('--json prints the run', async () => {
    const { code, text } = await run(secret(), {}, ['--json']);
    expect(code).toBe(0);
    expect(JSON.parse(text)).toMatchObject({ ok: true, runner: 'cli', orderTest: false });
  });

  it.each([
    [
      'a wrong Kalshi key',
      () => secret({ kalshiKeyId: '00000000-0000-4000-8000-000000000000' }),
      /auth\s+kalshi\s+FAIL\s+Kalshi refused our credentials.*→ Check kalshiKeyId and kalshiPrivateKeyPem/,
    ],
    [
      'a wrong Polymarket API key',
      () => secret({ polymarketApiKey: '99999999-2222-3333-4444-555555555555' }),
      /auth\s+polymarket\s+FAIL\s+Polymarket refused our credentials/,
    ],
    [
      'a secret missing a field',
      () => secret({ polymarketApiKey: undefined }),
      /secrets\s+-\s+FAIL\s+the secret is unusable: polymarketApiKey: missing/,
    ],
    [
      'a PEM that is not RSA',
      () =>
        secret({
          kalshiPrivateKeyPem: generateKeyPairSync('ec', { namedCurve: 'P-256' })
            .privateKey.export({ type: 'pkcs8', format: 'pem' })
            .toString(),
        }),
      /kalshiPrivateKeyPem: expected an RSA private key in PEM.*→ kalshiPrivateKeyPem must be the RSA private key Kalshi gave you/,
    ],
    [
      'a secret that is not JSON',
      () => '{"polymarketPrivateKey": "0xabc", oops',
      /the secret is unusable: the secret is not valid JSON/,
    ],
  ])('%s: a named failed check with a fix, exit 1', async (_name, content, expected) => {
    const { code, text } = await run(content());
    expect(text.replace(/\s*\n\s*/g, ' ')).toMatch(expected);
    expect(text).toContain('Preflight FAILED');
    expect(code).toBe(1);
  });

  it('a venue host answering HTML: reachable fails and says to check the host, exit 1', async () => {
    const { code, text } = await run(secret(), { KALSHI_API_URL: `${htmlUrl}/trade-api/v2` });
    expect(text).toMatch(/reachable\s+kalshi\s+FAIL/);
    expect(text).toMatch(/KALSHI_API_URL/);
    expect(code).toBe(1);
  });

  it('bad configuration is a failed check naming the variable', async () => {
    const { code, text } = await run(secret(), { POLYMIX_PREFLIGHT_MAX_AGE_HOURS: 'soon' });
    expect(text).toMatch(/config\s+-\s+FAIL\s+POLYMIX_PREFLIGHT_MAX_AGE_HOURS: expected a whole number of hours/);
    expect(code).toBe(1);
  });

  it('bad usage exits 2', async () => {
    const err: string[] = [];
    expect(
      await runCli(
        ['preflight', '--secret-id'],
        {},
        () => {},
        (s) => err.push(s),
      ),
    ).toBe(2);
    expect(err.join('\n')).toMatch(/--secret-id needs a value/);
  });
});

describe('the preflight function (the deployment runs the same checks and records the run)', () => {
  const db = useDynalite();
  const lines: string[] = [];
  const push = (m: string) => void lines.push(m);
  const logger = createLogger({}, { sink: { info: push, warn: push, error: push } });

  async function handlerWith(secretString: string, leagues = 'NBA') {
    const ctx = await db().createTable();
    const env = {
      KALSHI_API_URL: kalshi.url,
      POLYMARKET_GAMMA_URL: polymarket.gammaUrl,
      POLYMARKET_CLOB_URL: polymarket.url,
      POLYMARKET_DATA_URL: polymarket.url,
      POLYMIX_LEAGUES: leagues,
      POLYMIX_SECRET_ID: 'polymix/test',
      POLYMIX_TABLE_NAME: ctx.tableName,
      AWS_REGION: 'eu-west-1',
    };
    const secrets = { send: async () => ({ SecretString: secretString }) };
    const handler = createPreflightHandler(env, logger, { dynamo: db().client, secrets: secrets as never });
    return { handler, store: new DynamoStore(db().client, ctx.tableName) };
  }

  it('records a passing run the live gate can read', async () => {
    const { handler, store } = await handlerWith(JSON.stringify(secret()));
    const result = (await handler({}, {} as never)) as PreflightResult;
    expect(result).toMatchObject({ status: 'done', ok: true, runner: 'lambda' });
    expect(result.status === 'done' && result.checks.find((c) => c.id === 'aws-region')).toMatchObject({
      result: 'pass',
    });
    expect((await store.getLastPreflight())?.ok).toBe(true);
  });

  it('records a failed run (bad secret) and refuses a malformed event', async () => {
    const { handler, store } = await handlerWith('{"kalshiKeyId": 1}');
    expect(await handler({ orderTest: 'yes' }, {} as never)).toMatchObject({ status: 'refused' });
    const result = await handler({}, {} as never);
    expect(result).toMatchObject({ status: 'done', ok: false });
    expect((await store.getLastPreflight())?.ok).toBe(false);
  });

  it('checks only the leagues live trading lists: a paper-only league is a warning, none left a failure', async () => {
    const mixed = await handlerWith(JSON.stringify(secret()), 'NBA,WNBA,ATP');
    const run = (await mixed.handler({}, {} as never)) as PreflightResult;
    expect(run).toMatchObject({ status: 'done', ok: true });
    if (run.status !== 'done') throw new Error('not done');
    expect(run.checks.find((c) => c.id === 'leagues')).toMatchObject({
      result: 'warn',
      required: false,
      detail: expect.stringMatching(
        /^live lists NBA; paper only, not checked: WNBA \(WNBA is paper-only: .*; ATP \(ATP tennis is paper-only: /,
      ),
    });
    expect(run.checks.filter((c) => c.id.startsWith('games.')).map((c) => c.id)).toEqual(['games.NBA', 'games.NBA']);

    const none = await handlerWith(JSON.stringify(secret()), 'WNBA');
    const refused = (await none.handler({}, {} as never)) as PreflightResult;
    expect(refused).toMatchObject({ status: 'done', ok: false });
    if (refused.status !== 'done') throw new Error('not done');
    expect(refused.checks.find((c) => c.id === 'leagues')).toMatchObject({
      result: 'fail',
      required: true,
      detail: expect.stringMatching(/^live trading lists none of the selected leagues: WNBA/),
    });
  });
});
