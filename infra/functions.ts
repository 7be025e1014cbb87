/**
 * The Lambda functions (docs/engine.md): scan-and-trade, settle, api, and preflight (invoked by
 * hand before going live, docs/deploy.md#before-going-live-preflight).
 *
 * Each gets its own role with no managed policy: logs to its own log group, the table
 * actions it needs on the table and its named indexes, the one secret, and publish on the
 * one topic. Bundled by the locally installed esbuild, never Docker.
 */
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { assertBundleClean } from './bundle-guard';
import type { TradingTable } from './data';
import { METRIC_NAMESPACE, METRIC_SERVICE } from './metric-names';
import { DEFAULT_SCAN_MEMORY_MB, type Settings } from './settings';

export const PROJECT_ROOT = path.resolve(__dirname, '..');

/** The handlers, relative to the project root; each exports `handler`. */
export const DEFAULT_ENTRIES = {
  scan: 'functions/scan-and-trade/handler.ts',
  settle: 'functions/settle/handler.ts',
  api: 'functions/api/handler.ts',
  preflight: 'functions/preflight/handler.ts',
} as const;
export type FunctionName = keyof typeof DEFAULT_ENTRIES;
export type Entries = Record<FunctionName, string>;

/**
 * The newest Node.js Lambda runtime in aws-cdk-lib 2.276 (cdk-nag AwsSolutions-L1 flags
 * NODEJS_22_X as not the latest, docs/toolchain.md#cdk-nag-v3). The esbuild target follows it.
 */
export const RUNTIME = lambda.Runtime.NODEJS_24_X;
export const ESBUILD_TARGET = 'node24';

/**
 * The store's operations (lib/store): no Scan, no batch, no transactions (docs/store.md, docs/toolchain.md#dynalite).
 * Every function uses all five: DeleteItem releases the scan and reconcile leases (scan and
 * settle both reconcile, lib/engine/reconcile.ts) and the paper reset deletes finished bets
 * (lib/store/reset.ts, the API); the rest are the account, bet, error and lease writes.
 */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
] as const;

/**
 * The scan-and-trade function's sizing (docs/deploy.md#scan-sizing-and-cost). It runs every
 * minute and, streaming, holds both venues' book streams until DEADLINE_MARGIN_MS (8 s) before
 * its timeout: 73 s gives each run 65 s, so the next run (started 60 s after it) has about 5 s to
 * claim, reconcile, open its streams and warm its books before the lease is handed over.
 * Concurrency 2: two invocations overlap in that window (the scan lease keeps their trading
 * apart). Memory is the deploy setting `scanMemoryMb` (infra/settings.ts), default
 * `defaultMemoryMb`: sized from the engine's measured peak RSS under the V8 limits the Lambda
 * runtime sets (docs/adr/0013-scan-memory.md); arm64.
 */
export const SCAN_SIZING = {
  defaultMemoryMb: DEFAULT_SCAN_MEMORY_MB,
  timeoutSeconds: 73,
  reservedConcurrency: 2,
} as const;

interface FunctionSpec {
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Caps concurrent runs (belt and braces with the leases); undefined = unreserved. */
  readonly reservedConcurrency?: number;
  /** Variables only this function reads, on top of the shared ones. */
  readonly environment?: Readonly<Record<string, string>>;
}

export interface TradingFunctionsProps {
  readonly settings: Settings;
  readonly entries: Entries;
  readonly data: TradingTable;
  readonly secret: secretsmanager.ISecret;
  readonly topic: sns.ITopic;
  readonly topicKey: kms.IKey;
}

