/**
 * The long-running `npm start`: the session, the local API + dashboard, and the engine on
 * timers (scan at POLYMIX_SCAN_INTERVAL_SECONDS, settle every minute — both in SIMULATED time,
 * so `--speed 60` scans every real second), a compact summary every few seconds, until
 * SIGINT/SIGTERM. Shutdown stops the timers, lets a run in flight finish (bounded), closes the
 * server, the simulators and the store, in that order, in a second or two.
 */
import type { Config, Env } from '../../lib/config';
import { realClock, ScaledClock } from '../sim/clock';
import { type RunClock, scaledRunClock } from './clocks';
import type { Cycles } from './cycles';
import { checkLiveSource } from './live-check';
import type { StartOptions } from './options';
import { createOutput } from './output';
import { startLocalServer } from './server';
import { localRedactor, openSession } from './session';
import { summaryLine } from './summary';
import { startSchedule, waitAtMost } from './timers';

/**
 * Streamed market data (docs/engine.md#streaming): as the scheduled function, a run starts every
 * STREAM_RUN_MS of simulated time and holds the streams STREAM_OVERLAP_MS longer, so the next one
 * opens its streams and warms its books while the previous still trades, then takes the scan lease
 * when it is released (docs/adr/0009-overlapping-streamed-runs.md).
 */
const STREAM_RUN_MS = 60_000;
const STREAM_OVERLAP_MS = 5_000;

/** The overlapping streamed runs of the long-running runner, and their shutdown. */
class StreamedRuns {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly cycles: Cycles,
    private readonly clock: RunClock,
    private readonly speed: number,
  ) {}

  /** Starts a run; resolves when the next one is due (the run itself goes on for the overlap). */
  async next(): Promise<void> {
    if (this.abort.signal.aborted) return;
    const run = this.cycles.scan({
      loopUntilMs: this.clock.now() + STREAM_RUN_MS + STREAM_OVERLAP_MS,
      waitForLease: true,
      signal: this.abort.signal,
    });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    await waitAtMost(run, STREAM_RUN_MS / this.speed);
  }

  /** Ends every run (its decision in progress finishes first), waiting at most `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    this.abort.abort();
    if (this.inFlight.size === 0) return;
    await waitAtMost(Promise.allSettled([...this.inFlight]), graceMs);
  }
}

export interface ServeHooks {
  /** Resolves when the process should stop (a signal); start.ts wires SIGINT/SIGTERM. */
  readonly stopRequested: Promise<string>;
}

export async function serve(options: StartOptions, config: Config, env: Env, hooks: ServeHooks): Promise<number> {
  const speed = options.source === 'sim' ? options.speed : 1;
  const sim =
    options.source === 'sim' && (speed !== 1 || options.startMs !== null)
      ? new ScaledClock(options.startMs ?? Date.now(), speed)
      : realClock;
  const clock = scaledRunClock(sim, speed);
  const redactor = localRedactor(env, options.apiKey);
  const output = createOutput({ now: () => clock.now(), redact: (t) => redactor.text(t) });
  const session = await openSession({
    options,
    config,
    env,
    clock,
    output,
    redactor,
    driverTickMs: Math.max(50, Math.min(1_000, 10_000 / speed)),
  });
  let server;
  try {
    if (options.source === 'live') await checkLiveSource(session.wiring.readers, config.leagues, output);
    server = await startLocalServer({ router: session.wiring.router, port: options.port, host: options.host });
  } catch (err) {
    await session.close();
    throw err;
  }
  const streamed = config.marketData === 'stream';
  const scanEveryMs = (streamed ? STREAM_RUN_MS : config.scanIntervalSeconds * 1_000) / speed;
  const settleEveryMs = 60_000 / speed;
  output.line(
    `API ${server.url}/api/trading/state · dashboard ${server.url}/ · CLI: npx polymix state --url ${server.url}`,
  );
  output.line(
    (streamed
      ? `Trading on streamed books: a run every ${STREAM_RUN_MS / 1_000} s holding the streams ${(STREAM_RUN_MS + STREAM_OVERLAP_MS) / 1_000} s (each hands the scan lease to the next), settling every 60 s of simulated time`
      : `Scanning every ${config.scanIntervalSeconds} s and settling every 60 s of simulated time`) +
      (speed === 1
        ? ''
        : ` (${speed}× real time: every ${(scanEveryMs / 1000).toFixed(2)} s and ${(settleEveryMs / 1000).toFixed(2)} s)`) +
      '. Ctrl-C to stop.',
  );
  const { cycles, wiring } = session;
  const runs = new StreamedRuns(cycles, clock, speed);
  const schedule = startSchedule(
    [
      {
        name: 'scan',
        everyMs: scanEveryMs,
        immediate: true,
        run: streamed ? () => runs.next() : () => cycles.scan(),
      },
      { name: 'settle', everyMs: settleEveryMs, immediate: false, run: () => cycles.settle() },
      {
        name: 'summary',
        everyMs: options.summaryEverySec * 1_000,
        immediate: false,
        run: async () => output.line(await summaryLine(wiring.api, cycles.tally)),
      },
    ],
    (job, err) => output.logger.error(`${job} failed: ${err instanceof Error ? err.message : 'unknown error'}`),
  );

  const signal = await hooks.stopRequested;
  output.plain(`\n${signal}: stopping — timers, API server, simulators, store…`);
  const t0 = Date.now();
  await Promise.all([schedule.stop(1_500), runs.stop(1_500)]);
  await server.close();
  await session.close();
  output.plain(`Stopped cleanly in ${Date.now() - t0} ms.`);
  return 0;
}
