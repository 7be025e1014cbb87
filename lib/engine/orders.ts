/**
 * Placing one order without ever resending it blindly (docs/engine.md#execute-and-the-bet-lifecycle). A Timeout, Unavailable or
 * unreadable answer leaves the outcome UNKNOWN: the order is looked up by its deterministic
 * client order id, and a `pending` order (Polymarket `delayed`, a late report) is followed,
 * boundedly, until it is matched or not. A resting order is cancelled and read back.
 */
import type { InstrumentRef } from '../core/market';
import type { Centishares, Micros } from '../core/money';
import type { EngineDeps, EngineState } from './deps';
import { venueFailed, venueSucceeded } from './failures';
import {
  AuthError,
  BadResponse,
  type OrderRequest,
  type OrderResult,
  RateLimited,
  Rejected,
  type Venue,
} from './ports';

export interface KnownOutcome {
  readonly known: true;
  readonly venueOrderId: string | null;
  readonly filledCenti: Centishares;
  readonly notionalMicros: Micros;
  readonly feeMicros: Micros;
  readonly reason: string | null;
}

export interface UnknownOutcome {
  readonly known: false;
  readonly reason: string;
}

export type OrderOutcome = KnownOutcome | UnknownOutcome;

const NOTHING = (reason: string, venueOrderId: string | null = null): KnownOutcome => ({
  known: true,
  venueOrderId,
  filledCenti: 0,
  notionalMicros: 0,
  feeMicros: 0,
  reason,
});

function settled(r: OrderResult): KnownOutcome {
  return {
    known: true,
    venueOrderId: r.venueOrderId,
    filledCenti: r.filledCenti,
    notionalMicros: r.notionalMicros,
    feeMicros: r.feeMicros,
    reason: r.reason ?? (r.filledCenti === 0 ? r.status : null),
  };
}

/** The venue certainly did not process the request (nothing filled). */
function surelyNotPlaced(err: unknown): boolean {
  // BadResponse is a Rejected? No: it is its own class; an unreadable answer may hide a fill.
  if (err instanceof BadResponse) return false;
  return err instanceof Rejected || err instanceof RateLimited || err instanceof AuthError;
}

/** Looks an order up by client order id until its outcome is final, or gives up (unknown). */
export async function followOrder(
  deps: EngineDeps,
  state: EngineState,
  venue: Venue,
  clientOrderId: string,
  instrument: InstrumentRef,
  first: OrderResult | null,
): Promise<OrderOutcome> {
  let current = first;
  let lastProblem = 'outcome not reported';
  for (let look = 0; look <= deps.config.followAttempts; look += 1) {
    if (current && current.status === 'resting') {
      try {
        await venue.cancelOrder({
          clientOrderId,
          instrument,
          ...(current.venueOrderId ? { venueOrderId: current.venueOrderId } : {}),
        });
      } catch (err) {
        await venueFailed(deps, state, 'cancel', err, venue.name);
      }
      current = null; // read back what filled before the cancel
    } else if (current && current.status !== 'pending') {
      return settled(current);
    }
    if (look === deps.config.followAttempts) break;
    if (look > 0 || current) await deps.clock.sleep(deps.config.followDelayMs);
    try {
      current = await venue.getOrder({ clientOrderId, instrument });
      venueSucceeded(state);
      if (current === null) lastProblem = 'order not found on the venue';
    } catch (err) {
      await venueFailed(deps, state, 'order lookup', err, venue.name);
      lastProblem = `lookup failed: ${err instanceof Error ? err.name : 'error'}`;
      current = null;
    }
  }
  return { known: false, reason: lastProblem };
}

/** Places `order` once; never resends; returns what surely happened or `unknown`. */
export async function placeOnce(
  deps: EngineDeps,
  state: EngineState,
  venue: Venue,
  order: OrderRequest,
): Promise<OrderOutcome> {
  let first: OrderResult | null = null;
  try {
    first = await venue.placeOrder(order);
    venueSucceeded(state);
  } catch (err) {
    if (surelyNotPlaced(err)) {
      // A refusal is a normal outcome of a FOK, not a venue fault; a 429/auth failure is.
      if (!(err instanceof Rejected)) await venueFailed(deps, state, 'order', err, venue.name);
      return NOTHING(err instanceof Error ? `${err.name}: ${err.message}` : 'refused');
    }
    await venueFailed(deps, state, 'order', err, venue.name);
  }
  return followOrder(deps, state, venue, order.clientOrderId, order.instrument, first);
}
