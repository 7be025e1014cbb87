/**
 * Sizes a venue will take, as pure arithmetic (no I/O).
 *
 * Polymarket FOK/FAK ("market") orders: the maker amount has at most 2 decimals and the taker
 * amount at most 4 (docs/venues-polymarket.md "Market-order precision"). For a BUY of whole
 * shares the taker amount (shares) is fine; the maker amount is price × size, which has 3 or 4
 * decimals on the 0.001 / 0.0001 ticks unless the size is a multiple of a small step.
 */
import type { Level, VenueName } from './market';
import { type Centishares, type Micros, notionalMicros, type PriceMicros } from './money';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

/**
 * Smallest size step (centishares) at which a Polymarket BUY at `priceMicros` costs whole cents:
 * priceMicros × sizeCenti ≡ 0 (mod 10^6). 2 at $0.50; 20 at $0.45; 200 (2 shares) at $0.965;
 * 2,000 at $0.9655.
 */
export function polymarketBuySizeStepCenti(priceMicros: PriceMicros): Centishares {
  if (!Number.isSafeInteger(priceMicros) || priceMicros <= 0 || priceMicros >= 1_000_000) {
    throw new RangeError(`price ${priceMicros} micros outside (0, 1)`);
  }
  return 1_000_000 / gcd(priceMicros, 1_000_000);
}

/** Micros in one cent: a Polymarket market BUY's maker amount is whole cents (docs/venues-polymarket.md#p4-precision). */
export const CENT_MICROS = 10_000;

/**
 * The least a Polymarket marketable order may be worth: $1 (docs/venues-polymarket.md#p5-minimums).
 * A BUY's worth is the pUSD it spends; a SELL's, conservatively, the pUSD its limit guarantees.
 */
export const POLYMARKET_MIN_MARKETABLE_MICROS = 1_000_000;

/** A price outside (0, 1) or a non-integer figure is a programming error here. */
function assertPrice(priceMicros: PriceMicros): void {
  if (!Number.isSafeInteger(priceMicros) || priceMicros <= 0 || priceMicros >= 1_000_000) {
    throw new RangeError(`price ${priceMicros} micros outside (0, 1)`);
  }
}

