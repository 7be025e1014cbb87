/**
 * Everything a Lambda container needs, built ONCE per container (handlers stay thin):
 * configuration validated at cold start (a ConfigError lists every bad variable), secrets read
 * and cached (re-read after their TTL, so a rotated reset key is picked up), the mode decided
 * and logged with the original PolyMix's banner, the DynamoDB store, the venues for that mode, the notifier
 * and a logger that redacts secrets. Handlers call `getRuntime()` and stay thin.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import type { ApiDeps } from '../api';
import {
  type Config,
  decideMode,
  type Env,
  modeBanner,
  rulePolicyFor,
  type SecretsLookup,
  secretsLoader,
} from '../config';
import type { TradingMode } from '../core/mode';
import { type Clock, DEFAULT_ENGINE_CONFIG, type EngineDeps, type EngineState, newEngineState } from '../engine';
import { type Notifier, systemClock } from '../engine/ports';
import { SnsNotifier } from '../notify/sns';
import { DynamoPlacementStore, DynamoSignedOrderStore, DynamoStore } from '../store';
import { loadRuntimeConfig, type RuntimeEnv } from './env';
import { LogNotifier } from './log-notifier';
import { AppLogger, type LogSink, powertoolsSink } from './logger';
import { Redactor } from './redact';
import { buildRedemption } from './redemption';
import { type BookStreamSources, buildTradingVenues, type VenueWiring } from './venues';

export interface RuntimeClients {
  readonly dynamo?: DynamoDBClient;
  readonly secrets?: Pick<SecretsManagerClient, 'send'>;
  readonly sns?: Pick<SNSClient, 'send'>;
}

export interface RuntimeOptions {
  readonly clients?: RuntimeClients;
  readonly venues?: VenueWiring;
  readonly sink?: LogSink;
  readonly clock?: Clock;
  readonly serviceName?: string;
  /** How long a secret is cached before it is read again. */
  readonly secretsTtlMs?: number;
  /** Book streams to use instead of the venue clients' own (tests: scripted streams). */
  readonly bookStreams?: BookStreamSources;
}

/** The most a streamed run waits before polling a book no stream vouches for (docs/engine.md#streaming). */
export const MAX_FALLBACK_POLL_MS = 10_000;

/**
 * The streamed session's cadences from the configuration: listings every
 * POLYMIX_LISTING_REFRESH_SECONDS; the fallback polls at the scan interval, but at least every
 * MAX_FALLBACK_POLL_MS, so a pair whose stream is down is never left blind for a minute.
 */
export function streamPolicyFor(config: Pick<Config, 'listingRefreshSeconds' | 'scanIntervalSeconds'>) {
  return {
    listingRefreshMs: config.listingRefreshSeconds * 1_000,
    fallbackPollMs: Math.min(config.scanIntervalSeconds * 1_000, MAX_FALLBACK_POLL_MS),
  };
}

export interface Runtime {
  readonly config: Config;
  readonly env: RuntimeEnv;
  readonly mode: TradingMode;
  readonly modeReason: string;
  /** LIVE_TRADING=true, but the secrets were missing or invalid: this container trades paper. */
  readonly degraded: boolean;
  readonly logger: AppLogger;
  readonly store: DynamoStore;
  readonly engine: EngineDeps;
  readonly state: EngineState;
  readonly api: ApiDeps;
  readonly loadSecrets: () => Promise<SecretsLookup>;
}

/** The logger a runtime uses, available before the configuration is known (to report it). */
export function createLogger(env: Env, options: Pick<RuntimeOptions, 'sink' | 'serviceName'> = {}): AppLogger {
  const redactor = new Redactor();
  // Before anything else reads them: secret-named variables (POLYMIX_RESET_KEY, AWS session keys).
  redactor.addSecretEnv(env);
  return new AppLogger(options.sink ?? powertoolsSink(options.serviceName ?? 'polymix', redactor), redactor);
}

