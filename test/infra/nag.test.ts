/**
 * cdk-nag AwsSolutions: zero unacknowledged findings, and every acknowledgement in infra/nag.ts
 * answers a finding that really exists (none is stale, none hides a different rule).
 * CDK's built-in CloudFormation validation is left to `npx cdk synth`: its WebAssembly engine
 * costs ~10 s per synth on this machine.
 */

import type { Finding } from '../support/infra/synth';
import { synthFindings } from '../support/infra/synth';

const ACKNOWLEDGED_RULES = [
  'AwsSolutions-APIG3',
  'AwsSolutions-APIG4',
  'AwsSolutions-COG4',
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
  'AwsSolutions-SMG4',
];

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged', () => {
    const { findings, synthError } = synthFindings({ nag: true });
    expect(findings).toEqual([]);
    expect(synthError).toBeNull();
  });

  describe('without the acknowledgements', () => {
    let findings: Finding[];
    let synthError: Error | null;
    beforeAll(() => {
      ({ findings, synthError } = synthFindings({ nag: true, acknowledge: false }));
    });

    it('fails the synth', () => {
      expect(synthError).not.toBeNull();
    });

    it('reports exactly the rules infra/nag.ts acknowledges', () => {
      expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual(ACKNOWLEDGED_RULES);
    });

    it('flags the API authorization rules on each of the eleven route methods, and nowhere else (not on the CORS preflights)', () => {
      for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
        const paths = findings.filter((f) => f.rule === rule).flatMap((f) => f.paths);
        expect(paths).toHaveLength(11);
        for (const p of paths)
          expect(p).toMatch(/^PolyMix\/Api\/Api\/Default\/trading\/(\w+|bets\/\{id\}\/settle)\/(GET|POST)\/Resource$/);
      }
    });
  });
});
