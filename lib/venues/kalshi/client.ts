/**
 * The Kalshi venue: `Venue` (lib/engine/ports/venue.ts) over the trade API v2.
 * Read side in market-data.ts, orders and portfolio in trading.ts, transport and signing in
 * rest.ts. Without credentials the venue is read-only: order and portfolio calls throw AuthError.
 */
import type { Book, InstrumentRef, KalshiGame, League, Resolution } from '../../core/market';
import type {
  Balance,
  BookStream,
  ItemProblemSink,
  OrderLookup,
  OrderRequest,
  OrderResult,
  Position,
  PreflightCheck,
  PreflightContext,
  Venue,
} from '../../engine/ports';
import { type KalshiConfig, type KalshiDeps, type ResolvedKalshiConfig, resolveKalshiConfig } from './config';
import { KalshiMarketData } from './market-data';
import { KalshiPortfolio, type KalshiSettlement } from './portfolio';
import { kalshiPreflightChecks } from './preflight';
import { KalshiRest } from './rest';
import type { WireFill } from './schemas';
import { KalshiBookStream } from './stream';
import { KalshiTrading } from './trading';

export class KalshiVenue implements Venue {
  readonly name = 'kalshi' as const;
  private readonly rest: KalshiRest;
  private readonly data: KalshiMarketData;
  private readonly trading: KalshiTrading;
  private readonly portfolio: KalshiPortfolio;

  private readonly deps: KalshiDeps;

  constructor(config: KalshiConfig = {}, deps: KalshiDeps = {}) {
    this.deps = deps;
    this.rest = new KalshiRest(resolveKalshiConfig(config), deps);
    this.data = new KalshiMarketData(this.rest);
    this.trading = new KalshiTrading(this.rest, (ticker) => this.data.orderStepOf(ticker));
    this.portfolio = new KalshiPortfolio(this.rest);
  }

  /** Whether order and portfolio calls are possible. */
  get authenticated(): boolean {
    return this.rest.authenticated;
  }

  /** How this client paces itself: the tier, its token buckets and the endpoint costs (docs/venues-kalshi.md#k6-costs). */
  get pacing(): Pick<ResolvedKalshiConfig, 'tier' | 'readLimit' | 'writeLimit' | 'endpointCosts' | 'defaultCost'> {
    const { tier, readLimit, writeLimit, endpointCosts, defaultCost } = this.rest.config;
    return { tier, readLimit, writeLimit, endpointCosts, defaultCost };
  }

  /** HTTP attempts sent so far (for benchmarks and tests). */
  get requestCount(): number {
    return this.rest.http.requestCount;
  }

  listGames(leagues: readonly League[], onItemProblem?: ItemProblemSink): Promise<KalshiGame[]> {
    return this.data.listGames(leagues, onItemProblem);
  }

  getBooks(instruments: readonly InstrumentRef[], onItemProblem?: ItemProblemSink): Promise<Map<string, Book>> {
    return this.data.getBooks(instruments, onItemProblem);
  }

  getResolution(instrument: InstrumentRef): Promise<Resolution> {
    return this.data.getResolution(instrument);
  }

  /**
   * A new order-book stream over `wsUrl` (./stream.ts, docs/venues-kalshi.md#k-stream): signed
   * with this client's key, books built with the ticks and steps its market data holds. Time from
   * the client's clock; timers from `deps.streamTimers`. The caller closes it.
   */
  openBookStream(): BookStream {
    return new KalshiBookStream(
      this.rest.config.wsUrl,
      { sign: (path) => this.rest.wsHeaders(path), marketFacts: (tickers) => this.data.marketFacts(tickers) },
      this.rest.config.stream,
      {
        now: () => this.rest.clock.now(),
        ...(this.deps.streamTimers ? { timers: this.deps.streamTimers } : {}),
        ...(this.deps.random ? { random: this.deps.random } : {}),
      },
    );
  }

  placeOrder(order: OrderRequest): Promise<OrderResult> {
    return this.trading.placeOrder(order);
  }

  cancelOrder(lookup: OrderLookup): Promise<void> {
    return this.trading.cancelOrder(lookup);
  }

  getOrder(lookup: OrderLookup): Promise<OrderResult | null> {
    return this.trading.getOrder(lookup);
  }

  getBalance(): Promise<Balance> {
    return this.portfolio.getBalance();
  }

  getPositions(): Promise<Position[]> {
    return this.portfolio.getPositions();
  }

  /** Our fills, optionally of one order or one market (exact units except the raw ids). */
  listFills(query: { orderId?: string; ticker?: string } = {}): Promise<WireFill[]> {
    return this.trading.listFills(query);
  }

  listSettlements(): Promise<KalshiSettlement[]> {
    return this.portfolio.listSettlements();
  }

  /** Exchange status, API tier, the configured leagues' series (./preflight.ts, docs/engine.md#preflight). */
  preflightChecks(context: PreflightContext = { leagues: [] }): Promise<PreflightCheck[]> {
    return kalshiPreflightChecks(this.rest, context.leagues);
  }

  toJSON(): Record<string, unknown> {
    return {
      venue: 'kalshi',
      baseUrl: this.rest.config.baseUrl,
      wsUrl: this.rest.config.wsUrl,
      authenticated: this.authenticated,
    };
  }
}

/** The Kalshi `Venue`. `deps` injects fetch, clock and randomness (tests, simulators). */
export function createKalshiVenue(config: KalshiConfig = {}, deps: KalshiDeps = {}): KalshiVenue {
  return new KalshiVenue(config, deps);
}
