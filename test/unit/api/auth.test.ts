import type * as NodeCrypto from 'node:crypto';
import { ApiError, type ApiRequest, keysMatch, requireApiKey } from '../../../lib/api';

// The module object itself (not an import copy), so the spy sees lib/api/auth.ts's calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crypto = require('node:crypto') as typeof NodeCrypto;

const KEY = 'k3y-0123456789abcdef0123456789abcdef';

describe('keysMatch', () => {
  it('accepts the right key', () => {
    expect(keysMatch(KEY, KEY)).toBe(true);
  });

  it('refuses a wrong key of the same length', () => {
    expect(keysMatch(KEY.replace(/.$/, 'X'), KEY)).toBe(false);
  });

  it('refuses a key of another length (a prefix, or one character more)', () => {
    expect(keysMatch(KEY.slice(0, -1), KEY)).toBe(false);
    expect(keysMatch(`${KEY}f`, KEY)).toBe(false);
  });

  it('never accepts an empty or missing key, even when the expected key is empty too', () => {
    expect(keysMatch('', KEY)).toBe(false);
    expect(keysMatch(undefined, KEY)).toBe(false);
    expect(keysMatch('', '')).toBe(false);
    expect(keysMatch(null, null)).toBe(false);
    expect(keysMatch(KEY, '')).toBe(false);
  });

  it('compares equal-length digests in constant time, whatever the key lengths', () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      keysMatch('short', KEY);
      keysMatch(`${KEY}${KEY}`, KEY);
      expect(spy).toHaveBeenCalledTimes(2);
      for (const [a, b] of spy.mock.calls) {
        expect((a as Buffer).length).toBe(32);
        expect((b as Buffer).length).toBe(32);
      }
    } finally {
      spy.mockRestore();
    }
  });
});

describe('requireApiKey', () => {
  const req = (headers: Record<string, string | undefined>): ApiRequest => ({
    method: 'GET',
    path: '/trading/state',
    query: {},
    headers,
    body: null,
  });

  it('lets everything through when no key is configured (API Gateway checked its own)', () => {
    expect(() => requireApiKey(req({}), null)).not.toThrow();
  });

  it('refuses a missing, empty or wrong x-api-key with UNAUTHORIZED', () => {
    for (const headers of [{}, { 'x-api-key': '' }, { 'x-api-key': 'nope' }]) {
      let caught: unknown;
      try {
        requireApiKey(req(headers), KEY);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ApiError);
      expect((caught as ApiError).code).toBe('UNAUTHORIZED');
      expect((caught as ApiError).message).not.toContain(KEY);
    }
    expect(() => requireApiKey(req({ 'x-api-key': KEY }), KEY)).not.toThrow();
  });
});
