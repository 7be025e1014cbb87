/**
 * Gamma wire shapes (docs/venues-polymarket.md#p1): `outcomes`, `outcomePrices`, `clobTokenIds` are
 * JSON-encoded STRINGS; `gameStartTime` uses the loose `"2026-08-07 00:00:00+00"` format;
 * tick and minimum size are JSON numbers as Gamma sends them; volume/liquidity are strings.
 * One event per game with its single moneyline market (US leagues).
 */
import { createHash } from 'node:crypto';
import type { PolymarketSimLeague } from '../control';
import { tokenPriceMicros } from './clob-views';
import { GAMES_TAG, LEAGUE_GAMMA, SPORTS_TAG } from './constants';
import type { SimMarket } from './records';
import type { PolymarketSimState } from './state';
import { decimalNumber, gammaGameTime, isoSeconds, priceText } from './wire-numbers';

const GAME_LENGTH_MS = 6 * 3_600_000;

function leagueTags(league: PolymarketSimLeague) {
  const g = LEAGUE_GAMMA[league];
  return [SPORTS_TAG, { id: g.tagId, label: league, slug: g.sport }, GAMES_TAG];
}

const tagIdsOf = (league: PolymarketSimLeague) => [SPORTS_TAG.id, LEAGUE_GAMMA[league].tagId, GAMES_TAG.id];

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
    slug: spec.marketSlug ?? spec.eventSlug,
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
  if (withEvent) view.events = [{ id: market.eventId, slug: spec.eventSlug, title: spec.eventTitle ?? spec.question }];
  return view;
}

export function gammaEventView(state: PolymarketSimState, market: SimMarket) {
  const { spec } = market;
  const g = LEAGUE_GAMMA[spec.league];
  return {
    id: market.eventId,
    ticker: spec.eventSlug,
    slug: spec.eventSlug,
    title: spec.eventTitle ?? spec.question,
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
    finishedTimestamp: market.closedAtMs === null ? null : isoSeconds(market.closedAtMs),
    gameId: Number(spec.gammaId) || spec.gammaId,
    homeTeamName: spec.homeTeamName,
    awayTeamName: spec.awayTeamName,
    seriesSlug: g.seriesSlug,
    series: [{ id: market.seriesId, ticker: g.seriesSlug, slug: g.seriesSlug, title: spec.league }],
    tags: leagueTags(spec.league),
    teams: [
      { name: spec.awayTeamName, league: g.sport, ordering: 'away' },
      { name: spec.homeTeamName, league: g.sport, ordering: 'home' },
    ],
    // Every market of the event, in listing order (one for a US-league game, three for soccer).
    markets: [...state.markets.values()]
      .filter((m) => m.eventId === market.eventId)
      .map((m) => gammaMarketView(state, m, false)),
  };
}

/**
 * `GET /sports` (docs/venues-polymarket.md#p1-sports): `tags` is a comma-separated string of tag ids, `series` a
 * string holding the league's CURRENT series id.
 */
export function sportsView(state: PolymarketSimState) {
  const leagues = (Object.keys(LEAGUE_GAMMA) as PolymarketSimLeague[]).map((league, i) => [league, i] as const);
  return leagues
    .filter(([league]) => !state.unlistedSports.has(league))
    .map(([league, i]) => {
      const g = LEAGUE_GAMMA[league];
      return {
        id: i + 1,
        sport: g.sport,
        image: '',
        resolution: g.resolution,
        ordering: 'away',
        tags: tagIdsOf(league).join(','),
        series: state.seriesIds.get(league) ?? g.seriesId,
        createdAt: '2025-09-01T00:00:00Z',
        updatedAt: isoSeconds(state.clock.now()),
      };
    });
}

