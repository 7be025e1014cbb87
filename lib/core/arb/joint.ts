/**
 * The joint depth walk of ONE two-leg cover (docs/planner.md §2–4), shared by the two-team
 * planner (lib/core/arb.ts) and the outcome-market planner (lib/core/outcome-arb.ts): look up
 * and check both books, build both ladders, price both legs together at any size, and let the
 * sizer (./sizing.ts) choose the size. A cover is always one Polymarket leg and one Kalshi leg
 * with equal shares; what each scenario pays them is given by the caller as `LegPayout`s
 * (lib/core/rules.ts), so this file knows nothing about teams, outcomes or leagues.
 */
import type { Book, InstrumentRef, PolymarketSideVenue, VenueName } from '../market';
import { instrumentKey } from '../market';
import type { Centishares, Micros } from '../money';
import { assertInteger, divRound } from '../money';
import { orderRulesOf } from '../order-precision';
import type { LegPayout } from '../rules';
import type { Ladder, LegFill } from './ladder';
import { buildLadder, EXACT_SCALE, fillLeg } from './ladder';
import type { SizePoint } from './sizing';
import { chooseSize } from './sizing';
import type { ArbFees, ArbLimits, ComboRefusal } from './types';

/** One scenario as the walk sees it: what each leg pays per share, legs in the order [polymarket, kalshi]. */
export interface JointScenario<S extends string = string> {
  readonly scenario: S;
  readonly payouts: readonly LegPayout[];
  /** Every leg's payout is a single known amount (or a refund). */
  readonly exact: boolean;
}

/** What the cover earns in one scenario at the least favourable payout the rules allow. */
export interface JointPayoff<S extends string = string> {
  readonly scenario: S;
  /** Lowest total payout of both legs in this scenario. */
  readonly payoutMicros: Micros;
  /** payoutMicros − total cost. */
  readonly profitMicros: Micros;
  readonly exact: boolean;
}

export interface JointPricing<S extends string = string> {
  readonly ladders: { readonly polymarket: Ladder; readonly kalshi: Ladder };
  /** The venue of the Polymarket-side leg's instrument (Polymarket or Polymarket US): its fee is that venue's. */
  readonly polymarketVenue: VenueName;
  /** Scenarios the worst case covers, and tail scenarios only reported (and capped by the tail-loss limit). */
  readonly covered: readonly JointScenario<S>[];
  readonly tail: readonly JointScenario<S>[];
  readonly fees: ArbFees;
  readonly limits: ArbLimits;
}

export interface JointPriced<S extends string = string> {
  readonly point: SizePoint;
  /** [Polymarket fill, Kalshi fill]. */
  readonly legs: readonly [LegFill, LegFill];
  readonly covered: readonly JointPayoff<S>[];
  readonly tail: readonly JointPayoff<S>[];
}

/** `sizeCenti` shares at `micros` each, floored (a payout is never overstated). */
function perShare(micros: number, sizeCenti: Centishares): Micros {
  return divRound(BigInt(micros) * BigInt(sizeCenti), 100, 'floor');
}

/** Lowest payout of both legs in one scenario for `sizeCenti` shares each. */
function scenarioPayout(payouts: readonly LegPayout[], legs: readonly LegFill[], sizeCenti: Centishares): Micros {
  let total = 0;
  payouts.forEach((p, i) => {
    if (p.kind === 'refund') total += legs[i]!.notionalMicros;
    else if (p.kind === 'per-share') total += perShare(p.minMicros, sizeCenti);
    else throw new Error('unknown payout reached the planner'); // the rule gates refuse these first
  });
  return total;
}

