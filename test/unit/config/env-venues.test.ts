/** POLYMIX_VENUES and the Polymarket US hosts (docs/adr/0010-venue-pairs.md, docs/venues-polymarket-us.md#u-hosts). */
import { ConfigError, loadConfig } from '../../../lib/config/env';
import { parseVenuePair, VenuePairError, venuePairName } from '../../../lib/config/venue-pair';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('POLYMIX_VENUES', () => {
  it('defaults to Kalshi × Polymarket (international)', () => {
    expect(loadConfig({}).venues).toEqual({ kalshi: 'kalshi', polymarket: 'polymarket' });
    expect(loadConfig({ POLYMIX_VENUES: '' }).venues.polymarket).toBe('polymarket');
  });

  it.each([
    ['kalshi,polymarket-us', 'polymarket-us'],
    ['polymarket-us,kalshi', 'polymarket-us'],
    [' kalshi , polymarket-us ', 'polymarket-us'],
    ['Kalshi,Polymarket-US', 'polymarket-us'],
    ['polymarket,kalshi', 'polymarket'],
  ])('reads %j as the pair with %s', (raw, polymarket) => {
    const config = loadConfig({ POLYMIX_VENUES: raw });
    expect(config.venues).toEqual({ kalshi: 'kalshi', polymarket });
    expect(venuePairName(config.venues)).toBe(`kalshi,${polymarket}`);
  });

  it.each([
    ['kalshi', 'got 1 venue name, not 2'],
    ['polymarket,polymarket-us', 'got polymarket,polymarket-us'],
    ['kalshi,polymarket,polymarket-us', 'got 3 venue names, not 2'],
    ['kalshi,kalshi', 'got kalshi,kalshi'],
    ['kalshi,betfair', 'one name is not a venue'],
    ['kalshi;polymarket-us', 'one name is not a venue'],
  ])('refuses %j naming both accepted pairs', (raw, detail) => {
    const message = problemsOf({ POLYMIX_VENUES: raw });
    expect(message).toContain(
      'POLYMIX_VENUES: expected kalshi,polymarket or kalshi,polymarket-us (Kalshi and one Polymarket)',
    );
    expect(message).toContain(detail);
  });

  it('never quotes back a name it does not know when the value looks secret', () => {
    const pasted = `kalshi,${'ab12'.repeat(12)}`;
    const message = problemsOf({ POLYMIX_VENUES: pasted });
    expect(message).not.toContain('ab12ab12');
    expect(message).toContain('(hidden)');
    expect(() => parseVenuePair(pasted)).toThrow(VenuePairError);
    expect(() => parseVenuePair(pasted)).not.toThrow(/ab12/);
  });
});

describe('POLYMARKET_US_GATEWAY_URL, POLYMARKET_US_API_URL, POLYMARKET_US_WS_URL', () => {
  it("default to the venue's hosts and accept the local simulator's", () => {
    expect(loadConfig({}).urls).toMatchObject({
      polymarketUsGateway: 'https://gateway.polymarket.us',
      polymarketUsApi: 'https://api.polymarket.us',
      polymarketUsWs: 'wss://api.polymarket.us/v1/ws/markets',
    });
    const local = loadConfig({
      POLYMIX_VENUES: 'kalshi,polymarket-us',
      POLYMARKET_US_GATEWAY_URL: 'http://127.0.0.1:4021/',
      POLYMARKET_US_API_URL: 'http://localhost:4020',
      POLYMARKET_US_WS_URL: 'ws://127.0.0.1:4020/v1/ws/markets',
    });
    expect(local.urls).toMatchObject({
      polymarketUsGateway: 'http://127.0.0.1:4021',
      polymarketUsApi: 'http://localhost:4020',
      polymarketUsWs: 'ws://127.0.0.1:4020/v1/ws/markets',
    });
  });

  it.each([
    ['POLYMARKET_US_GATEWAY_URL', 'http://gateway.polymarket.us'],
    ['POLYMARKET_US_API_URL', 'https://user:pw@api.polymarket.us'],
    ['POLYMARKET_US_API_URL', 'not a url'],
    ['POLYMARKET_US_WS_URL', 'ws://api.polymarket.us/v1/ws/markets'],
    ['POLYMARKET_US_WS_URL', 'https://api.polymarket.us/v1/ws/markets'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(problemsOf({ [variable]: value })).toContain(`- ${variable}: expected`);
  });

  it('lists a bad pair and a bad host together', () => {
    const message = problemsOf({ POLYMIX_VENUES: 'kalshi', POLYMARKET_US_API_URL: 'ftp://api.polymarket.us' });
    expect(message).toContain('2 problems');
  });
});
