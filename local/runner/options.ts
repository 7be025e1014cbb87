import { LEAGUE_LIST_HELP, parseLeagueList } from '../../lib/core/leagues';
import type { League } from '../../lib/core/market';

/**
 * `npm start` flags. Every bad flag is a `UsageError` (the caller prints it with the usage text
 * and exits 2): a typo must never start a run with a setting the operator did not ask for.
 */
export type MarketSource = 'sim' | 'live';

export interface StartOptions {
  /** Play the bundled slate once on a stepped simulated clock, print the final state, exit. */
  readonly once: boolean;
  /** Price model and fault seed of the simulators (and the paper leg-failure model). */
  readonly seed: number;
  /** Simulated time runs this many times faster than real time (long-running sim mode). */
  readonly speed: number;
  readonly port: number;
  readonly host: string;
  readonly source: MarketSource;
  /** Where the embedded store keeps its files; null = in memory (lost at exit). */
  readonly dataDir: string | null;
  /** Simulated start instant (epoch ms); null = now. Same seed + same start = same run. */
  readonly startMs: number | null;
  /** Scenario file instead of the bundled slate. */
  readonly slatePath: string | null;
  /** Paper leg-failure model: probability that a paper order is rejected. */
  readonly legFailureRate: number;
  /** Real seconds between compact summaries (long-running mode). */
  readonly summaryEverySec: number;
  /** When set, the local API requires `x-api-key` with this value. */
  readonly apiKey: string | null;
  /** `--leagues`: the leagues to trade instead of POLYMIX_LEAGUES; null = POLYMIX_LEAGUES. */
  readonly leagues: readonly League[] | null;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const START_USAGE = `usage: npm start -- [options]

  --once                  play the bundled slate once on a fast simulated clock, print the
                          final state as JSON (last thing on stdout) and exit
  --seed N                simulator seed (default 1)
  --speed N               simulated time runs N× faster (default 1; sim source only)
  --start ISO             simulated start instant, e.g. 2026-11-25T22:00:00Z (default: now)
  --slate FILE            scenario JSON instead of the bundled slate
  --port N                local API and dashboard port (default 5001)
  --host ADDR             address to listen on (default 127.0.0.1)
  --source sim|live       sim: local venue simulators (default); live: real public market
                          data from Polymarket and Kalshi (network needed; fills stay paper)
  --data-dir DIR          keep the embedded store in DIR across runs (default: in memory)
  --leg-failure-rate P    paper model: reject a paper order with probability P (default 0)
  --summary-every S       seconds between compact summaries (default 30)
  --leagues LIST          leagues to trade instead of POLYMIX_LEAGUES: a comma list of catalogued
                          leagues (NBA, WNBA, NCAAMB, ATP, UFC, CS2, …, any case) or all
  --api-key KEY           require this x-api-key on the local API (default: POLYMIX_API_KEY, else none;
                          required with a --host other than loopback)
  --help                  this text

Always paper mode: LIVE_TRADING is ignored by the local runner.`;

const FLAGS_WITH_VALUE = new Set([
  '--seed',
  '--speed',
  '--start',
  '--slate',
  '--port',
  '--host',
  '--source',
  '--data-dir',
  '--leg-failure-rate',
  '--summary-every',
  '--api-key',
  '--leagues',
]);

function integer(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d{1,10}$/.test(raw))
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${raw}`);
  return n;
}

function decimal(flag: string, raw: string, min: number, max: number, inclusiveMin: boolean): number {
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new UsageError(`${flag} must be a number, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if ((inclusiveMin ? n < min : n <= min) || n > max) {
    throw new UsageError(
      `${flag} must be ${inclusiveMin ? 'from' : 'above'} ${min} ${inclusiveMin ? 'to' : 'and at most'} ${max}, got ${raw}`,
    );
  }
  return n;
}

function instant(flag: string, raw: string): number {
  // A full date and time with a zone: a bare date or local time would depend on the machine.
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) ||
    Number.isNaN(Date.parse(raw))
  ) {
    throw new UsageError(
      `${flag} must be an ISO date-time with a zone, e.g. 2026-11-25T22:00:00Z, got ${JSON.stringify(raw)}`,
    );
  }
  return Date.parse(raw);
}

