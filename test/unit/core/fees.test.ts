import { adjustBuyAmountForFees } from '@polymarket/clob-client-v2';
import fc from 'fast-check';
import { kalshiFee, kalshiOrderFee, polymarketFee, polymarketOrderFee } from '../../../lib/core/fees';

const price = fc.integer({ min: 1, max: 999 }).map((c) => c * 1_000); // 0.001 .. 0.999
const count = fc.integer({ min: 0, max: 10_000_000 }); // up to 100k shares

describe('kalshiFee', () => {
  // Points of the published schedule (0.07·C·P·(1−P), rounded up to the cent; docs/venues-kalshi.md#k5).
  it.each([
    ['100 contracts at 50¢ cost $1.75', 500_000, 10_000, 1_750_000],
    ['1 contract at 50¢ rounds $0.0175 up to $0.02', 500_000, 100, 20_000],
    ['100 contracts at 1¢ round $0.0693 up to $0.07', 10_000, 10_000, 70_000],
    ['10 contracts at 10¢ round $0.063 up to $0.07', 100_000, 1_000, 70_000],
    ['1 contract at 99¢ rounds $0.000693 up to $0.01', 990_000, 100, 10_000],
    ['0.01 contract at 50¢ still costs a cent', 500_000, 1, 10_000],
    ['nothing filled costs nothing', 500_000, 0, 0],
  ])('taker: %s', (_name, p, c, fee) => {
    expect(kalshiFee({ price: p, count: c, kind: 'taker' })).toBe(fee);
  });

  it('charges makers 0.0175·C·P·(1−P): 100 at 50¢ is $0.4375 → $0.44', () => {
    expect(kalshiFee({ price: 500_000, count: 10_000, kind: 'maker' })).toBe(440_000);
    expect(kalshiFee({ price: 500_000, count: 10_000, kind: 'maker', rounding: 'centicent' })).toBe(437_500);
  });

  it('rounds to $0.0001 instead of the cent for a direct member', () => {
    expect(kalshiFee({ price: 500_000, count: 100, kind: 'taker', rounding: 'centicent' })).toBe(17_500);
    expect(kalshiFee({ price: 990_000, count: 100, kind: 'taker', rounding: 'centicent' })).toBe(700);
    expect(kalshiFee({ price: 100_000, count: 1_000, kind: 'taker', rounding: 'centicent' })).toBe(63_000);
  });

  it('scales by the series multiplier before rounding', () => {
    expect(kalshiFee({ price: 500_000, count: 10_000, kind: 'taker', multiplier: 500_000 })).toBe(880_000);
    expect(kalshiFee({ price: 500_000, count: 10_000, kind: 'taker', multiplier: 2_000_000 })).toBe(3_500_000);
    expect(kalshiFee({ price: 500_000, count: 10_000, kind: 'taker', multiplier: 0 })).toBe(0);
  });

  it('refuses prices outside 0..$1 and fractional or negative inputs', () => {
    expect(() => kalshiFee({ price: 1_000_001, count: 100, kind: 'taker' })).toThrow(RangeError);
    expect(() => kalshiFee({ price: 500_000, count: -1, kind: 'taker' })).toThrow(RangeError);
    expect(() => kalshiFee({ price: 0.5, count: 100, kind: 'taker' })).toThrow(RangeError);
  });

  it('is the exact fee rounded up: never below it, less than one unit above it', () => {
    fc.assert(
      fc.property(price, count, fc.constantFrom('cent' as const, 'centicent' as const), (p, c, rounding) => {
        const fee = kalshiFee({ price: p, count: c, kind: 'taker', rounding });
        const unit = rounding === 'cent' ? 10_000n : 100n;
        // exact fee in 10^-20 micros: 70_000·c·p·(10^6−p)·10^6
        const exact = 70_000n * BigInt(c) * BigInt(p) * BigInt(1_000_000 - p) * 1_000_000n;
        const feeScaled = BigInt(fee) * 10n ** 20n;
        expect(feeScaled >= exact).toBe(true);
        expect(feeScaled - exact < unit * 10n ** 20n).toBe(true);
        expect(BigInt(fee) % unit).toBe(0n);
      }),
    );
  });

  it('is symmetric in P and 1−P and never decreases with size', () => {
    fc.assert(
      fc.property(price, count, count, (p, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(kalshiFee({ price: p, count: small, kind: 'taker' })).toBeLessThanOrEqual(
          kalshiFee({ price: p, count: large, kind: 'taker' }),
        );
        expect(kalshiFee({ price: p, count: a, kind: 'taker' })).toBe(
          kalshiFee({ price: 1_000_000 - p, count: a, kind: 'taker' }),
        );
      }),
    );
  });
});

