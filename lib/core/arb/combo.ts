/**
 * One leg combination of a pair: a Polymarket-side instrument (an outcome token, or a Polymarket
 * US market side) plus a Kalshi instrument that pays on the OTHER team (that team's YES, or this
 * team's NO). Prices both legs together at any
 * size and turns the chosen size into legs and scenario payoffs.
 */
import type { GamePair, InstrumentRef, VenueName } from '../market';
import type { Centishares, Micros } from '../money';
import { divRound } from '../money';
import type { LegPayout, ScenarioAssessment } from '../rules';
import type { Ladder, LegFill } from './ladder';
import { EXACT_SCALE, fillLeg } from './ladder';
import type { SizePoint } from './sizing';
import type { ArbFees, ArbLeg, ArbLimits, ScenarioPayoff } from './types';

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

/** Lowest payout of both legs in one scenario for `sizeCenti` shares each. */
function scenarioPayout(payouts: readonly LegPayout[], legs: readonly LegFill[], sizeCenti: Centishares): Micros {
  let total = 0;
  payouts.forEach((p, i) => {
    if (p.kind === 'refund') total += legs[i]!.notionalMicros;
    else if (p.kind === 'per-share') total += perShare(p.minMicros, sizeCenti);
    else throw new Error('unknown payout reached the planner'); // ruleGate refuses these first
  });
  return total;
}

/** `sizeCenti` shares at `micros` each, floored (a payout is never overstated). */
function perShare(micros: number, sizeCenti: Centishares): Micros {
  return divRound(BigInt(micros) * BigInt(sizeCenti), 100, 'floor');
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

/** Both legs bought at `sizeCenti` shares each: costs, every scenario, limits. */
export function priceSize(pricing: ComboPricing, sizeCenti: Centishares): PricedSize {
  const pm = fillLeg(pricing.polymarketVenue, pricing.ladders.polymarket, sizeCenti, pricing.fees);
  const k = fillLeg('kalshi', pricing.ladders.kalshi, sizeCenti, pricing.fees);
  const legs = [pm, k] as const;
  const cost = pm.costMicros + k.costMicros;
  const exactCost = pm.exactCost + k.exactCost;
  const payoff = (a: ScenarioAssessment): ScenarioPayoff & { exactProfit: bigint } => {
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

  const strip = ({ scenario, payoutMicros: p, profitMicros, exact }: ScenarioPayoff): ScenarioPayoff => ({
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

export function toArbLeg(
  side: { readonly instrument: InstrumentRef; readonly backsSide: 0 | 1 },
  fill: LegFill,
  sizeCenti: Centishares,
): ArbLeg {
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
