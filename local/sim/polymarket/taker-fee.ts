/**
 * The simulator's own copy of Polymarket's taker fee (docs/venues-polymarket.md#p5-fees), kept apart from
 * lib/core/fees.ts on purpose so the two check each other:
 *
 *   fee = rate · C · (p · (1 − p))^exponent      (C shares at price p, charged to the taker)
 *
 * computed exactly in BigInt, per fill (one fill per book level walked), then rounded to 5
 * decimal places of USD (10 micros). The venue's rounding direction is unverified; the default
 * is `ceil`, the pessimistic choice for the trader, so a strategy tested here never counts on
 * fees smaller than the venue could charge.
 */
import { type Centishares, divRoundBig, type Micros, type PriceMicros, type Rounding } from '../../../lib/core/money';

const FEE_QUANTUM_MICROS = 10n; // 0.00001 USD: fees carry 5 decimals

export interface TakerFeeInput {
  readonly priceMicros: PriceMicros;
  readonly sizeCenti: Centishares;
  /** Rate in parts per million (sports 0.03 → 30_000). */
  readonly ratePpm: number;
  readonly exponent: number;
  readonly rounding?: Rounding;
}

export function takerFeeMicros(input: TakerFeeInput): Micros {
  const { priceMicros, sizeCenti, ratePpm, exponent } = input;
  if (![priceMicros, sizeCenti, ratePpm, exponent].every(Number.isSafeInteger) || exponent < 0) {
    throw new RangeError('fee inputs must be safe integers (exponent ≥ 0)');
  }
  const p = BigInt(priceMicros);
  const variance = p * (1_000_000n - p); // p(1−p) scaled by 10^12
  const scale = 1_000_000_000_000n;
  // fee in micros = ratePpm/10^6 · C/100 · (variance/10^12)^e · 10^6
  const numerator = BigInt(ratePpm) * BigInt(sizeCenti) * variance ** BigInt(exponent);
  const denominator = 100n * scale ** BigInt(exponent);
  const quanta = divRoundBig(numerator, denominator * FEE_QUANTUM_MICROS, input.rounding ?? 'ceil');
  return Number(quanta * FEE_QUANTUM_MICROS);
}
