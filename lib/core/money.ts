/**
 * Exact money and quantities. No binary floats ever touch an amount that is stored,
 * compared against a limit or sent to a venue (docs/adr/0002-exact-units.md).
 *
 * Units (name them in identifiers: `costMicros`, `priceMicros`, `sizeCenti`):
 * - Micros: integer micro-dollars (1 USD = 1_000_000). Both venues settle in USD-like units
 *   (Polymarket pUSD has 6 decimals, Kalshi dollars with sub-penny prices).
 * - PriceMicros: price of one share in micro-dollars, 0..1_000_000. Every tick either venue
 *   uses (0.1 down to 0.0001) is a whole number of micros, so "on tick" is `p % tick === 0`.
 * - Centishares: share counts in hundredths. Both venues size orders in 0.01 steps
 *   (Polymarket: size rounded down to 2 decimals; Kalshi `count` fractional to 0.01).
 *   Cost of `c` centishares at `p` micros is `p * c / 100`, exact whenever `p` is a multiple
 *   of 100 micros (every real tick is), and always below 2^53 for realistic sizes.
 */

export type Micros = number;
export type PriceMicros = number;
export type Centishares = number;

export const MICROS_PER_DOLLAR = 1_000_000;
export const CENTI_PER_SHARE = 100;
/** One whole share pays this much when it wins. */
export const PAYOUT_MICROS: PriceMicros = MICROS_PER_DOLLAR;

export class MoneyFormatError extends Error {
  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super(`Invalid decimal amount ${JSON.stringify(input)}: ${reason}`);
    this.name = 'MoneyFormatError';
  }
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d*))?$/;

/**
 * Parse a decimal string into an integer count of 10^-scale units, exactly.
 * Accepts `"0.5600"`, `"13.00"`, `"13"`, `".5"` is rejected (venues never send it), `"-1.25"`.
 * `round` decides what happens to digits beyond `scale`: 'reject' (default) throws,
 * 'floor' truncates toward -infinity, 'ceil' toward +infinity.
 */
export function parseScaled(input: string, scale: number, round: 'reject' | 'floor' | 'ceil' = 'reject'): number {
  if (typeof input !== 'string') throw new MoneyFormatError(input, 'expected a string');
  const m = DECIMAL.exec(input.trim());
  if (!m || input.trim() !== input) throw new MoneyFormatError(input, 'not a plain decimal number');
  const negative = m[1] === '-';
  const whole = m[2] ?? '0';
  const frac = m[3] ?? '';
  const kept = frac.slice(0, scale).padEnd(scale, '0');
  const dropped = frac.slice(scale);
  const hasDropped = /[1-9]/.test(dropped);
  if (hasDropped && round === 'reject') {
    throw new MoneyFormatError(input, `more than ${scale} decimal places`);
  }
  let units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(kept || '0');
  if (hasDropped) {
    // Round the magnitude so that the signed result goes the requested way.
    const awayFromZero = negative ? round === 'floor' : round === 'ceil';
    if (awayFromZero) units += 1n;
  }
  const signed = negative ? -units : units;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyFormatError(input, 'out of the exact integer range');
  }
  const out = Number(signed);
  return out === 0 ? 0 : out; // no -0
}

/** `"0.5600"` → 560000 micros. Throws MoneyFormatError on anything that is not exact. */
export function parseMicros(input: string, round: 'reject' | 'floor' | 'ceil' = 'reject'): Micros {
  return parseScaled(input, 6, round);
}

/** `"13.00"` → 1300 centishares. Venue depth with finer precision should pass round 'floor'. */
export function parseCentishares(input: string, round: 'reject' | 'floor' | 'ceil' = 'reject'): Centishares {
  return parseScaled(input, 2, round);
}

/** Integer cents (Kalshi `balance`) → micros. */
export function centsToMicros(cents: number): Micros {
  assertInteger(cents, 'cents');
  return cents * 10_000;
}

