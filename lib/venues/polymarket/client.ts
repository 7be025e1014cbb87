/**
 * The Polymarket `Venue` (lib/venues/venue.ts): Gamma discovery, CLOB books and resolution, and, with
 * credentials, orders and account reads. Read side in market-data.ts, orders in trading.ts,
 * account reads in portfolio.ts, hosts and rate limits in rest.ts, L2 keys in session.ts.
 * Without credentials the venue is read-only: order and account calls throw AuthError.
 */
import { inspect } from 'node:util';
import type {
  Book,
  InstrumentRef,
  League,
  PolymarketGame,
  PolymarketOutcomeEvent,
  Resolution,
} from '../../core/market';
import {
  AuthError,
  type Balance,
  type BookStream,
  type ItemProblemSink,
  type OrderLookup,
  type OrderRequest,
  type OrderResult,
  type Position,
  type PreflightCheck,
  type PreflightContext,
  type Venue,
} from '../../engine/ports';
import type { HttpClient } from '../http';
import { type PolymarketConfig, type PolymarketDeps, resolveConfig } from './config';
import { type PolymarketInstrument, PolymarketMarketData } from './market-data';
import { MemoryOrderStore } from './order-store';
import type { MarketInfo } from './parse-markets';
import { PolymarketPortfolio } from './portfolio';
import { polymarketPreflightChecks, polymarketServerTimeMs } from './preflight';
import { PolymarketRest } from './rest';
import type { GammaMarket } from './schemas';
import { ClobSession } from './session';
import { PolymarketBookStream } from './stream';
import { PolymarketTrading } from './trading';

interface Account {
  readonly session: ClobSession;
  readonly trading: PolymarketTrading;
  readonly portfolio: PolymarketPortfolio;
}

export class PolymarketVenue implements Venue {
  readonly name = 'polymarket' as const;
  readonly gamma: HttpClient;
  readonly clob: HttpClient;
  readonly data: HttpClient;
  private readonly rest: PolymarketRest;
  private readonly marketData: PolymarketMarketData;
  private readonly account: Account | null;
  private readonly preflight: { readonly geoblockUrl: string | null; readonly deps: PolymarketDeps };
  private readonly streamConfig: Pick<ReturnType<typeof resolveConfig>, 'wsUrl' | 'stream'>;

  constructor(config: PolymarketConfig = {}, deps: PolymarketDeps = {}) {
    const cfg = resolveConfig(config);
    this.preflight = { geoblockUrl: cfg.geoblockUrl ?? null, deps };
    this.streamConfig = { wsUrl: cfg.wsUrl, stream: cfg.stream };
    this.rest = new PolymarketRest(cfg, deps);
    this.gamma = this.rest.gamma;
    this.clob = this.rest.clob;
    this.data = this.rest.data;
    this.marketData = new PolymarketMarketData(this.rest);
    if (config.credentials) {
      const session = new ClobSession(config.credentials, this.rest.clob, this.rest.clock);
      const trading = new PolymarketTrading({
        session,
        store: deps.orderStore ?? new MemoryOrderStore(),
        marketInfo: (i) => this.marketInfo(i),
        nowMs: () => this.rest.clock.now(),
        orderBucket: this.rest.bucket('clobOrder'),
        dataBucket: this.rest.bucket('clobData'),
        builderCode: cfg.builderCode,
      });
      this.account = { session, trading, portfolio: new PolymarketPortfolio(this.rest, session) };
    } else {
      this.account = null;
    }
  }

  /** Serialised or inspected, the client shows its hosts and whether it can trade, never its keys. */
  toJSON(): Record<string, unknown> {
    return {
      venue: 'polymarket',
      gammaUrl: this.gamma.baseUrl,
      clobUrl: this.clob.baseUrl,
      wsUrl: this.streamConfig.wsUrl,
      authenticated: this.account !== null,
      session: this.account?.session.toJSON() ?? null,
    };
  }

  [inspect.custom](): string {
    return `PolymarketVenue ${inspect(this.toJSON())}`;
  }

  // ---- read side ---------------------------------------------------------------------------

