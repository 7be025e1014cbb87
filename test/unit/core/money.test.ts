import fc from 'fast-check';
import {
  centsToMicros,
  displayUsd,
  divRound,
  formatCentishares,
  formatMicros,
  isOnTick,
  MoneyFormatError,
  notionalMicros,
  parseCentishares,
  parseMicros,
  payoutMicros,
  roundToTick,
} from '../../../lib/core/money';

describe('parseMicros', () => {
  it.each([
    ['0.5600', 560_000],
    ['13.00', 13_000_000],
    ['13', 13_000_000],
    ['0.000001', 1],
    ['-1.25', -1_250_000],
    ['0', 0],
    ['-0.000', 0],
  ])('parses %s exactly', (input, expected) => {
    expect(parseMicros(input)).toBe(expected);
  });

  it.each(['', ' 1', '1 ', '.5', '1.2.3', '1e3', 'NaN', '0x10', '+1', '1,5', 'abc'])(
    'rejects malformed %j with a clear error',
    (input) => {
      expect(() => parseMicros(input)).toThrow(MoneyFormatError);
      expect(() => parseMicros(input)).toThrow(/Invalid decimal amount/);
    },
  );

  it('rejects digits beyond micro precision unless told how to round', () => {
    expect(() => parseMicros('0.1234567')).toThrow(/more than 6 decimal places/);
    expect(parseMicros('0.1234567', 'floor')).toBe(123_456);
    expect(parseMicros('0.1234567', 'ceil')).toBe(123_457);
    expect(parseMicros('-0.1234567', 'floor')).toBe(-123_457);
    expect(parseMicros('0.1234560', 'ceil')).toBe(123_456);
  });

  it('rejects numbers outside the exact range', () => {
    expect(() => parseMicros('99999999999999')).toThrow(/exact integer range/);
  });

  it('rejects non-strings', () => {
    expect(() => parseMicros(0.56 as unknown as string)).toThrow(/expected a string/);
  });

  it('round-trips through formatMicros for any integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseMicros(formatMicros(n))).toBe(n);
      }),
    );
  });
});

describe('parseCentishares / formatCentishares', () => {
  it('parses venue counts', () => {
    expect(parseCentishares('13.00')).toBe(1300);
    expect(parseCentishares('0.01')).toBe(1);
    expect(parseCentishares('219.2299', 'floor')).toBe(21922);
    expect(() => parseCentishares('219.2299')).toThrow(MoneyFormatError);
  });
  it('formats with two decimals', () => {
    expect(formatCentishares(1300)).toBe('13.00');
    expect(formatCentishares(1)).toBe('0.01');
  });
});

describe('formatMicros', () => {
  it('formats at the requested number of decimals', () => {
    expect(formatMicros(560_000, 4)).toBe('0.5600');
    expect(formatMicros(-1_250_000, 2)).toBe('-1.25');
    expect(formatMicros(5, 6)).toBe('0.000005');
  });
  it('refuses to drop precision silently', () => {
    expect(() => formatMicros(560_001, 4)).toThrow(/cannot be written exactly/);
  });
});

describe('divRound', () => {
  it.each([
    [7, 2, 'floor', 3],
    [7, 2, 'ceil', 4],
    [7, 2, 'half-up', 4],
    [-7, 2, 'floor', -4],
    [-7, 2, 'ceil', -3],
    [-7, 2, 'half-up', -4],
    [5, 3, 'half-up', 2],
    [4, 3, 'half-up', 1],
    [6, 3, 'ceil', 2],
  ] as const)('%d / %d %s = %d', (n, d, mode, expected) => {
    expect(divRound(n, d, mode)).toBe(expected);
  });
  it('throws on division by zero', () => {
    expect(() => divRound(1, 0, 'floor')).toThrow(RangeError);
  });
});

describe('notional and payout', () => {
  it('is exact on real ticks', () => {
    expect(notionalMicros(570_000, 1050)).toBe(5_985_000); // 0.57 × 10.5 (docs/venues-polymarket.md#p4-vectors)
    expect(notionalMicros(333_000, 777)).toBe(2_587_410); // 0.333 × 7.77
    expect(payoutMicros(1050)).toBe(10_500_000);
  });
  it('rounds off-grid products in the direction asked', () => {
    expect(notionalMicros(1, 1, 'ceil')).toBe(1);
    expect(notionalMicros(1, 1, 'floor')).toBe(0);
  });
  it('converts cents', () => {
    expect(centsToMicros(12345)).toBe(123_450_000);
    expect(() => centsToMicros(1.5)).toThrow(RangeError);
  });
});

describe('ticks', () => {
  it('knows the grid', () => {
    expect(isOnTick(560_000, 10_000)).toBe(true);
    expect(isOnTick(565_000, 10_000)).toBe(false);
    expect(isOnTick(565_000, 5_000)).toBe(true);
    expect(isOnTick(0, 10_000)).toBe(false);
    expect(isOnTick(1_000_000, 10_000)).toBe(false);
  });
  it('rounds to the grid', () => {
    expect(roundToTick(565_001, 10_000, 'floor')).toBe(560_000);
    expect(roundToTick(565_001, 10_000, 'ceil')).toBe(570_000);
  });
});

describe('displayUsd', () => {
  it('is for people', () => {
    expect(displayUsd(1_234_567_890)).toBe('$1,234.57');
    expect(displayUsd(-5_000)).toBe('-$0.01');
    expect(displayUsd(0)).toBe('$0.00');
  });
});
