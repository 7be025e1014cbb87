/**
 * The simulator's world: markets, books, accounts, orders, trades. Implements the scenario
 * driver's `PolymarketSimControl` (local/sim/control.ts) plus the account API tests and ledger
 * reconciliation use. Books are kept best-first (as the control surface gives them); the wire
 * order (best LAST, docs/venues-polymarket.md#p2-book-order) is produced by clob-views.ts.
 */
import { assertInteger, type Centishares, isOnTick, type Micros, payoutMicros } from '../../../lib/core/money';
import type { SimClock } from '../clock';
import type {
  PolymarketSimControl,
  PolymarketSimLeague,
  PolymarketSimMarketSpec,
  PolymarketSimResolution,
  SimLevel,
} from '../control';
import { SimOrderLog } from '../order-audit';
import { AccountBook, type AccountSnapshot, type RegisterAccountInput, type SimAccount } from './accounts';
import { LEAGUE_GAMMA } from './constants';
import type { SimMarket, SimOrder, SimTrade } from './records';

export interface SimBook {
  bids: SimLevel[];
  asks: SimLevel[];
  /** Sim time of the last change, reported as the book `timestamp`. */
  updatedAtMs: number;
}

/** In-process account API (not part of the venue's protocol). */
export interface PolymarketSimAccounts {
  registerAccount(input: RegisterAccountInput): AccountSnapshot;
  account(address: string): AccountSnapshot | undefined;
  /** Deposit (positive) or withdraw (negative) pUSD, exact micros. */
  fund(address: string, micros: Micros): void;
  orders(): readonly SimOrder[];
  trades(): readonly SimTrade[];
}

export class PolymarketSimState implements PolymarketSimControl, PolymarketSimAccounts {
  readonly accounts = new AccountBook();
  readonly markets = new Map<string, SimMarket>();
  readonly books = new Map<string, SimBook>();
  readonly orderById = new Map<string, SimOrder>();
  readonly tradeList: SimTrade[] = [];
  readonly lastTradeMicros = new Map<string, number>();
  /** Every order received and what became of it (not a venue API: local/sim/order-audit.ts). */
  readonly orderLog = new SimOrderLog();
  /** Order hashes and signatures already placed: a resubmission is refused. */
  readonly seenOrders = new Set<string>();
  private readonly tokenToCondition = new Map<string, string>();
  private nextEventId = 90_001;
  /** Current Gamma series id per league; a new season gets new ids (docs/venues-polymarket.md#p1-sports). */
  readonly seriesIds = new Map<PolymarketSimLeague, string>(
    Object.entries(LEAGUE_GAMMA).map(([league, g]) => [league as PolymarketSimLeague, g.seriesId]),
  );

  /**
   * Called after a control call changed books (the WebSocket feed sends the difference): with the
   * one book's key when only it changed, without when any may have.
   */
  readonly bookWatchers = new Set<(only?: string) => void>();

  /** How resolved positions turn into pUSD: `auto` at resolution, `onchain` only when redeemed (./chain.ts). */
  redemption: 'auto' | 'onchain' = 'auto';

  constructor(readonly clock: SimClock) {}

  /** Tells the book watchers that books may have changed (`only`: just that one). */
  booksChanged(only?: string): void {
    for (const w of this.bookWatchers) w(only);
  }

  // ---- PolymarketSimControl -------------------------------------------------------------

  addMarket(spec: PolymarketSimMarketSpec): void {
    if (this.markets.has(spec.conditionId)) throw new Error(`market ${spec.conditionId} already exists`);
    for (const n of [spec.tickMicros, spec.minSizeCenti, spec.feeRatePpm, spec.feeExponent, spec.gameStartMs]) {
      assertInteger(n, 'market spec number');
    }
    const [a, b] = spec.outcomes;
    if (a.tokenId === b.tokenId) throw new Error('outcome token ids must differ');
    for (const o of spec.outcomes) {
      if (!/^\d+$/.test(o.tokenId)) throw new Error(`token id must be a decimal string: ${o.tokenId}`);
      if (this.tokenToCondition.has(o.tokenId)) throw new Error(`token ${o.tokenId} already listed`);
    }
    // Markets of one event slug are one Gamma event (a soccer game's three markets).
    const sameEvent = [...this.markets.values()].find((m) => m.spec.eventSlug === spec.eventSlug);
    this.markets.set(spec.conditionId, {
      spec,
      eventId: sameEvent?.eventId ?? String(this.nextEventId++),
      seriesId: this.seriesIds.get(spec.league) ?? LEAGUE_GAMMA[spec.league].seriesId,
      createdAtMs: this.clock.now(),
      closed: false,
      acceptingOrders: true,
      closedAtMs: null,
      resolution: null,
    });
    for (const o of spec.outcomes) {
      this.tokenToCondition.set(o.tokenId, spec.conditionId);
      this.books.set(o.tokenId, { bids: [], asks: [], updatedAtMs: this.clock.now() });
    }
  }

