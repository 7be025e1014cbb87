/**
 * Each Lambda handler bundled with esbuild the way the stack bundles it (infra/functions.ts):
 * it stays under a size budget, contains no official venue SDK, and loads in a fresh Node
 * process (module init must not need AWS, network or configuration: config is validated on the
 * first invocation, where its error can be reported).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { forbiddenInputs } from '../../infra/bundle-guard';
import { DEFAULT_ENTRIES, ESBUILD_TARGET, PROJECT_ROOT } from '../../infra/functions';

/** Measured ≈1.3 MB minified each (2026-11-25); the budget leaves room, not a blank cheque. */
const BUDGET_BYTES = 3 * 1024 * 1024;

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'polymix-bundles-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe.each(Object.entries(DEFAULT_ENTRIES))('%s handler bundle', (name, entry) => {
  const outfile = path.join(outdir, `${name}.js`);
  let inputs: string[] = [];

  beforeAll(async () => {
    const result = await build({
      entryPoints: [path.join(PROJECT_ROOT, entry)],
      bundle: true,
      platform: 'node',
      target: ESBUILD_TARGET,
      format: 'cjs',
      minify: true,
      outfile,
      metafile: true,
      logLevel: 'silent',
    });
    inputs = Object.keys(result.metafile.inputs);
  });

  it('stays under the size budget', () => {
    expect(fs.statSync(outfile).size).toBeLessThan(BUDGET_BYTES);
  });

  it('contains no official venue SDK (test oracles only)', () => {
    expect(inputs.length).toBeGreaterThan(10);
    expect(forbiddenInputs(inputs)).toEqual([]);
  });

  it('loads in a fresh process without AWS credentials or configuration', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', `const m = require(${JSON.stringify(outfile)}); process.stdout.write(typeof m.handler)`],
      { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 20_000 },
    );
    expect(out).toBe('function');
  });
});
