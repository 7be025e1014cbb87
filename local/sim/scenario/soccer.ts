/**
 * Three-way (soccer) games of a slate (`soccer` in the slate file): home win, draw and away win,
 * each a binary market on both venues (docs/adr/0012-three-way-markets.md,
 * docs/leagues.md#l-epl-english-premier-league):
 *
 * - Kalshi: one event `{SERIES}-{YYMONDD}{HOME}{AWAY}` with three markets, `-{HOME}`, `-{AWAY}` and
 *   `-TIE` (the draw), home first.
 * - Polymarket: one negRisk event `{prefix}-{home}-{away}-{YYYY-MM-DD}` with three Yes/No markets,
 *   `-{home}`, `-{away}` and `-draw`, each its own CLOB market (its No book mirrors its Yes book).
 *
 * The price model is deterministic: each outcome's fair probability holds before kick-off and
 * moves toward the result during the game (90 minutes plus stoppage: both venues settle on
 * regular time); each venue quotes every market around fair with the slate's spread and depth.
 * `arbitrage` scripts one window where one venue's quotes of one outcome jump away from fair: a
 * cross-venue outcome arbitrage (YES on one venue, NO on the other) appears there. Settlement: the
 * result's market pays YES on both venues, the two others NO.
 */
import { z } from 'zod';
import { LEAGUE_CATALOGUE, type LeagueId } from '../../../lib/core/leagues';
import { KALSHI_DRAW_CODE } from '../../../lib/core/teams/league-tickers';
import { seededRandom } from '../clock';
import type { KalshiSimControl, PolymarketSimControl, SimLevel } from '../control';
import { type KalshiMarketBook, quoteBounds, quoteLadder, type TokenBook } from './quotes';

/** A venue's quoting settings (the slate's `venues.*`). */
interface QuoteConfig {
  readonly halfSpreadCents: number;
  readonly levels: number;
  readonly minShares: number;
  readonly maxShares: number;
}

