/**
 * Fails the synth when a Lambda bundle contains a package that must never ship.
 *
 * The official venue SDKs are TEST ORACLES only (helper brief, docs/adr): if an import of one
 * ever slips into lib/ or functions/, esbuild would quietly bundle it. Marking them external
 * would only move the failure to the first invocation in AWS, so instead every function is
 * bundled with an esbuild metafile and its list of inputs is checked here, at synth time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Stage } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export const FORBIDDEN_PACKAGES: readonly string[] = [
  '@polymarket/clob-client-v2',
  'kalshi-typescript',
  'polymarket-us',
];

/** Packages from `FORBIDDEN_PACKAGES` among esbuild metafile inputs (paths with node_modules/<pkg>/). */
export function forbiddenInputs(inputs: readonly string[]): string[] {
  const found = new Set<string>();
  for (const input of inputs) {
    const normalized = input.split(path.sep).join('/');
    for (const pkg of FORBIDDEN_PACKAGES) {
      if (normalized.includes(`node_modules/${pkg}/`)) found.add(pkg);
    }
  }
  return [...found].sort();
}

/**
 * Checks the staged bundle of `fn` (a NodejsFunction, bundled while it was constructed).
 * Returns false when there is no metafile to read — bundling skipped for this stack
 * (`cdk deploy OtherStack`, the `aws:cdk:bundling-stacks` context) — and throws on a finding.
 */
export function assertBundleClean(fn: IConstruct): boolean {
  const asset = fn.node.tryFindChild('Code') as { assetPath?: string } | undefined;
  const stage = Stage.of(fn);
  if (!asset?.assetPath || !stage) return false;
  const dir = path.isAbsolute(asset.assetPath) ? asset.assetPath : path.join(stage.outdir, asset.assetPath);
  const metafile = path.join(dir, 'index.meta.json');
  if (!fs.existsSync(metafile)) return false;
  const meta = JSON.parse(fs.readFileSync(metafile, 'utf8')) as { inputs?: Record<string, unknown> };
  const found = forbiddenInputs(Object.keys(meta.inputs ?? {}));
  if (found.length > 0) {
    throw new Error(
      `${fn.node.path}: the Lambda bundle contains ${found.join(', ')}, which are test oracles only and must never ship. ` +
        'Find the import with esbuild --metafile (index.meta.json in the asset folder) and remove it.',
    );
  }
  return true;
}
