/**
 * Gamma wire shapes (docs/venues-polymarket.md#p1): `outcomes`, `outcomePrices`, `clobTokenIds` are
 * JSON-encoded STRINGS; `gameStartTime` uses the loose `"2026-08-07 00:00:00+00"` format;
 * tick and minimum size are JSON numbers as Gamma sends them; volume/liquidity are strings.
 * One event per game with its single moneyline market (US leagues).
 */
import { LEAGUES, type League } from '../../../lib/core/market';
import { tokenPriceMicros } from './clob-views';
import { LEAGUE_GAMMA, SPORTS_TAG } from './constants';
import type { SimMarket } from './records';
import type { PolymarketSimState } from './state';
import { decimalNumber, gammaGameTime, isoSeconds, priceText } from './wire-numbers';

const GAME_LENGTH_MS = 6 * 3_600_000;

function leagueTags(league: League) {
  const g = LEAGUE_GAMMA[league];
  return [SPORTS_TAG, { id: g.tagId, label: league, slug: g.sport }];
}

export function gammaMarketView(state: PolymarketSimState, market: SimMarket, withEvent: boolean) {
  const { spec } = market;
  const book = (i: 0 | 1) => state.books.get(spec.outcomes[i].tokenId);
  const bestBid = book(0)?.bids[0]?.priceMicros;
  const bestAsk = book(0)?.asks[0]?.priceMicros;
  const resolved = market.resolution !== null;
  const view: Record<string, unknown> = {
    id: spec.gammaId,
    question: spec.question,
    conditionId: spec.conditionId,
    slug: spec.eventSlug,
    resolutionSource: '',
    endDate: isoSeconds(spec.gameStartMs + GAME_LENGTH_MS),
    startDate: isoSeconds(market.createdAtMs),
    liquidity: '0',
    volume: '0',
    outcomes: JSON.stringify(spec.outcomes.map((o) => o.name)),
    outcomePrices: JSON.stringify(spec.outcomes.map((o) => priceText(tokenPriceMicros(state, market, o.tokenId)))),
    active: true,
    closed: market.closed,
    archived: false,
    marketType: 'normal',
    enableOrderBook: true,
    orderPriceMinTickSize: decimalNumber(spec.tickMicros, 6),
    orderMinSize: decimalNumber(spec.minSizeCenti, 2),
    acceptingOrders: market.acceptingOrders,
    negRisk: spec.negRisk,
    negRiskMarketID: '',
    clobTokenIds: JSON.stringify(spec.outcomes.map((o) => o.tokenId)),
    version: 'v1',
    secondsDelay: 0,
    gameStartTime: gammaGameTime(spec.gameStartMs),
    eventStartTime: isoSeconds(spec.gameStartMs),
    sportsMarketType: 'moneyline',
    gameId: spec.gammaId,
    feesEnabled: true,
    feeType: 'sports_fees_v2',
    feeSchedule: {
      exponent: spec.feeExponent,
      rate: decimalNumber(spec.feeRatePpm, 6),
      takerOnly: true,
      rebateRate: 0.25,
    },
    umaResolutionStatuses: resolved ? '["resolved"]' : '[]',
  };
  if (resolved) view.umaResolutionStatus = 'resolved';
  if (market.closedAtMs !== null) view.closedTime = isoSeconds(market.closedAtMs);
  if (bestBid !== undefined) view.bestBid = decimalNumber(bestBid, 6);
  if (bestAsk !== undefined) view.bestAsk = decimalNumber(bestAsk, 6);
  if (withEvent) view.events = [{ id: market.eventId, slug: spec.eventSlug, title: spec.question }];
  return view;
}

export function gammaEventView(state: PolymarketSimState, market: SimMarket) {
  const { spec } = market;
  const g = LEAGUE_GAMMA[spec.league];
  return {
    id: market.eventId,
    ticker: spec.eventSlug,
    slug: spec.eventSlug,
    title: spec.question,
    description: '',
    startDate: isoSeconds(market.createdAtMs),
    creationDate: isoSeconds(market.createdAtMs),
    endDate: isoSeconds(spec.gameStartMs + GAME_LENGTH_MS),
    startTime: isoSeconds(spec.gameStartMs),
    eventDate: isoSeconds(spec.gameStartMs).slice(0, 10),
    active: true,
    closed: market.closed,
    archived: false,
    negRisk: spec.negRisk,
    live: false,
    ended: market.closed,
    gameId: Number(spec.gammaId) || spec.gammaId,
    homeTeamName: spec.homeTeamName,
    awayTeamName: spec.awayTeamName,
    seriesSlug: g.seriesSlug,
    series: [{ id: g.seriesId, ticker: g.seriesSlug, slug: g.seriesSlug, title: spec.league }],
    tags: leagueTags(spec.league),
    teams: [
      { name: spec.awayTeamName, league: g.sport, ordering: 'away' },
      { name: spec.homeTeamName, league: g.sport, ordering: 'home' },
    ],
    markets: [gammaMarketView(state, market, false)],
  };
}

/** `GET /sports` (docs/venues-polymarket.md#p1): `tags` is a comma-separated string of tag ids. */
export function sportsView() {
  return LEAGUES.map((league, i) => {
    const g = LEAGUE_GAMMA[league];
    return {
      id: i + 1,
      sport: g.sport,
      image: '',
      resolution: g.resolution,
      ordering: 'away',
      tags: `${SPORTS_TAG.id},${g.tagId}`,
      series: g.seriesId,
    };
  });
}

/** Filters a Gamma client would use on `/events` and `/markets`. */
export function matchesGammaFilters(market: SimMarket, query: URLSearchParams): boolean {
  const { spec } = market;
  const g = LEAGUE_GAMMA[spec.league];
  const tag = query.get('tag_id');
  if (tag !== null && tag !== SPORTS_TAG.id && tag !== g.tagId) return false;
  const series = query.get('series_id') ?? query.get('series');
  if (series !== null && series !== g.seriesId) return false;
  const closed = query.get('closed');
  if (closed !== null && String(market.closed) !== closed) return false;
  const active = query.get('active');
  if (active !== null && active !== 'true') return false;
  const types = query.getAll('sports_market_types');
  if (types.length > 0 && !types.includes('moneyline')) return false;
  const slugs = query.getAll('slug');
  if (slugs.length > 0 && !slugs.includes(spec.eventSlug)) return false;
  const conditions = query.getAll('condition_ids');
  if (conditions.length > 0 && !conditions.includes(spec.conditionId)) return false;
  const tokens = query.getAll('clob_token_ids');
  if (tokens.length > 0 && !spec.outcomes.some((o) => tokens.includes(o.tokenId))) return false;
  return true;
}

/** `limit`/`offset` paging over a list (Gamma's offset pagination). */
export function page<T>(items: readonly T[], query: URLSearchParams): T[] {
  const limit = Math.min(Math.max(Number(query.get('limit') ?? '100') || 100, 1), 500);
  const offset = Math.max(Number(query.get('offset') ?? '0') || 0, 0);
  return items.slice(offset, offset + limit);
}