  setBook(tokenId: string, book: { bids: readonly SimLevel[]; asks: readonly SimLevel[] }): void {
    const market = this.marketOfToken(tokenId);
    if (!market) throw new Error(`unknown token ${tokenId}`);
    const tick = market.spec.tickMicros;
    const check = (levels: readonly SimLevel[], side: string, better: (a: number, b: number) => boolean) =>
      levels.forEach((level, i) => {
        if (!isOnTick(level.priceMicros, tick))
          throw new Error(`${side} price ${level.priceMicros} is off tick ${tick}`);
        assertInteger(level.sizeCenti, 'sizeCenti');
        if (level.sizeCenti <= 0) throw new Error(`${side} size must be positive`);
        const prev = levels[i - 1];
        if (prev && !better(prev.priceMicros, level.priceMicros)) throw new Error(`${side} must be best-first`);
      });
    check(book.bids, 'bid', (a, b) => a > b);
    check(book.asks, 'ask', (a, b) => a < b);
    this.books.set(tokenId, {
      bids: book.bids.map((l) => ({ ...l })),
      asks: book.asks.map((l) => ({ ...l })),
      updatedAtMs: this.clock.now(),
    });
    this.booksChanged(tokenId);
  }

  closeMarket(conditionId: string): void {
    const market = this.requireMarket(conditionId);
    market.closed = true;
    market.acceptingOrders = false;
    market.closedAtMs ??= this.clock.now();
    this.cancelRestingOrders(conditionId);
  }

  /** Sets the winner (or a 50-50 split), closes the market and, with `redemption` `auto`, pays every position out. */
  resolve(conditionId: string, resolution: PolymarketSimResolution): void {
    const market = this.requireMarket(conditionId);
    if (market.resolution) throw new Error(`market ${conditionId} is already resolved`);
    const tokens = market.spec.outcomes.map((o) => o.tokenId);
    if ('winnerTokenId' in resolution && !tokens.includes(resolution.winnerTokenId)) {
      throw new Error(`winner ${resolution.winnerTokenId} is not an outcome of ${conditionId}`);
    }
    this.closeMarket(conditionId);
    market.resolution = resolution;
    // `onchain`: the tokens stay until redeemed through the chain emulation (./chain.ts), as on the
    // venue (docs/redemption.md). `auto`: paid out here at once (the old behaviour, for tests that
    // do not redeem).
    if (this.redemption === 'onchain') return;
    for (const account of this.accounts.all()) {
      for (const tokenId of tokens) {
        const held = this.accounts.position(account, tokenId);
        if (held === 0) continue;
        this.accounts.credit(account, payoutFor(resolution, tokenId, held));
        this.accounts.addPosition(account, tokenId, -held);
      }
    }
  }

  /** Leagues `/sports` leaves out (`unlistSport`): a league Polymarket does not list, e.g. off-season. */
  readonly unlistedSports = new Set<PolymarketSimLeague>();

  /** `/sports` no longer lists `league` (its games stay listed under their events). */
  unlistSport(league: PolymarketSimLeague): void {
    this.unlistedSports.add(league);
  }

  /** A new season: `/sports` answers the new series id, and games listed from now on belong to it. */
  newSeason(league: PolymarketSimLeague, seriesId: string): void {
    if (!/^\d+$/.test(seriesId)) throw new Error(`series id must be numeric: ${seriesId}`);
    this.seriesIds.set(league, seriesId);
  }

  // ---- account API ----------------------------------------------------------------------

  registerAccount(input: RegisterAccountInput): AccountSnapshot {
    return this.accounts.snapshot(this.accounts.register(input));
  }

  account(address: string): AccountSnapshot | undefined {
    const account = this.accounts.get(address);
    return account ? this.accounts.snapshot(account) : undefined;
  }

  fund(address: string, micros: Micros): void {
    const account = this.accounts.get(address);
    if (!account) throw new Error(`unknown account ${address}`);
    if (account.balanceMicros + micros < 0) throw new RangeError('balance would go negative');
    this.accounts.credit(account, micros);
  }

  orders(): readonly SimOrder[] {
    return [...this.orderById.values()];
  }

  trades(): readonly SimTrade[] {
    return [...this.tradeList];
  }

  // ---- lookups used by the routes ---------------------------------------------------------

  marketOfToken(tokenId: string): SimMarket | undefined {
    const conditionId = this.tokenToCondition.get(tokenId);
    return conditionId ? this.markets.get(conditionId) : undefined;
  }

  requireMarket(conditionId: string): SimMarket {
    const market = this.markets.get(conditionId);
    if (!market) throw new Error(`unknown market ${conditionId}`);
    return market;
  }

  snapshotAll(): AccountSnapshot[] {
    return this.accounts.all().map((a: SimAccount) => this.accounts.snapshot(a));
  }

  private cancelRestingOrders(conditionId: string): void {
    for (const order of this.orderById.values()) {
      if (order.conditionId === conditionId && order.status === 'LIVE') order.status = 'CANCELED';
    }
  }
}

function payoutFor(resolution: PolymarketSimResolution, tokenId: string, centi: Centishares): Micros {
  if ('split' in resolution) return payoutMicros(centi) / 2;
  return resolution.winnerTokenId === tokenId ? payoutMicros(centi) : 0;
}
