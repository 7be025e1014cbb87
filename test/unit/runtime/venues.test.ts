import { loadConfig, parseSecrets } from '../../../lib/config';
import { buildReadOnlyVenues, buildTradingVenues, buildVenues } from '../../../lib/runtime/venues';
import { KalshiVenue } from '../../../lib/venues/kalshi';
import { PaperVenue } from '../../../lib/venues/paper';
import { PolymarketVenue } from '../../../lib/venues/polymarket';
import { PolymarketUsVenue } from '../../../lib/venues/polymarket-us';
import { polymarketUsKey } from '../config/fixtures';
import { SECRETS } from './secrets-fixture';

function kalshiOf(venues: { kalshi: unknown }): KalshiVenue {
  expect(venues.kalshi).toBeInstanceOf(KalshiVenue);
  return venues.kalshi as KalshiVenue;
}

describe('the Kalshi client paces by the configured tier (docs/venues-kalshi.md#k6-costs)', () => {
  const config = loadConfig({
    POLYMIX_KALSHI_TIER: 'premier',
    POLYMIX_KALSHI_ENDPOINT_COSTS: '{"GET /markets/orderbooks": 20}',
  });

  it('unset: the Basic budgets (200 read / 100 write tokens a second) and the default cost', () => {
    const pacing = kalshiOf(buildReadOnlyVenues(loadConfig({}).urls)).pacing;
    expect(pacing).toEqual({
      tier: 'basic',
      readLimit: { ratePerSec: 200, burst: 200 },
      writeLimit: { ratePerSec: 100, burst: 100 },
      endpointCosts: {},
      defaultCost: 10,
    });
  });

  it('read-only clients take the tier and the endpoint costs from the configuration', () => {
    const pacing = kalshiOf(buildReadOnlyVenues(config.urls, {}, { kalshi: config.kalshi })).pacing;
    expect(pacing).toMatchObject({
      tier: 'premier',
      readLimit: { ratePerSec: 1_000, burst: 1_000 },
      writeLimit: { ratePerSec: 1_000, burst: 1_000 },
      endpointCosts: { 'GET /markets/orderbooks': 20 },
    });
  });

  it('live clients do too', () => {
    const pacing = kalshiOf(buildVenues(config, 'live', SECRETS)).pacing;
    expect(pacing.tier).toBe('premier');
    expect(pacing.readLimit).toEqual({ ratePerSec: 1_000, burst: 1_000 });
    expect(pacing.endpointCosts).toEqual({ 'GET /markets/orderbooks': 20 });
  });
});

describe('the configured pair fills the polymarket slot (POLYMIX_VENUES, docs/adr/0010-venue-pairs.md)', () => {
  const us = loadConfig({
    POLYMIX_VENUES: 'kalshi,polymarket-us',
    POLYMARKET_US_GATEWAY_URL: 'http://127.0.0.1:4021',
    POLYMARKET_US_API_URL: 'http://127.0.0.1:4020',
    POLYMARKET_US_WS_URL: 'ws://127.0.0.1:4020/v1/ws/markets',
  });
  const usKey = polymarketUsKey();
  const usSecrets = parseSecrets(
    {
      kalshiKeyId: SECRETS.kalshiKeyId,
      kalshiPrivateKeyPem: SECRETS.kalshiPrivateKeyPem,
      resetKey: SECRETS.resetKey,
      polymarketUsKeyId: usKey.keyId,
      polymarketUsSecretKey: usKey.secretKey,
    },
    us.venues,
  );

  it('by default: Polymarket (international)', () => {
    expect(buildReadOnlyVenues(loadConfig({}).urls).polymarket).toBeInstanceOf(PolymarketVenue);
    expect(buildVenues(loadConfig({}), 'live', parseSecrets(SECRETS)).polymarket).toBeInstanceOf(PolymarketVenue);
  });

  it("live on kalshi,polymarket-us: the Polymarket US client with the secret's key, on the configured hosts", () => {
    const { venues, bookStreams } = buildTradingVenues(us, 'live', usSecrets);
    expect(venues.polymarket).toBeInstanceOf(PolymarketUsVenue);
    const client = venues.polymarket as PolymarketUsVenue;
    expect(client.authenticated).toBe(true);
    expect(client.toJSON()).toEqual({
      venue: 'polymarket-us',
      gatewayUrl: 'http://127.0.0.1:4021',
      apiUrl: 'http://127.0.0.1:4020',
      wsUrl: 'ws://127.0.0.1:4020/v1/ws/markets',
      authenticated: true,
    });
    expect(Object.keys(bookStreams).sort()).toEqual(['kalshi', 'polymarket']);
    expect(JSON.stringify(venues)).not.toContain(usKey.secretKey.slice(0, 12));
  });

  it('paper on kalshi,polymarket-us: a PaperVenue over the read-only Polymarket US client, which streams', () => {
    const { venues, bookStreams } = buildTradingVenues(us, 'paper', null);
    expect(venues.polymarket).toBeInstanceOf(PaperVenue);
    expect(venues.polymarket.name).toBe('polymarket-us');
    const readers = buildReadOnlyVenues(us.urls, {}, { venues: us.venues });
    expect(readers.polymarket).toBeInstanceOf(PolymarketUsVenue);
    expect((readers.polymarket as PolymarketUsVenue).authenticated).toBe(false);
    expect(bookStreams.polymarket).toBeDefined();
  });

  it('refuses to build live Polymarket US without its keys, naming the fields only', () => {
    expect(() => buildVenues(us, 'live', parseSecrets(SECRETS))).toThrow(
      'Invalid secrets: polymarketUsKeyId: missing; polymarketUsSecretKey: missing',
    );
    expect(() => buildVenues(loadConfig({}), 'live', usSecrets)).toThrow('polymarketPrivateKey: missing');
  });
});
