/**
 * Gamma discovery as the venue serves it since the offset endpoints were retired
 * (docs/venues-polymarket.md#p1-offset-sunset):
 *  1. `GET /sports`, cached for a day, gives each league's `series` id (it changes every season: #p1-sports);
 *  2. per league, `GET /events/keyset?series_id=…&tag_id=100639&closed=false&start_time_min=…&limit=…`, then
 *     the same query plus `after_cursor=<next_cursor>` until a page comes without `next_cursor` (#p1-keyset);
 *  3. the moneyline market of each event, picked by `sportsMarketType`.
 * Lookups by condition id go through `GET /markets/keyset?condition_ids=…` in chunks of 100.
 *
 * Bad input is recorded through the ItemProblemSink (a BadResponse naming the endpoint and the league) and the
 * rest of the listing is still used; without a sink it is thrown. A league left out or an event left out can
 * never be traded. Transport failures (timeouts, 5xx, 429, auth) still fail the whole call.
 */
import type { League, PolymarketGame, PolymarketOutcomeEvent } from '../../core/market';
import { isThreeWayLeague } from '../../core/match/outcomes';
import { BadResponse, type ItemProblemSink, Rejected, readItem } from '../../engine/ports';
import { followCursor } from '../paging';
import {
  GAMMA_CONDITION_IDS_PER_REQUEST,
  GAMMA_EVENTS_PAGE,
  GAMMA_GAMES_TAG_ID,
  GAMMA_MARKETS_PAGE,
  GAMMA_MAX_PAGES,
  GAMMA_SPORTS_TTL_MS,
  GAMMA_START_LOOKBACK_MS,
  LEAGUE_SPORT_CODE,
  PATHS,
} from './constants';
import { mapOrBad, parseLooseTime } from './parse';
import { gameOf, isOutcomeMarketOf, leagueOf, type MarketInfo, marketInfoOf, outcomeEventOf } from './parse-markets';
import type { PolymarketRest } from './rest';
import {
  type GammaEvent,
  type GammaMarket,
  type GammaSport,
  gammaEvent,
  gammaEventsKeysetPage,
  gammaMarket,
  gammaMarketsKeysetPage,
  gammaSport,
  gammaSportsList,
} from './schemas';

export const SPORTS = `GET ${PATHS.gammaSports}`;
export const EVENTS_KEYSET = `GET ${PATHS.gammaEventsKeyset}`;
export const MARKETS_KEYSET = `GET ${PATHS.gammaMarketsKeyset}`;

const bad = (endpoint: string, message: string, cause?: unknown) =>
  new BadResponse(`polymarket ${endpoint} ${message}`, { venue: 'polymarket', endpoint }, { cause });

/** Recorded with a sink, thrown without one (the ItemProblemSink contract). */
function report(problem: BadResponse, sink: ItemProblemSink | undefined): void {
  if (!sink) throw problem;
  sink(problem);
}

function firstIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'schema mismatch';
}

/** Time fields of an event may come ISO or Postgres-like (docs/venues-polymarket.md#p1-game-start). */
function timeOrNull(text: string | null | undefined): number | null {
  if (!text) return null;
  try {
    return parseLooseTime(text);
  } catch {
    return null;
  }
}

export class GammaDiscovery {
  private sports: { readonly atMs: number; readonly bySport: ReadonlyMap<string, GammaSport> } | null = null;

  constructor(
    private readonly rest: PolymarketRest,
    private readonly remember: (info: MarketInfo) => void,
  ) {}

