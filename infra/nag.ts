/**
 * cdk-nag AwsSolutions checks (v3: a CDK validation plugin, docs/toolchain.md#cdk-nag-v3) and the findings we
 * accept, each on the narrowest construct with the reason it is accepted. Anything not listed
 * here fails `cdk synth` (and test/infra/nag.test.ts).
 */

import type { App } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { TradingApi } from './api';
import type { TradingSecret } from './data';
import type { TradingFunctions } from './functions';

export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/** One accepted finding: rule id (with `[finding]` where the rule reports several) and why. */
export interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

function acknowledge(scope: IConstruct, ...acks: Acknowledgement[]): void {
  for (const ack of acks) Validations.of(scope).acknowledge(ack);
}

export const API_KEY_AUTH: Acknowledgement[] = [
  {
    id: 'AwsSolutions-APIG4',
    reason:
      'Every method requires an API key under a throttled usage plan (docs/adr/0005-api-auth.md): one operator, ' +
      'no user directory; the reset and settle-by-hand routes also check the reset key from Secrets Manager.',
  },
  {
    id: 'AwsSolutions-COG4',
    reason: 'No Cognito user pool: a single operator authenticates with the API key (docs/adr/0005-api-auth.md).',
  },
];

/** The parts of the stack whose findings are acknowledged (structural, so this file does not import the stack). */
export interface AcknowledgedParts {
  readonly secret: TradingSecret;
  readonly api: TradingApi;
  readonly functions: TradingFunctions;
}

export function acknowledgeFindings(stack: AcknowledgedParts): void {
  acknowledge(stack.secret.secret, {
    id: 'AwsSolutions-SMG4',
    reason:
      'Holds venue API keys (Polymarket, Kalshi) and the reset key. They are issued and revoked at the venues ' +
      'by the operator; Secrets Manager cannot rotate them. The functions re-read the secret every 5 minutes.',
  });

  const restApi = stack.api.api;
  const cloudWatchRole = restApi.node.tryFindChild('CloudWatchRole');
  if (cloudWatchRole) {
    acknowledge(cloudWatchRole, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The account-level role API Gateway uses to write execution and access logs; AWS maintains this ' +
        'log-writing policy and it grants nothing on PolyMix data.',
    });
  }
  acknowledge(restApi.deploymentStage, {
    id: 'AwsSolutions-APIG3',
    reason:
      'No WAF: one operator calls a handful of routes; the API key, usage-plan throttling and daily quota bound ' +
      'abuse, and a web ACL would cost more than the whole stack.',
  });
  for (const method of stack.api.methods) acknowledge(method, ...API_KEY_AUTH);

  if (stack.functions.tracing) {
    for (const fn of [...stack.functions.all(), stack.functions.preflight]) {
      if (!fn.role) continue;
      acknowledge(fn.role, {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray (context xray=true): xray:PutTraceSegments/PutTelemetryRecords have no resource-level permissions.',
      });
    }
  }
}
