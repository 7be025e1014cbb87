/**
 * A tiny Kalshi stand-in on 127.0.0.1 for contract tests: routes by `METHOD /path` below
 * `/trade-api/v2`, records every request (method, path, query, headers, body) and serves what
 * the test scripted. Not the project's simulator: it knows nothing but the fixtures it is given.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PREFIX = '/trade-api/v2';

export interface Seen {
  readonly method: string;
  /** Path below the prefix. */
  readonly path: string;
  /** Full path as requested, prefix included, no query. */
  readonly fullPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Reply = { status: number; body: unknown } | 'hang';
export type Route = (req: Seen) => Reply;

export class FakeKalshi {
  readonly seen: Seen[] = [];
  private routes = new Map<string, Route>();
  private server: Server | null = null;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
        const seen: Seen = {
          method: req.method ?? '',
          path,
          fullPath: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
        };
        this.seen.push(seen);
        const route = this.match(seen.method, path);
        const reply: Reply = route
          ? route(seen)
          : { status: 404, body: { error: { code: 'not_found', message: 'no route' } } };
        if (reply === 'hang') return; // never answers: the client's timeout fires
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${PREFIX}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  reset(): void {
    this.seen.length = 0;
    this.routes.clear();
  }

  /** `pattern` like `GET /markets/{x}/orderbook`: `{x}` matches one path segment. */
  on(pattern: string, route: Route | Reply): this {
    this.routes.set(pattern, typeof route === 'function' ? route : () => route);
    return this;
  }

  requests(method: string, path: string): Seen[] {
    return this.seen.filter((s) => s.method === method && s.path === path);
  }

  private match(method: string, path: string): Route | undefined {
    const exact = this.routes.get(`${method} ${path}`);
    if (exact) return exact;
    for (const [pattern, route] of this.routes) {
      const [m, p] = pattern.split(' ');
      if (m !== method || !p) continue;
      const re = new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (re.test(path)) return route;
    }
    return undefined;
  }
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}
