/**
 * Exact integer units → the venue's decimal strings ("0.52", "120.5", "5.985"): trailing zeros
 * trimmed, never through a float.
 */
import { formatScaled } from '../../../lib/core/money';

export function decimalText(units: number, scale: number): string {
  const full = formatScaled(units, scale);
  return full.includes('.') ? full.replace(/0+$/, '').replace(/\.$/, '') : full;
}

export const priceText = (micros: number) => decimalText(micros, 6);
export const sharesText = (centi: number) => decimalText(centi, 2);
export const usdText = (micros: number) => decimalText(micros, 6);

/** For the JSON-number fields Gamma and the legacy CLOB market use (tick 0.01, fee rate 0.03). */
export function decimalNumber(units: number, scale: number): number {
  return Number(decimalText(units, scale));
}

/** `"2026-08-07 00:00:00+00"`: Gamma's loose `gameStartTime` format (docs/venues-polymarket.md#p1). */
export function gammaGameTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '+00');
}

/** `"2026-08-07T00:00:00Z"`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
