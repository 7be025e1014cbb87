/**
 * The PolyMix stack with default settings: what gets deployed when the operator runs
 * `npx cdk deploy` with no context. One synth for the whole file (bundling is the slow part).
 */
import { Match } from 'aws-cdk-lib/assertions';
import { SECRET_PLACEHOLDER } from '../../infra/data';
import { METRIC, METRIC_NAMESPACE, METRIC_SERVICE } from '../../infra/metric-names';
import { envSchema, parseSecrets } from '../../lib/config';
import { loadRuntimeConfig } from '../../lib/runtime/env';
import { DEADLINE_MARGIN_MS, SCHEDULE_PERIOD_MS } from '../../lib/runtime/scan-timing';
import { tableDefinition } from '../../lib/store/table';
import type { Synthesized } from '../support/infra/synth';
import { synthPolyMix } from '../support/infra/synth';

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

let s: Synthesized;
const resources = (type: string): Record<string, Resource> =>
  s.template.findResources(type) as Record<string, Resource>;
const onlyResource = (type: string): [string, Resource] => {
  const all = Object.entries(resources(type));
  expect(all).toHaveLength(1);
  return all[0] as [string, Resource];
};
/** The logical id of the function whose description starts with `prefix`. */
const functionId = (prefix: string): string => {
  const found = Object.entries(resources('AWS::Lambda::Function')).filter(([, r]) =>
    String(r.Properties.Description).startsWith(prefix),
  );
  expect(found).toHaveLength(1);
  return (found[0] as [string, Resource])[0];
};

beforeAll(() => {
  s = synthPolyMix({ nag: false });
});
afterAll(() => s?.cleanup());

describe('table', () => {
  it('mirrors lib/store tableDefinition exactly: keys, attribute types, GSIs and projections', () => {
    const [, table] = onlyResource('AWS::DynamoDB::Table');
    const def = tableDefinition('x');
    expect(table.Properties.KeySchema).toEqual(def.KeySchema);
    expect(table.Properties.AttributeDefinitions).toEqual(expect.arrayContaining(def.AttributeDefinitions ?? []));
    expect((table.Properties.AttributeDefinitions as unknown[]).length).toBe(def.AttributeDefinitions?.length);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(def.GlobalSecondaryIndexes);
  });

  it('is on-demand with point-in-time recovery, encryption, TTL on `ttl`, and is retained', () => {
    const [, table] = onlyResource('AWS::DynamoDB::Table');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });
});

describe('secret', () => {
  it('starts as a placeholder that parseSecrets rejects, so a fresh deploy can only paper-trade', () => {
    const [, secret] = onlyResource('AWS::SecretsManager::Secret');
    expect(secret.Properties.SecretString).toBe(SECRET_PLACEHOLDER);
    expect(secret.Properties.GenerateSecretString).toBeUndefined();
    expect(() => parseSecrets(SECRET_PLACEHOLDER)).toThrow('Invalid secrets');
    expect(secret.DeletionPolicy).toBe('Retain');
  });
});

