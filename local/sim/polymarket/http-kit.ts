/**
 * Minimal HTTP plumbing for the simulator: route patterns (`GET /markets/{id}`), body reading,
 * JSON answers, and fault injection per route pattern (local/sim/faults.ts):
 * - latency: added before anything else;
 * - `error`: answer `status` (default 500) with a venue-style `{error}` body, plus
 *   `retry-after` on 429 — the handler does NOT run (no side effects);
 * - `timeout`: never answer (the connection stays open until the client gives up or the
 *   simulator closes) — the handler does NOT run;
 * - `malformed`: the handler runs (side effects happen, as when a venue answers garbage after
 *   doing the work), then the body is bent into valid JSON of the wrong shape;
 * - `partial` / `late`: passed to the handler (order routes use them).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector, FaultRule } from '../faults';
import { ERR, FAULT_ERROR_TEXT } from './constants';

export interface RouteRequest {
  readonly req: IncomingMessage;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly path: string;
  readonly method: string;
  /** The exact body text (the L2 HMAC covers it byte for byte). */
  readonly rawBody: string;
  readonly fault: FaultRule | null;
}

export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (request: RouteRequest) => RouteResult | Promise<RouteResult>;

export interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly handler: Handler;
  /** Admin routes are never faulted. */
  readonly faultable?: boolean;
}

const MAX_BODY_BYTES = 1_000_000;

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith('{') && w.endsWith('}')) {
      if (g === '') return null;
      let value: string;
      try {
        value = decodeURIComponent(g);
      } catch {
        return null; // malformed %-escape: no route, answered 404
      }
      params[w.slice(1, -1)] = value;
    } else if (w !== g) return null;
  }
  return params;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) resolve(null);
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Valid JSON, wrong shape: numeric strings become numbers, the first field of each object goes. */
export function malform(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [{ unexpected: true }] : value.map(malform);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return Object.fromEntries(entries.slice(1).map(([k, v]) => [k, malform(v)]));
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (typeof value === 'number') return String(value);
  return value;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createDispatcher(routes: readonly Route[], faults: FaultInjector) {
  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    let found: { route: Route; params: Record<string, string> } | null = null;
    for (const route of routes) {
      if (route.method !== method) continue;
      const params = matchPattern(route.pattern, url.pathname);
      if (params) {
        found = { route, params };
        break;
      }
    }
    if (!found) return sendJson(res, 404, { error: 'not found' });
    const rawBody = await readBody(req);
    if (rawBody === null) return sendJson(res, 413, { error: 'payload too large' });
    const { route, params } = found;
    const decision =
      route.faultable === false ? { latencyMs: 0, rule: null } : faults.decide(`${method} ${route.pattern}`);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    const rule = decision.rule;
    if (rule?.kind === 'timeout') return; // hold the connection open
    if (rule?.kind === 'error') {
      const status = rule.status ?? 500;
      const headers: Record<string, string> = status === 429 ? { 'retry-after': String(rule.retryAfterSec ?? 1) } : {};
      return sendJson(
        res,
        status,
        { error: FAULT_ERROR_TEXT[status] ?? (status === 429 ? ERR.tooManyRequests : 'Internal Server Error') },
        headers,
      );
    }
    let result: RouteResult;
    try {
      result = await route.handler({
        req,
        params,
        query: url.searchParams,
        path: url.pathname,
        method,
        rawBody,
        fault: rule,
      });
    } catch (error) {
      // A simulator bug must be loud in tests but never crash the server.
      return sendJson(res, 500, { error: `simulator error: ${(error as Error).message}` });
    }
    if (rule?.kind === 'malformed') return sendJson(res, 200, malform(result.body));
    return sendJson(res, result.status, result.body, { ...result.headers });
  };
  // Whatever a client sends, the simulator answers and stays up.
  return (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    dispatch(req, res).catch((error: unknown) =>
      sendJson(res, 400, { error: `bad request: ${(error as Error).message}` }),
    );
}
