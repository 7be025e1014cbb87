/**
 * Fees of the simulated Polymarket US, written from docs/venues-polymarket-us.md#u-fees (not from
 * lib/core/fees.ts, so the two check each other): `Θ·C·p·(1−p)` per fill, rounded to the cent
 * half to even; the fills of one order never pay more, together, than the half-to-even rounding
 * of their cumulative exact fee (later fills are charged less, never more).
 */
const CENT = 10_000n; // micros
const SCALE = 10n ** 14n; // Θ[ppm]·C[centi]·p[µ]·(1−p)[µ] / SCALE = micros

function halfEvenCents(exact: bigint): bigint {
  const d = SCALE * CENT;
  const q = exact / d;
  const r2 = (exact % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) return (q + 1n) * CENT;
  return q * CENT;
}

/** Charges the fills of one taker order, in order. */
export class OrderFees {
  private exact = 0n;
  private charged = 0n;

  constructor(private readonly thetaPpm: number) {}

  /** The fee of the next fill, in micros. */
  next(longPriceMicros: number, sizeCenti: number): number {
    const p = BigInt(longPriceMicros);
    const one = BigInt(this.thetaPpm) * BigInt(sizeCenti) * p * (1_000_000n - p);
    this.exact += one;
    const own = halfEvenCents(one);
    const room = halfEvenCents(this.exact) - this.charged;
    const fee = own < room ? own : room > 0n ? room : 0n;
    this.charged += fee;
    return Number(fee);
  }
}
