/**
 * Who can do what: IAM least privilege for the functions, API key + usage plan on every route
 * method, and CORS preflights (OPTIONS) that need no key but return no data. One synth for the file.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { API_ROUTES, CORS_ALLOW_HEADERS } from '../../infra/api';
import { DEFAULT_DASHBOARD_ORIGINS } from '../../infra/settings';
import type { Synthesized } from '../support/infra/synth';
import { synthPolyMix } from '../support/infra/synth';

type Resource = { Type: string; Properties: Record<string, unknown> };
type MockResponse = {
  StatusCode: string;
  ResponseParameters: Record<string, string>;
  ResponseTemplates: Record<string, string>;
};
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown };

let s: Synthesized;
const resources = (type: string) => s.template.findResources(type) as Record<string, Resource>;
const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** Identity policies of the role whose function description starts with `prefix`. */
function statementsOf(prefix: string): Statement[] {
  const fn = Object.values(resources('AWS::Lambda::Function')).find((r) =>
    String(r.Properties.Description).startsWith(prefix),
  );
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
  const routeMethods = () => methods().filter((m) => m.Properties.HttpMethod !== 'OPTIONS');
  const preflights = () => methods().filter((m) => m.Properties.HttpMethod === 'OPTIONS');
  /** The resource's path from the API's root, e.g. `/trading/bets/{id}/settle`. */
  const pathOf = (resourceRef: { Ref: string }): string => {
    const r = resources('AWS::ApiGateway::Resource')[resourceRef.Ref];
    if (!r) return '';
    const parent = r.Properties.ParentId as { Ref?: string };
    return `${parent.Ref ? pathOf({ Ref: parent.Ref }) : ''}/${String(r.Properties.PathPart)}`;
  };
  const routeOf = (m: Resource) =>
    `${String(m.Properties.HttpMethod)} ${pathOf(m.Properties.ResourceId as { Ref: string })}`;
  const expectedRoutes = Object.entries(API_ROUTES).flatMap(([verb, names]) =>
    names.map((n) => `${verb} /trading/${n}`),
  );

  it('serves exactly the eleven trading route methods, plus ONE CORS preflight on each of the ten resources', () => {
    expect(expectedRoutes).toHaveLength(11);
    expect(expectedRoutes).toContain('POST /trading/bets/{id}/settle');
    expect(routeMethods().map(routeOf).sort()).toEqual([...expectedRoutes].sort());
    const resourcesOf = [...new Set(expectedRoutes.map((r) => r.replace(/^\w+/, 'OPTIONS')))].sort();
    expect(resourcesOf).toHaveLength(10);
    expect(preflights().map(routeOf).sort()).toEqual(resourcesOf);
    // GET and POST preflight share one resource.
    const preflightIds = routeMethods()
      .filter((m) => routeOf(m).endsWith(' /trading/preflight'))
      .map((m) => JSON.stringify(m.Properties.ResourceId));
    expect(preflightIds).toHaveLength(2);
    expect(new Set(preflightIds).size).toBe(1);
  });

  it('requires an API key on EVERY non-OPTIONS method and validates requests', () => {
    const validatorId = Object.keys(resources('AWS::ApiGateway::RequestValidator'))[0];
    expect(routeMethods()).toHaveLength(11);
    for (const m of routeMethods()) {
      expect(m.Properties.ApiKeyRequired).toBe(true);
      expect(m.Properties.RequestValidatorId).toEqual({ Ref: validatorId });
      expect(m.Properties.Integration).toMatchObject({ Type: 'AWS_PROXY' });
    }
  });

  it('answers every preflight with a MOCK integration, without key or authorization, never reaching the function', () => {
    expect(preflights()).toHaveLength(10);
    for (const m of preflights()) {
      expect(m.Properties.ApiKeyRequired).toBe(false);
      expect(m.Properties.AuthorizationType).toBe('NONE');
      expect(m.Properties.AuthorizerId).toBeUndefined();
      const integration = m.Properties.Integration as { Type: string; Uri?: unknown };
      expect(integration.Type).toBe('MOCK');
      expect(integration.Uri).toBeUndefined();
    }
  });

  it("preflights allow the default dashboard origins exactly (never *), the key headers and only the resource's methods", () => {
    const [first, second] = DEFAULT_DASHBOARD_ORIGINS;
    for (const m of preflights()) {
      const verbs = routeMethods()
        .filter((r) => JSON.stringify(r.Properties.ResourceId) === JSON.stringify(m.Properties.ResourceId))
        .map((r) => String(r.Properties.HttpMethod));
      expect(verbs.length).toBeGreaterThan(0);
      const [response] = (m.Properties.Integration as { IntegrationResponses: MockResponse[] }).IntegrationResponses;
      expect(response?.StatusCode).toBe('204');
      expect(response?.ResponseParameters).toMatchObject({
        'method.response.header.Access-Control-Allow-Origin': `'${first}'`,
        'method.response.header.Access-Control-Allow-Headers': `'${CORS_ALLOW_HEADERS.join(',')}'`,
        'method.response.header.Access-Control-Allow-Methods': `'${verbs.join(',')}'`,
        'method.response.header.Vary': "'Origin'",
      });
      // The second origin is answered with itself, chosen from the request's Origin header.
      const template = response?.ResponseTemplates['application/json'] ?? '';
      expect(template).toContain(`$origin == "${second}"`);
      expect(template).toContain('$context.responseOverride.header.Access-Control-Allow-Origin = $origin');
      expect(JSON.stringify(m.Properties)).not.toContain("'*'");
    }
  });

  it('has a usage plan with throttling and a daily quota, holding the operator key, on the prod stage', () => {
    s.template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 5, BurstLimit: 10 },
      Quota: { Limit: 100_000, Period: 'DAY' },
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
