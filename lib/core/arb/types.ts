/**
 * Inputs and output of the arbitrage planner (docs/planner.md).
 * Units per lib/core/money.ts: Micros, PriceMicros, Centishares; ROI as integer ppm.
 */
import type { KalshiFeeRounding } from '../fees';
import type { InstrumentRef, KalshiFeeType, Level, PairVenue, VenueName } from '../market';
import type { Centishares, Micros, PriceMicros } from '../money';
import type { RuleGate, RulePolicy, ScenarioId } from '../rules';

/** Polymarket's taker fee of one market: rate · C · (p(1−p))^exponent (lib/core/fees.ts polymarketOrderFee). */
export interface PolymarketArbFee {
  readonly venue?: 'polymarket';
  /** Taker rate in ppm of this market (0.05 → 50_000), never a constant. */
  readonly ratePpm: number;
  /** Whole-number exponent of p(1−p) (1 for sports). */
  readonly exponent: number;
}

/** Polymarket US's taker fee of one market: Θ · C · p(1−p), banker's cents (lib/core/fees.ts polymarketUsOrderFees). */
export interface PolymarketUsArbFee {
  readonly venue: 'polymarket-us';
  /** The market's taker Θ in ppm (0.0695 → 69_500). */
  readonly takerThetaPpm: number;
}

/** Fee parameters of the two venues for one pair (build them with `arbFeesFor(pair)`). */
export interface ArbFees {
  /** The Polymarket side's fee rule, by its venue (no `venue`: Polymarket international). */
  readonly polymarket: PolymarketArbFee | PolymarketUsArbFee;
  readonly kalshi: {
    readonly feeType: KalshiFeeType;
    /** Series fee multiplier in ppm (1.0 → 1_000_000). */
    readonly multiplierPpm: number;
    /** 'cent' for a non-direct member (default, conservative), 'centicent' for a direct member. */
    readonly rounding: KalshiFeeRounding;
  };
}

export interface ArbLimits {
  /** Minimum worst-case return on cost, in ppm (2% → 20_000); also the marginal rule's bar. */
  readonly minRoiPpm: number;
  /** Cap on the plan's total cost (both legs, notional + fees). */
  readonly maxPositionMicros: Micros;
  /** Money available on each venue; a leg's notional + fee must fit its venue's balance. */
  readonly balanceMicros: Readonly<Record<PairVenue, Micros>>;
  /** Our clock now and the oldest book snapshot we accept (books older are stale). */
  readonly nowMs: number;
  readonly maxBookAgeMs: number;
  /** Resolution-rule policy (lib/core/rules.ts); default refuses any bounded or unverified scenario. */
  readonly rules?: RulePolicy;
  /** Under rules.tail 'accept-bounded': the most a tail scenario may lose, in micros. */
  readonly maxTailLossMicros?: Micros;
}

/** One leg of a plan: a single FOK buy of `sizeCenti` at `limitPriceMicros`. */
export interface ArbLeg {
  readonly instrument: InstrumentRef;
  /** The instrument's venue (`pairVenueOf` gives its slot in the pair). */
  readonly venue: VenueName;
  /** The pair side (`pair.sides[i]`) whose win this leg pays on. */
  readonly backsSide: 0 | 1;
  /** The worst (highest) ask level used; the order's limit price. */
  readonly limitPriceMicros: PriceMicros;
  readonly sizeCenti: Centishares;
  /** Σ price × size over the levels used (what is paid before fees). */
  readonly notionalMicros: Micros;
  readonly feeMicros: Micros;
  /** notional + fee: what this leg takes from its venue's balance. */
  readonly costMicros: Micros;
  /** The part of each ask level this leg takes, best first. */
  readonly levels: readonly Level[];
}

/** What the plan earns in one scenario, at the least favourable payout the rules allow. */
export interface ScenarioPayoff<S extends string = ScenarioId> {
  readonly scenario: S;
  /** Lowest total payout of both legs in this scenario. */
  readonly payoutMicros: Micros;
  /** payoutMicros − total cost. */
  readonly profitMicros: Micros;
  /** The payout is a single known amount (not a range such as a Kalshi fair price). */
  readonly exact: boolean;
}

/**
 * A two-leg plan. `S` names its scenarios: the two-team planner's `ScenarioId`, or an outcome
 * plan's scenario ids (`outcome:<key>`, `postponed`, …; lib/core/outcome-arb.ts `toArbPlan`).
 * The engine takes either (`AnyArbPlan`).
 */
export interface ArbPlan<S extends string = ScenarioId> {
  readonly pairId: string;
  /** [Polymarket leg, Kalshi leg]; both have the same sizeCenti. */
  readonly legs: readonly [ArbLeg, ArbLeg];
  readonly sizeCenti: Centishares;
  /** Both legs, notional + fees. */
  readonly costMicros: Micros;
  readonly feeMicros: Micros;
  /** Minimum over `scenarios` (the covered ones); always > 0 in a plan. */
  readonly worstCaseProfitMicros: Micros;
  readonly worstScenario: S;
  /** worstCaseProfit / cost in ppm, floored. */
  readonly roiPpm: number;
  /** The same ratio as a float, for display only. */
  readonly roi: number;
  /** Every scenario the worst case covers (exact payouts). */
  readonly scenarios: readonly ScenarioPayoff<S>[];
  /**
   * Scenarios NOT covered by the worst case, only under rules.tail 'accept-bounded': each with
   * its lowest possible profit (usually a loss). Empty under the default policy.
   */
  readonly tailScenarios: readonly ScenarioPayoff<S>[];
  readonly rulePolicy: RulePolicy;
}

/** A plan of either planner, as the engine trades it. */
export type AnyArbPlan = ArbPlan<string>;

/** Why one leg combination gave no plan. */
export type ComboRefusal =
  | 'missing-book'
  | 'stale-book'
  | 'invalid-book'
  | 'below-min-size'
  | 'below-min-roi'
  | 'limits';

export interface ComboOutcome {
  /** e.g. `polymarket:side0 + kalshi:<ticker>:no` (`polymarket` is the pair's Polymarket side, either venue). */
  readonly combo: string;
  readonly refusal: ComboRefusal;
}

export type ArbEvaluation =
  | { readonly kind: 'plan'; readonly plan: ArbPlan }
  | { readonly kind: 'none'; readonly reason: 'rules'; readonly gate: Extract<RuleGate, { tradeable: false }> }
  | { readonly kind: 'none'; readonly reason: 'unsupported-fee'; readonly detail: string }
  | { readonly kind: 'none'; readonly reason: 'unexpected-tie-market'; readonly detail: string }
  | { readonly kind: 'none'; readonly reason: 'no-edge'; readonly combos: readonly ComboOutcome[] };
