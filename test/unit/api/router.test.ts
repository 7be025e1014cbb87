import { z } from 'zod';
import { ApiError, type ApiRequest, limitParam, normalisePath, parseBody, parseQuery, Router } from '../../../lib/api';

const req = (method: string, path: string, extra: Partial<ApiRequest> = {}): ApiRequest => ({
  method,
  path,
  query: {},
  headers: {},
  body: null,
  ...extra,
});

describe('normalisePath', () => {
  it('strips the local /api prefix, trailing slashes and a query string', () => {
    expect(normalisePath('/api/trading/state/')).toBe('/trading/state');
    expect(normalisePath('/trading/state?limit=2')).toBe('/trading/state');
    expect(normalisePath('/api')).toBe('/');
    expect(normalisePath('/apiary/trading')).toBe('/apiary/trading');
  });
});

describe('Router', () => {
  it('routes by method and path and answers JSON', async () => {
    const router = new Router({ apiKey: null }).add('GET', '/x', async () => ({ ok: 1 }));
    const res = await router.handle(req('get', '/api/x'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(res.body)).toEqual({ ok: 1 });
  });

  it('turns an unexpected exception into INTERNAL without its message, and reports it', async () => {
    const seen: unknown[] = [];
    const router = new Router({ apiKey: null, onUnexpectedError: (e) => seen.push(e) }).add(
      'GET',
      '/boom',
      async () => {
        throw new Error('db password=hunter2 at line 3');
      },
    );
    const res = await router.handle(req('GET', '/boom'));
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body).error.code).toBe('INTERNAL');
    expect(res.body).not.toMatch(/hunter2|line 3|at /);
    expect(seen).toHaveLength(1);
  });

  it('passes every body through the redaction guard', async () => {
    const router = new Router({ apiKey: null, redact: (t) => t.split('s3cret-value').join('[redacted]') }).add(
      'GET',
      '/leak',
      async () => ({ note: 'x s3cret-value y' }),
    );
    expect((await router.handle(req('GET', '/leak'))).body).toBe('{"note":"x [redacted] y"}');
  });

  it('refuses a route defined twice', () => {
    const router = new Router({ apiKey: null }).add('GET', '/x', async () => 1);
    expect(() => router.add('GET', '/x', async () => 2)).toThrow(/twice/);
  });
});

describe('parseQuery and parseBody', () => {
  it('applies defaults and bounds, and refuses unknown parameters by name', () => {
    expect(parseQuery(req('GET', '/'), { limit: limitParam(100, 20) })).toEqual({ limit: 20 });
    expect(parseQuery(req('GET', '/', { query: { limit: '100' } }), { limit: limitParam(100, 20) })).toEqual({
      limit: 100,
    });
    expect(() => parseQuery(req('GET', '/', { query: { limit: '-1' } }), { limit: limitParam(100, 20) })).toThrow(
      ApiError,
    );
    expect(() => parseQuery(req('GET', '/', { query: { sort: 'asc' } }), {})).toThrow(/unknown "sort"/);
  });

  it('never echoes the body it could not parse', () => {
    let caught: unknown;
    try {
      parseBody(req('POST', '/', { body: '{"key": "my-secret-reset-key' }), z.object({}));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).message).toBe('Invalid body: not valid JSON');
  });

  it('reads an absent body as {} so optional bodies work with a bare POST', () => {
    expect(parseBody(req('POST', '/'), z.object({ reason: z.string().optional() }))).toEqual({});
  });
});
