import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigError } from '../../../lib/config';
import { SnsNotifier } from '../../../lib/notify/sns';
import {
  buildRuntime,
  createLogger,
  LogNotifier,
  RecordingSink,
  type Runtime,
  runtimeOnce,
} from '../../../lib/runtime';
import { DynamoPlacementStore } from '../../../lib/store';
import { PaperVenue } from '../../../lib/venues/paper';
import { PolymarketUsVenue } from '../../../lib/venues/polymarket-us';
import { validUsSecrets } from '../config/fixtures';
import { SECRET_VALUES, SECRETS } from './secrets-fixture';

const secretsManager = mockClient(SecretsManagerClient);
beforeEach(() => secretsManager.reset());

const clients = {
  dynamo: new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  }),
  secrets: new SecretsManagerClient({ region: 'us-east-1' }),
  sns: new SNSClient({ region: 'us-east-1' }),
};
const PAPER_RESET = 'paper-reset-key-0123456789abcdefghijkl';

async function build(env: Record<string, string>) {
  const sink = new RecordingSink();
  const logger = createLogger(env, { sink });
  const runtime = await buildRuntime(env, logger, { clients });
  return { runtime, sink };
}

describe('buildRuntime at cold start', () => {
  it('fails with one ConfigError listing every bad variable, values of keys hidden', async () => {
    const env = {
      LIVE_TRADING_BET_AMOUNT: 'ten dollars',
      LIVE_TRADING_MIN_ROI: '2',
      KALSHI_API_URL: 'http://kalshi.example.com',
      POLYMIX_TOPIC_ARN: 'not-an-arn',
      POLYMIX_RESET_KEY: 'too-short-key',
      POLYMIX_API_KEY: 'short',
    };
    const err = await build(env).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual([
      'KALSHI_API_URL',
      'LIVE_TRADING_BET_AMOUNT',
      'LIVE_TRADING_MIN_ROI',
      'POLYMIX_API_KEY',
      'POLYMIX_RESET_KEY',
      'POLYMIX_TOPIC_ARN',
    ]);
    const message = (err as Error).message;
    for (const name of problems) expect(message).toContain(name);
    expect(message).not.toContain('too-short-key');
    expect(message).toContain('(hidden)');
  });

  it('without a secret: paper mode, the original PolyMix banner, PaperVenues, log notifications, env reset key', async () => {
    const { runtime, sink } = await build({ POLYMIX_RESET_KEY: PAPER_RESET });
    expect(runtime.mode).toBe('paper');
    expect(sink.lines.map((l) => l.message)).toContain('📄 Paper Trading Mode');
    expect(runtime.engine.venues.kalshi).toBeInstanceOf(PaperVenue);
    expect(runtime.engine.venues.polymarket).toBeInstanceOf(PaperVenue);
    expect(runtime.engine.notifier).toBeInstanceOf(LogNotifier);
    expect(await runtime.api.resetKey()).toBe(PAPER_RESET);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('with LIVE_TRADING=true and valid secrets: live, the live banner, real clients, SNS, the secret reset key', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(SECRETS) });
    const { runtime, sink } = await build({
      LIVE_TRADING: 'true',
      POLYMIX_SECRET_ID: 'polymix/prod',
      POLYMIX_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:polymix',
      POLYMIX_RESET_KEY: PAPER_RESET,
    });
    expect(runtime.mode).toBe('live');
    expect(runtime.degraded).toBe(false);
    expect(sink.lines.find((l) => l.message === '⚠️  LIVE TRADING ENABLED')?.level).toBe('warn');
    expect(runtime.engine.venues.kalshi).not.toBeInstanceOf(PaperVenue);
    expect(runtime.engine.notifier).toBeInstanceOf(SnsNotifier);
    expect(await runtime.api.resetKey()).toBe(SECRETS.resetKey);
    // Secrets read once and cached (TTL), not per call.
    await runtime.api.resetKey();
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('live on kalshi,polymarket-us: the Polymarket US client records its placements in the table (docs/venues-polymarket-us.md#wiring)', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(validUsSecrets()) });
    // The client asks its placement store first when an order is looked up by client order id.
    const get = jest.spyOn(DynamoPlacementStore.prototype, 'get').mockResolvedValue(undefined);
    try {
      const { runtime } = await build({
        LIVE_TRADING: 'true',
        POLYMIX_SECRET_ID: 'polymix/prod',
        POLYMIX_VENUES: 'kalshi,polymarket-us',
        POLYMARKET_US_GATEWAY_URL: 'http://127.0.0.1:9',
        POLYMARKET_US_API_URL: 'http://127.0.0.1:9',
      });
      expect(runtime.mode).toBe('live');
      const venue = runtime.engine.venues.polymarket;
      expect(venue).toBeInstanceOf(PolymarketUsVenue);
      expect(await venue.getOrder({ clientOrderId: 'bet1-L1-A0' })).toBeNull();
      expect(get).toHaveBeenCalledWith('bet1-L1-A0');
    } finally {
      get.mockRestore();
    }
  });

  it('never lets a loaded secret value into a log line, even when code logs it by mistake', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(SECRETS) });
    const { runtime, sink } = await build({ LIVE_TRADING: 'true', POLYMIX_SECRET_ID: 'polymix/prod' });
    runtime.logger.error(`oops ${JSON.stringify(SECRETS)}`, {
      secrets: { ...SECRETS },
      pem: SECRETS.kalshiPrivateKeyPem,
      apiSecret: SECRETS.polymarketApiSecret,
    });
    runtime.logger.info(`venue said: ${SECRETS.polymarketApiKey} / ${SECRETS.kalshiKeyId}`);
    const text = sink.text();
    for (const secret of SECRET_VALUES) expect(text).not.toContain(secret);
  });

  it('with LIVE_TRADING=true but an unreadable secret: paper, marked degraded, and says so loudly', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const { runtime, sink } = await build({ LIVE_TRADING: 'true', POLYMIX_SECRET_ID: 'polymix/prod' });
    expect(runtime.mode).toBe('paper');
    expect(runtime.degraded).toBe(true);
    const error = sink.lines.find((l) => l.level === 'error');
    expect(error?.message).toMatch(/LIVE_TRADING is "true" but this container trades PAPER: .*ThrottlingException/);
  });
});