  async listGames(
    leagues: readonly League[],
    sink?: ItemProblemSink,
  ): Promise<Array<PolymarketGame | PolymarketOutcomeEvent>> {
    const wanted = new Set(leagues);
    if (wanted.size === 0) return [];
    const sports = await this.sportsBySport(sink);
    const games: Array<PolymarketGame | PolymarketOutcomeEvent> = [];
    for (const league of wanted) {
      const sport = sports.get(LEAGUE_SPORT_CODE[league]);
      if (!sport) {
        report(
          bad(SPORTS, `lists no sport "${LEAGUE_SPORT_CODE[league]}" (${league}): its games are not listed`),
          sink,
        );
        continue;
      }
      games.push(...(await this.leagueGames(league, sport.series, wanted, sink)));
    }
    return games;
  }

  /**
   * Each league's current series id as `/sports` gives it, read afresh (preflight:
   * docs/engine.md#preflight); a league `/sports` lists no usable row for is left out, with the
   * problem in `sink`. Games are listed with these ids and the games tag `GAMMA_GAMES_TAG_ID`.
   */
  async leagueSeries(leagues: readonly League[], sink: ItemProblemSink): Promise<Map<League, string>> {
    const sports = await this.sportsBySport(sink, true);
    const out = new Map<League, string>();
    for (const league of new Set(leagues)) {
      const sport = sports.get(LEAGUE_SPORT_CODE[league]);
      if (sport) out.set(league, sport.series);
      else sink(bad(SPORTS, `lists no sport "${LEAGUE_SPORT_CODE[league]}" (${league}): its games are not listed`));
    }
    return out;
  }

  /** `/sports`, re-read once a day on the injected clock (docs/venues-polymarket.md#p1-sports); `fresh` reads it now. */
  private async sportsBySport(
    sink: ItemProblemSink | undefined,
    fresh = false,
  ): Promise<ReadonlyMap<string, GammaSport>> {
    const now = this.rest.clock.now();
    if (!fresh && this.sports && now - this.sports.atMs < GAMMA_SPORTS_TTL_MS) return this.sports.bySport;
    const res = await this.rest.gamma.request({
      method: 'GET',
      path: PATHS.gammaSports,
      schema: gammaSportsList,
      idempotent: true,
    });
    const wantedCodes = new Set(Object.values(LEAGUE_SPORT_CODE));
    const bySport = new Map<string, GammaSport>();
    for (const raw of res.data) {
      if (typeof raw.sport !== 'string' || !wantedCodes.has(raw.sport)) continue;
      const row = gammaSport.safeParse(raw);
      if (!row.success) {
        report(bad(SPORTS, `sent a malformed row for "${raw.sport}" (${firstIssue(row.error)})`), sink);
        continue;
      }
      if (bySport.has(row.data.sport)) {
        report(bad(SPORTS, `lists sport "${row.data.sport}" twice: the first row is used`), sink);
        continue;
      }
      bySport.set(row.data.sport, row.data);
    }
    this.sports = { atMs: now, bySport };
    return bySport;
  }

