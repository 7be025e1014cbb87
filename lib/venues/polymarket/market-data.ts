/**
 * Polymarket read side: Gamma discovery, CLOB books and resolution (docs/venues-polymarket.md#p1, #p2, #p6), and
 * the market facts orders need (`MarketInfo`), cached from discovery and fetched on demand.
 * Public endpoints: no credentials needed.
 */
import type { Book, InstrumentRef, League, PolymarketGame, Resolution } from '../../core/market';
import { instrumentKey } from '../../core/market';
import { BadResponse, type ItemProblemSink, Rejected, readItem } from '../../engine/ports';
import { BOOKS_BATCH, ENDPOINTS, GAMMA_MAX_PAGES, GAMMA_PAGE, PATHS } from './constants';
import { mapOrBad } from './parse';
import { bookOf } from './parse-books';
import { gameOf, leagueOf, type MarketInfo, marketInfoOf, resolutionOf } from './parse-markets';
import type { PolymarketRest } from './rest';
import { clobBooks, clobMarket, type GammaMarket, gammaMarket, gammaMarketList, gammaMarketPage } from './schemas';

export type PolymarketInstrument = Extract<InstrumentRef, { venue: 'polymarket' }>;

const GAMMA_MARKETS = `GET ${PATHS.gammaMarkets}`;
const BOOKS = `POST ${PATHS.books}`;

export class PolymarketMarketData {
  /** Market facts by traded token id, filled by discovery and on demand. */
  private readonly markets = new Map<string, MarketInfo>();

  constructor(private readonly rest: PolymarketRest) {}

  async listGames(leagues: readonly League[], onItemProblem?: ItemProblemSink): Promise<PolymarketGame[]> {
    const wanted = new Set(leagues);
    if (wanted.size === 0) return [];
    const games: PolymarketGame[] = [];
    for (let page = 0; page < GAMMA_MAX_PAGES; page++) {
      const res = await this.rest.gamma.request({
        method: 'GET',
        path: PATHS.gammaMarkets,
        query: { sports_market_types: 'moneyline', closed: false, limit: GAMMA_PAGE, offset: page * GAMMA_PAGE },
        schema: gammaMarketPage,
        idempotent: true,
      });
      for (const raw of res.data) {
        // A malformed game is left out; the others still trade.
        const game = readItem(() => this.gameFromRaw(raw, wanted), onItemProblem);
        if (game) games.push(game);
      }
      if (res.data.length < GAMMA_PAGE) break;
    }
    return games;
  }

