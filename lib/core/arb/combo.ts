/**
 * One leg combination of a pair: a Polymarket-side instrument (an outcome token, or a Polymarket
 * US market side) plus a Kalshi instrument that pays on the OTHER team (that team's YES, or this
 * team's NO). Prices both legs together at any
 * size and turns the chosen size into legs and scenario payoffs.
 */
import type { GamePair, InstrumentRef, VenueName } from '../market';
import type { Centishares } from '../money';
import type { RulePolicy, ScenarioAssessment } from '../rules';
import { type JointPriced, priceJoint } from './joint';
import type { Ladder, LegFill } from './ladder';
import type { SizePoint } from './sizing';
import type { ArbFees, ArbLeg, ArbLimits, ArbPlan, ScenarioPayoff } from './types';

export interface Combo {
  /** Stable label, also the tie-break order: `polymarket:side0 + kalshi:<ticker>:yes`. */
  readonly label: string;
  readonly polymarket: { readonly instrument: InstrumentRef; readonly backsSide: 0 | 1 };
  readonly kalshi: { readonly instrument: InstrumentRef; readonly backsSide: 0 | 1 };
}

/** The four cross-venue combinations that cover both teams, in a fixed order. */
export function combosOf(pair: GamePair): Combo[] {
  const combos: Combo[] = [];
  for (const side of [0, 1] as const) {
    const other = side === 0 ? 1 : 0;
    const polymarket: InstrumentRef = pair.sides[side].polymarket;
    // The other team's YES, or this team's NO: both pay when `other` wins.
    const kalshiChoices = [
      { ticker: pair.sides[other].kalshiTicker, side: 'yes' },
      { ticker: pair.sides[side].kalshiTicker, side: 'no' },
    ] as const;
    for (const { ticker, side: kSide } of kalshiChoices) {
      const k: InstrumentRef = { venue: 'kalshi', ticker, side: kSide };
      combos.push({
        label: `polymarket:side${side} + kalshi:${ticker}:${kSide}`,
        polymarket: { instrument: polymarket, backsSide: side },
        kalshi: { instrument: k, backsSide: other },
      });
    }
  }
  return combos;
}

export interface PricedSize {
  readonly point: SizePoint;
  readonly legs: readonly [LegFill, LegFill];
  readonly covered: readonly ScenarioPayoff[];
  readonly tail: readonly ScenarioPayoff[];
}

export interface ComboPricing {
  readonly ladders: { readonly polymarket: Ladder; readonly kalshi: Ladder };
  /** The venue of the Polymarket-side leg's instrument: its fee is that venue's. */
  readonly polymarketVenue: VenueName;
  /** Scenario assessments with legs in the order [polymarket, kalshi]. */
  readonly covered: readonly ScenarioAssessment[];
  readonly tail: readonly ScenarioAssessment[];
  readonly fees: ArbFees;
  readonly limits: ArbLimits;
}

/** Both legs bought at `sizeCenti` shares each: costs, every scenario, limits (./joint.ts). */
export function priceSize(pricing: ComboPricing, sizeCenti: Centishares): PricedSize {
  return priceJoint(pricing, sizeCenti);
}

/**
 * A plan from the priced size of one two-leg cover, less the id its planner adds: both legs,
 * cost, fees, the worst covered scenario, ROI, and the scenarios (lib/core/arb.ts and
 * lib/core/outcome-arb.ts build theirs with it).
 */
export function planOfPriced<S extends string>(
  priced: JointPriced<S>,
  sides: { readonly polymarket: TradedSide; readonly kalshi: TradedSide },
  rulePolicy: RulePolicy,
): Omit<ArbPlan<S>, 'pairId'> {
  const size = priced.point.sizeCenti;
  const [pmFill, kFill] = priced.legs;
  let worst = priced.covered[0]!;
  for (const s of priced.covered) if (s.profitMicros < worst.profitMicros) worst = s;
  const cost = priced.point.costMicros;
  const profit = priced.point.profitMicros;
  return {
    legs: [toArbLeg(sides.polymarket, pmFill, size), toArbLeg(sides.kalshi, kFill, size)],
    sizeCenti: size,
    costMicros: cost,
    feeMicros: pmFill.feeMicros + kFill.feeMicros,
    worstCaseProfitMicros: profit,
    worstScenario: worst.scenario,
    roiPpm: Number((BigInt(profit) * 1_000_000n) / BigInt(cost)),
    roi: profit / cost,
    scenarios: priced.covered,
    tailScenarios: priced.tail,
    rulePolicy,
  };
}

/** One leg of a cover: its instrument and the side (team, or YES/NO) it pays on. */
type TradedSide = { readonly instrument: InstrumentRef; readonly backsSide: 0 | 1 };

export function toArbLeg(side: TradedSide, fill: LegFill, sizeCenti: Centishares): ArbLeg {
  return {
    instrument: side.instrument,
    venue: side.instrument.venue,
    backsSide: side.backsSide,
    limitPriceMicros: fill.limitPriceMicros,
    sizeCenti,
    notionalMicros: fill.notionalMicros,
    feeMicros: fill.feeMicros,
    costMicros: fill.costMicros,
    levels: fill.levels,
  };
}
