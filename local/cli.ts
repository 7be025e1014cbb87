/**
 * `npx polymix <command>` — the operator CLI for the trading API, local (`npm start`) or
 * deployed (API Gateway + key). Readable tables by default, the API's JSON with --json.
 * Exit codes: 0 ok; 1 the server was unreachable or answered with an error; 2 bad usage.
 */
import { ApiFailure, callApi, Unreachable } from './cli/api-client';
import { CLI_USAGE, type CliArgs, parseCliArgs, UsageError } from './cli/args';
import { runImportCli } from './cli/import-original';
import { runPreflightCli } from './cli/preflight';
import { render } from './cli/render';

function request(args: CliArgs): { method: 'GET' | 'POST'; path: string; body?: unknown } {
  const q = args.limit === null ? '' : `?limit=${args.limit}`;
  switch (args.command) {
    case 'halt':
      return { method: 'POST', path: '/trading/halt', body: args.reason === null ? {} : { reason: args.reason } };
    case 'resume':
      return { method: 'POST', path: '/trading/resume', body: {} };
    case 'reset':
      return { method: 'POST', path: '/trading/reset', body: { key: args.resetKey } };
    case 'settle-by-hand':
      return {
        method: 'POST',
        path: `/trading/bets/${encodeURIComponent(args.betId ?? '')}/settle`,
        body: { key: args.resetKey, legPayouts: args.legPayouts, note: args.note },
      };
    case 'state':
    case 'errors':
      return { method: 'GET', path: `/trading/${args.command}${q}` };
    default:
      return { method: 'GET', path: `/trading/${args.command}` };
  }
}

export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  // `preflight` runs the checks here, against the venues, instead of calling the API.
  if (argv[0] === 'preflight') return runPreflightCli(argv.slice(1), env, out, err);
  // `import-original` writes the store itself (docs/migrating.md#importing-the-data-file).
  if (argv[0] === 'import-original') return runImportCli(argv.slice(1), env, out, err);
  let args;
  try {
    args = parseCliArgs(argv, env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`polymix: ${e.message}\n\n${CLI_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    out(CLI_USAGE);
    return 0;
  }
  const r = request(args);
  try {
    const body = await callApi(
      { url: args.url, apiKey: args.apiKey, timeoutMs: args.timeoutMs },
      r.method,
      r.path,
      r.body,
    );
    out(args.json ? JSON.stringify(body, null, 2) : render(args.command, body));
    return 0;
  } catch (e) {
    if (e instanceof Unreachable) {
      err(`polymix: ${e.message}`);
      return 1;
    }
    if (e instanceof ApiFailure) {
      err(`polymix: ${args.command} failed: HTTP ${e.status} ${e.code}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** Runs the CLI on this process's arguments (the `polymix` bin shim and `tsx local/cli.ts`). */
export function main(): void {
  runCli(
    process.argv.slice(2),
    process.env,
    (s) => console.log(s),
    (s) => console.error(s),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(`polymix: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) main();
