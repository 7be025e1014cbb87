/**
 * The request and response the routes see, independent of API Gateway or node:http, and the
 * zod validation of query strings and bodies (every input is validated with zod before use).
 */
import { z } from 'zod';
import { ApiError } from './errors';

export interface ApiRequest {
  readonly method: string;
  /** The URL path without query string, e.g. `/trading/state` or `/api/trading/state`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Raw body text, or null when there was none. */
  readonly body: string | null;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text. */
  readonly body: string;
}

/** Header names lower-cased; the last value wins when a name repeats in another case. */
export function lowerCaseHeaders(
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/** `limit`: a whole number as query text, within [1, max], with a default. */
export function limitParam(max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, `must be 1 to ${max}`).max(max, `must be 1 to ${max}`))
    .optional()
    .transform((n) => n ?? fallback);
}

function describe(error: z.ZodError, where: string): string {
  return error.issues
    .map((i) => {
      const name = i.path.length > 0 ? i.path.join('.') : where;
      return `${name}: ${i.code === 'unrecognized_keys' ? `unknown ${i.keys.map((k) => JSON.stringify(k)).join(', ')}` : i.message}`;
    })
    .join('; ');
}

/** Validates the query string; unknown parameters are refused so a typo is not silently ignored. */
export function parseQuery<T extends z.ZodRawShape>(req: ApiRequest, shape: T): z.infer<z.ZodObject<T>> {
  const parsed = z.strictObject(shape).safeParse(req.query);
  if (!parsed.success) throw new ApiError('BAD_REQUEST', `Invalid query: ${describe(parsed.error, 'query')}`);
  return parsed.data;
}

/**
 * Validates a JSON body. An absent or blank body is read as `{}` so routes whose body is
 * optional (halt) accept a bare POST; the schema decides what is required.
 */
export function parseBody<T extends z.ZodType>(req: ApiRequest, schema: T): z.infer<T> {
  const text = req.body ?? '';
  let data: unknown = {};
  if (text.trim() !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      // JSON.parse's message quotes the input, which may hold a key: not echoed.
      throw new ApiError('BAD_REQUEST', 'Invalid body: not valid JSON');
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError('BAD_REQUEST', `Invalid body: ${describe(parsed.error, 'body')}`);
  return parsed.data;
}
