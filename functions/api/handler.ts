/**
 * `functions/api`: API Gateway (REST, proxy integration) → the trading routes (docs/api.md).
 * API Gateway has already checked the API key and usage plan. This file only parses the
 * event, gets the container's runtime (built once), and hands the request to the router.
 * Every answer, its own errors included, carries CORS headers for a listed dashboard origin
 * (docs/api.md "CORS"); API Gateway answers the preflight itself (infra/api.ts).
 */
import middy from '@middy/core';
import { ApiError, corsHeaders, createTradingRouter, errorBody, type Router } from '../../lib/api';
import {
  type AppLogger,
  buildRuntime,
  createLogger,
  parseCorsOrigins,
  type Runtime,
  runtimeOnce,
} from '../../lib/runtime';
import { originOf, type ProxyResult, proxyEventSchema, toApiRequest, toProxyResult } from './event';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function fail(err: ApiError, cors: Record<string, string>): ProxyResult {
  return {
    statusCode: err.status,
    headers: { ...JSON_HEADERS, ...cors },
    body: JSON.stringify(errorBody(err)),
    isBase64Encoded: false,
  };
}

export interface ApiHandlerOptions {
  /**
   * Origins for the answers given before the runtime exists (a malformed event, a bad
   * configuration): the valid entries of POLYMIX_CORS_ORIGINS, so the dashboard can show the
   * error instead of an opaque network failure. Once built, the runtime's validated list is used.
   */
  readonly corsOrigins?: readonly string[];
}

function routerFor(runtime: Runtime): Router {
  return createTradingRouter(runtime.api, {
    apiKey: runtime.env.apiKey,
    redact: (text) => runtime.logger.redactor.text(text),
    corsOrigins: runtime.env.corsOrigins,
    onUnexpectedError: (error, req) =>
      runtime.logger.error('Unexpected error in an API route', { method: req.method, path: req.path, error }),
  });
}

export function createApiHandler(
  logger: AppLogger,
  getRuntime: () => Promise<Runtime>,
  options: ApiHandlerOptions = {},
) {
  const routers = new WeakMap<Runtime, Router>();
  return middy().handler(async (event: unknown): Promise<ProxyResult> => {
    const origin = originOf(event);
    const parsed = proxyEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.warn('API event is not an API Gateway proxy event', {
        issues: parsed.error.issues.map((i) => i.path.join('.')),
      });
      return fail(new ApiError('BAD_REQUEST', 'Malformed request'), corsHeaders(origin, options.corsOrigins));
    }
    let runtime: Runtime;
    try {
      runtime = await getRuntime();
    } catch (err) {
      // ConfigError's message lists every bad variable (never a secret value): it goes to the
      // log; the caller learns only that the service is not usable.
      logger.error(err instanceof Error ? err.message : 'runtime could not be built', {
        errorName: err instanceof Error ? err.name : 'unknown',
      });
      return fail(
        new ApiError('INTERNAL', 'The service is not configured correctly; the details are in the service log'),
        corsHeaders(origin, options.corsOrigins),
      );
    }
    let router = routers.get(runtime);
    if (!router) {
      router = routerFor(runtime);
      routers.set(runtime, router);
    }
    let request;
    try {
      request = toApiRequest(parsed.data);
    } catch (err) {
      if (err instanceof ApiError) return fail(err, corsHeaders(origin, runtime.env.corsOrigins));
      throw err;
    }
    return toProxyResult(await router.handle(request));
  });
}

const logger = createLogger(process.env, { serviceName: 'polymix-api' });
export const handler = createApiHandler(
  logger,
  runtimeOnce(() => buildRuntime(process.env, logger)),
  { corsOrigins: parseCorsOrigins(process.env.POLYMIX_CORS_ORIGINS).origins },
);
