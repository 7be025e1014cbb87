/**
 * `polymix` arguments: one command, then flags. Base URL and API key come from flags or the
 * environment (POLYMIX_API_URL, POLYMIX_API_KEY); bad input is a UsageError (exit 2).
 */
export const COMMANDS = ['state', 'metrics', 'positions', 'errors', 'mode', 'halt', 'resume', 'reset'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  readonly command: Command;
  /** Base URL without a trailing slash, e.g. http://localhost:5001 or https://…/prod */
  readonly url: string;
  readonly apiKey: string | null;
  readonly json: boolean;
  readonly limit: number | null;
  readonly reason: string | null;
  /** Reset key (reset only). */
  readonly resetKey: string | null;
  readonly timeoutMs: number;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const DEFAULT_URL = 'http://localhost:5001';

export const CLI_USAGE = `usage: npx polymix <command> [options]

commands:
  state                 account summary and recent bets
  metrics               win rate, ROI, daily P&L, drawdown, locked capital
  positions             shares held per instrument (ledger vs venue)
  errors                recent errors
  mode                  trading mode and rule policy
  halt [--reason TEXT]  kill switch: stop admitting trades now
  resume                lift the kill switch
  reset --key KEY       paper only: delete finished paper bets, restore the initial balance
                        (or set POLYMIX_RESET_KEY / LIVE_TRADING_RESET_KEY)
  preflight             check keys, wallet, balances, clock, region and games on both venues
                        before going live (runs here, not through the API; --help for options)
  import-original FILE  import the original PolyMix's real_trading_data.json into a ledger
                        (writes the store itself; --help for options)

options:
  --url URL             API base URL (env POLYMIX_API_URL; default ${DEFAULT_URL})
  --api-key KEY         API key sent as x-api-key (env POLYMIX_API_KEY)
  --json                print the API's JSON instead of tables
  --limit N             how many bets (state) or errors (errors) to show, 1-100
  --timeout S           seconds to wait for the server (default 10)
  --help                this text`;

const VALUE_FLAGS = new Set(['--url', '--api-key', '--limit', '--reason', '--key', '--timeout']);
const FLAGS_FOR: Readonly<Record<string, readonly Command[]>> = {
  '--limit': ['state', 'errors'],
  '--reason': ['halt'],
  '--key': ['reset'],
};

function baseUrl(raw: string, from: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${from} is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${from} must be an http(s) URL, e.g. ${DEFAULT_URL}`);
  if (url.username || url.password) throw new UsageError(`${from} must not hold credentials; use --api-key`);
  if (url.search || url.hash) throw new UsageError(`${from} must not have a query or fragment`);
  // The stack's ApiUrl output ends in /trading (docs/deploy.md): the routes add it themselves, so
  // a base that already ends in it is taken without it (else every call would hit /trading/trading/…).
  return url.href.replace(/\/+$/, '').replace(/\/trading$/, '');
}

/** POLYMIX_RESET_KEY, or the original PolyMix's LIVE_TRADING_RESET_KEY; both set and different is an error. */
function envResetKey(env: Readonly<Record<string, string | undefined>>): string | null {
  const ours = env.POLYMIX_RESET_KEY || null;
  const original = env.LIVE_TRADING_RESET_KEY || null;
  if (ours !== null && original !== null && ours !== original)
    throw new UsageError(
      "both LIVE_TRADING_RESET_KEY (the original PolyMix's name) and POLYMIX_RESET_KEY are set, to different values: keep one",
    );
  return ours ?? original;
}

/** Parses argv (after the program name); returns 'help' for --help or no arguments. */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliArgs | 'help' {
  const args = argv.flatMap((a) => {
    const eq = a.indexOf('=');
    return a.startsWith('--') && eq > 2 ? [a.slice(0, eq), a.slice(eq + 1)] : [a];
  });
  if (args.length === 0 || args.includes('--help') || args.includes('-h') || args[0] === 'help') return 'help';
  const [first, ...rest] = args;
  if (!(COMMANDS as readonly string[]).includes(first!)) {
    throw new UsageError(
      first!.startsWith('-')
        ? `the command comes first (one of ${COMMANDS.join(', ')})`
        : `unknown command ${JSON.stringify(first)} (one of ${COMMANDS.join(', ')})`,
    );
  }
  const command = first as Command;
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (flag === '--json') {
      json = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag))
      throw new UsageError(
        flag.startsWith('-') ? `unknown option ${flag}` : `unexpected argument ${JSON.stringify(flag)}`,
      );
    const allowed = FLAGS_FOR[flag];
    if (allowed && !allowed.includes(command))
      throw new UsageError(`${flag} does not apply to ${command} (only ${allowed.join(', ')})`);
    const value = rest[i + 1];
    if (value === undefined || (value.startsWith('--') && value.length > 2))
      throw new UsageError(`${flag} needs a value`);
    if (values.has(flag)) throw new UsageError(`${flag} is given twice`);
    values.set(flag, value);
    i += 1;
  }
  let limit: number | null = null;
  const rawLimit = values.get('--limit');
  if (rawLimit !== undefined) {
    if (!/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 100)
      throw new UsageError(`--limit must be a whole number from 1 to 100, got ${JSON.stringify(rawLimit)}`);
    limit = Number(rawLimit);
  }
  let timeoutMs = 10_000;
  const rawTimeout = values.get('--timeout');
  if (rawTimeout !== undefined) {
    if (!/^\d{1,3}$/.test(rawTimeout) || Number(rawTimeout) < 1)
      throw new UsageError(
        `--timeout must be a whole number of seconds from 1 to 999, got ${JSON.stringify(rawTimeout)}`,
      );
    timeoutMs = Number(rawTimeout) * 1_000;
  }
  const rawUrl = values.get('--url') ?? env.POLYMIX_API_URL;
  const url =
    rawUrl === undefined || rawUrl === ''
      ? DEFAULT_URL
      : baseUrl(rawUrl, values.has('--url') ? '--url' : 'POLYMIX_API_URL');
  const apiKey = values.get('--api-key') ?? (env.POLYMIX_API_KEY || null);
  const resetKey = command === 'reset' ? (values.get('--key') ?? envResetKey(env)) : null;
  if (command === 'reset' && resetKey === null)
    throw new UsageError(
      'reset needs the reset key: --key KEY (or POLYMIX_RESET_KEY, or the original LIVE_TRADING_RESET_KEY)',
    );
  return { command, url, apiKey, json, limit, reason: values.get('--reason') ?? null, resetKey, timeoutMs };
}