/** `$0.9982`-style dollars, as the venue writes them in its minimum-amount message. */
function dollars(micros: Micros): string {
  const whole = Math.floor(micros / 1_000_000);
  const frac = String(micros % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return frac ? `$${whole}.${frac}` : `$${whole}`;
}

/**
 * Why the venue would refuse a FOK/FAK BUY that spends `spendMicros` with `worstPriceMicros` as
 * its worst acceptable level, planned to buy `sizeCenti` shares; null when it would not.
 * Rules (docs/venues-polymarket.md#p4-market-buy, #p4-precision, #p5-minimums): the spend is whole
 * cents, at least $1, and no more than the planned shares cost at the worst level (otherwise the
 * order's minimum share amount would exceed the plan).
 */
export function polymarketBuyProblem(
  spendMicros: Micros,
  worstPriceMicros: PriceMicros,
  sizeCenti: Centishares,
): string | null {
  if (!Number.isSafeInteger(spendMicros) || spendMicros <= 0) return `spend ${spendMicros} micros is not positive`;
  if (!Number.isSafeInteger(sizeCenti) || sizeCenti <= 0) return `size ${sizeCenti} centishares is not positive`;
  assertPrice(worstPriceMicros);
  if (spendMicros % CENT_MICROS !== 0)
    return `spend ${spendMicros} micros is not whole cents (market BUY maker amount: 2 decimals)`;
  if (spendMicros < POLYMARKET_MIN_MARKETABLE_MICROS)
    return `invalid amount for a marketable BUY order (${dollars(spendMicros)}), min size: $1`;
  if (BigInt(spendMicros) * 100n > BigInt(worstPriceMicros) * BigInt(sizeCenti))
    return `spend ${spendMicros} micros is more than ${sizeCenti} centishares cost at ${worstPriceMicros}`;
  return null;
}

/**
 * Why the venue might refuse a FOK/FAK SELL of `sizeCenti` at `limitPriceMicros`; null when it
 * would not. Conservative (docs/venues-polymarket.md#p5-minimums): the $1 minimum is applied to the
 * pUSD the limit guarantees, although the venue's own message names BUY orders only.
 */
export function polymarketSellProblem(sizeCenti: Centishares, limitPriceMicros: PriceMicros): string | null {
  if (!Number.isSafeInteger(sizeCenti) || sizeCenti <= 0) return `size ${sizeCenti} centishares is not positive`;
  assertPrice(limitPriceMicros);
  const proceeds = (BigInt(limitPriceMicros) * BigInt(sizeCenti)) / 100n;
  if (proceeds < BigInt(POLYMARKET_MIN_MARKETABLE_MICROS))
    return `marketable SELL worth ${dollars(Number(proceeds))} at its limit is under the $1 minimum`;
  return null;
}

/**
 * The lowest price on `tickMicros` at which a SELL of `sizeCenti` is worth $1, or null when no
 * price under $1 makes it so (the residual cannot be sold on Polymarket).
 */
export function polymarketMinSellPriceMicros(sizeCenti: Centishares, tickMicros: PriceMicros): PriceMicros | null {
  if (!Number.isSafeInteger(sizeCenti) || sizeCenti <= 0) return null;
  const raw = Math.ceil((POLYMARKET_MIN_MARKETABLE_MICROS * 100) / sizeCenti);
  const price = Math.ceil(raw / tickMicros) * tickMicros;
  return price < 1_000_000 ? price : null;
}

/** Raw amounts (base units, 10^-6) of a market BUY: maker = pUSD to spend, taker = minimum shares. */
export interface MarketBuyAmounts {
  readonly makerAmount: bigint;
  readonly takerAmount: bigint;
}

/**
 * A FOK/FAK BUY expressed as the venue reads it (docs/venues-polymarket.md#p4-market-buy): maker =
 * the exact pUSD to spend, taker = spend ÷ worst level price rounded DOWN to 4 decimals, so that
 * the implied limit maker/taker is at or above the worst level (rounding the taker up would put the
 * limit under the worst level and kill the order). On an unchanged book the venue spends the whole
 * maker amount walking the levels and delivers exactly the shares the walk was planned for.
 */
export function polymarketMarketBuyAmounts(spendMicros: Micros, worstPriceMicros: PriceMicros): MarketBuyAmounts {
  assertPrice(worstPriceMicros);
  if (!Number.isSafeInteger(spendMicros) || spendMicros <= 0 || spendMicros % CENT_MICROS !== 0) {
    throw new RangeError(`spend ${spendMicros} micros is not a positive whole number of cents`);
  }
  const maker = BigInt(spendMicros);
  const taker = ((maker * 1_000_000n) / BigInt(worstPriceMicros) / 100n) * 100n;
  return { makerAmount: maker, takerAmount: taker };
}

/** Σ price × size of the cheapest `sizeCenti` of `asks` (sorted cheapest first), or null if too shallow. */
export function walkCostMicros(asks: readonly Level[], sizeCenti: Centishares): Micros | null {
  let left = sizeCenti;
  let cost = 0;
  for (const level of asks) {
    if (left <= 0) break;
    const take = Math.min(left, level.sizeCenti);
    cost += notionalMicros(level.priceMicros, take, 'ceil');
    left -= take;
  }
  return left > 0 ? null : cost;
}

/**
 * The largest size ≤ `maxCenti`, on `stepCenti`, whose walk over `asks` (cheapest first) costs
 * whole cents — the only sizes a Polymarket market BUY can buy exactly (docs/planner.md
 * "Polymarket legs spend dollars"). 0 when none is found within `maxTries` steps.
 */
export function polymarketWholeCentSize(
  asks: readonly Level[],
  maxCenti: Centishares,
  stepCenti: Centishares,
  maxTries = 100_000,
): Centishares {
  let size = Math.floor(maxCenti / stepCenti) * stepCenti;
  for (let tries = 0; size > 0 && tries < maxTries; tries += 1, size -= stepCenti) {
    const cost = walkCostMicros(asks, size);
    if (cost !== null && cost % CENT_MICROS === 0) return size;
  }
  return 0;
}

/**
 * The fewest centishares whose walk over `asks` (cheapest first) spends at least the $1 a
 * marketable Polymarket BUY needs (docs/venues-polymarket.md#p5-minimums), or null when the whole
 * ladder is worth less.
 */
export function polymarketMinBuyCenti(asks: readonly Level[]): Centishares | null {
  let size = 0;
  let cost = 0;
  for (const level of asks) {
    const levelCost = notionalMicros(level.priceMicros, level.sizeCenti, 'ceil');
    if (cost + levelCost >= POLYMARKET_MIN_MARKETABLE_MICROS) {
      return size + Math.ceil(((POLYMARKET_MIN_MARKETABLE_MICROS - cost) * 100) / level.priceMicros);
    }
    size += level.sizeCenti;
    cost += levelCost;
  }
  return null;
}

/**
 * What a venue demands of the orders the engine sends, behind one name per venue
 * (docs/adr/0010-venue-pairs.md, decision 4), so the engine's execution holds no venue names.
 */
export interface VenueOrderRules {
  /**
   * How a marketable BUY is sized: `spend`, the dollars to spend (Polymarket:
   * docs/adr/0007-polymarket-buys-spend-dollars.md; the planned walk must cost whole cents), or
   * `contracts`, a number of contracts at a limit price (Kalshi, Polymarket US).
   */
  readonly buySizing: 'spend' | 'contracts';
  /**
   * The fewest centishares a marketable BUY may take off `asks` (cheapest first) on a book whose
   * minimum order is `bookMinSizeCenti`; null when the whole ladder is too small.
   */
  minBuyCenti(asks: readonly Level[], bookMinSizeCenti: Centishares): Centishares | null;
  /** Why the venue would refuse a marketable BUY (spend or contracts as `buySizing` says); null when it would not. */
  buyProblem(spendMicros: Micros, worstPriceMicros: PriceMicros, sizeCenti: Centishares): string | null;
  /** Why the venue would refuse a marketable SELL of `sizeCenti` at `limitPriceMicros`; null when it would not. */
  sellProblem(sizeCenti: Centishares, limitPriceMicros: PriceMicros): string | null;
  /**
   * The lowest price on `tickMicros` a SELL of `sizeCenti` may ask (0: any), or null when no price
   * under $1 makes the sell acceptable (the residual cannot be sold on this venue).
   */
  minSellPriceMicros(sizeCenti: Centishares, tickMicros: PriceMicros): PriceMicros | null;
}

/**
 * Kalshi and Polymarket US take orders in contracts at a limit price; their minimum and step are
 * the book's (`Book.minSizeCenti`, `Book.sizeStepCenti`: docs/venues-kalshi.md#k1-fractional,
 * docs/venues-polymarket-us.md#u-amounts), which planning aligns to. No dollar minimum.
 */
const CONTRACT_RULES: VenueOrderRules = {
  buySizing: 'contracts',
  minBuyCenti: (_asks, bookMinSizeCenti) => bookMinSizeCenti,
  buyProblem: () => null,
  sellProblem: () => null,
  minSellPriceMicros: () => 0,
};

/** Polymarket (international): buys spend dollars, and a marketable order is worth $1 at least. */
const POLYMARKET_RULES: VenueOrderRules = {
  buySizing: 'spend',
  // The market's share minimum binds resting orders only (docs/venues-polymarket.md#p5-minimums).
  minBuyCenti: (asks) => polymarketMinBuyCenti(asks),
  buyProblem: polymarketBuyProblem,
  sellProblem: polymarketSellProblem,
  minSellPriceMicros: polymarketMinSellPriceMicros,
};

const ORDER_RULES: Readonly<Record<VenueName, VenueOrderRules>> = {
  kalshi: CONTRACT_RULES,
  polymarket: POLYMARKET_RULES,
  'polymarket-us': CONTRACT_RULES,
};

/** The order rules of `venue`. */
export function orderRulesOf(venue: VenueName): VenueOrderRules {
  return ORDER_RULES[venue];
}
