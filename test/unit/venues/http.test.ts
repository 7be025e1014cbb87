import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  AuthError,
  BadResponse,
  type Clock,
  RateLimited,
  Rejected,
  Timeout,
  Unavailable,
} from '../../../lib/engine/ports';
import { buildQuery, HttpClient, parseRetryAfter, TokenBucket } from '../../../lib/venues/http';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
const seen: Array<{ method: string; url: string; body: string; headers: IncomingMessage['headers'] }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
});

function reply(status: number, body: string, headers: Record<string, string> = {}): Handler {
  return (_req, _body, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
}

/** Sleeps are recorded and skipped, so retries cost no wall time. */
function fastClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  let now = 1_700_000_000_000;
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const bookSchema = z.object({ price: z.string(), size: z.string() });

function client(overrides: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  return new HttpClient({
    venue: 'kalshi',
    baseUrl,
    readLimit: { ratePerSec: 1000, burst: 1000 },
    writeLimit: { ratePerSec: 1000, burst: 1000 },
    clock: fastClock(),
    random: () => 0.5,
    ...overrides,
  });
}

describe('HttpClient', () => {
  it('sends the exact body string, query and headers, and returns the validated body', async () => {
    handler = reply(200, '{"price":"0.5600","size":"13.00"}');
    const res = await client().request({
      method: 'POST',
      path: '/books',
      query: { tickers: ['A', 'B'], depth: 0, skip: undefined },
      body: '{"a":1}',
      headers: { 'x-sig': 'abc' },
      schema: bookSchema,
      idempotent: true,
    });
    expect(res.data).toEqual({ price: '0.5600', size: '13.00' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/books?tickers=A&tickers=B&depth=0', body: '{"a":1}' });
    expect(seen[0]?.headers['x-sig']).toBe('abc');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('turns a schema mismatch into BadResponse with venue, endpoint and excerpt', async () => {
    handler = reply(200, '{"price":0.56,"size":"13.00"}');
    const err = await client()
      .request({ method: 'GET', path: '/book', schema: bookSchema, idempotent: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadResponse);
    expect(err).toMatchObject({ venue: 'kalshi', endpoint: 'GET /book', status: 200 });
    expect((err as BadResponse).excerpt).toContain('"price":0.56');
    expect((err as Error).message).toMatch(/price/);
  });

  it('turns a non-JSON body into BadResponse', async () => {
    handler = reply(200, '<html>oops</html>');
    await expect(
      client().request({ method: 'GET', path: '/book', schema: bookSchema, idempotent: true }),
    ).rejects.toBeInstanceOf(BadResponse);
  });

  it('retries idempotent reads on 5xx with jittered backoff, then succeeds', async () => {
    let calls = 0;
    handler = (req, body, res) => {
      calls++;
      (calls < 3 ? reply(503, '{"error":"busy"}') : reply(200, '{"price":"0.1","size":"1"}'))(req, body, res);
    };
    const clock = fastClock();
    const res = await client({ clock }).request({ method: 'GET', path: '/book', schema: bookSchema, idempotent: true });
    expect(res.data.price).toBe('0.1');
    expect(calls).toBe(3);
    // base 100 ms, doubling, jitter factor 0.5 + 0.5/2 = 0.75
    expect(clock.sleeps).toEqual([75, 150]);
  });

  it('never retries a non-idempotent request (order placement)', async () => {
    handler = reply(503, '{"error":"busy"}');
    await expect(
      client().request({ method: 'POST', path: '/order', body: '{}', schema: bookSchema, idempotent: false }),
    ).rejects.toBeInstanceOf(Unavailable);
    expect(seen).toHaveLength(1);
  });

  it('gives up after the configured attempts', async () => {
    handler = reply(500, '{}');
    await expect(
      client().request({ method: 'GET', path: '/book', schema: bookSchema, idempotent: true }),
    ).rejects.toBeInstanceOf(Unavailable);
    expect(seen).toHaveLength(3);
  });

  it('maps 429 to RateLimited and waits at least Retry-After before retrying', async () => {
    let calls = 0;
    handler = (req, body, res) => {
      calls++;
      (calls === 1 ? reply(429, '{}', { 'retry-after': '2' }) : reply(200, '{"price":"1","size":"1"}'))(req, body, res);
    };
    const clock = fastClock();
    await client({ clock }).request({ method: 'GET', path: '/book', schema: bookSchema, idempotent: true });
    expect(clock.sleeps).toEqual([2000]);

    handler = reply(429, '{}', { 'retry-after': '1' });
    const err = await client({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } })
      .request({ method: 'GET', path: '/book', schema: bookSchema, idempotent: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterMs).toBe(1000);
  });

  it('maps 401/403 to AuthError and other 4xx to Rejected, without retry', async () => {
    handler = reply(401, '{"error":"bad key"}');
    await expect(
      client().request({ method: 'GET', path: '/portfolio/balance', schema: bookSchema, idempotent: true }),
    ).rejects.toBeInstanceOf(AuthError);
    handler = reply(400, '{"error":"bad order"}');
    const err = await client()
      .request({ method: 'GET', path: '/x', schema: bookSchema, idempotent: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Rejected);
    expect((err as Rejected).excerpt).toBe('{"error":"bad order"}');
    expect(seen).toHaveLength(2);
  });

  it('parses accepted error statuses with the schema instead of raising', async () => {
    handler = reply(400, '{"price":"0","size":"0"}');
    const res = await client().request({
      method: 'POST',
      path: '/order',
      body: '{}',
      schema: bookSchema,
      idempotent: false,
      acceptStatuses: [400],
    });
    expect(res.status).toBe(400);
  });

  it('times out a hanging request as Timeout', async () => {
    handler = () => undefined; // never answers
    const err = await client({ timeoutMs: 100, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } })
      .request({ method: 'POST', path: '/order', body: '{}', schema: bookSchema, idempotent: false })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Timeout);
    expect((err as Timeout).retryable).toBe(true);
  });

  it('maps a refused connection to Unavailable', async () => {
    const dead = new HttpClient({ venue: 'polymarket', baseUrl: 'http://127.0.0.1:1', clock: fastClock() });
    await expect(
      dead.request({ method: 'GET', path: '/book', schema: bookSchema, idempotent: false }),
    ).rejects.toBeInstanceOf(Unavailable);
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then paces to the rate', async () => {
    const clock = fastClock();
    const start = clock.now();
    const bucket = new TokenBucket(10, 5, clock);
    const stamps: number[] = [];
    for (let i = 0; i < 15; i++) {
      await bucket.take();
      stamps.push(clock.now() - start);
    }
    expect(stamps.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // 10 more tokens at 10/s need about one more second, never less.
    expect(stamps[14]).toBeGreaterThanOrEqual(1000);
    expect(stamps[14]).toBeLessThanOrEqual(1010);
  });

  it('serves concurrent callers in order without exceeding the rate', async () => {
    const clock = fastClock();
    const bucket = new TokenBucket(20, 1, clock);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 6 }, (_, i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('takes a cost in tokens per request, and a cost above the burst waits for a full bucket', async () => {
    const clock = fastClock();
    const start = clock.now();
    const bucket = new TokenBucket(200, 200, clock); // Kalshi Basic reads: 200 tokens/s
    const stamps: number[] = [];
    for (let i = 0; i < 25; i++) {
      await bucket.take(10); // a default request costs 10 tokens: 20 per second
      stamps.push(clock.now() - start);
    }
    expect(stamps.slice(0, 20)).toEqual(Array(20).fill(0));
    expect(stamps[24]).toBeGreaterThanOrEqual(250);
    expect(stamps[24]).toBeLessThanOrEqual(260);
    await bucket.take(1_000); // clamped to the burst: one full second
    expect(clock.now() - start).toBeGreaterThanOrEqual(1_250);
  });

  it('drain empties the bucket: the next request waits for the refill', async () => {
    const clock = fastClock();
    const bucket = new TokenBucket(100, 100, clock);
    bucket.drain();
    const start = clock.now();
    await bucket.take(10);
    expect(clock.now() - start).toBeGreaterThanOrEqual(100);
  });

  it('rejects nonsense sizes', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('builds repeated query keys and skips undefined', () => {
    expect(buildQuery({ a: 1, b: ['x', 'y'], c: undefined })).toBe('?a=1&b=x&b=y');
    expect(buildQuery({})).toBe('');
  });
  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:10 GMT', Date.UTC(2026, 10, 25, 12, 0, 0))).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});
