/**
 * `npx polymix import-original real_trading_data.json`: brings the original PolyMix's data file
 * into the paper or live ledger (docs/migrating.md#importing-the-data-file).
 *
 * The CLI opens the store itself (the embedded store's --data-dir, or a DynamoDB table), not
 * the running API: the whole file is validated and planned here, then written by one store
 * call whose writes are conditional and repeatable with the account last
 * (lib/store/imported.ts). It asks nothing (no stdin in CI): `--dry-run` only shows the plan,
 * `--yes` (or `--write`) writes it. Exit codes: 0 done (or dry run, or already imported);
 * 1 the file or the ledger was refused, nothing written; 2 bad usage.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TradingMode } from '../../lib/core/mode';
import { type DynamoStore, ImportRefused } from '../../lib/store';
import { describePlan, planImport } from './original-file';

export const IMPORT_USAGE = `usage: npx polymix import-original FILE [options]

Imports the original PolyMix's data file (real_trading_data.json): balance, bets (as history,
never sent to a venue nor settled here), daily counters and the error log.

options:
  --mode paper|live   which ledger to write (default paper)
  --data-dir DIR      the embedded store of \`npm start -- --data-dir DIR\` (stop that run first)
  --table NAME        a DynamoDB table instead (AWS, default credentials; e.g. the stack's table)
  --dry-run           validate and show what would be written; write nothing
  --yes, --write      write it (nothing is written without one of these)
  --help              this text

Running the same import again writes nothing; a bad file writes nothing.`;

export type StoreTarget =
  | { readonly kind: 'data-dir'; readonly dir: string }
  | { readonly kind: 'table'; readonly name: string };

export interface OpenedStore {
  readonly store: DynamoStore;
  close(): Promise<void>;
}

export interface ImportCliDeps {
  /** How a target store is opened; default: the embedded store or DynamoDB. */
  readonly openStore?: (target: StoreTarget, env: Readonly<Record<string, string | undefined>>) => Promise<OpenedStore>;
  readonly nowMs?: () => number;
}

interface Flags {
  file: string;
  mode: TradingMode;
  target: StoreTarget | null;
  dryRun: boolean;
  write: boolean;
}

function parseFlags(argv: readonly string[]): Flags | 'help' | string {
  let file: string | null = null;
  let mode: TradingMode = 'paper';
  let target: StoreTarget | null = null;
  let dryRun = false;
  let write = false;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [name, inline] = eq > 2 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (name === '--help' || name === '-h') return 'help';
    if (!name.startsWith('-')) {
      if (file !== null) return `unexpected argument ${JSON.stringify(a)} (one file only)`;
      file = a;
      continue;
    }
    if (seen.has(name)) return `${name} is given twice`;
    seen.add(name);
    if (name === '--dry-run') dryRun = true;
    else if (name === '--yes' || name === '--write') write = true;
    else if (name === '--mode' || name === '--data-dir' || name === '--table') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || value.startsWith('--')) return `${name} needs a value`;
      if (name === '--mode') {
        if (value !== 'paper' && value !== 'live') return `--mode must be paper or live, got ${JSON.stringify(value)}`;
        mode = value;
      } else {
        if (target !== null) return 'give --data-dir or --table, not both';
        target = name === '--data-dir' ? { kind: 'data-dir', dir: value } : { kind: 'table', name: value };
      }
    } else return `unknown option ${JSON.stringify(name)}`;
  }
  if (file === null) return 'the file to import is missing';
  if (dryRun && write) return 'give --dry-run or --yes, not both';
  if (write && target === null) return 'writing needs the store: --data-dir DIR or --table NAME';
  return { file, mode, target, dryRun, write };
}

async function defaultOpenStore(
  target: StoreTarget,
  env: Readonly<Record<string, string | undefined>>,
): Promise<OpenedStore> {
  if (target.kind === 'table') {
    const { DynamoStore } = await import('../../lib/store/dynamo-store');
    const client = new DynamoDBClient({});
    return { store: new DynamoStore(client, target.name), close: async () => client.destroy() };
  }
  const { startEmbeddedStore } = await import('../runner/embedded-store');
  const embedded = await startEmbeddedStore({ dataDir: target.dir, tableName: env.POLYMIX_TABLE_NAME || 'polymix' });
  return { store: embedded.store, close: () => embedded.close() };
}

export async function runImportCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: (s: string) => void,
  err: (s: string) => void,
  deps: ImportCliDeps = {},
): Promise<number> {
  const flags = parseFlags(argv);
  if (flags === 'help') {
    out(IMPORT_USAGE);
    return 0;
  }
  if (typeof flags === 'string') {
    err(`polymix import-original: ${flags}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(flags.file, 'utf8');
  } catch (e) {
    err(
      `polymix import-original: ${flags.file} could not be read (${e instanceof Error && 'code' in e ? String(e.code) : 'error'})`,
    );
    return 1;
  }
  const planned = planImport(text, flags.mode);
  if ('problems' in planned) {
    err(
      `polymix import-original: ${flags.file} is refused, nothing was written:\n` +
        planned.problems.map((p) => `  - ${p.path}: ${p.reason}`).join('\n'),
    );
    return 1;
  }
  out(describePlan(planned.plan, planned.notes, flags.file));
  if (!flags.dryRun && !flags.write) {
    err('polymix import-original: nothing written: add --yes to write it (or --dry-run to only check)');
    return 2;
  }
  // A dry run looks at the target only when it already exists: looking must not create it.
  if (flags.target === null || (flags.dryRun && flags.target.kind === 'data-dir' && !existsSync(flags.target.dir))) {
    if (flags.dryRun) out('Dry run: nothing written.');
    return 0;
  }
  let opened: OpenedStore;
  try {
    opened = await (deps.openStore ?? defaultOpenStore)(flags.target, env);
  } catch (e) {
    // A locked --data-dir (a running `npm start`) explains itself; nothing was written.
    if (e instanceof Error && e.name === 'StoreStartError') {
      err(`polymix import-original: ${e.message}`);
      return 1;
    }
    throw e;
  }
  try {
    if (flags.dryRun) {
      const t = await opened.store.importTarget(flags.mode, planned.plan.importId);
      out(
        t.kind === 'refused'
          ? `Dry run: the import would be REFUSED: ${t.reason}. Nothing written.`
          : t.kind === 'done'
            ? 'Dry run: this file is already imported; nothing would be written.'
            : `Dry run: the ${flags.mode} ledger is ${t.kind === 'fresh' ? 'empty' : 'untouched'}; nothing written.`,
      );
      return t.kind === 'refused' ? 1 : 0;
    }
    const outcome = await opened.store.importOriginalLedger(planned.plan, (deps.nowMs ?? Date.now)());
    out(
      outcome.target === 'done'
        ? 'Already imported: nothing written.'
        : `Imported: ${outcome.writes} item${outcome.writes === 1 ? '' : 's'} written.`,
    );
    return 0;
  } catch (e) {
    if (e instanceof ImportRefused) {
      err(`polymix import-original: refused: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await opened.close();
  }
}
