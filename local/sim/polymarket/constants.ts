/**
 * Protocol constants of the Polymarket simulator, written from docs/venues-polymarket.md#p1 to #p7 (not from our
 * client code, so the two check each other). Messages marked "unverified" are our best guess
 * of the venue's wording; the shape (`{error}` with HTTP 400/401) follows
 * docs.polymarket.com/resources/error-codes.
 */
import { LEAGUE_CATALOGUE, LEAGUE_IDS } from '../../../lib/core/leagues';
import type { PolymarketSimLeague } from '../control';

export const CHAIN_ID = 137;

/** docs/venues-polymarket.md#p4: verifyingContract per exchange (Polygon). */
export const EXCHANGES = {
  ctfV2: '0xE111180000d2663C0091e4f400237545B87B996B',
  negRiskV2: '0xe2222d279d744050d28e00520010520000310F59',
  v3: '0xe3333700cA9d93003F00f0F71f8515005F6c00Aa',
  ctfV1: '0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E',
  negRiskV1: '0xC5d563A36AE78145C45a50134d48A1215220f80a',
} as const;

export const NEG_RISK_ADAPTER = '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296';
export const PUSD = '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB';

export const ORDER_DOMAIN_NAME = 'Polymarket CTF Exchange';
export const ORDER_DOMAIN_VERSION = '2';

/** docs/venues-polymarket.md#p4: the 11-field V2 Order struct. */
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

/** docs/venues-polymarket.md#p3: L1 "ClobAuth" typed data. */
export const CLOB_AUTH_DOMAIN = { name: 'ClobAuthDomain', version: '1', chainId: CHAIN_ID };
export const CLOB_AUTH_TYPES = {
  ClobAuth: [
    { name: 'address', type: 'address' },
    { name: 'timestamp', type: 'string' },
    { name: 'nonce', type: 'uint256' },
    { name: 'message', type: 'string' },
  ],
};
export const CLOB_AUTH_MESSAGE = 'This message attests that I control the given wallet';

/** Cursors of paginated CLOB lists (docs/venues-polymarket.md#p5): base64 of "0" and of "-1". */
export const INITIAL_CURSOR = 'MA==';
export const END_CURSOR = 'LTE=';

export const ZERO_BYTES32 = `0x${'0'.repeat(64)}`;
/** On-chain uint256 max: what an unlimited ERC-20 approval reads as. */
export const MAX_ALLOWANCE = ((1n << 256n) - 1n).toString();

/** Error texts of the venue (docs/venues-polymarket.md#p5 and the venue's error-code page). */
export const ERR = {
  invalidApiKey: 'Unauthorized/Invalid api key',
  invalidL1: 'Invalid L1 Request headers',
  couldNotCreateKey: 'Could not create api key',
  /** unverified wording */
  couldNotDeriveKey: 'Could not derive api key!',
  invalidPayload: 'Invalid order payload',
  invalidSignature: 'invalid signature',
  versionMismatch: 'order_version_mismatch',
  signerNotKey: 'the order signer address has to be the address of the API KEY',
  ownerNotKey: 'the order owner has to be the owner of the API KEY',
  notEnoughBalance: 'not enough balance / allowance',
  fokNotFilled: "order couldn't be fully filled. FOK orders are fully filled or killed.",
  fakNotFilled:
    'no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.',
  invalidExpiration: 'invalid expiration',
  /** unverified wording */
  invalidTimestamp: 'invalid order timestamp',
  /** unverified wording */
  marketClosed: 'the market is not accepting orders',
  invalidTokenId: 'Invalid token id',
  noOrderbook: 'No orderbook exists for the requested token id',
  invalidBooksPayload: 'Invalid payload',
  duplicated: (orderId: string) => `order ${orderId} is invalid. Duplicated.`,
  tick: (price: string, tick: string) => `Price (${price}) breaks minimum tick size rule: ${tick}`,
  minSize: (size: string, min: string) => `Size (${size}) lower than the minimum: ${min}`,
  tooManyRequests: 'Too Many Requests',
  /** From the official clients' issue trackers (py-clob-client #121, rs-clob-client #164); not in the docs. */
  marketPrecision: (side: 'buy' | 'sell') =>
    `invalid amounts, the market ${side} orders maker amount supports a max accuracy of 2 decimals, taker amount a max of 4 decimals`,
  /** docs/venues-polymarket.md#p5-minimums: the venue's words (third-party captures), `$` + the maker amount. */
  marketableBuyMin: (amount: string) => `invalid amount for a marketable BUY order ($${amount}), min size: $1`,
  /**
   * docs/venues-polymarket.md#p5-minimums: a FOK/FAK SELL under $1 is refused on a third-party
   * source only ("any FOK/FAK order"); the wording is ours, modelled on the BUY message (unverified).
   */
  marketableSellMin: (amount: string) => `invalid amount for a marketable SELL order ($${amount}), min size: $1`,
  /** unverified wording */
  orderNotFound: 'Order not found',
} as const;

