/**
 * A minimal router for the simulated Kalshi: patterns like `GET /markets/{ticker}/orderbook`
 * (relative to `/trade-api/v2`), matched exactly segment by segment. The same pattern string
 * keys fault rules (local/sim/faults.ts).
 */
import type { SimClock } from '../clock';
import { badRequest } from './errors';
import type { OrderFaults } from './exchange';
import type { KalshiSimState, SimAccount } from './state';

export interface RouteContext {
  readonly state: KalshiSimState;
  readonly clock: SimClock;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** Present on authenticated routes. */
  readonly account: SimAccount | null;
  readonly faults: OrderFaults;
}

export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly pattern: string;
  readonly auth: boolean;
  readonly handle: (ctx: RouteContext) => RouteResult;
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
  /** `GET /markets/{ticker}` — the fault key. */
  readonly endpoint: string;
}

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | null {
  const segments = path.split('/').filter((s) => s.length > 0);
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split('/').filter((s) => s.length > 0);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const part = parts[i] as string;
      const seg = segments[i] as string;
      if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = decodeURIComponent(seg);
      else ok = part === seg;
    }
    if (ok) return { route, params, endpoint: `${route.method} ${route.pattern}` };
  }
  return null;
}

/** Offset pagination behind an opaque cursor; empty cursor = last page (docs/venues-kalshi.md#k1 `cursor`). */
export function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  defaultLimit: number,
  maxLimit: number,
): { page: T[]; cursor: string } {
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? defaultLimit : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw badRequest(`limit must be 1..${maxLimit}`);
  const rawCursor = query.get('cursor');
  let offset = 0;
  if (rawCursor) {
    const decoded = Buffer.from(rawCursor, 'base64url').toString('utf8');
    const m = /^offset:(\d+)$/.exec(decoded);
    if (!m) throw badRequest('invalid cursor');
    offset = Number(m[1]);
  }
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`offset:${offset + limit}`).toString('base64url') : '';
  return { page, cursor: next };
}

/** `tickers=A,B` or repeated `tickers=A&tickers=B` (the SDK repeats: docs/venues-kalshi.md#k2). */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
