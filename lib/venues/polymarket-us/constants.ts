/**
 * Polymarket US: hosts, paths, headers, limits and enums in one place, each with its source
 * (docs/venues-polymarket-us.md). "Unverified" means no trade with real keys confirmed it.
 */
import type { League } from '../../core/market';

/** Public reads (docs/venues-polymarket-us.md#u-hosts). */
export const PMUS_GATEWAY_URL = 'https://gateway.polymarket.us';
/** Trading and account, signed (docs/venues-polymarket-us.md#u-hosts). */
export const PMUS_API_URL = 'https://api.polymarket.us';
/** WebSockets live on the API host (docs/venues-polymarket-us.md#u-stream); the stream uses `markets`. */
export const PMUS_WS_PATHS = { markets: '/v1/ws/markets', private: '/v1/ws/private' } as const;
/** The markets WebSocket, handshake signed like a `GET` of its path (docs/venues-polymarket-us.md#u-stream). */
export const PMUS_WS_URL = `wss://api.polymarket.us${PMUS_WS_PATHS.markets}`;
/** "You can subscribe to a maximum of 100 markets per subscription" (docs/venues-polymarket-us.md#u-stream). */
export const MAX_MARKETS_PER_SUBSCRIPTION = 100;

/**
 * League slugs of `GET /v2/leagues/{slug}/events` (docs/venues-polymarket-us.md#u-discovery: the
 * docs name `nfl`, `nba`, `mlb`; `nhl` is assumed by analogy and configurable). `ufc` is an
 * ASSUMPTION too: a recorded venue answer shows UFC moneylines `aec-ufc-…` whose sides' `team.league`
 * is `ufc`, where NFL sides say `nfl`, the documented slug (#u-discovery names the recording). A
 * league without a slug here is not listed on Polymarket US (configurable through `leagueSlugs`).
 */
export const DEFAULT_LEAGUE_SLUGS: Readonly<Partial<Record<League, string>>> = {
  NBA: 'nba',
  NFL: 'nfl',
  NHL: 'nhl',
  MLB: 'mlb',
  UFC: 'ufc',
};

const enc = encodeURIComponent;

/** Paths (docs/venues-polymarket-us.md#u-hosts; official SDK `polymarket-us` 0.1.1 `dist/index.js`). */
export const PATHS = {
  leagueEvents: (leagueSlug: string) => `/v2/leagues/${enc(leagueSlug)}/events`,
  marketBySlug: (slug: string) => `/v1/market/slug/${enc(slug)}`,
  book: (slug: string) => `/v1/markets/${enc(slug)}/book`,
  bbo: (slug: string) => `/v1/markets/${enc(slug)}/bbo`,
  settlement: (slug: string) => `/v1/markets/${enc(slug)}/settlement`,
  createOrder: '/v1/orders',
  order: (id: string) => `/v1/order/${enc(id)}`,
  cancelOrder: (id: string) => `/v1/order/${enc(id)}/cancel`,
  openOrders: '/v1/orders/open',
  previewOrder: '/v1/order/preview',
  balances: '/v1/account/balances',
  positions: '/v1/portfolio/positions',
  activities: '/v1/portfolio/activities',
} as const;

/** Labels that errors carry for the templated paths above. */
export const ENDPOINTS = {
  leagueEvents: 'GET /v2/leagues/{slug}/events',
  marketBySlug: 'GET /v1/market/slug/{slug}',
  book: 'GET /v1/markets/{slug}/book',
  settlement: 'GET /v1/markets/{slug}/settlement',
  createOrder: 'POST /v1/orders',
  order: 'GET /v1/order/{id}',
  cancelOrder: 'POST /v1/order/{id}/cancel',
  openOrders: 'GET /v1/orders/open',
  balances: 'GET /v1/account/balances',
  positions: 'GET /v1/portfolio/positions',
  activities: 'GET /v1/portfolio/activities',
} as const;

/** Auth headers (docs/venues-polymarket-us.md#u-auth). */
export const HEADER_KEY = 'X-PM-Access-Key';
export const HEADER_TIMESTAMP = 'X-PM-Timestamp';
export const HEADER_SIGNATURE = 'X-PM-Signature';
/** "Must be within 30 seconds of server time" (docs/venues-polymarket-us.md#u-auth). */
export const AUTH_WINDOW_MS = 30_000;

/**
 * "20 requests per second per API key across all endpoints", public reads "20 requests per second
 * per IP" (docs/venues-polymarket-us.md#u-rate-limits). We stay 10% under each: our two buckets on
 * the API host add up to 18/s, the gateway's is 18/s (requests sent evenly can still arrive bunched).
 */
