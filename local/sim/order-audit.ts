/**
 * The simulators' order log: every order a simulator received, whatever became of it. Not a venue
 * API (neither venue keeps a record of a killed FOK or a refused order): an introspection surface
 * like the `_sim` admin routes, so a test or an operator can show that an order was signed, killed
 * and filled nothing (docs/local.md#sim-order-log, docs/engine.md#preflight).
 */

/**
 * - `filled`: filled completely; `partial`: filled in part (the rest cancelled or resting);
 * - `resting`: nothing filled, the order rests on the book;
 * - `killed`: a FOK that could not fill completely, or an IOC/FAK that filled nothing: nothing moved;
 * - `rejected`: refused before matching (auth, signature, amounts, funds, market, region), with `reason`.
 */
export type SimOrderOutcome = 'filled' | 'partial' | 'resting' | 'killed' | 'rejected';

export interface SimOrderLogEntry {
  /** Sim time the order was received. */
  readonly atMs: number;
  /** Key id (Kalshi) or API key (Polymarket) the request came with, when it named one. */
  readonly account: string | null;
  /** Our id for the order, where the venue takes one (Kalshi `client_order_id`); Polymarket has none. */
  readonly clientOrderId: string | null;
  /** The venue's id: Kalshi `order_id`, Polymarket order hash. Null when refused before one existed. */
  readonly venueOrderId: string | null;
  /** The order's signature (Polymarket EIP-712) or the request's signature (Kalshi RSA-PSS) verified. */
  readonly signatureVerified: boolean;
  readonly outcome: SimOrderOutcome;
  /** Why it was killed or refused (the venue's error text or code); null otherwise. */
  readonly reason: string | null;
  /** Centishares filled (0 unless `filled` or `partial`). */
  readonly filledCenti: number;
}

export class SimOrderLog {
  private readonly list: SimOrderLogEntry[] = [];

  record(entry: SimOrderLogEntry): void {
    this.list.push(Object.freeze({ ...entry }));
  }

  entries(): readonly SimOrderLogEntry[] {
    return [...this.list];
  }

  clear(): void {
    this.list.length = 0;
  }
}

/** Outcome of an order that reached matching, from what it filled. */
export function matchedOutcome(filledCenti: number, orderedCenti: number, rests: boolean): SimOrderOutcome {
  if (filledCenti >= orderedCenti) return 'filled';
  if (filledCenti > 0) return 'partial';
  return rests ? 'resting' : 'killed';
}
