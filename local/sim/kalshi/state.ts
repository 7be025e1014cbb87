/**
 * Everything the simulated Kalshi knows: series, events, markets with their books, accounts
 * with balances, positions, orders, fills and settlements. Implements `KalshiSimControl`
 * (local/sim/control.ts) for the scenario driver plus an in-process account API for tests.
 * Units are exact integers: price micros, centishares (lib/core/money.ts).
 */
import { createPublicKey } from 'node:crypto';
import { PAYOUT_MICROS } from '../../../lib/core/money';
import type { SimClock } from '../clock';
import type { KalshiSimControl, KalshiSimEventSpec, KalshiSimResult, SimLevel } from '../control';
import { SimOrderLog } from '../order-audit';
import { checkBook } from './book-check';
import { notFound } from './errors';
import { CENT_MICROS, type SeriesFee } from './fees';
import type { RegisterAccountInput, SimAccount, SimEvent, SimMarket, SimSeries } from './records';

export type * from './records';

/** Fee schedule of the game-winner series unless told otherwise (docs/venues-kalshi.md#k5: NBA/NFL carry maker fees). */
export const DEFAULT_SERIES_FEE: SeriesFee = { feeType: 'quadratic_with_maker_fees', multiplierPpm: 1_000_000 };

export class KalshiSimState implements KalshiSimControl {
  /** Every order received and what became of it (not a venue API: local/sim/order-audit.ts). */
  readonly orderLog = new SimOrderLog();
  readonly series = new Map<string, SimSeries>();
  readonly events = new Map<string, SimEvent>();
  readonly markets = new Map<string, SimMarket>();
  readonly accounts = new Map<string, SimAccount>();
  private seq = 0;
  /**
   * Called after a control call changed books (the WebSocket feed sends the difference): with the
   * one book's key when only it changed, without when any may have.
   */
  readonly bookWatchers = new Set<(only?: string) => void>();

  constructor(readonly clock: SimClock) {}

