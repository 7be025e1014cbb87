/**
 * The stream clients' timers (heartbeats, watchdogs, reconnect backoff: lib/venues/stream/timers.ts)
 * on the local run's clock, so a book's age and the watchdog that refreshes it count the same time:
 *
 * - scaled (long-running, `--speed N`): a timer of N simulated ms fires after N / speed real ms;
 * - stepped (`--once`): `SteppedClock.streamTimers` (./clocks.ts) fire when the loop moves the clock.
 */
import { realTimers, type StreamTimers } from '../../lib/venues/stream';

export function scaledStreamTimers(speed: number): StreamTimers {
  const real = realTimers();
  return {
    setTimeout: (fn, ms) => real.setTimeout(fn, Math.max(0, ms) / speed),
    clearTimeout: (handle) => real.clearTimeout(handle),
  };
}
