/**
 * The Polymarket US venue (docs/venues-polymarket-us.md): the `Venue` port's methods over the
 * public gateway and the signed API host. Read side in market-data.ts, orders in trading.ts,
 * account in portfolio.ts, transport, signing and pacing in rest.ts. Without credentials the
 * venue is read-only: order and portfolio calls throw AuthError before anything is sent.
 *
 * It implements the engine's `Venue` port; an instrument of another venue is a TypeError.
 */
import type { InstrumentRef, League, Resolution } from '../../core/market';
import type { Balance, ItemProblemSink, OrderLookup, OrderRequest, Venue } from '../../engine/ports';
import { type PolymarketUsConfig, type PolymarketUsDeps, resolvePolymarketUsConfig } from './config';
import { PolymarketUsMarketData } from './market-data';
import type { MarketFacts } from './parse-markets';
import { MemoryPlacementStore, type PlacementStore } from './placements';
import { PolymarketUsPortfolio } from './portfolio';
import { PolymarketUsRest } from './rest';
import { PolymarketUsBookStream } from './stream';
import { PolymarketUsTrading } from './trading';
import {
  ownInstrument,
  PMUS,
  type PolymarketUsBook,
  type PolymarketUsGame,
  type PolymarketUsOrderLookup,
  type PolymarketUsOrderResult,
  type PolymarketUsPosition,
} from './types';

function ownLookup(lookup: OrderLookup): PolymarketUsOrderLookup {
  const { instrument, ...rest } = lookup;
  return instrument === undefined ? rest : { ...rest, instrument: ownInstrument(instrument) };
}

export interface PolymarketUsVenueDeps extends PolymarketUsDeps {
  /** Where placements are recorded before they are sent (./placements.ts); default in memory. */
  readonly placements?: PlacementStore;
}

export class PolymarketUsVenue implements Venue {
  readonly name = PMUS;
  private readonly rest: PolymarketUsRest;
  private readonly data: PolymarketUsMarketData;
  private readonly trading: PolymarketUsTrading;
  private readonly portfolio: PolymarketUsPortfolio;
  private readonly streamTimers: PolymarketUsVenueDeps['streamTimers'];
  private readonly random: PolymarketUsVenueDeps['random'];

  constructor(config: PolymarketUsConfig = {}, deps: PolymarketUsVenueDeps = {}) {
    this.streamTimers = deps.streamTimers;
    this.random = deps.random;
    this.rest = new PolymarketUsRest(resolvePolymarketUsConfig(config), deps);
    this.data = new PolymarketUsMarketData(this.rest);
    this.trading = new PolymarketUsTrading(this.rest, this.data, deps.placements ?? new MemoryPlacementStore());
    this.portfolio = new PolymarketUsPortfolio(this.rest);
  }

  /** Whether order and portfolio calls are possible. */
  get authenticated(): boolean {
    return this.rest.authenticated;
  }

  /** HTTP attempts sent so far to both hosts (for benchmarks and tests). */
  get requestCount(): number {
    return this.rest.requestCount;
  }

  listGames(leagues: readonly League[], onItemProblem?: ItemProblemSink): Promise<PolymarketUsGame[]> {
    return this.data.listGames(leagues, onItemProblem);
  }

  getBooks(
    instruments: readonly InstrumentRef[],
    onItemProblem?: ItemProblemSink,
  ): Promise<Map<string, PolymarketUsBook>> {
    return this.data.getBooks(instruments.map(ownInstrument), onItemProblem);
  }

  getResolution(instrument: InstrumentRef): Promise<Resolution> {
    return this.data.getResolution(ownInstrument(instrument));
  }

  /** A market's tick, size rules and Θ (remembered from discovery, else read by slug). */
  marketFacts(marketSlug: string): Promise<MarketFacts> {
    return this.data.factsOf(marketSlug);
  }

  /**
   * A new order-book stream over `wsUrl` (./stream.ts, docs/venues-polymarket-us.md#u-stream):
   * its handshake signed with this client's key (or `streamCredentials`), books built with the
   * ticks and size rules its market data holds. Time from the client's clock; timers from
   * `deps.streamTimers`. The caller closes it.
   */
  openBookStream(): PolymarketUsBookStream {
    const { stream, wsUrl } = this.rest.config;
    return new PolymarketUsBookStream(
      wsUrl,
      { sign: (path) => this.rest.wsHeaders(path), marketFacts: (slug) => this.data.factsOf(slug) },
      stream,
      {
        now: () => this.rest.clock.now(),
        ...(this.streamTimers ? { timers: this.streamTimers } : {}),
        ...(this.random ? { random: this.random } : {}),
      },
    );
  }

  placeOrder(order: OrderRequest): Promise<PolymarketUsOrderResult> {
    return this.trading.placeOrder({ ...order, instrument: ownInstrument(order.instrument) });
  }

  cancelOrder(lookup: OrderLookup): Promise<void> {
    return this.trading.cancelOrder(ownLookup(lookup));
  }

  getOrder(lookup: OrderLookup): Promise<PolymarketUsOrderResult | null> {
    return this.trading.getOrder(ownLookup(lookup));
  }

  getBalance(): Promise<Balance> {
    return this.portfolio.getBalance();
  }

  getPositions(): Promise<PolymarketUsPosition[]> {
    return this.portfolio.getPositions();
  }

  toJSON(): Record<string, unknown> {
    return {
      venue: PMUS,
      gatewayUrl: this.rest.config.gatewayUrl,
      apiUrl: this.rest.config.apiUrl,
      wsUrl: this.rest.config.wsUrl,
      authenticated: this.authenticated,
    };
  }
}

/** The Polymarket US venue. `deps` injects fetch, clock, randomness and the placement store (tests, simulators). */
export function createPolymarketUsVenue(
  config: PolymarketUsConfig = {},
  deps: PolymarketUsVenueDeps = {},
): PolymarketUsVenue {
  return new PolymarketUsVenue(config, deps);
}
