/**
 * `--once`: the bundled slate played start to finish on a STEPPED simulated clock. The loop
 * jumps straight to the next scheduled instant (a scan every scan interval, a settle every
 * minute, both in simulated time), ticks the scenario driver there, and runs the engine — so
 * nothing waits in real time, and the same seed and start give the same trades.
 *
 * Settle runs: see settleDue. It ends when the venues have settled every game and no bet is left unfinished, or a grace
 * period after the slate's end (a bet that cannot settle is then reported in the state, not
 * waited on forever).
 */
import type { Simulators } from '../sim';
import type { SteppedClock } from './clocks';
import type { Cycles } from './cycles';
import type { Output } from './output';
import type { Wiring } from './wiring';

export interface OnceOptions {
  readonly clock: SteppedClock;
  readonly sims: Simulators;
  readonly cycles: Cycles;
  readonly wiring: Wiring;
  readonly output: Output;
  readonly scanEveryMs: number;
  readonly settleEveryMs: number;
  /** Keep settling this long after the last game settled on the venues. */
  readonly graceMs?: number;
  /** Called at every tenth of the slate, for the progress line. */
  readonly onProgress?: (percent: number) => Promise<void>;
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

  for (;;) {
    const at = Math.min(nextScan, nextSettle);
    clock.advanceTo(at);
    const now = clock.now();
    if (now >= nextScan) {
      if (now < slateEndMs) await cycles.scan();
      while (nextScan <= clock.now()) nextScan += o.scanEveryMs;
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
  if (unfinished > 0) {
    o.output.line(
      `⚠️  ${unfinished} bet(s) still unfinished ${Math.round((clock.now() - slateEndMs) / 60_000)} simulated minutes after the slate settled; they are in the state below`,
    );
  }
  return { startMs, endMs: clock.now(), unfinished };
}
