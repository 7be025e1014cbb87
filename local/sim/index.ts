/**
 * `startSimulators`: both venue simulators plus the scenario driver on one clock — what
 * `npm run sim`, `npm start` and integration tests use. The driver talks to each simulator
 * only through its control interface (local/sim/control.ts).
 */
import { realClock, type SimClock } from './clock';
import { type KalshiSim, startKalshiSim } from './kalshi';
import { type PolymarketSim, startPolymarketSim } from './polymarket';
import { loadSlate, type RunningScenario, runScenario, type Slate } from './scenario';

export interface SimulatorsOptions {
  /** Seed of the price model and the fault injectors. Default 1. */
  readonly seed?: number;
  /** Simulation time; a ScaledClock fast-forwards, a ManualClock is stepped by tests. */
  readonly clock?: SimClock;
  /** Default: the bundled demo slate. */
  readonly slate?: Slate;
  /** Default: now on the clock. */
  readonly slateStartMs?: number;
  readonly kalshiPort?: number;
  readonly polymarketPort?: number;
  readonly polymarketGammaPort?: number;
  /** Real milliseconds between driver ticks. Default 250. */
  readonly tickEveryMs?: number;
  readonly log?: (line: string) => void;
  /**
   * What signature timestamps are checked against (default: real time, for outside clients). The
   * local runner's clients sign with the run's simulated clock, so it passes that clock.
   */
  readonly signatureNow?: () => number;
}

export interface Simulators {
  readonly kalshi: KalshiSim;
  readonly polymarket: PolymarketSim;
  readonly scenario: RunningScenario;
  readonly clock: SimClock;
  close(): Promise<void>;
}

export async function startSimulators(options: SimulatorsOptions = {}): Promise<Simulators> {
  const clock = options.clock ?? realClock;
  const seed = options.seed ?? 1;
  const slate = options.slate ?? loadSlate();
  const [kalshi, polymarket] = await Promise.all([
    startKalshiSim({
      clock,
      seed,
      ...(options.kalshiPort !== undefined ? { port: options.kalshiPort } : {}),
      ...(options.signatureNow ? { realNow: options.signatureNow } : {}),
    }),
    startPolymarketSim({
      clock,
      seed,
      ...(options.polymarketPort !== undefined ? { port: options.polymarketPort } : {}),
      ...(options.polymarketGammaPort !== undefined ? { gammaPort: options.polymarketGammaPort } : {}),
    }),
  ]);
  const scenario = runScenario({
    slate,
    seed,
    clock,
    kalshi: kalshi.control,
    polymarket: polymarket.control,
    ...(options.slateStartMs !== undefined ? { slateStartMs: options.slateStartMs } : {}),
    ...(options.tickEveryMs !== undefined ? { tickEveryMs: options.tickEveryMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    kalshi,
    polymarket,
    scenario,
    clock,
    close: async () => {
      scenario.stop();
      await Promise.all([kalshi.close(), polymarket.close()]);
    },
  };
}
