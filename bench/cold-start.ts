/**
 * Cold start: each Lambda handler bundled by esbuild with the options infra/functions.ts gives
 * NodejsFunction (bundle everything incl. the AWS SDK, minify, CJS, external source map, the
 * runtime's target), then loaded in a fresh `node` process several times. Reported: bundle
 * size (raw and gzipped, the latter close to the deployment zip), module-init time (require of
 * the bundle, measured inside the process) and whole-process time (spawn → exit, includes
 * Node's own start). Lambda's own sandbox start is not included; this machine is not Lambda.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { DEFAULT_ENTRIES, ESBUILD_TARGET } from '../infra/functions';
import { TRADING_DEFAULTS } from '../infra/settings';
import type { BenchResult, Row } from './report';
import { median } from './stats';

const ROOT = resolve(__dirname, '..');

/** Environment close to what the stack sets (names only; no real resources or secrets). */
const INIT_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  POLYMIX_TABLE_NAME: 'polymix-bench',
  POLYMIX_SECRET_ID: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:polymix-bench',
  POLYMIX_ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:polymix-bench',
  POWERTOOLS_SERVICE_NAME: 'polymix',
  POWERTOOLS_METRICS_NAMESPACE: 'PolyMix',
  // The trading variables the stack sets by default (infra/settings.ts).
  ...(TRADING_DEFAULTS as Record<string, string>),
};

const PROBE = `
const t0 = process.hrtime.bigint();
let error = null;
try { require(process.argv[1]); } catch (e) { error = String(e && e.message || e).slice(0, 200); }
const initMs = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({ initMs, error, rssMiB: process.memoryUsage().rss / 2 ** 20 }));
`;

interface Probe {
  initMs: number;
  error: string | null;
  rssMiB: number;
}

async function measure(name: string, entry: string, runs: number, outRoot: string): Promise<Row> {
  const abs = join(ROOT, entry);
  if (!existsSync(abs)) return { handler: name, entry, status: `not available: ${entry} missing` };
  const outfile = join(outRoot, name, 'index.js');
  const t0 = performance.now();
  await build({
    entryPoints: [abs],
    outfile,
    bundle: true,
    platform: 'node',
    target: ESBUILD_TARGET,
    format: 'cjs',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
  });
  const bundleMs = performance.now() - t0;
  const bytes = statSync(outfile).size;
  const gz = gzipSync(readFileSync(outfile)).length;
  const inits: number[] = [];
  const walls: number[] = [];
  let error: string | null = null;
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const w0 = performance.now();
    const out = spawnSync(process.execPath, ['--enable-source-maps', '-e', PROBE, outfile], {
      env: { PATH: process.env.PATH ?? '', ...INIT_ENV },
      encoding: 'utf8',
      timeout: 30_000,
    });
    walls.push(performance.now() - w0);
    const probe = JSON.parse(out.stdout || '{"initMs":NaN,"error":"no output","rssMiB":0}') as Probe;
    inits.push(probe.initMs);
    error ??= probe.error;
    rss = Math.max(rss, probe.rssMiB);
  }
  return {
    handler: name,
    entry,
    status: error ? `init threw: ${error}` : 'ok',
    'bundle KiB': bytes / 1024,
    'gzip KiB': gz / 1024,
    'init ms (median)': median(inits),
    'process ms (median)': median(walls),
    'RSS MiB': rss,
    runs,
    'esbuild ms': bundleMs,
  };
}

export async function coldStart(options: { runs?: number } = {}): Promise<BenchResult> {
  const runs = options.runs ?? 7;
  const outRoot = mkdtempSync(join(tmpdir(), 'polymix-bench-bundle-'));
  try {
    const rows: Row[] = [];
    for (const [name, entry] of Object.entries(DEFAULT_ENTRIES)) rows.push(await measure(name, entry, runs, outRoot));
    return {
      name: 'cold-start',
      title: `Cold start (esbuild bundle as infra/functions.ts, ${runs} fresh node processes each)`,
      rows,
      notes: [
        `Bundling: bundle all (AWS SDK included), minify, CJS, target ${ESBUILD_TARGET}, external source map, as NodejsFunction in infra/functions.ts.`,
        `Init = require() of the bundle inside a fresh process with --enable-source-maps (as the stack's NODE_OPTIONS); this machine runs Node ${process.version}, Lambda runs Node 24 on arm64.`,
        'Process = spawn to exit, Node start included. Lambda adds its own sandbox start, not measured here.',
      ],
    };
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
  }
}
