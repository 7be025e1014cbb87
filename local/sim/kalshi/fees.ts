/**
 * The simulated exchange's fee model, written from Kalshi's published rules (docs/venues-kalshi.md#k5),
 * independently of lib/core/fees.ts so the two can check each other.
 *
 * Per fill (docs.kalshi.com "Fee Rounding"):
 *  1. trade fee = rate · multiplier · C · P · (1−P), rounded UP to $0.0001;
 *     rate 0.07 taker; maker 0.0175 (quadratic_with_maker_fees) or 0.035
 *     (quadratic_with_combo_maker_fees), 0 for plain `quadratic`.
 *  2. balance_change = revenue − trade fee (revenue is negative for a buyer).
 *  3. the balance moves by balance_change floored to the account's precision ($0.01 for
 *     non-direct members, $0.0001 for direct members); the difference is the rounding fee.
 *  4. a per-order accumulator of rounding fees refunds a whole cent each time it reaches
 *     $0.01 (the docs say "exceeds"; we refund at exactly $0.01 too, which is what makes split
 *     fills cost the same as one fill — our choice, stated in the report).
 * `flat` fee series are not modelled: they are charged like `quadratic`.
 */

import type { KalshiFeeType } from '../../../lib/core/market';
import { divRoundBig } from '../../../lib/core/money';

export interface SeriesFee {
  readonly feeType: KalshiFeeType;
  /** `fee_multiplier` in parts per million (1.0 → 1_000_000). */
  readonly multiplierPpm: number;
}

const TAKER_RATE_PPM = 70_000n;
const MAKER_RATE_PPM: Record<KalshiFeeType, bigint> = {
  quadratic: 0n,
  flat: 0n,
  quadratic_with_maker_fees: 17_500n,
  quadratic_with_combo_maker_fees: 35_000n,
};
const CENTICENT = 100n; // $0.0001 in micros
export const CENT_MICROS = 10_000;

/** Trade fee in micros for `countCenti` contracts at `priceMicros`, rounded up to $0.0001. */
export function tradeFeeMicros(
  kind: 'taker' | 'maker',
  priceMicros: number,
  countCenti: number,
  fee: SeriesFee,
): number {
  const rate = kind === 'taker' ? TAKER_RATE_PPM : MAKER_RATE_PPM[fee.feeType];
  const p = BigInt(priceMicros);
  // rate[ppm] · mult[ppm] · C[centi] · P[micros] · (1−P)[micros] → micros
  const numerator = rate * BigInt(fee.multiplierPpm) * BigInt(countCenti) * p * (1_000_000n - p);
  const denominator = 1_000_000n * 1_000_000n * 100n * 1_000_000n;
  return Number(divRoundBig(numerator, denominator * CENTICENT, 'ceil') * CENTICENT);
}

export interface FillMoney {
  /** Net fee charged for this fill: trade fee + rounding fee − rebate. */
  readonly feeMicros: number;
  /** What the balance moves by (signed). */
  readonly balanceDeltaMicros: number;
}

/** Rounding state of one order across its fills. */
export class FeeAccumulator {
  private accumulatedMicros = 0;
  constructor(private readonly precisionMicros: number) {}

  /** `revenueMicros` is signed: −cost for a buy, + for proceeds/netting payouts. */
  settleFill(revenueMicros: number, tradeFee: number): FillMoney {
    const change = revenueMicros - tradeFee;
    const floored = Number(divRoundBig(BigInt(change), BigInt(this.precisionMicros), 'floor')) * this.precisionMicros;
    const roundingFee = change - floored;
    this.accumulatedMicros += roundingFee;
    let rebate = 0;
    if (this.accumulatedMicros >= CENT_MICROS) {
      rebate = CENT_MICROS;
      this.accumulatedMicros -= CENT_MICROS;
    }
    return { feeMicros: tradeFee + roundingFee - rebate, balanceDeltaMicros: floored + rebate };
  }
}
