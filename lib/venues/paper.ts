/**
 * PaperVenue: the venue's real read side, with fills simulated against the book at the moment
 * of the order (docs/engine.md#execute-and-the-bet-lifecycle). The engine runs the same code path in paper and live mode; only
 * the `Venue` it is handed differs. Nothing is ever sent to a venue's order endpoints from here.
 */
import { kalshiOrderFee, polymarketOrderFee, polymarketUsOrderFee } from '../core/fees';
import {
  type Book,
  type InstrumentRef,
  instrumentKey,
  isOutcomeEvent,
  type League,
  type Level,
  type VenueGame,
} from '../core/market';
import { type Centishares, type Micros, notionalMicros } from '../core/money';
import {
  type Balance,
  type BookStream,
  InsufficientFunds,
  type ItemProblemSink,
  type OrderLookup,
  type OrderRequest,
  type OrderResult,
  type Position,
  Rejected,
  type Venue,
} from '../engine/ports';

/**
 * Fee parameters learnt from discovery. A Polymarket rate or a Polymarket US Θ is never assumed:
 * it is read per market (Gamma `feeSchedule`, docs/venues-polymarket.md#p5-fee-schedule; the
 * market's Θ, docs/venues-polymarket-us.md#u-fees), so an instrument whose market was never listed
 * is not traded here. Kalshi's series multiplier defaults to 1.0.
 */
type FeeParams =
  | { readonly venue: 'polymarket'; readonly ratePpm: number; readonly exponent: number }
  | { readonly venue: 'polymarket-us'; readonly takerThetaPpm: number }
  | { readonly venue: 'kalshi'; readonly multiplierPpm: number };

const KALSHI_DEFAULT_MULTIPLIER_PPM = 1_000_000;

export interface PaperVenueOptions {
  readonly startingBalanceMicros: Micros;
  /** Optional leg-failure model: probability that an order is rejected as if the book moved. */
  readonly failureRate?: number;
  readonly random?: () => number;
}

export class PaperVenue implements Venue {
  readonly name: Venue['name'];
  private balanceMicros: Micros;
  private readonly positions = new Map<string, { instrument: InstrumentRef; sizeCenti: Centishares }>();
  private readonly orders = new Map<string, OrderResult>();
  private readonly fees = new Map<string, FeeParams>();
  /**
   * Market data is the data venue's: its order-book stream when it has one (absent otherwise, so
   * the engine polls `getBooks` exactly as it would on the data venue).
   */
  readonly openBookStream?: () => BookStream;

  constructor(
    private readonly inner: Venue,
    private readonly options: PaperVenueOptions,
  ) {
    this.name = inner.name;
    this.balanceMicros = options.startingBalanceMicros;
    if (inner.openBookStream) this.openBookStream = () => (inner.openBookStream as () => BookStream).call(inner);
  }

  async listGames(leagues: readonly League[], onItemProblem?: ItemProblemSink): Promise<VenueGame[]> {
    const games = await this.inner.listGames(leagues, onItemProblem);
    for (const game of games) this.learnFees(game);
    return games;
  }

  getBooks(instruments: readonly InstrumentRef[], onItemProblem?: ItemProblemSink): Promise<Map<string, Book>> {
    return this.inner.getBooks(instruments, onItemProblem);
  }

  async placeOrder(order: OrderRequest): Promise<OrderResult> {
    if (this.orders.has(order.clientOrderId)) {
      throw new Rejected(`duplicate client order id ${order.clientOrderId}`, {
        venue: this.name,
        endpoint: 'paper placeOrder',
      });
    }
    const key = instrumentKey(order.instrument);
    if (order.instrument.venue !== 'kalshi' && !this.fees.has(key)) {
      // No fee schedule read for this market: never guess a rate (docs/venues-polymarket.md#p5-fee-schedule).
      throw new Rejected(`no fee schedule known for ${key}: list the market before trading it`, {
        venue: this.name,
        endpoint: 'paper placeOrder',
      });
    }
    const book = (await this.inner.getBooks([order.instrument])).get(key);
    if (order.instrument.venue === 'polymarket-us' && book) {
      // Polymarket US takes contracts on the market's minimum and step (docs/venues-polymarket-us.md#u-orders).
      const step = book.sizeStepCenti ?? book.minSizeCenti;
      if (order.sizeCenti < book.minSizeCenti || (step > 0 && order.sizeCenti % step !== 0)) {
        throw new Rejected(`size ${order.sizeCenti} centishares is off the market's minimum or step`, {
          venue: this.name,
          endpoint: 'paper placeOrder',
        });
      }
    }
    const levels = book ? (order.side === 'buy' ? book.asks : book.bids) : [];
    const random = this.options.random ?? Math.random;
    const failed = (this.options.failureRate ?? 0) > 0 && random() < (this.options.failureRate ?? 0);
    const fills = failed ? [] : walk(levels, order);
    const filledCenti = fills.reduce((s, f) => s + f.sizeCenti, 0);
    const complete = filledCenti === order.sizeCenti;
    const result = (status: OrderResult['status'], reason?: string, filled: typeof fills = []): OrderResult => {
      const notional = filled.reduce((s, f) => s + notionalMicros(f.priceMicros, f.sizeCenti), 0);
      const fee = filled.length > 0 ? this.feeFor(order.instrument, filled) : 0;
      return {
        venue: this.name,
        clientOrderId: order.clientOrderId,
        venueOrderId: `paper-${order.clientOrderId}`,
        status,
        instrument: order.instrument,
        side: order.side,
        filledCenti: filled.reduce((s, f) => s + f.sizeCenti, 0),
        notionalMicros: notional,
        feeMicros: fee,
        ...(reason ? { reason } : {}),
      };
    };
    let out: OrderResult;
    if (filledCenti === 0 || (order.tif === 'FOK' && !complete)) {
      out = result('rejected', failed ? 'paper leg-failure model' : 'not enough liquidity at the limit price');
    } else {
      out = result(complete ? 'filled' : 'partial', undefined, fills);
      const cash = order.side === 'buy' ? -(out.notionalMicros + out.feeMicros) : out.notionalMicros - out.feeMicros;
      if (this.balanceMicros + cash < 0) {
        throw new InsufficientFunds('Insufficient balance', { venue: this.name, endpoint: 'paper placeOrder' });
      }
      this.balanceMicros += cash;
      const held = this.positions.get(key)?.sizeCenti ?? 0;
      const next = held + (order.side === 'buy' ? out.filledCenti : -out.filledCenti);
      if (next === 0) this.positions.delete(key);
      else this.positions.set(key, { instrument: order.instrument, sizeCenti: next });
    }
    this.orders.set(order.clientOrderId, out);
    return out;
  }