/** Both legs bought at `sizeCenti` shares each: costs, every scenario, limits. */
export function priceJoint<S extends string>(pricing: JointPricing<S>, sizeCenti: Centishares): JointPriced<S> {
  const pm = fillLeg(pricing.polymarketVenue, pricing.ladders.polymarket, sizeCenti, pricing.fees);
  const k = fillLeg('kalshi', pricing.ladders.kalshi, sizeCenti, pricing.fees);
  const legs = [pm, k] as const;
  const cost = pm.costMicros + k.costMicros;
  const exactCost = pm.exactCost + k.exactCost;
  const payoff = (a: JointScenario<S>): JointPayoff<S> & { exactProfit: bigint } => {
    const payout = scenarioPayout(a.payouts, legs, sizeCenti);
    return {
      scenario: a.scenario,
      payoutMicros: payout,
      profitMicros: payout - cost,
      exact: a.exact,
      exactProfit: BigInt(payout) * EXACT_SCALE - exactCost,
    };
  };
  const coveredFull = pricing.covered.map(payoff);
  const tailFull = pricing.tail.map(payoff);
  let worst = coveredFull[0]!;
  for (const c of coveredFull) if (c.profitMicros < worst.profitMicros) worst = c;
  let worstExact = coveredFull[0]!.exactProfit;
  for (const c of coveredFull) if (c.exactProfit < worstExact) worstExact = c.exactProfit;

  const { limits } = pricing;
  const maxTailLoss = limits.maxTailLossMicros;
  const withinLimits =
    cost <= limits.maxPositionMicros &&
    pm.costMicros <= limits.balanceMicros.polymarket &&
    k.costMicros <= limits.balanceMicros.kalshi &&
    (maxTailLoss === undefined || tailFull.every((t) => -t.profitMicros <= maxTailLoss));

  const strip = ({ scenario, payoutMicros: p, profitMicros, exact }: JointPayoff<S>): JointPayoff<S> => ({
    scenario,
    payoutMicros: p,
    profitMicros,
    exact,
  });
  return {
    point: {
      sizeCenti,
      costMicros: cost,
      profitMicros: worst.profitMicros,
      exactCost,
      exactProfit: worstExact,
      withinLimits,
    },
    legs,
    covered: coveredFull.map(strip),
    tail: tailFull.map(strip),
  };
}

export type JointResult<S extends string = string> =
  | { readonly kind: 'priced'; readonly priced: JointPriced<S> }
  | { readonly kind: 'refused'; readonly refusal: ComboRefusal };

/**
 * The best size of one cover (Polymarket-side instrument, of Polymarket or Polymarket US, +
 * Kalshi instrument), or why there is none: a missing, mismatched, stale or malformed book, or
 * the sizer's refusal. The Polymarket-side leg is priced with its instrument's venue's fee.
 */
export function walkJoint<S extends string>(
  instruments: { readonly polymarket: InstrumentRef; readonly kalshi: InstrumentRef },
  books: ReadonlyMap<string, Book>,
  base: Omit<JointPricing<S>, 'ladders' | 'polymarketVenue'>,
): JointResult<S> {
  const refuse = (refusal: ComboRefusal): JointResult<S> => ({ kind: 'refused', refusal });
  const pmKey = instrumentKey(instruments.polymarket);
  const kKey = instrumentKey(instruments.kalshi);
  const pmBook = books.get(pmKey);
  const kBook = books.get(kKey);
  if (!pmBook || !kBook) return refuse('missing-book');
  if (instrumentKey(pmBook.instrument) !== pmKey || instrumentKey(kBook.instrument) !== kKey)
    return refuse('invalid-book');
  const oldest = base.limits.nowMs - base.limits.maxBookAgeMs;
  if (pmBook.observedAtMs < oldest || kBook.observedAtMs < oldest) return refuse('stale-book');
  const pmLadder = buildLadder(pmBook);
  const kLadder = buildLadder(kBook);
  if (!pmLadder || !kLadder) return refuse('invalid-book');

  const polymarketVenue = instruments.polymarket.venue;
  const pricing: JointPricing<S> = { ...base, polymarketVenue, ladders: { polymarket: pmLadder, kalshi: kLadder } };
  const cache = new Map<number, JointPriced<S>>();
  const at = (size: number): JointPriced<S> => {
    let p = cache.get(size);
    if (!p) {
      p = priceJoint(pricing, size);
      cache.set(size, p);
    }
    return p;
  };
  const minBuy = (book: Book, ladder: Ladder) =>
    orderRulesOf(book.instrument.venue).minBuyCenti(ladder.levels, book.minSizeCenti) ?? Number.MAX_SAFE_INTEGER;
  const result = chooseSize({
    // Each venue's smallest marketable buy: a Polymarket FOK/FAK buy must spend $1 (the market's
    // share minimum binds resting orders only: docs/venues-polymarket.md#p5-minimums); Kalshi and
    // Polymarket US take their book's minimum size.
    minSizeCenti: Math.max(minBuy(pmBook, pmLadder), minBuy(kBook, kLadder)),
    maxSizeCenti: Math.min(pmLadder.totalCenti, kLadder.totalCenti),
    boundaries: [...pmLadder.cumulative, ...kLadder.cumulative],
    minRoiPpm: base.limits.minRoiPpm,
    evaluate: (size) => at(size).point,
  });
  if (result.kind === 'refused') return refuse(result.refusal);
  return { kind: 'priced', priced: at(result.point.sizeCenti) };
}

