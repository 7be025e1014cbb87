/**
 * `npm start -- --once`: the session on a stepped clock, the slate played through
 * (./once.ts), then the final state as JSON — the LAST thing on stdout, for scripts.
 */
import type { Config, Env } from '../../lib/config';
import type { SimulatorSet } from '../sim';
import { steppedRunClock } from './clocks';
import { playOnce } from './once';
import type { StartOptions } from './options';
import { createOutput } from './output';
import { localRedactor, openSession } from './session';
import { fullState, summaryLine } from './summary';

/**
 * How often a streamed --once run decides: every third step of the price model (30 s with the
 * bundled slate's 10 s), a whole multiple of it so each decision sees one step's books. Every
 * step would send every level of every book as a message three times as often (about a million
 * messages over the bundled slate) for the same trades; the long-running mode decides on every
 * message as they come (docs/local.md, "--once").
 */
function onceStreamStepMs(sims: SimulatorSet): number {
  const modelStepMs = sims.scenario.driver.stepMs;
  return modelStepMs * Math.max(1, Math.floor(30_000 / modelStepMs));
}

/** Default start of a --once run: now, to the minute (pass --start to repeat a run exactly). */
function defaultStart(): number {
  return Math.floor(Date.now() / 60_000) * 60_000;
}

export async function runOnce(options: StartOptions, config: Config, env: Env): Promise<number> {
  const clock = steppedRunClock(options.startMs ?? defaultStart());
  const redactor = localRedactor(env, options.apiKey);
  const output = createOutput({ now: () => clock.now(), collapseRepeats: true, redact: (t) => redactor.text(t) });
  const t0 = Date.now();
  // The driver's own timer is not needed (the loop ticks it): one tick a minute of real time.
  const session = await openSession({ options, config, env, clock, output, redactor, driverTickMs: 60_000 });
  try {
    const { sims, cycles, wiring } = session;
    if (!sims) throw new Error('--once needs the simulators');
    output.line(
      `Playing the slate once on simulated time from ${new Date(clock.now()).toISOString()}, seed ${options.seed}: ` +
        (config.marketData === 'stream'
          ? `a streamed run every ${config.scanIntervalSeconds} s deciding on book changes every ${onceStreamStepMs(sims) / 1_000} s, `
          : `scan every ${config.scanIntervalSeconds} s, `) +
        'settle at the minute after each game settles on the venues',
    );
    const outcome = await playOnce({
      clock,
      sims,
      cycles,
      wiring,
      output,
      scanEveryMs: config.scanIntervalSeconds * 1_000,
      settleEveryMs: 60_000,
      ...(config.marketData === 'stream' ? { streamStepMs: onceStreamStepMs(sims) } : {}),
      onProgress: async (pct) =>
        output.line(`⏩ ${pct}% of the slate · ${await summaryLine(wiring.api, cycles.tally)}`),
    });
    const state = await fullState(wiring.api);
    const t = cycles.tally;
    output.line(
      `Done: ${Math.round((outcome.endMs - outcome.startMs) / 60_000)} simulated minutes in ${((Date.now() - t0) / 1000).toFixed(1)} s · ` +
        `${t.scans} ${config.marketData === 'stream' ? 'streamed runs' : 'scans'}, ${t.settles} settle runs, ${t.traded} traded, ${t.settled} settled, ${t.errors} errors`,
    );
    await session.close();
    output.plain(JSON.stringify(state, null, 2));
    return 0;
  } catch (err) {
    await session.close();
    throw err;
  }
}
