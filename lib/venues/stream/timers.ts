/**
 * Timers of the stream clients, injectable: heartbeats, watchdogs and reconnect backoff all go
 * through a `StreamTimers`, so a test (or a stepped local run) decides when they fire. Time
 * itself comes from the caller's `now()`; nothing here reads a stream to move time.
 */
export type TimerHandle = { readonly id: number };

export interface StreamTimers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers, unref'd so an open stream never keeps a process alive on its own. */
export function realTimers(): StreamTimers {
  const live = new Map<number, NodeJS.Timeout>();
  let next = 1;
  return {
    setTimeout(fn, ms) {
      const id = next++;
      const t = setTimeout(() => {
        live.delete(id);
        fn();
      }, ms);
      t.unref?.();
      live.set(id, t);
      return { id };
    },
    clearTimeout(handle) {
      const t = live.get(handle.id);
      if (t) clearTimeout(t);
      live.delete(handle.id);
    },
  };
}

/**
 * Timers that fire only when `advance(ms)` says so, in due order (ties in creation order), with
 * their own notion of now. For tests and deterministic stepped runs.
 */
export class ManualTimers implements StreamTimers {
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  constructor(private nowMs = 0) {}

  now(): number {
    return this.nowMs;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.next++;
    this.due.set(id, { at: this.nowMs + Math.max(0, ms), fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.due.delete(handle.id);
  }

  /** Timers not fired yet. */
  get pending(): number {
    return this.due.size;
  }

  /** Moves time forward, firing every timer that falls due on the way (also ones set meanwhile). */
  advance(ms: number): void {
    const end = this.nowMs + ms;
    for (;;) {
      let pick: [number, { at: number; fn: () => void }] | null = null;
      for (const entry of this.due) if (entry[1].at <= end && (!pick || entry[1].at < pick[1].at)) pick = entry;
      if (!pick) break;
      this.due.delete(pick[0]);
      this.nowMs = Math.max(this.nowMs, pick[1].at);
      pick[1].fn();
    }
    this.nowMs = end;
  }
}

/** Reconnect delay of attempt `n` (0-based): exponential, capped, with jitter in [½, 1] of it. */
export function backoffMs(n: number, initialMs: number, maxMs: number, random: () => number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(n, 30));
  return Math.round(base * (0.5 + random() * 0.5));
}

/**
 * A repeating check: `inspect` runs every `everyMs` until `stop()`, and an `inspect` that throws
 * does not stop it (the next check still comes). The stream clients' watchdogs.
 */
export class Watchdog {
  private handle: TimerHandle | null = null;
  private stopped = false;

  constructor(
    private readonly timers: StreamTimers,
    private readonly everyMs: number,
    private readonly inspect: () => void,
  ) {
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.handle) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  private arm(): void {
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      if (this.stopped) return;
      try {
        this.inspect();
      } finally {
        if (!this.stopped) this.arm();
      }
    }, this.everyMs);
  }
}