describe('kalshiOrderFee', () => {
  it('charges a split order the same as one fill of the same size (per-order accumulator)', () => {
    fc.assert(
      fc.property(price, fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 20 }), (p, parts) => {
        const total = parts.reduce((s, x) => s + x, 0);
        const split = kalshiOrderFee({ fills: parts.map((c) => ({ price: p, count: c })), kind: 'taker' });
        expect(split).toBe(kalshiFee({ price: p, count: total, kind: 'taker' }));
      }),
    );
  });

  it('rounds once per order, not once per level', () => {
    // 0.01 contract at each of 50¢, 51¢, 52¢: exact ≈ $0.000525 in total → $0.01, where rounding
    // every level would have charged $0.03.
    const fee = kalshiOrderFee({
      fills: [
        { price: 500_000, count: 1 },
        { price: 510_000, count: 1 },
        { price: 520_000, count: 1 },
      ],
      kind: 'taker',
    });
    expect(fee).toBe(10_000);
  });
});

describe('polymarketFee', () => {
  // rate·C·(p(1−p))^exponent, 5 decimals, rounded up (docs/venues-polymarket.md#p5-fees).
  it.each([
    ['100 shares at 0.50 pay 0.75¢ a share: $0.75', 500_000, 10_000, 750_000],
    ['1 share at 0.50: $0.0075', 500_000, 100, 7_500],
    ['1 share at 0.01: $0.000297 → $0.00030', 10_000, 100, 300],
    ['7 shares at 0.33: $0.046431 → $0.04644', 330_000, 700, 46_440],
    ['nothing filled costs nothing', 500_000, 0, 0],
  ])('rate 0.03: %s', (_name, p, shares, fee) => {
    // The formula at one market's rate (rates are per market: docs/venues-polymarket.md#p5-fee-schedule).
    expect(polymarketFee({ price: p, shares, rate: 30_000 })).toBe(fee);
  });

  it('scales with the market rate: 0.05 (sports since 2026) on 100 shares at 0.50 is $1.25', () => {
    expect(polymarketFee({ price: 500_000, shares: 10_000, rate: 50_000 })).toBe(1_250_000);
  });

  it('supports the exponent: 100 shares at 0.50 with exponent 2 pay $0.1875', () => {
    expect(polymarketFee({ price: 500_000, shares: 10_000, rate: 30_000, exponent: 2 })).toBe(187_500);
  });

  it('is free when the market has no fee', () => {
    expect(polymarketFee({ price: 420_000, shares: 12_345, rate: 0 })).toBe(0);
  });

  it('refuses a fractional exponent instead of approximating it', () => {
    expect(() => polymarketFee({ price: 500_000, shares: 100, rate: 30_000, exponent: 0.5 })).toThrow(RangeError);
  });

  it('matches the official SDK formula to within its 5-decimal rounding, never below it', () => {
    fc.assert(
      fc.property(price, fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(1, 2), (p, shares, exponent) => {
        const ours = polymarketFee({ price: p, shares, rate: 30_000, exponent }) / 1e6;
        const amount = (shares / 100) * (p / 1e6);
        // With balance = amount the SDK returns amount − fee: its fee, in floats.
        const sdk = amount - adjustBuyAmountForFees(amount, p / 1e6, amount, 0.03, exponent, 0);
        expect(ours).toBeGreaterThanOrEqual(sdk - 1e-9);
        expect(ours).toBeLessThan(sdk + 1e-5 + 1e-9);
      }),
    );
  });

  it('rounds each fill of a multi-level order on its own', () => {
    const fills = [
      { price: 10_000, count: 100 },
      { price: 20_000, count: 100 },
    ];
    // $0.000297 → 0.00030 and $0.000588 → 0.00059
    expect(polymarketOrderFee(fills, 30_000)).toBe(300 + 590);
  });
});
