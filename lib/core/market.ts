/**
 * The market model shared by the whole project. Venue adapters map wire formats to these
 * shapes at once (venue JSON is parsed with zod at the adapter and goes no further); core, engine and API speak only these.
 *
 * Units: see ./money.ts. Times are epoch milliseconds (numbers), passed in, never read here.
 */
import { LEAGUE_IDS, type LeagueId } from './leagues';
import type { Centishares, Micros, PriceMicros } from './money';

/**
 * Every league PolyMix can select, discover and match: the catalogue's ids (lib/core/leagues.ts).
 * Tables keyed by league either cover them all or say which they cover (`MAJOR_LEAGUES`: the
 * default selection, with curated team and rule tables).
 */
export const LEAGUES = LEAGUE_IDS;
export type League = LeagueId;
export { isMajorLeague, MAJOR_LEAGUES, type MajorLeague } from './leagues';

/** Every venue PolyMix has a client for. */
export const VENUE_NAMES = ['polymarket', 'kalshi', 'polymarket-us'] as const;
export type VenueName = (typeof VENUE_NAMES)[number];

/**
 * The two slots of the pair the engine trades (docs/adr/0010-venue-pairs.md): `kalshi`, and
 * `polymarket`, the Polymarket side, which is Polymarket (international) or Polymarket US,
 * whichever venue the deployment pairs with Kalshi. What the engine keeps per venue (the venue
 * ports, cash, streams) is keyed by slot; a leg's or an instrument's `venue` names the exchange
 * itself, and `pairVenueOf` gives its slot.
 */
export const PAIR_VENUES = ['polymarket', 'kalshi'] as const;
export type PairVenue = (typeof PAIR_VENUES)[number];

/** The venues that can hold the Polymarket side of the pair. */
export const POLYMARKET_SIDE_VENUES = ['polymarket', 'polymarket-us'] as const;
export type PolymarketSideVenue = (typeof POLYMARKET_SIDE_VENUES)[number];

/** The pair slot a venue trades in: Kalshi is `kalshi`, either Polymarket is `polymarket`. */
export function pairVenueOf(venue: VenueName): PairVenue {
  return venue === 'kalshi' ? 'kalshi' : 'polymarket';
}

/**
 * A team in one league, identified by a canonical code (the league's usual abbreviation,
 * e.g. NBA `LAL`). `lib/core/teams` maps every alias both venues use to this code.
 */
export interface TeamRef {
  readonly league: League;
  readonly code: string;
}

/**
 * One tradable thing: a Polymarket outcome token, one side (YES/NO) of a Kalshi market, or one
 * side (long/short) of a Polymarket US market.
 */
export type InstrumentRef = PolymarketInstrumentRef | KalshiInstrumentRef | PolymarketUsInstrumentRef;

/** A Polymarket (international) outcome token. */
export interface PolymarketInstrumentRef {
  readonly venue: 'polymarket';
  readonly conditionId: string;
  readonly tokenId: string;
}

/** One side of a Kalshi market: YES pays when the market's team wins, NO when it does not. */
export interface KalshiInstrumentRef {
  readonly venue: 'kalshi';
  readonly ticker: string;
  readonly side: 'yes' | 'no';
}

/** An instrument of the Polymarket side of the pair (either Polymarket). */
export type PolymarketSideInstrumentRef = PolymarketInstrumentRef | PolymarketUsInstrumentRef;

/**
 * One side of a Polymarket US market: a moneyline is ONE market, `long` (YES) pays when the first
 * team of the slug wins, `short` when it does not (docs/venues-polymarket-us.md#u-sides).
 */
export interface PolymarketUsInstrumentRef {
  readonly venue: 'polymarket-us';
  readonly marketSlug: string;
  readonly side: 'long' | 'short';
}

/**
 * Stable string key of an instrument, used for maps and ids: `polymarket:<tokenId>`,
 * `kalshi:<ticker>:yes`, `polymarket-us:<marketSlug>:long`.
 */
export function instrumentKey(ref: InstrumentRef): string {
  switch (ref.venue) {
    case 'polymarket':
      return `polymarket:${ref.tokenId}`;
    case 'kalshi':
      return `kalshi:${ref.ticker}:${ref.side}`;
    case 'polymarket-us':
      return `polymarket-us:${ref.marketSlug}:${ref.side}`;
  }
}

