/**
 * `npx polymix preflight` (also `npm run preflight`): runs the preflight checks from this machine
 * with the same configuration (environment) and secret the Lambdas read, against the LIVE venue
 * clients, and prints what to fix (docs/deploy.md#before-going-live-preflight). The secret comes
 * from Secrets Manager (`--secret-id`, or POLYMIX_SECRET_ID, with the SDK's default credentials)
 * or from a local JSON file (`--secret-file`, e.g. the simulators' test accounts).
 * Exit codes: 0 every required check passed; 1 a required check failed; 2 bad usage.
 */
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SECRET_ENV_NAMES, secretFromEnv } from '../../lib/config';
import type { Notifier, PreflightRun, TradeStore } from '../../lib/engine';
import { systemClock } from '../../lib/engine/ports';
import { runPreflightFromEnv } from '../../lib/runtime/preflight';
import { Redactor } from '../../lib/runtime/redact';
import type { FetchFn } from '../../lib/venues/http';
import { table } from './table';

export const PREFLIGHT_USAGE = `usage: npx polymix preflight [options]

Checks keys, wallet, balances, clock, region, games and fees on both venues at zero cost,
and says what to fix. Exit 1 when a required check fails.

options:
  --secret-id ID     read the secret from AWS Secrets Manager (default: POLYMIX_SECRET_ID)
  --secret-file PATH read the secret JSON from a file instead (e.g. simulator test accounts)
                     (with neither, nor POLYMIX_SECRET_ID: the key variables of the environment,
                     the original PolyMix's names included; docs/migrating.md#keys)
  --order-test       also send one fill-or-kill BUY per venue far below the best ask (killed,
                     nothing filled; refused if it could fill)
  --record           write the run to the table (POLYMIX_TABLE_NAME) for the live gate
  --json             print the run as JSON
  --help             this text

Venue hosts and leagues come from the environment as for the Lambdas (KALSHI_API_URL,
POLYMARKET_*_URL, POLYMIX_LEAGUES, …).`;

export interface PreflightCliDeps {
  readonly fetch?: FetchFn;
  readonly secretsClient?: Pick<SecretsManagerClient, 'send'>;
  /** Where `--record` writes; default: DynamoDB with the default credentials. */
  readonly store?: (tableName: string) => Promise<TradeStore>;
}

interface Flags {
  secretId: string | null;
  secretFile: string | null;
  orderTest: boolean;
  record: boolean;
  json: boolean;
}

function parseFlags(argv: readonly string[]): Flags | 'help' | string {
  const flags: Flags = { secretId: null, secretFile: null, orderTest: false, record: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [name, inline] = eq > 2 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (name === '--help' || name === '-h') return 'help';
    if (name === '--order-test') flags.orderTest = true;
    else if (name === '--record') flags.record = true;
    else if (name === '--json') flags.json = true;
    else if (name === '--secret-id' || name === '--secret-file') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || value.startsWith('--')) return `${name} needs a value`;
      if (name === '--secret-id') flags.secretId = value;
      else flags.secretFile = value;
    } else return `unknown option ${JSON.stringify(name)}`;
  }
  if (flags.secretId !== null && flags.secretFile !== null) return 'give --secret-id or --secret-file, not both';
  return flags;
}