  /** Tells the book watchers that books may have changed (`only`: just that one). */
  booksChanged(only?: string): void {
    for (const w of this.bookWatchers) w(only);
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${this.seq.toString().padStart(8, '0')}`;
  }

  // ---- KalshiSimControl -------------------------------------------------------------------

  addEvent(spec: KalshiSimEventSpec): void {
    if (this.events.has(spec.eventTicker)) throw new Error(`event ${spec.eventTicker} already exists`);
    if (!spec.eventTicker.startsWith(`${spec.seriesTicker}-`)) {
      throw new Error(`event ${spec.eventTicker} is not in series ${spec.seriesTicker}`);
    }
    const now = this.clock.now();
    if (!this.series.has(spec.seriesTicker)) {
      this.series.set(spec.seriesTicker, { ticker: spec.seriesTicker, league: spec.league, fee: DEFAULT_SERIES_FEE });
    }
    for (const m of spec.markets) {
      if (this.markets.has(m.ticker)) throw new Error(`market ${m.ticker} already exists`);
      if (!m.ticker.startsWith(`${spec.eventTicker}-`))
        throw new Error(`market ${m.ticker} is not in ${spec.eventTicker}`);
    }
    this.events.set(spec.eventTicker, { spec, createdMs: now });
    for (const m of spec.markets) {
      this.markets.set(m.ticker, {
        spec: m,
        eventTicker: spec.eventTicker,
        createdMs: now,
        status: 'active',
        yesBids: [],
        noBids: [],
        result: '',
        settlementValueMicros: null,
        settledMs: null,
        closedMs: null,
        lastPriceMicros: 0,
        volumeCenti: 0,
      });
    }
  }

  setBook(ticker: string, book: { yesBids: readonly SimLevel[]; noBids: readonly SimLevel[] }): void {
    const market = this.market(ticker);
    market.yesBids = checkBook(book.yesBids, market.spec.tickMicros, `${ticker} yes bids`);
    market.noBids = checkBook(book.noBids, market.spec.tickMicros, `${ticker} no bids`);
    const bestYes = market.yesBids[0]?.priceMicros ?? 0;
    const bestNo = market.noBids[0]?.priceMicros ?? 0;
    // A YES bid at y and a NO bid at n ≥ 1−y would have matched each other on the venue.
    if (bestYes + bestNo >= PAYOUT_MICROS)
      throw new RangeError(`${ticker}: crossed book (YES ${bestYes} + NO ${bestNo})`);
    this.booksChanged(ticker);
  }

  closeMarket(ticker: string): void {
    const market = this.market(ticker);
    if (market.status === 'active') {
      market.status = 'closed';
      market.closedMs = this.clock.now();
    }
  }

  /** Pays every position at once and records it under /portfolio/settlements. */
  settle(ticker: string, result: KalshiSimResult): void {
    const market = this.market(ticker);
    if (market.status === 'finalized') throw new Error(`market ${ticker} is already settled`);
    const now = this.clock.now();
    let value: number;
    if (result === 'yes') value = PAYOUT_MICROS;
    else if (result === 'no') value = 0;
    else {
      value = result.voidValueMicros;
      if (!Number.isSafeInteger(value) || value < 0 || value > PAYOUT_MICROS || value % 100 !== 0) {
        throw new RangeError(`settlement value must be whole centicents in [0, 1], got ${String(value)}`);
      }
    }
    market.status = 'finalized';
    market.closedMs ??= now;
    market.settledMs = now;
    market.result = typeof result === 'string' ? result : 'scalar';
    market.settlementValueMicros = value;
    market.yesBids = [];
    market.noBids = [];
    for (const account of this.accounts.values()) this.payPosition(account, market, value, now);
    this.booksChanged();
  }

  private payPosition(account: SimAccount, market: SimMarket, yesValue: number, now: number): void {
    const pos = account.positions.get(market.spec.ticker);
    if (!pos || pos.positionCenti === 0) return;
    const yes = pos.positionCenti > 0 ? pos.positionCenti : 0;
    const no = pos.positionCenti < 0 ? -pos.positionCenti : 0;
    const exact = (yes * yesValue + no * (PAYOUT_MICROS - yesValue)) / 100;
    // Credits keep the account's balance precision (floored, as the venue rounds in its favour).
    const revenue = Math.floor(exact / account.precisionMicros) * account.precisionMicros;
    account.balanceMicros += revenue;
    account.updatedMs = now;
    account.settlements.push({
      ticker: market.spec.ticker,
      eventTicker: market.eventTicker,
      result: market.result as 'yes' | 'no' | 'scalar',
      yesCountCenti: yes,
      noCountCenti: no,
      yesCostMicros: yes > 0 ? pos.costBasisMicros : 0,
      noCostMicros: no > 0 ? pos.costBasisMicros : 0,
      revenueMicros: revenue,
      valueMicros: yesValue,
      settledMs: now,
    });
    pos.realizedPnlMicros += revenue - pos.costBasisMicros;
    pos.positionCenti = 0;
    pos.costBasisMicros = 0;
    pos.updatedMs = now;
  }

  // ---- accounts ---------------------------------------------------------------------------

  registerAccount(input: RegisterAccountInput): SimAccount {
    if (this.accounts.has(input.keyId)) throw new Error(`account key ${input.keyId} already registered`);
    if (!Number.isSafeInteger(input.balanceMicros) || input.balanceMicros < 0) {
      throw new RangeError('balanceMicros must be a non-negative integer');
    }
    const publicKey = createPublicKey(input.publicKeyPem);
    if (publicKey.asymmetricKeyType !== 'rsa') throw new Error('Kalshi keys are RSA (docs/venues-kalshi.md#k3)');
    const account: SimAccount = {
      keyId: input.keyId,
      userId: this.nextId('user'),
      publicKey,
      precisionMicros: input.directMember ? 100 : CENT_MICROS,
      balanceMicros: input.balanceMicros,
      updatedMs: this.clock.now(),
      positions: new Map(),
      orders: [],
      clientOrderIds: new Set(),
      fills: [],
      settlements: [],
    };
    this.accounts.set(input.keyId, account);
    return account;
  }

  balanceMicros(keyId: string): number {
    return this.account(keyId).balanceMicros;
  }

  /** Open positions: ticker → signed centishares (+ YES, − NO). */
  positions(keyId: string): Array<{ ticker: string; positionCenti: number }> {
    return [...this.account(keyId).positions.values()]
      .filter((p) => p.positionCenti !== 0)
      .map((p) => ({ ticker: p.ticker, positionCenti: p.positionCenti }));
  }

  setSeriesFee(seriesTicker: string, fee: SeriesFee): void {
    const existing = this.series.get(seriesTicker);
    if (existing) existing.fee = fee;
    else this.series.set(seriesTicker, { ticker: seriesTicker, league: null, fee });
  }

  account(keyId: string): SimAccount {
    const a = this.accounts.get(keyId);
    if (!a) throw new Error(`no account with key ${keyId}`);
    return a;
  }

  market(ticker: string): SimMarket {
    const m = this.markets.get(ticker);
    if (!m) throw notFound(`market ${ticker}`);
    return m;
  }

  seriesOf(market: SimMarket): SimSeries {
    const event = this.events.get(market.eventTicker);
    const s = event && this.series.get(event.spec.seriesTicker);
    if (!s) throw new Error(`no series for ${market.spec.ticker}`);
    return s;
  }
}
