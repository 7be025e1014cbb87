/**
 * Kalshi trade API v2: hosts, paths, limits and series tickers in one place (each value with its source).
 * Every value names where it comes from; "unverified" means no trade with real keys confirmed it.
 */
import type { League } from '../../core/market';
import { KALSHI_GAME_SERIES } from '../../core/teams';

/** Production REST root (docs/venues-kalshi.md#k1: docs.kalshi.com/getting_started/api_environments). */
export const KALSHI_PRODUCTION_BASE_URL = 'https://external-api.kalshi.com/trade-api/v2';
/** Demo environment, keys are per environment (docs/venues-kalshi.md#k1). */
export const KALSHI_DEMO_BASE_URL = 'https://external-api.demo.kalshi.co/trade-api/v2';
/** Dedicated WebSocket hosts (docs/venues-kalshi.md#k-stream). */
export const KALSHI_WS_URL = 'wss://external-api-ws.kalshi.com/trade-api/ws/v2';
export const KALSHI_DEMO_WS_URL = 'wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2';

/**
 * Game-winner series per league, from the league catalogue (lib/core/leagues.ts; each series'
 * grade and source in docs/leagues.md). The major leagues' were seen in many third-party
 * codebases, not confirmed against Kalshi's own docs (docs/venues-kalshi.md#k1): configurable
 * through `KalshiConfig.seriesTickers`.
 */
export const DEFAULT_SERIES_TICKERS: Readonly<Record<League, string>> = KALSHI_GAME_SERIES;

/** Paths below the base URL (kalshi-typescript 3.30.0 `api/*.ts`, docs/venues-kalshi.md#k1 to #k4). */
export const PATHS = {
  series: (seriesTicker: string) => `/series/${encodeURIComponent(seriesTicker)}`,
  events: '/events',
  markets: '/markets',
  market: (ticker: string) => `/markets/${encodeURIComponent(ticker)}`,
  historicalMarket: (ticker: string) => `/historical/markets/${encodeURIComponent(ticker)}`,
  orderbook: (ticker: string) => `/markets/${encodeURIComponent(ticker)}/orderbook`,
  orderbooks: '/markets/orderbooks',
  createOrder: '/portfolio/events/orders',
  cancelOrder: (orderId: string) => `/portfolio/events/orders/${encodeURIComponent(orderId)}`,
  order: (orderId: string) => `/portfolio/orders/${encodeURIComponent(orderId)}`,
  orders: '/portfolio/orders',
  fills: '/portfolio/fills',
  positions: '/portfolio/positions',
  balance: '/portfolio/balance',
  settlements: '/portfolio/settlements',
} as const;

/** Names that errors and metrics carry for the templated paths above. */
export const ENDPOINTS = {
  series: 'GET /series/{ticker}',
  market: 'GET /markets/{ticker}',
  historicalMarket: 'GET /historical/markets/{ticker}',
  orderbook: 'GET /markets/{ticker}/orderbook',
  cancelOrder: 'DELETE /portfolio/events/orders/{id}',
  order: 'GET /portfolio/orders/{id}',
} as const;

/** Auth headers (docs/venues-kalshi.md#k3, kalshi-typescript 3.30.0 `auth.ts`). */
export const HEADER_KEY = 'KALSHI-ACCESS-KEY';
export const HEADER_TIMESTAMP = 'KALSHI-ACCESS-TIMESTAMP';
export const HEADER_SIGNATURE = 'KALSHI-ACCESS-SIGNATURE';
/** RSA-PSS salt length = SHA-256 digest length (docs/venues-kalshi.md#k3). */
export const PSS_SALT_LENGTH = 32;

/**
 * Rate limits are token buckets, reads and writes apart; per-second budgets in tokens per tier
 * (docs/venues-kalshi.md#k6-costs: docs.kalshi.com/getting_started/rate_limits). A default request
 * costs 10 tokens, so Basic is 20 reads/s and 10 writes/s. Our buckets hold one second of budget
 * (the venue's write bucket holds two: we stay under it).
 */
export const KALSHI_TIERS = {
  basic: { read: 200, write: 100 },
  advanced: { read: 300, write: 300 },
  premier: { read: 1_000, write: 1_000 },
  paragon: { read: 2_000, write: 2_000 },
  prime: { read: 4_000, write: 4_000 },
} as const;
export type KalshiTier = keyof typeof KALSHI_TIERS;
export const KALSHI_TIER_NAMES = Object.keys(KALSHI_TIERS) as [KalshiTier, ...KalshiTier[]];

/** "Most requests cost the default of 10 tokens" (docs/venues-kalshi.md#k6-costs). */
export const DEFAULT_REQUEST_COST = 10;
/**
 * Known costs per endpoint label (`METHOD /path` with `{param}` templates, as `ENDPOINTS` names them).
 * Kalshi lists the non-default ones at `GET /account/endpoint_costs`; the ones it says are cheaper
 * (cancels, single-order reads) carry no published number, so they stay at the default: paying
 * too much only paces us slower. Override with `KalshiConfig.endpointCosts`.
 */
export const KNOWN_ENDPOINT_COSTS: Readonly<Record<string, number>> = {};
/**
 * "Batch endpoints don't save tokens: every item in the batch is billed separately"
 * (docs/venues-kalshi.md#k6-costs). Whether the multi-ticker book read counts as a batch is
 * unverified; we assume it does (cost × tickers), which is the safe side.
 */
export const PER_ITEM_ENDPOINTS: ReadonlySet<string> = new Set(['GET /markets/orderbooks']);

/** `GET /markets/orderbooks` max ticker count is unverified (docs/venues-kalshi.md#k2): stay small. */
export const DEFAULT_ORDERBOOK_CHUNK = 20;
/** `GET /markets?tickers=` is a comma-separated list; keep it short like the books. */
export const DEFAULT_MARKETS_CHUNK = 20;
/** Page sizes: events max 200, orders/fills/positions default 100 (kalshi-typescript docs). */
export const EVENTS_PAGE_LIMIT = 200;
export const PORTFOLIO_PAGE_LIMIT = 200;
/** Stop paginating after this many pages: a venue that never ends its cursor is a bug, not data. */
export const MAX_PAGES = 50;

/** `price_level_structure: linear_cent` means $0.01 ticks (docs/venues-kalshi.md#k1). */
export const LINEAR_CENT = 'linear_cent';
export const LINEAR_CENT_TICK_MICROS = 10_000;

/**
 * Fractional counts exist only "on markets with fractional trading enabled"; markets say so in
 * `fractional_trading_enabled` (docs/venues-kalshi.md#k1-fractional). Where a market does not
 * say: whole contracts, configurable.
 */
export const DEFAULT_COUNT_STEP_CENTI = 100;
/** One contract in centishares: a count every market takes (docs/venues-kalshi.md#k1-fractional). */
export const WHOLE_CONTRACT_CENTI = 100;

/** `taker_at_cross` cancels our taker order rather than trading with ourselves (docs/venues-kalshi.md#k4). */
export const SELF_TRADE_PREVENTION = 'taker_at_cross';

/** After a placement whose outcome is unknown: how many times to look for it, and how far apart. */
export const DEFAULT_LOOKUP_ATTEMPTS = 3;
export const DEFAULT_LOOKUP_DELAY_MS = 300;

/** Milestone types that carry a game's scheduled start (kalshi-typescript `Milestone.type`). */
export const GAME_MILESTONE_TYPES: ReadonlySet<string> = new Set([
  'basketball_game',
  'football_game',
  'hockey_match',
  'hockey_game',
  'baseball_game',
]);
