/**
 * Polymarket read side: Gamma discovery (discovery.ts), CLOB books and resolution (docs/venues-polymarket.md#p1, #p2, #p6), and
 * the market facts orders need (`MarketInfo`), cached from discovery and fetched on demand.
 * Public endpoints: no credentials needed.
 */
import type {
  Book,
  InstrumentRef,
  League,
  PolymarketGame,
  PolymarketOutcomeEvent,
  Resolution,
} from '../../core/market';
import { instrumentKey } from '../../core/market';
import { BadResponse, type ItemProblemSink, Rejected, readItem } from '../../engine/ports';
import { BOOKS_BATCH, ENDPOINTS, PATHS } from './constants';
import { GammaDiscovery, MARKETS_KEYSET } from './discovery';
import { mapOrBad } from './parse';
import { bookOf } from './parse-books';
import { type MarketInfo, marketInfoOf, resolutionOf } from './parse-markets';
import type { PolymarketRest } from './rest';
import { clobBooks, clobMarket, type GammaMarket } from './schemas';

export type PolymarketInstrument = Extract<InstrumentRef, { venue: 'polymarket' }>;

const BOOKS = `POST ${PATHS.books}`;

export class PolymarketMarketData {
  /** Market facts by traded token id, filled by discovery and on demand. */
  private readonly markets = new Map<string, MarketInfo>();

  private readonly discovery: GammaDiscovery;

  constructor(private readonly rest: PolymarketRest) {
    this.discovery = new GammaDiscovery(rest, (info) => this.remember(info));
  }

  /** Open moneyline games of the wanted leagues: `/sports`, then `/events/keyset` per league (discovery.ts). */
  listGames(
    leagues: readonly League[],
    onItemProblem?: ItemProblemSink,
  ): Promise<Array<PolymarketGame | PolymarketOutcomeEvent>> {
    return this.discovery.listGames(leagues, onItemProblem);
  }

  /** Each league's current Gamma series id, `/sports` read afresh (discovery.ts; preflight). */
  leagueSeries(leagues: readonly League[], sink: ItemProblemSink): Promise<Map<League, string>> {
    return this.discovery.leagueSeries(leagues, sink);
  }

  /** Markets by condition id, `closed` sent explicitly, 100 ids a request (docs/venues-polymarket.md#p1-keyset). */
  marketsByCondition(conditionIds: readonly string[], closed: boolean): Promise<GammaMarket[]> {
    return this.discovery.marketsByCondition(conditionIds, closed);
  }

  private remember(info: MarketInfo): void {
    for (const tokenId of info.tokenIds) this.markets.set(tokenId, info);
  }

  /** Market facts for an order: cached from discovery, else Gamma by condition id. */
  async marketInfo(instrument: PolymarketInstrument): Promise<MarketInfo> {
    const cached = this.markets.get(instrument.tokenId);
    if (cached) return cached;
    const market = await this.gammaMarketOf(instrument.conditionId, false);
    const info = mapOrBad(MARKETS_KEYSET, () => marketInfoOf(market));
    if (!info.tokenIds.includes(instrument.tokenId)) {
      throw new BadResponse(`polymarket market ${instrument.conditionId} does not trade token ${instrument.tokenId}`, {
        venue: 'polymarket',
        endpoint: MARKETS_KEYSET,
      });
    }
    this.remember(info);
    return info;
  }

  /**
   * One market by condition id: open markets first, then closed ones (resolution). Gamma's keyset endpoint is
   * asked with `closed` explicit each time (docs/venues-polymarket.md#p1-keyset).
   */
  private async gammaMarketOf(conditionId: string, alsoClosed: boolean): Promise<GammaMarket> {
    const same = (m: GammaMarket) => m.conditionId.toLowerCase() === conditionId.toLowerCase();
    let market = (await this.marketsByCondition([conditionId], false)).find(same);
    if (!market && alsoClosed) market = (await this.marketsByCondition([conditionId], true)).find(same);
    if (!market) {
      throw new BadResponse(`polymarket has no Gamma market for condition ${conditionId}`, {
        venue: 'polymarket',
        endpoint: MARKETS_KEYSET,
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
    const market = await this.gammaMarketOf(instrument.conditionId, true);
    const info = mapOrBad(MARKETS_KEYSET, () => marketInfoOf(market));
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
