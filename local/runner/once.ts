/**
 * `--once`: the bundled slate played start to finish on a STEPPED simulated clock. The loop
 * jumps straight to the next scheduled instant (a scan every scan interval, a settle every
 * minute, both in simulated time), ticks the scenario driver there, and runs the engine — so
 * nothing waits in real time, and the same seed and start give the same trades.
 *
 * Streamed (`streamStepMs`): at each scan instant the previous streamed run is closed and a new
 * one opened (as the scheduled function's invocations follow each other, without the overlap a
 * stepped clock does not need) and its snapshots read; then the loop steps every `streamStepMs`
 * (the price model's step, so every book change is seen once): the clock moves
 * (the scenario driver changes books, the simulators' feeds send the changes, the stream clients'
 * timers fire), every frame is delivered and read (`feedsSettled`), then the run decides the pairs
 * whose books changed. Same seed and start, same run.
 *
 * Settle runs: see settleDue. It ends when the venues have settled every game and no bet is left unfinished, or a grace
 * period after the slate's end (a bet that cannot settle is then reported in the state, not
 * waited on forever).
 */
import type { StreamScan } from '../../lib/engine';
import type { SimulatorSet } from '../sim';
import type { SteppedClock } from './clocks';
import type { Cycles } from './cycles';
import type { Output } from './output';
import { waitAtMost } from './timers';
import type { Wiring } from './wiring';

export interface OnceOptions {
  readonly clock: SteppedClock;
  readonly sims: SimulatorSet;
  readonly cycles: Cycles;
  readonly wiring: Wiring;
  readonly output: Output;
  readonly scanEveryMs: number;
  readonly settleEveryMs: number;
  /** Keep settling this long after the last game settled on the venues. */
  readonly graceMs?: number;
  /** Called at every tenth of the slate, for the progress line. */
  readonly onProgress?: (percent: number) => Promise<void>;
  /**
   * Streamed market data (POLYMIX_MARKET_DATA=stream): each scan instant opens a streamed run that
   * lasts until the next one, stepped every `streamStepMs`; unset: one polled scan per instant.
   */
  readonly streamStepMs?: number;
}

export interface OnceOutcome {
  readonly startMs: number;
  readonly endMs: number;
  /** Bets still unfinished when the loop stopped (0 in a clean run). */
  readonly unfinished: number;
}

/**
 * A settle run is due when a game settled on the venues since the last run, and every minute
 * once the slate is over. The runs skipped in between could only have found every market still
 * unresolved (their reconcile step is done by every scan as well), so skipping them changes no
 * figure and saves most of the run's time. The long-running mode settles every minute.
 */
function settleDue(pending: number[], nowMs: number, slateEndMs: number): boolean {
  let due = nowMs >= slateEndMs;
  while (pending.length > 0 && pending[0]! <= nowMs) {
    pending.shift();
    due = true;
  }
  return due;
}

export async function playOnce(o: OnceOptions): Promise<OnceOutcome> {
  const { clock, sims, cycles, wiring } = o;
  const driver = sims.scenario.driver;
  const startMs = clock.now();
  const slateEndMs = driver.finishedAtMs;
  const giveUpMs = slateEndMs + (o.graceMs ?? 30 * 60_000);
  let nextScan = startMs;
  let nextSettle = startMs + o.settleEveryMs;
  // Venue settlement instants not yet followed by a settle run (see settleDue).
  const pending = driver.games.map((g) => g.settleMs).sort((a, b) => a - b);
  clock.onAdvance = (now) => driver.tick(now);
  let nextTenth = 1;
  let unfinished = 0;
  const stepMs = o.streamStepMs;
  let run: StreamScan | null = null;
  let nextStep = Number.POSITIVE_INFINITY;

  for (;;) {
    const at = Math.min(nextScan, nextSettle, nextStep);
    clock.advanceTo(at);
    const now = clock.now();
    if (now >= nextScan) {
      if (stepMs === undefined) {
        if (now < slateEndMs) await cycles.scan();
      } else {
        if (run) await cycles.closeStream(run);
        run = now < slateEndMs ? await cycles.openStream() : null;
        nextStep = run ? now : Number.POSITIVE_INFINITY;
        if (run) await feedsSettled(sims, run); // the snapshots its subscriptions asked for
      }
      while (nextScan <= clock.now()) nextScan += o.scanEveryMs;
    }
    if (run && stepMs !== undefined && now >= nextStep) {
      await feedsSettled(sims, run);
      await cycles.stepStream(run);
      while (nextStep <= clock.now()) nextStep += stepMs;
    }
    if (now >= nextSettle) {
      if (settleDue(pending, now, slateEndMs)) await cycles.settle();
      while (nextSettle <= clock.now()) nextSettle += o.settleEveryMs;
      if (now >= slateEndMs) {
        unfinished = (await wiring.engine.store.listActiveBets('paper')).length;
        if (unfinished === 0 || now >= giveUpMs) break;
      }
    }
    const tenths = Math.floor(((clock.now() - startMs) / Math.max(1, slateEndMs - startMs)) * 10);
    while (nextTenth <= Math.min(tenths, 10)) {
      await o.onProgress?.(nextTenth * 10);
      nextTenth += 1;
    }
  }
  if (run) await cycles.closeStream(run);
  if (unfinished > 0) {
    o.output.line(
      `⚠️  ${unfinished} bet(s) still unfinished ${Math.round((clock.now() - slateEndMs) / 60_000)} simulated minutes after the slate settled; they are in the state below`,
    );
  }
  return { startMs, endMs: clock.now(), unfinished };
}

/**
 * Every frame the simulators' feeds hold has been written, and the run's streams have read what
 * their sockets received (a PING sent now is answered behind it). Bounded in real time: a stream
 * that does not answer leaves its books to the trust rules (untrusted or stale), never to a wait
 * forever.
 */
async function feedsSettled(sims: SimulatorSet, run: StreamScan): Promise<void> {
  await waitAtMost(sims.feedsDrained(), 2_000);
  await waitAtMost(run.session?.sync() ?? Promise.resolve(), 2_000);
}