describe('functions', () => {
  const expected = [
    // Sized for streaming (infra/functions.ts SCAN_SIZING, docs/deploy.md#scan-sizing-and-cost).
    { prefix: 'PolyMix scan-and-trade', memory: 176, timeout: 73, reserved: 2 },
    { prefix: 'PolyMix settle', memory: 256, timeout: 50, reserved: 1 },
    { prefix: 'PolyMix trading API', memory: 256, timeout: 28, reserved: undefined },
  ];

  it.each(expected)('$prefix: arm64, nodejs24.x, $memory MB, $timeout s, reserved concurrency $reserved', (e) => {
    const fn = resources('AWS::Lambda::Function')[functionId(e.prefix)] as Resource;
    expect(fn.Properties).toMatchObject({
      Architectures: ['arm64'],
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      MemorySize: e.memory,
      Timeout: e.timeout,
    });
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(e.reserved);
  });

  it('overlaps consecutive scan runs by a few seconds, and one scan a minute costs under $10 a month', () => {
    const fn = resources('AWS::Lambda::Function')[functionId('PolyMix scan-and-trade')] as Resource;
    const { Timeout, MemorySize } = fn.Properties as { Timeout: number; MemorySize: number };
    // A run streams until DEADLINE_MARGIN_MS before its timeout; the next starts one period later.
    const runMs = Timeout * 1000 - DEADLINE_MARGIN_MS;
    const overlapMs = runMs - SCHEDULE_PERIOD_MS;
    expect(overlapMs).toBeGreaterThanOrEqual(3_000); // time to claim, reconcile, open streams, warm books
    expect(overlapMs).toBeLessThanOrEqual(10_000); // and no more, it is paid twice
    // docs/deploy.md#scan-sizing-and-cost: arm64 $0.0000133334 per GB-second, $0.20 per million requests.
    const runsPerMonth = 30 * 24 * 60;
    const usd = (MemorySize / 1024) * (runMs / 1000) * runsPerMonth * 0.0000133334 + runsPerMonth * (0.2 / 1e6);
    expect(usd).toBeLessThanOrEqual(10);
    expect(usd).toBeCloseTo(6.45, 1);
  });

  it.each(expected)('$prefix: environment names match lib/config + lib/runtime/env.ts and default to paper', (e) => {
    const fn = resources('AWS::Lambda::Function')[functionId(e.prefix)] as Resource;
    const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars).toMatchObject({
      LIVE_TRADING: 'false',
      LIVE_TRADING_DAILY_LOSS_LIMIT: '50',
      LIVE_TRADING_MAX_DAILY_TRADES: '10',
      POLYMIX_SCAN_INTERVAL_SECONDS: '60',
      POLYMIX_MARKET_DATA: 'stream',
      POLYMIX_TABLE_NAME: { Ref: onlyResource('AWS::DynamoDB::Table')[0] },
      POLYMIX_SECRET_ID: { Ref: onlyResource('AWS::SecretsManager::Secret')[0] },
      POWERTOOLS_SERVICE_NAME: METRIC_SERVICE,
      POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE,
      POLYMIX_TOPIC_ARN: { Ref: onlyResource('AWS::SNS::Topic')[0] },
    });
    // The rule-tail policy is left unset so each mode gets its own default (ADR 0004).
    expect(vars.POLYMIX_RULE_TAIL).toBeUndefined();
    // What the function will load at cold start, with deploy-time values standing in for tokens.
    const deployed: Record<string, string> = {
      POLYMIX_TABLE_NAME: 'PolyMix-DataTable-1A2B3C',
      POLYMIX_SECRET_ID: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:SecretsSecret-AbCdEf',
      POLYMIX_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:PolyMix-AlertsTopic-1A2B3C',
    };
    const env = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? v : deployed[k]]));
    const { config, runtime } = loadRuntimeConfig(env);
    expect(config.liveTrading).toBe(false);
    expect(config.risk.dailyLossLimitMicros).toBe(50_000_000);
    expect(runtime.topicArn).toBe(deployed.POLYMIX_TOPIC_ARN);
    // Only the API answers browsers: it alone gets the dashboard origins, the defaults here.
    expect(runtime.corsOrigins).toEqual(
      e.prefix === 'PolyMix trading API' ? ['http://localhost:5001', 'http://127.0.0.1:5001'] : [],
    );
  });

  it('sets no variable that nobody reads, and never a key in plain environment', () => {
    const known = new Set([
      ...Object.keys(envSchema.shape),
      'POLYMIX_TOPIC_ARN', // lib/runtime/env.ts
      'POLYMIX_CORS_ORIGINS', // lib/runtime/env.ts (api function only)
      'POWERTOOLS_SERVICE_NAME', // Powertools logger/metrics
      'POWERTOOLS_METRICS_NAMESPACE',
      'NODE_OPTIONS',
    ]);
    for (const fn of Object.values(resources('AWS::Lambda::Function'))) {
      const names = Object.keys((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables);
      expect(names.filter((n) => !known.has(n))).toEqual([]);
      // The reset key and API key live in the secret / API Gateway, not in the environment.
      expect(names).not.toContain('POLYMIX_RESET_KEY');
      expect(names).not.toContain('POLYMIX_API_KEY');
    }
  });

  it('logs each function to its own log group kept for 30 days', () => {
    const groups = resources('AWS::Logs::LogGroup');
    for (const [, fn] of Object.entries(resources('AWS::Lambda::Function'))) {
      const ref = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(groups[ref]?.Properties.RetentionInDays).toBe(30);
    }
  });

  it('drops a failed or throttled scheduled event instead of retrying it late', () => {
    const configs = Object.values(resources('AWS::Lambda::EventInvokeConfig'));
    expect(configs).toHaveLength(4);
    for (const c of configs)
      expect(c.Properties).toMatchObject({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 });
  });

  it('has no X-Ray tracing unless asked', () => {
    for (const fn of Object.values(resources('AWS::Lambda::Function')))
      expect(fn.Properties.TracingConfig).toBeUndefined();
  });
});

describe('schedules', () => {
  it.each([
    ['scan-and-trade', 'PolyMix scan-and-trade'],
    ['settle', 'PolyMix settle'],
  ])('runs %s every minute, enabled, without retries', (_name, prefix) => {
    const target = functionId(prefix);
    s.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [target, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
        }),
      ],
    });
  });

  it('has exactly two rules', () => {
    expect(Object.keys(resources('AWS::Events::Rule'))).toHaveLength(2);
  });
});

