/**
 * `npm start` — PolyMix on this machine, in one process, always in paper mode: the embedded
 * store, the venue simulators with the bundled slate (or the venues' real public market data
 * with --source live), the same engine on timers, and the trading API + dashboard on
 * http://localhost:5001. `--once` plays the slate once and prints the final state as JSON.
 * Flags: local/runner/options.ts (or `npm start -- --help`); guide: docs/local.md.
 *
 * Exit codes: 0 done / stopped cleanly; 1 could not run (port taken, store locked, venues
 * unreachable, bad environment); 2 bad flags.
 */
import { ConfigError, withOriginalNames } from '../lib/config';
import { StoreStartError } from './runner/embedded-store';
import { LiveSourceError } from './runner/live-check';
import { parseStartOptions, START_USAGE, UsageError } from './runner/options';
import { runOnce } from './runner/run-once';
import { serve } from './runner/serve';
import { PortInUseError } from './runner/server';
import { loadLocalConfig } from './runner/session';

/**
 * Resolves with the signal's name at the first SIGINT/SIGTERM. A repeat within two seconds is
 * the same Ctrl-C arriving twice (a terminal signals every process of the group, and the `tsx`
 * wrapper of `npm start` relays it again): ignored. A later one exits at once.
 */
function stopSignal(): Promise<string> {
  return new Promise((done) => {
    let firstAt: number | null = null;
    const on = (signal: string) => {
      if (firstAt === null) {
        firstAt = Date.now();
        done(signal);
        return;
      }
      if (Date.now() - firstAt < 2_000) return;
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(130);
    };
    process.on('SIGINT', () => on('SIGINT'));
    process.on('SIGTERM', () => on('SIGTERM'));
  });
}

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseStartOptions(argv, process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`npm start: ${err.message}\n\n${START_USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${START_USAGE}\n`);
    return 0;
  }
  let env;
  let config;
  try {
    env = withOriginalNames(process.env); // LIVE_TRADING_RESET_KEY (docs/migrating.md#settings)
    config = loadLocalConfig(env);
    if (options.leagues !== null) config = { ...config, leagues: options.leagues };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
  try {
    if (options.once) return await runOnce(options, config, env);
    return await serve(options, config, env, { stopRequested: stopSignal() });
  } catch (err) {
    if (err instanceof PortInUseError || err instanceof StoreStartError || err instanceof LiveSourceError) {
      process.stderr.write(`\n${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Anything still holding the loop open (a keep-alive socket) must not keep a finished run alive.
    setTimeout(() => process.exit(code), 500).unref();
  },
  (err: unknown) => {
    process.stderr.write(
      `PolyMix stopped on an unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