describe('runtimeOnce', () => {
  const fake = (degraded: boolean) => ({ degraded }) as Runtime;

  it('builds once per container and reuses the result', async () => {
    const build = jest.fn(async () => fake(false));
    const get = runtimeOnce(build);
    expect(await get()).toBe(await get());
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('keeps a ConfigError (the environment cannot change) but retries any other failure', async () => {
    const config = jest.fn(async (): Promise<Runtime> => {
      throw new ConfigError([{ variable: 'X', expected: 'y', got: '(not set)' }]);
    });
    const getConfig = runtimeOnce(config);
    await expect(getConfig()).rejects.toBeInstanceOf(ConfigError);
    await expect(getConfig()).rejects.toBeInstanceOf(ConfigError);
    expect(config).toHaveBeenCalledTimes(1);

    let calls = 0;
    const flaky = runtimeOnce(async () => {
      calls += 1;
      if (calls === 1) throw new Error('network');
      return fake(false);
    });
    await expect(flaky()).rejects.toThrow('network');
    await expect(flaky()).resolves.toEqual({ degraded: false });
  });

  it('rebuilds a degraded runtime after the retry interval, so an outage does not pin paper', async () => {
    let now = 0;
    const build = jest.fn(async () => fake(true));
    const get = runtimeOnce(build, () => now, 60_000);
    await get();
    now = 59_999;
    await get();
    expect(build).toHaveBeenCalledTimes(1);
    now = 60_000;
    await get();
    expect(build).toHaveBeenCalledTimes(2);
  });
});
