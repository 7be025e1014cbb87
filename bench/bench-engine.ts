/**
 * What the benchmarks run the engine with: the real venue clients pointed at the simulators
 * (REST with the documented token buckets, book streams over the simulators' WebSocket feeds),
 * real time, a roomy configuration and a fresh dynalite table per engine. Kept apart from the
 * simulators (./world.ts) so a process that runs only the engine (bench/stream-scale-child.ts)
 * carries no simulator code.
 */
import { Wallet } from 'ethers';
import type { TradingMode } from '../lib/core/mode';
import {
  DEFAULT_ENGINE_CONFIG,
  type EngineConfig,
  type EngineDeps,
  type EngineState,
  newEngineState,
  silentLogger,
} from '../lib/engine';
import type { Venue } from '../lib/engine/ports';
import { RecordingNotifier } from '../lib/notify/notifier';
import { DynamoStore, ensureAccount } from '../lib/store';
import { createKalshiVenue } from '../lib/venues/kalshi';
import { createPolymarketVenue } from '../lib/venues/polymarket';
import type { DynaliteServer } from '../test/support/dynalite';
import { BENCH_LEAGUES } from './synthetic-games';

/** Public Anvil test key (never real funds) and made-up API credentials for the simulators. */
export const PM_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const PM_CREDS = {
  key: '11111111-2222-3333-4444-555555555555',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
  passphrase: 'pass-a',
};
export const KALSHI_KEY_ID = '0b4c1a7e-1d2f-4e5a-9b8c-7d6e5f4a3b2c';

/** The bench Polymarket account's address (from PM_KEY). */
export const PM_ADDRESS = new Wallet(PM_KEY).address;

/**
 * Where the bench clients connect, and the Kalshi key they sign with (generated per world, made
 * up, registered with the simulator only): enough to build the same clients in another process
 * (bench/stream-scale.ts runs the engine in a child process).
 */
export interface BenchEndpoints {
  readonly kalshiUrl: string;
  readonly kalshiWsUrl: string;
  readonly polymarketGammaUrl: string;
  readonly polymarketClobUrl: string;
  readonly polymarketWsUrl: string;
  readonly kalshiPrivateKeyPem: string;
}

export type BenchKalshiClient = ReturnType<typeof createKalshiVenue>;
export type BenchPolymarketClient = ReturnType<typeof createPolymarketVenue>;

/**
 * The real venue clients against the simulators: REST with the documented token buckets (default
 * buckets: docs/venues-kalshi.md#k6, docs/venues-polymarket.md#p5-rate-limits) and the book
 * streams (`openBookStream`) over the simulators' WebSocket feeds.
 */
export function benchClients(
  e: BenchEndpoints,
  timeoutMs = 5_000,
): { kalshi: BenchKalshiClient; polymarket: BenchPolymarketClient } {
  const kalshi = createKalshiVenue({
    baseUrl: e.kalshiUrl,
    wsUrl: e.kalshiWsUrl,
    credentials: { keyId: KALSHI_KEY_ID, privateKeyPem: e.kalshiPrivateKeyPem },
    timeoutMs,
  });
  const polymarket = createPolymarketVenue({
    gammaUrl: e.polymarketGammaUrl,
    clobUrl: e.polymarketClobUrl,
    dataUrl: e.polymarketClobUrl,
    wsUrl: e.polymarketWsUrl,
    credentials: { privateKey: PM_KEY, apiKey: PM_CREDS.key, secret: PM_CREDS.secret, passphrase: PM_CREDS.passphrase },
    timeoutMs,
    orderTimeoutMs: timeoutMs,
  });
  return { kalshi, polymarket };
}

/** Real time for the engine: waits cost real milliseconds, as in Lambda. */
export const realEngineClock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export const BENCH_CONFIG: EngineConfig = {
  ...DEFAULT_ENGINE_CONFIG,
  leagues: BENCH_LEAGUES,
  // Roomy limits: a benchmark measures speed, not the limits (those have their own suite).
  risk: {
    minRoiPpm: 10_000,
    maxPositionMicros: 100_000_000,
    maxDailyTrades: 10_000,
    dailyLossLimitMicros: 10_000_000_000,
    maxBookAgeMs: 3_000,
  },
  betAmountMicros: 50_000_000,
  firstLeg: 'kalshi',
  // NBA/NHL/MLB postponement rules are partly inferred (docs/rules.md): accepted as a bounded tail.
  rules: { tail: 'accept-bounded', allowUnverified: true },
};

export interface BenchEngine {
  readonly deps: EngineDeps;
  readonly state: EngineState;
  readonly store: DynamoStore;
  readonly notifier: RecordingNotifier;
}

let instance = 0;

export async function benchEngine(
  db: DynaliteServer,
  venues: Readonly<Record<'polymarket' | 'kalshi', Venue>>,
  opts: {
    mode?: TradingMode;
    config?: Partial<EngineConfig>;
    clock?: EngineDeps['clock'];
    bookStreams?: EngineDeps['bookStreams'];
  } = {},
): Promise<BenchEngine> {
  const ctx = await db.createTable();
  const store = new DynamoStore(db.client, ctx.tableName);
  const mode = opts.mode ?? 'live';
  await ensureAccount(store.ctx, mode, 100_000_000_000);
  const notifier = new RecordingNotifier();
  instance += 1;
  const deps: EngineDeps = {
    mode,
    config: { ...BENCH_CONFIG, ...opts.config },
    venues,
    store,
    notifier,
    clock: opts.clock ?? realEngineClock,
    logger: silentLogger,
    instanceId: `bench-${process.pid}-${instance}`,
    ...(opts.bookStreams ? { bookStreams: opts.bookStreams } : {}),
  };
  return { deps, state: newEngineState(), store, notifier };
}
