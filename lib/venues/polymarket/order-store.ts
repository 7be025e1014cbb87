/**
 * Signed orders kept by clientOrderId. Polymarket has no client order id; we make the signed
 * order itself the idempotency key: the first placement signs it (salt derived from the
 * clientOrderId, timestamp from the clock) and stores it here; any later placement or lookup
 * with the same clientOrderId reuses the SAME signed order, hence the same order hash, which the
 * venue accepts at most once (docs/venues-polymarket.md "Idempotent placement").
 *
 * The default store is in memory. An engine that must survive a crash between signing and
 * recording can pass a durable store (or persist `orderHash` from the result).
 */
import type { SignedOrder } from './order-signing';

export interface StoredOrder {
  readonly order: SignedOrder;
  /** EIP-712 hash: the venue's order id. */
  readonly orderHash: string;
  /** What was asked, to refuse a clientOrderId reused for a different order. */
  readonly fingerprint: string;
  readonly conditionId: string;
}

export interface SignedOrderStore {
  get(clientOrderId: string): Promise<StoredOrder | undefined>;
  put(clientOrderId: string, stored: StoredOrder): Promise<void>;
  /** Reverse lookup, for reports that only carry the venue id. */
  clientOrderIdOf(orderHash: string): Promise<string | undefined>;
}

export class MemoryOrderStore implements SignedOrderStore {
  private readonly byId = new Map<string, StoredOrder>();
  private readonly byHash = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  async get(clientOrderId: string): Promise<StoredOrder | undefined> {
    return this.byId.get(clientOrderId);
  }

  async put(clientOrderId: string, stored: StoredOrder): Promise<void> {
    if (!this.byId.has(clientOrderId) && this.byId.size >= this.capacity) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) {
        const old = this.byId.get(oldest);
        this.byId.delete(oldest);
        if (old) this.byHash.delete(old.orderHash.toLowerCase());
      }
    }
    this.byId.set(clientOrderId, stored);
    this.byHash.set(stored.orderHash.toLowerCase(), clientOrderId);
  }

  async clientOrderIdOf(orderHash: string): Promise<string | undefined> {
    return this.byHash.get(orderHash.toLowerCase());
  }
}
