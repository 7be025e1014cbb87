/**
 * The one simulated clock of a local run, as the engine and the venue clients need it
 * (`now` + `sleep`). Simulators, scenario driver, clients and engine all read the SAME clock,
 * so book timestamps, game times and daily counters agree (docs/engine.md: the engine is handed
 * its clock).
 *
 * - Scaled (long-running): simulated time runs `speed`× real time; a sleep of N simulated ms
 *   waits N / speed real ms.
 * - Stepped (`--once`): time moves only when the loop advances it, or when the engine or a
 *   client sleeps (the sleep moves the clock instead of waiting), so a whole slate plays in
 *   seconds and the same seed and start give the same run. The stream clients' timers move
 *   with it (`streamTimers`).
 */

import type { Clock } from '../../lib/engine';
import { ManualTimers } from '../../lib/venues/stream';
import { ManualClock, type SimClock } from '../sim/clock';

export interface RunClock extends Clock {
  readonly sim: SimClock;
}

export function scaledRunClock(sim: SimClock, speed: number): RunClock {
  return {
    sim,
    now: () => sim.now(),
    sleep: (ms) => new Promise((done) => setTimeout(done, Math.max(0, ms) / speed)),
  };
}

export interface SteppedClock extends RunClock {
  readonly sim: ManualClock;
  /** Moves time forward to `ms` (never back). */
  advanceTo(ms: number): void;
  /** Told every time the clock moves (the scenario driver ticks on it, as on a real clock). */
  onAdvance: ((nowMs: number) => void) | null;
  /**
   * The stream clients' timers (heartbeats, watchdogs, backoff) on this clock: what fell due
   * fires on every move, after `onAdvance`.
   */
  readonly streamTimers: ManualTimers;
}

export function steppedRunClock(startMs: number): SteppedClock {
  const sim = new ManualClock(startMs);
  const streamTimers = new ManualTimers(startMs);
  const moved = (now: number) => {
    clock.onAdvance?.(now);
    streamTimers.advance(Math.max(0, now - streamTimers.now()));
  };
  const clock: SteppedClock = {
    sim,
    streamTimers,
    onAdvance: null,
    now: () => sim.now(),
    sleep: async (ms) => {
      if (ms > 0) {
        sim.advance(Math.floor(ms));
        moved(sim.now());
      }
      // Let pending I/O run, as a real wait would.
      await new Promise<void>((done) => setImmediate(done));
    },
    advanceTo: (ms) => {
      if (ms <= sim.now()) return;
      sim.set(ms);
      moved(ms);
    },
  };
  return clock;
}