/** Splits `--flag=value` into two arguments so both spellings work. */
function expand(argv: readonly string[]): string[] {
  return argv.flatMap((a) => {
    const eq = a.indexOf('=');
    return a.startsWith('--') && eq > 2 ? [a.slice(0, eq), a.slice(eq + 1)] : [a];
  });
}

/** A local API key as given by `from` (--api-key or POLYMIX_API_KEY), or UsageError. */
function apiKeyOf(value: string, from: string): string {
  if (!/^\S{8,256}$/.test(value)) throw new UsageError(`${from} must be 8 to 256 characters without spaces`);
  return value;
}

/**
 * Parses `npm start` arguments; returns 'help' for --help. Throws UsageError. `POLYMIX_API_KEY`
 * in `env` is the default of --api-key (docs/api.md).
 */
export function parseStartOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): StartOptions | 'help' {
  const args = expand(argv);
  const seen = new Set<string>();
  const o = {
    once: false,
    seed: 1,
    speed: 1,
    port: 5001,
    host: '127.0.0.1',
    source: 'sim' as MarketSource,
    dataDir: null as string | null,
    startMs: null as number | null,
    slatePath: null as string | null,
    legFailureRate: 0,
    summaryEverySec: 30,
    apiKey: null as string | null,
    leagues: null as League[] | null,
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (flag === '--help' || flag === '-h') return 'help';
    if (!flag.startsWith('--')) throw new UsageError(`unexpected argument ${JSON.stringify(flag)}`);
    if (seen.has(flag)) throw new UsageError(`${flag} is given twice`);
    seen.add(flag);
    if (flag === '--once') {
      o.once = true;
      continue;
    }
    if (!FLAGS_WITH_VALUE.has(flag)) throw new UsageError(`unknown option ${flag}`);
    const value = args[i + 1];
    if (value === undefined || (value.startsWith('--') && value.length > 2))
      throw new UsageError(`${flag} needs a value`);
    i += 1;
    switch (flag) {
      case '--seed':
        o.seed = integer(flag, value, 0, 2 ** 31 - 1);
        break;
      case '--speed':
        o.speed = decimal(flag, value, 0, 10_000, false);
        break;
      case '--start':
        o.startMs = instant(flag, value);
        break;
      case '--slate':
        o.slatePath = value;
        break;
      case '--port':
        o.port = integer(flag, value, 0, 65_535);
        break;
      case '--host':
        if (!/^[A-Za-z0-9.:-]{1,253}$/.test(value))
          throw new UsageError(`--host must be a host name or address, got ${JSON.stringify(value)}`);
        o.host = value;
        break;
      case '--source':
        if (value !== 'sim' && value !== 'live')
          throw new UsageError(`--source must be sim or live, got ${JSON.stringify(value)}`);
        o.source = value;
        break;
      case '--data-dir':
        if (value.trim() === '') throw new UsageError('--data-dir must not be empty');
        o.dataDir = value;
        break;
      case '--leg-failure-rate':
        o.legFailureRate = decimal(flag, value, 0, 1, true);
        break;
      case '--summary-every':
        o.summaryEverySec = integer(flag, value, 1, 86_400);
        break;
      case '--api-key':
        o.apiKey = apiKeyOf(value, '--api-key');
        break;
      case '--leagues': {
        const parsed = parseLeagueList(value);
        if (!parsed.ok) throw new UsageError(`--leagues must be ${LEAGUE_LIST_HELP}: ${parsed.reason}`);
        o.leagues = parsed.leagues;
        break;
      }
    }
  }
  if (o.source === 'live') {
    const simOnly = ['--once', '--speed', '--slate', '--start', '--seed'].filter((f) => seen.has(f));
    if (simOnly.length > 0) {
      throw new UsageError(
        `${simOnly.join(', ')} only apply to the simulators; --source live runs in real time on today's real markets`,
      );
    }
  }
  if (o.once && seen.has('--speed'))
    throw new UsageError('--once steps the simulated clock as fast as it can; --speed does not apply');
  if (o.apiKey === null && env.POLYMIX_API_KEY) o.apiKey = apiKeyOf(env.POLYMIX_API_KEY, 'POLYMIX_API_KEY');
  // Beyond this machine, halt/resume/state must not be open to anyone on the network.
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(o.host);
  if (!loopback && o.apiKey === null)
    throw new UsageError(
      `--host ${o.host} serves the API beyond this machine: give --api-key (or POLYMIX_API_KEY) too`,
    );
  return o;
}
