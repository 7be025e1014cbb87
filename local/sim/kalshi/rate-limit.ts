/**
 * Token-bucket rate limits of the simulated Kalshi, as docs.kalshi.com/getting_started/rate_limits
 * describes them (docs/venues-kalshi.md#k6-costs): two budgets per member, Read ("GET endpoints and
 * anything not explicitly routed elsewhere") and Write (order placement, amends, cancels); each
 * request takes its endpoint's cost in tokens (10 by default); a request the bucket cannot cover
 * is refused with 429 and `{"error": "too many requests"}`, without Retry-After. The Write bucket
 * holds two seconds of budget, the Read bucket one (GetAccountApiLimitsResponse `BucketLimit`).
 * Off unless `KalshiSimOptions.rateLimit` is given.
 */

/** Per-second budgets in tokens per tier (docs/venues-kalshi.md#k6-costs). */
export const SIM_TIERS = {
  basic: { read: 200, write: 100 },
  advanced: { read: 300, write: 300 },
  premier: { read: 1_000, write: 1_000 },
  paragon: { read: 2_000, write: 2_000 },
  prime: { read: 4_000, write: 4_000 },
} as const;

/** "Most requests cost the default of 10 tokens" (docs/venues-kalshi.md#k6-costs). */
const DEFAULT_COST = 10;
/**
 * "Every item in the batch is billed separately" (docs/venues-kalshi.md#k6-costs). Counting the
 * multi-ticker book read as a batch is an assumption (unverified), shared with the client.
 */
const PER_ITEM: Readonly<Record<string, string>> = { 'GET /markets/orderbooks': 'tickers' };

export interface KalshiSimRateLimit {
  readonly tier: keyof typeof SIM_TIERS;
  /** Costs per route pattern (`GET /markets/{ticker}`), over the default of 10. */
  readonly costs?: Readonly<Record<string, number>>;
}

interface Bucket {
  tokens: number;
  last: number;
}

export class SimRateLimiter {
  /** Requests refused with 429, for tests. */
  refused = 0;
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: KalshiSimRateLimit,
    private readonly now: () => number,
  ) {}

  /** Takes the request's tokens from the member's bucket; false when it cannot cover them (→ 429). */
  allow(member: string, endpoint: string, query: URLSearchParams): boolean {
    const write = !endpoint.startsWith('GET ');
    const perSec = SIM_TIERS[this.limit.tier][write ? 'write' : 'read'];
    const capacity = write ? 2 * perSec : perSec;
    const itemParam = PER_ITEM[endpoint];
    const items = itemParam ? Math.max(1, query.getAll(itemParam).flatMap((v) => v.split(',')).length) : 1;
    const cost = (this.limit.costs?.[endpoint] ?? DEFAULT_COST) * items;
    const key = `${member} ${write ? 'write' : 'read'}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, last: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.last) / 1000) * perSec);
    bucket.last = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < cost) {
      this.refused += 1;
      return false;
    }
    bucket.tokens -= cost;
    return true;
  }
}
