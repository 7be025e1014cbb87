import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import type { Secrets } from '../../lib/config';
import {
  ConfigError,
  decideMode,
  loadConfig,
  modeBanner,
  parseSecrets,
  rulePolicyFor,
  SecretsError,
  secretsLoader,
} from '../../lib/config';

const USD = 1_000_000;

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs on defaults with an empty environment: paper, production hosts, seed-like limits', () => {
    expect(loadConfig({})).toEqual({
      liveTrading: false,
      initialBalanceMicros: 1_000 * USD,
      betAmountMicros: 10 * USD,
      risk: {
        minRoiPpm: 20_000,
        maxPositionMicros: 100 * USD,
        maxDailyTrades: 10,
        dailyLossLimitMicros: 50 * USD,
        maxBookAgeMs: 3_000,
      },
      tableName: 'polymix',
      urls: {
        polymarketGamma: 'https://gamma-api.polymarket.com',
        polymarketClob: 'https://clob.polymarket.com',
        polymarketData: 'https://data-api.polymarket.com',
        kalshi: 'https://external-api.kalshi.com/trade-api/v2',
      },
      leagues: ['NBA', 'NFL', 'NHL', 'MLB'],
      scanIntervalSeconds: 60,
      secretId: null,
      firstLeg: 'kalshi',
      ruleTail: null,
      allowUnverifiedRules: null,
      maxTailLossMicros: 100 * USD,
      warnings: [],
    });
  });

  it('parses every variable, dollar amounts exactly into micros', () => {
    const config = loadConfig({
      LIVE_TRADING: 'true',
      LIVE_TRADING_INITIAL_BALANCE: '2500.75',
      LIVE_TRADING_BET_AMOUNT: '0.1',
      LIVE_TRADING_MIN_ROI: '0.015',
      LIVE_TRADING_MAX_POSITION_SIZE: '250.000001',
      LIVE_TRADING_MAX_DAILY_TRADES: '25',
      LIVE_TRADING_DAILY_LOSS_LIMIT: '0.3',
      POLYMIX_TABLE_NAME: 'polymix-prod',
      POLYMARKET_GAMMA_URL: 'http://127.0.0.1:4010/',
      POLYMARKET_CLOB_URL: 'http://localhost:4011',
      POLYMARKET_DATA_URL: 'https://data-api.polymarket.com',
      KALSHI_API_URL: 'https://external-api.demo.kalshi.co/trade-api/v2/',
      POLYMIX_LEAGUES: ' nba, NHL ,nba',
      POLYMIX_SCAN_INTERVAL_SECONDS: '30',
      POLYMIX_SECRET_ID: 'polymix/prod',
      POLYMIX_FIRST_LEG: 'polymarket',
      POLYMIX_MAX_BOOK_AGE_MS: '1500',
    });
    expect(config).toMatchObject({
      liveTrading: true,
      initialBalanceMicros: 2_500_750_000,
      betAmountMicros: 100_000, // 0.1 is exact here, unlike a binary float
      risk: {
        minRoiPpm: 15_000,
        maxPositionMicros: 250_000_001,
        maxDailyTrades: 25,
        dailyLossLimitMicros: 300_000,
        maxBookAgeMs: 1_500,
      },
      tableName: 'polymix-prod',
      urls: {
        polymarketGamma: 'http://127.0.0.1:4010',
        polymarketClob: 'http://localhost:4011',
        kalshi: 'https://external-api.demo.kalshi.co/trade-api/v2',
      },
      leagues: ['NBA', 'NHL'],
      scanIntervalSeconds: 30,
      secretId: 'polymix/prod',
      firstLeg: 'polymarket',
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['', false],
    [undefined, false],
    ['TRUE', false],
    ['True', false],
    ['1', false],
    ['yes', false],
    [' true', false],
  ])('reads LIVE_TRADING=%j as live requested = %p (only the exact string "true")', (value, expected) => {
    expect(loadConfig({ LIVE_TRADING: value }).liveTrading).toBe(expected);
  });

  it('warns when LIVE_TRADING looks meant but is not exactly "true"', () => {
    expect(loadConfig({ LIVE_TRADING: 'TRUE' }).warnings).toEqual([
      'LIVE_TRADING is "TRUE"; only exactly "true" enables live trading',
    ]);
  });

  it('warns that live trading was asked for without a secret id', () => {
    expect(loadConfig({ LIVE_TRADING: 'true' }).warnings).toEqual([
      'LIVE_TRADING is "true" but POLYMIX_SECRET_ID is not set: there are no secrets, so paper mode',
    ]);
    expect(loadConfig({ LIVE_TRADING: 'true', POLYMIX_SECRET_ID: 'polymix/prod' }).warnings).toEqual([]);
  });

  it('treats an empty value as unset and uses the default', () => {
    expect(loadConfig({ LIVE_TRADING_MIN_ROI: '', POLYMIX_FIRST_LEG: '' })).toMatchObject({
      risk: { minRoiPpm: 20_000 },
      firstLeg: 'kalshi',
    });
  });

  it.each<[string, string, RegExp]>([
    [
      'LIVE_TRADING_MIN_ROI',
      '2',
      /e\.g\. 0\.02 for 2% — 1 or more is ambiguous \(percent or fraction\?\), for 2% write 0\.02; got "2"$/,
    ],
    ['LIVE_TRADING_MIN_ROI', '1', /ambiguous/],
    ['LIVE_TRADING_MIN_ROI', '-0.01', /from 0 up to \(not including\) 1/],
    ['LIVE_TRADING_MIN_ROI', '2%', /e\.g\. 0\.02 for 2%; got "2%"/],
    ['LIVE_TRADING_MIN_ROI', '0.0000001', /decimal fraction/],
    ['LIVE_TRADING_INITIAL_BALANCE', '0', /above 0; got "0"/],
    ['LIVE_TRADING_INITIAL_BALANCE', '1e3', /dollar amount/],
    ['LIVE_TRADING_BET_AMOUNT', '$10', /dollar amount like 1000 or 12\.50/],
    ['LIVE_TRADING_BET_AMOUNT', '10.0000001', /at most 6 decimals/],
    ['LIVE_TRADING_MAX_POSITION_SIZE', '1,000', /dollar amount/],
    ['LIVE_TRADING_DAILY_LOSS_LIMIT', '-5', /0 or more; got "-5"/],
    ['LIVE_TRADING_MAX_DAILY_TRADES', '2.5', /whole number from 1 to 10000; got "2\.5"/],
    ['LIVE_TRADING_MAX_DAILY_TRADES', '0', /whole number from 1 to 10000; got "0"/],
    ['LIVE_TRADING_MAX_DAILY_TRADES', '10001', /whole number/],
    ['POLYMIX_TABLE_NAME', 'ab', /DynamoDB table name/],
    ['POLYMARKET_CLOB_URL', 'http://clob.polymarket.com', /https URL \(http only to localhost\)/],
    ['POLYMARKET_GAMMA_URL', 'not a url', /https URL/],
    ['KALSHI_API_URL', 'https://api.example.com/v2?x=1', /https URL/],
    ['POLYMIX_LEAGUES', 'NBA,EPL', /comma list of NBA, NFL, NHL, MLB — unknown: "EPL"; got "NBA,EPL"/],
    ['POLYMIX_LEAGUES', 'NBA,,NFL', /unknown: ""/],
    ['POLYMIX_SCAN_INTERVAL_SECONDS', '0', /from 1 to 3600/],
    ['POLYMIX_FIRST_LEG', 'Kalshi', /kalshi or polymarket; got "Kalshi"/],
    ['POLYMIX_MAX_BOOK_AGE_MS', '3s', /milliseconds/],
  ])('refuses %s=%j saying what was expected and what was got', (variable, value, message) => {
    const error = configError({ [variable]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`- ${variable}: expected `));
    expect(error.message).toMatch(message);
  });

  it('lists EVERY bad variable at once, not just the first', () => {
    const error = configError({
      LIVE_TRADING_MIN_ROI: '2',
      LIVE_TRADING_MAX_DAILY_TRADES: 'ten',
      POLYMIX_FIRST_LEG: 'both',
      KALSHI_API_URL: 'ftp://x',
    });
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'KALSHI_API_URL',
      'LIVE_TRADING_MAX_DAILY_TRADES',
      'LIVE_TRADING_MIN_ROI',
      'POLYMIX_FIRST_LEG',
    ]);
    expect(error.message).toMatch(/^Invalid configuration \(4 problems\):\n- /);
  });

  it('refuses a bet amount above the position cap, alongside any other problem', () => {
    const error = configError({
      LIVE_TRADING_BET_AMOUNT: '150',
      LIVE_TRADING_MAX_POSITION_SIZE: '100',
      POLYMIX_FIRST_LEG: 'x',
    });
    expect(error.problems).toContainEqual({
      variable: 'LIVE_TRADING_BET_AMOUNT',
      expected: 'at most LIVE_TRADING_MAX_POSITION_SIZE ($100.00)',
      got: '$150.00',
    });
    expect(error.problems).toHaveLength(2);
  });

  it.each<[string, string]>([
    ['POLYMIX_SECRET_ID', 'arn with spaces'],
    ['LIVE_TRADING_BET_AMOUNT', '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'],
    ['LIVE_TRADING_MIN_ROI', '-----BEGIN PRIVATE KEY-----\nMIIEvQ...'],
    ['KALSHI_API_URL', 'https://user:hunter2@api.example.com'],
    ['POLYMARKET_CLOB_URL', 'http://c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQc2VjcmV0LXNlY3JldC1zZWNyZXQ'],
  ])('hides the value of %s when the name or the value looks secret', (variable, value) => {
    const error = configError({ [variable]: value });
    expect(error.problems[0]?.got).toBe('(hidden)');
    expect(error.message).not.toContain(value);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('secrets', () => {
  let pem: string;
  let valid: Secrets;
  beforeAll(() => {
    pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    valid = {
      // The public Anvil test key (docs/venues-polymarket.md#p3-vectors), never a real one.
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
  });

  describe('parseSecrets', () => {
    it('accepts a complete, valid secret given as JSON text or as an object', () => {
      expect({ ...parseSecrets(JSON.stringify(valid)) }).toEqual(valid);
      expect({ ...parseSecrets(valid) }).toEqual(valid);
    });

    it('accepts the signature type as a string and a PEM whose newlines were stored as \\n', () => {
      const s = parseSecrets({
        ...valid,
        polymarketSignatureType: '3',
        kalshiPrivateKeyPem: pem.replace(/\n/g, '\\n'),
      });
      expect(s.polymarketSignatureType).toBe(3);
      expect(s.kalshiPrivateKeyPem).toBe(pem);
    });

    it.each<[keyof Secrets, unknown, string]>([
      [
        'polymarketPrivateKey',
        '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff8',
        'expected 0x followed by 64 hex digits',
      ],
      [
        'polymarketPrivateKey',
        'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
        'expected 0x followed by 64 hex digits',
      ],
      ['polymarketPrivateKey', `0x${'0'.repeat(64)}`, 'expected 0x followed by 64 hex digits, not zero'],
      ['polymarketApiSecret', 'short', 'expected base64'],
      ['polymarketFunderAddress', '0xF39fd6e51aad88F6F4ce6aB8827279cffFb92266', 'expected a 0x address'],
      ['polymarketFunderAddress', 'f39fd6e51aad88f6f4ce6ab8827279cfffb92266', 'expected a 0x address'],
      ['polymarketSignatureType', 4, 'expected 0, 1, 2 or 3'],
      ['polymarketSignatureType', '1.0', 'expected 0, 1, 2 or 3'],
      ['kalshiKeyId', 'not-a-uuid', 'expected a UUID'],
      [
        'kalshiPrivateKeyPem',
        '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
        'expected an RSA private key in PEM',
      ],
      ['resetKey', 'too-short', 'expected 32 or more characters'],
      ['polymarketApiPassphrase', '', 'missing'],
      ['kalshiKeyId', undefined, 'missing'],
    ])('names the bad field %s (%j) without its value', (field, value, reason) => {
      const input = { ...valid, [field]: value };
      expect(() => parseSecrets(input)).toThrow(SecretsError);
      expect(() => parseSecrets(input)).toThrow(`Invalid secrets: ${field}: ${reason}`);
    });

    it('refuses an EC key where Kalshi needs RSA', () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      expect(() => parseSecrets({ ...valid, kalshiPrivateKeyPem: ec })).toThrow(
        'kalshiPrivateKeyPem: expected an RSA private key',
      );
    });

    it('lists every missing field of an empty object', () => {
      expect(() => parseSecrets({})).toThrow(
        'Invalid secrets: polymarketPrivateKey: missing; polymarketApiKey: missing; polymarketApiSecret: missing; ' +
          'polymarketApiPassphrase: missing; polymarketFunderAddress: missing; polymarketSignatureType: missing; ' +
          'kalshiKeyId: missing; kalshiPrivateKeyPem: missing; resetKey: missing',
      );
    });

    it.each([
      [
        'broken JSON',
        '{"polymarketPrivateKey": 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
        'not valid JSON',
      ],
      [
        'a JSON array',
        '["0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"]',
        'must be a JSON object',
      ],
      [
        'a bare string',
        '"0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"',
        'must be a JSON object',
      ],
    ])('refuses %s without quoting it', (_name, text, reason) => {
      expect(() => parseSecrets(text)).toThrow(reason);
      try {
        parseSecrets(text);
      } catch (e) {
        expect((e as Error).message).not.toContain('ac0974bec3');
      }
    });

    it('never puts a secret value in an error message, whatever is wrong', () => {
      const fields = Object.keys(valid) as (keyof Secrets)[];
      fc.assert(
        fc.property(
          fc.subarray(fields, { minLength: 1 }),
          fc.constantFrom('corrupt', 'drop', 'wrong type'),
          (broken, how) => {
            const input: Record<string, unknown> = { ...valid };
            for (const f of broken) {
              const v = String(valid[f]);
              if (how === 'drop') delete input[f];
              else if (how === 'wrong type') input[f] = [v];
              else input[f] = `${v} ${v.slice(0, 20)}`; // still full of the secret
            }
            let message = '';
            try {
              parseSecrets(JSON.stringify(input));
            } catch (e) {
              message = (e as Error).message;
            }
            expect(message).toMatch(/^Invalid secrets: /);
            for (const f of fields) {
              const secret = String(valid[f]);
              if (secret.length > 3) expect(message).not.toContain(secret.slice(0, 12));
            }
          },
        ),
        { numRuns: 200 },
      );
    });

    it('shows only field names when the parsed secrets are logged or stringified', () => {
      const s = parseSecrets(valid);
      const outputs = [
        JSON.stringify(s),
        inspect(s),
        inspect({ nested: { s } }, { depth: 5 }),
        `${JSON.stringify({ s })}`,
      ];
      for (const out of outputs) {
        expect(out).toContain('polymarketPrivateKey');
        for (const value of Object.values(valid)) {
          if (typeof value === 'string') expect(out).not.toContain(value.slice(0, 12));
        }
      }
      expect(Object.isFrozen(s)).toBe(true);
    });
  });

  describe('decideMode', () => {
    it('goes live only with LIVE_TRADING=true AND complete, valid secrets', () => {
      expect(decideMode({ liveTrading: true }, parseSecrets(valid))).toEqual({
        mode: 'live',
        reason: 'LIVE_TRADING is "true" and the secrets are complete',
      });
    });

    it('stays in paper when live trading was not asked for, even with valid secrets', () => {
      expect(decideMode({ liveTrading: false }, parseSecrets(valid))).toEqual({
        mode: 'paper',
        reason: 'LIVE_TRADING is not "true"',
      });
    });

    it('falls back to paper, saying why, when secrets are missing', () => {
      expect(decideMode({ liveTrading: true }, null, 'POLYMIX_SECRET_ID is not set')).toEqual({
        mode: 'paper',
        reason: 'LIVE_TRADING is "true" but no secrets: POLYMIX_SECRET_ID is not set',
      });
    });

    it('re-checks secrets it is handed, so a hand-built incomplete object cannot go live', () => {
      const incomplete = { ...valid, kalshiKeyId: '' };
      const decision = decideMode({ liveTrading: true }, incomplete);
      expect(decision.mode).toBe('paper');
      expect(decision.reason).toMatch(/kalshiKeyId: missing/);
      const wrongKey = { ...valid, polymarketPrivateKey: `${valid.polymarketPrivateKey}00` };
      const second = decideMode({ liveTrading: true }, wrongKey);
      expect(second.mode).toBe('paper');
      expect(second.reason).not.toContain(valid.polymarketPrivateKey);
    });

    it('goes live end to end only from the environment string "true"', () => {
      for (const value of ['true', 'TRUE', '1', undefined]) {
        const { mode } = decideMode(loadConfig({ LIVE_TRADING: value }), parseSecrets(valid));
        expect(mode).toBe(value === 'true' ? 'live' : 'paper');
      }
    });
  });

  describe('secretsLoader', () => {
    const sm = mockClient(SecretsManagerClient);
    afterEach(() => sm.reset());
    const client = (): SecretsManagerClient => new SecretsManagerClient({ region: 'us-east-1' });

    it('reads the secret once and serves it from cache until the TTL passes', async () => {
      sm.on(GetSecretValueCommand, { SecretId: 'polymix/prod' }).resolves({ SecretString: JSON.stringify(valid) });
      let now = 0;
      const load = secretsLoader(client(), 'polymix/prod', () => now, 60_000);
      const first = await load();
      expect(first.problem).toBeNull();
      expect({ ...first.secrets }).toEqual(valid);
      now = 59_999;
      await load();
      expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
      now = 60_000;
      await load();
      expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    });

    it('reports a missing secret id without calling AWS', async () => {
      expect(await secretsLoader(client(), null, () => 0)()).toEqual({
        secrets: null,
        problem: 'POLYMIX_SECRET_ID is not set',
      });
      expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    });

    it('reports an AWS failure by error name only, and retries next time', async () => {
      const err = Object.assign(new Error('details that are not ours to print'), { name: 'AccessDeniedException' });
      sm.on(GetSecretValueCommand)
        .rejectsOnce(err)
        .resolves({ SecretString: JSON.stringify(valid) });
      const load = secretsLoader(client(), 'polymix/prod', () => 0);
      expect(await load()).toEqual({ secrets: null, problem: 'could not read the secret (AccessDeniedException)' });
      expect((await load()).problem).toBeNull();
    });

    it('reports invalid secret content by field, never by value', async () => {
      sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ ...valid, kalshiKeyId: 'nope' }) });
      const result = await secretsLoader(client(), 'polymix/prod', () => 0)();
      expect(result).toEqual({ secrets: null, problem: 'Invalid secrets: kalshiKeyId: expected a UUID' });
      expect(decideMode({ liveTrading: true }, result.secrets, result.problem ?? undefined).mode).toBe('paper');
    });
  });

  it('prints the original PolyMix banners', () => {
    expect(modeBanner('live')).toBe('⚠️  LIVE TRADING ENABLED');
    expect(modeBanner('paper')).toBe('📄 Paper Trading Mode');
  });
});

