/**
 * A small local HTTP server on 127.0.0.1 standing in for Gamma, the CLOB and the Data API in
 * contract tests. Each test installs route handlers; every request is recorded with its raw
 * body. L2 headers of authenticated routes are checked independently with node:crypto.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Reply = { status?: number; json?: unknown; text?: string } | 'hang';
export type Handler = (req: Recorded) => Reply | Promise<Reply>;

export class FakeVenue {
  readonly requests: Recorded[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly hanging: ServerResponse[] = [];
  private server: Server | undefined;
  url = '';

  on(method: string, path: string, handler: Handler): this {
    this.routes.set(`${method} ${path}`, handler);
    return this;
  }

  calls(method: string, path: string): Recorded[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rec: Recorded = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    this.requests.push(rec);
    const handler = this.routes.get(`${rec.method} ${rec.path}`) ?? this.prefixRoute(rec);
    const reply = handler ? await handler(rec) : { status: 404, json: { error: `no route ${rec.method} ${rec.path}` } };
    if (reply === 'hang') {
      this.hanging.push(res);
      return;
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
    res.end(reply.text ?? JSON.stringify(reply.json ?? null));
  }

  private prefixRoute(rec: Recorded): Handler | undefined {
    for (const [key, handler] of this.routes) {
      const [method, path] = key.split(' ');
      if (method === rec.method && path?.endsWith('*') && rec.path.startsWith(path.slice(0, -1))) return handler;
    }
    return undefined;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** Recompute the L2 HMAC (docs/venues-polymarket.md#p3) without the code under test. */
export function expectedL2(secret: string, req: Recorded): string {
  const key = Buffer.from(secret.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const message = `${String(req.headers.poly_timestamp)}${req.method}${req.path}${req.body}`;
  return createHmac('sha256', key).update(message).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** True when the request carries valid L2 headers for these credentials. */
export function hasValidL2(
  req: Recorded,
  creds: { apiKey: string; secret: string; passphrase: string },
  address: string,
): boolean {
  return (
    req.headers.poly_address === address &&
    req.headers.poly_api_key === creds.apiKey &&
    req.headers.poly_passphrase === creds.passphrase &&
    req.headers.poly_signature === expectedL2(creds.secret, req)
  );
}