export const API_READ_LIMIT = { ratePerSec: 11, burst: 11 } as const;
export const API_WRITE_LIMIT = { ratePerSec: 7, burst: 7 } as const;
export const GATEWAY_LIMIT = { ratePerSec: 18, burst: 18 } as const;
/** "Stop immediately, wait at least 1 second, then retry with exponential backoff" (#u-rate-limits). */
export const RATE_LIMIT_PAUSE_MS = 1_000;
export const RATE_LIMIT_PAUSE_MAX_MS = 30_000;

/** Price bounds of `price.value`: "between 0.01 and 0.99" (docs/venues-polymarket-us.md#u-orders). */
export const MIN_PRICE_MICROS = 10_000;
export const MAX_PRICE_MICROS = 990_000;

/** Page sizes: positions and activities "Default: 100" (docs/venues-polymarket-us.md#u-portfolio). */
export const EVENTS_PAGE_LIMIT = 100;
export const PORTFOLIO_PAGE_LIMIT = 100;
/** Stop paging after this many pages: a venue that never ends is a bug, not data. */
export const MAX_PAGES = 50;

/**
 * Synchronous execution: "block until the order is filled, rejected, canceled, or expired, up to
 * maxBlockTime seconds" (docs/venues-polymarket-us.md#u-orders). Our FOK/IOC settle at once; 5 s
 * leaves room under the client's order timeout.
 */
export const DEFAULT_MAX_BLOCK_SEC = 5;

/** After a placement whose outcome is unknown: how many times to look, and how far apart. */
export const DEFAULT_LOOKUP_ATTEMPTS = 3;
export const DEFAULT_LOOKUP_DELAY_MS = 500;
/**
 * A trade or order of ours is attributed to an unknown-outcome placement only if the venue stamped
 * it no earlier than the send time minus this: how far our clock may run AHEAD of the venue's. The
 * venue refuses requests more than 30 s off its clock; a synchronised host is within a second.
 */
export const DEFAULT_LOOKUP_CLOCK_SLACK_MS = 5_000;

/** Order intents (docs/venues-polymarket-us.md#u-orders). */
export const INTENTS = [
  'ORDER_INTENT_BUY_LONG',
  'ORDER_INTENT_SELL_LONG',
  'ORDER_INTENT_BUY_SHORT',
  'ORDER_INTENT_SELL_SHORT',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Order states (docs/venues-polymarket-us.md#u-orders). */
export const ORDER_STATES = [
  'ORDER_STATE_NEW',
  'ORDER_STATE_PENDING_NEW',
  'ORDER_STATE_PENDING_REPLACE',
  'ORDER_STATE_PENDING_CANCEL',
  'ORDER_STATE_PENDING_RISK',
  'ORDER_STATE_PARTIALLY_FILLED',
  'ORDER_STATE_FILLED',
  'ORDER_STATE_CANCELED',
  'ORDER_STATE_REPLACED',
  'ORDER_STATE_REJECTED',
  'ORDER_STATE_EXPIRED',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** Book `state` values (docs/venues-polymarket-us.md#u-market-states). */
export const MARKET_STATES = [
  'MARKET_STATE_OPEN',
  'MARKET_STATE_PREOPEN',
  'MARKET_STATE_SUSPENDED',
  'MARKET_STATE_HALTED',
  'MARKET_STATE_EXPIRED',
  'MARKET_STATE_TERMINATED',
  'MARKET_STATE_MATCH_AND_CLOSE_AUCTION',
] as const;
export type MarketState = (typeof MARKET_STATES)[number];

/**
 * Market `status` (docs/venues-polymarket-us.md#u-market-states): "Values may grow; treat
 * unrecognized values as MARKET_STATUS_UNSPECIFIED".
 */
export const MARKET_STATUSES = [
  'MARKET_STATUS_UNSPECIFIED',
  'MARKET_STATUS_OPEN',
  'MARKET_STATUS_CLOSED',
  'MARKET_STATUS_RESOLVING',
  'MARKET_STATUS_RESOLVED',
  'MARKET_STATUS_HALTED',
] as const;
export type MarketStatus = (typeof MARKET_STATUSES)[number];

/** `aec-{league}-{away}-{home}-{yyyy-mm-dd}`: a game's moneyline (docs/venues-polymarket-us.md#u-slugs). */
export const MONEYLINE_SLUG = /^aec-([a-z0-9]+)-([a-z0-9]+)-([a-z0-9]+)-(\d{4}-\d{2}-\d{2})$/;
