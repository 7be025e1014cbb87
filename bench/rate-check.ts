/**
 * Did the venues' documented limits hold, judged from the requests as the simulators received
 * them (bench/world.ts ArrivalLog)?
 *
 * - Kalshi (docs/venues-kalshi.md#k6): token buckets, Basic tier 200 read / 100 write tokens per second at
 *   10 tokens a request = 20 reads/s and 10 writes/s. The bucket's capacity is not published;
 *   one second of tokens is assumed. We replay the arrivals through such a bucket and count
 *   the requests it would have refused with 429.
 * - Polymarket (docs/venues-polymarket.md#p5-rate-limits): fixed limits per 10 s by endpoint class. We take the largest
 *   count in any sliding 10 s window per class.
 */
import type { Arrival } from './world';

export interface LimitCheck {
  readonly venue: 'kalshi' | 'polymarket';
  readonly scope: string;
  readonly limit: string;
  /** Largest count in any window of the limit's length (Polymarket) or in any 1 s (Kalshi). */
  readonly peak: number;
  /** Requests the venue would have refused (0 = respected). */
  readonly overLimit: number;
}

/** Requests a token bucket of `perSec` requests/s (capacity one second) would refuse. */
export function bucketRefusals(times: readonly number[], perSec: number): number {
  let tokens = perSec;
  let last = times[0] ?? 0;
  let refused = 0;
  for (const t of times) {
    tokens = Math.min(perSec, tokens + ((t - last) / 1_000) * perSec);
    last = t;
    // Half a token of slack: arrival times are taken after routing, a fraction of a ms late.
    if (tokens >= 0.5) tokens -= 1;
    else refused += 1;
  }
  return refused;
}

/** Largest number of events in any window [t, t + windowMs). */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    peak = Math.max(peak, hi - lo + 1);
  }
  return peak;
}

const isRead = (a: Arrival) => a.endpoint.startsWith('GET ');

export function checkKalshi(arrivals: readonly Arrival[]): LimitCheck[] {
  const reads = arrivals.filter(isRead).map((a) => a.atMs);
  const writes = arrivals.filter((a) => !isRead(a)).map((a) => a.atMs);
  return [
    {
      venue: 'kalshi',
      scope: 'reads',
      limit: '20/s bucket',
      peak: peakInWindow(reads, 1_000),
      overLimit: bucketRefusals(reads, 20),
    },
    {
      venue: 'kalshi',
      scope: 'writes',
      limit: '10/s bucket',
      peak: peakInWindow(writes, 1_000),
      overLimit: bucketRefusals(writes, 10),
    },
  ];
}

const PM_LIMITS: ReadonlyArray<{ scope: string; per10s: number; match: (endpoint: string) => boolean }> = [
  { scope: 'Gamma /markets', per10s: 300, match: (e) => e === 'GET /markets' },
  { scope: 'CLOB POST /books', per10s: 500, match: (e) => e === 'POST /books' },
  { scope: 'CLOB POST /order', per10s: 3_500, match: (e) => e === 'POST /order' },
  { scope: 'CLOB /data/*', per10s: 500, match: (e) => e.startsWith('GET /data/') },
  { scope: 'all requests', per10s: 9_000, match: () => true },
];

export function checkPolymarket(arrivals: readonly Arrival[]): LimitCheck[] {
  return PM_LIMITS.map(({ scope, per10s, match }) => {
    const peak = peakInWindow(
      arrivals.filter((a) => match(a.endpoint)).map((a) => a.atMs),
      10_000,
    );
    return { venue: 'polymarket', scope, limit: `${per10s}/10 s`, peak, overLimit: Math.max(0, peak - per10s) };
  });
}
