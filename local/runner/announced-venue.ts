/**
 * A Venue that says what it does: every order placed (and its fill) is printed, the way the
 * seed printed "placing orders". It forwards everything to the venue it wraps (a PaperVenue in
 * the local runner) and learns outcome names from discovery so a Polymarket token reads as a
 * team, not a 77-digit id.
 */
import {
  type Book,
  type InstrumentRef,
  instrumentKey,
  isOutcomeEvent,
  type League,
  type Resolution,
  type VenueGame,
} from '../../lib/core/market';
import { displayUsd, formatCentishares, formatMicros } from '../../lib/core/money';
import type {
  Balance,
  ItemProblemSink,
  OrderLookup,
  OrderRequest,
  OrderResult,
  Position,
  Venue,
} from '../../lib/engine/ports';

const VENUE_LABEL = { polymarket: 'Polymarket', kalshi: 'Kalshi' } as const;

export class AnnouncedVenue implements Venue {
  readonly name: Venue['name'];
  private readonly names = new Map<string, string>();

  constructor(
    private readonly inner: Venue,
    private readonly say: (line: string) => void,
  ) {
    this.name = inner.name;
  }

  async listGames(leagues: readonly League[], sink?: ItemProblemSink): Promise<VenueGame[]> {
    const games = await this.inner.listGames(leagues, sink);
    for (const g of games) {
      if (isOutcomeEvent(g)) {
        for (const m of g.markets) {
          this.names.set(`polymarket:${m.yesTokenId}`, `${m.question} Yes`);
          this.names.set(`polymarket:${m.noTokenId}`, `${m.question} No`);
        }
      } else if (g.venue === 'polymarket')
        for (const o of g.outcomes) this.names.set(`polymarket:${o.tokenId}`, o.name);
    }
    return games;
  }

  getBooks(instruments: readonly InstrumentRef[], sink?: ItemProblemSink): Promise<Map<string, Book>> {
    return this.inner.getBooks(instruments, sink);
  }

  /** `Kalshi KXNBAGAME-26NOV25LALBOS-BOS YES` / `Polymarket Celtics`. */
  describe(ref: InstrumentRef): string {
    if (ref.venue === 'kalshi') return `${VENUE_LABEL.kalshi} ${ref.ticker} ${ref.side.toUpperCase()}`;
    if (ref.venue === 'polymarket-us') return `Polymarket US ${ref.marketSlug} ${ref.side}`;
    return `${VENUE_LABEL.polymarket} ${this.names.get(instrumentKey(ref)) ?? `token …${ref.tokenId.slice(-6)}`}`;
  }

  async placeOrder(order: OrderRequest): Promise<OrderResult> {
    const what = `${order.side} ${formatCentishares(order.sizeCenti, 2)} × ${this.describe(order.instrument)} @ $${formatMicros(order.priceMicros, 4)} ${order.tif}`;
    this.say(`  ↳ placing ${what}`);
    try {
      const r = await this.inner.placeOrder(order);
      const money = r.filledCenti > 0 ? ` for ${displayUsd(r.notionalMicros)} + ${displayUsd(r.feeMicros)} fees` : '';
      this.say(
        `    ${r.status}: ${formatCentishares(r.filledCenti, 2)} filled${money}${r.reason ? ` (${r.reason})` : ''}`,
      );
      return r;
    } catch (err) {
      this.say(`    order failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'error'}`);
      throw err;
    }
  }

  cancelOrder(lookup: OrderLookup): Promise<void> {
    return this.inner.cancelOrder(lookup);
  }

  getOrder(lookup: OrderLookup): Promise<OrderResult | null> {
    return this.inner.getOrder(lookup);
  }

  getBalance(): Promise<Balance> {
    return this.inner.getBalance();
  }

  getPositions(): Promise<Position[]> {
    return this.inner.getPositions();
  }

  getResolution(instrument: InstrumentRef): Promise<Resolution> {
    return this.inner.getResolution(instrument);
  }
}
