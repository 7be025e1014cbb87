/**
 * How every benchmark reports: a plain-text table on stdout and a JSON file under
 * bench/results/<name>.json (gitignored) holding the same figures plus the machine they came
 * from, so two runs can be compared as ratios.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

export const RESULTS_DIR = join(__dirname, 'results');

export type Cell = string | number | boolean | null;
export type Row = Readonly<Record<string, Cell>>;

function show(v: Cell): string {
  if (v === null) return '–';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v)) return v.toLocaleString('en-US');
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
  }
  return String(v);
}

export function formatTable(title: string, rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => columns.map((c) => show(r[c] ?? null)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [`\n== ${title} ==`, line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export interface BenchResult {
  readonly name: string;
  readonly title: string;
  readonly rows: readonly Row[];
  /** What is measured, what is modelled, and the assumptions behind the figures. */
  readonly notes: readonly string[];
  /** Anything else worth keeping for comparison (parameters, raw samples). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export function machine(): Record<string, unknown> {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage1m: loadavg()[0],
  };
}

/** Prints the table and notes, writes bench/results/<name>.json, returns the file path. */
export function publish(result: BenchResult): string {
  console.log(formatTable(result.title, result.rows));
  for (const note of result.notes) console.log(`  * ${note}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify({ ...result, at: new Date().toISOString(), machine: machine() }, null, 2)}\n`);
  return file;
}
