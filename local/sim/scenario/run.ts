/** Runs a driver on a timer against a clock (real, scaled or manual) until stopped. */
import type { SimClock } from '../clock';
import { ScenarioDriver, type ScenarioDriverOptions } from './driver';

export interface RunningScenario {
  readonly driver: ScenarioDriver;
  stop(): void;
}

export function runScenario(
  options: Omit<ScenarioDriverOptions, 'slateStartMs'> & {
    readonly clock: SimClock;
    readonly slateStartMs?: number;
    readonly tickEveryMs?: number;
  },
): RunningScenario {
  const driver = new ScenarioDriver({ ...options, slateStartMs: options.slateStartMs ?? options.clock.now() });
  const tick = () => {
    try {
      driver.tick(options.clock.now());
    } catch (e) {
      options.log?.(`scenario: tick failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  tick();
  const timer = setInterval(tick, options.tickEveryMs ?? 250);
  timer.unref();
  return { driver, stop: () => clearInterval(timer) };
}
