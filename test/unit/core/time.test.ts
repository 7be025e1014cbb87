import fc from 'fast-check';
import {
  civilFromDays,
  daysFromCivil,
  MS_PER_DAY,
  parseUtcDay,
  startOfNextUtcDay,
  startOfUtcDay,
  usEasternDate,
  usEasternDstBounds,
  usEasternOffsetHours,
  utcDay,
} from '../../../lib/core/time';

const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

// Oracle for the tests only: the platform's time-zone database (core itself must not use it).
const newYork = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('utcDay', () => {
  it.each([
    ['2026-11-24T00:00:00.000Z', '2026-11-24'],
    ['2026-11-24T23:59:59.999Z', '2026-11-24'],
    ['2026-11-25T00:00:00.000Z', '2026-11-25'],
    ['1970-01-01T00:00:00.000Z', '1970-01-01'],
    ['1969-12-31T23:59:59.999Z', '1969-12-31'],
    ['2024-02-29T12:00:00.000Z', '2024-02-29'],
    ['2100-03-01T00:00:00.000Z', '2100-03-01'],
  ])('puts %s on %s', (iso, day) => {
    expect(utcDay(at(iso))).toBe(day);
  });

  it('agrees with Date for any instant in years 0–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(utcDay(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
      }),
    );
  });

  it.each([Number.NaN, Infinity, 1.5, 9e15])('rejects %p instead of returning a wrong day', (ms) => {
    expect(() => utcDay(ms)).toThrow(RangeError);
  });
});

describe('startOfUtcDay / startOfNextUtcDay', () => {
  it('bounds the UTC day: start ≤ ms < next start, one day apart, both on the same day key', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (ms) => {
        const start = startOfUtcDay(ms);
        const next = startOfNextUtcDay(ms);
        expect(start).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(next);
        expect(next - start).toBe(MS_PER_DAY);
        expect(utcDay(start)).toBe(utcDay(ms));
        expect(utcDay(next - 1)).toBe(utcDay(ms));
        expect(utcDay(next)).not.toBe(utcDay(ms));
      }),
    );
  });

  it('floors negative instants toward the earlier day', () => {
    expect(startOfUtcDay(-1)).toBe(-MS_PER_DAY);
    expect(startOfNextUtcDay(-1)).toBe(0);
  });
});

describe('parseUtcDay', () => {
  it('round-trips with utcDay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_932_896 }), (days) => {
        const ms = days * MS_PER_DAY;
        expect(parseUtcDay(utcDay(ms))).toBe(ms);
      }),
    );
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '26-01-01', ' 2026-01-01', ''])(
    'rejects %j',
    (day) => {
      expect(() => parseUtcDay(day)).toThrow(RangeError);
    },
  );

  it('accepts leap days only in leap years', () => {
    expect(parseUtcDay('2024-02-29')).toBe(at('2024-02-29T00:00:00Z'));
    expect(() => parseUtcDay('2100-02-29')).toThrow(/not a calendar date/);
  });
});

describe('daysFromCivil / civilFromDays', () => {
  it('are inverse for any day count', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (days) => {
        expect(daysFromCivil(civilFromDays(days))).toBe(days);
      }),
    );
  });
});

describe('usEasternDstBounds', () => {
  it.each([
    // Second Sunday of March at 07:00 UTC, first Sunday of November at 06:00 UTC.
    [2007, '2007-03-11T07:00:00Z', '2007-11-04T06:00:00Z'],
    [2025, '2025-03-09T07:00:00Z', '2025-11-02T06:00:00Z'],
    [2026, '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
    [2027, '2027-03-14T07:00:00Z', '2027-11-07T06:00:00Z'],
    [2030, '2030-03-10T07:00:00Z', '2030-11-03T06:00:00Z'],
  ])('places %i switches at %s and %s', (year, start, end) => {
    expect(usEasternDstBounds(year)).toEqual({ startMs: at(start), endMs: at(end) });
  });

  it('refuses years before the 2007 rule instead of answering wrongly', () => {
    expect(() => usEasternDstBounds(2006)).toThrow(/apply from 2007/);
  });
});

describe('usEasternOffsetHours', () => {
  it('switches to EDT at 2:00 EST on 2026-03-08 and back at 2:00 EDT on 2026-11-01', () => {
    const springForward = at('2026-03-08T07:00:00Z');
    expect(usEasternOffsetHours(springForward - 1)).toBe(-5);
    expect(usEasternOffsetHours(springForward)).toBe(-4);
    const fallBack = at('2026-11-01T06:00:00Z');
    expect(usEasternOffsetHours(fallBack - 1)).toBe(-4);
    expect(usEasternOffsetHours(fallBack)).toBe(-5);
  });
});

describe('usEasternDate', () => {
  it.each([
    // Evening games on the US east coast fall on the next UTC day.
    ['2025-12-28T00:30:00Z', '2025-12-27'], // 19:30 EST
    ['2025-12-28T04:59:59Z', '2025-12-27'], // 23:59:59 EST
    ['2025-12-28T05:00:00Z', '2025-12-28'], // midnight EST
    ['2026-07-04T03:59:59Z', '2026-07-03'], // 23:59:59 EDT
    ['2026-07-04T04:00:00Z', '2026-07-04'], // midnight EDT
    // Around the switches: local midnight is 05:00 UTC before spring-forward, 04:00 UTC after.
    ['2026-03-08T04:59:59Z', '2026-03-07'],
    ['2026-03-08T05:00:00Z', '2026-03-08'],
    ['2026-03-09T03:59:59Z', '2026-03-08'],
    ['2026-03-09T04:00:00Z', '2026-03-09'],
    ['2026-11-01T03:59:59Z', '2026-10-31'],
    ['2026-11-01T04:00:00Z', '2026-11-01'],
    ['2026-11-02T04:59:59Z', '2026-11-01'],
    ['2026-11-02T05:00:00Z', '2026-11-02'],
    // New Year in New York is 05:00 UTC.
    ['2027-01-01T04:59:59Z', '2026-12-31'],
    ['2027-01-01T05:00:00Z', '2027-01-01'],
  ])('dates %s as %s in New York', (iso, day) => {
    expect(usEasternDate(at(iso))).toBe(day);
  });

  it('agrees with the America/New_York time-zone database for 2007–2037', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2007-01-01T06:00:00Z'), max: at('2037-12-31T00:00:00Z') }), (ms) => {
        expect(usEasternDate(ms)).toBe(newYork.format(ms));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the time-zone database within two hours of every switch, every five minutes', () => {
    for (let year = 2007; year <= 2037; year++) {
      const { startMs, endMs } = usEasternDstBounds(year);
      for (const edge of [startMs, endMs]) {
        for (let ms = edge - 2 * HOUR; ms <= edge + 2 * HOUR; ms += 300_000) {
          expect(usEasternDate(ms)).toBe(newYork.format(ms));
        }
      }
    }
  });
});
