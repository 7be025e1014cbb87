/**
 * The local HTTP server: the trading API's routes exactly as API Gateway serves them (the same
 * Router from lib/api; `/api/trading/state` and `/trading/state` both work) and the dashboard's
 * three static files at `/`. Loopback only by default: it listens on 127.0.0.1 and, where the
 * machine has IPv6, on ::1 too, so `localhost` works whichever address a client tries first.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { lowerCaseHeaders, type Router } from '../../lib/api';

export const DASHBOARD_DIR = join(__dirname, '..', 'dashboard');

/** The only files served besides the API: a fixed list, so no path can reach anything else. */
const STATIC_FILES: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/chart.js': { file: 'chart.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

// The dashboard may call a deployed API (another origin), so connect-src is open; scripts and
// styles come from this server only.
const STATIC_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'self'; connect-src *; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
};

const MAX_BODY_BYTES = 64 * 1024;

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `Port ${port} on ${host} is already in use (another \`npm start\`?). Stop it, or pick another port: npm start -- --port ${port === 5001 ? 5002 : port + 1}`,
    );
    this.name = 'PortInUseError';
  }
}

export interface LocalServer {
  /** `http://localhost:PORT` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        fail(new RangeError('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => done(chunks.length === 0 ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function requestHandler(router: Router) {
  const files = new Map<string, Buffer>();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const asset = STATIC_FILES[url.pathname];
    if (asset && (method === 'GET' || method === 'HEAD')) {
      let content = files.get(asset.file);
      if (!content) {
        content = readFileSync(join(DASHBOARD_DIR, asset.file));
        files.set(asset.file, content);
      }
      res.writeHead(200, { 'content-type': asset.type, ...STATIC_HEADERS });
      res.end(method === 'HEAD' ? undefined : content);
      return;
    }
    let body: string | null;
    try {
      body = await readBody(req);
    } catch {
      sendJson(res, 413, { error: { code: 'BAD_REQUEST', message: `Body larger than ${MAX_BODY_BYTES} bytes` } });
      return;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const answer = await router.handle({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      headers: lowerCaseHeaders(headers),
      body,
    });
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      fail(err.code === 'EADDRINUSE' ? new PortInUseError(host, port) : err);
    };
    const onListening = () => {
      server.off('error', onError);
      done((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((done) => server.close(() => done()));
  server.closeAllConnections();
  await closed;
}

export async function startLocalServer(options: { router: Router; port: number; host: string }): Promise<LocalServer> {
  const handler = requestHandler(options.router);
  const make = () =>
    createServer((req, res) => {
      handler(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: 'Internal error' } });
        else res.destroy();
      });
    });
  const loopback = options.host === '127.0.0.1' || options.host === 'localhost';
  const primary = make();
  const port = await listen(primary, options.port, loopback ? '127.0.0.1' : options.host);
  const servers = [primary];
  if (loopback) {
    const v6 = make();
    try {
      await listen(v6, port, '::1');
      servers.push(v6);
    } catch (err) {
      // No IPv6 loopback here (EADDRNOTAVAIL / EAFNOSUPPORT): IPv4 alone is fine. Anything else
      // holding [::1]:port is another program: say so rather than serve half of localhost.
      if (err instanceof PortInUseError) {
        await closeServer(primary);
        throw new PortInUseError('::1', port);
      }
    }
  }
  const shown = loopback ? 'localhost' : options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown}:${port}`,
    port,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}