  listGames(
    leagues: readonly League[],
    onItemProblem?: ItemProblemSink,
  ): Promise<Array<PolymarketGame | PolymarketOutcomeEvent>> {
    return this.marketData.listGames(leagues, onItemProblem);
  }

  /** Market facts for an order: cached from discovery, else Gamma by condition id. */
  marketInfo(instrument: PolymarketInstrument): Promise<MarketInfo> {
    return this.marketData.marketInfo(instrument);
  }

  /** Gamma markets by condition id, 100 ids a request, `closed` explicit (docs/venues-polymarket.md#p1-keyset). */
  marketsByCondition(conditionIds: readonly string[], closed: boolean): Promise<GammaMarket[]> {
    return this.marketData.marketsByCondition(conditionIds, closed);
  }

  getBooks(instruments: readonly InstrumentRef[], onItemProblem?: ItemProblemSink): Promise<Map<string, Book>> {
    return this.marketData.getBooks(instruments, onItemProblem);
  }

  getResolution(instrument: InstrumentRef): Promise<Resolution> {
    return this.marketData.getResolution(instrument);
  }

  /**
   * A new order-book stream over the market channel (./stream.ts, docs/venues-polymarket.md#p-stream):
   * no credentials needed; tick and least order from this client's market facts, as the REST books.
   * Time from the client's clock; timers from `deps.streamTimers`. The caller closes it.
   */
  openBookStream(): BookStream {
    const deps = this.preflight.deps;
    return new PolymarketBookStream(
      this.streamConfig.wsUrl,
      (instrument) => this.marketData.marketInfo(instrument),
      this.streamConfig.stream,
      {
        now: () => this.rest.clock.now(),
        ...(deps.streamTimers ? { timers: deps.streamTimers } : {}),
        ...(deps.random ? { random: deps.random } : {}),
      },
    );
  }

  // ---- account side ------------------------------------------------------------------------

  private requireAccount(): Account {
    if (!this.account) {
      throw new AuthError('polymarket client has no credentials: read-only', { venue: 'polymarket' });
    }
    return this.account;
  }

  async placeOrder(order: OrderRequest): Promise<OrderResult> {
    return this.requireAccount().trading.placeOrder(order);
  }

  async cancelOrder(lookup: OrderLookup): Promise<void> {
    return this.requireAccount().trading.cancelOrder(lookup);
  }

  async getOrder(lookup: OrderLookup): Promise<OrderResult | null> {
    return this.requireAccount().trading.getOrder(lookup);
  }

  async getBalance(): Promise<Balance> {
    return this.requireAccount().portfolio.getBalance();
  }

  async getPositions(): Promise<Position[]> {
    return this.requireAccount().portfolio.getPositions();
  }

  /** The CLOB's clock (`GET /time`), for preflight's skew check. */
  serverTimeMs(): Promise<number> {
    return polymarketServerTimeMs(this.rest);
  }

  /** Wallet kind and signing, L1 derivation, collateral and allowances, league series, region (./preflight.ts). */
  preflightChecks(context: PreflightContext = { leagues: [] }): Promise<PreflightCheck[]> {
    return polymarketPreflightChecks({
      session: this.account?.session ?? null,
      leagues: context.leagues,
      leagueSeries: (leagues, sink) => this.marketData.leagueSeries(leagues, sink),
      geoblockUrl: this.preflight.geoblockUrl,
      clock: this.rest.clock,
      ...(this.preflight.deps.fetch ? { fetch: this.preflight.deps.fetch } : {}),
    });
  }

  /** For operators: create (first use) or derive the L2 API key with L1 auth. */
  async deriveApiKey(create = false) {
    const { session } = this.requireAccount();
    return create ? session.createApiKey() : session.deriveApiKey();
  }
}

/** The Polymarket `Venue`. Without `config.credentials` it is read-only. `deps` injects fetch, clock, randomness and the signed-order store. */
export function createPolymarketVenue(config: PolymarketConfig = {}, deps: PolymarketDeps = {}): PolymarketVenue {
  return new PolymarketVenue(config, deps);
}
