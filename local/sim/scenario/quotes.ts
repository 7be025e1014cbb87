/**
 * Simulated order-book quotes shared by the scenario's price paths (./price-path.ts for two-way
 * games, ./soccer.ts for three-way ones): the book shapes the simulators take and the ladder of
 * levels around a view of fair.
 */
import type { SimLevel } from '../control';

/** A Kalshi market's book as the simulator takes it: YES and NO bids. */
export interface KalshiMarketBook {
  readonly yesBids: SimLevel[];
  readonly noBids: SimLevel[];
}
/** A Polymarket token's book. */
export interface TokenBook {
  readonly bids: SimLevel[];
  readonly asks: SimLevel[];
}

const TICK_CENTS = 1;

/**
 * Best-first levels from a top price in cents, one tick apart, kept inside (0, 100); sizes drawn
 * from `rng` (the two-way games' path, ./price-path.ts, and the soccer path, ./soccer.ts).
 */
export function quoteLadder(
  topCents: number,
  direction: -1 | 1,
  q: { readonly levels: number; readonly minShares: number; readonly maxShares: number },
  rng: () => number,
): SimLevel[] {
  const levels: SimLevel[] = [];
  const span = q.maxShares - q.minShares + 1;
  for (let i = 0; i < q.levels; i++) {
    // Always draw, so depth does not depend on how many levels fit inside (0, 100).
    const shares = q.minShares + Math.floor(rng() * span);
    const cents = topCents + direction * i * TICK_CENTS;
    if (cents > 0 && cents < 100)
      levels.push({ priceMicros: cents * 10_000, sizeCenti: shares * 100 * (1 + (i >> 1)) });
  }
  return levels;
}

/** The best bid and ask in whole cents around a view of fair, `halfSpreadCents` each side. */
export function quoteBounds(
  view: number,
  q: { readonly halfSpreadCents: number },
): { bidCents: number; askCents: number } {
  const v = Math.min(Math.max(view, 0.005), 0.995) * 100;
  return { bidCents: Math.floor(v - q.halfSpreadCents + 1e-9), askCents: Math.ceil(v + q.halfSpreadCents - 1e-9) };
}
