/**
 * Everything the simulated Polymarket US knows: leagues, game events with their moneyline (and a
 * totals market beside it), one book per market (the long instrument's bids and offers,
 * docs/venues-polymarket-us.md#u-book), accounts with buying power, net positions, orders, trades
 * and resolutions. Units are exact integers (lib/core/money.ts): price micros, centishares.
 *
 * The in-process control API is `PolymarketUsSimControl` (local/sim/control.ts), what the scenario
 * driver (local/sim/scenario) drives.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { PAYOUT_MICROS } from '../../../lib/core/money';
import type { SimClock } from '../clock';
import {
  POLYMARKET_US_LEAGUE_SLUGS,
  type PolymarketUsSimControl,
  type PolymarketUsSimMarketSpec,
  type SimLevel,
} from '../control';
import { SimOrderLog } from '../order-audit';
import { notFound } from './errors';

/** Leagues and their slugs (docs/venues-polymarket-us.md#u-discovery). */
export const SIM_LEAGUE_SLUGS = POLYMARKET_US_LEAGUE_SLUGS;

export type { PolymarketUsSimControl, PolymarketUsSimMarketSpec, PolymarketUsSimTeam } from '../control';

export type MarketStatusWord = 'open' | 'closed' | 'halted' | 'resolved';

export interface SimMarket {
  readonly spec: Required<PolymarketUsSimMarketSpec>;
  readonly id: string;
  readonly eventId: string;
  readonly eventSlug: string;
  status: MarketStatusWord;
  /** Long-side book, best first: bids highest first, offers lowest first. */
  bids: SimLevel[];
  offers: SimLevel[];
  /** The long side's settlement price once resolved. */
  settlementMicros: number | null;
  settledAtMs: number | null;
  lastTradeMicros: number | null;
}

export type Intent =
  | 'ORDER_INTENT_BUY_LONG'
  | 'ORDER_INTENT_SELL_LONG'
  | 'ORDER_INTENT_BUY_SHORT'
  | 'ORDER_INTENT_SELL_SHORT';

export interface SimExecution {
  readonly id: string;
  readonly type: string;
  readonly lastCenti: number;
  readonly lastPxMicros: number | null;
  readonly tradeId: string | null;
  readonly commissionMicros: number | null;
  readonly text: string | null;
  readonly rejectReason: string | null;
  readonly atMs: number;
  /** The order's state right after this execution. */
  readonly orderState: string;
  readonly cumCenti: number;
}

export interface SimOrder {
  readonly id: string;
  readonly marketSlug: string;
  readonly intent: Intent;
  readonly tif: string;
  /** Long-side limit price. */
  readonly priceMicros: number;
  readonly quantityCenti: number;
  state: string;
  cumCenti: number;
  /** Σ long price × centishares of the fills (for `avgPx`). */
  notionalLongCentiMicros: number;
  commissionMicros: number;
  readonly createdAtMs: number;
  /** `late` fault: until then the order reads as pending with nothing filled. */
  readonly visibleAtMs: number;
  readonly executions: SimExecution[];
}

export interface SimTrade {
  readonly id: string;
  readonly orderId: string;
  readonly marketSlug: string;
  readonly longPriceMicros: number;
  readonly sizeCenti: number;
  readonly atMs: number;
  readonly visibleAtMs: number;
}

export interface SimResolution {
  readonly marketSlug: string;
  readonly side: 'long' | 'short';
  readonly beforeCenti: number;
  readonly payoutMicros: number;
  readonly atMs: number;
}

export interface SimAccount {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  buyingPowerMicros: number;
  /** Net long contracts per market (negative = short), centishares. */
  readonly positions: Map<string, number>;
  /** Markets whose position was resolved (shown as expired). */
  readonly expired: Map<string, number>;
  readonly orders: SimOrder[];
  readonly trades: SimTrade[];
  readonly resolutions: SimResolution[];
}

