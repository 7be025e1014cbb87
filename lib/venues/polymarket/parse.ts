/**
 * Small exact parsers shared by the Polymarket mappers. A value that does not parse is a
 * `ParseFailure`; the client turns it into `BadResponse` with the endpoint it came from, so a
 * malformed venue answer is recorded and never traded on (every venue answer is validated before use).
 */
import { MoneyFormatError, parseScaled } from '../../core/money';
import { BadResponse } from '../../engine/ports';

export class ParseFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseFailure';
  }
}

/** Run a mapper and turn any parse problem into `BadResponse` for `endpoint`. */
export function mapOrBad<T>(endpoint: string, map: () => T): T {
  try {
    return map();
  } catch (err) {
    if (err instanceof ParseFailure || err instanceof MoneyFormatError || err instanceof RangeError) {
      throw new BadResponse(
        `polymarket ${endpoint} sent an unusable value: ${err.message}`,
        {
          venue: 'polymarket',
          endpoint,
        },
        { cause: err },
      );
    }
    throw err;
  }
}

/**
 * A decimal given either as a string or as a JSON number (Gamma sends `orderPriceMinTickSize:
 * 0.01`, `feeSchedule.rate: 0.03`). A number is read through its shortest round-trip decimal
 * form (`String(0.03) === "0.03"`), never through float arithmetic; exponent forms are refused.
 */
export function scaledFrom(value: number | string, scale: number, round: 'reject' | 'floor' = 'reject'): number {
  const text = typeof value === 'number' ? String(value) : value;
  try {
    return parseScaled(text, scale, round);
  } catch (err) {
    throw new ParseFailure((err as Error).message);
  }
}

const LOOSE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Epoch ms from Gamma's `gameStartTime`, which comes both as ISO 8601 (`2026-08-07T00:00:00Z`)
 * and in a Postgres-like form (`2026-08-07 00:00:00+00`: docs/venues-polymarket.md#p1). A time without a zone
 * is refused: guessing one could shift a game to another day and mis-pair it.
 */
export function parseLooseTime(text: string): number {
  const m = LOOSE_TIME.exec(text.trim());
  if (!m) throw new ParseFailure(`unrecognised time ${JSON.stringify(text)}`);
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? '0');
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3) || '0');
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    if (zone.startsWith('-')) offsetMinutes = -offsetMinutes;
  }
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const back = new Date(local);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    back.getUTCHours() !== hour ||
    back.getUTCMinutes() !== minute ||
    back.getUTCSeconds() !== second
  ) {
    throw new ParseFailure(`impossible time ${JSON.stringify(text)}`);
  }
  return local - offsetMinutes * 60_000;
}
