/**
 * The Polymarket `Venue` (DESIGN.md §4): Gamma discovery, CLOB books and resolution, and, with
 * credentials, orders and account reads. Separate HttpClients per host, each with the limits of
 * VENUES.md P5; per-endpoint buckets for the stricter endpoints.
 */
import { inspect } from 'node:util';
import type { Book, InstrumentRef, League, PolymarketGame, Resolution } from '../../core/market';
import { instrumentKey } from '../../core/market';
import {
  AuthError,
  BadResponse,
  type Balance,
  type Clock,
  type ItemProblemSink,
  type OrderLookup,
  type OrderRequest,
  type OrderResult,
  type Position,
  Rejected,
  readItem,
  systemClock,
  type Venue,
} from '../../engine/ports';
import { HttpClient, TokenBucket } from '../http';
import { bookOf } from './books';
import { type PolymarketConfig, type PolymarketDeps, resolveConfig } from './config';
import { BOOKS_BATCH, GAMMA_MAX_PAGES, GAMMA_PAGE, RATE_LIMITS } from './constants';
import { gameOf, leagueOf, type MarketInfo, marketInfoOf } from './games';
import { MemoryOrderStore } from './order-store';
import { mapOrBad, ParseFailure, scaledFrom } from './parse';
import { resolutionOf } from './resolution';
import {
  balanceAllowance,
  clobBooks,
  clobMarket,
  dataPositions,
  type GammaMarket,
  gammaMarket,
  gammaMarketList,
  gammaMarketPage,
} from './schemas';
import { ClobSession } from './session';
import { PolymarketTrading } from './trading';

type PolymarketInstrument = Extract<InstrumentRef, { venue: 'polymarket' }>;

export class PolymarketVenue implements Venue {
  readonly name = 'polymarket' as const;
  readonly gamma: HttpClient;
  readonly clob: HttpClient;
  readonly data: HttpClient;
  private readonly clock: Clock;
  private readonly booksBucket: TokenBucket;
  private readonly session: ClobSession | null;
  private readonly trading: PolymarketTrading | null;
  /** Market facts by traded token id, filled by discovery and on demand. */
  private readonly markets = new Map<string, MarketInfo>();

