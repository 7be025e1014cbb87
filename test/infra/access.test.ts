/**
 * Who can do what: IAM least privilege for the functions, and API key + usage plan on every
 * API method. One synth for the file.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { API_ROUTES } from '../../infra/api';
import { synthPolyMix } from './synth';
import type { Synthesized } from './synth';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown };

let s: Synthesized;
const resources = (type: string) => s.template.findResources(type) as Record<string, Resource>;
const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** Identity policies of the role whose function description starts with `prefix`. */
function statementsOf(prefix: string): Statement[] {
  const fn = Object.values(resources('AWS::Lambda::Function')).find((r) => String(r.Properties.Description).startsWith(prefix));
  const roleId = (fn?.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((st) => asList(st.Action)).sort();

beforeAll(() => {
  s = synthPolyMix({ nag: false });
});
afterAll(() => s?.cleanup());

describe('IAM least privilege', () => {
  const dataPrefixes = ['dynamodb:', 'sns:', 'secretsmanager:', 'kms:'];

  it('no identity policy has a wildcard action or a "*" resource on data services', () => {
    const statements = Object.values(resources('AWS::IAM::Policy')).flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const st of statements) {
      const actions = asList(st.Action);
      for (const a of actions) expect(a).not.toContain('*');
      if (actions.some((a) => dataPrefixes.some((p) => a.startsWith(p)))) {
        expect(JSON.stringify(st.Resource)).not.toContain('*');
      }
    }
  });

  it('function roles carry no managed policies', () => {
    for (const fn of Object.values(resources('AWS::Lambda::Function'))) {
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(resources('AWS::IAM::Role')[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it.each(['PolyMix scan-and-trade', 'PolyMix settle', 'PolyMix trading API'])(
    '%s: the store operations, the secret, publish on the topic — nothing more (no Scan, no batch)',
    (prefix) => {
      expect(actionsOf(statementsOf(prefix))).toEqual(
        [
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'secretsmanager:GetSecretValue',
          'sns:Publish',
        ].sort(),
      );
    },
  );

  it.each(['PolyMix scan-and-trade', 'PolyMix settle', 'PolyMix trading API'])(
    '%s: table actions name the table and its two indexes, nothing else',
    (prefix) => {
      const tableId = Object.keys(resources('AWS::DynamoDB::Table'))[0] as string;
      const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
      const st = statementsOf(prefix).find((x) => asList(x.Action).some((a) => a.startsWith('dynamodb:')));
      expect(st?.Resource).toEqual(
        expect.arrayContaining([
          tableArn,
          { 'Fn::Join': ['', [tableArn, '/index/active']] },
          { 'Fn::Join': ['', [tableArn, '/index/byMode']] },
        ]),
      );
      expect(asList(st?.Resource)).toHaveLength(3);
    },
  );

  it('the secret and the topic are referenced by ARN, one each', () => {
    const secretId = Object.keys(resources('AWS::SecretsManager::Secret'))[0];
    const topicId = Object.keys(resources('AWS::SNS::Topic'))[0];
    for (const prefix of ['PolyMix scan-and-trade', 'PolyMix settle', 'PolyMix trading API']) {
      const statements = statementsOf(prefix);
      expect(statements.find((x) => x.Action === 'secretsmanager:GetSecretValue')?.Resource).toEqual({ Ref: secretId });
      expect(statements.find((x) => x.Action === 'sns:Publish')?.Resource).toEqual({ Ref: topicId });
    }
  });
});

describe('API', () => {
  const methods = () => Object.values(resources('AWS::ApiGateway::Method'));
  const pathPart = (resourceRef: { Ref: string }) => resources('AWS::ApiGateway::Resource')[resourceRef.Ref]?.Properties.PathPart;

  it('serves exactly the eight trading routes', () => {
    const routes = methods().map((m) => `${m.Properties.HttpMethod} /trading/${pathPart(m.Properties.ResourceId as { Ref: string })}`);
    const expected = Object.entries(API_ROUTES).flatMap(([verb, names]) => names.map((n) => `${verb} /trading/${n}`));
    expect(routes.sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(8);
  });

  it('requires an API key on EVERY method and validates requests', () => {
    const validatorId = Object.keys(resources('AWS::ApiGateway::RequestValidator'))[0];
    expect(methods()).toHaveLength(8);
    for (const m of methods()) {
      expect(m.Properties.ApiKeyRequired).toBe(true);
      expect(m.Properties.RequestValidatorId).toEqual({ Ref: validatorId });
      expect(m.Properties.Integration).toMatchObject({ Type: 'AWS_PROXY' });
    }
  });

  it('has a usage plan with throttling and a daily quota, holding the operator key, on the prod stage', () => {
    s.template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 5, BurstLimit: 10 },
      Quota: { Limit: 10_000, Period: 'DAY' },
      ApiStages: [Match.objectLike({ Stage: Match.anyValue() })],
    });
    const keyId = Object.keys(resources('AWS::ApiGateway::ApiKey'))[0];
    const planId = Object.keys(resources('AWS::ApiGateway::UsagePlan'))[0];
    s.template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', {
      KeyId: { Ref: keyId },
      KeyType: 'API_KEY',
      UsagePlanId: { Ref: planId },
    });
  });

  it('writes access logs and logs execution errors without request bodies', () => {
    const stage = Object.values(resources('AWS::ApiGateway::Stage'))[0] as Resource;
    const accessLogsId = Object.keys(resources('AWS::Logs::LogGroup')).find((id) => id.startsWith('ApiAccessLogs'));
    expect(JSON.stringify(stage.Properties.AccessLogSetting)).toContain(`{"Ref":"${accessLogsId}"}`);
    expect(stage.Properties.MethodSettings).toEqual([
      expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false }),
    ]);
  });
});
