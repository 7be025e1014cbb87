/**
 * Calendar days from epoch milliseconds, by pure integer arithmetic (no clock, no time-zone
 * database): the caller passes `ms` in (core never reads the clock).
 *
 * - UTC days key the per-day risk counters (`trades#2026-11-24`, docs/store.md#1-item-layout) and the daily
 *   P&L series, so every part of the system must cut days at the same instant: UTC midnight.
 * - US Eastern dates are how both venues name games (Polymarket slugs `nba-lal-bos-2025-12-27`,
 *   Kalshi tickers `25DEC27`), so matching may need the Eastern calendar date of a start time.
 */

export const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** Year, month (1–12) and day (1–31) of the proleptic Gregorian calendar. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function assertEpochMs(ms: number): void {
  // ±8.64e15 is the range `Date` accepts; beyond it no calendar answer is meaningful.
  if (!Number.isSafeInteger(ms) || Math.abs(ms) > 8.64e15) {
    throw new RangeError(`epoch milliseconds must be a safe integer within ±8.64e15, got ${String(ms)}`);
  }
}

/** Floor division for integers (JS `%` truncates toward zero). */
function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil algorithm). */
export function daysFromCivil({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400; // [0, 399]
  const mp = (month + 9) % 12; // March = 0
  const doy = floorDiv(153 * mp + 2, 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy; // [0, 146096]
  return era * 146_097 + doe - 719_468;
}

/** Civil date of a count of days since 1970-01-01 (inverse of daysFromCivil). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = floorDiv(z, 146_097);
  const doe = z - era * 146_097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36_524) - floorDiv(doe, 146_096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function formatCivil({ year, month, day }: CivilDate): string {
  if (year < 0 || year > 9999) throw new RangeError(`year ${year} cannot be written as YYYY`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `'2026-11-24'`: the UTC calendar day containing `ms`. */
export function utcDay(ms: number): string {
  assertEpochMs(ms);
  return formatCivil(civilFromDays(floorDiv(ms, MS_PER_DAY)));
}

/** First millisecond of the UTC day containing `ms`. */
export function startOfUtcDay(ms: number): number {
  assertEpochMs(ms);
  return floorDiv(ms, MS_PER_DAY) * MS_PER_DAY;
}

/** First millisecond of the NEXT UTC day: the exclusive end of the day containing `ms`. */
export function startOfNextUtcDay(ms: number): number {
  return startOfUtcDay(ms) + MS_PER_DAY;
}

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `'2026-11-24'` → epoch ms of its UTC midnight. Throws RangeError on anything not a real date. */
export function parseUtcDay(day: string): number {
  const m = DAY_KEY.exec(day);
  if (!m) throw new RangeError(`expected a day as YYYY-MM-DD, got ${JSON.stringify(day)}`);
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const days = daysFromCivil(date);
  const back = civilFromDays(days);
  if (back.year !== date.year || back.month !== date.month || back.day !== date.day) {
    throw new RangeError(`${JSON.stringify(day)} is not a calendar date`);
  }
  return days * MS_PER_DAY;
}

/** Whether `day` is a real calendar date written YYYY-MM-DD (`parseUtcDay` would accept it). */
export function isCalendarDate(day: string): boolean {
  try {
    parseUtcDay(day);
    return true;
  } catch {
    return false;
  }
}

/** Day of week of a day count since 1970-01-01: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(days: number): number {
  return ((days % 7) + 7 + 4) % 7;
}

/** Days since epoch of the `n`-th Sunday (1-based) of a month. */
function nthSunday(year: number, month: number, n: number): number {
  const first = daysFromCivil({ year, month, day: 1 });
  const toSunday = (7 - weekday(first)) % 7;
  return first + toSunday + (n - 1) * 7;
}

/** The first year the current US rule applies (Energy Policy Act of 2005, in force from 2007). */
export const US_DST_RULE_FROM_YEAR = 2007;

/**
 * The UTC instants US Eastern daylight time starts and ends in `year`: 2:00 EST on the second
 * Sunday of March (07:00 UTC) and 2:00 EDT on the first Sunday of November (06:00 UTC).
 */
export function usEasternDstBounds(year: number): { startMs: number; endMs: number } {
  if (!Number.isSafeInteger(year) || year < US_DST_RULE_FROM_YEAR) {
    throw new RangeError(`US Eastern DST rules here apply from ${US_DST_RULE_FROM_YEAR}, got year ${String(year)}`);
  }
  return {
    startMs: nthSunday(year, 3, 2) * MS_PER_DAY + 7 * MS_PER_HOUR,
    endMs: nthSunday(year, 11, 1) * MS_PER_DAY + 6 * MS_PER_HOUR,
  };
}

/** Offset of US Eastern local time from UTC at `ms`, in hours: −4 (EDT) or −5 (EST). */
export function usEasternOffsetHours(ms: number): -4 | -5 {
  assertEpochMs(ms);
  const { year } = civilFromDays(floorDiv(ms, MS_PER_DAY));
  const { startMs, endMs } = usEasternDstBounds(year);
  return ms >= startMs && ms < endMs ? -4 : -5;
}

/**
 * `'2025-12-27'`: the calendar date in New York at `ms`. A 7:30 pm EST tip-off on Dec 27 is
 * 00:30 UTC on Dec 28, yet both venues name the game by Dec 27 (docs/venues-polymarket.md#p1, docs/venues-kalshi.md#k1).
 * Valid from 2007 on (throws before); a future change of US DST law needs a change here.
 */
export function usEasternDate(ms: number): string {
  const offset = usEasternOffsetHours(ms);
  return formatCivil(civilFromDays(floorDiv(ms + offset * MS_PER_HOUR, MS_PER_DAY)));
}
