import { loadConfig } from '../../../lib/config';
import { buildReadOnlyVenues, buildVenues } from '../../../lib/runtime/venues';
import { KalshiVenue } from '../../../lib/venues/kalshi';
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
