/**
 * functions/api end to end: API Gateway proxy event → middy handler → runtime (built once,
 * against dynalite) → routes → proxy result.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createApiHandler } from '../../../functions/api/handler';
import {
  buildRuntime,
  createLogger,
  parseCorsOrigins,
  RecordingSink,
  type Runtime,
  runtimeOnce,
} from '../../../lib/runtime';
import { useDynalite } from '../../support/dynalite';
import { SECRET_VALUES, SECRETS } from '../runtime/secrets-fixture';
import { apigwEvent, lambdaContext } from './apigw-event';

const db = useDynalite();
const secretsManager = mockClient(SecretsManagerClient);
beforeEach(() => secretsManager.reset());
const PAPER_RESET = 'paper-reset-key-0123456789abcdefghijkl';

async function setup(env: Record<string, string> = {}) {
  const ctx = await db().createTable();
  const fullEnv: Record<string, string> = { POLYMIX_TABLE_NAME: ctx.tableName, ...env };
  const sink = new RecordingSink();
  const logger = createLogger(fullEnv, { sink });
  const build = jest.fn(() =>
    buildRuntime(fullEnv, logger, {
      clients: { dynamo: db().client, secrets: new SecretsManagerClient({ region: 'us-east-1' }) },
    }),
  );
  const getRuntime = runtimeOnce(build);
  // As functions/api/handler.ts does at module load: the valid origins, for answers given before the runtime exists.
  const handler = createApiHandler(logger, getRuntime, {
    corsOrigins: parseCorsOrigins(fullEnv.POLYMIX_CORS_ORIGINS).origins,
  });
  const invoke = async (event: unknown) => {
    const res = (await handler(event, lambdaContext)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    return { ...res, json: JSON.parse(res.body) };
  };
  return { invoke, sink, build, runtime: () => getRuntime() as Promise<Runtime> };
}

describe('functions/api handler', () => {
  it('answers GET /trading/state with the JSON shape, and builds the runtime once per container', async () => {
    const { invoke, build } = await setup({ LIVE_TRADING_INITIAL_BALANCE: '250.5' });
    const res = await invoke(apigwEvent('GET', '/trading/state', { query: { limit: '5' } }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json).toMatchObject({
      mode: 'paper',
      balance: '250.500000',
      balance_micros: 250_500_000,
      bets: [],
      next_cursor: null,
    });
    await invoke(apigwEvent('GET', '/trading/mode'));
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('halts and resumes through POST bodies, base64-encoded or not', async () => {
    const { invoke, runtime } = await setup();
    const halted = await invoke(
      apigwEvent('POST', '/trading/halt', { body: JSON.stringify({ reason: 'from the phone' }), base64: true }),
    );
    expect(halted.statusCode).toBe(200);
    const r = await runtime();
    expect(await r.store.getAccount('paper')).toMatchObject({ halted: true, haltReason: 'API: from the phone' });
    expect((await invoke(apigwEvent('POST', '/trading/resume', { body: '{}' }))).json).toEqual({
      mode: 'paper',
      halted: false,
    });
  });

  it('refuses an event that is not an API Gateway proxy event, and a repeated query parameter', async () => {
    const { invoke } = await setup();
    const bad = await invoke({ hello: 'world' });
    expect([bad.statusCode, bad.json.error.code]).toEqual([400, 'BAD_REQUEST']);
    const repeated = await invoke(
      apigwEvent('GET', '/trading/state', { query: { limit: '2' }, multi: { limit: ['1', '2'] } }),
    );
    expect([repeated.statusCode, repeated.json.error.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('with a bad configuration answers INTERNAL and logs every bad variable, without values of keys', async () => {
    const { invoke, sink } = await setup({
      LIVE_TRADING_MAX_DAILY_TRADES: '0',
      POLYMIX_LEAGUES: 'NBA,XFL',
      POLYMIX_RESET_KEY: 'short-reset',
    });
    const res = await invoke(apigwEvent('GET', '/trading/state'));
    expect([res.statusCode, res.json.error.code]).toEqual([500, 'INTERNAL']);
    expect(res.body).not.toMatch(/LIVE_TRADING_MAX_DAILY_TRADES|POLYMIX_LEAGUES/);
    const logged = sink.lines.find((l) => l.level === 'error')?.message ?? '';
    for (const name of ['LIVE_TRADING_MAX_DAILY_TRADES', 'POLYMIX_LEAGUES', 'POLYMIX_RESET_KEY'])
      expect(logged).toContain(name);
    expect(sink.text()).not.toContain('short-reset');
  });

  it('never returns a secret value, even one that reached the error log', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(SECRETS) });
    // Paper mode with a secret: the secret's values are known to the redactor.
    const { invoke, runtime, sink } = await setup({
      POLYMIX_SECRET_ID: 'polymix/paper',
      POLYMIX_RESET_KEY: PAPER_RESET,
    });
    const r = await runtime();
    await r.store.recordError({
      atMs: Date.now(),
      source: 'test',
      message: `leaked ${SECRETS.polymarketApiSecret} ${SECRETS.resetKey}`,
      detail: `key id ${SECRETS.kalshiKeyId}`,
    });
    const res = await invoke(apigwEvent('GET', '/trading/errors'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('[redacted]');
    const wrongKey = await invoke(apigwEvent('POST', '/trading/reset', { headers: { 'x-reset-key': PAPER_RESET } }));
    expect(wrongKey.json.error.code).toBe('FORBIDDEN'); // the secret's key wins over POLYMIX_RESET_KEY
    for (const text of [res.body, wrongKey.body, sink.text()])
      for (const secret of [...SECRET_VALUES, PAPER_RESET]) expect(text).not.toContain(secret);
  });
});

describe('functions/api CORS (the web dashboard against the deployed API)', () => {
  const DASHBOARD = 'http://localhost:5001';
  const CORS_ENV = { POLYMIX_CORS_ORIGINS: `${DASHBOARD},http://127.0.0.1:5001` };
  const corsOf = (headers: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(headers).filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
    );

  it('answers a listed Origin with that origin (never *) and Vary: Origin', async () => {
    const { invoke } = await setup(CORS_ENV);
    const res = await invoke(apigwEvent('GET', '/trading/state', { headers: { Origin: DASHBOARD } }));
    expect(res.statusCode).toBe(200);
    expect(corsOf(res.headers)).toEqual({ 'access-control-allow-origin': DASHBOARD, vary: 'Origin' });
    const other = await invoke(apigwEvent('GET', '/trading/metrics', { headers: { origin: 'http://127.0.0.1:5001' } }));
    expect(other.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5001');
  });

  it('gives an unlisted Origin, a near miss, or no Origin no CORS headers at all', async () => {
    const { invoke } = await setup(CORS_ENV);
    const requests: Record<string, string>[] = [
      { Origin: 'https://evil.example.com' },
      { Origin: 'http://localhost:5002' },
      { Origin: `${DASHBOARD}/` },
      { Origin: 'null' },
      {},
    ];
    for (const headers of requests) {
      const res = await invoke(apigwEvent('GET', '/trading/state', { headers }));
      expect(res.statusCode).toBe(200);
      expect(corsOf(res.headers)).toEqual({});
    }
  });

  it('gives no CORS headers when POLYMIX_CORS_ORIGINS is unset, whatever the Origin', async () => {
    const { invoke } = await setup();
    const res = await invoke(apigwEvent('GET', '/trading/state', { headers: { Origin: DASHBOARD } }));
    expect(corsOf(res.headers)).toEqual({});
  });

  it('puts the CORS headers on error answers too, so the dashboard can show the error', async () => {
    const { invoke } = await setup(CORS_ENV);
    const headers = { Origin: DASHBOARD };
    const errors = [
      await invoke(apigwEvent('GET', '/trading/nowhere', { headers })), // router: NOT_FOUND
      await invoke(apigwEvent('GET', '/trading/halt', { headers })), // router: METHOD_NOT_ALLOWED
      await invoke(apigwEvent('POST', '/trading/halt', { headers, body: '{not json' })), // route: BAD_REQUEST
      await invoke(
        apigwEvent('GET', '/trading/state', { headers, query: { limit: '2' }, multi: { limit: ['1', '2'] } }),
      ), // handler: BAD_REQUEST
      await invoke({ headers, httpMethod: 'GET' }), // not a proxy event
    ];
    expect(errors.map((r) => r.statusCode)).toEqual([404, 405, 400, 400, 400]);
    for (const res of errors) {
      expect(res.json.error.code).toEqual(expect.any(String));
      expect(corsOf(res.headers)).toEqual({ 'access-control-allow-origin': DASHBOARD, vary: 'Origin' });
    }
    const stranger = await invoke(
      apigwEvent('GET', '/trading/nowhere', { headers: { Origin: 'https://evil.example.com' } }),
    );
    expect(corsOf(stranger.headers)).toEqual({});
  });

  it('with a bad configuration still answers a listed Origin, and lists the bad origin in the log', async () => {
    const { invoke, sink } = await setup({
      POLYMIX_CORS_ORIGINS: `${DASHBOARD},*`,
      LIVE_TRADING_MAX_DAILY_TRADES: '0',
    });
    const res = await invoke(apigwEvent('GET', '/trading/state', { headers: { Origin: DASHBOARD } }));
    expect([res.statusCode, res.json.error.code]).toEqual([500, 'INTERNAL']);
    expect(corsOf(res.headers)).toEqual({ 'access-control-allow-origin': DASHBOARD, vary: 'Origin' });
    const logged = sink.lines.find((l) => l.level === 'error')?.message ?? '';
    expect(logged).toContain('POLYMIX_CORS_ORIGINS');
    expect(logged).toContain('LIVE_TRADING_MAX_DAILY_TRADES');
  });
});
