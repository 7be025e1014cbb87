/**
 * The arbitrage planner (docs/planner.md): for a matched pair, every cross-venue
 * leg combination that covers both teams is priced by walking BOTH ask books together, level by
 * level, with each venue's fee; equal shares on both legs; the size maximises worst-case profit
 * over the resolution scenarios (lib/core/rules.ts) while each added slice still earns the
 * minimum ROI, within position, balance, minimum-size and staleness limits.
 *
 * Pure: no I/O, no clock (limits.nowMs is passed in), deterministic. Level order in the books
 * does not matter (ladders are sorted and merged). Between combinations the highest worst-case
 * profit wins; ties go to the higher ROI, then the lower cost, then the fixed combination order
 * (Polymarket side 0 before side 1; Kalshi YES before NO). The Polymarket side is either
 * Polymarket or Polymarket US (docs/adr/0010-venue-pairs.md): its instruments, fee rule and order
 * rules are that venue's.
 */

import type { Combo, ComboPricing, PricedSize } from './arb/combo';
import { combosOf, priceSize, toArbLeg } from './arb/combo';
import { buildLadder, type Ladder } from './arb/ladder';
import { chooseSize } from './arb/sizing';
import type { ArbEvaluation, ArbFees, ArbLimits, ArbPlan, ComboOutcome, ComboRefusal } from './arb/types';
import type { KalshiFeeRounding } from './fees';
import type { Book, GamePair } from './market';
import { instrumentKey } from './market';
import { assertInteger } from './money';
import { orderRulesOf } from './order-precision';
import type { RuleLeg } from './rules';
import { assessScenarios, DEFAULT_RULE_POLICY, ruleGate } from './rules';

export type {
  ArbEvaluation,
  ArbFees,
  ArbLeg,
  ArbLimits,
  ArbPlan,
  ComboOutcome,
  ComboRefusal,
  ScenarioPayoff,
} from './arb/types';

/**
 * The pair's own fee schedules: the Polymarket side's market fee (Polymarket's rate and exponent,
 * or Polymarket US's Θ) and Kalshi's series multiplier.
 */
export function arbFeesFor(pair: GamePair, kalshiRounding: KalshiFeeRounding = 'cent'): ArbFees {
  const pm = pair.polymarket;
  return {
    polymarket:
      pm.venue === 'polymarket'
        ? { ratePpm: pm.fee.ratePpm, exponent: pm.fee.exponent }
        : { venue: 'polymarket-us', takerThetaPpm: pm.takerThetaPpm },
    kalshi: { feeType: pair.kalshi.feeType, multiplierPpm: pair.kalshi.feeMultiplierPpm, rounding: kalshiRounding },
  };
}

