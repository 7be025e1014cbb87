/** The stream URLs of the environment (docs/venues.md#streams): wss anywhere, ws only to this machine. */
import { ConfigError, loadConfig } from '../../../lib/config/env';

describe('POLYMARKET_WS_URL and KALSHI_WS_URL', () => {
  it('default to the venues and accept loopback ws for the simulators', () => {
    expect(loadConfig({}).urls).toMatchObject({
      polymarketWs: 'wss://ws-subscriptions-clob.polymarket.com/ws/market',
      kalshiWs: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2',
    });
    const local = loadConfig({
      POLYMARKET_WS_URL: 'ws://127.0.0.1:4011/ws/market',
      KALSHI_WS_URL: 'ws://localhost:4012/trade-api/ws/v2/',
    });
    expect(local.urls).toMatchObject({
      polymarketWs: 'ws://127.0.0.1:4011/ws/market',
      kalshiWs: 'ws://localhost:4012/trade-api/ws/v2',
    });
  });

  it.each([
    ['POLYMARKET_WS_URL', 'ws://example.com/ws/market'],
    ['KALSHI_WS_URL', 'https://external-api-ws.kalshi.com/trade-api/ws/v2'],
    ['KALSHI_WS_URL', 'wss://user:pw@external-api-ws.kalshi.com/trade-api/ws/v2'],
  ])('refuses %s=%s', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
  });
});
