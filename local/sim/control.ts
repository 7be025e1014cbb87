/**
 * In-process control surfaces of the venue simulators. The scenario driver
 * (local/sim/scenario) owns time: it adds markets, moves books and resolves games by calling
 * these; each simulator owns its venue's protocol, accounts, signatures, matching and fees.
 * Units are exact integers (lib/core/money.ts): price micros per share, centishares.
 */
import type { League } from '../../lib/core/market';

export interface SimLevel {
  readonly priceMicros: number;
  readonly sizeCenti: number;
}

/**
 * Filler sports of the Polymarket simulator (a realistic all-sports listing, local/sim/scenario/fillers.ts): games
 * with no Kalshi counterpart, listed only when their league is selected, never paired.
 */
export const POLYMARKET_FILLER_LEAGUES = ['EPL', 'NCAAF', 'ATP'] as const;
export type PolymarketSimLeague = League;

export interface PolymarketSimMarketSpec {
  readonly league: PolymarketSimLeague;
  /** Gamma market id. */
  readonly gammaId: string;
  readonly conditionId: string;
  /** Event slug in the venue's format, e.g. `nba-lal-bos-2026-11-25`. */
  readonly eventSlug: string;
  /** e.g. "Lakers vs. Celtics". */
  readonly question: string;
  readonly gameStartMs: number;
  /** Team names as outcomes, in the venue's order, with their token ids (decimal strings). */
  readonly outcomes: readonly [{ name: string; tokenId: string }, { name: string; tokenId: string }];
  readonly homeTeamName: string;
  readonly awayTeamName: string;
  readonly negRisk: boolean;
  readonly tickMicros: number;
  readonly minSizeCenti: number;
  /** This market's taker fee rate in ppm (0.05 → 50_000) and exponent: Gamma `feeSchedule` (docs/venues-polymarket.md#p5-fee-schedule). */
  readonly feeRatePpm: number;
  readonly feeExponent: number;
  /**
   * A market of a multi-market event (soccer: `{event slug}-{club code}` or `-draw`, Yes/No
   * outcomes; docs/leagues.md#l-epl-english-premier-league): its own slug. Markets with the same
   * `eventSlug` are one Gamma event. Default: the event slug (one market per event, US leagues).
   */
  readonly marketSlug?: string;
  /** The event's title where it differs from the market's question ("Chelsea FC vs. Aston Villa FC"). */
  readonly eventTitle?: string;
}

export type PolymarketSimResolution = { readonly winnerTokenId: string } | { readonly split: true };

export interface PolymarketSimControl {
  addMarket(spec: PolymarketSimMarketSpec): void;
  /** Replace a token's book. Levels best-first (bids highest first, asks lowest first). */
  setBook(tokenId: string, book: { bids: readonly SimLevel[]; asks: readonly SimLevel[] }): void;
  /** Stop accepting orders (game over / closed). */
  closeMarket(conditionId: string): void;
  resolve(conditionId: string, resolution: PolymarketSimResolution): void;
}

export interface KalshiSimMarketSpec {
  readonly ticker: string;
  /** `yes_sub_title`: the team name as Kalshi writes it, or "Tie". */
  readonly yesSubTitle: string;
  readonly tickMicros: number;
  /**
   * The `status` word the venue shows for this market instead of its lifecycle word, e.g. one the
   * client does not know yet (docs/venues-kalshi.md#k1-enums). The market still trades as `active`
   * inside the simulator; only the answer changes.
   */
  readonly wireStatus?: string;
  /** `fractional_trading_enabled`: counts finer than a whole contract are accepted (default false). */
  readonly fractional?: boolean;
}

export interface KalshiSimEventSpec {
  readonly league: League;
  readonly seriesTicker: string;
  readonly eventTicker: string;
  readonly title: string;
  readonly gameStartMs: number;
  readonly expectedExpirationMs: number;
  readonly markets: readonly KalshiSimMarketSpec[];
}

export type KalshiSimResult = 'yes' | 'no' | { readonly voidValueMicros: number };

export interface KalshiSimControl {
  addEvent(spec: KalshiSimEventSpec): void;
  /** Replace a market's book: bids only, best-first (docs/venues-kalshi.md#k2: YES bids and NO bids). */
  setBook(ticker: string, book: { yesBids: readonly SimLevel[]; noBids: readonly SimLevel[] }): void;
  closeMarket(ticker: string): void;
  settle(ticker: string, result: KalshiSimResult): void;
}

/**
 * Polymarket US league slugs (docs/venues-polymarket-us.md#u-discovery), as the client's
 * DEFAULT_LEAGUE_SLUGS: the major leagues and UFC; the simulated Polymarket US lists no other league.
 */
export const POLYMARKET_US_LEAGUE_SLUGS: Readonly<Partial<Record<League, string>>> = {
  NBA: 'nba',
  NFL: 'nfl',
  NHL: 'nhl',
  MLB: 'mlb',
  UFC: 'ufc',
};

export interface PolymarketUsSimTeam {
  readonly name: string;
  readonly abbreviation: string;
  /** `team.ordering` (default: the long side `away`, the short side `home`, as on the recorded NFL moneylines). */
  readonly ordering?: 'home' | 'away';
}

export interface PolymarketUsSimMarketSpec {
  readonly league: League;
  /** `aec-{league}-{away}-{home}-{yyyy-mm-dd}`; the first team is long (docs/venues-polymarket-us.md#u-slugs). */
  readonly slug: string;
  readonly title: string;
  readonly gameStartMs: number;
  readonly long: PolymarketUsSimTeam;
  readonly short: PolymarketUsSimTeam;
  /** `orderPriceMinTickSize` in micros (default $0.01). */
  readonly tickMicros?: number;
  /** `minimumTradeQty` in centishares (default 1: 0.01 contract, docs/venues-polymarket-us.md#u-orders). */
  readonly minQtyCenti?: number;
  /** Taker Θ in ppm (default 69 500, docs/venues-polymarket-us.md#u-fees). */
  readonly takerThetaPpm?: number;
}

/**
 * The in-process control surface of the simulated Polymarket US: one market per game, one (long)
 * book per market (docs/venues-polymarket-us.md#u-book).
 */
export interface PolymarketUsSimControl {
  addMarket(spec: PolymarketUsSimMarketSpec): void;
  /** Replace the long instrument's book. Levels best first (bids highest first, offers lowest first). */
  setBook(slug: string, book: { bids: readonly SimLevel[]; offers: readonly SimLevel[] }): void;
  /** Stop trading (game over): status closed, book state expired. */
  closeMarket(slug: string): void;
  /** Pause trading: status halted, book state halted. */
  haltMarket(slug: string): void;
  /** Final settlement: the long side pays `longPayoutMicros` per contract, the short side the rest. */
  resolve(slug: string, longPayoutMicros: number): void;
}
