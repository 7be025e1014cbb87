/**
 * The local stand-in for the EventBridge schedules: each job runs, then waits its period
 * (measured from when the run STARTED, like a rate schedule) before the next run. Runs of one
 * job never overlap — a slow scan delays the next instead of stacking up — and `stop()` ends
 * the waits at once and gives an in-flight run a bounded time to finish.
 */
export interface Job {
  readonly name: string;
  /** Real milliseconds between run starts. */
  readonly everyMs: number;
  /** Run at once on start (true) or after the first period. */
  readonly immediate: boolean;
  run(): Promise<unknown>;
}

export interface Schedule {
  /** Stops every job; resolves when in-flight runs finished or `graceMs` passed. */
  stop(graceMs?: number): Promise<void>;
}

export function startSchedule(jobs: readonly Job[], onError: (job: string, err: unknown) => void): Schedule {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();

  const schedule = (job: Job, delayMs: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const startedAt = Date.now();
      const run = job
        .run()
        .then(
          () => undefined,
          (err: unknown) => onError(job.name, err),
        )
        .finally(() => {
          inFlight.delete(run);
          schedule(job, Math.max(0, job.everyMs - (Date.now() - startedAt)));
        });
      inFlight.add(run);
    }, delayMs);
    timers.add(timer);
  };
  for (const job of jobs) schedule(job, job.immediate ? 0 : job.everyMs);

  return {
    async stop(graceMs = 1_500) {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (inFlight.size === 0) return;
      await waitAtMost(Promise.allSettled([...inFlight]), graceMs);
    },
  };
}

/** Resolves when `work` does or after `ms` real milliseconds, whichever comes first. */
export async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
}
