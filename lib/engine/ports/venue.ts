/**
 * The Venue port and the one venue error hierarchy (callers decide by error type, never by message text).
 * Polymarket, Kalshi, PaperVenue and the simulators' clients all satisfy `Venue`; the engine
 * decides what to do (retry, unwind, halt) by error TYPE, never by message text.
 */
import type { Book, InstrumentRef, League, Resolution, VenueGame, VenueName } from '../../core/market';
import type { Centishares, Micros, PriceMicros } from '../../core/money';
import type { PreflightCheck } from './preflight';
import type { BookStream } from './stream';

export type TimeInForce = 'FOK' | 'IOC';
/**
 * `sell` only ever sells what we hold (unwinds): the engine never goes short. A venue where a sell
 * could open the opposite position must send it reduce-only (Kalshi: docs/venues-kalshi.md#k4-reduce-only).
 */
export type OrderSide = 'buy' | 'sell';

export interface OrderRequest {
  /** Deterministic (bet id + leg + attempt) so a crashed run can find its own order. */
  readonly clientOrderId: string;
  readonly instrument: InstrumentRef;
  readonly side: OrderSide;
  /** Limit price per share (worst acceptable). */
  readonly priceMicros: PriceMicros;
  readonly sizeCenti: Centishares;
  readonly tif: TimeInForce;
  /**
   * Polymarket BUY only: the exact pUSD to spend, whole cents (the order's maker amount; the
   * venue spends all of it and `sizeCenti` becomes a minimum). The planner sets it to the cost of
   * its walk of the book, so an unchanged book delivers exactly `sizeCenti`. Absent: price × size,
   * exact only for a one-level walk (docs/adr/0007-polymarket-buys-spend-dollars.md).
   */
  readonly spendMicros?: Micros;
}

/**
 * - `filled`: fully filled. `partial`: IOC/FAK filled part, rest cancelled.
 * - `rejected`: nothing filled (includes FOK not filled). `resting`: still on the book.
 * - `pending`: accepted, outcome not yet known (Polymarket `delayed`, or a late report):
 *   follow it with `getOrder`.
 * - `canceled`: cancelled with whatever `filledCenti` says.
 */
export type OrderStatus = 'filled' | 'partial' | 'rejected' | 'resting' | 'pending' | 'canceled';

export interface OrderResult {
  readonly venue: VenueName;
  readonly clientOrderId: string;
  /** Venue's order id; null when the venue never assigned one (rejected before the book). */
  readonly venueOrderId: string | null;
  readonly status: OrderStatus;
  readonly instrument: InstrumentRef;
  readonly side: OrderSide;
  readonly filledCenti: Centishares;
  /** Notional exchanged for the filled part (paid on a buy, received on a sell), excluding fees. */
  readonly notionalMicros: Micros;
  /** Fees actually charged by the venue for the filled part. */
  readonly feeMicros: Micros;
  /** Venue's reason when rejected, for the record (never parsed outside the adapter). */
  readonly reason?: string;
}

export interface Balance {
  /** Cash available to trade now (after open-order holds). */
  readonly availableMicros: Micros;
}

export interface Position {
  readonly instrument: InstrumentRef;
  /** Shares held (positive). A Kalshi NO position is reported on the `no` instrument. */
  readonly sizeCenti: Centishares;
}

export interface OrderLookup {
  readonly venueOrderId?: string;
  readonly clientOrderId?: string;
  /** Some venues need the instrument to look an order up (Kalshi by ticker). */
  readonly instrument?: InstrumentRef;
}

/**
 * Where a read that returns many items reports ONE item it had to leave out (a malformed game
 * of a wanted league, a crossed or unreadable book). Given, the call skips the item and goes
 * on; the item is simply absent from the answer, so it can never be traded. Not given, the
 * call throws that BadResponse, as a strict caller (tests, tools) expects.
 */
export type ItemProblemSink = (problem: BadResponse) => void;

