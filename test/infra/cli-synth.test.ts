/**
 * `npx cdk synth` as an operator runs it (the deploy runbook's first check): offline, with no
 * AWS credentials, the real handlers bundled, cdk-nag applied. The other infra tests synthesize
 * in-process; this one proves the CLI path (cdk.json `app`, context, tsx) works too.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../infra/functions';

it('synthesizes offline without AWS credentials', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'polymix-synth-'));
  try {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), CDK_DISABLE_VERSION_CHECK: '1' };
    execFileSync('npx', ['cdk', 'synth', '--no-notices', '-q', '-o', out], {
      cwd: PROJECT_ROOT,
      env,
      stdio: 'pipe',
      timeout: 240_000,
    });
    const template = JSON.parse(fs.readFileSync(path.join(out, 'PolyMix.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    const types = Object.values(template.Resources).map((r) => r.Type);
    expect(types.filter((t) => t === 'AWS::Lambda::Function').length).toBeGreaterThanOrEqual(3);
    expect(types).toContain('AWS::DynamoDB::Table');
    expect(types).toContain('AWS::ApiGateway::RestApi');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 300_000);
