/**
 * Kalshi read side: game discovery (series → events → markets), order books and resolution
 * (docs/venues-kalshi.md#k1, #k2). Public endpoints; requests are signed anyway when credentials exist, as
 * the SDK does (kalshi-typescript `base.ts`), and the batch book endpoint declares auth.
 */
import type { Book, InstrumentRef, KalshiGame, League, Resolution } from '../../core/market';
import { instrumentKey } from '../../core/market';
import type { PriceMicros } from '../../core/money';
import { AuthError, type ItemProblemSink, Rejected, readItem } from '../../engine/ports';
import { ENDPOINTS, EVENTS_PAGE_LIMIT, PATHS } from './constants';
import { badResponse } from './errors';
import { booksOf } from './parse-books';
import {
  gameStartsByEvent,
  parseItem,
  type SeriesFee,
  sizeStepOf,
  tickOf,
  toKalshiGame,
  toResolution,
} from './parse-markets';
import type { KalshiRest } from './rest';
import {
  event,
  eventsResponse,
  market,
  marketResponse,
  marketsResponse,
  orderbookResponse,
  orderbooksResponse,
  seriesResponse,
  type WireOrderbook,
} from './schemas';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function isStatus(err: unknown, ...statuses: number[]): boolean {
  return err instanceof Rejected && err.status !== undefined && statuses.includes(err.status);
}

export class KalshiMarketData {
  /** Tick per market ticker, filled by discovery and by book fetches. */
  private readonly ticks = new Map<string, PriceMicros>();
  /** Order size step per market ticker (docs/venues-kalshi.md#k1-fractional), filled with the ticks. */
  private readonly steps = new Map<string, number>();
  /** Turned off for the life of the client once the batch endpoint proves missing. */
  private batchBooks = true;

  constructor(private readonly rest: KalshiRest) {}

  async listGames(leagues: readonly League[], onItemProblem?: ItemProblemSink): Promise<KalshiGame[]> {
    const games: KalshiGame[] = [];
    for (const league of new Set(leagues)) {
      const seriesTicker = this.rest.config.seriesTickers[league];
      let fee: SeriesFee;
      try {
        fee = await this.seriesFee(seriesTicker);
      } catch (err) {
        // A series Kalshi does not know (a catalogued series not confirmed live: docs/leagues.md)
        // leaves its league out, recorded; the other leagues are still listed. Other failures fail the call.
        if (!isStatus(err, 404) || !onItemProblem) throw err;
        onItemProblem(
          badResponse(ENDPOINTS.series, `series ${seriesTicker} (${league}) not found: its games are not listed`),
        );
        continue;
      }
      const endpoint = `GET ${PATHS.events}`;
      const milestones: unknown[] = [];
      const events = await this.rest.paginate(endpoint, async (cursor) => {
        const { data } = await this.rest.request({
          method: 'GET',
          path: PATHS.events,
          query: {
            series_ticker: seriesTicker,
            status: 'open',
            with_nested_markets: true,
            with_milestones: true,
            limit: EVENTS_PAGE_LIMIT,
            cursor,
          },
          schema: eventsResponse,
          idempotent: true,
        });
        milestones.push(...(data.milestones ?? []));
        return { items: data.events, cursor: data.cursor };
      });
      const starts = gameStartsByEvent(milestones);
      for (const raw of events) {
        // Each event is parsed on its own: an unusable one is left out, the page and the others still
        // count (docs/venues-kalshi.md#k1-enums).
        const game = readItem(() => {
          const ev = parseItem(event, raw, endpoint, 'event');
          if (ev.markets.length === 0) return null;
          const start = starts.get(ev.event_ticker) ?? null;
          return toKalshiGame(ev, league, seriesTicker, fee, start, endpoint, this.rest.config.countStepCenti);
        }, onItemProblem);
        if (!game) continue;
        for (const m of game.markets) {
          this.ticks.set(m.ticker, m.tickMicros);
          this.steps.set(m.ticker, m.sizeStepCenti ?? this.rest.config.countStepCenti);
        }
        games.push(game);
      }
    }
    return games;
  }

  async seriesFee(seriesTicker: string): Promise<SeriesFee> {
    const { data } = await this.rest.request({
      method: 'GET',
      path: PATHS.series(seriesTicker),
      endpoint: ENDPOINTS.series,
      schema: seriesResponse,
      idempotent: true,
    });
    return { feeType: data.series.fee_type, feeMultiplierPpm: data.series.fee_multiplier };
  }

  /** Both books of every market named by `instruments`, keyed by instrumentKey. Unknown markets are absent. */
  async getBooks(instruments: readonly InstrumentRef[], onItemProblem?: ItemProblemSink): Promise<Map<string, Book>> {
    const wanted = new Set<string>();
    for (const i of instruments) {
      if (i.venue !== 'kalshi') throw new TypeError(`not a Kalshi instrument: ${instrumentKey(i)}`);
      wanted.add(i.ticker);
    }
    const tickers = [...wanted];
    await this.loadTicks(
      tickers.filter((t) => !this.ticks.has(t)),
      onItemProblem,
    );
    const known = tickers.filter((t) => this.ticks.has(t));
    const wires = await this.fetchBooks(known);
    const out = new Map<string, Book>();
    for (const [ticker, wire] of wires) {
      // An unusable book leaves both books of that market absent: not planned.
      const both = readItem(
        () =>
          booksOf(ticker, wire.book, {
            tickMicros: this.ticks.get(ticker) as PriceMicros,
            minSizeCenti: this.steps.get(ticker) ?? this.rest.config.countStepCenti,
            observedAtMs: wire.observedAtMs,
            endpoint: wire.endpoint,
          }),
        onItemProblem,
      );
      if (!both) continue;
      const [yes, no] = both;
      out.set(instrumentKey(yes.instrument), yes);
      out.set(instrumentKey(no.instrument), no);
    }
    return out;
  }

