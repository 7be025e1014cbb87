/**
 * `polymix` arguments: one command, then flags. Base URL and API key come from flags or the
 * environment (POLYMIX_API_URL, POLYMIX_API_KEY); bad input is a UsageError (exit 2).
 */
export const COMMANDS = [
  'state',
  'metrics',
  'positions',
  'errors',
  'mode',
  'halt',
  'resume',
  'reset',
  'settle-by-hand',
] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  readonly command: Command;
  /** Base URL without a trailing slash, e.g. http://localhost:5001 or https://…/prod */
  readonly url: string;
  readonly apiKey: string | null;
  readonly json: boolean;
  readonly limit: number | null;
  readonly reason: string | null;
  /** Reset key (reset and settle-by-hand only). */
  readonly resetKey: string | null;
  /** settle-by-hand only: the bet, what each leg was paid (exact dollar strings, in leg order), and the note. */
  readonly betId: string | null;
  readonly legPayouts: readonly string[];
  readonly note: string | null;
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
  settle-by-hand BET_ID --leg-payout DOLLARS --leg-payout DOLLARS --note TEXT --reset-key KEY
                        settle an open bet by hand with what each leg was paid, in leg order
                        (e.g. --leg-payout 12.34 --leg-payout 0); the note says who and why
                        (1-500 characters); the reset key as for reset (docs/api.md#settle-by-hand)
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

const VALUE_FLAGS = new Set([
  '--url',
  '--api-key',
  '--limit',
  '--reason',
  '--key',
  '--reset-key',
  '--timeout',
  '--leg-payout',
  '--note',
]);
/** Flags that may be given more than once (their values are kept in order). */
const REPEATABLE = new Set(['--leg-payout']);
const FLAGS_FOR: Readonly<Record<string, readonly Command[]>> = {
  '--limit': ['state', 'errors'],
  '--reason': ['halt'],
  '--key': ['reset', 'settle-by-hand'],
  '--reset-key': ['reset', 'settle-by-hand'],
  '--leg-payout': ['settle-by-hand'],
  '--note': ['settle-by-hand'],
};

const BET_ID = /^[A-Za-z0-9._:-]{1,80}$/;
const NOTE_MAX = 500;

/** Plain non-negative decimal dollars, at most 6 decimals (whole micros): the API's own check. */
const DOLLARS = /^\d{1,12}(\.\d{1,6})?$/;

/** An exact, non-negative dollar amount ("12.34", "0"), sent to the API as typed. */
function legPayout(raw: string): string {
  if (!DOLLARS.test(raw))
    throw new UsageError(
      `--leg-payout must be a dollar amount ≥ 0 like 12.34 (at most 6 decimals), got ${JSON.stringify(raw)}`,
    );
  return raw;
}

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
  const repeated = new Map<string, string[]>();
  let json = false;
  let betId: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (flag === '--json') {
      json = true;
      continue;
    }
    // settle-by-hand's one positional argument: the bet id, first after the command.
    if (command === 'settle-by-hand' && i === 0 && !flag.startsWith('-')) {
      betId = flag;
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
    i += 1;
    if (REPEATABLE.has(flag)) {
      repeated.set(flag, [...(repeated.get(flag) ?? []), value]);
      continue;
    }
    if (values.has(flag)) throw new UsageError(`${flag} is given twice`);
    values.set(flag, value);
  }
  if (values.has('--key') && values.has('--reset-key'))
    throw new UsageError('give the reset key once: --key or --reset-key, not both');
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
  const keyed = command === 'reset' || command === 'settle-by-hand';
  const resetKey = keyed ? (values.get('--key') ?? values.get('--reset-key') ?? envResetKey(env)) : null;
  if (keyed && resetKey === null)
    throw new UsageError(
      `${command} needs the reset key: ${command === 'reset' ? '--key' : '--reset-key'} KEY (or POLYMIX_RESET_KEY, or the original LIVE_TRADING_RESET_KEY)`,
    );
  const legPayouts = (repeated.get('--leg-payout') ?? []).map(legPayout);
  const note = values.get('--note') ?? null;
  if (command === 'settle-by-hand') {
    if (betId === null) throw new UsageError('settle-by-hand needs the bet id first: settle-by-hand BET_ID …');
    if (!BET_ID.test(betId)) throw new UsageError(`not a bet id: ${JSON.stringify(betId)}`);
    if (legPayouts.length === 0)
      throw new UsageError('settle-by-hand needs one --leg-payout DOLLARS per leg of the bet, in leg order');
    if (note === null || note.trim() === '')
      throw new UsageError('settle-by-hand needs --note TEXT: who settles the bet and why');
    if (note.trim().length > NOTE_MAX)
      throw new UsageError(`--note is ${note.trim().length} characters; at most ${NOTE_MAX}`);
  }
  return {
    command,
    url,
    apiKey,
    json,
    limit,
    reason: values.get('--reason') ?? null,
    resetKey,
    betId,
    legPayouts,
    note,
    timeoutMs,
  };
}
