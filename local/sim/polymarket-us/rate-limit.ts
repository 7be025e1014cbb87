/**
 * Rate limits of the simulated Polymarket US (docs/venues-polymarket-us.md#u-rate-limits): "20
 * requests per second per API key across all endpoints" on the API host and "20 requests per
 * second per IP" on the public gateway; over the limit, `429 Too Many Requests`. Modelled as a
 * token bucket per caller holding one second of budget. Off unless the simulator is given `rateLimit`.
 */
export interface PolymarketUsSimRateLimit {
  /** Requests per second per caller (default 20). */
  readonly perSec?: number;
}

export class SimRateLimiter {
  /** Requests refused with 429, for tests. */
  refused = 0;
  private readonly buckets = new Map<string, { tokens: number; last: number }>();
  private readonly perSec: number;

  constructor(
    limit: PolymarketUsSimRateLimit,
    private readonly now: () => number,
  ) {
    this.perSec = limit.perSec ?? 20;
  }

  /** Takes one token from `caller`'s bucket; false when there is none (→ 429). */
  allow(caller: string): boolean {
    const now = this.now();
    const b = this.buckets.get(caller) ?? { tokens: this.perSec, last: now };
    b.tokens = Math.min(this.perSec, b.tokens + ((now - b.last) / 1000) * this.perSec);
    b.last = now;
    this.buckets.set(caller, b);
    if (b.tokens < 1) {
      this.refused += 1;
      return false;
    }
    b.tokens -= 1;
    return true;
  }
}