export interface RegisterAccountInput {
  /** API key id, a UUID. */
  readonly keyId: string;
  /** Ed25519 public key: 32 bytes, base64. */
  readonly publicKeyBase64: string;
  readonly buyingPowerMicros: number;
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class PolymarketUsSimState implements PolymarketUsSimControl {
  /** Every order received and what became of it (not a venue API: local/sim/order-audit.ts). */
  readonly orderLog = new SimOrderLog();
  readonly markets = new Map<string, SimMarket>();
  readonly accounts = new Map<string, SimAccount>();
  /** Totals markets listed beside each moneyline (never traded here; discovery must skip them). */
  readonly sideMarkets = new Map<string, { slug: string; eventSlug: string; id: string }>();
  /**
   * Called after something changed books (the WebSocket feed sends the changed books): with the
   * one market's slug when only it changed, without when any may have.
   */
  readonly bookWatchers = new Set<(only?: string) => void>();
  private seq = 0;

  constructor(readonly clock: SimClock) {}

  /** Tells the book watchers that books may have changed (`only`: just that market). */
  booksChanged(only?: string): void {
    for (const w of this.bookWatchers) w(only);
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq.toString().padStart(9, '0')}`;
  }

  market(slug: string): SimMarket {
    const m = this.markets.get(slug);
    if (!m) throw notFound(`market ${slug}`);
    return m;
  }

  // ---- control -----------------------------------------------------------------------------

  addMarket(spec: PolymarketUsSimMarketSpec): void {
    if (this.markets.has(spec.slug)) throw new Error(`market ${spec.slug} already exists`);
    const parts = /^aec-([a-z0-9]+)-([a-z0-9]+)-([a-z0-9]+)-(\d{4}-\d{2}-\d{2})$/.exec(spec.slug);
    if (!parts || parts[1] !== POLYMARKET_US_LEAGUE_SLUGS[spec.league]) {
      throw new Error(`${spec.slug} is not a ${spec.league} moneyline slug aec-{league}-{away}-{home}-{date}`);
    }
    const full: Required<PolymarketUsSimMarketSpec> = {
      tickMicros: 10_000,
      minQtyCenti: 1,
      takerThetaPpm: 69_500,
      ...spec,
    };
    if (PAYOUT_MICROS % full.tickMicros !== 0) throw new Error('tick must divide $1');
    const eventSlug = spec.slug.replace(/^aec-/, '');
    const id = this.nextId('');
    this.markets.set(spec.slug, {
      spec: full,
      id,
      eventId: this.nextId(''),
      eventSlug,
      status: 'open',
      bids: [],
      offers: [],
      settlementMicros: null,
      settledAtMs: null,
      lastTradeMicros: null,
    });
    const totals = `tsc-${eventSlug}-${spec.league === 'NBA' ? '215pt5' : '8pt5'}`;
    this.sideMarkets.set(spec.slug, { slug: totals, eventSlug, id: this.nextId('') });
  }

  setBook(slug: string, book: { bids: readonly SimLevel[]; offers: readonly SimLevel[] }): void {
    const m = this.market(slug);
    const check = (levels: readonly SimLevel[]) => {
      for (const l of levels) {
        if (!Number.isSafeInteger(l.priceMicros) || l.priceMicros <= 0 || l.priceMicros >= PAYOUT_MICROS) {
          throw new Error(`price ${l.priceMicros} outside (0, 1)`);
        }
        if (!Number.isSafeInteger(l.sizeCenti) || l.sizeCenti <= 0) throw new Error(`size ${l.sizeCenti} not positive`);
      }
    };
    check(book.bids);
    check(book.offers);
    const bids = [...book.bids].sort((a, b) => b.priceMicros - a.priceMicros);
    const offers = [...book.offers].sort((a, b) => a.priceMicros - b.priceMicros);
    if (bids[0] && offers[0] && bids[0].priceMicros >= offers[0].priceMicros)
      throw new Error(`crossed book for ${slug}`);
    m.bids = bids.map((l) => ({ ...l }));
    m.offers = offers.map((l) => ({ ...l }));
    this.booksChanged(slug);
  }

  closeMarket(slug: string): void {
    const m = this.market(slug);
    if (m.status !== 'resolved') m.status = 'closed';
    this.booksChanged(slug);
  }

  haltMarket(slug: string): void {
    const m = this.market(slug);
    if (m.status === 'open') m.status = 'halted';
    this.booksChanged(slug);
  }

  reopenMarket(slug: string): void {
    const m = this.market(slug);
    if (m.status === 'halted' || m.status === 'closed') m.status = 'open';
    this.booksChanged(slug);
  }

  resolve(slug: string, longPayoutMicros: number): void {
    const m = this.market(slug);
    if (!Number.isSafeInteger(longPayoutMicros) || longPayoutMicros < 0 || longPayoutMicros > PAYOUT_MICROS) {
      throw new Error('settlement outside [0, 1]');
    }
    if (m.status === 'resolved') throw new Error(`${slug} is resolved already`);
    const now = this.clock.now();
    m.status = 'resolved';
    m.settlementMicros = longPayoutMicros;
    m.settledAtMs = now;
    for (const account of this.accounts.values()) {
      const net = account.positions.get(slug) ?? 0;
      if (net === 0) continue;
      const perShare = net > 0 ? longPayoutMicros : PAYOUT_MICROS - longPayoutMicros;
      const payout = (Math.abs(net) * perShare) / 100; // exact: sizes are centishares, prices micros
      account.buyingPowerMicros += Math.floor(payout);
      account.positions.delete(slug);
      account.expired.set(slug, net);
      account.resolutions.push({
        marketSlug: slug,
        side: net > 0 ? 'long' : 'short',
        beforeCenti: net,
        payoutMicros: Math.floor(payout),
        atMs: now,
      });
    }
    this.booksChanged(slug);
  }

  // ---- accounts ----------------------------------------------------------------------------

  registerAccount(input: RegisterAccountInput): SimAccount {
    const raw = Buffer.from(input.publicKeyBase64, 'base64');
    if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.keyId)) {
      throw new Error('the key id must be a UUID');
    }
    const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
    const account: SimAccount = {
      keyId: input.keyId,
      publicKey,
      buyingPowerMicros: input.buyingPowerMicros,
      positions: new Map(),
      expired: new Map(),
      orders: [],
      trades: [],
      resolutions: [],
    };
    this.accounts.set(input.keyId, account);
    return account;
  }

  account(keyId: string): SimAccount {
    const a = this.accounts.get(keyId);
    if (!a) throw new Error(`no account ${keyId}`);
    return a;
  }

  buyingPowerMicros(keyId: string): number {
    return this.account(keyId).buyingPowerMicros;
  }

  /** Net long centishares per market (negative = short). */
  positions(keyId: string): ReadonlyMap<string, number> {
    return new Map(this.account(keyId).positions);
  }
}
