/**
 * `startSimulators`: the venue simulators plus the scenario driver on one clock — what
 * `npm run sim`, `npm start` and integration tests use. The driver talks to each simulator
 * only through its control interface (local/sim/control.ts).
 *
 * Which simulators run is `venues` (./venues.ts): Kalshi and Polymarket by default (what
 * `startSimulators` always gives); `startSimulatorSet` also takes Kalshi × Polymarket US
 * (`['kalshi', 'polymarket-us']`) or all three, the same slate played on each.
 */
import { realClock, type SimClock } from './clock';
import { type KalshiSim, startKalshiSim } from './kalshi';
import { type PolymarketSim, startPolymarketSim } from './polymarket';
import { type PolymarketUsSim, startPolymarketUsSim } from './polymarket-us';
import { MAJOR_LEAGUES } from '../../lib/core/market';
import { loadSlate, type RunningScenario, runScenario, type Slate, slateForLeagues } from './scenario';
import { checkSimVenues, DEFAULT_SIM_VENUES, type SimVenue } from './venues';

export { DEFAULT_SIM_VENUES, parseSimVenues, SIM_VENUES, type SimVenue } from './venues';

export interface SimulatorsOptions {
  /** Seed of the price model and the fault injectors. Default 1. */
  readonly seed?: number;
  /** Simulation time; a ScaledClock fast-forwards, a ManualClock is stepped by tests. */
  readonly clock?: SimClock;
  /** Default: the bundled demo slate's games of the major leagues. */
  readonly slate?: Slate;
  /** Default: now on the clock. */
  readonly slateStartMs?: number;
  /** Which simulators run (./venues.ts). Default `['kalshi', 'polymarket']`. */
  readonly venues?: readonly SimVenue[];
  readonly kalshiPort?: number;
  readonly polymarketPort?: number;
  readonly polymarketGammaPort?: number;
  /** Polymarket US: its API host (orders, account, the markets WebSocket) and its gateway (public reads). */
  readonly polymarketUsApiPort?: number;
  readonly polymarketUsGatewayPort?: number;
  /** Real milliseconds between driver ticks. Default 250. */
  readonly tickEveryMs?: number;
  readonly log?: (line: string) => void;
  /**
   * What signature timestamps are checked against (default: real time, for outside clients). The
   * local runner's clients sign with the run's simulated clock, so it passes that clock.
   */
  readonly signatureNow?: () => number;
}

/** The simulators that run, each null when not asked for (Kalshi always runs). */
export interface SimulatorSet {
  readonly venues: readonly SimVenue[];
  readonly kalshi: KalshiSim;
  readonly polymarket: PolymarketSim | null;
  readonly polymarketUs: PolymarketUsSim | null;
  readonly scenario: RunningScenario;
  readonly clock: SimClock;
  /** Every running simulator's WebSocket feed has written every frame it holds (latency, stall, reorder). */
  feedsDrained(): Promise<void>;
  close(): Promise<void>;
}

/** Kalshi and Polymarket (and Polymarket US when `venues` names it too). */
export interface Simulators extends SimulatorSet {
  readonly polymarket: PolymarketSim;
}

/** Kalshi × Polymarket as before; `venues` may add Polymarket US, never drop Polymarket. */
export async function startSimulators(options: SimulatorsOptions = {}): Promise<Simulators> {
  const venues = checkSimVenues(options.venues ?? DEFAULT_SIM_VENUES);
  if (!venues.includes('polymarket')) {
    throw new Error(`startSimulators runs Polymarket; for ${venues.join(',')} use startSimulatorSet`);
  }
  const set = await startSimulatorSet({ ...options, venues });
  const { polymarket } = set;
  if (!polymarket) throw new Error('the Polymarket simulator did not start');
  return { ...set, polymarket };
}

export async function startSimulatorSet(options: SimulatorsOptions = {}): Promise<SimulatorSet> {
  const clock = options.clock ?? realClock;
  const seed = options.seed ?? 1;
  // The bundled slate as a default-league run plays it (its other leagues' games: slateForLeagues).
  const slate = options.slate ?? slateForLeagues(loadSlate(), MAJOR_LEAGUES);
  const venues = checkSimVenues(options.venues ?? DEFAULT_SIM_VENUES);
  const [kalshi, polymarket, polymarketUs] = await Promise.all([
    startKalshiSim({
      clock,
      seed,
      ...(options.kalshiPort !== undefined ? { port: options.kalshiPort } : {}),
      ...(options.signatureNow ? { realNow: options.signatureNow } : {}),
    }),
    venues.includes('polymarket')
      ? startPolymarketSim({
          clock,
          seed,
          ...(options.polymarketPort !== undefined ? { port: options.polymarketPort } : {}),
          ...(options.polymarketGammaPort !== undefined ? { gammaPort: options.polymarketGammaPort } : {}),
        })
      : null,
    venues.includes('polymarket-us')
      ? startPolymarketUsSim({
          clock,
          seed,
          ...(options.polymarketUsApiPort !== undefined ? { apiPort: options.polymarketUsApiPort } : {}),
          ...(options.polymarketUsGatewayPort !== undefined ? { gatewayPort: options.polymarketUsGatewayPort } : {}),
          // Every API request and the WebSocket handshake are signed (docs/venues-polymarket-us.md#u-auth).
          ...(options.signatureNow ? { realNow: options.signatureNow } : {}),
        })
      : null,
  ]);
  const scenario = runScenario({
    slate,
    seed,
    clock,
    kalshi: kalshi.control,
    polymarket: polymarket?.control ?? null,
    polymarketUs: polymarketUs?.control ?? null,
    ...(options.slateStartMs !== undefined ? { slateStartMs: options.slateStartMs } : {}),
    ...(options.tickEveryMs !== undefined ? { tickEveryMs: options.tickEveryMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    venues,
    kalshi,
    polymarket,
    polymarketUs,
    scenario,
    clock,
    feedsDrained: async () => {
      await Promise.all([kalshi.feed.hub.drained(), polymarket?.feed.hub.drained(), polymarketUs?.feed.hub.drained()]);
    },
    close: async () => {
      scenario.stop();
      await Promise.all([kalshi.close(), polymarket?.close(), polymarketUs?.close()]);
    },
  };
}
