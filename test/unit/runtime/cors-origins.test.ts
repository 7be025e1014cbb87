/**
 * POLYMIX_CORS_ORIGINS (lib/runtime/env.ts): only exact browser origins, every bad entry
 * reported with the other configuration problems.
 */
import { ConfigError } from '../../../lib/config';
import { loadRuntimeConfig, parseCorsOrigins } from '../../../lib/runtime';

describe('parseCorsOrigins', () => {
  it('keeps exact origins in order, once each, and skips blank entries', () => {
    expect(
      parseCorsOrigins(' http://localhost:5001,,https://ops.example.com ,http://localhost:5001,http://[::1]:5001'),
    ).toEqual({
      origins: ['http://localhost:5001', 'https://ops.example.com', 'http://[::1]:5001'],
      invalid: [],
    });
  });

  it('reads unset and empty as no origins', () => {
    expect(parseCorsOrigins(undefined)).toEqual({ origins: [], invalid: [] });
    expect(parseCorsOrigins('')).toEqual({ origins: [], invalid: [] });
  });

  it('refuses anything a browser would never send as Origin, and wildcards', () => {
    const bad = [
      '*',
      'https://*.example.com',
      'null',
      'localhost:5001',
      'ftp://example.com',
      'https://example.com/',
      'https://example.com/app',
      'https://example.com?x=1',
      'https://user@example.com',
      'HTTPS://Example.com',
      'http://localhost:80',
      'https://example.com:443',
      'http://exa mple.com',
    ];
    expect(parseCorsOrigins(['http://localhost:5001', ...bad].join(','))).toEqual({
      origins: ['http://localhost:5001'],
      invalid: bad,
    });
  });
});

describe('loadRuntimeConfig with POLYMIX_CORS_ORIGINS', () => {
  it('exposes the origins to the runtime', () => {
    const { runtime } = loadRuntimeConfig({ POLYMIX_CORS_ORIGINS: 'http://localhost:5001,http://127.0.0.1:5001' });
    expect(runtime.corsOrigins).toEqual(['http://localhost:5001', 'http://127.0.0.1:5001']);
    expect(loadRuntimeConfig({}).runtime.corsOrigins).toEqual([]);
  });

  it('lists every bad origin in the same ConfigError as the other problems', () => {
    let error: unknown;
    try {
      loadRuntimeConfig({
        POLYMIX_CORS_ORIGINS: 'http://localhost:5001,*,https://x.example.com/',
        POLYMIX_TOPIC_ARN: 'not-an-arn',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable).sort()).toEqual(['POLYMIX_CORS_ORIGINS', 'POLYMIX_TOPIC_ARN']);
    expect(problems.find((p) => p.variable === 'POLYMIX_CORS_ORIGINS')?.got).toBe('"*", "https://x.example.com/"');
  });
});
