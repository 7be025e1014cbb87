/**
 * The benchmarks' world: both venue simulators on 127.0.0.1 in REAL time (unlike the engine
 * tests' manual clock), the real venue clients with their documented token buckets and their
 * book streams over the simulators' WebSocket feeds, a dynalite table, and engine dependencies
 * over all of it (./bench-engine.ts). Every request that reaches a simulator is logged on the
 * simulator's side (arrival time and route) so request counts and rate-limit checks are what
 * the venue would have seen, not what the client meant to send.
 */
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SimLevel } from '../local/sim/control';
import type { FaultInjector } from '../local/sim/faults';
import { type KalshiSim, startKalshiSim } from '../local/sim/kalshi';
import { type PolymarketSim, startPolymarketSim } from '../local/sim/polymarket';
import { type GameSpec, kalshiTicker, listGame } from '../test/support/engine/sim-world';
import {
  type BenchEndpoints,
  type BenchKalshiClient,
  type BenchPolymarketClient,
  benchClients,
  KALSHI_KEY_ID,
  PM_ADDRESS,
  PM_CREDS,
} from './bench-engine';

export {
  BENCH_CONFIG,
  type BenchEndpoints,
  type BenchEngine,
  benchClients,
  benchEngine,
  realEngineClock,
} from './bench-engine';

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
  /** The real clients; their `openBookStream()` streams from the simulators' feeds. */
  readonly kalshi: BenchKalshiClient;
  readonly polymarket: BenchPolymarketClient;
  readonly kalshiLog: ArrivalLog;
  readonly polymarketLog: ArrivalLog;
  readonly endpoints: BenchEndpoints;
  addGame(game: GameSpec): void;
  /** Asks per instrument; Kalshi asks are set as the opposite side's bids (docs/venues-kalshi.md#k2). */
  setBooks(game: GameSpec, books: GameBooks): void;
  /**
   * Runs `change` (any number of book changes) and lets each simulator's WebSocket feed send the
   * difference once afterwards, instead of once per change: a burst, and one feed pass instead
   * of many (each pass compares every subscribed book).
   */
  inOneBurst(change: () => void): void;
  /** Delay of every WebSocket frame of both feeds, ms (local/sim/stream/feed-faults.ts `latency`); 0 removes it. */
  setFeedLatency(ms: number): void;
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
  polymarketSim.control.registerAccount({
    address: PM_ADDRESS,
    balanceMicros: 100_000_000_000,
    apiCreds: PM_CREDS,
  });
  const endpoints: BenchEndpoints = {
    kalshiUrl: kalshiSim.url,
    kalshiWsUrl: kalshiSim.wsUrl,
    polymarketGammaUrl: polymarketSim.gammaUrl,
    polymarketClobUrl: polymarketSim.url,
    polymarketWsUrl: polymarketSim.wsUrl,
    kalshiPrivateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const { kalshi, polymarket } = benchClients(endpoints, options.timeoutMs ?? 5_000);
  const setBooks = (game: GameSpec, b: GameBooks) => {
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
  };
  return {
    kalshiSim,
    polymarketSim,
    kalshi,
    polymarket,
    kalshiLog,
    polymarketLog,
    endpoints,
    addGame: (game) => listGame(kalshiSim, polymarketSim, game),
    setBooks,
    inOneBurst(change) {
      // The simulators' feeds send the difference since their last frame on every book change
      // (local/sim/*/ws-feed.ts `sync()`); held off here, then once per feed, as a venue's burst.
      const held = [kalshiSim.control.bookWatchers, polymarketSim.state.bookWatchers].map((set) => {
        const watchers = [...set];
        set.clear();
        return { set, watchers };
      });
      try {
        change();
      } finally {
        for (const { set, watchers } of held) for (const w of watchers) set.add(w);
        kalshiSim.feed.sync();
        polymarketSim.feed.sync();
      }
    },
    setFeedLatency(ms) {
      for (const hub of [kalshiSim.feed.hub, polymarketSim.feed.hub]) {
        for (const rule of hub.faults.list()) if (rule.kind === 'latency') hub.faults.remove(rule.id);
        if (ms > 0) hub.faults.add({ kind: 'latency', ms });
      }
    },
    kalshiCashMicros: () => kalshiSim.control.balanceMicros(KALSHI_KEY_ID),
    polymarketCashMicros: () => polymarketSim.state.account(PM_ADDRESS)?.balanceMicros ?? 0,
    async close() {
      await Promise.all([kalshiSim.close(), polymarketSim.close()]);
    },
  };
}
