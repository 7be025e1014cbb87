/**
 * Polymarket constants in one place. Every value cites its entry in
 * docs/venues-polymarket.md ("Facts the code relies on"), which names the public source (vendor
 * sources it was read from).
 */
import type { League } from '../../core/market';
import type { PriceMicros } from '../../core/money';
import { POLYMARKET_PREFIX } from '../../core/teams';

/** Production hosts (docs/venues-polymarket.md#p1). Configurable: the same client talks to a simulator. */
export const GAMMA_URL = 'https://gamma-api.polymarket.com';
export const CLOB_URL = 'https://clob.polymarket.com';
export const DATA_URL = 'https://data-api.polymarket.com';
/** Market channel of the CLOB WebSocket (docs/venues-polymarket.md#p-stream). */
export const WS_MARKET_URL = 'wss://ws-subscriptions-clob.polymarket.com/ws/market';

/** Polygon mainnet (docs/venues-polymarket.md#p3, #p4). */
export const CHAIN_ID = 137;

/**
 * Every endpoint path, below its host's base URL (docs/venues-polymarket.md#p1, #p3, #p5, #p6). `ENDPOINTS` are the
 * names errors and metrics carry for the templated ones.
 */
export const PATHS = {
  /** Gamma: leagues → series ids (docs/venues-polymarket.md#p1-sports). */
  gammaSports: '/sports',
  /** Gamma: games of one series, keyset-paged (docs/venues-polymarket.md#p1-keyset). */
  gammaEventsKeyset: '/events/keyset',
  /** Gamma: markets by condition id, keyset-paged (docs/venues-polymarket.md#p1-keyset). */
  gammaMarketsKeyset: '/markets/keyset',
  /** CLOB: one market (resolution), books, orders, account. */
  clobMarket: (conditionId: string) => `/markets/${encodeURIComponent(conditionId)}`,
  books: '/books',
  order: '/order',
  dataOrder: (id: string) => `/data/order/${encodeURIComponent(id)}`,
  dataTrades: '/data/trades',
  balanceAllowance: '/balance-allowance',
  createApiKey: '/auth/api-key',
  deriveApiKey: '/auth/derive-api-key',
  /** Data API. v1 `/positions` is superseded (docs/venues-polymarket.md#p6-positions-v2). */
  positions: '/positions',
  positionsV2: '/v2/positions',
} as const;

/** Data API `/v2/positions` paging (docs/venues-polymarket.md#p6-positions-v2): rows a page, and a page cap. */
export const POSITIONS_PAGE = 100;
export const POSITIONS_MAX_PAGES = 50;

export const ENDPOINTS = {
  clobMarket: 'GET /markets/{condition_id}',
  dataOrder: 'GET /data/order/{id}',
} as const;

/** Contract addresses on Polygon 137 (docs/venues-polymarket.md#p4-addresses; clob-client-v2 `dist/config.js`). */
export const CONTRACTS = {
  /** CTF Exchange V2: binary markets, Gamma `version` "v1", not neg-risk. */
  exchangeV2: '0xE111180000d2663C0091e4f400237545B87B996B',
  /** Neg Risk Exchange V2: Gamma `version` "v1" with `negRisk: true`. */
  negRiskExchangeV2: '0xe2222d279d744050d28e00520010520000310F59',
  /** ExchangeV3: Protocol-V2 markets (Gamma `version` "v2"), EIP-712 domain version "3". */
  exchangeV3: '0xe3333700cA9d93003F00f0F71f8515005F6c00Aa',
  /** pUSD collateral, 6 decimals. */
  collateral: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
  conditionalTokens: '0x4D97DCd97eC945f40cF65F87097ACe5EA0476045',
  negRiskAdapter: '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296',
} as const;

/** EIP-712 domain of orders (docs/venues-polymarket.md#p4). The version depends on the exchange contract. */
export const EXCHANGE_DOMAIN_NAME = 'Polymarket CTF Exchange';
export const EXCHANGE_V2_DOMAIN_VERSION = '2';
export const EXCHANGE_V3_DOMAIN_VERSION = '3';

/** The V2 `Order` struct, field order matters for the type hash (docs/venues-polymarket.md#p4). */
export const ORDER_TYPES = {
  Order: [
    { name: 'salt', type: 'uint256' },
    { name: 'maker', type: 'address' },
    { name: 'signer', type: 'address' },
    { name: 'tokenId', type: 'uint256' },
    { name: 'makerAmount', type: 'uint256' },
    { name: 'takerAmount', type: 'uint256' },
    { name: 'side', type: 'uint8' },
    { name: 'signatureType', type: 'uint8' },
    { name: 'timestamp', type: 'uint256' },
    { name: 'metadata', type: 'bytes32' },
    { name: 'builder', type: 'bytes32' },
  ],
};

/**
 * ERC-7739 wrapper used by deposit wallets (signature type 3, docs/venues-polymarket.md#p4; clob-client-v2
 * `exchangeOrderBuilderV2.js`): the EOA signs `TypedDataSign{contents: Order, …}` under the
 * exchange domain, with the wallet named "DepositWallet" v"1".
 */
export const TYPED_DATA_SIGN_TYPES = {
  TypedDataSign: [
    { name: 'contents', type: 'Order' },
    { name: 'name', type: 'string' },
    { name: 'version', type: 'string' },
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' },
    { name: 'salt', type: 'bytes32' },
  ],
  Order: ORDER_TYPES.Order,
};
export const DEPOSIT_WALLET_NAME = 'DepositWallet';
export const DEPOSIT_WALLET_VERSION = '1';
export const ORDER_TYPE_STRING =
  'Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)';