  async cancelOrder(_lookup: OrderLookup): Promise<void> {
    // Paper orders are FOK/IOC: nothing ever rests, so there is nothing to cancel.
  }

  async getOrder(lookup: OrderLookup): Promise<OrderResult | null> {
    if (lookup.clientOrderId) return this.orders.get(lookup.clientOrderId) ?? null;
    for (const o of this.orders.values()) if (o.venueOrderId === lookup.venueOrderId) return o;
    return null;
  }

  async getBalance(): Promise<Balance> {
    return { availableMicros: this.balanceMicros };
  }

  async getPositions(): Promise<Position[]> {
    return [...this.positions.values()].map((p) => ({ instrument: p.instrument, sizeCenti: p.sizeCenti }));
  }

  getResolution(instrument: InstrumentRef) {
    return this.inner.getResolution(instrument);
  }

  private learnFees(game: VenueGame): void {
    if (game.venue === 'polymarket-us') {
      for (const side of ['long', 'short'] as const) {
        this.fees.set(instrumentKey({ venue: 'polymarket-us', marketSlug: game.marketSlug, side }), {
          venue: 'polymarket-us',
          takerThetaPpm: game.takerThetaPpm,
        });
      }
    } else if (isOutcomeEvent(game)) {
      // Each market of an outcome event has its own fee schedule; both its tokens are traded.
      for (const m of game.markets) {
        for (const tokenId of [m.yesTokenId, m.noTokenId]) {
          this.fees.set(instrumentKey({ venue: 'polymarket', conditionId: m.conditionId, tokenId }), {
            venue: 'polymarket',
            ratePpm: m.fee.ratePpm,
            exponent: m.fee.exponent,
          });
        }
      }
    } else if (game.venue === 'polymarket') {
      for (const o of game.outcomes) {
        this.fees.set(instrumentKey({ venue: 'polymarket', conditionId: game.conditionId, tokenId: o.tokenId }), {
          venue: 'polymarket',
          ratePpm: game.fee.ratePpm,
          exponent: game.fee.exponent,
        });
      }
    } else {
      for (const m of game.markets) {
        for (const side of ['yes', 'no'] as const) {
          this.fees.set(instrumentKey({ venue: 'kalshi', ticker: m.ticker, side }), {
            venue: 'kalshi',
            multiplierPpm: game.feeMultiplierPpm,
          });
        }
      }
    }
  }

  /**
   * Fee of one whole order (Kalshi rounds once per order; Polymarket per fill; Polymarket US per
   * fill under the order's cap: lib/core/fees.ts). A Polymarket US sell of the long side is the
   * same trade as a buy of the short side and is charged on the price traded (docs/venues-polymarket-us.md#u-fees).
   */
  private feeFor(instrument: InstrumentRef, filled: readonly Level[]): Micros {
    const params = this.fees.get(instrumentKey(instrument));
    const fills = filled.map((f) => ({ price: f.priceMicros, count: f.sizeCenti }));
    if (instrument.venue === 'polymarket-us') {
      if (params?.venue !== 'polymarket-us') throw new Rejected('no fee schedule known', { venue: this.name });
      return polymarketUsOrderFee(fills, params.takerThetaPpm);
    }
    if (instrument.venue === 'polymarket') {
      // placeOrder refused the instrument already when its schedule is unknown.
      if (params?.venue !== 'polymarket') throw new Rejected('no fee schedule known', { venue: this.name });
      return polymarketOrderFee(fills, params.ratePpm, params.exponent);
    }
    const multiplier = params?.venue === 'kalshi' ? params.multiplierPpm : KALSHI_DEFAULT_MULTIPLIER_PPM;
    return kalshiOrderFee({ fills, kind: 'taker', multiplier });
  }
}

/** Walk best-first levels up to the order's limit price and size. */
function walk(levels: readonly Level[], order: OrderRequest): Level[] {
  const fills: Level[] = [];
  let left = order.sizeCenti;
  for (const level of levels) {
    if (left <= 0) break;
    const crosses =
      order.side === 'buy' ? level.priceMicros <= order.priceMicros : level.priceMicros >= order.priceMicros;
    if (!crosses) break;
    const take = Math.min(left, level.sizeCenti);
    fills.push({ priceMicros: level.priceMicros, sizeCenti: take });
    left -= take;
  }
  return fills;
}
