/**
 * A small framework-free router shared by the Lambda handler and the local server: method +
 * path → handler. A path is exact, or has `{name}` segments that match one non-empty segment
 * each (URL-decoded, handed to the handler as `params`; the handler validates them). It owns what every route has in common: the `/api` prefix the local
 * server accepts, the API-key check, JSON encoding, and turning every failure into the stable
 * error shape of ./errors.ts (an unexpected exception is logged and answered with a fixed
 * INTERNAL text, never its message or stack). With `corsOrigins` it also adds the CORS headers a
 * listed browser origin (the web dashboard) needs to read every answer, errors included.
 */

import { requireApiKey } from './auth';
import { ApiError, errorBody, INTERNAL_ERROR } from './errors';
import type { ApiRequest, ApiResponse } from './request';

export type Method = 'GET' | 'POST';

export type RouteHandler = (req: ApiRequest, params: Readonly<Record<string, string>>) => Promise<unknown>;

export interface RouterOptions {
  /** When set, every route requires `x-api-key` equal to it (the local server). */
  readonly apiKey: string | null;
  /** Last guard on every response body text (e.g. replaces known secret values). */
  readonly redact?: (text: string) => string;
  /** Told about every unexpected error (for the log); the client only sees INTERNAL. */
  readonly onUnexpectedError?: (err: unknown, req: ApiRequest) => void;
  /**
   * Exact browser origins allowed to read responses (lib/runtime/env.ts POLYMIX_CORS_ORIGINS,
   * docs/api.md "CORS"). Unset or empty: no CORS headers at all (same-origin use, curl).
   */
  readonly corsOrigins?: readonly string[];
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } as const;

/**
 * The CORS response headers for a request's `Origin`: the origin itself (never `*`) when it is
 * listed exactly, nothing otherwise, so an unlisted site's script cannot read the answer. The
 * answers only carry `content-type` and `cache-control`, both CORS-safelisted response headers,
 * so no `access-control-expose-headers` is needed. No credentials header: the dashboard sends
 * the API key as a header, never a cookie.
 */
export function corsHeaders(
  origin: string | undefined,
  allowedOrigins: readonly string[] | undefined,
): Record<string, string> {
  if (origin === undefined || !allowedOrigins?.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/** `/api/trading/state/` → `/trading/state`; `/api` alone → `/`. */
export function normalisePath(path: string): string {
  let p = path.split('?')[0] ?? '';
  if (p === '/api' || p.startsWith('/api/')) p = p.slice(4);
  p = p.replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

const PARAM = /^\{([a-z][A-Za-z0-9]*)\}$/;

/** `segments` against a pattern's segments: the named values, or null when it does not match. */
function matchPattern(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const name = PARAM.exec(pattern[i]!)?.[1];
    const seg = segments[i]!;
    if (name === undefined) {
      if (pattern[i] !== seg) return null;
      continue;
    }
    if (seg === '') return null;
    try {
      params[name] = decodeURIComponent(seg);
    } catch {
      throw new ApiError('BAD_REQUEST', `Invalid path: ${name} is not valid URL encoding`);
    }
  }
  return params;
}

export class Router {
  private readonly routes = new Map<string, Map<Method, RouteHandler>>();

  constructor(private readonly options: RouterOptions) {}

  add(method: Method, path: string, handler: RouteHandler): this {
    const byMethod = this.routes.get(path) ?? new Map<Method, RouteHandler>();
    if (byMethod.has(method)) throw new Error(`route ${method} ${path} is defined twice`);
    byMethod.set(method, handler);
    this.routes.set(path, byMethod);
    return this;
  }

  /** Every route as `METHOD /path`, for docs and tests. */
  list(): string[] {
    return [...this.routes.entries()].flatMap(([path, m]) => [...m.keys()].map((method) => `${method} ${path}`));
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    const res = await this.route(req);
    const cors = corsHeaders(req.headers.origin, this.options.corsOrigins);
    return Object.keys(cors).length === 0 ? res : { ...res, headers: { ...res.headers, ...cors } };
  }

  private async route(req: ApiRequest): Promise<ApiResponse> {
    try {
      // Authentication comes before anything that tells routes apart, so an unauthenticated
      // caller learns nothing about which paths exist.
      requireApiKey(req, this.options.apiKey);
      const found = this.find(normalisePath(req.path));
      if (!found) throw new ApiError('NOT_FOUND', 'No such route');
      const { byMethod, params } = found;
      const handler = byMethod.get(req.method.toUpperCase() as Method);
      if (!handler) throw new ApiError('METHOD_NOT_ALLOWED', `Use ${[...byMethod.keys()].join(' or ')} for this route`);
      return this.respond(200, await handler(req, params));
    } catch (err) {
      if (err instanceof ApiError) return this.respond(err.status, errorBody(err));
      this.options.onUnexpectedError?.(err, req);
      const internal = INTERNAL_ERROR();
      return this.respond(internal.status, errorBody(internal));
    }
  }

  /** An exact path first, then the first pattern that matches. */
  private find(path: string): { byMethod: Map<Method, RouteHandler>; params: Record<string, string> } | null {
    const exact = this.routes.get(path);
    if (exact && !path.includes('{')) return { byMethod: exact, params: {} };
    const segments = path.split('/');
    for (const [pattern, byMethod] of this.routes) {
      if (!pattern.includes('{')) continue;
      const params = matchPattern(pattern.split('/'), segments);
      if (params) return { byMethod, params };
    }
    return null;
  }

  private respond(status: number, body: unknown): ApiResponse {
    const text = JSON.stringify(body);
    return { status, headers: JSON_HEADERS, body: this.options.redact ? this.options.redact(text) : text };
  }
}
