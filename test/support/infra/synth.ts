/**
 * Builds the PolyMix stack for infra tests: the context from cdk.json (feature flags and
 * defaults, exactly what `npx cdk synth` uses) plus the test's own, cdk-nag attached, and
 * synthesized ONCE (bundling costs ~1 s per function) into a temporary folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { Entries } from '../../../infra/functions';
import { addNagChecks } from '../../../infra/nag';
import { PolyMixStack } from '../../../infra/stack';

export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURE_HANDLER = 'test/support/infra/stub-handler.ts';
export const FIXTURE_ENTRIES: Entries = {
  scan: FIXTURE_HANDLER,
  settle: FIXTURE_HANDLER,
  api: FIXTURE_HANDLER,
  preflight: FIXTURE_HANDLER,
};

export interface Synthesized {
  readonly app: App;
  readonly stack: PolyMixStack;
  readonly template: Template;
  readonly assembly: CloudAssembly;
  readonly outdir: string;
  /** Removes the temporary output folder. */
  readonly cleanup: () => void;
}

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface SynthOptions {
  readonly context?: Record<string, string>;
  readonly entries?: Entries;
  /** Attach cdk-nag (default true). */
  readonly nag?: boolean;
  /**
   * CDK's built-in CloudFormation template validation (on in `cdk synth`). Off by default
   * here: its WebAssembly engine costs several seconds per synth; the nag test turns it on.
   */
  readonly cfnValidation?: boolean;
  /** Apply infra/nag.ts acknowledgements (default true). */
  readonly acknowledge?: boolean;
  /** Cloud assembly folder (default: a new temporary folder). */
  readonly outdir?: string;
}

export function synthPolyMix(options: SynthOptions = {}): Synthesized {
  const outdir = options.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'polymix-cdk-'));
  const app = new App({
    outdir,
    context: { ...cdkJsonContext(), ...options.context },
    builtinCloudFormationValidation: options.cfnValidation ?? false,
  });
  const stack = new PolyMixStack(app, 'PolyMix', {
    entries: options.entries ?? FIXTURE_ENTRIES,
    acknowledgeNagFindings: options.acknowledge ?? true,
  });
  if (options.nag !== false) addNagChecks(app);
  const assembly = app.synth();
  const template = Template.fromStack(stack);
  return { app, stack, template, assembly, outdir, cleanup: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}

export interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly paths: readonly string[];
}

/**
 * Synthesizes and returns every validation finding (cdk-nag and, when on, CloudFormation
 * validation) from the cloud assembly's validation-report.json. Synth throws when a plugin
 * reports an error; the report is written before that, so it is read either way.
 */
export function synthFindings(options: SynthOptions = {}): { findings: Finding[]; synthError: Error | null } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'polymix-cdk-'));
  let synthError: Error | null = null;
  try {
    synthPolyMix({ ...options, outdir });
  } catch (e) {
    synthError = e instanceof Error ? e : new Error(String(e));
  }
  const reportFile = path.join(outdir, 'validation-report.json');
  const report = fs.existsSync(reportFile)
    ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as {
        pluginReports: {
          pluginName: string;
          violations: { ruleName: string; severity: string; violatingConstructs?: { constructPath: string }[] }[];
        }[];
      })
    : { pluginReports: [] };
  fs.rmSync(outdir, { recursive: true, force: true });
  const findings = report.pluginReports.flatMap((p) =>
    p.violations.map((v) => ({
      plugin: p.pluginName,
      rule: v.ruleName,
      severity: v.severity,
      paths: (v.violatingConstructs ?? []).map((c) => c.constructPath),
    })),
  );
  return { findings, synthError };
}