/** A price level. */
export interface Level {
  readonly priceMicros: PriceMicros;
  readonly sizeCenti: Centishares;
}

/**
 * The book of ONE instrument, normalised: `asks` best (lowest) first, `bids` best (highest)
 * first, whatever order the venue sends (Polymarket and Kalshi both put the best LAST:
 * docs/venues-polymarket.md#p2, docs/venues-kalshi.md#k2). Kalshi NO asks are derived from YES bids by the adapter.
 * Sizes finer than 0.01 share are floored by the adapter (we cannot trade them).
 */
export interface Book {
  readonly instrument: InstrumentRef;
  readonly asks: readonly Level[];
  readonly bids: readonly Level[];
  readonly tickMicros: PriceMicros;
  readonly minSizeCenti: Centishares;
  /**
   * Order sizes this instrument takes are multiples of this, as the venue states it (Kalshi: 1
   * where the market trades fractions, else 100; Polymarket: 1, a hundredth of a share). Unset =
   * the book does not say, the engine's configured step applies.
   */
  readonly sizeStepCenti?: Centishares;
  /** When this snapshot was taken (our clock when the response arrived). */
  readonly observedAtMs: number;
}

/** Polymarket's per-market taker fee: fee = rate · C · (p(1−p))^exponent (docs/venues-polymarket.md#p5-fees). */
export interface PolymarketFeeSchedule {
  /** Rate in parts per million, read per market from Gamma `feeSchedule.rate` (0.05 → 50_000). */
  readonly ratePpm: number;
  readonly exponent: number;
  readonly takerOnly: boolean;
}

export interface PolymarketOutcome {
  /** The outcome label as the venue shows it, usually a team name or nickname ("Lakers"). */
  readonly name: string;
  readonly tokenId: string;
  /** Listing-time best ask (Gamma `bestAsk` / `outcomePrices`) for pre-screening only; never traded on. */
  readonly listedAskMicros?: PriceMicros | null;
}

/** A two-team moneyline game on Polymarket: ONE binary market whose outcomes are the teams. */
export interface PolymarketGame {
  readonly venue: 'polymarket';
  readonly league: League;
  /** Gamma market id. */
  readonly marketId: string;
  readonly conditionId: string;
  /** Event slug, e.g. `nba-lal-bos-2025-12-27` (league, team codes, US-local game date). */
  readonly slug: string;
  /** e.g. "Lakers vs. Celtics". */
  readonly question: string;
  /** In the venue's order; match by name, never by position (docs/venues-polymarket.md#p1). */
  readonly outcomes: readonly [PolymarketOutcome, PolymarketOutcome];
  /** Scheduled start (Gamma `gameStartTime`), epoch ms, or null when the venue gave none. */
  readonly gameStartMs: number | null;
  readonly negRisk: boolean;
  /** Gamma `version`: v2 markets trade `positionIds` on ExchangeV3 (docs/venues-polymarket.md#p1, #p4). */
  readonly protocolVersion: 'v1' | 'v2';
  readonly tickMicros: PriceMicros;
  readonly minSizeCenti: Centishares;
  readonly fee: PolymarketFeeSchedule;
  /** Open for trading now: active, not closed, accepting orders, order book enabled. */
  readonly tradable: boolean;
}

export type KalshiFeeType = 'quadratic' | 'quadratic_with_maker_fees' | 'quadratic_with_combo_maker_fees' | 'flat';

/** One Kalshi market of a game event: YES means `team` wins (or, for a tie market, a tie). */
export interface KalshiGameMarket {
  readonly ticker: string;
  /** Ticker suffix as Kalshi writes it (`LAL` in `KXNBAGAME-25DEC27LALBOS-LAL`), or `TIE`. */
  readonly suffix: string;
  /** `yes_sub_title`, usually the team name ("Los Angeles L"). */
  readonly yesSubTitle: string;
  readonly tickMicros: PriceMicros;
  /** Order size step of this market: 1 where fractional trading is on, else 100 (whole contracts). */
  readonly sizeStepCenti?: Centishares;
  readonly tradable: boolean;
  /** Listing-time asks (`yes_ask_dollars` / `no_ask_dollars`) for pre-screening only; never traded on. */
  readonly listedYesAskMicros?: PriceMicros | null;
  readonly listedNoAskMicros?: PriceMicros | null;
}