  /** Every open game of one series, page by page; a bad page ends the league with what was read. */
  private async leagueGames(
    league: League,
    seriesId: string,
    wanted: ReadonlySet<League>,
    sink: ItemProblemSink | undefined,
  ): Promise<Array<PolymarketGame | PolymarketOutcomeEvent>> {
    const nowMs = this.rest.clock.now();
    // Every filter is sent again with each cursor: the cursor belongs to the query (docs/venues-polymarket.md#p1-keyset).
    const query = {
      series_id: seriesId,
      tag_id: GAMMA_GAMES_TAG_ID,
      closed: false,
      start_time_min: new Date(nowMs - GAMMA_START_LOOKBACK_MS).toISOString(),
      limit: GAMMA_EVENTS_PAGE,
    };
    const where = `(${league}, series ${seriesId})`;
    const games: Array<PolymarketGame | PolymarketOutcomeEvent> = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    let events = 0;
    let complete = false;
    for (let page = 0; ; page++) {
      if (page === GAMMA_MAX_PAGES) {
        report(bad(EVENTS_KEYSET, `${where} still had pages after ${GAMMA_MAX_PAGES}: the rest is not listed`), sink);
        break;
      }
      let data: { events: Array<Record<string, unknown>>; next_cursor?: string | null | undefined };
      try {
        const res = await this.rest.gamma.request({
          method: 'GET',
          path: PATHS.gammaEventsKeyset,
          query: cursor === undefined ? query : { ...query, after_cursor: cursor },
          schema: gammaEventsKeysetPage,
          idempotent: true,
        });
        data = res.data;
      } catch (err) {
        // A page failing its schema, or a 4xx such as 422: this league keeps the pages read so far.
        if (!(err instanceof BadResponse) && !(err instanceof Rejected)) throw err;
        report(bad(EVENTS_KEYSET, `${where} page ${page + 1} unusable: ${err.message}`, err), sink);
        break;
      }
      events += data.events.length;
      for (const raw of data.events) {
        const game = readItem(() => this.gameOfEvent(raw, league, seriesId, wanted, nowMs), sink);
        if (game) games.push(game);
      }
      const next = data.next_cursor ?? undefined;
      if (next === undefined) {
        complete = true;
        break;
      }
      if (seen.has(next)) {
        report(bad(EVENTS_KEYSET, `${where} repeated cursor ${next} after page ${page + 1}: paging stopped`), sink);
        break;
      }
      seen.add(next);
      cursor = next;
    }
    // Off-season, or a stale series id: worth a record, never an exception.
    if (complete && events === 0) sink?.(bad(EVENTS_KEYSET, `${where} listed no open game`));
    return games;
  }

  /** The moneyline game of one event, or null (no moneyline market, not a two-team market). */
  private gameOfEvent(
    raw: Record<string, unknown>,
    league: League,
    seriesId: string,
    wanted: ReadonlySet<League>,
    nowMs: number,
  ): PolymarketGame | PolymarketOutcomeEvent | null {
    const parsed = gammaEvent.safeParse(raw);
    const label = `(${league}) event ${typeof raw.id === 'string' || typeof raw.id === 'number' ? raw.id : '?'}`;
    if (!parsed.success) throw bad(EVENTS_KEYSET, `${label} is malformed (${firstIssue(parsed.error)})`);
    const event = parsed.data;
    // What came back must be what was asked (docs/venues-polymarket.md#p1-filters-ignored).
    if (event.closed === true) throw bad(EVENTS_KEYSET, `${label} is closed although closed=false was asked`);
    this.checkSeries(event, league, seriesId, label);
    if (isThreeWayLeague(league)) return this.outcomeEventOf(event, league, label, nowMs);
    const moneylines = (event.markets ?? []).filter((m) => m.sportsMarketType === 'moneyline');
    if (moneylines.length === 0) return null;
    if (moneylines.length > 1) throw bad(EVENTS_KEYSET, `${label} has ${moneylines.length} moneyline markets`);
    const market = gammaMarket.safeParse(moneylines[0]);
    if (!market.success) {
      throw bad(EVENTS_KEYSET, `${label} sent a malformed market (${firstIssue(market.error)})`);
    }
    const withEvent: GammaMarket = {
      ...market.data,
      events: [{ slug: event.slug ?? undefined, seriesSlug: event.seriesSlug, series: event.series }],
    };
    const game = mapOrBad(`${EVENTS_KEYSET} (${league})`, () => gameOf(withEvent, wanted, league));
    if (!game) return null;
    this.remember(mapOrBad(`${EVENTS_KEYSET} (${league})`, () => marketInfoOf(withEvent)));
    return ended(event, nowMs) ? { ...game, tradable: false } : game;
  }