async function secretText(
  flags: Flags,
  env: Readonly<Record<string, string | undefined>>,
  deps: PreflightCliDeps,
): Promise<{ text: string | null; why: string }> {
  if (flags.secretFile !== null) {
    try {
      return { text: await readFile(flags.secretFile, 'utf8'), why: '' };
    } catch (e) {
      return {
        text: null,
        why: `the file could not be read (${e instanceof Error && 'code' in e ? String(e.code) : 'error'})`,
      };
    }
  }
  const id = flags.secretId ?? (env.POLYMIX_SECRET_ID || null);
  if (id === null) {
    // The original PolyMix kept its keys in the environment (.env): its names work here too.
    const fromEnv = secretFromEnv(env);
    if (fromEnv !== null) return { text: fromEnv, why: '' };
    return {
      text: null,
      why: `neither --secret-id, POLYMIX_SECRET_ID, --secret-file nor any key variable (${SECRET_ENV_NAMES.join(', ')}) is given`,
    };
  }
  try {
    const client = deps.secretsClient ?? new SecretsManagerClient({});
    const out = await client.send(new GetSecretValueCommand({ SecretId: id }));
    return out.SecretString === undefined
      ? { text: null, why: 'the secret has no SecretString' }
      : { text: out.SecretString, why: '' };
  } catch (e) {
    // By error name only: an SDK message is not ours to vouch for.
    return {
      text: null,
      why: `could not read the secret from Secrets Manager (${e instanceof Error ? e.name : 'error'})`,
    };
  }
}

/** Every string of the secret JSON, so no output line can carry one. */
function redactorFor(text: string | null): Redactor {
  const redactor = new Redactor();
  if (text === null) return redactor;
  try {
    const data: unknown = JSON.parse(text);
    if (data && typeof data === 'object')
      for (const v of Object.values(data)) if (typeof v === 'string') redactor.addSecret(v.replace(/\\n/g, '\n'));
  } catch {
    // not JSON: the secrets check says so, and shows nothing of it
  }
  return redactor;
}

export function renderPreflight(run: PreflightRun): string {
  const rows = run.checks.map((c) => [
    c.id,
    c.venue ?? '-',
    c.result.toUpperCase() + (c.required || c.result === 'pass' ? '' : ' (info)'),
    c.result === 'pass' || c.result === 'skip' || !c.fix ? c.detail : `${c.detail} → ${c.fix}`,
  ]);
  const verdict = run.ok
    ? 'Preflight PASSED: no required check failed.'
    : 'Preflight FAILED: fix the FAIL lines above, then run it again.';
  return `${table(['check', 'venue', 'result', 'what was found / what to do'], rows)}\n\n${verdict}`;
}

export async function runPreflightCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: (s: string) => void,
  err: (s: string) => void,
  deps: PreflightCliDeps = {},
): Promise<number> {
  const flags = parseFlags(argv);
  if (flags === 'help') {
    out(PREFLIGHT_USAGE);
    return 0;
  }
  if (typeof flags === 'string') {
    err(`polymix preflight: ${flags}\n\n${PREFLIGHT_USAGE}`);
    return 2;
  }
  const secret = await secretText(flags, env, deps);
  const redactor = redactorFor(secret.text);
  const lines: string[] = [];
  const logger = { info: () => {}, warn: (l: string) => void lines.push(l), error: (l: string) => void lines.push(l) };
  const notifier: Notifier = {
    notify: async (n) => void err(redactor.text(`ALERT (${n.severity}): ${n.subject}: ${n.text}`)),
  };
  let store: TradeStore | null = null;
  if (flags.record) {
    const tableName = env.POLYMIX_TABLE_NAME || 'polymix';
    store = deps.store ? await deps.store(tableName) : await dynamoStore(tableName);
  }
  const run = await runPreflightFromEnv(env, {
    runner: 'cli',
    orderTest: flags.orderTest,
    secretText: secret.text,
    secretMissing: secret.why,
    store,
    notifier,
    logger,
    clock: systemClock,
    ...(deps.fetch ? { wiring: { fetch: deps.fetch } } : {}),
  });
  out(redactor.text(flags.json ? JSON.stringify(run, null, 2) : renderPreflight(run)));
  if (flags.record)
    err(
      lines.some((l) => l.includes('could not be recorded'))
        ? 'polymix preflight: the run could NOT be recorded'
        : 'polymix preflight: run recorded',
    );
  return run.ok ? 0 : 1;
}

async function dynamoStore(tableName: string): Promise<TradeStore> {
  const { DynamoStore } = await import('../../lib/store/dynamo-store');
  return new DynamoStore(new DynamoDBClient({}), tableName);
}
