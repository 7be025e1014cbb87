/**
 * Polymarket market-order sizing and minimums as pure arithmetic (docs/adr/0007-polymarket-buys-spend-dollars.md).
 */
import {
  polymarketBuyProblem,
  polymarketMarketBuyAmounts,
  polymarketMinSellPriceMicros,
  polymarketSellProblem,
  polymarketWholeCentSize,
  walkCostMicros,
} from '../../../lib/core/order-precision';

const asks = [
  { priceMicros: 400_000, sizeCenti: 1_000 },
  { priceMicros: 420_000, sizeCenti: 2_000 },
];

describe('polymarketMarketBuyAmounts', () => {
  it('spends the walk cost and asks at least spend ÷ worst price, rounded down to 4 decimals', () => {
    // 10 @ 0.40 + 10 @ 0.42 = $8.20; 8.20 / 0.42 = 19.523809… → 19.5238.
    expect(polymarketMarketBuyAmounts(8_200_000, 420_000)).toEqual({
      makerAmount: 8_200_000n,
      takerAmount: 19_523_800n,
    });
  });

  it('keeps the implied limit at or above the worst level (never rounds the taker up)', () => {
    for (const [spend, worst] of [
      [1_000_000, 70_000],
      [8_200_000, 420_000],
      [6_750_000, 965_000],
      [1_230_000, 333_300],
    ] as const) {
      const { makerAmount, takerAmount } = polymarketMarketBuyAmounts(spend, worst);
      expect(takerAmount % 100n).toBe(0n);
      expect(makerAmount * 1_000_000n >= BigInt(worst) * takerAmount).toBe(true);
    }
  });

  it('refuses a spend that is not whole cents', () => {
    expect(() => polymarketMarketBuyAmounts(8_205_000, 420_000)).toThrow(RangeError);
  });
});

describe('polymarketBuyProblem / polymarketSellProblem', () => {
  it('accepts a whole-cent spend of at least $1 within size × limit', () => {
    expect(polymarketBuyProblem(8_200_000, 420_000, 2_000)).toBeNull();
  });

  it("refuses under $1 with the venue's own words", () => {
    expect(polymarketBuyProblem(990_000, 420_000, 300)).toBe(
      'invalid amount for a marketable BUY order ($0.99), min size: $1',
    );
  });

  it('refuses odd cents and a spend above size × limit', () => {
    expect(polymarketBuyProblem(8_200_100, 420_000, 2_000)).toMatch(/whole cents/);
    expect(polymarketBuyProblem(8_410_000, 420_000, 2_000)).toMatch(/more than/);
  });

  it('refuses a sell whose limit guarantees under $1 (conservative)', () => {
    expect(polymarketSellProblem(200, 400_000)).toMatch(/under the \$1 minimum/);
    expect(polymarketSellProblem(250, 400_000)).toBeNull();
  });

  it('finds the lowest price at which a sell is worth $1, or none', () => {
    expect(polymarketMinSellPriceMicros(300, 10_000)).toBe(340_000);
    expect(polymarketMinSellPriceMicros(250, 10_000)).toBe(400_000);
    expect(polymarketMinSellPriceMicros(100, 10_000)).toBeNull();
  });
});

describe('walk cost and whole-cent sizes', () => {
  it('walks the cheapest levels first', () => {
    expect(walkCostMicros(asks, 2_000)).toBe(8_200_000);
    expect(walkCostMicros(asks, 3_001)).toBeNull();
  });

  it('steps down to a size whose walk costs whole cents', () => {
    // Level of 10.37 shares at 0.41 costs $4.2517: the next level must make up the odd 0.17 cent.
    const odd = [
      { priceMicros: 410_000, sizeCenti: 1_037 },
      { priceMicros: 430_000, sizeCenti: 5_000 },
    ];
    const size = polymarketWholeCentSize(odd, 3_000, 1);
    expect(size).toBeLessThanOrEqual(3_000);
    expect(walkCostMicros(odd, size)! % 10_000).toBe(0);
    // On a 0.01 tick with whole-share levels every whole-share size qualifies.
    expect(polymarketWholeCentSize(asks, 2_500, 100)).toBe(2_500);
  });
});
