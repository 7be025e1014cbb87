/** Polls `check` until it holds (real time, short steps), failing with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * A settable clock for stream clients: `now()` moves only when a test says so. `sleep` returns at
 * once WITHOUT moving time, so a client on this clock must not need its REST rate limiter to
 * refill (compare against a REST client on the real clock instead).
 */
export class TestClock {
  constructor(public ms: number) {}
  now = (): number => this.ms;
  sleep = async (_ms: number): Promise<void> => {};
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Fast stream tuning for tests over 127.0.0.1 (real timers, short periods; staleness on the test clock). */
export const FAST_STREAM = {
  staleAfterMs: 1_000,
  quietMs: 600_000,
  snapshotTimeoutMs: 500,
  watchdogEveryMs: 10,
  backoffInitialMs: 10,
  backoffMaxMs: 40,
  deadAfterMs: 0,
  problemDedupeMs: 0,
} as const;