  /**
   * A three-way (soccer) event: one Yes/No market per outcome (docs/adr/0012-three-way-markets.md).
   * Every outcome market's facts are remembered for orders and resolution; the matcher checks the
   * outcomes against the clubs.
   */
  private outcomeEventOf(
    event: GammaEvent,
    league: League,
    label: string,
    nowMs: number,
  ): PolymarketOutcomeEvent | null {
    if (!event.slug) throw bad(EVENTS_KEYSET, `${label} has no slug`);
    const slug = event.slug;
    const markets: Array<{ market: GammaMarket; info: MarketInfo }> = [];
    for (const raw of event.markets ?? []) {
      const market = gammaMarket.safeParse(raw);
      if (!market.success) throw bad(EVENTS_KEYSET, `${label} sent a malformed market (${firstIssue(market.error)})`);
      if (!isOutcomeMarketOf(slug, market.data)) continue;
      const info = mapOrBad(`${EVENTS_KEYSET} (${league})`, () => marketInfoOf(market.data));
      markets.push({ market: market.data, info });
    }
    const game = mapOrBad(`${EVENTS_KEYSET} (${league})`, () =>
      outcomeEventOf(
        {
          id: event.id,
          slug,
          title: event.title ?? '',
          negRisk: event.negRisk ?? false,
          startTime: event.startTime ?? null,
        },
        markets,
        league,
      ),
    );
    if (game.markets.length === 0) return null;
    for (const m of game.markets) {
      const info = markets.find((x) => x.market.conditionId === m.conditionId)?.info;
      if (info) this.remember(info);
    }
    return ended(event, nowMs) ? { ...game, tradable: false } : game;
  }

  /** An event of another series (or, without series ids, another league's slug) is left out. */
  private checkSeries(event: GammaEvent, league: League, seriesId: string, label: string): void {
    const ids = (event.series ?? []).map((s) => s.id);
    if (ids.length > 0) {
      if (!ids.includes(seriesId)) {
        throw bad(EVENTS_KEYSET, `${label} belongs to series ${ids.join(',')}, not ${seriesId} as asked`);
      }
      return;
    }
    const slugLeague = leagueOf({ slug: event.slug ?? '', events: [{ seriesSlug: event.seriesSlug }] });
    if (slugLeague !== league) {
      throw bad(EVENTS_KEYSET, `${label} names no series and its slug ${event.slug ?? '(none)'} is not ${league}`);
    }
  }

  /**
   * Markets by condition id, `closed` sent explicitly, at most 100 ids a request
   * (docs/venues-polymarket.md#p1-keyset). A page failing its schema, a repeated cursor or too many pages throw.
   */
  async marketsByCondition(conditionIds: readonly string[], closed: boolean): Promise<GammaMarket[]> {
    const ids = [...new Set(conditionIds)];
    const out: GammaMarket[] = [];
    for (let start = 0; start < ids.length; start += GAMMA_CONDITION_IDS_PER_REQUEST) {
      const chunk = ids.slice(start, start + GAMMA_CONDITION_IDS_PER_REQUEST);
      const query = { condition_ids: chunk, closed, limit: GAMMA_MARKETS_PAGE };
      const markets = await followCursor(
        { maxPages: GAMMA_MAX_PAGES, fail: (why) => bad(MARKETS_KEYSET, why) },
        async (cursor) => {
          const res = await this.rest.gamma.request({
            method: 'GET',
            path: PATHS.gammaMarketsKeyset,
            query: cursor === undefined ? query : { ...query, after_cursor: cursor },
            schema: gammaMarketsKeysetPage,
            idempotent: true,
          });
          return { items: res.data.markets, cursor: res.data.next_cursor };
        },
      );
      out.push(...markets);
    }
    return out;
  }
}

/**
 * A game that is over may still show `active: true, closed: false` (docs/venues-polymarket.md#p1-ended): the event's
 * `ended`, `finishedTimestamp` and `endDate` decide too.
 */
export function ended(event: Pick<GammaEvent, 'ended' | 'finishedTimestamp' | 'endDate'>, nowMs: number): boolean {
  if (event.ended === true) return true;
  if (event.finishedTimestamp) return true;
  const end = timeOrNull(event.endDate);
  return end !== null && end <= nowMs;
}