describe('rulePolicyFor (docs/adr/0004-tail-risk-policy.md)', () => {
  it('accepts the bounded tail in paper and refuses it in live by default', () => {
    const config = loadConfig({});
    expect(rulePolicyFor(config, 'paper').policy).toEqual({ tail: 'accept-bounded', allowUnverified: true });
    const live = rulePolicyFor(config, 'live');
    expect(live.policy).toEqual({ tail: 'refuse', allowUnverified: false });
    expect(live.note).toMatch(/no pair is tradeable/);
  });
  it('lets the operator opt in (or out) explicitly, with a tail-loss cap defaulting to the position cap', () => {
    const config = loadConfig({
      POLYMIX_RULE_TAIL: 'accept-bounded',
      POLYMIX_ALLOW_UNVERIFIED_RULES: 'false',
      POLYMIX_MAX_TAIL_LOSS: '25',
    });
    expect(rulePolicyFor(config, 'live')).toMatchObject({
      policy: { tail: 'accept-bounded', allowUnverified: false },
      maxTailLossMicros: 25_000_000,
    });
    expect(rulePolicyFor(loadConfig({ POLYMIX_RULE_TAIL: 'refuse' }), 'paper').policy.tail).toBe('refuse');
    expect(loadConfig({ LIVE_TRADING_MAX_POSITION_SIZE: '40' }).maxTailLossMicros).toBe(40_000_000);
  });
  it('rejects unknown policy words with the variable named', () => {
    expect(() => loadConfig({ POLYMIX_RULE_TAIL: 'yolo', POLYMIX_ALLOW_UNVERIFIED_RULES: 'yes' })).toThrow(
      /POLYMIX_RULE_TAIL: expected refuse or accept-bounded[\s\S]*POLYMIX_ALLOW_UNVERIFIED_RULES: expected true or false/,
    );
  });
});
