/** An API Gateway REST (v1) proxy event as Lambda receives it, trimmed to realistic fields. */
export function apigwEvent(
  method: string,
  path: string,
  opts: {
    query?: Record<string, string>;
    multi?: Record<string, string[]>;
    body?: string | null;
    base64?: boolean;
    headers?: Record<string, string>;
  } = {},
) {
  const headers = {
    Accept: 'application/json',
    Host: 'abc123.execute-api.us-east-1.amazonaws.com',
    'X-API-Key': 'gateway-checked-key',
    ...opts.headers,
  };
  const query = opts.query ?? null;
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters:
      opts.multi ?? (query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null),
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      resourcePath: '/{proxy+}',
      httpMethod: method,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      stage: 'prod',
      identity: { sourceIp: '203.0.113.7', apiKey: 'gateway-checked-key', userAgent: 'curl/8' },
    },
    body:
      opts.body === undefined || opts.body === null
        ? null
        : opts.base64
          ? Buffer.from(opts.body).toString('base64')
          : opts.body,
    isBase64Encoded: opts.base64 ?? false,
  };
}

export const lambdaContext = {
  functionName: 'polymix-api',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 10_000,
};