const EASTERN = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The US-Eastern calendar date of an instant (the date Kalshi tickers and Polymarket slugs carry). */
function easternDate(ms: number): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(EASTERN.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

const tokenId = z.string().regex(/^[1-9]\d{19,79}$/, 'token id: a long decimal string');
const conditionId = z.string().regex(/^0x[0-9a-f]{64}$/, 'conditionId: 0x + 64 hex digits');

/** One outcome's Polymarket market: its Yes and No tokens. */
const marketSchema = z
  .object({ conditionId, gammaId: z.string().regex(/^\d+$/), yesTokenId: tokenId, noTokenId: tokenId })
  .strict();

const clubSchema = z
  .object({
    /** Code in the Kalshi ticker (`CFC`). */
    kalshiCode: z.string().regex(/^[A-Z]{2,4}$/),
    /** Code in the Polymarket slug (`che`). */
    polymarketCode: z.string().regex(/^[a-z0-9]{2,5}$/),
    /** Kalshi `yes_sub_title` ("Chelsea"). */
    kalshiName: z.string().min(1),
    /** As in Polymarket titles and questions ("Chelsea FC"). */
    fullName: z.string().min(1),
    market: marketSchema,
  })
  .strict();

const OUTCOMES = ['home', 'draw', 'away'] as const;
export type SoccerOutcome = (typeof OUTCOMES)[number];

export const soccerGameSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    league: z.enum(['EPL', 'UCL', 'MLS', 'LALIGA']),
    home: clubSchema,
    away: clubSchema,
    draw: z.object({ market: marketSchema }).strict(),
    start: z.object({ afterSlateStartMin: z.number().min(0) }).strict(),
    /** 90 minutes, stoppage time and half time. */
    durationMin: z.number().positive().max(300),
    /** Opening fair probabilities of a home win and of a draw (the away win is the rest). */
    fair: z.object({ home: z.number().gt(0.03).lt(0.9), draw: z.number().gt(0.03).lt(0.6) }).strict(),
    /** The result after 90 minutes plus stoppage time. */
    result: z.enum(OUTCOMES),
    /** Kalshi event ticker, dated; rebased to the US-Eastern date of the start like the games. */
    kalshiEventTicker: z.string(),
    /** Polymarket event slug, dated; rebased likewise. */
    polymarketSlug: z.string(),
    gammaEventId: z.string().regex(/^\d+$/).optional(),
    /** A window where one venue's quotes of one outcome sit `cents` away from fair. */
    arbitrage: z
      .object({
        outcome: z.enum(OUTCOMES),
        venue: z.enum(['kalshi', 'polymarket']),
        cents: z.number().min(-30).max(30),
        afterSlateStartMin: z.number().min(0),
        minutes: z.number().positive(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (g.fair.home + g.fair.draw >= 0.97) issue(['fair'], 'home + draw must leave the away win at least 3%');
    const series = LEAGUE_CATALOGUE[g.league].kalshi.series;
    const ticker = new RegExp(`^${series}-\\d{2}[A-Z]{3}\\d{2}${g.home.kalshiCode}${g.away.kalshiCode}$`);
    if (!ticker.test(g.kalshiEventTicker))
      issue(['kalshiEventTicker'], `must be ${series}-26NOV25${g.home.kalshiCode}${g.away.kalshiCode} (home first)`);
    const prefix = LEAGUE_CATALOGUE[g.league].polymarket.prefix;
    const slug = new RegExp(`^${prefix}-${g.home.polymarketCode}-${g.away.polymarketCode}-\\d{4}-\\d{2}-\\d{2}$`);
    if (!slug.test(g.polymarketSlug))
      issue(['polymarketSlug'], `must be ${prefix}-${g.home.polymarketCode}-${g.away.polymarketCode}-2026-11-25`);
    const tokens = [g.home, g.draw, g.away].flatMap((c) => [c.market.yesTokenId, c.market.noTokenId]);
    if (new Set(tokens).size !== tokens.length) issue([], 'every token id must be unique');
  });

export type SoccerGame = z.output<typeof soccerGameSchema>;

export interface ScheduledSoccerGame {
  readonly game: SoccerGame;
  readonly league: LeagueId;
  readonly seriesTicker: string;
  readonly eventTicker: string;
  readonly slug: string;
  /** Kalshi market ticker and Polymarket market of each outcome. */
  readonly tickers: Readonly<Record<SoccerOutcome, string>>;
  readonly startMs: number;
  readonly endMs: number;
  readonly settleMs: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export function scheduleSoccer(
  games: readonly SoccerGame[],
  opts: { slateStartMs: number; settleDelayMin: number; rebaseDates: boolean },
): ScheduledSoccerGame[] {
  return games.map((game) => {
    const startMs = opts.slateStartMs + Math.round(game.start.afterSlateStartMin * 60_000);
    const endMs = startMs + Math.round(game.durationMin * 60_000);
    let eventTicker = game.kalshiEventTicker;
    let slug = game.polymarketSlug;
    if (opts.rebaseDates) {
      const d = easternDate(startMs);
      const dd = String(d.day).padStart(2, '0');
      eventTicker = eventTicker.replace(
        /-(\d{2})([A-Z]{3})(\d{2})/,
        `-${String(d.year % 100).padStart(2, '0')}${MONTHS[d.month - 1]}${dd}`,
      );
      slug = slug.replace(/\d{4}-\d{2}-\d{2}$/, `${d.year}-${String(d.month).padStart(2, '0')}-${dd}`);
    }
    return {
      game,
      league: game.league,
      seriesTicker: LEAGUE_CATALOGUE[game.league].kalshi.series,
      eventTicker,
      slug,
      tickers: {
        home: `${eventTicker}-${game.home.kalshiCode}`,
        draw: `${eventTicker}-${KALSHI_DRAW_CODE}`,
        away: `${eventTicker}-${game.away.kalshiCode}`,
      },
      startMs,
      endMs,
      settleMs: endMs + Math.round(opts.settleDelayMin * 60_000),
    };
  });
}

function marketOf(game: SoccerGame, outcome: SoccerOutcome) {
  return outcome === 'draw' ? game.draw.market : game[outcome].market;
}

/** Lists the game on both venues: Kalshi's three markets, Polymarket's negRisk event of three. */
export function listSoccer(
  g: ScheduledSoccerGame,
  kalshi: KalshiSimControl,
  polymarket: PolymarketSimControl | null,
  fee: { rate: number; exponent: number },
): void {
  const { game } = g;
  kalshi.addEvent({
    league: g.league,
    seriesTicker: g.seriesTicker,
    eventTicker: g.eventTicker,
    title: `${game.home.kalshiName} vs ${game.away.kalshiName}`,
    gameStartMs: g.startMs,
    expectedExpirationMs: g.endMs + 3_600_000,
    markets: [
      { ticker: g.tickers.home, yesSubTitle: game.home.kalshiName, tickMicros: 10_000 },
      { ticker: g.tickers.away, yesSubTitle: game.away.kalshiName, tickMicros: 10_000 },
      { ticker: g.tickers.draw, yesSubTitle: 'Tie', tickMicros: 10_000 },
    ],
  });
  if (!polymarket) return;
  const date = g.slug.slice(-'yyyy-mm-dd'.length);
  const title = `${game.home.fullName} vs. ${game.away.fullName}`;
  for (const outcome of OUTCOMES) {
    const market = marketOf(game, outcome);
    const code = outcome === 'draw' ? 'draw' : game[outcome].polymarketCode;
    polymarket.addMarket({
      league: g.league,
      gammaId: market.gammaId,
      conditionId: market.conditionId,
      eventSlug: g.slug,
      marketSlug: `${g.slug}-${code}`,
      eventTitle: title,
      question: outcome === 'draw' ? `Will ${title} end in a draw?` : `Will ${game[outcome].fullName} win on ${date}?`,
      gameStartMs: g.startMs,
      outcomes: [
        { name: 'Yes', tokenId: market.yesTokenId },
        { name: 'No', tokenId: market.noTokenId },
      ],
      homeTeamName: game.home.fullName,
      awayTeamName: game.away.fullName,
      negRisk: true,
      tickMicros: 10_000,
      minSizeCenti: 500,
      feeRatePpm: Math.round(fee.rate * 1_000_000),
      feeExponent: fee.exponent,
    });
  }
}

/** Each outcome's fair probability at `atMs`: the opening odds, then toward the result in play. */
export function soccerFair(g: ScheduledSoccerGame, atMs: number): Record<SoccerOutcome, number> {
  const open = { home: g.game.fair.home, draw: g.game.fair.draw, away: 1 - g.game.fair.home - g.game.fair.draw };
  if (atMs < g.startMs) return open;
  const t = Math.min(1, (atMs - g.startMs) / (g.endMs - g.startMs));
  const weight = t * t;
  const target = (o: SoccerOutcome) => (o === g.game.result ? 0.96 : 0.02);
  return {
    home: open.home + (target('home') - open.home) * weight,
    draw: open.draw + (target('draw') - open.draw) * weight,
    away: open.away + (target('away') - open.away) * weight,
  };
}

export interface SoccerBooks {
  readonly kalshi: Readonly<Record<SoccerOutcome, KalshiMarketBook>>;
  readonly polymarket: Readonly<Record<SoccerOutcome, { readonly yes: TokenBook; readonly no: TokenBook }>>;
}

/** Every outcome market's books on both venues at `atMs` (sizes seeded by game, step and market). */
export function soccerBooks(
  g: ScheduledSoccerGame,
  atMs: number,
  step: number,
  venues: { kalshi: QuoteConfig; polymarket: QuoteConfig },
  seed: number,
  slateStartMs: number,
): SoccerBooks {
  const fair = soccerFair(g, atMs);
  const arb = g.game.arbitrage;
  const arbFrom = arb ? slateStartMs + arb.afterSlateStartMin * 60_000 : 0;
  const shift = (venue: 'kalshi' | 'polymarket', outcome: SoccerOutcome) =>
    arb && arb.venue === venue && arb.outcome === outcome && atMs >= arbFrom && atMs < arbFrom + arb.minutes * 60_000
      ? arb.cents / 100
      : 0;
  const kalshi = {} as Record<SoccerOutcome, KalshiMarketBook>;
  const polymarket = {} as Record<SoccerOutcome, { yes: TokenBook; no: TokenBook }>;
  for (const [i, outcome] of OUTCOMES.entries()) {
    const rng = seededRandom((seed ^ Math.imul(step + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0);
    const k = quoteBounds(fair[outcome] + shift('kalshi', outcome), venues.kalshi);
    kalshi[outcome] = {
      yesBids: quoteLadder(k.bidCents, -1, venues.kalshi, rng),
      noBids: quoteLadder(100 - k.askCents, -1, venues.kalshi, rng),
    };
    const p = quoteBounds(fair[outcome] + shift('polymarket', outcome), venues.polymarket);
    const yes = {
      bids: quoteLadder(p.bidCents, -1, venues.polymarket, rng),
      asks: quoteLadder(p.askCents, 1, venues.polymarket, rng),
    };
    // One CLOB market: the No token's book is the Yes token's, mirrored (1 − p).
    const mirror = (levels: readonly SimLevel[]) =>
      levels.map((l) => ({ priceMicros: 1_000_000 - l.priceMicros, sizeCenti: l.sizeCenti }));
    polymarket[outcome] = { yes, no: { bids: mirror(yes.asks), asks: mirror(yes.bids) } };
  }
  return { kalshi, polymarket };
}

/** Pushes every outcome market's books to both venues. */
export function pushSoccer(
  g: ScheduledSoccerGame,
  books: SoccerBooks,
  kalshi: KalshiSimControl,
  polymarket: PolymarketSimControl | null,
): void {
  for (const outcome of OUTCOMES) {
    kalshi.setBook(g.tickers[outcome], books.kalshi[outcome]);
    const market = marketOf(g.game, outcome);
    polymarket?.setBook(market.yesTokenId, books.polymarket[outcome].yes);
    polymarket?.setBook(market.noTokenId, books.polymarket[outcome].no);
  }
}

export function closeSoccer(g: ScheduledSoccerGame, kalshi: KalshiSimControl, polymarket: PolymarketSimControl | null) {
  for (const outcome of OUTCOMES) {
    kalshi.closeMarket(g.tickers[outcome]);
    polymarket?.closeMarket(marketOf(g.game, outcome).conditionId);
  }
}

/** The result's market pays YES on both venues; the two others pay NO (regular time plus stoppage). */
export function settleSoccer(
  g: ScheduledSoccerGame,
  kalshi: KalshiSimControl,
  polymarket: PolymarketSimControl | null,
) {
  for (const outcome of OUTCOMES) {
    const won = outcome === g.game.result;
    kalshi.settle(g.tickers[outcome], won ? 'yes' : 'no');
    const market = marketOf(g.game, outcome);
    polymarket?.resolve(market.conditionId, { winnerTokenId: won ? market.yesTokenId : market.noTokenId });
  }
}
