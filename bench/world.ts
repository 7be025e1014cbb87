/**
 * The benchmarks' world: both venue simulators on 127.0.0.1 in REAL time (unlike the engine
 * tests' manual clock), the real venue clients with their documented token buckets, a
 * dynalite table, and engine dependencies over all of it. Every request that reaches a
 * simulator is logged on the simulator's side (arrival time and route) so request counts and
 * rate-limit checks are what the venue would have seen, not what the client meant to send.
 */
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
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
import type { SimLevel } from '../local/sim/control';
import type { FaultInjector } from '../local/sim/faults';
import { type KalshiSim, startKalshiSim } from '../local/sim/kalshi';
import { type PolymarketSim, startPolymarketSim } from '../local/sim/polymarket';
import type { DynaliteServer } from '../test/support/dynalite';
import { type GameSpec, kalshiTicker, listGame } from '../test/support/engine/sim-world';
import { BENCH_LEAGUES } from './synthetic-games';

/** Public Anvil test key (never real funds) and made-up API credentials for the simulators. */
const PM_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const PM_CREDS = {
  key: '11111111-2222-3333-4444-555555555555',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
  passphrase: 'pass-a',
};
const KALSHI_KEY_ID = '0b4c1a7e-1d2f-4e5a-9b8c-7d6e5f4a3b2c';

export interface Arrival {
  /** performance.now() when the simulator routed the request. */
  readonly atMs: number;
  readonly endpoint: string;
}

/** Logs every routed request of a simulator (its fault injector sees each one exactly once). */
export class ArrivalLog {
  readonly arrivals: Arrival[] = [];
  constructor(faults: FaultInjector) {
    const decide = faults.decide.bind(faults);
    faults.decide = (endpoint: string) => {
      this.arrivals.push({ atMs: performance.now(), endpoint });
      return decide(endpoint);
    };
  }
  since(mark: number): Arrival[] {
    return this.arrivals.slice(mark);
  }
  get mark(): number {
    return this.arrivals.length;
  }
}

export interface BenchWorld {
  readonly kalshiSim: KalshiSim;
  readonly polymarketSim: PolymarketSim;
  readonly kalshi: Venue;
  readonly polymarket: Venue;
  readonly kalshiLog: ArrivalLog;
  readonly polymarketLog: ArrivalLog;
  addGame(game: GameSpec): void;
  /** Asks per instrument; Kalshi asks are set as the opposite side's bids (docs/venues-kalshi.md#k2). */
  setBooks(game: GameSpec, books: GameBooks): void;
  kalshiCashMicros(): number;
  polymarketCashMicros(): number;
  close(): Promise<void>;
}

/** Best ask (price micros) of each instrument of one game, all `depthCenti` deep. */
export interface GameBooks {
  readonly pmAway: number;
  readonly pmHome: number;
  readonly kHomeYes: number;
  readonly kHomeNo: number;
  readonly kAwayYes: number;
  readonly kAwayNo: number;
  readonly depthCenti: number;
}

/** No edge even on listing prices: every combination costs $1.04 or more. */
export const QUIET_BOOKS: GameBooks = {
  pmAway: 520_000,
  pmHome: 520_000,
  kHomeYes: 520_000,
  kHomeNo: 520_000,
  kAwayYes: 520_000,
  kAwayNo: 520_000,
  depthCenti: 10_000,
};
/** Listing prices sum to $0.99 on one combination, so it passes the pre-screen, but fees leave no edge. */
export const NEAR_MISS_BOOKS: GameBooks = {
  pmAway: 490_000,
  pmHome: 530_000,
  kHomeYes: 500_000,
  kHomeNo: 530_000,
  kAwayYes: 530_000,
  kAwayNo: 530_000,
  depthCenti: 10_000,
};
/** The engine tests' arbitrage: Polymarket away 0.45 + Kalshi home YES 0.50 (about 2.6% after fees). */
export const ARB_BOOKS: GameBooks = {
  pmAway: 450_000,
  pmHome: 600_000,
  kHomeYes: 500_000,
  kHomeNo: 560_000,
  kAwayYes: 560_000,
  kAwayNo: 600_000,
  depthCenti: 10_000,
};

const level = (priceMicros: number, sizeCenti: number): SimLevel[] => [{ priceMicros, sizeCenti }];
const opposite = (priceMicros: number, sizeCenti: number): SimLevel[] => level(1_000_000 - priceMicros, sizeCenti);

export interface BenchWorldOptions {
  /** Client timeout for every request, orders included. Default 5 s (the Kalshi client's default). */
  readonly timeoutMs?: number;
}

export async function startBenchWorld(options: BenchWorldOptions = {}): Promise<BenchWorld> {
  const [kalshiSim, polymarketSim] = await Promise.all([startKalshiSim(), startPolymarketSim()]);
  const kalshiLog = new ArrivalLog(kalshiSim.faults);
  const polymarketLog = new ArrivalLog(polymarketSim.faults);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  kalshiSim.control.registerAccount({
    keyId: KALSHI_KEY_ID,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    balanceMicros: 100_000_000_000,
  });
  const wallet = new Wallet(PM_KEY);
  polymarketSim.control.registerAccount({
    address: wallet.address,
    balanceMicros: 100_000_000_000,
    apiCreds: PM_CREDS,
  });
  const timeoutMs = options.timeoutMs ?? 5_000;
  // Default token buckets: the documented limits (docs/venues-kalshi.md#k6, docs/venues-polymarket.md#p5-rate-limits).
  const kalshi = createKalshiVenue({
    baseUrl: kalshiSim.url,
    credentials: {
      keyId: KALSHI_KEY_ID,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
    timeoutMs,
  });
  const polymarket = createPolymarketVenue({
    gammaUrl: polymarketSim.gammaUrl,
    clobUrl: polymarketSim.url,
    dataUrl: polymarketSim.url,
    credentials: { privateKey: PM_KEY, apiKey: PM_CREDS.key, secret: PM_CREDS.secret, passphrase: PM_CREDS.passphrase },
    timeoutMs,
    orderTimeoutMs: timeoutMs,
  });
  return {
    kalshiSim,
    polymarketSim,
    kalshi,
    polymarket,
    kalshiLog,
    polymarketLog,
    addGame: (game) => listGame(kalshiSim, polymarketSim, game),
    setBooks(game, b) {
      const d = b.depthCenti;
      polymarketSim.control.setBook(game.away.tokenId, { asks: level(b.pmAway, d), bids: level(b.pmAway - 10_000, d) });
      polymarketSim.control.setBook(game.home.tokenId, { asks: level(b.pmHome, d), bids: level(b.pmHome - 10_000, d) });
      kalshiSim.control.setBook(kalshiTicker(game, 'home'), {
        noBids: opposite(b.kHomeYes, d),
        yesBids: opposite(b.kHomeNo, d),
      });
      kalshiSim.control.setBook(kalshiTicker(game, 'away'), {
        noBids: opposite(b.kAwayYes, d),
        yesBids: opposite(b.kAwayNo, d),
      });
    },
    kalshiCashMicros: () => kalshiSim.control.balanceMicros(KALSHI_KEY_ID),
    polymarketCashMicros: () => polymarketSim.state.account(wallet.address)?.balanceMicros ?? 0,
    async close() {
      await Promise.all([kalshiSim.close(), polymarketSim.close()]);
    },
  };
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
  opts: { mode?: TradingMode; config?: Partial<EngineConfig>; clock?: EngineDeps['clock'] } = {},
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
  };
  return { deps, state: newEngineState(), store, notifier };
}