function assertNonNegativeInteger(value: number, name: string): void {
  assertInteger(value, name);
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${value}`);
}

/** Whole-number exponents up to this are computed exactly (lib/core/fees.ts). */
const MAX_FEE_EXPONENT = 8;

/** Limits and fee rates are validated configuration: a bad value is a programming error, not "no trade". */
function validate(fees: ArbFees, limits: ArbLimits): void {
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

type ComboResult = { readonly kind: 'priced'; readonly combo: Combo; readonly priced: PricedSize } | ComboOutcome;

function planCombo(
  combo: Combo,
  books: ReadonlyMap<string, Book>,
  base: Omit<ComboPricing, 'ladders' | 'polymarketVenue'>,
): ComboResult {
  const refuse = (refusal: ComboRefusal): ComboOutcome => ({ combo: combo.label, refusal });
  const pmKey = instrumentKey(combo.polymarket.instrument);
  const kKey = instrumentKey(combo.kalshi.instrument);
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

  const polymarketVenue = combo.polymarket.instrument.venue;
  const pricing: ComboPricing = { ...base, polymarketVenue, ladders: { polymarket: pmLadder, kalshi: kLadder } };
  const cache = new Map<number, PricedSize>();
  const at = (size: number): PricedSize => {
    let p = cache.get(size);
    if (!p) {
      p = priceSize(pricing, size);
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
  return { kind: 'priced', combo, priced: at(result.point.sizeCenti) };
}

/** True when `a` is a strictly better plan than `b` (see the tie-break order above). */
function better(a: PricedSize, b: PricedSize): boolean {
  if (a.point.profitMicros !== b.point.profitMicros) return a.point.profitMicros > b.point.profitMicros;
  const aRoi = BigInt(a.point.profitMicros) * BigInt(b.point.costMicros);
  const bRoi = BigInt(b.point.profitMicros) * BigInt(a.point.costMicros);
  if (aRoi !== bRoi) return aRoi > bRoi;
  return a.point.costMicros < b.point.costMicros;
}

/** Like planArb, but says why there is no plan (for logs and the operator). */
export function evaluateArb(
  pair: GamePair,
  books: ReadonlyMap<string, Book>,
  fees: ArbFees,
  limits: ArbLimits,
): ArbEvaluation {
  validate(fees, limits);
  const policy = limits.rules ?? DEFAULT_RULE_POLICY;
  const gate = ruleGate(pair.league, policy, undefined, pair.polymarket.venue);
  if (!gate.tradeable) return { kind: 'none', reason: 'rules', gate };
  const pmFee = fees.polymarket;
  if (pmFee.venue !== 'polymarket-us') {
    const { exponent } = pmFee;
    if (!Number.isSafeInteger(exponent) || exponent < 0 || exponent > MAX_FEE_EXPONENT) {
      // Venue data (Gamma feeSchedule): a fractional exponent cannot be computed exactly.
      return { kind: 'none', reason: 'unsupported-fee', detail: `Polymarket fee exponent ${exponent}` };
    }
  }
  if ((pmFee.venue ?? 'polymarket') !== pair.polymarket.venue) {
    // A fee rule of the other Polymarket would price every leg wrong.
    throw new TypeError(
      `fees.polymarket is ${pmFee.venue ?? 'polymarket'}'s, the pair trades ${pair.polymarket.venue}`,
    );
  }
  if (pair.kalshiTieTicker !== null) {
    // A three-way Kalshi event means a tie pays neither team market: our two-leg cover would
    // not hold, whatever the league table says.
    return { kind: 'none', reason: 'unexpected-tie-market', detail: pair.kalshiTieTicker };
  }
  if (fees.kalshi.feeType === 'flat') {
    return { kind: 'none', reason: 'unsupported-fee', detail: 'Kalshi flat fee type has no published formula here' };
  }

  const outcomes: ComboOutcome[] = [];
  let best: { combo: Combo; priced: PricedSize } | null = null;
  for (const combo of combosOf(pair)) {
    const legs: RuleLeg[] = [
      { venue: combo.polymarket.instrument.venue, backsSide: combo.polymarket.backsSide },
      { venue: 'kalshi', backsSide: combo.kalshi.backsSide },
    ];
    const assessed = assessScenarios(pair.league, legs);
    const covered = assessed.filter((a) => gate.covered.includes(a.scenario));
    const tail = assessed.filter((a) => gate.tail.includes(a.scenario));
    const result = planCombo(combo, books, { covered, tail, fees, limits });
    if ('refusal' in result) outcomes.push(result);
    else if (!best || better(result.priced, best.priced)) best = result;
  }
  if (!best) return { kind: 'none', reason: 'no-edge', combos: outcomes };

  const { combo, priced } = best;
  const size = priced.point.sizeCenti;
  const [pmFill, kFill] = priced.legs;
  let worst = priced.covered[0]!;
  for (const s of priced.covered) if (s.profitMicros < worst.profitMicros) worst = s;
  const cost = priced.point.costMicros;
  const profit = priced.point.profitMicros;
  const plan: ArbPlan = {
    pairId: pair.id,
    legs: [toArbLeg(combo.polymarket, pmFill, size), toArbLeg(combo.kalshi, kFill, size)],
    sizeCenti: size,
    costMicros: cost,
    feeMicros: pmFill.feeMicros + kFill.feeMicros,
    worstCaseProfitMicros: profit,
    worstScenario: worst.scenario,
    roiPpm: Number((BigInt(profit) * 1_000_000n) / BigInt(cost)),
    roi: profit / cost,
    scenarios: priced.covered,
    tailScenarios: priced.tail,
    rulePolicy: policy,
  };
  return { kind: 'plan', plan };
}

/**
 * The best plan for this pair, or null when no combination clears the minimum ROI within the
 * limits, or the pair's resolution rules leave a scenario unhedged (docs/rules.md).
 */
export function planArb(
  pair: GamePair,
  books: ReadonlyMap<string, Book>,
  fees: ArbFees,
  limits: ArbLimits,
): ArbPlan | null {
  const result = evaluateArb(pair, books, fees, limits);
  return result.kind === 'plan' ? result.plan : null;
}