  constructor(config: PolymarketConfig = {}, deps: PolymarketDeps = {}) {
    const cfg = resolveConfig(config);
    this.clock = deps.clock ?? systemClock;
    const common = {
      venue: 'polymarket' as const,
      clock: this.clock,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.random ? { random: deps.random } : {}),
    };
    this.gamma = new HttpClient({
      ...common,
      baseUrl: cfg.gammaUrl,
      readLimit: RATE_LIMITS.gammaMarkets,
      timeoutMs: cfg.timeoutMs,
    });
    this.clob = new HttpClient({
      ...common,
      baseUrl: cfg.clobUrl,
      readLimit: RATE_LIMITS.clobGeneral,
      writeLimit: RATE_LIMITS.clobOrder,
      timeoutMs: cfg.orderTimeoutMs,
    });
    this.data = new HttpClient({
      ...common,
      baseUrl: cfg.dataUrl,
      readLimit: RATE_LIMITS.data,
      timeoutMs: cfg.timeoutMs,
    });
    this.booksBucket = new TokenBucket(RATE_LIMITS.clobBooks.ratePerSec, RATE_LIMITS.clobBooks.burst, this.clock);
    if (config.credentials) {
      this.session = new ClobSession(config.credentials, this.clob, this.clock);
      this.trading = new PolymarketTrading({
        session: this.session,
        store: deps.orderStore ?? new MemoryOrderStore(),
        marketInfo: (i) => this.marketInfo(i),
        nowMs: () => this.clock.now(),
        orderBucket: new TokenBucket(RATE_LIMITS.clobOrder.ratePerSec, RATE_LIMITS.clobOrder.burst, this.clock),
        dataBucket: new TokenBucket(RATE_LIMITS.clobData.ratePerSec, RATE_LIMITS.clobData.burst, this.clock),
        builderCode: cfg.builderCode,
      });
    } else {
      this.session = null;
      this.trading = null;
    }
  }

  /** Serialised or inspected, the client shows its hosts and whether it can trade, never its keys. */
  toJSON(): Record<string, unknown> {
    return {
      venue: 'polymarket',
      gammaUrl: this.gamma.baseUrl,
      clobUrl: this.clob.baseUrl,
      authenticated: this.session !== null,
      session: this.session?.toJSON() ?? null,
    };
  }

  [inspect.custom](): string {
    return `PolymarketVenue ${inspect(this.toJSON())}`;
  }

  // ---- read side ---------------------------------------------------------------------------

  async listGames(leagues: readonly League[], onItemProblem?: ItemProblemSink): Promise<PolymarketGame[]> {
    const wanted = new Set(leagues);
    if (wanted.size === 0) return [];
    const games: PolymarketGame[] = [];
    for (let page = 0; page < GAMMA_MAX_PAGES; page++) {
      const res = await this.gamma.request({
        method: 'GET',
        path: '/markets',
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
        `polymarket GET /markets sent a malformed market (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
        {
          venue: 'polymarket',
          endpoint: 'GET /markets',
        },
      );
    }
    const game = mapOrBad('GET /markets', () => gameOf(parsed.data, wanted));
    if (game) this.remember(mapOrBad('GET /markets', () => marketInfoOf(parsed.data)));
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
    const info = mapOrBad('GET /markets', () => marketInfoOf(market));
    if (!info.tokenIds.includes(instrument.tokenId)) {
      throw new BadResponse(`polymarket market ${instrument.conditionId} does not trade token ${instrument.tokenId}`, {
        venue: 'polymarket',
        endpoint: 'GET /markets',
      });
    }
    this.remember(info);
    return info;
  }

  private async gammaMarketOf(conditionId: string): Promise<GammaMarket> {
    const res = await this.gamma.request({
      method: 'GET',
      path: '/markets',
      query: { condition_ids: conditionId },
      schema: gammaMarketList,
      idempotent: true,
    });
    const market = res.data.find((m) => m.conditionId.toLowerCase() === conditionId.toLowerCase());
    if (!market) {
      throw new BadResponse(`polymarket has no Gamma market for condition ${conditionId}`, {
        venue: 'polymarket',
        endpoint: 'GET /markets',
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
      await this.booksBucket.take();
      const res = await this.clob.request({
        method: 'POST',
        path: '/books',
        body: JSON.stringify(batch.map((token_id) => ({ token_id }))),
        schema: clobBooks,
        // A read: safe to repeat, and drawn from the read bucket.
        idempotent: true,
        class: 'read',
      });
      const observedAtMs = this.clock.now();
      for (const raw of res.data) {
        const instrument = wanted.get(raw.asset_id);
        if (!instrument) continue;
        // An unusable book is absent: its pairs are not planned.
        const book = readItem(
          () => mapOrBad('POST /books', () => bookOf(raw, instrument, observedAtMs)),
          onItemProblem,
        );
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
    const info = mapOrBad('GET /markets', () => marketInfoOf(market));
    let clob = null;
    if (market.closed === true) {
      const res = await this.clob.request({
        method: 'GET',
        path: `/markets/${encodeURIComponent(instrument.conditionId)}`,
        schema: clobMarket,
        idempotent: true,
        endpoint: 'GET /markets/{condition_id}',
      });
      clob = res.data;
    }
    return mapOrBad('GET /markets/{condition_id}', () => resolutionOf(market, info, clob));
  }

  // ---- account side ------------------------------------------------------------------------

  private requireTrading(): { trading: PolymarketTrading; session: ClobSession } {
    if (!this.trading || !this.session) {
      throw new AuthError('polymarket client has no credentials: read-only', { venue: 'polymarket' });
    }
    return { trading: this.trading, session: this.session };
  }

  async placeOrder(order: OrderRequest): Promise<OrderResult> {
    return this.requireTrading().trading.placeOrder(order);
  }

  async cancelOrder(lookup: OrderLookup): Promise<void> {
    return this.requireTrading().trading.cancelOrder(lookup);
  }

  async getOrder(lookup: OrderLookup): Promise<OrderResult | null> {
    return this.requireTrading().trading.getOrder(lookup);
  }

  /** pUSD from `GET /balance-allowance` (base units = micros: VENUES.md P4, P5). */
  async getBalance(): Promise<Balance> {
    const { session } = this.requireTrading();
    const res = await session.request({
      method: 'GET',
      path: '/balance-allowance',
      query: { asset_type: 'COLLATERAL', signature_type: session.signatureType },
      schema: balanceAllowance,
      idempotent: true,
    });
    return mapOrBad('GET /balance-allowance', () => {
      const micros = Number(res.data.balance);
      if (!Number.isSafeInteger(micros)) throw new ParseFailure(`balance ${res.data.balance} out of range`);
      return { availableMicros: micros };
    });
  }

  /** Data API `/positions?user=<funder>` (shape unverified: docs/venues-polymarket.md). */
  async getPositions(): Promise<Position[]> {
    const { session } = this.requireTrading();
    const res = await this.data.request({
      method: 'GET',
      path: '/positions',
      query: { user: session.funderAddress },
      schema: dataPositions,
      idempotent: true,
    });
    return mapOrBad('GET /positions', () =>
      res.data
        .map((p) => ({
          instrument: { venue: 'polymarket' as const, conditionId: p.conditionId, tokenId: p.asset },
          // JSON numbers are read through a fixed 6-decimal form (on-chain precision), then floored.
          sizeCenti: scaledFrom(typeof p.size === 'number' ? p.size.toFixed(6) : p.size, 2, 'floor'),
        }))
        .filter((p) => p.sizeCenti > 0),
    );
  }

  /** For operators: create (first use) or derive the L2 API key with L1 auth. */
  async deriveApiKey(create = false) {
    const { session } = this.requireTrading();
    return create ? session.createApiKey() : session.deriveApiKey();
  }
}
