/**
 * The two venue clients for a mode (docs/engine.md), for the configured pair
 * (POLYMIX_VENUES, docs/adr/0010-venue-pairs.md): Kalshi in the `kalshi` slot, Polymarket or
 * Polymarket US in the `polymarket` slot. Live: authenticated clients from the secrets. Paper:
 * read-only clients (no credentials at all, so no order can reach a venue) wrapped in PaperVenue,
 * which fills against the real book.
 *
 * The one place that chooses and wires venue clients: each is built by its venue's factory
 * (`createKalshiVenue`, `createPolymarketVenue`, `createPolymarketUsVenue` in
 * lib/venues/<venue>/client.ts). The local runner takes its read-only clients from
 * `buildReadOnlyVenues` too.
 */
import {
  type Config,
  DEFAULT_VENUE_PAIR,
  polymarketSecretsOf,
  polymarketUsSecretsOf,
  type Secrets,
  type VenuePair,
} from '../config';
import type { PairVenue } from '../core/market';
import type { TradingMode } from '../core/mode';
import type { BookStream, Clock, Venue } from '../engine/ports';
import type { FetchFn } from '../venues/http';
import { createKalshiVenue, type KalshiCredentials } from '../venues/kalshi';
import { PaperVenue } from '../venues/paper';
import { createPolymarketVenue, type SignedOrderStore } from '../venues/polymarket';
import { createPolymarketUsVenue, type PlacementStore, type PolymarketUsCredentials } from '../venues/polymarket-us';
import type { StreamTimers } from '../venues/stream';

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
  /**
   * Where the live Polymarket US client records placements before sending them
   * (lib/venues/polymarket-us/placements.ts). Lambda passes the DynamoDB store
   * (lib/store/placements.ts) so a placement whose answer was lost is looked up, never resent, by
   * the next container; in memory when unset (the read-only clients of paper mode never place).
   */
  readonly polymarketUsPlacements?: PlacementStore;
  /** The stream clients' timers (heartbeats, watchdogs, backoff); Node's by default. The local runner's follow its clock. */
  readonly streamTimers?: StreamTimers;
}

/** Venue hosts, as the configuration holds them (the geoblock answer is preflight's only). */
export type VenueUrls = Omit<Config['urls'], 'polymarketGeoblock'>;

/** How the Kalshi client paces itself, as the configuration holds it (unset: the Basic tier's budgets). */
export type KalshiPacing = Config['kalshi'];

/** Read-only clients for every venue: no credentials at all, so no order can reach a venue. */
export function buildReadOnlyVenues(
  urls: VenueUrls,
  wiring: Pick<VenueWiring, 'fetch' | 'clock' | 'streamTimers'> = {},
  options: {
    readonly timeoutMs?: number;
    readonly kalshi?: KalshiPacing;
    /**
     * A Kalshi key that signs the order-book WebSocket handshake only (Kalshi signs every stream):
     * the client stays read-only. Without it the Kalshi stream reports `no-credentials` and the
     * engine polls Kalshi's books.
     */
    readonly kalshiStreamKey?: KalshiCredentials;
    /** The pair (default Kalshi × Polymarket): which Polymarket client fills the `polymarket` slot. */
    readonly venues?: VenuePair;
    /**
     * A Polymarket US key that signs the markets WebSocket handshake only (the venue signs every
     * WebSocket, docs/venues-polymarket-us.md#u-stream): the client stays read-only. Without it
     * the stream reports `no-credentials` and the engine polls Polymarket US's books.
     */
    readonly polymarketUsStreamKey?: PolymarketUsCredentials;
  } = {},
): Record<PairVenue, Venue> {
  const deps = depsOf(wiring);
  const timeout = options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
  const pair = options.venues ?? DEFAULT_VENUE_PAIR;
  return {
    polymarket:
      pair.polymarket === 'polymarket-us'
        ? createPolymarketUsVenue(
            {
              ...polymarketUsHosts(urls),
              // Public reads only (the API host serves this client's stream, never an order).
              ...(options.timeoutMs !== undefined ? { gatewayTimeoutMs: options.timeoutMs } : {}),
              ...(options.polymarketUsStreamKey ? { streamCredentials: options.polymarketUsStreamKey } : {}),
            },
            deps,
          )
        : createPolymarketVenue({ ...polymarketHosts(urls), ...timeout }, deps),
    kalshi: createKalshiVenue(
      {
        baseUrl: urls.kalshi,
        ...kalshiWs(urls),
        ...pacingOf(options.kalshi),
        ...timeout,
        ...(options.kalshiStreamKey ? { streamCredentials: options.kalshiStreamKey } : {}),
      },
      deps,
    ),
  };
}

/** The tier and endpoint costs for `KalshiConfig` (docs/venues-kalshi.md#k6-costs). */
function pacingOf(pacing: KalshiPacing | undefined) {
  return pacing ? { tier: pacing.tier, endpointCosts: { ...pacing.endpointCosts } } : {};
}

function depsOf(wiring: Pick<VenueWiring, 'fetch' | 'clock' | 'streamTimers'>): {
  fetch?: FetchFn;
  clock?: Clock;
  streamTimers?: StreamTimers;
} {
  return {
    ...(wiring.fetch ? { fetch: wiring.fetch } : {}),
    ...(wiring.clock ? { clock: wiring.clock } : {}),
    ...(wiring.streamTimers ? { streamTimers: wiring.streamTimers } : {}),
  };
}

function polymarketHosts(urls: VenueUrls) {
  return {
    gammaUrl: urls.polymarketGamma,
    clobUrl: urls.polymarketClob,
    dataUrl: urls.polymarketData,
    ...(urls.polymarketWs ? { wsUrl: urls.polymarketWs } : {}),
  };
}