/** Time filters must be ISO 8601 (refusal wording unverified: docs/venues-polymarket.md#p1-keyset). */
export function gammaQueryProblem(query: URLSearchParams): string | null {
  for (const key of ['start_time_min', 'start_time_max']) {
    const value = query.get(key);
    if (value !== null && Number.isNaN(Date.parse(value))) return `invalid ${key}`;
  }
  return null;
}

/** Filters a Gamma client would use on `/events*` and `/markets*`; list params match any of their values. */
export function matchesGammaFilters(market: SimMarket, query: URLSearchParams): boolean {
  const { spec } = market;
  const anyOf = (key: string, values: readonly string[]) => {
    const wanted = query.getAll(key);
    return wanted.length === 0 || wanted.some((w) => values.includes(w));
  };
  if (!anyOf('tag_id', tagIdsOf(spec.league))) return false;
  if (!anyOf('series_id', [market.seriesId]) || !anyOf('series', [market.seriesId])) return false;
  const closed = query.get('closed');
  if (closed !== null && String(market.closed) !== closed) return false;
  const active = query.get('active');
  if (active !== null && active !== 'true') return false;
  if (!anyOf('sports_market_types', ['moneyline'])) return false;
  if (!anyOf('slug', [spec.eventSlug])) return false;
  if (!anyOf('condition_ids', [spec.conditionId])) return false;
  if (
    !anyOf(
      'clob_token_ids',
      spec.outcomes.map((o) => o.tokenId),
    )
  )
    return false;
  const min = query.get('start_time_min');
  if (min !== null && spec.gameStartMs < Date.parse(min)) return false;
  const max = query.get('start_time_max');
  if (max !== null && spec.gameStartMs > Date.parse(max)) return false;
  return true;
}

/** The page size asked, clamped silently to the endpoint's cap (docs/venues-polymarket.md#p1-offset-sunset). */
export function clampedLimit(query: URLSearchParams, cap: number): number {
  return Math.min(Math.max(Number(query.get('limit') ?? String(cap)) || cap, 1), cap);
}

/** `limit`/`offset` paging over a list (Gamma's legacy offset pagination). */
export function page<T>(items: readonly T[], query: URLSearchParams, cap: number): T[] {
  const offset = Math.max(Number(query.get('offset') ?? '0') || 0, 0);
  return items.slice(offset, offset + clampedLimit(query, cap));
}

/**
 * Keyset paging (docs/venues-polymarket.md#p1-keyset): `after_cursor` continues, `cursor` is ignored (page 1),
 * `next_cursor` is absent on the last page, and a cursor only continues the query it came from (every filter must
 * be sent again). The cursor is opaque: base64url of the next offset and a hash of the query's filters.
 */
export function keysetPage<T>(
  items: readonly T[],
  query: URLSearchParams,
  cap: number,
): { rows: T[]; next?: string } | { error: string } {
  const key = queryKey(query);
  let offset = 0;
  const after = query.get('after_cursor');
  if (after !== null) {
    const decoded = decodeCursor(after);
    if (!decoded || decoded.q !== key) return { error: 'invalid after_cursor for this query' };
    offset = decoded.o;
  }
  const limit = clampedLimit(query, cap);
  const rows = items.slice(offset, offset + limit);
  const nextOffset = offset + rows.length;
  if (nextOffset >= items.length) return { rows };
  return { rows, next: Buffer.from(JSON.stringify({ o: nextOffset, q: key })).toString('base64url') };
}

function queryKey(query: URLSearchParams): string {
  const ignored = new Set(['after_cursor', 'cursor', 'limit']);
  const pairs = [...query]
    .filter(([k]) => !ignored.has(k))
    .sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y));
  return createHash('sha1').update(JSON.stringify(pairs)).digest('hex').slice(0, 16);
}

function decodeCursor(text: string): { o: number; q: string } | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    return Number.isInteger(value.o) && (value.o as number) >= 0 && typeof value.q === 'string'
      ? { o: value.o as number, q: value.q }
      : null;
  } catch {
    return null;
  }
}
