/**
 * Each venue's published taker/maker fee formula with its rounding rule, in exact units.
 * Products are formed in BigInt and divided once with an explicit rounding mode, so no float
 * ever touches a fee (docs/adr/0002-exact-units.md).
 *
 * What is verified and what is assumed (docs/venues-kalshi.md#k5, docs/venues-polymarket.md#p5-fees):
 * - Kalshi formula `0.07·C·P·(1−P)` (taker) and `0.0175·C·P·(1−P)` (maker) comes from third-party
 *   copies of Kalshi's fee schedule; the PDF itself was not read. The series `fee_multiplier` is
 *   ASSUMED to scale the exact fee before rounding.
 * - Kalshi rounding (docs "Fee Rounding"): trade fee rounded UP to $0.0001, then a rounding fee
 *   brings the order's total to $0.01 for non-direct members ($0.0001 for direct members), with a
 *   per-order accumulator so split fills cost the same as one fill. We model that as: sum the
 *   exact fee of every fill of ONE order, round up once to the member's unit. Default 'cent'
 *   (non-direct member), the conservative choice.
 * - Polymarket US formula `Θ·C·p·(1−p)`, banker's rounding and the per-order cap: below, with
 *   their source (docs/venues-polymarket-us.md#u-fees).
 * - Polymarket formula `rate·C·(p(1−p))^exponent` is from the official fees page and the SDKs.
 *   There is NO constant Polymarket rate here: the rate and exponent are read per market from
 *   Gamma `feeSchedule` (the sports rate went from 0.03 to 0.05 in 2026:
 *   docs/venues-polymarket.md#p5-fee-schedule). "Computed to 5 decimals" is documented; the
 *   direction of rounding is UNVERIFIED (an SDK rounds up when budgeting, a third party says the
 *   venue floors). We round UP to $0.00001 per fill, which can only overstate a fee (conservative
 *   for planning).
 */

import type { Centishares, Micros, PriceMicros } from './money';
import { assertInteger, divRoundBig, PAYOUT_MICROS } from './money';

/** Kalshi fee rates in parts per million (docs/venues-kalshi.md#k5). */
export const KALSHI_TAKER_RATE_PPM = 70_000;
export const KALSHI_MAKER_RATE_PPM = 17_500;

/** Kalshi fee rounding unit: 'cent' for non-direct members (default), 'centicent' ($0.0001) for direct members. */
export type KalshiFeeRounding = 'cent' | 'centicent';

const KALSHI_ROUNDING_UNIT_MICROS: Readonly<Record<KalshiFeeRounding, bigint>> = {
  cent: 10_000n,
  centicent: 100n,
};
/** Polymarket fees are computed to 5 decimals of a dollar: 10 micros. */
const POLYMARKET_FEE_UNIT_MICROS = 10n;

const ONE = BigInt(PAYOUT_MICROS);

/** One fill of an order: `count` centishares at `price` micros per share. */
export interface FeeFill {
  readonly price: PriceMicros;
  readonly count: Centishares;
}

function assertPrice(price: PriceMicros): void {
  assertInteger(price, 'price');
  if (price < 0 || price > PAYOUT_MICROS) throw new RangeError(`price must lie in 0..${PAYOUT_MICROS}, got ${price}`);
}

