/**
 * The trading API (docs/api.md): API Gateway REST API, Lambda proxy to the api function.
 * Every method requires an API key (docs/adr/0005-api-auth.md), under a usage plan with
 * throttling and a daily quota. Access logs go to their own log group; execution logs are at
 * ERROR level with data tracing OFF, so request bodies (the reset key) are never logged.
 *
 * CORS for the web dashboard (docs/api.md "CORS"): a browser sends its preflight (OPTIONS)
 * WITHOUT the API key, so each route's resource also has ONE OPTIONS method (allowing every
 * method of that resource) with no key and no authorization, answered by a MOCK integration in
 * API Gateway: it never reaches the function and returns no data, only which origin, headers
 * and methods may follow. The mock answers a listed `Origin` with that origin (a response
 * override chosen by the mapping template; CDK's addCorsPreflight) and any other origin with
 * the FIRST listed one, which the browser then refuses to match. The real answers get their
 * CORS headers from the function, which compares `Origin` with the same list
 * (POLYMIX_CORS_ORIGINS).
 */
import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Settings } from './settings';

/**
 * The routes lib/api serves, by method. Every one is under /trading; `{id}` is a path parameter
 * (API Gateway's own syntax, as lib/api's router writes it).
 */
export const API_ROUTES = {
  GET: ['state', 'mode', 'metrics', 'errors', 'positions', 'preflight'],
  POST: ['preflight', 'halt', 'resume', 'reset', 'bets/{id}/settle'],
} as const;

/** What the dashboard may send: the API key, a JSON body, and the reset key (docs/api.md). */
export const CORS_ALLOW_HEADERS = ['content-type', 'x-api-key', 'x-reset-key'] as const;

export interface TradingApiProps {
  readonly settings: Settings;
  readonly handler: lambda.IFunction;
}

export class TradingApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly apiKey: apigateway.IApiKey;
  readonly usagePlan: apigateway.UsagePlan;
  /** The routes' methods: each requires the API key. */
  readonly methods: apigateway.Method[] = [];
  /** The CORS preflight (OPTIONS) methods: no key, MOCK integration, one per resource. */
  readonly preflightMethods: apigateway.Method[] = [];

  constructor(scope: Construct, id: string, props: TradingApiProps) {
    super(scope, id);
    const { settings } = props;
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: settings.logRetentionDays as logs.RetentionDays,
    });

    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: 'polymix',
      description: 'PolyMix trading API (API key required on every route method; CORS preflights need none)',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Execution and access logging need the account-level API Gateway CloudWatch role.
      cloudWatchRole: true,
      deployOptions: {
        stageName: 'prod',
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields({
          caller: true,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: settings.xray,
        throttlingRateLimit: settings.api.rateLimit,
        throttlingBurstLimit: settings.api.burstLimit,
      },
      defaultMethodOptions: { apiKeyRequired: true },
    });

    // Bodies have no API Gateway model on purpose: a halt must never be refused over a body it
    // does not need. The function validates every body with zod (lib/api/request.ts).
    const validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const integration = new apigateway.LambdaIntegration(props.handler, {
      allowTestInvoke: false,
    });
    const trading = this.api.root.addResource('trading');
    // One resource per name, with every method API_ROUTES gives it (GET and POST preflight).
    const methodsOf = new Map<string, { resource: apigateway.IResource; methods: string[] }>();
    for (const [method, names] of Object.entries(API_ROUTES)) {
      for (const name of names) {
        // Nested paths (bets/{id}/settle) create their parent resources, which get no method.
        const resource = trading.resourceForPath(name);
        this.methods.push(
          resource.addMethod(method, integration, { apiKeyRequired: true, requestValidator: validator }),
        );
        const entry = methodsOf.get(name) ?? { resource, methods: [] };
        entry.methods.push(method);
        methodsOf.set(name, entry);
      }
    }
    for (const { resource, methods } of methodsOf.values()) {
      // No key, no authorizer (addCorsPreflight sets both): browsers never send custom headers
      // on a preflight. 204 with Access-Control-Allow-* headers, which cdk-nag's APIG4 and
      // COG4 recognise as a CORS preflight, so nothing needs acknowledging. One per resource,
      // allowing every method of that resource.
      this.preflightMethods.push(
        resource.addCorsPreflight({
          allowOrigins: [...settings.dashboardOrigins],
          allowHeaders: [...CORS_ALLOW_HEADERS],
          allowMethods: methods,
          maxAge: Duration.minutes(10),
        }),
      );
    }

    this.apiKey = this.api.addApiKey('OperatorKey', {
      description: 'PolyMix operator key (docs/deploy.md: get its value)',
    });
    this.usagePlan = this.api.addUsagePlan('UsagePlan', {
      description: 'PolyMix operator usage plan',
      throttle: { rateLimit: settings.api.rateLimit, burstLimit: settings.api.burstLimit },
      quota: { limit: settings.api.quotaPerDay, period: apigateway.Period.DAY },
      apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
    });
    this.usagePlan.addApiKey(this.apiKey);

    new CfnOutput(scope, 'ApiUrl', {
      value: this.api.urlForPath('/trading'),
      description: 'Base URL of the trading API',
    });
    new CfnOutput(scope, 'ApiKeyId', {
      value: this.apiKey.keyId,
      description: 'aws apigateway get-api-key --include-value --api-key <this id> shows the key',
    });
  }
}