/** A game on Kalshi: an event with one market per team (plus a tie market where the league has one). */
export interface KalshiGame {
  readonly venue: 'kalshi';
  readonly league: League;
  readonly seriesTicker: string;
  /** e.g. `KXNBAGAME-25DEC27LALBOS`: date `YYMONDD` then team codes. */
  readonly eventTicker: string;
  readonly title: string;
  readonly markets: readonly KalshiGameMarket[];
  /** Scheduled start when Kalshi gives one, else null (the ticker date still applies). */
  readonly gameStartMs: number | null;
  /** `expected_expiration_time` of the markets, epoch ms, or null. */
  readonly expectedExpirationMs: number | null;
  readonly feeType: KalshiFeeType;
  /** Series `fee_multiplier` in parts per million (1.0 → 1_000_000). */
  readonly feeMultiplierPpm: number;
}

export interface PolymarketUsTeam {
  /** The side's label as the venue shows it (`marketSides[].description`, else the team name). */
  readonly name: string;
  /** The team code the slug carries (`lal` in `aec-nba-lal-bos-2026-11-25`), upper-cased. */
  readonly code: string;
  /** `team.abbreviation` when the venue sends it. */
  readonly abbreviation: string | null;
  /** Listing-time quote of this side (`marketSides[].quote`), pre-screening only; never traded on. */
  readonly listedPriceMicros: PriceMicros | null;
}

/**
 * A two-team moneyline game on Polymarket US: ONE market whose long side is the first team of
 * the slug and whose short side is the second (docs/venues-polymarket-us.md#u-slugs, #u-sides).
 */
export interface PolymarketUsGame {
  readonly venue: 'polymarket-us';
  readonly league: League;
  readonly eventId: string;
  readonly eventSlug: string;
  /** `aec-{league}-{away}-{home}-{yyyy-mm-dd}` (docs/venues-polymarket-us.md#u-slugs). */
  readonly marketSlug: string;
  readonly marketId: string;
  readonly title: string;
  /** The US-local game date the slug carries, `yyyy-mm-dd`. */
  readonly slugDate: string;
  /** First team of the slug: YES / long. */
  readonly long: PolymarketUsTeam;
  /** Second team of the slug: NO / short. */
  readonly short: PolymarketUsTeam;
  /** Scheduled start, epoch ms, or null when the venue gave none. */
  readonly gameStartMs: number | null;
  readonly tickMicros: PriceMicros;
  /** `minimumTradeQty` in centishares: smallest order, and every order a multiple of it. */
  readonly minSizeCenti: Centishares;
  /** Every order size is a multiple of this (centishares). */
  readonly sizeStepCenti: Centishares;
  /** Taker Θ in ppm for this market (docs/venues-polymarket-us.md#u-fees). */
  readonly takerThetaPpm: number;
  /** Open for trading now: active, not closed, status open (or absent). */
  readonly tradable: boolean;
  /** Listing-time best ask of the long side (`bestAskQuote`), pre-screening only. */
  readonly listedLongAskMicros: PriceMicros | null;
  /** Listing-time best ask of the short side (1 − `bestBidQuote`), pre-screening only. */
  readonly listedShortAskMicros: PriceMicros | null;
}

/**
 * One binary market of a Polymarket outcome event: YES pays when its outcome happens (a team
 * wins, or the game is drawn), NO when it does not (docs/leagues.md#l-epl-english-premier-league).
 */
export interface PolymarketOutcomeMarket {
  /** Gamma market id. */
  readonly marketId: string;
  readonly conditionId: string;
  /** Market slug: the event slug plus `-<team code>` or `-draw` (`epl-cry-wes-2026-04-20-draw`). */
  readonly slug: string;
  /** "Will Crystal Palace FC win on 2026-04-20?", "Will … end in a draw?". */
  readonly question: string;
  /** The token of the `Yes` outcome and of the `No` outcome, read by outcome name, never by position. */
  readonly yesTokenId: string;
  readonly noTokenId: string;
  /** Listing-time asks of YES (`bestAsk`) and NO (1 − `bestBid`), pre-screening only; never traded on. */
  readonly listedYesAskMicros: PriceMicros | null;
  readonly listedNoAskMicros: PriceMicros | null;
  readonly protocolVersion: 'v1' | 'v2';
  readonly tickMicros: PriceMicros;
  readonly minSizeCenti: Centishares;
  /** This market's own fee schedule (docs/venues-polymarket.md#p5-fee-schedule). */
  readonly fee: PolymarketFeeSchedule;
  /** Open for trading now: active, not closed, accepting orders, order book enabled. */
  readonly tradable: boolean;
}

