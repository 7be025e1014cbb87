/**
 * Our placements, kept by client order id. Polymarket US orders carry NO client order id
 * (docs/venues-polymarket-us.md#u-no-client-id), so this record is what lets a lost answer be
 * looked up instead of resent: the client writes the placement BEFORE sending, and a later
 * placement or lookup with the same client order id never sends again; it looks for the order
 * (open orders, then our trades since the send time) and claims what it finds, so one venue order
 * or trade is never attributed to two placements.
 *
 * The contract every store keeps (test/integration/store/placements.test.ts runs it against both):
 *  - `put` writes a placement when its client order id holds none, when the one it holds is the
 *    same send (same `attemptId`: a state update), or when the one it holds was refused and this
 *    is a new send (`sending`). Anything else is a `PlacementConflict`: one client order id is
 *    never sent twice, even by two processes at once.
 *  - `claim` attributes a venue order id or trade id to one placement, for good: it answers true
 *    when the id is (now, or already) that placement's, false when another placement has it.
 *
 * `MemoryPlacementStore` keeps them in the process: after a restart an order whose answer was lost
 * cannot be attributed by client order id. Lambda passes the durable store on the trading table
 * (lib/store/placements.ts), so the next run finds the placement and looks the order up.
 */
import type { Intent } from './constants';

export interface Placement {
  readonly clientOrderId: string;
  /** One send of this client order id (random): updates of the same send carry the same one. */
  readonly attemptId: string;
  /** What was asked (slug, intent, long price, quantity, tif): a client order id reused for another order is refused. */
  readonly fingerprint: string;
  readonly marketSlug: string;
  readonly intent: Intent;
  /** The long-side price sent, micros. */
  readonly longPriceMicros: number;
  readonly sizeCenti: number;
  /** Our clock when the request left. */
  readonly sentAtMs: number;
  /**
   * `sending`: request sent, answer not read (yet); `placed`: the venue answered with an order id;
   * `refused`: the venue refused it (nothing was placed); `traded`: found only through its trades.
   */
  readonly state: 'sending' | 'placed' | 'refused' | 'traded';
  readonly venueOrderId: string | null;
  /** Trade ids attributed to this placement when found through its trades. */
  readonly tradeIds: readonly string[];
}

export type ClaimKind = 'order' | 'trade';

/** A `put` the store refused: the client order id holds another send that was not refused. */
export class PlacementConflict extends Error {
  override readonly name = 'PlacementConflict';
  constructor(readonly clientOrderId: string) {
    super(`client order id ${clientOrderId} holds another send of this order`);
  }
}

export interface PlacementStore {
  get(clientOrderId: string): Promise<Placement | undefined>;
  /** Writes a placement under the rule above; a `PlacementConflict` when it may not. */
  put(placement: Placement): Promise<void>;
  /** The client order id a venue order id or trade id is attributed to, if any. */
  claimant(kind: ClaimKind, id: string): Promise<string | undefined>;
  /** Attributes `id` to `clientOrderId`: true when it is that placement's (now or already), false when another's. */
  claim(kind: ClaimKind, id: string, clientOrderId: string): Promise<boolean>;
}

/** Whether `next` may replace `current` (the store contract above). */
export function mayReplace(current: Placement | undefined, next: Placement): boolean {
  if (!current) return true;
  if (current.attemptId === next.attemptId) return true;
  return current.state === 'refused' && next.state === 'sending';
}

export class MemoryPlacementStore implements PlacementStore {
  private readonly byId = new Map<string, Placement>();
  private readonly claims = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  async get(clientOrderId: string): Promise<Placement | undefined> {
    return this.byId.get(clientOrderId);
  }

  async put(placement: Placement): Promise<void> {
    if (!mayReplace(this.byId.get(placement.clientOrderId), placement))
      throw new PlacementConflict(placement.clientOrderId);
    if (!this.byId.has(placement.clientOrderId) && this.byId.size >= this.capacity) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) this.byId.delete(oldest);
    }
    this.byId.set(placement.clientOrderId, placement);
  }

  async claimant(kind: ClaimKind, id: string): Promise<string | undefined> {
    return this.claims.get(`${kind}:${id}`);
  }

  async claim(kind: ClaimKind, id: string, clientOrderId: string): Promise<boolean> {
    const key = `${kind}:${id}`;
    const owner = this.claims.get(key);
    if (owner !== undefined) return owner === clientOrderId;
    if (this.claims.size >= this.capacity * 20) {
      const oldest = this.claims.keys().next().value;
      if (oldest !== undefined) this.claims.delete(oldest);
    }
    this.claims.set(key, clientOrderId);
    return true;
  }
}
