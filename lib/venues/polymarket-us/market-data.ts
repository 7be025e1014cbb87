/**
 * Polymarket US read side, all on the public gateway (docs/venues-polymarket-us.md#u-discovery,
 * #u-book, #u-settlement): games per league, books, resolution. A market's trading facts (tick,
 * size rules, Θ) are remembered from discovery and read by slug when not known.
 */
import type { League, Resolution } from '../../core/market';
import { type ItemProblemSink, Rejected, readItem } from '../../engine/ports';
import { ENDPOINTS, EVENTS_PAGE_LIMIT, PATHS } from './constants';
import { badResponse } from './errors';
import { booksOf } from './parse-books';
import { type MarketFacts, marketFactsOf, toGame, toResolution } from './parse-markets';
import { pmusInstrument } from './parse-orders';
import type { PolymarketUsRest } from './rest';
import { bookResponse, leagueEventsResponse, marketResponse, settlementResponse } from './schemas';
import type { PolymarketUsBook, PolymarketUsGame, PolymarketUsInstrument } from './types';

function isStatus(err: unknown, ...statuses: number[]): boolean {
  return err instanceof Rejected && err.status !== undefined && statuses.includes(err.status);
}

export class PolymarketUsMarketData {
  private readonly facts = new Map<string, MarketFacts>();

  constructor(private readonly rest: PolymarketUsRest) {}

  async listGames(leagues: readonly League[], onItemProblem?: ItemProblemSink): Promise<PolymarketUsGame[]> {
    const games: PolymarketUsGame[] = [];
    const seen = new Set<string>();
    for (const league of new Set(leagues)) {
      const leagueSlug = this.rest.config.leagueSlugs[league];
      const endpoint = ENDPOINTS.leagueEvents;
      if (leagueSlug === undefined) {
        // No documented league slug (DEFAULT_LEAGUE_SLUGS): the league is not listed here.
        onItemProblem?.(
          badResponse(endpoint, `no league slug known for ${league} (leagueSlugs): its games are not listed`),
        );
        continue;
      }
      const events = await this.rest.pageByOffset(endpoint, EVENTS_PAGE_LIMIT, async (offset, limit) => {
        const { data } = await this.rest.read({
          method: 'GET',
          path: PATHS.leagueEvents(leagueSlug),
          query: { limit, offset, type: 'sport' },
          endpoint,
          schema: leagueEventsResponse,
          idempotent: true,
        });
        return data.events ?? [];
      });
      for (const raw of events) {
        const game = readItem(
          () => toGame(raw, league, leagueSlug, this.rest.config.takerThetaPpm, endpoint),
          onItemProblem,
        );
        // Offset pages can repeat an event when the listing moves between two pages.
        if (!game || seen.has(game.marketSlug)) continue;
        seen.add(game.marketSlug);
        this.facts.set(game.marketSlug, {
          marketSlug: game.marketSlug,
          tickMicros: game.tickMicros,
          minSizeCenti: game.minSizeCenti,
          stepCenti: game.sizeStepCenti,
          takerThetaPpm: game.takerThetaPpm,
          tradable: game.tradable,
        });
        games.push(game);
      }
    }
    return games;
  }

  /** Trading facts of a market: remembered from discovery, else `GET /v1/market/slug/{slug}`. */
  async factsOf(marketSlug: string, fresh = false): Promise<MarketFacts> {
    const known = this.facts.get(marketSlug);
    if (known && !fresh) return known;
    const { data } = await this.rest.read({
      method: 'GET',
      path: PATHS.marketBySlug(marketSlug),
      endpoint: ENDPOINTS.marketBySlug,
      schema: marketResponse,
      idempotent: true,
    });
    const facts = marketFactsOf(data.market, this.rest.config.takerThetaPpm, ENDPOINTS.marketBySlug);
    this.facts.set(marketSlug, facts);
    return facts;
  }

  /** Books of the given instruments, one request per market (both sides come from one book). */
  async getBooks(
    instruments: readonly PolymarketUsInstrument[],
    onItemProblem?: ItemProblemSink,
  ): Promise<Map<string, PolymarketUsBook>> {
    const out = new Map<string, PolymarketUsBook>();
    const slugs = [...new Set(instruments.map((i) => pmusInstrument(i).marketSlug))];
    const wanted = new Set(instruments.map((i) => `${i.marketSlug}:${i.side}`));
    // No batch endpoint: one read per market, sent together (the token bucket paces them).
    const all = await Promise.all(slugs.map((slug) => this.bookOf(slug, onItemProblem)));
    for (const books of all) {
      for (const [key, book] of books ?? []) {
        if (wanted.has(`${book.instrument.marketSlug}:${book.instrument.side}`)) out.set(key, book);
      }
    }
    return out;
  }

  private async bookOf(slug: string, onItemProblem?: ItemProblemSink): Promise<Map<string, PolymarketUsBook> | null> {
    const endpoint = ENDPOINTS.book;
    let facts: MarketFacts;
    try {
      facts = await this.factsOf(slug);
    } catch (err) {
      if (isStatus(err, 404)) return null; // no such market: no book
      return readItem(() => {
        throw err;
      }, onItemProblem);
    }
    try {
      const { data } = await this.rest.read({
        method: 'GET',
        path: PATHS.book(slug),
        endpoint,
        schema: bookResponse,
        idempotent: true,
      });
      const observedAtMs = this.rest.clock.now();
      return readItem(() => booksOf(data.marketData, facts, observedAtMs, endpoint), onItemProblem);
    } catch (err) {
      if (isStatus(err, 404)) return null;
      return readItem(() => {
        throw err;
      }, onItemProblem);
    }
  }

  /**
   * Resolution (docs/venues-polymarket-us.md#u-settlement): `MARKET_STATUS_RESOLVED` ("final
   * settlement published") and its settlement price; anything else is unresolved. A resolved
   * market whose settlement is not served yet (404) is unresolved too: asked again later.
   */
  async getResolution(instrument: PolymarketUsInstrument): Promise<Resolution> {
    const slug = pmusInstrument(instrument).marketSlug;
    const { data } = await this.rest.read({
      method: 'GET',
      path: PATHS.marketBySlug(slug),
      endpoint: ENDPOINTS.marketBySlug,
      schema: marketResponse,
      idempotent: true,
    });
    if (data.market.status !== 'MARKET_STATUS_RESOLVED') return { state: 'unresolved' };
    let settled: { slug: string; longPayoutMicros: number };
    try {
      ({ data: settled } = await this.rest.read({
        method: 'GET',
        path: PATHS.settlement(slug),
        endpoint: ENDPOINTS.settlement,
        schema: settlementResponse,
        idempotent: true,
      }));
    } catch (err) {
      if (isStatus(err, 404)) return { state: 'unresolved' };
      throw err;
    }
    if (settled.slug !== slug)
      throw badResponse(ENDPOINTS.settlement, `asked for ${slug}, got the settlement of ${settled.slug}`);
    return toResolution(slug, settled.longPayoutMicros, ENDPOINTS.settlement);
  }
}
