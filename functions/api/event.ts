/**
 * API Gateway REST proxy events in and out: the event is parsed with zod (only the fields the
 * API reads) and turned into the router's framework-free request.
 */
import { z } from 'zod';
import { ApiError, type ApiRequest, type ApiResponse, lowerCaseHeaders } from '../../lib/api';

export const proxyEventSchema = z
  .object({
    httpMethod: z.string().regex(/^[A-Za-z]{3,7}$/),
    path: z.string().startsWith('/').max(2048),
    headers: z.record(z.string(), z.string()).nullish(),
    queryStringParameters: z.record(z.string(), z.string()).nullish(),
    multiValueQueryStringParameters: z.record(z.string(), z.array(z.string())).nullish(),
    body: z.string().nullish(),
    isBase64Encoded: z.boolean().nullish(),
    requestContext: z.object({ requestId: z.string() }).loose().nullish(),
  })
  .loose();

export type ProxyEvent = z.infer<typeof proxyEventSchema>;

const headersOnlySchema = z.object({ headers: z.record(z.string(), z.unknown()).nullish() }).loose();

/**
 * The `Origin` header, read on its own so that even an event the full schema refuses can be
 * answered with CORS headers. Names are matched in any case (API Gateway passes them as sent).
 */
export function originOf(event: unknown): string | undefined {
  const parsed = headersOnlySchema.safeParse(event);
  if (!parsed.success) return undefined;
  const textHeaders = Object.entries(parsed.data.headers ?? {}).filter(
    (e): e is [string, string] => typeof e[1] === 'string',
  );
  return lowerCaseHeaders(Object.fromEntries(textHeaders)).origin;
}

export interface ProxyResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly isBase64Encoded: false;
}

export function toApiRequest(event: ProxyEvent): ApiRequest {
  // API Gateway keeps only the last value of a repeated parameter: refuse rather than guess.
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    if (values.length > 1) throw new ApiError('BAD_REQUEST', `Invalid query: ${name}: given more than once`);
  }
  const body = event.body ?? null;
  return {
    method: event.httpMethod.toUpperCase(),
    path: event.path,
    query: event.queryStringParameters ?? {},
    headers: lowerCaseHeaders(event.headers),
    body: body !== null && event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
  };
}

export function toProxyResult(res: ApiResponse): ProxyResult {
  return { statusCode: res.status, headers: { ...res.headers }, body: res.body, isBase64Encoded: false };
}