function assertNonNegative(value: number, name: string): void {
  assertInteger(value, name);
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${value}`);
}

function toSafeMicros(value: bigint): Micros {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('fee out of the exact integer range');
  return Number(value);
}

/**
 * Kalshi's exact fee of one fill as a numerator over 10^20 micros:
 * rate[ppm]·count[centi]·price[µ]·(1−price)[µ]·multiplier[ppm] / (10^6·10^2·10^6·10^6·10^6) dollars.
 */
function kalshiExactNumerator(fill: FeeFill, ratePpm: bigint, multiplierPpm: bigint): bigint {
  assertPrice(fill.price);
  assertNonNegative(fill.count, 'count');
  const p = BigInt(fill.price);
  return ratePpm * BigInt(fill.count) * p * (ONE - p) * multiplierPpm;
}
/** A Kalshi exact fee numerator divided by this is micros. */
export const KALSHI_FEE_DENOMINATOR = 10n ** 20n;

export interface KalshiOrderFeeInput {
  readonly fills: readonly FeeFill[];
  readonly kind: 'taker' | 'maker';
  /** Series `fee_multiplier` in ppm (1.0 → 1_000_000, the default). */
  readonly multiplier?: number;
  readonly rounding?: KalshiFeeRounding;
}

/**
 * The exact (unrounded) fee of one Kalshi order, in units of 1/KALSHI_FEE_DENOMINATOR micro.
 * The planner's marginal rule uses it: the once-per-order rounding is a fixed cost, not a
 * marginal one (docs/planner.md).
 */
export function kalshiOrderFeeExact({
  fills,
  kind,
  multiplier = 1_000_000,
}: Omit<KalshiOrderFeeInput, 'rounding'>): bigint {
  assertNonNegative(multiplier, 'multiplier');
  const ratePpm = BigInt(kind === 'taker' ? KALSHI_TAKER_RATE_PPM : KALSHI_MAKER_RATE_PPM);
  let numerator = 0n;
  for (const fill of fills) numerator += kalshiExactNumerator(fill, ratePpm, BigInt(multiplier));
  return numerator;
}

/**
 * Fee of ONE Kalshi order however many fills it had: the exact fees of every fill are summed
 * (the venue's per-order accumulator) and rounded up once to the member's unit.
 */
export function kalshiOrderFee({
  fills,
  kind,
  multiplier = 1_000_000,
  rounding = 'cent',
}: KalshiOrderFeeInput): Micros {
  const numerator = kalshiOrderFeeExact({ fills, kind, multiplier });
  const unit = KALSHI_ROUNDING_UNIT_MICROS[rounding];
  return toSafeMicros(divRoundBig(numerator, KALSHI_FEE_DENOMINATOR * unit, 'ceil') * unit);
}

export interface KalshiFeeInput {
  readonly price: PriceMicros;
  readonly count: Centishares;
  readonly kind: 'taker' | 'maker';
  readonly multiplier?: number;
  readonly rounding?: KalshiFeeRounding;
}

/** Kalshi fee of one order filled at a single price (the named core API: `kalshiFee({ price, count, kind, multiplier? })`). */
export function kalshiFee({ price, count, kind, multiplier, rounding }: KalshiFeeInput): Micros {
  return kalshiOrderFee({ fills: [{ price, count }], kind, multiplier, rounding });
}

export interface PolymarketFeeInput {
  readonly price: PriceMicros;
  readonly shares: Centishares;
  /** Fee rate in ppm (0.05 → 50_000) of THIS market: Gamma `feeSchedule.rate` / CLOB `fd.r`. */
  readonly rate: number;
  /** `feeSchedule.exponent`; a whole number (default 1). */
  readonly exponent?: number;
}

/**
 * Polymarket taker fee of one fill: rate·C·(p(1−p))^exponent, rounded UP to $0.00001
 * (rounding direction unverified, docs/venues-polymarket.md#p5-fees). Exponents other than whole numbers would need
 * irrational arithmetic and are refused rather than approximated.
 */
export function polymarketFee({ price, shares, rate, exponent = 1 }: PolymarketFeeInput): Micros {
  assertPrice(price);
  assertNonNegative(shares, 'shares');
  assertNonNegative(rate, 'rate');
  assertNonNegative(exponent, 'exponent');
  if (exponent > 8) throw new RangeError(`fee exponent ${exponent} is not supported`);
  const p = BigInt(price);
  const variance = p * (ONE - p); // p(1−p) in 10^-12 dollars²
  const e = BigInt(exponent);
  // rate[ppm]·shares[centi]·variance^e / (10^6 · 10^2 · 10^(12e)) dollars, times 10^6 for micros.
  const numerator = BigInt(rate) * BigInt(shares) * variance ** e;
  const denominator = 100n * ONE ** (2n * e);
  return toSafeMicros(
    divRoundBig(numerator, denominator * POLYMARKET_FEE_UNIT_MICROS, 'ceil') * POLYMARKET_FEE_UNIT_MICROS,
  );
}

/** Polymarket fee of an order that filled across several levels: each fill rounded on its own. */
export function polymarketOrderFee(fills: readonly FeeFill[], rate: number, exponent = 1): Micros {
  let total = 0;
  for (const f of fills) total += polymarketFee({ price: f.price, shares: f.count, rate, exponent });
  assertInteger(total, 'fee total');
  return total;
}

/**
 * Polymarket US (docs/venues-polymarket-us.md#u-fees): every standard trade pays
 * `Θ·C·p·(1−p)`, C contracts at the trade price p (the YES price; p·(1−p) is the same for the NO
 * side), Θ = 0.0695 for the taker and a 0.0125 rebate for the maker, exchange-wide since
 * 2026-09-25. Each fill is rounded to the cent half-to-even (banker's rounding); an order that
 * fills against several resting orders never pays more than the banker's rounding of its
 * cumulative exact fee (the venue lowers later fills' charges, never raises them). Maker rebates
 * are rounded per fill on their own. The coefficient is a parameter: a market may carry its own
 * (`feeCoefficient`; docs/venues-polymarket-us.md#u-fees says which are known).
 */
export const POLYMARKET_US_TAKER_THETA_PPM = 69_500;
export const POLYMARKET_US_MAKER_REBATE_THETA_PPM = 12_500;
/** A Polymarket US exact fee numerator divided by this is micros: Θ[ppm]·C[centi]·p[µ]·(1−p)[µ] / 10^14. */
export const POLYMARKET_US_FEE_DENOMINATOR = 10n ** 14n;
const CENT_MICROS = 10_000n;

/** Round half to even: `n / d` (both ≥ 0) to the nearest integer, a tie to the even one. */
function divHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const twice = (n % d) * 2n;
  if (twice > d) return q + 1n;
  if (twice === d) return q % 2n === 0n ? q : q + 1n;
  return q;
}

/** The exact fee of one fill at coefficient `thetaPpm`, in units of 1/POLYMARKET_US_FEE_DENOMINATOR micro. */
export function polymarketUsFillFeeExact(fill: FeeFill, thetaPpm: number = POLYMARKET_US_TAKER_THETA_PPM): bigint {
  assertPrice(fill.price);
  assertNonNegative(fill.count, 'count');
  assertNonNegative(thetaPpm, 'thetaPpm');
  const p = BigInt(fill.price);
  return BigInt(thetaPpm) * BigInt(fill.count) * p * (ONE - p);
}

/** An exact fee numerator rounded to the cent, half to even, in micros. */
function toCentsHalfEven(numerator: bigint): bigint {
  return divHalfEven(numerator, POLYMARKET_US_FEE_DENOMINATOR * CENT_MICROS) * CENT_MICROS;
}

/**
 * Fee charged on each fill of ONE Polymarket US taker order, in fill order: each fill's fee
 * rounded half-to-even to the cent, then lowered where needed so that the running total never
 * exceeds the half-to-even rounding of the running exact total.
 */
export function polymarketUsOrderFees(
  fills: readonly FeeFill[],
  thetaPpm: number = POLYMARKET_US_TAKER_THETA_PPM,
): Micros[] {
  let exactSoFar = 0n;
  let chargedSoFar = 0n;
  const out: Micros[] = [];
  for (const fill of fills) {
    const exact = polymarketUsFillFeeExact(fill, thetaPpm);
    exactSoFar += exact;
    const own = toCentsHalfEven(exact);
    const room = toCentsHalfEven(exactSoFar) - chargedSoFar;
    const charged = own < room ? own : room > 0n ? room : 0n;
    chargedSoFar += charged;
    out.push(toSafeMicros(charged));
  }
  return out;
}

/** Total taker fee of ONE Polymarket US order however many fills it had (see polymarketUsOrderFees). */
export function polymarketUsOrderFee(
  fills: readonly FeeFill[],
  thetaPpm: number = POLYMARKET_US_TAKER_THETA_PPM,
): Micros {
  let total = 0;
  for (const fee of polymarketUsOrderFees(fills, thetaPpm)) total += fee;
  assertInteger(total, 'fee total');
  return total;
}

/**
 * The most one Polymarket US order can be charged: the half-to-even rounding of its cumulative
 * exact fee (the venue's cap). A planner that books this never under-counts the fee.
 */
export function polymarketUsOrderFeeCap(
  fills: readonly FeeFill[],
  thetaPpm: number = POLYMARKET_US_TAKER_THETA_PPM,
): Micros {
  let exact = 0n;
  for (const fill of fills) exact += polymarketUsFillFeeExact(fill, thetaPpm);
  return toSafeMicros(toCentsHalfEven(exact));
}

export interface PolymarketUsFeeInput {
  readonly price: PriceMicros;
  readonly count: Centishares;
  /** Θ in ppm; default the taker's 0.0695. */
  readonly thetaPpm?: number;
}

/** Polymarket US taker fee of one order filled at a single price. */
export function polymarketUsFee({ price, count, thetaPpm }: PolymarketUsFeeInput): Micros {
  return polymarketUsOrderFee([{ price, count }], thetaPpm);
}

/** Polymarket US maker rebate of one fill (0.0125·C·p·(1−p), half-to-even to the cent), as a positive amount. */
export function polymarketUsMakerRebate(fill: FeeFill): Micros {
  return toSafeMicros(toCentsHalfEven(polymarketUsFillFeeExact(fill, POLYMARKET_US_MAKER_REBATE_THETA_PPM)));
}