/** Default HTTP error bodies for injected `error` faults, by status. */
export const FAULT_ERROR_TEXT: Readonly<Record<number, string>> = {
  425: 'The matching engine is restarting',
  429: ERR.tooManyRequests,
  503: 'Trading is currently disabled. Check polymarket.com for updates',
};

/**
 * Gamma taxonomy per league, served consistently by `/sports`, `/events*` and `/markets*`
 * (docs/venues-polymarket.md#p1-sports). The venue's series ids change every season; these are the simulator's
 * own, deliberately unlike any league name, tag id or real id, so a client that hard-codes ids or confuses
 * them with tags finds nothing. `PolymarketSimState.newSeason` changes them at run time.
 * Tag 1 is the generic "Sports" tag; tag 100639 marks single games (as opposed to futures).
 */
export const SPORTS_TAG = { id: '1', label: 'Sports', slug: 'sports' } as const;
export const GAMES_TAG = { id: '100639', label: 'Games', slug: 'games' } as const;
export const LEAGUE_GAMMA: Readonly<
  Record<
    PolymarketSimLeague,
    { sport: string; tagId: string; seriesId: string; seriesSlug: string; resolution: string }
  >
> = {
  NBA: { sport: 'nba', tagId: '745', seriesId: '70421', seriesSlug: 'nba-2026', resolution: 'https://www.nba.com/' },
  NFL: { sport: 'nfl', tagId: '450', seriesId: '70433', seriesSlug: 'nfl-2026', resolution: 'https://www.nfl.com/' },
  NHL: { sport: 'nhl', tagId: '899', seriesId: '70447', seriesSlug: 'nhl-2026', resolution: 'https://www.nhl.com/' },
  MLB: { sport: 'mlb', tagId: '100381', seriesId: '70459', seriesSlug: 'mlb-2026', resolution: 'https://www.mlb.com/' },
  EPL: {
    sport: 'epl',
    tagId: '82',
    seriesId: '70463',
    seriesSlug: 'premier-league-2026',
    resolution: 'https://www.premierleague.com/',
  },
  NCAAF: {
    sport: 'cfb',
    tagId: '100351',
    seriesId: '70471',
    seriesSlug: 'cfb-2026',
    resolution: 'https://www.ncaa.com/',
  },
  ATP: {
    sport: 'atp',
    tagId: '864',
    seriesId: '70479',
    seriesSlug: 'atp-2026',
    resolution: 'https://www.atptour.com/',
  },
  // The other catalogued leagues: sport code = slug prefix (lib/core/leagues.ts), the simulator's own ids.
  ...otherLeagues(),
};

function otherLeagues(): Record<
  Exclude<PolymarketSimLeague, 'NBA' | 'NFL' | 'NHL' | 'MLB' | 'EPL' | 'NCAAF' | 'ATP'>,
  {
    sport: string;
    tagId: string;
    seriesId: string;
    seriesSlug: string;
    resolution: string;
  }
> {
  const rest = LEAGUE_IDS.filter((id) => !['NBA', 'NFL', 'NHL', 'MLB', 'EPL', 'NCAAF', 'ATP'].includes(id));
  return Object.fromEntries(
    rest.map((id, i) => {
      const sport = LEAGUE_CATALOGUE[id].polymarket.prefix;
      const entry = {
        sport,
        tagId: String(101_100 + i),
        seriesId: String(70_500 + i * 12),
        seriesSlug: `${sport}-2026`,
        resolution: 'https://example.org/official-results',
      };
      return [id, entry];
    }),
  ) as never;
}

/**
 * Gamma paging (docs/venues-polymarket.md#p1-keyset, #p1-offset-sunset): `limit` is clamped silently; `/markets*`
 * answer at most 100 rows, `/events*` 500 (third-party figures); `condition_ids` holds at most 100 ids.
 */
export const GAMMA_MARKETS_CAP = 100;
export const GAMMA_EVENTS_CAP = 500;
export const GAMMA_CONDITION_IDS_CAP = 100;
/** Default deepest offset the legacy endpoints still answer; deeper is a 422 (#p1-offset-sunset, newest source). */
export const GAMMA_OFFSET_CAP = 2000;
/** Deprecation headers of the legacy offset endpoints (#p1-offset-sunset; the /events wording is unverified). */
export const GAMMA_DEPRECATION_HEADERS = (replacement: string): Record<string, string> => ({
  deprecation: 'true',
  sunset: 'Fri, 01 May 2026 00:00:00 GMT',
  warning: `299 - "use ${replacement}"`,
});
export const GAMMA_OFFSET_TOO_LARGE = {
  type: 'validation error',
  error: 'offset too large, use /markets/keyset for deeper pagination',
} as const;