export interface Venue {
  readonly name: VenueName;
  /** Discovery of moneyline games, paginated and validated. */
  listGames(leagues: readonly League[], onItemProblem?: ItemProblemSink): Promise<VenueGame[]>;
  /** Books for instruments, keyed by `instrumentKey`; batched where the venue allows. */
  getBooks(instruments: readonly InstrumentRef[], onItemProblem?: ItemProblemSink): Promise<Map<string, Book>>;
  placeOrder(order: OrderRequest): Promise<OrderResult>;
  cancelOrder(lookup: OrderLookup): Promise<void>;
  /** null when the venue has no such order. */
  getOrder(lookup: OrderLookup): Promise<OrderResult | null>;
  getBalance(): Promise<Balance>;
  getPositions(): Promise<Position[]>;
  /** Resolution of the market that `instrument` belongs to. */
  getResolution(instrument: InstrumentRef): Promise<Resolution>;
  /**
   * Optional: the venue's own clock, epoch ms, where the venue exposes it (docs/engine.md#preflight
   * compares it with ours). Absent: the venue has no time endpoint.
   */
  serverTimeMs?(): Promise<number>;
  /**
   * Optional: checks only this venue knows how to make (key derivation, wallet kind, allowance,
   * region, rate tier, the series of the configured `leagues` …), run by the engine's `preflight`.
   * Never places an order; never throws for a failed check (it is a `fail` result with a fix).
   */
  preflightChecks?(context: PreflightContext): Promise<PreflightCheck[]>;
  /**
   * Optional: the venue's WebSocket order books (./stream.ts, docs/engine.md#streaming). Each call
   * opens a new stream (its own connections); the caller closes it. Absent: the venue is read by
   * polling `getBooks` only.
   */
  openBookStream?(): BookStream;
}

/** What the engine's preflight tells a venue's own checks. */
export interface PreflightContext {
  /** The leagues the deployment trades. */
  readonly leagues: readonly League[];
}

export interface VenueErrorDetails {
  readonly venue: VenueName;
  /** e.g. `POST /order`; never includes query secrets. */
  readonly endpoint?: string;
  /** HTTP status where there was one. */
  readonly status?: number;
  /** Short, secret-free excerpt of the response body. */
  readonly excerpt?: string;
}

export class VenueError extends Error {
  readonly venue: VenueName;
  readonly endpoint: string | undefined;
  readonly status: number | undefined;
  readonly excerpt: string | undefined;
  /** Whether repeating the same idempotent request may succeed. */
  readonly retryable: boolean = false;

  constructor(message: string, details: VenueErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.venue = details.venue;
    this.endpoint = details.endpoint;
    this.status = details.status;
    this.excerpt = details.excerpt;
  }
}

/** The venue refused the request (bad order, FOK not filled, market closed, bad signature …). */
export class Rejected extends VenueError {}
/** Not enough cash or allowance. */
export class InsufficientFunds extends Rejected {}
/** 429 or the venue's throttle. */
export class RateLimited extends VenueError {
  override readonly retryable = true;
  constructor(
    message: string,
    details: VenueErrorDetails & { readonly retryAfterMs?: number },
    options?: { cause?: unknown },
  ) {
    super(message, details, options);
    this.retryAfterMs = details.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}
/** No answer in time. For an order the outcome is UNKNOWN: look it up, never resend blindly. */
export class Timeout extends VenueError {
  override readonly retryable = true;
}
/** 5xx, connection refused/reset: the venue is not serving. */
export class Unavailable extends VenueError {
  override readonly retryable = true;
}
/** The response did not match the documented schema. Recorded, never traded on. */
export class BadResponse extends VenueError {}
/** Our credentials are missing or refused (401/403). */
export class AuthError extends VenueError {}
/**
 * The venue refuses to trade with us from where we are (Polymarket's 403 "Trading restricted in
 * your region": docs/venues-polymarket.md#p5-region-block). Not retryable and not a credential
 * problem to rotate: it stays so until the deployment moves; recorded like any refusal.
 */
export class RegionRestricted extends AuthError {}

/** Keep excerpts short and single-line for logs and error records. */
export function excerptOf(body: string, max = 200): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * Reads one item of a many-item answer. A BadResponse is reported to the sink and the item left
 * out (null); with no sink it is thrown (see ItemProblemSink). Other errors always throw.
 */
export function readItem<T>(read: () => T, sink: ItemProblemSink | undefined): T | null {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof BadResponse) || !sink) throw err;
    sink(err);
    return null;
  }
}
