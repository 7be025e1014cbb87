/**
 * The two venue clients for a mode (DESIGN.md §6). Live: authenticated clients from the
 * secrets. Paper: read-only clients (no credentials at all, so no order can reach a venue)
 * wrapped in PaperVenue, which fills against the real book.
 */
import type { Config, Secrets } from '../config';
import type { VenueName } from '../core/market';
import type { TradingMode } from '../core/mode';
import type { Clock, Venue } from '../engine/ports';
import type { FetchFn } from '../venues/http';
import { createKalshiVenue } from '../venues/kalshi';
import { PaperVenue } from '../venues/paper';
import { createPolymarketVenue, type SignedOrderStore } from '../venues/polymarket';

export interface VenueWiring {
  /** Replaces global fetch (tests, simulators). */
  readonly fetch?: FetchFn;
  /** The clients' clock (book timestamps, rate limits, signatures): the engine's, in tests. */
  readonly clock?: Clock;
  /**
   * Where the live Polymarket client keeps signed orders by client order id. Lambda passes the
   * DynamoDB store so an order signed by a crashed container is found by the next one.
   */
  readonly polymarketOrderStore?: SignedOrderStore;
}

export function buildVenues(
  config: Pick<Config, 'urls' | 'initialBalanceMicros'>,
  mode: TradingMode,
  secrets: Secrets | null,
  wiring: VenueWiring = {},
): Record<VenueName, Venue> {
  const deps = { ...(wiring.fetch ? { fetch: wiring.fetch } : {}), ...(wiring.clock ? { clock: wiring.clock } : {}) };
  const hosts = {
    gammaUrl: config.urls.polymarketGamma,
    clobUrl: config.urls.polymarketClob,
    dataUrl: config.urls.polymarketData,
  };
  if (mode === 'live') {
    if (secrets === null) throw new Error('live mode without secrets'); // decideMode never allows it
    return {
      polymarket: createPolymarketVenue(
        {
          ...hosts,
          credentials: {
            privateKey: secrets.polymarketPrivateKey,
            apiKey: secrets.polymarketApiKey,
            secret: secrets.polymarketApiSecret,
            passphrase: secrets.polymarketApiPassphrase,
            funderAddress: secrets.polymarketFunderAddress,
            signatureType: secrets.polymarketSignatureType,
          },
        },
        wiring.polymarketOrderStore ? { ...deps, orderStore: wiring.polymarketOrderStore } : deps,
      ),
      kalshi: createKalshiVenue(
        {
          baseUrl: config.urls.kalshi,
          credentials: { keyId: secrets.kalshiKeyId, privateKeyPem: secrets.kalshiPrivateKeyPem },
        },
        deps,
      ),
    };
  }
  const paper = { startingBalanceMicros: config.initialBalanceMicros };
  return {
    polymarket: new PaperVenue(createPolymarketVenue(hosts, deps), paper),
    kalshi: new PaperVenue(createKalshiVenue({ baseUrl: config.urls.kalshi }, deps), paper),
  };
}