/**
 * True when `a` is a strictly better plan than `b`: higher worst-case profit, then higher ROI,
 * then lower cost. Equal on all three → false (the earlier cover in the caller's order stays).
 */
export function betterJoint(a: JointPriced, b: JointPriced): boolean {
  if (a.point.profitMicros !== b.point.profitMicros) return a.point.profitMicros > b.point.profitMicros;
  const aRoi = BigInt(a.point.profitMicros) * BigInt(b.point.costMicros);
  const bRoi = BigInt(b.point.profitMicros) * BigInt(a.point.costMicros);
  if (aRoi !== bRoi) return aRoi > bRoi;
  return a.point.costMicros < b.point.costMicros;
}

function assertNonNegativeInteger(value: number, name: string): void {
  assertInteger(value, name);
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${value}`);
}

/** Whole-number exponents up to this are computed exactly (lib/core/fees.ts). */
const MAX_FEE_EXPONENT = 8;

/** Limits and fee rates are validated configuration: a bad value is a programming error, not "no trade". */
export function validateArbInputs(fees: ArbFees, limits: ArbLimits): void {
  assertNonNegativeInteger(limits.minRoiPpm, 'limits.minRoiPpm');
  assertNonNegativeInteger(limits.maxPositionMicros, 'limits.maxPositionMicros');
  assertNonNegativeInteger(limits.balanceMicros.polymarket, 'limits.balanceMicros.polymarket');
  assertNonNegativeInteger(limits.balanceMicros.kalshi, 'limits.balanceMicros.kalshi');
  assertInteger(limits.nowMs, 'limits.nowMs');
  assertNonNegativeInteger(limits.maxBookAgeMs, 'limits.maxBookAgeMs');
  if (limits.maxTailLossMicros !== undefined)
    assertNonNegativeInteger(limits.maxTailLossMicros, 'limits.maxTailLossMicros');
  if (fees.polymarket.venue === 'polymarket-us')
    assertNonNegativeInteger(fees.polymarket.takerThetaPpm, 'fees.polymarket.takerThetaPpm');
  else assertNonNegativeInteger(fees.polymarket.ratePpm, 'fees.polymarket.ratePpm');
  assertNonNegativeInteger(fees.kalshi.multiplierPpm, 'fees.kalshi.multiplierPpm');
}

/**
 * Why the Polymarket-side fee of this market cannot be computed exactly, or null when it can.
 * Only Polymarket (international) has an exponent; Polymarket US's Θ rule has none.
 */
export function polymarketFeeProblem(fees: ArbFees): string | null {
  const pmFee = fees.polymarket;
  if (pmFee.venue === 'polymarket-us') return null;
  const { exponent } = pmFee;
  // Venue data (Gamma feeSchedule): a fractional exponent cannot be computed exactly.
  if (!Number.isSafeInteger(exponent) || exponent < 0 || exponent > MAX_FEE_EXPONENT)
    return `Polymarket fee exponent ${exponent}`;
  return null;
}

/**
 * Throws unless `fees.polymarket` is the fee rule of `venue`, the venue the Polymarket side
 * trades (no `venue` in the rule: Polymarket international): a fee rule of the other Polymarket
 * would price every leg wrong. A programming error, not "no trade".
 */
export function assertPolymarketFeeVenue(fees: ArbFees, venue: PolymarketSideVenue): void {
  const feeVenue = fees.polymarket.venue ?? 'polymarket';
  if (feeVenue !== venue) throw new TypeError(`fees.polymarket is ${feeVenue}'s, the pair trades ${venue}`);
}

/** Why the Kalshi fee of this series cannot be computed, or null when it can. */
export function kalshiFeeProblem(fees: ArbFees): string | null {
  return fees.kalshi.feeType === 'flat' ? 'Kalshi flat fee type has no published formula here' : null;
}