/** Format an integer count of 10^-scale units as a decimal string with exactly `decimals` places. */
export function formatScaled(units: number, scale: number, decimals = scale): string {
  assertInteger(units, 'units');
  if (decimals > scale) {
    return formatScaled(units, scale, scale) + (scale === 0 ? '.' : '') + '0'.repeat(decimals - scale);
  }
  const negative = units < 0;
  const abs = BigInt(Math.abs(units));
  const base = 10n ** BigInt(scale);
  const whole = abs / base;
  const frac = (abs % base).toString().padStart(scale, '0');
  const cut = frac.slice(decimals);
  if (/[1-9]/.test(cut)) {
    throw new MoneyFormatError(units, `cannot be written exactly with ${decimals} decimals`);
  }
  const shown = decimals > 0 ? `${whole}.${frac.slice(0, decimals)}` : `${whole}`;
  return negative && units !== 0 ? `-${shown}` : shown;
}

/** 560000 → `"0.5600"` with decimals 4 (Kalshi price strings), `"0.56"` with 2. */
export function formatMicros(micros: Micros, decimals = 6): string {
  return formatScaled(micros, 6, decimals);
}

/** 1300 → `"13.00"`. */
export function formatCentishares(centi: Centishares, decimals = 2): string {
  return formatScaled(centi, 2, decimals);
}

/** For people, never for arithmetic: `$1,234.56` (rounded half away from zero to cents). */
export function displayUsd(micros: Micros): string {
  assertInteger(micros, 'micros');
  const cents = divRound(micros, 10_000, 'half-up');
  const negative = cents < 0;
  const [w, f] = formatScaled(Math.abs(cents), 2).split('.');
  const grouped = (w ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${f}`;
}

export type Rounding = 'floor' | 'ceil' | 'half-up';

/** Integer division with an explicit rounding rule (half-up rounds halves away from zero). */
export function divRound(numerator: number | bigint, denominator: number | bigint, mode: Rounding): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d === 0n) throw new RangeError('division by zero');
  const result = divRoundBig(n, d, mode);
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('result out of the exact integer range');
  }
  return Number(result);
}

/** BigInt division with an explicit rounding rule. */
export function divRoundBig(n: bigint, d: bigint, mode: Rounding): bigint {
  if (d < 0n) return divRoundBig(-n, -d, mode);
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  if (mode === 'floor') return n < 0n ? q - 1n : q;
  if (mode === 'ceil') return n > 0n ? q + 1n : q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** Cost in micros of `sizeCenti` shares at `priceMicros` each, rounded as asked (exact on real ticks). */
export function notionalMicros(priceMicros: PriceMicros, sizeCenti: Centishares, mode: Rounding = 'ceil'): Micros {
  assertInteger(priceMicros, 'priceMicros');
  assertInteger(sizeCenti, 'sizeCenti');
  return divRound(BigInt(priceMicros) * BigInt(sizeCenti), CENTI_PER_SHARE, mode);
}

/** What `sizeCenti` winning shares pay out. */
export function payoutMicros(sizeCenti: Centishares): Micros {
  assertInteger(sizeCenti, 'sizeCenti');
  return sizeCenti * (MICROS_PER_DOLLAR / CENTI_PER_SHARE);
}

export function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer, got ${String(value)}`);
  }
}

/** True when `priceMicros` lies on the tick grid and strictly inside (0, 1). */
export function isOnTick(priceMicros: PriceMicros, tickMicros: PriceMicros): boolean {
  return (
    Number.isSafeInteger(priceMicros) &&
    Number.isSafeInteger(tickMicros) &&
    tickMicros > 0 &&
    priceMicros > 0 &&
    priceMicros < PAYOUT_MICROS &&
    priceMicros % tickMicros === 0
  );
}

export function roundToTick(priceMicros: PriceMicros, tickMicros: PriceMicros, mode: Rounding): PriceMicros {
  return divRound(priceMicros, tickMicros, mode) * tickMicros;
}

export function sumMicros(values: readonly Micros[]): Micros {
  let total = 0;
  for (const v of values) {
    assertInteger(v, 'micros');
    total += v;
  }
  assertInteger(total, 'sum');
  return total;
}