function polymarketUsHosts(urls: VenueUrls) {
  return {
    ...(urls.polymarketUsGateway ? { gatewayUrl: urls.polymarketUsGateway } : {}),
    ...(urls.polymarketUsApi ? { apiUrl: urls.polymarketUsApi } : {}),
    ...(urls.polymarketUsWs ? { wsUrl: urls.polymarketUsWs } : {}),
  };
}

/** The Polymarket US key of a secret, in the client's credentials shape. */
function polymarketUsKeyOf(secrets: Secrets): PolymarketUsCredentials {
  const us = polymarketUsSecretsOf(secrets);
  return { keyId: us.polymarketUsKeyId, secretKey: us.polymarketUsSecretKey };
}

function kalshiWs(urls: VenueUrls) {
  return urls.kalshiWs ? { wsUrl: urls.kalshiWs } : {};
}

export function buildVenues(
  config: Pick<Config, 'urls' | 'initialBalanceMicros'> & Partial<Pick<Config, 'kalshi' | 'venues'>>,
  mode: TradingMode,
  secrets: Secrets | null,
  wiring: VenueWiring = {},
): Record<PairVenue, Venue> {
  return buildTradingVenues(config, mode, secrets, wiring).venues;
}

/** Where each venue's book stream is opened (EngineDeps.bookStreams), for the venues that offer one. */
export type BookStreamSources = Partial<Record<PairVenue, () => BookStream>>;

/** The stream opener of each venue that offers one (`Venue.openBookStream`). */
export function bookStreamsOf(readers: Readonly<Record<PairVenue, Venue>>): BookStreamSources {
  const out: BookStreamSources = {};
  for (const name of ['polymarket', 'kalshi'] as const) {
    const venue = readers[name];
    const open = venue.openBookStream;
    if (open) out[name] = () => open.call(venue);
  }
  return out;
}

/**
 * The venues for a mode and where their book streams come from (docs/engine.md#streaming): the
 * reading client's own streams, so a paper PaperVenue streams the books of the read-only client
 * it fills against.
 */
export function buildTradingVenues(
  config: Pick<Config, 'urls' | 'initialBalanceMicros'> & Partial<Pick<Config, 'kalshi' | 'venues'>>,
  mode: TradingMode,
  secrets: Secrets | null,
  wiring: VenueWiring = {},
): { venues: Record<PairVenue, Venue>; bookStreams: BookStreamSources } {
  if (mode === 'live') {
    if (secrets === null) throw new Error('live mode without secrets'); // decideMode never allows it
    const deps = depsOf(wiring);
    const venues = {
      polymarket: livePolymarketSlot(config, secrets, wiring),
      kalshi: createKalshiVenue(
        {
          baseUrl: config.urls.kalshi,
          ...kalshiWs(config.urls),
          ...pacingOf(config.kalshi),
          credentials: { keyId: secrets.kalshiKeyId, privateKeyPem: secrets.kalshiPrivateKeyPem },
        },
        deps,
      ),
    };
    return { venues, bookStreams: bookStreamsOf(venues) };
  }
  const paper = { startingBalanceMicros: config.initialBalanceMicros };
  const pair = config.venues ?? DEFAULT_VENUE_PAIR;
  // Paper with keys at hand: the keys sign the stream handshakes only (the clients stay read-only).
  const readers = buildReadOnlyVenues(config.urls, wiring, {
    venues: pair,
    ...(config.kalshi ? { kalshi: config.kalshi } : {}),
    ...(secrets ? { kalshiStreamKey: { keyId: secrets.kalshiKeyId, privateKeyPem: secrets.kalshiPrivateKeyPem } } : {}),
    ...(secrets && pair.polymarket === 'polymarket-us' && secrets.polymarketUsKeyId !== undefined
      ? { polymarketUsStreamKey: polymarketUsKeyOf(secrets) }
      : {}),
  });
  return {
    venues: {
      polymarket: new PaperVenue(readers.polymarket, paper),
      kalshi: new PaperVenue(readers.kalshi, paper),
    },
    bookStreams: bookStreamsOf(readers),
  };
}

/** The live client of the pair's `polymarket` slot, with the secret's keys for that venue. */
function livePolymarketSlot(
  config: Pick<Config, 'urls'> & Partial<Pick<Config, 'venues'>>,
  secrets: Secrets,
  wiring: VenueWiring,
): Venue {
  const deps = depsOf(wiring);
  if ((config.venues ?? DEFAULT_VENUE_PAIR).polymarket === 'polymarket-us') {
    return createPolymarketUsVenue(
      { ...polymarketUsHosts(config.urls), credentials: polymarketUsKeyOf(secrets) },
      wiring.polymarketUsPlacements ? { ...deps, placements: wiring.polymarketUsPlacements } : deps,
    );
  }
  const pm = polymarketSecretsOf(secrets);
  return createPolymarketVenue(
    {
      ...polymarketHosts(config.urls),
      ...(config.urls.polymarketGeoblock ? { geoblockUrl: config.urls.polymarketGeoblock } : {}),
      credentials: {
        privateKey: pm.polymarketPrivateKey,
        apiKey: pm.polymarketApiKey,
        secret: pm.polymarketApiSecret,
        passphrase: pm.polymarketApiPassphrase,
        funderAddress: pm.polymarketFunderAddress,
        signatureType: pm.polymarketSignatureType,
      },
    },
    wiring.polymarketOrderStore ? { ...deps, orderStore: wiring.polymarketOrderStore } : deps,
  );
}