export class TradingFunctions extends Construct {
  readonly scan: NodejsFunction;
  readonly settle: NodejsFunction;
  readonly api: NodejsFunction;
  /** Invoked by hand: records a preflight run from the deployment's own region and network. */
  readonly preflight: NodejsFunction;
  /** X-Ray active tracing on (context `xray=true`). */
  readonly tracing: boolean;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: TradingFunctionsProps,
  ) {
    super(scope, id);
    this.tracing = props.settings.xray;
    const reserved = props.settings.reserveConcurrency ? 1 : undefined;
    this.scan = this.build('Scan', {
      entry: props.entries.scan,
      description: 'PolyMix scan-and-trade: discover, match, plan, admit, execute (streamed books, or a polling loop)',
      memorySize: props.settings.scanMemoryMb,
      // Longer than the one-minute schedule: consecutive runs overlap so the books are never blind.
      timeout: Duration.seconds(SCAN_SIZING.timeoutSeconds),
      reservedConcurrency: props.settings.reserveConcurrency ? SCAN_SIZING.reservedConcurrency : undefined,
    });
    this.settle = this.build('Settle', {
      entry: props.entries.settle,
      description: 'PolyMix settle and reconcile',
      memorySize: 256,
      timeout: Duration.seconds(50),
      reservedConcurrency: reserved,
    });
    this.api = this.build('Api', {
      entry: props.entries.api,
      description: 'PolyMix trading API (state, mode, metrics, errors, positions, preflight, halt, resume, reset)',
      memorySize: 256,
      // POST /trading/preflight makes several venue calls; API Gateway's integration limit is 29 s.
      timeout: Duration.seconds(28),
      // lib/runtime/env.ts: the dashboard origins that get CORS headers (docs/api.md "CORS").
      environment: { POLYMIX_CORS_ORIGINS: props.settings.dashboardOrigins.join(',') },
    });
    this.preflight = this.build('Preflight', {
      entry: props.entries.preflight,
      description:
        'PolyMix preflight: prove keys, wallet, balances, clock, region and games before live (invoke by hand)',
      memorySize: 256,
      timeout: Duration.seconds(60),
      reservedConcurrency: reserved,
    });
  }

  private build(id: string, spec: FunctionSpec): NodejsFunction {
    const { settings, data, secret, topic, topicKey } = this.props;
    const logGroup = new logs.LogGroup(this, `${id}Logs`, {
      retention: settings.logRetentionDays as logs.RetentionDays,
    });
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `PolyMix ${id} function: least privilege, no managed policies`,
    });
    logGroup.grantWrite(role);

    const environment: Record<string, string> = {
      ...settings.tradingEnv,
      POLYMIX_TABLE_NAME: data.table.tableName,
      POLYMIX_SECRET_ID: secret.secretArn,
      POWERTOOLS_SERVICE_NAME: METRIC_SERVICE,
      POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE,
      // lib/runtime/env.ts: notifications (trades, halts, one-legged trades) go to this topic.
      POLYMIX_TOPIC_ARN: topic.topicArn,
      NODE_OPTIONS: '--enable-source-maps',
      ...spec.environment,
    };

    const fn = new NodejsFunction(this, id, {
      entry: path.resolve(PROJECT_ROOT, spec.entry),
      handler: 'handler',
      description: spec.description,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memorySize,
      timeout: spec.timeout,
      reservedConcurrentExecutions: spec.reservedConcurrency,
      role,
      logGroup,
      tracing: settings.xray ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      environment,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: ESBUILD_TARGET,
        format: OutputFormat.CJS,
        // Bundle the AWS SDK v3 rather than use the runtime's copy: the code that runs is the
        // code the tests ran (lib/store relies on lib-dynamodb marshalling options), at the
        // versions in package-lock.json, not whatever the runtime ships that month.
        bundleAwsSDK: true,
        metafile: true,
      },
    });
    assertBundleClean(fn);

    // A scheduled run that fails or is throttled is superseded by the next one a minute later:
    // no retries, and an event older than a minute is dropped instead of run late.
    fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(1) });

    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'TableAccess',
        actions: [...TABLE_ACTIONS],
        resources: [data.table.tableArn, ...data.indexArns()],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSecret',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [secret.secretArn],
      }),
    );
    // Every function notifies: scan and settle on trades and failures, the API on halt.
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'PublishAlerts', actions: ['sns:Publish'], resources: [topic.topicArn] }),
    );
    // The topic is encrypted with a customer key: publishers need it to encrypt the message.
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'EncryptAlerts',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [topicKey.keyArn],
      }),
    );
    return fn;
  }

  /** The functions that run on their own (schedules, API): alarms and the dashboard watch these. */
  all(): NodejsFunction[] {
    return [this.scan, this.settle, this.api];
  }
}
