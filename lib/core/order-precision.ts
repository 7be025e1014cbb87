/**
 * Sizes a venue will take, as pure arithmetic (no I/O).
 *
 * Polymarket FOK/FAK ("market") orders: the maker amount has at most 2 decimals and the taker
 * amount at most 4 (docs/venues-polymarket.md "Market-order precision"). For a BUY of whole
 * shares the taker amount (shares) is fine; the maker amount is price × size, which has 3 or 4
 * decimals on the 0.001 / 0.0001 ticks unless the size is a multiple of a small step.
 */
import type { Centishares, PriceMicros } from './money';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

/**
 * Smallest size step (centishares) at which a Polymarket BUY at `priceMicros` costs whole cents:
 * priceMicros × sizeCenti ≡ 0 (mod 10^6). 2 at $0.50; 20 at $0.45; 200 (2 shares) at $0.965;
 * 2,000 at $0.9655.
 */
export function polymarketBuySizeStepCenti(priceMicros: PriceMicros): Centishares {
  if (!Number.isSafeInteger(priceMicros) || priceMicros <= 0 || priceMicros >= 1_000_000) {
    throw new RangeError(`price ${priceMicros} micros outside (0, 1)`);
  }
  return 1_000_000 / gcd(priceMicros, 1_000_000);
}