  /** Other sports' oddities are skipped; a malformed market of a wanted league is a BadResponse. */
  private gameFromRaw(raw: Record<string, unknown>, wanted: ReadonlySet<League>): PolymarketGame | null {
    if (raw.sportsMarketType !== 'moneyline') return null;
    const slugOnly = gammaMarket.pick({ slug: true, events: true }).safeParse(raw);
    const league = slugOnly.success ? leagueOf(slugOnly.data) : null;
    if (slugOnly.success && (!league || !wanted.has(league))) return null;
    const parsed = gammaMarket.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BadResponse(
        `polymarket ${GAMMA_MARKETS} sent a malformed market (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
        {
          venue: 'polymarket',
          endpoint: GAMMA_MARKETS,
        },
      );
    }
    const game = mapOrBad(GAMMA_MARKETS, () => gameOf(parsed.data, wanted));
    if (game) this.remember(mapOrBad(GAMMA_MARKETS, () => marketInfoOf(parsed.data)));
    return game;
  }

  private remember(info: MarketInfo): void {
    for (const tokenId of info.tokenIds) this.markets.set(tokenId, info);
  }

  /** Market facts for an order: cached from discovery, else Gamma by condition id. */
  async marketInfo(instrument: PolymarketInstrument): Promise<MarketInfo> {
    const cached = this.markets.get(instrument.tokenId);
    if (cached) return cached;
    const market = await this.gammaMarketOf(instrument.conditionId);
    const info = mapOrBad(GAMMA_MARKETS, () => marketInfoOf(market));
    if (!info.tokenIds.includes(instrument.tokenId)) {
      throw new BadResponse(`polymarket market ${instrument.conditionId} does not trade token ${instrument.tokenId}`, {
        venue: 'polymarket',
        endpoint: GAMMA_MARKETS,
      });
    }
    this.remember(info);
    return info;
  }

  private async gammaMarketOf(conditionId: string): Promise<GammaMarket> {
    const res = await this.rest.gamma.request({
      method: 'GET',
      path: PATHS.gammaMarkets,
      query: { condition_ids: conditionId },
      schema: gammaMarketList,
      idempotent: true,
    });
    const market = res.data.find((m) => m.conditionId.toLowerCase() === conditionId.toLowerCase());
    if (!market) {
      throw new BadResponse(`polymarket has no Gamma market for condition ${conditionId}`, {
        venue: 'polymarket',
        endpoint: GAMMA_MARKETS,
      });
    }
    return market;
  }

  /** `POST /books` in batches. A token the venue returns no book for is absent from the map. */
  async getBooks(instruments: readonly InstrumentRef[], onItemProblem?: ItemProblemSink): Promise<Map<string, Book>> {
    const wanted = new Map<string, PolymarketInstrument>();
    for (const i of instruments) {
      if (i.venue !== 'polymarket')
        throw new Rejected(`polymarket cannot price a ${i.venue} instrument`, { venue: 'polymarket' });
      wanted.set(i.tokenId, i);
    }
    const ids = [...wanted.keys()];
    const out = new Map<string, Book>();
    for (let start = 0; start < ids.length; start += BOOKS_BATCH) {
      const batch = ids.slice(start, start + BOOKS_BATCH);
      await this.rest.booksBucket.take();
      const res = await this.rest.clob.request({
        method: 'POST',
        path: PATHS.books,
        body: JSON.stringify(batch.map((token_id) => ({ token_id }))),
        schema: clobBooks,
        // A read: safe to repeat, and drawn from the read bucket.
        idempotent: true,
        class: 'read',
      });
      const observedAtMs = this.rest.clock.now();
      for (const raw of res.data) {
        const instrument = wanted.get(raw.asset_id);
        if (!instrument) continue;
        // An unusable book is absent: its pairs are not planned.
        const book = readItem(() => mapOrBad(BOOKS, () => bookOf(raw, instrument, observedAtMs)), onItemProblem);
        if (!book) continue;
        out.set(instrumentKey(instrument), book);
        this.noteBook(raw.asset_id, book.tickMicros, raw.neg_risk);
      }
    }
    return out;
  }

  /** The tick can change during a game (and the book is the CLOB's word on neg-risk). */
  private noteBook(tokenId: string, tickMicros: number, negRisk: boolean | undefined): void {
    const info = this.markets.get(tokenId);
    if (!info) return;
    if (info.tickMicros !== tickMicros || (negRisk !== undefined && negRisk !== info.negRisk)) {
      this.remember({ ...info, tickMicros, negRisk: negRisk ?? info.negRisk });
    }
  }

  async getResolution(instrument: InstrumentRef): Promise<Resolution> {
    if (instrument.venue !== 'polymarket')
      throw new Rejected(`polymarket cannot resolve a ${instrument.venue} instrument`, { venue: 'polymarket' });
    const market = await this.gammaMarketOf(instrument.conditionId);
    const info = mapOrBad(GAMMA_MARKETS, () => marketInfoOf(market));
    let clob = null;
    if (market.closed === true) {
      const res = await this.rest.clob.request({
        method: 'GET',
        path: PATHS.clobMarket(instrument.conditionId),
        schema: clobMarket,
        idempotent: true,
        endpoint: ENDPOINTS.clobMarket,
      });
      clob = res.data;
    }
    return mapOrBad(ENDPOINTS.clobMarket, () => resolutionOf(market, info, clob));
  }
}