/**
 * A game listed on Polymarket as an event of one binary market per outcome (soccer: home win,
 * draw, away win, a negRisk event; docs/adr/0012-three-way-markets.md). Planned outcome by
 * outcome (lib/core/outcome-arb.ts), matched by lib/core/match/outcomes.ts.
 */
export interface PolymarketOutcomeEvent {
  readonly venue: 'polymarket';
  readonly kind: 'outcome-event';
  readonly league: League;
  /** Gamma event id. */
  readonly eventId: string;
  /** Event slug, `{prefix}-{home}-{away}-{YYYY-MM-DD}` (docs/leagues.md "Common ground"). */
  readonly slug: string;
  /** "Crystal Palace FC vs. West Ham United FC". */
  readonly title: string;
  /** The event's markets are mutually exclusive outcomes (`negRisk: true`). */
  readonly negRisk: boolean;
  /** Scheduled start, epoch ms, or null when the venue gave none. */
  readonly gameStartMs: number | null;
  /** In the venue's order; matched by slug and question, never by position. */
  readonly markets: readonly PolymarketOutcomeMarket[];
  /** Every market takes orders and the event has not ended. */
  readonly tradable: boolean;
}

/** A game of the Polymarket side of the pair. */
export type PolymarketSideGame = PolymarketGame | PolymarketUsGame;

export type VenueGame = PolymarketGame | KalshiGame | PolymarketUsGame | PolymarketOutcomeEvent;

/** A Polymarket outcome event (soccer), as opposed to a one-market two-team game. */
export function isOutcomeEvent(game: VenueGame): game is PolymarketOutcomeEvent {
  return game.venue === 'polymarket' && 'kind' in game && game.kind === 'outcome-event';
}

/** The id a Polymarket-side game goes by in pair ids and refusals: its conditionId, or its PM US market slug. */
export function polymarketSideGameId(game: PolymarketSideGame): string {
  return game.venue === 'polymarket' ? game.conditionId : game.marketSlug;
}

/** One team of a matched pair, with where it trades on each venue. */
export interface PairSide {
  readonly team: TeamRef;
  /**
   * The Polymarket-side instrument that pays if this team wins: its outcome token on Polymarket,
   * the long (first slug team) or short side of the market on Polymarket US.
   */
  readonly polymarket: PolymarketSideInstrumentRef;
  /** How the Polymarket side names this team ("Lakers"): the outcome label or the market side's. */
  readonly polymarketName: string;
  /** The Kalshi market whose YES means this team wins. */
  readonly kalshiTicker: string;
}

/** The same game on both venues, oriented: `sides[i]` is the same team on both. */
export interface GamePair {
  /** Deterministic: `<league>:<polymarketSideGameId>:<kalshi eventTicker>`. */
  readonly id: string;
  readonly league: League;
  /** The Polymarket side's game: narrow on `venue` before reading a venue's own fields. */
  readonly polymarket: PolymarketSideGame;
  readonly kalshi: KalshiGame;
  readonly sides: readonly [PairSide, PairSide];
  /** Kalshi tie market, where the event has one. */
  readonly kalshiTieTicker: string | null;
}

/**
 * How a venue finally settled an instrument. `payoutMicros` per share for every instrument of
 * the market (a winner pays 1_000_000, a 50-50 split pays 500_000 each, Kalshi void may pay
 * the settlement value).
 */
export type Resolution =
  | { readonly state: 'unresolved' }
  | { readonly state: 'disputed'; readonly detail: string }
  | {
      readonly state: 'final';
      readonly kind: 'won' | 'void' | 'split';
      /** instrumentKey → payout per whole share in micros. */
      readonly payoutMicros: Readonly<Record<string, PriceMicros>>;
    };

/** Money figures of a fill as the venue reports them. */
export interface Fill {
  readonly sizeCenti: Centishares;
  readonly priceMicros: PriceMicros;
  readonly feeMicros: Micros;
}