describe('alerts topic', () => {
  it('is encrypted with a rotating customer key that CloudWatch alarms may use, and refuses non-TLS publishing', () => {
    const [keyId, key] = onlyResource('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    const [topicId, topic] = onlyResource('AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('has no subscriptions unless alertEmail or alertPhone is given', () => {
    expect(Object.keys(resources('AWS::SNS::Subscription'))).toHaveLength(0);
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(resources('AWS::CloudWatch::Alarm'));

  it('every alarm notifies the alerts topic', () => {
    const [topicId] = onlyResource('AWS::SNS::Topic');
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  it('fires on any Errors of each of the three functions', () => {
    const errorAlarms = alarms().filter((a) => a.Properties.MetricName === 'Errors');
    expect(errorAlarms).toHaveLength(3);
    const dims = errorAlarms.map((a) => JSON.stringify(a.Properties.Dimensions));
    for (const prefix of ['PolyMix scan-and-trade', 'PolyMix settle', 'PolyMix trading API']) {
      expect(dims.some((d) => d.includes(functionId(prefix)))).toBe(true);
    }
    for (const a of errorAlarms) {
      expect(a.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
  });

  it('fires when scan or settle has not been invoked for 15 minutes, and says so when it recovers', () => {
    const [topicId] = onlyResource('AWS::SNS::Topic');
    const heartbeat = alarms().filter((a) => a.Properties.MetricName === 'Invocations');
    expect(heartbeat).toHaveLength(2);
    const dims = heartbeat.map((a) => JSON.stringify(a.Properties.Dimensions));
    for (const prefix of ['PolyMix scan-and-trade', 'PolyMix settle'])
      expect(dims.some((d) => d.includes(functionId(prefix)))).toBe(true);
    for (const a of heartbeat) {
      expect(a.Properties).toMatchObject({
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        EvaluationPeriods: 3,
        Period: 300,
        TreatMissingData: 'breaching',
        OKActions: [{ Ref: topicId }],
      });
    }
  });

  it.each(['live', 'paper'])(
    '%s: daily loss ≥ the configured limit (in micros), Halted ≥ 1, OneLeggedTrades ≥ 1',
    (mode) => {
      const dims = [
        { Name: 'mode', Value: mode },
        { Name: 'service', Value: METRIC_SERVICE },
      ];
      const expectations = [
        { MetricName: METRIC.DailyLossMicros, Statistic: 'Maximum', Threshold: 50_000_000 },
        { MetricName: METRIC.Halted, Statistic: 'Maximum', Threshold: 1 },
        { MetricName: METRIC.OneLeggedTrades, Statistic: 'Sum', Threshold: 1 },
      ];
      for (const e of expectations) {
        s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          ...e,
          Namespace: METRIC_NAMESPACE,
          Dimensions: dims,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
      }
    },
  );
});

describe('runway alarms (docs/capital.md#runway)', () => {
  it.each(['live', 'paper'])(
    '%s: RunwayTrades<Venue> below POLYMIX_RUNWAY_ALERT_TRADES (5 by default), one alarm per venue, OK on recovery',
    (mode) => {
      const [topicId] = onlyResource('AWS::SNS::Topic');
      const dims = [
        { Name: 'mode', Value: mode },
        { Name: 'service', Value: METRIC_SERVICE },
      ];
      for (const name of [METRIC.RunwayTradesKalshi, METRIC.RunwayTradesPolymarket]) {
        s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: name,
          Namespace: METRIC_NAMESPACE,
          Dimensions: dims,
          Statistic: 'Minimum',
          Threshold: 5,
          ComparisonOperator: 'LessThanThreshold',
          TreatMissingData: 'notBreaching',
          OKActions: [{ Ref: topicId }],
        });
      }
    },
  );
});

describe('dashboard', () => {
  it('shows P&L, trades, one-legged trades, halted, scan latency and the functions', () => {
    const [, dashboard] = onlyResource('AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const name of Object.values(METRIC)) expect(body).toContain(name);
    for (const metric of ['Errors', 'Duration', 'Throttles', '5XXError']) expect(body).toContain(metric);
  });
});

describe('outputs', () => {
  it('gives the operator every name the runbook needs', () => {
    const outputs = Object.keys(s.template.toJSON().Outputs as Record<string, unknown>);
    for (const name of [
      'ApiUrl',
      'ApiKeyId',
      'SecretArn',
      'TableName',
      'AlertTopicArn',
      'ScanRuleName',
      'SettleRuleName',
    ]) {
      expect(outputs).toContain(name);
    }
  });
});

describe('preflight function', () => {
  it('exists, is invoked by hand (no schedule, no API route), reads the secret and writes the table, and is an output', () => {
    const id = functionId('PolyMix preflight');
    const fn = resources('AWS::Lambda::Function')[id]!;
    expect(fn.Properties).toMatchObject({ Timeout: 60, MemorySize: 256 });
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['POLYMIX_SECRET_ID', 'POLYMIX_TABLE_NAME', 'POLYMIX_TOPIC_ARN']),
    );
    const targets = JSON.stringify(resources('AWS::Events::Rule'));
    expect(targets).not.toContain(id);
    const permissions = JSON.stringify(resources('AWS::Lambda::Permission'));
    expect(permissions).not.toContain(id);
    expect(s.template.toJSON().Outputs.PreflightFunctionName.Value).toEqual({ Ref: id });
  });
});
