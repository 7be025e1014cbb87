/**
 * How money goes out in JSON (docs/api.md "Money"): every amount twice, as an exact decimal
 * dollar STRING with 6 decimals (`"12.340000"`) and as integer micro-dollars under the same name
 * with `_micros` (`12340000`). Both are exact; no binary float is ever computed from a stored
 * amount. Share counts likewise: `"13.00"` plus `_centi`. Ratios (ROI, win rate) are plain
 * numbers: they are reports, never inputs.
 */
import { type Centishares, formatCentishares, formatMicros, type Micros } from '../core/money';

export function usd(micros: Micros): string {
  return formatMicros(micros, 6);
}

/** `{ [name]: "12.340000", [name_micros]: 12340000 }`. */
export function money<N extends string>(name: N, micros: Micros): Record<N, string> & Record<`${N}_micros`, number> {
  return { [name]: usd(micros), [`${name}_micros`]: micros } as Record<N, string> & Record<`${N}_micros`, number>;
}

export function moneyOrNull<N extends string>(
  name: N,
  micros: Micros | null,
): Record<N, string | null> & Record<`${N}_micros`, number | null> {
  return { [name]: micros === null ? null : usd(micros), [`${name}_micros`]: micros } as Record<N, string | null> &
    Record<`${N}_micros`, number | null>;
}

/** `{ [name]: "13.00", [name_centi]: 1300 }`. */
export function shares<N extends string>(
  name: N,
  centi: Centishares,
): Record<N, string> & Record<`${N}_centi`, number> {
  return { [name]: formatCentishares(centi, 2), [`${name}_centi`]: centi } as Record<N, string> &
    Record<`${N}_centi`, number>;
}

export function isoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}
