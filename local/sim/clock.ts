/**
 * Clocks for the venue simulators: real time by default, a manual clock for tests, and a
 * fast-forward clock for demos (`--speed N`). All report epoch milliseconds.
 */
export interface SimClock {
  now(): number;
}

export const realClock: SimClock = { now: () => Date.now() };

/** Moves only when told to: tests script exact moments. */
export class ManualClock implements SimClock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Simulated time runs `speed` times faster than the real clock, from `startMs`. */
export class ScaledClock implements SimClock {
  private readonly realStart: number;
  private offsetMs = 0;
  constructor(
    private readonly startMs: number,
    private readonly speed: number,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(speed > 0)) throw new RangeError('speed must be > 0');
    this.realStart = realNow();
  }
  now(): number {
    return Math.floor(this.startMs + (this.realNow() - this.realStart) * this.speed + this.offsetMs);
  }
  /** Jump ahead (or back) in simulated time. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** Seeded, reproducible pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
