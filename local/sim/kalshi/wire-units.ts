/**
 * Kalshi's fixed-point wire units (docs/venues-kalshi.md#k1, #k4): `*_dollars` strings with 4 decimals
 * (up to 6 when sub-centicent amounts arise from fractional counts), `*_fp` counts with
 * exactly 2 decimals. Exact integer conversions only (lib/core/money.ts).
 */
import {
  formatCentishares,
  formatMicros,
  MoneyFormatError,
  parseCentishares,
  parseMicros,
} from '../../../lib/core/money';
import { badRequest } from './errors';

/** Micros → `"0.5600"`, or 6 decimals when 4 cannot hold it exactly. */
export function dollars(micros: number): string {
  return micros % 100 === 0 ? formatMicros(micros, 4) : formatMicros(micros, 6);
}

export function countFp(centi: number): string {
  return formatCentishares(centi, 2);
}

/** Request price: a YES dollar string with 2–4 decimals (CreateOrderV2Request.price). */
export function parsePriceField(input: unknown, field: string): number {
  if (typeof input !== 'string') throw badRequest(`${field} must be a dollar string`);
  try {
    const micros = parseMicros(input);
    if (micros % 100 !== 0) throw badRequest(`${field} has more than 4 decimals`);
    return micros;
  } catch (e) {
    if (e instanceof MoneyFormatError) throw badRequest(`${field}: ${e.message}`);
    throw e;
  }
}

/** Request count: a contract count string with 0–2 decimals. */
export function parseCountField(input: unknown, field: string): number {
  if (typeof input !== 'string') throw badRequest(`${field} must be a count string`);
  try {
    return parseCentishares(input);
  } catch (e) {
    if (e instanceof MoneyFormatError) throw badRequest(`${field}: ${e.message}`);
    throw e;
  }
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