  /**
   * Tick and order step of each market the stream books need (the same the REST books use):
   * from the markets seen so far, the rest looked up. Markets the venue does not know are absent.
   */
  async marketFacts(
    tickers: readonly string[],
    onItemProblem?: ItemProblemSink,
  ): Promise<Map<string, { tickMicros: PriceMicros; stepCenti: number }>> {
    await this.loadTicks(
      tickers.filter((t) => !this.ticks.has(t)),
      onItemProblem,
    );
    const out = new Map<string, { tickMicros: PriceMicros; stepCenti: number }>();
    for (const t of tickers) {
      const tick = this.ticks.get(t);
      if (tick !== undefined)
        out.set(t, { tickMicros: tick, stepCenti: this.steps.get(t) ?? this.rest.config.countStepCenti });
    }
    return out;
  }

  /**
   * The order step of a market (docs/venues-kalshi.md#k1-fractional): from the markets seen so
   * far, else looked up once; the configured `countStepCenti` when the venue does not say or the
   * look-up fails (by default whole contracts, a multiple of every step).
   */
  async orderStepOf(ticker: string): Promise<number> {
    if (!this.steps.has(ticker)) {
      try {
        await this.loadTicks([ticker]);
      } catch {
        return this.rest.config.countStepCenti;
      }
    }
    return this.steps.get(ticker) ?? this.rest.config.countStepCenti;
  }

  async getResolution(instrument: InstrumentRef): Promise<Resolution> {
    if (instrument.venue !== 'kalshi') throw new TypeError(`not a Kalshi instrument: ${instrumentKey(instrument)}`);
    const request = (path: string, endpoint: string) =>
      this.rest.request({ method: 'GET', path, endpoint, schema: marketResponse, idempotent: true });
    try {
      const { data } = await request(PATHS.market(instrument.ticker), ENDPOINTS.market);
      return toResolution(data.market, ENDPOINTS.market);
    } catch (err) {
      // Markets settled before the historical cutoff live under /historical (GetMarkets docs).
      if (!isStatus(err, 404)) throw err;
      const { data } = await request(PATHS.historicalMarket(instrument.ticker), ENDPOINTS.historicalMarket);
      return toResolution(data.market, ENDPOINTS.historicalMarket);
    }
  }

  private async loadTicks(tickers: readonly string[], onItemProblem?: ItemProblemSink): Promise<void> {
    for (const part of chunks(tickers, this.rest.config.marketsChunk)) {
      const endpoint = `GET ${PATHS.markets}`;
      const markets = await this.rest.paginate(endpoint, async (cursor) => {
        const { data } = await this.rest.request({
          method: 'GET',
          path: PATHS.markets,
          query: { tickers: part.join(','), limit: part.length, cursor },
          schema: marketsResponse,
          idempotent: true,
        });
        return { items: data.markets, cursor: data.cursor };
      });
      for (const raw of markets) {
        // An unusable market gets no tick, hence no book; the others still do.
        readItem(() => {
          const m = parseItem(market, raw, endpoint, 'market');
          this.ticks.set(m.ticker, tickOf(m, endpoint));
          this.steps.set(m.ticker, sizeStepOf(m, this.rest.config.countStepCenti));
        }, onItemProblem);
      }
    }
  }

  private async fetchBooks(
    tickers: readonly string[],
  ): Promise<Map<string, { book: WireOrderbook; observedAtMs: number; endpoint: string }>> {
    const out = new Map<string, { book: WireOrderbook; observedAtMs: number; endpoint: string }>();
    let rest = [...tickers];
    if (this.batchBooks && rest.length > 1) {
      const endpoint = `GET ${PATHS.orderbooks}`;
      try {
        for (const part of chunks(rest, this.rest.config.orderbookChunk)) {
          const { data } = await this.rest.request({
            method: 'GET',
            path: PATHS.orderbooks,
            query: { tickers: part },
            items: part.length,
            schema: orderbooksResponse,
            idempotent: true,
          });
          const observedAtMs = this.rest.clock.now();
          const asked = new Set(part);
          for (const ob of data.orderbooks) {
            if (asked.has(ob.ticker)) out.set(ob.ticker, { book: ob.orderbook_fp, observedAtMs, endpoint });
          }
          rest = rest.filter((t) => !asked.has(t));
        }
      } catch (err) {
        // No batch endpoint here (404/405), or it wants credentials we do not have: one book per call.
        const missing = isStatus(err, 404, 405) || (err instanceof AuthError && !this.rest.authenticated);
        if (!missing) throw err;
        this.batchBooks = false;
      }
    }
    for (const ticker of rest) {
      const endpoint = ENDPOINTS.orderbook;
      try {
        const { data } = await this.rest.request({
          method: 'GET',
          path: PATHS.orderbook(ticker),
          endpoint,
          schema: orderbookResponse,
          idempotent: true,
        });
        out.set(ticker, { book: data.orderbook_fp, observedAtMs: this.rest.clock.now(), endpoint });
      } catch (err) {
        if (!isStatus(err, 404)) throw err; // an unknown market simply has no book
      }
    }
    return out;
  }
}
