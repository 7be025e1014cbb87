/**
 * Our placements, kept by client order id. Polymarket US orders carry NO client order id
 * (docs/venues-polymarket-us.md#u-no-client-id), so this record is what lets a lost answer be
 * looked up instead of resent: the client writes the placement BEFORE sending, and a later
 * placement or lookup with the same client order id never sends again; it looks for the order
 * (open orders, then our trades since the send time) and claims what it finds, so one venue order
 * or trade is never attributed to two placements.
 *
 * The default store is in memory: after a restart, an order whose answer was lost cannot be
 * attributed by client order id (the engine's position reconciliation still sees its effect). A
 * deployment that must survive a crash between sending and recording passes a durable store.
 */
import type { Intent } from './constants';

export interface Placement {
  readonly clientOrderId: string;
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

export interface PlacementStore {
  get(clientOrderId: string): Promise<Placement | undefined>;
  put(placement: Placement): Promise<void>;
  /** Whether a venue order id or a trade id already belongs to a placement. */
  claimed(kind: 'order' | 'trade', id: string): Promise<boolean>;
  claim(kind: 'order' | 'trade', id: string): Promise<void>;
}

export class MemoryPlacementStore implements PlacementStore {
  private readonly byId = new Map<string, Placement>();
  private readonly claims = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  async get(clientOrderId: string): Promise<Placement | undefined> {
    return this.byId.get(clientOrderId);
  }

  async put(placement: Placement): Promise<void> {
    if (!this.byId.has(placement.clientOrderId) && this.byId.size >= this.capacity) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) this.byId.delete(oldest);
    }
    this.byId.set(placement.clientOrderId, placement);
  }

  async claimed(kind: 'order' | 'trade', id: string): Promise<boolean> {
    return this.claims.has(`${kind}:${id}`);
  }

  async claim(kind: 'order' | 'trade', id: string): Promise<void> {
    if (this.claims.size >= this.capacity * 20) {
      const oldest = this.claims.values().next().value;
      if (oldest !== undefined) this.claims.delete(oldest);
    }
    this.claims.add(`${kind}:${id}`);
  }
}
