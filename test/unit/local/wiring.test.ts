/**
 * The local runner's wiring: always paper, and with --source live the REAL clients point at
 * the production hosts (checked with a recording fetch: no network is used).
 */

import { Redactor } from '../../../lib/runtime/redact';
import { KALSHI_PRODUCTION_BASE_URL } from '../../../lib/venues/kalshi';
import { GAMMA_URL } from '../../../lib/venues/polymarket';
import { steppedRunClock } from '../../../local/runner/clocks';
import { type EmbeddedStore, startEmbeddedStore } from '../../../local/runner/embedded-store';
import { createOutput } from '../../../local/runner/output';
import { loadLocalConfig, marketEndpoints } from '../../../local/runner/session';
import { wire } from '../../../local/runner/wiring';

let store: EmbeddedStore;
beforeAll(async () => {
  store = await startEmbeddedStore({ dataDir: null, tableName: 'polymix' });
});
afterAll(() => store.close());

describe('loadLocalConfig', () => {
  it('ignores LIVE_TRADING=true: the local runner has no live mode', () => {
    const config = loadLocalConfig({ LIVE_TRADING: 'true', POLYMIX_SECRET_ID: 'polymix/secrets' });
    expect(config.liveTrading).toBe(false);
    expect(config.warnings.join(' ')).not.toMatch(/LIVE_TRADING/);
  });
});

describe('wire with --source live', () => {
  it('builds the real clients on the production hosts, paper-wrapped', async () => {
    const config = loadLocalConfig({});
    const endpoints = marketEndpoints('live', config, null);
    expect(endpoints).toEqual({
      polymarketGamma: GAMMA_URL,
      polymarketClob: 'https://clob.polymarket.com',
      polymarketData: 'https://data-api.polymarket.com',
      kalshi: KALSHI_PRODUCTION_BASE_URL,
      polymarketWs: 'wss://ws-subscriptions-clob.polymarket.com/ws/market',
      kalshiWs: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
      // Read only with --venues kalshi,polymarket-us.
      polymarketUsGateway: 'https://gateway.polymarket.us',
      polymarketUsApi: 'https://api.polymarket.us',
      polymarketUsWs: 'wss://api.polymarket.us/v1/ws/markets',
    });
    const called: string[] = [];
    const offline = async (url: string) => {
      called.push(url);
      throw new TypeError('fetch failed (test: no network)');
    };
    const clock = steppedRunClock(Date.UTC(2026, 10, 25, 22));
    const w = wire({
      config,
      endpoints,
      store,
      clock,
      output: createOutput({ now: () => clock.now(), write: () => undefined }),
      speed: 1,
      seed: 1,
      legFailureRate: 0,
      apiKey: null,
      resetKey: null,
      timeoutMs: 1_000,
      redactor: new Redactor(),
      fetch: offline,
    });
    expect(w.engine.mode).toBe('paper');
    expect(w.api.modeReason).toMatch(/always paper/);
    await expect(w.readers.polymarket.listGames(['NBA'])).rejects.toThrow();
    await expect(w.readers.kalshi.listGames(['NBA'])).rejects.toThrow();
    expect(called.some((u) => u.startsWith(`${GAMMA_URL}/`))).toBe(true);
    expect(called.some((u) => u.startsWith(`${KALSHI_PRODUCTION_BASE_URL}/`))).toBe(true);
    expect(called.every((u) => u.startsWith('https://'))).toBe(true);
  });

  it('scales the book-age limit with --speed (age is measured on the simulated clock)', () => {
    const config = loadLocalConfig({ POLYMIX_MAX_BOOK_AGE_MS: '3000' });
    const clock = steppedRunClock(0);
    const w = wire({
      config,
      endpoints: marketEndpoints('live', config, null),
      store,
      clock,
      output: createOutput({ now: () => 0, write: () => undefined }),
      speed: 60,
      seed: 1,
      legFailureRate: 0,
      apiKey: null,
      resetKey: null,
      timeoutMs: 1_000,
      redactor: new Redactor(),
    });
    expect(w.engine.config.risk.maxBookAgeMs).toBe(180_000);
    expect(w.engine.config.rules.tail).toBe('accept-bounded'); // paper default (ADR 0004)
  });
});