export async function buildRuntime(env: Env, logger: AppLogger, options: RuntimeOptions = {}): Promise<Runtime> {
  const { config, runtime } = loadRuntimeConfig(env); // throws ConfigError listing every problem
  const clock = options.clock ?? systemClock;
  const clients = options.clients ?? {};

  const loader = secretsLoader(
    clients.secrets ?? new SecretsManagerClient({}),
    config.secretId,
    () => clock.now(),
    options.secretsTtlMs,
    config.venues, // the secret holds the keys of the configured pair
  );
  const loadSecrets = async (): Promise<SecretsLookup> => {
    const found = await loader();
    if (found.secrets) logger.redactor.addSecrets(found.secrets);
    return found;
  };

  const first = await loadSecrets();
  const decision = decideMode(config, first.secrets, first.problem ?? undefined);
  const mode = decision.mode;
  const degraded = config.liveTrading && mode === 'paper';
  const rules = rulePolicyFor(config, mode);
  logger[mode === 'live' ? 'warn' : 'info'](modeBanner(mode), { mode, reason: decision.reason });
  if (degraded) logger.error(`LIVE_TRADING is "true" but this container trades PAPER: ${decision.reason}`);
  logger.info(rules.note);
  for (const warning of config.warnings) logger.warn(warning);
  if (mode === 'live' && config.preflight.override)
    logger.error('🚨 POLYMIX_PREFLIGHT_OVERRIDE=true: LIVE trading is NOT gated by preflight');

  const store = new DynamoStore(clients.dynamo ?? new DynamoDBClient({}), config.tableName);
  const notifier: Notifier = runtime.topicArn
    ? new SnsNotifier(clients.sns ?? new SNSClient({}), runtime.topicArn)
    : new LogNotifier(logger);
  const trading = buildTradingVenues(config, mode, first.secrets, {
    polymarketOrderStore: new DynamoSignedOrderStore(store.ctx, () => clock.now()),
    // Polymarket US placements, written before each send, so a lost answer is looked up (never
    // resent) by whichever container runs next (docs/venues-polymarket-us.md#u-no-client-id).
    polymarketUsPlacements: new DynamoPlacementStore(store.ctx, () => clock.now()),
    ...(options.clock ? { clock: options.clock } : {}),
    ...options.venues,
  });
  const bookStreams: BookStreamSources = { ...trading.bookStreams, ...options.bookStreams };
  // docs/deploy.md#redemption: who redeems won Polymarket positions (off: nobody).
  const redeem = buildRedemption(config, mode, first.secrets, trading.venues.polymarket, store, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.venues?.fetch ? { fetch: options.venues.fetch } : {}),
  });
  if (redeem.problem) logger.error(`🚨 Polymarket redemption is NOT running: ${redeem.problem}`);
  const engine: EngineDeps = {
    mode,
    config: {
      ...DEFAULT_ENGINE_CONFIG,
      leagues: config.leagues,
      participantAliases: config.participantAliases,
      risk: config.risk,
      betAmountMicros: config.betAmountMicros,
      runwayAlertTrades: config.runwayAlertTrades,
      firstLeg: config.firstLeg,
      rules: rules.policy,
      maxTailLossMicros: rules.maxTailLossMicros,
      // Live admits nothing without a fresh passing preflight (docs/engine.md#preflight).
      preflightGate: config.preflight,
      // docs/engine.md#streaming: streamed books where both venues offer a stream.
      marketData: config.marketData,
      stream: streamPolicyFor(config),
    },
    venues: trading.venues,
    bookStreams,
    ...(redeem.redemption ? { redemption: redeem.redemption } : {}),
    store,
    notifier,
    clock,
    logger,
    instanceId: randomUUID(),
  };
  const state = newEngineState();

  const api: ApiDeps = {
    engine,
    state,
    store,
    initialBalanceMicros: config.initialBalanceMicros,
    modeReason: decision.reason,
    liveRequested: config.liveTrading,
    rules,
    // Live: only the secret's key. Paper: the secret's key if there is a secret, else POLYMIX_RESET_KEY.
    resetKey: async () => {
      const now = await loadSecrets();
      if (now.secrets) return now.secrets.resetKey;
      return mode === 'paper' ? runtime.resetKey : null;
    },
  };

  return {
    config,
    env: runtime,
    mode,
    modeReason: decision.reason,
    degraded,
    logger,
    store,
    engine,
    state,
    api,
    loadSecrets,
  };
}

/**
 * Once per container: the first call builds, later calls reuse. A ConfigError is kept (the
 * environment cannot change inside a container); any other failure is retried on the next
 * call. A degraded runtime (live asked for, secrets unusable) is rebuilt after
 * `degradedRetryMs`, so a passing Secrets Manager outage does not pin the container to paper.
 */
export function runtimeOnce(
  build: () => Promise<Runtime>,
  nowMs: () => number = Date.now,
  degradedRetryMs = 60_000,
): () => Promise<Runtime> {
  let cached: { promise: Promise<Runtime>; atMs: number; degraded: boolean } | null = null;
  return () => {
    if (cached?.degraded && nowMs() - cached.atMs >= degradedRetryMs) cached = null;
    if (!cached) {
      const entry = { promise: build(), atMs: nowMs(), degraded: false };
      cached = entry;
      entry.promise.then(
        (runtime) => {
          entry.degraded = runtime.degraded;
        },
        (err: unknown) => {
          if (!(err instanceof Error && err.name === 'ConfigError') && cached === entry) cached = null;
        },
      );
    }
    return cached.promise;
  };
}
