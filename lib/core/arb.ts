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
import { combosOf, planOfPriced } from './arb/combo';
import {
  assertPolymarketFeeVenue,
  betterJoint,
  kalshiFeeProblem,
  polymarketFeeProblem,
  validateArbInputs,
  walkJoint,
} from './arb/joint';
import type { ArbEvaluation, ArbFees, ArbLimits, ArbPlan, ComboOutcome } from './arb/types';
import type { KalshiFeeRounding } from './fees';
import { TWO_TEAM_RULES } from './league-rules';
import type { Book, GamePair } from './market';
import type { RuleLeg } from './rules';
import { assessScenarios, DEFAULT_RULE_POLICY, ruleGate } from './rules';

export type {
  AnyArbPlan,
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

type ComboResult = { readonly kind: 'priced'; readonly combo: Combo; readonly priced: PricedSize } | ComboOutcome;

function planCombo(
  combo: Combo,
  books: ReadonlyMap<string, Book>,
  base: Omit<ComboPricing, 'ladders' | 'polymarketVenue'>,
): ComboResult {
  const result = walkJoint({ polymarket: combo.polymarket.instrument, kalshi: combo.kalshi.instrument }, books, base);
  if (result.kind === 'refused') return { combo: combo.label, refusal: result.refusal };
  return { kind: 'priced', combo, priced: result.priced };
}

/** Like planArb, but says why there is no plan (for logs and the operator). */
export function evaluateArb(
  pair: GamePair,
  books: ReadonlyMap<string, Book>,
  fees: ArbFees,
  limits: ArbLimits,
): ArbEvaluation {
  validateArbInputs(fees, limits);
  const policy = limits.rules ?? DEFAULT_RULE_POLICY;
  const gate = ruleGate(pair.league, policy, TWO_TEAM_RULES, pair.polymarket.venue);
  if (!gate.tradeable) return { kind: 'none', reason: 'rules', gate };
  const pmFeeProblem = polymarketFeeProblem(fees);
  if (pmFeeProblem) return { kind: 'none', reason: 'unsupported-fee', detail: pmFeeProblem };
  // A fee rule of the other Polymarket would price every leg wrong: a programming error.
  assertPolymarketFeeVenue(fees, pair.polymarket.venue);
  if (pair.kalshiTieTicker !== null) {
    // A three-way Kalshi event means a tie pays neither team market: our two-leg cover would
    // not hold, whatever the league table says.
    return { kind: 'none', reason: 'unexpected-tie-market', detail: pair.kalshiTieTicker };
  }
  const kFeeProblem = kalshiFeeProblem(fees);
  if (kFeeProblem) return { kind: 'none', reason: 'unsupported-fee', detail: kFeeProblem };

  const outcomes: ComboOutcome[] = [];
  let best: { combo: Combo; priced: PricedSize } | null = null;
  for (const combo of combosOf(pair)) {
    const legs: RuleLeg[] = [
      { venue: combo.polymarket.instrument.venue, backsSide: combo.polymarket.backsSide },
      { venue: 'kalshi', backsSide: combo.kalshi.backsSide },
    ];
    const assessed = assessScenarios(pair.league, legs, TWO_TEAM_RULES);
    const covered = assessed.filter((a) => gate.covered.includes(a.scenario));
    const tail = assessed.filter((a) => gate.tail.includes(a.scenario));
    const result = planCombo(combo, books, { covered, tail, fees, limits });
    if ('refusal' in result) outcomes.push(result);
    else if (!best || betterJoint(result.priced, best.priced)) best = result;
  }
  if (!best) return { kind: 'none', reason: 'no-edge', combos: outcomes };

  const { combo, priced } = best;
  const plan: ArbPlan = { pairId: pair.id, ...planOfPriced(priced, combo, policy) };
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
