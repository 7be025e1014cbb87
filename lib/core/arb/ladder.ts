/**
 * One leg's side of the depth walk: the ask ladder of a book (sorted and merged here, so the
 * order the levels arrive in never matters) and the exact cost of buying N centishares off it.
 */
import {
  KALSHI_FEE_DENOMINATOR,
  kalshiOrderFee,
  kalshiOrderFeeExact,
  POLYMARKET_US_FEE_DENOMINATOR,
  polymarketOrderFee,
  polymarketUsFillFeeExact,
  polymarketUsOrderFeeCap,
} from '../fees';
import type { Book, Level, VenueName } from '../market';
import type { Centishares, Micros, PriceMicros } from '../money';
import { isOnTick, notionalMicros } from '../money';
import type { ArbFees } from './types';

export interface Ladder {
  /** Distinct prices, cheapest first, sizes of equal prices summed. */
  readonly levels: readonly Level[];
  /** cumulative[i] = total size of levels[0..i]. */
  readonly cumulative: readonly Centishares[];
  readonly totalCenti: Centishares;
}

/**
 * The book's asks as a ladder, or null when the book cannot be traded safely: a price off the
 * book's tick or outside (0, $1), a non-integer or negative size, a bad tick or minimum size.
 * Zero-size levels are dropped.
 */
export function buildLadder(book: Book): Ladder | null {
  if (!Number.isSafeInteger(book.tickMicros) || book.tickMicros <= 0) return null;
  if (!Number.isSafeInteger(book.minSizeCenti) || book.minSizeCenti < 0) return null;
  const byPrice = new Map<PriceMicros, Centishares>();
  for (const level of book.asks) {
    if (!isOnTick(level.priceMicros, book.tickMicros)) return null;
    if (!Number.isSafeInteger(level.sizeCenti) || level.sizeCenti < 0) return null;
    if (level.sizeCenti === 0) continue;
    byPrice.set(level.priceMicros, (byPrice.get(level.priceMicros) ?? 0) + level.sizeCenti);
  }
  const levels = [...byPrice.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([priceMicros, sizeCenti]) => ({ priceMicros, sizeCenti }));
  const cumulative: Centishares[] = [];
  let total = 0;
  for (const level of levels) {
    total += level.sizeCenti;
    cumulative.push(total);
  }
  if (!Number.isSafeInteger(total)) return null;
  return { levels, cumulative, totalCenti: total };
}

/** The portions of the cheapest levels that make up `sizeCenti` (which must not exceed the total). */
export function takeLevels(ladder: Ladder, sizeCenti: Centishares): Level[] {
  const taken: Level[] = [];
  let left = sizeCenti;
  for (const level of ladder.levels) {
    if (left <= 0) break;
    const size = Math.min(left, level.sizeCenti);
    taken.push({ priceMicros: level.priceMicros, sizeCenti: size });
    left -= size;
  }
  if (left > 0) throw new RangeError(`ladder holds ${ladder.totalCenti} centishares, asked for ${sizeCenti}`);
  return taken;
}

export interface LegFill {
  readonly levels: readonly Level[];
  readonly limitPriceMicros: PriceMicros;
  readonly notionalMicros: Micros;
  readonly feeMicros: Micros;
  readonly costMicros: Micros;
  /**
   * The cost as the marginal rule sees it, in 1/EXACT_SCALE micro: Kalshi's and Polymarket US's
   * fees before their once-per-order rounding (a fixed cost, not a marginal one); Polymarket's as
   * charged.
   */
  readonly exactCost: bigint;
}

/** Scale of `exactCost` (and of exact profits): 1 micro = EXACT_SCALE units. */
export const EXACT_SCALE = KALSHI_FEE_DENOMINATOR;

/** Polymarket US exact fees (over 10^14 micro) scaled to EXACT_SCALE. */
const PMUS_TO_EXACT = EXACT_SCALE / POLYMARKET_US_FEE_DENOMINATOR;

/**
 * Buying `sizeCenti` as ONE marketable order: notional per level (exact on real ticks; rounded
 * up otherwise), plus the venue's fee. Kalshi charges per order (accumulator: one rounding over
 * all fills); Polymarket per fill at match time (each level rounded up, conservative); Polymarket
 * US per fill with a cap on the order's total, booked here at the cap (the most it can charge,
 * docs/venues-polymarket-us.md#u-fees). The fee rule of a Polymarket-side leg must be its venue's.
 */
export function fillLeg(venue: VenueName, ladder: Ladder, sizeCenti: Centishares, fees: ArbFees): LegFill {
  const levels = takeLevels(ladder, sizeCenti);
  let notional = 0;
  for (const l of levels) notional += notionalMicros(l.priceMicros, l.sizeCenti, 'ceil');
  const fills = levels.map((l) => ({ price: l.priceMicros, count: l.sizeCenti }));
  let fee: Micros;
  let exactCost: bigint;
  if (venue === 'kalshi') {
    const multiplier = fees.kalshi.multiplierPpm;
    fee = kalshiOrderFee({ fills, kind: 'taker', multiplier, rounding: fees.kalshi.rounding });
    exactCost = BigInt(notional) * EXACT_SCALE + kalshiOrderFeeExact({ fills, kind: 'taker', multiplier });
  } else if (venue === 'polymarket-us') {
    const rule = fees.polymarket;
    if (rule.venue !== 'polymarket-us') throw new TypeError('a Polymarket US leg needs the Polymarket US fee rule');
    fee = polymarketUsOrderFeeCap(fills, rule.takerThetaPpm);
    let exactFee = 0n;
    for (const f of fills) exactFee += polymarketUsFillFeeExact(f, rule.takerThetaPpm);
    exactCost = BigInt(notional) * EXACT_SCALE + exactFee * PMUS_TO_EXACT;
  } else {
    const rule = fees.polymarket;
    if (rule.venue === 'polymarket-us') throw new TypeError('a Polymarket leg needs the Polymarket fee rule');
    fee = polymarketOrderFee(fills, rule.ratePpm, rule.exponent);
    exactCost = BigInt(notional + fee) * EXACT_SCALE;
  }
  const last = levels[levels.length - 1];
  return {
    levels,
    limitPriceMicros: last ? last.priceMicros : 0,
    notionalMicros: notional,
    feeMicros: fee,
    costMicros: notional + fee,
    exactCost,
  };
}
