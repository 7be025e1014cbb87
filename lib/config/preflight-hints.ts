/**
 * What preflight names when a venue check fails (docs/engine.md#preflight): the settings that
 * choose each venue's URL and the secret fields that hold its credentials, per slot of the
 * configured venue pair (lib/config/venue-pair.ts). Shared by the CLI, the preflight function
 * (lib/runtime/preflight.ts) and `POST /trading/preflight`.
 */
import type { PairVenue, PolymarketSideVenue } from '../core/market';
import { DEFAULT_VENUE_PAIR, type VenuePair } from './venue-pair';

interface VenueHint {
  readonly urlSetting: string;
  readonly credentials: string;
}

const KALSHI_HINT: VenueHint = {
  urlSetting: 'KALSHI_API_URL',
  credentials: 'kalshiKeyId and kalshiPrivateKeyPem in the secret',
};

/** The hints of each venue that can hold the `polymarket` slot. */
const POLYMARKET_SIDE_HINTS: Readonly<Record<PolymarketSideVenue, VenueHint>> = {
  polymarket: {
    urlSetting: 'POLYMARKET_CLOB_URL / POLYMARKET_GAMMA_URL',
    credentials:
      'polymarketPrivateKey, polymarketApiKey, polymarketApiSecret, polymarketApiPassphrase, polymarketFunderAddress and polymarketSignatureType in the secret',
  },
  'polymarket-us': {
    urlSetting: 'POLYMARKET_US_API_URL / POLYMARKET_US_GATEWAY_URL',
    credentials: 'polymarketUsKeyId and polymarketUsSecretKey in the secret',
  },
};

/** The hints per slot of a pair. */
export function preflightVenueHints(pair: VenuePair): Readonly<Record<PairVenue, VenueHint>> {
  return { kalshi: KALSHI_HINT, polymarket: POLYMARKET_SIDE_HINTS[pair.polymarket] };
}

/** The hints of the default pair, Kalshi × Polymarket. */
export const PREFLIGHT_VENUE_HINTS = preflightVenueHints(DEFAULT_VENUE_PAIR);