export const BYTES32_ZERO = `0x${'0'.repeat(64)}`;

/** L1 auth (docs/venues-polymarket.md#p3). */
export const CLOB_AUTH_DOMAIN = { name: 'ClobAuthDomain', version: '1', chainId: CHAIN_ID } as const;
export const CLOB_AUTH_TYPES = {
  ClobAuth: [
    { name: 'address', type: 'address' },
    { name: 'timestamp', type: 'string' },
    { name: 'nonce', type: 'uint256' },
    { name: 'message', type: 'string' },
  ],
};
export const CLOB_AUTH_MESSAGE = 'This message attests that I control the given wallet';

/** Signature types (docs/venues-polymarket.md#p4). */
export const SIGNATURE_TYPES = { EOA: 0, POLY_PROXY: 1, POLY_GNOSIS_SAFE: 2, POLY_1271: 3 } as const;
export type SignatureType = (typeof SIGNATURE_TYPES)[keyof typeof SIGNATURE_TYPES];

/**
 * Tick sizes the V2 SDK supports, in price micros, and the decimals the SDK rounds to
 * (docs/venues-polymarket.md#p4-rounding; clob-client-v2 `roundingConfig.js`). With a price on the tick
 * and a size in centishares the products below never need the SDK's extra rounding branch:
 * price decimals + 2 size decimals ≤ amount decimals for every row.
 */
export const TICK_ROUNDING: Readonly<Record<number, { price: number; size: number; amount: number }>> = {
  100_000: { price: 1, size: 2, amount: 3 },
  10_000: { price: 2, size: 2, amount: 4 },
  5_000: { price: 3, size: 2, amount: 5 },
  2_500: { price: 4, size: 2, amount: 6 },
  1_000: { price: 3, size: 2, amount: 5 },
  100: { price: 4, size: 2, amount: 6 },
};
export function isSupportedTick(tickMicros: PriceMicros): boolean {
  return Object.prototype.hasOwnProperty.call(TICK_ROUNDING, tickMicros);
}

/** CLOB paging cursors (docs/venues-polymarket.md#p5). */
export const INITIAL_CURSOR = 'MA==';
export const END_CURSOR = 'LTE=';

/**
 * Rate limits (docs/venues-polymarket.md#p5-rate-limits), as tokens per second and burst. Cloudflare throttles
 * rather than rejects, so staying under them keeps latency predictable.
 */
export const RATE_LIMITS = {
  /** Gamma `/markets`: 300 / 10 s (the general Gamma limit, 4,000 / 10 s, is looser). */
  gammaMarkets: { ratePerSec: 30, burst: 30 },
  /** CLOB general: 9,000 / 10 s. */
  clobGeneral: { ratePerSec: 900, burst: 900 },
  /** `POST /books`: 500 / 10 s. */
  clobBooks: { ratePerSec: 50, burst: 50 },
  /** `/data/orders`, `/data/trades` (and `/data/order/{id}`, assumed the same class): 500 / 10 s. */
  clobData: { ratePerSec: 50, burst: 50 },
  /** `POST /order`: 3,500 / 10 s burst, 36,000 / 10 min sustained = 60 / s. */
  clobOrder: { ratePerSec: 60, burst: 350 },
  /** Data API: not in the P5 table; a conservative guess. */
  data: { ratePerSec: 10, burst: 10 },
} as const;

/** Token ids per `POST /books` call. The documented limit is unstated ("Payload exceeds the limit"). */
export const BOOKS_BATCH = 50;
/**
 * Gamma keyset paging (docs/venues-polymarket.md#p1-keyset, #p1-offset-sunset). Gamma clamps `limit` silently, so a
 * short page never means the end: only an absent `next_cursor` does. `/events/keyset` allows 500 events a page,
 * `/markets/keyset` 100 markets and 100 `condition_ids` a request.
 */
export const GAMMA_EVENTS_PAGE = 500;
export const GAMMA_MARKETS_PAGE = 100;
export const GAMMA_CONDITION_IDS_PER_REQUEST = 100;
/** Hard stop on pages per league (or per condition-id chunk); hitting it is a recorded error. */
export const GAMMA_MAX_PAGES = 20;
/** Tag of single games, as opposed to futures (docs/venues-polymarket.md#p1-sports). */
export const GAMMA_GAMES_TAG_ID = '100639';
/** `/sports` is re-read after this long: series ids change every season (docs/venues-polymarket.md#p1-sports). */
export const GAMMA_SPORTS_TTL_MS = 24 * 3_600_000;
/** `start_time_min` = now minus this: games that started up to this long ago are still listed (and may be live). */
export const GAMMA_START_LOOKBACK_MS = 6 * 3_600_000;

/**
 * `/sports` `sport` code of each league (docs/venues-polymarket.md#p1-sports): the league's slug
 * prefix (lib/core/leagues.ts). For the major leagues the code is the prefix; for the others that
 * is ASSUMED (their `/sports` rows were not read: docs/leagues.md#unverified, item 10), and a code
 * `/sports` does not list leaves the league out with a recorded problem.
 */
export const LEAGUE_SPORT_CODE: Readonly<Record<League, string>> = POLYMARKET_PREFIX;

/** League from an event/market slug prefix, e.g. `nba-nyk-sas-2026-06-03` (docs/venues-polymarket.md#p1). */
export const LEAGUE_SLUG_PREFIX: Readonly<Record<string, League>> = Object.fromEntries(
  (Object.entries(POLYMARKET_PREFIX) as Array<[League, string]>).map(([league, prefix]) => [prefix, league]),
);

/** Salt range: the SDK's salts are `round(random × Date.now())` < 2^41; ours stay below 2^40. */
export const SALT_BITS = 40n;
