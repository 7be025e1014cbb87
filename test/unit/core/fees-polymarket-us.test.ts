import fc from 'fast-check';
import {
  polymarketUsFee,
  polymarketUsFillFeeExact,
  polymarketUsMakerRebate,
  polymarketUsOrderFee,
  polymarketUsOrderFeeCap,
  polymarketUsOrderFees,
} from '../../../lib/core/fees';

const cents = (c: number) => c * 10_000;
const shares = (n: number) => n * 100;
const price = (dollars: string) => Math.round(Number(dollars) * 1_000_000);

describe('polymarketUsFee (docs/venues-polymarket-us.md#u-fees)', () => {
  // The venue's "Standard Fee Schedule by Price" (100 contracts): taker column.
  it.each([
    ['0.01', 7],
    ['0.02', 14],
    ['0.03', 20],
    ['0.10', 63],
    ['0.25', 130],
    ['0.33', 154],
    ['0.47', 173],
    ['0.50', 174],
    ['0.51', 174],
    ['0.65', 158],
    ['0.90', 63],
    ['0.99', 7],
  ])('100 contracts at $%s cost %i cents', (p, fee) => {
    expect(polymarketUsFee({ price: price(p), count: shares(100) })).toBe(cents(fee));
  });

  // The venue's worked examples (1,000 contracts); ties round to the even cent.
  it.each([
    ['$0.10 costs $6.26 (625.5 cents → 626)', '0.10', 626],
    ['$0.65 costs $15.81', '0.65', 1_581],
    ['$0.30 costs $14.60 (sell side, same p·(1−p))', '0.30', 1_460],
    ['$0.90 costs $6.26', '0.90', 626],
    ['$0.50 costs $17.38 (1737.5 cents → 1738)', '0.50', 1_738],
  ])('1,000 contracts at %s', (_name, p, fee) => {
    expect(polymarketUsFee({ price: price(p), count: shares(1_000) })).toBe(cents(fee));
  });

  it('rounds a half cent to the even cent, both ways', () => {
    // 0.0125·1000·0.10·0.90 = 1.125 → 1.12 ; 0.0125·1000·0.5·0.5 = 3.125 → 3.12 (maker examples)
    expect(polymarketUsMakerRebate({ price: price('0.10'), count: shares(1_000) })).toBe(cents(112));
    expect(polymarketUsMakerRebate({ price: price('0.50'), count: shares(1_000) })).toBe(cents(312));
    expect(polymarketUsMakerRebate({ price: price('0.65'), count: shares(1_000) })).toBe(cents(284));
    expect(polymarketUsMakerRebate({ price: price('0.30'), count: shares(1_000) })).toBe(cents(262));
    // Clean ties with other coefficients: 0.02·1·0.25 = 0.005 → $0.00, 0.06·1·0.25 = 0.015 → $0.02.
    expect(polymarketUsFee({ price: price('0.50'), count: shares(1), thetaPpm: 20_000 })).toBe(0);
    expect(polymarketUsFee({ price: price('0.50'), count: shares(1), thetaPpm: 60_000 })).toBe(cents(2));
  });

  it('charges nothing for a small trade whose fee rounds to zero (no minimum fee)', () => {
    // 0.0695 · 1 · 0.01 · 0.99 = 0.000688… → $0.00
    expect(polymarketUsFee({ price: price('0.01'), count: shares(1) })).toBe(0);
    expect(polymarketUsFee({ price: price('0.50'), count: 0 })).toBe(0);
  });

  it('is symmetric in p and 1 − p (a NO fill costs what the YES fill costs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 1_000_000 }), (c, count) => {
        const p = c * 1_000;
        expect(polymarketUsFee({ price: p, count })).toBe(polymarketUsFee({ price: 1_000_000 - p, count }));
      }),
    );
  });

  it('refuses prices outside 0..$1 and fractional or negative inputs', () => {
    expect(() => polymarketUsFee({ price: 1_000_001, count: 100 })).toThrow(RangeError);
    expect(() => polymarketUsFee({ price: 500_000, count: -1 })).toThrow(RangeError);
    expect(() => polymarketUsFee({ price: 500_000.5, count: 100 })).toThrow(RangeError);
    expect(() => polymarketUsFee({ price: 500_000, count: 100, thetaPpm: -1 })).toThrow(RangeError);
  });
});

describe('polymarketUsOrderFees: per-fill charges capped by the order total (docs/venues-polymarket-us.md#u-fees)', () => {
  it('lowers a later fill so the order never pays more than the rounding of its exact total', () => {
    // Three fills of 1 contract at $0.50: each exact 0.017375 → 0.02 alone. Running exact totals
    // 0.017375, 0.03475, 0.052125 round to 0.02, 0.03, 0.05: the second fill may add only 0.01.
    const fills = [1, 2, 3].map(() => ({ price: 500_000, count: 100 }));
    expect(polymarketUsOrderFees(fills)).toEqual([cents(2), cents(1), cents(2)]);
    expect(polymarketUsOrderFee(fills)).toBe(cents(5));
    expect(polymarketUsOrderFeeCap(fills)).toBe(cents(5));
  });

  it('never raises a fill above its own rounding (the adjustment only reduces)', () => {
    // Two fills of exact 0.0048 each (→ 0.00 alone); total 0.0096 → 0.01 cap, but nothing rises.
    const fills = [
      { price: 500_000, count: 27 },
      { price: 500_000, count: 27 },
    ];
    const each = polymarketUsFillFeeExact(fills[0]!);
    expect(each).toBeGreaterThan(0n);
    expect(polymarketUsOrderFees(fills)).toEqual([0, 0]);
    expect(polymarketUsOrderFeeCap(fills)).toBe(cents(1));
  });

  it('a single fill costs the same as polymarketUsFee', () => {
    expect(polymarketUsOrderFee([{ price: 430_000, count: 12_345 }])).toBe(
      polymarketUsFee({ price: 430_000, count: 12_345 }),
    );
  });

  it('the total never exceeds the cap, and each fill never exceeds its own rounding', () => {
    const fill = fc.record({
      price: fc.integer({ min: 1, max: 99 }).map((c) => c * 10_000),
      count: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(
      fc.property(fc.array(fill, { maxLength: 8 }), (fills) => {
        const charged = polymarketUsOrderFees(fills);
        const total = charged.reduce((s, c) => s + c, 0);
        expect(total).toBeLessThanOrEqual(polymarketUsOrderFeeCap(fills));
        charged.forEach((c, i) => {
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c % 10_000).toBe(0);
          expect(c).toBeLessThanOrEqual(polymarketUsFee({ price: fills[i]!.price, count: fills[i]!.count }));
        });
      }),
    );
  });
});
