/**
 * The outcome-market planner (docs/planner.md#outcome-markets): for a game whose outcomes are each
 * a binary market on both venues (soccer: home, draw, away; also a two-player match written as
 * two outcomes), every outcome is covered across venues by YES on one venue and NO on the other:
 * still exactly TWO legs with equal shares, so admission, execution, unwind and settlement keep
 * the two-leg lifecycle. Both directions are tried per outcome (Kalshi YES + Polymarket NO, Kalshi
 * NO + Polymarket YES); each is walked and sized by the same joint depth walk as the two-team
 * planner (lib/core/arb/joint.ts) against the scenarios of the outcome rules
 * (lib/core/rules.ts, per league in lib/core/league-rules.ts). Covers of three legs (buying
 * every outcome) are out of scope (docs/adr/0012-three-way-markets.md).
 *
 * Pure and deterministic. Between covers the highest worst-case profit wins; ties go to the
 * higher ROI, then the lower cost, then the order of `game.outcomes` with Kalshi YES first.
 */
import { planOfPriced } from './arb/combo';
import type { JointPayoff, JointPriced, JointScenario } from './arb/joint';
import {
  assertPolymarketFeeVenue,
  betterJoint,
  kalshiFeeProblem,
  polymarketFeeProblem,
  validateArbInputs,
  walkJoint,
} from './arb/joint';
import type { AnyArbPlan, ArbFees, ArbLeg, ArbLimits, ComboOutcome } from './arb/types';
import type { KalshiFeeRounding } from './fees';
import type {
  Book,
  GamePair,
  KalshiFeeType,
  KalshiGame,
  KalshiInstrumentRef,
  League,
  PolymarketInstrumentRef,
  PolymarketOutcomeEvent,
  TeamRef,
} from './market';
import type { Centishares, Micros } from './money';
import type { OutcomeLeg, OutcomeRef, OutcomeRuleGate, OutcomeRules, RulePolicy } from './rules';
import { assessOutcomeLegs, DEFAULT_RULE_POLICY, outcomeRuleGate } from './rules';

/** One listed outcome with its market on each venue (YES = this outcome happens). */
export interface OutcomeMarkets extends OutcomeRef {
  /** The Kalshi market whose YES means this outcome (`…-TIE` for a soccer draw). */
  readonly kalshiTicker: string;
  /**
   * The Polymarket tokens that pay when the outcome happens (YES) and when it does not (NO).
   * For a soccer game each outcome is its own market of a negRisk event; a two-player match
   * listed as ONE market gives outcome A the tokens [A, B] and outcome B the tokens [B, A].
   */
  readonly polymarket: { readonly conditionId: string; readonly yesTokenId: string; readonly noTokenId: string };
  /** That Polymarket market's fee schedule (Gamma `feeSchedule`: per market, never a constant). */
  readonly polymarketFee: { readonly ratePpm: number; readonly exponent: number };
}

/** The same game on both venues, outcome by outcome. */
export interface OutcomeGamePair {
  /** Deterministic id, e.g. `<league>:<polymarket event>:<kalshi event ticker>`. */
  readonly id: string;
  /** Catalogue league id (lib/core/leagues.ts); the rules are passed to the planner. */
  readonly league: string;
  /** Every outcome of the event, each once: the outcomes must be exhaustive and exclusive. */
  readonly outcomes: readonly OutcomeMarkets[];
  /** The Kalshi series fee (`fee_type`, `fee_multiplier`). */
  readonly kalshiFee: { readonly feeType: KalshiFeeType; readonly multiplierPpm: number };
}

/**
 * A matched three-way game as the engine trades it (lib/core/match/outcomes.ts builds it): the
 * planner's input, the two venues' listings, and how to name each outcome. Each plan on it is
 * still ONE two-leg cover (YES on one venue, NO on the other), so admission, execution, unwind
 * and settlement are the two-team pair's (docs/adr/0012-three-way-markets.md).
 */
export interface OutcomePair {
  readonly kind: 'outcome';
  /** `game.id`: `<league>:<polymarket event slug>:<kalshi event ticker>`. */
  readonly id: string;
  readonly league: League;
  readonly game: OutcomeGamePair;
  readonly polymarket: PolymarketOutcomeEvent;
  readonly kalshi: KalshiGame;
  /** The home and away clubs, home first (both venues list home first: docs/leagues.md). */
  readonly home: TeamRef;
  readonly away: TeamRef;
  /** Display name of each outcome key ("Chelsea", "Draw"). */
  readonly names: Readonly<Record<string, string>>;
}

/** What the engine trades: a two-team pair (lib/core/arb.ts) or a three-way game (this planner). */
export type TradePair = GamePair | OutcomePair;

export function isOutcomePair(pair: TradePair): pair is OutcomePair {
  return 'kind' in pair && pair.kind === 'outcome';
}

/** Per outcome (in `game.outcomes` order), the fees of its two markets. */
export function outcomeFeesFor(game: OutcomeGamePair, kalshiRounding: KalshiFeeRounding = 'cent'): ArbFees[] {
  return game.outcomes.map((o) => ({
    polymarket: { ratePpm: o.polymarketFee.ratePpm, exponent: o.polymarketFee.exponent },
    kalshi: { feeType: game.kalshiFee.feeType, multiplierPpm: game.kalshiFee.multiplierPpm, rounding: kalshiRounding },
  }));
}

export type OutcomeDirection = 'kalshi-yes' | 'kalshi-no';

export interface OutcomePlan {
  readonly gameId: string;
  /** The outcome covered. */
  readonly outcome: string;
  /** Kalshi YES + Polymarket NO, or Kalshi NO + Polymarket YES. */
  readonly direction: OutcomeDirection;
  /**
   * [Polymarket leg, Kalshi leg], equal shares. `backsSide` 0 marks the leg that pays when the
   * outcome happens (the YES leg), 1 the leg that pays when it does not (the NO leg).
   */
  readonly legs: readonly [ArbLeg, ArbLeg];
  readonly sizeCenti: Centishares;
  readonly costMicros: Micros;
  readonly feeMicros: Micros;
  /** Minimum over `scenarios`; always > 0 in a plan. */
  readonly worstCaseProfitMicros: Micros;
  readonly worstScenario: string;
  readonly roiPpm: number;
  /** Display only. */
  readonly roi: number;
  /** Every covered scenario (every outcome decided, and the exact events). */
  readonly scenarios: readonly JointPayoff[];
  /** Bounded scenarios reported, not hedged (rules.tail 'accept-bounded' only). */
  readonly tailScenarios: readonly JointPayoff[];
  readonly rulePolicy: RulePolicy;
}

export type OutcomeEvaluation =
  | { readonly kind: 'plan'; readonly plan: OutcomePlan }
  | { readonly kind: 'none'; readonly reason: 'invalid-game'; readonly detail: string }
  | { readonly kind: 'none'; readonly reason: 'rules'; readonly gate: Extract<OutcomeRuleGate, { tradeable: false }> }
  | { readonly kind: 'none'; readonly reason: 'unsupported-fee'; readonly detail: string }
  | { readonly kind: 'none'; readonly reason: 'no-edge'; readonly covers: readonly ComboOutcome[] };

/** Why the game's outcome list cannot be planned, or null. */
function gameProblem(game: OutcomeGamePair): string | null {
  const { outcomes } = game;
  if (outcomes.filter((o) => o.kind === 'participant').length < 2) return 'fewer than two participants';
  if (outcomes.filter((o) => o.kind === 'draw').length > 1) return 'more than one draw outcome';
  if (new Set(outcomes.map((o) => o.key)).size !== outcomes.length) return 'repeated outcome key';
  if (new Set(outcomes.map((o) => o.kalshiTicker)).size !== outcomes.length) return 'repeated Kalshi ticker';
  const same = outcomes.find((o) => o.polymarket.yesTokenId === o.polymarket.noTokenId);
  if (same) return `outcome ${same.key}: the same Polymarket token pays YES and NO`;
  return null;
}

interface Cover {
  readonly label: string;
  readonly outcome: OutcomeMarkets;
  readonly direction: OutcomeDirection;
  readonly polymarket: { readonly instrument: PolymarketInstrumentRef; readonly backsSide: 0 | 1 };
  readonly kalshi: { readonly instrument: KalshiInstrumentRef; readonly backsSide: 0 | 1 };
  readonly legs: readonly OutcomeLeg[];
}

/** The two covers of one outcome, Kalshi YES first. */
function coversOf(outcome: OutcomeMarkets): Cover[] {
  const pm = (side: 'yes' | 'no'): PolymarketInstrumentRef => ({
    venue: 'polymarket',
    conditionId: outcome.polymarket.conditionId,
    tokenId: side === 'yes' ? outcome.polymarket.yesTokenId : outcome.polymarket.noTokenId,
  });
  return (['yes', 'no'] as const).map((kSide): Cover => {
    const pmSide = kSide === 'yes' ? 'no' : 'yes';
    const backs = (side: 'yes' | 'no'): 0 | 1 => (side === 'yes' ? 0 : 1);
    return {
      label: `outcome:${outcome.key} kalshi:${outcome.kalshiTicker}:${kSide} + polymarket:${pmSide}`,
      outcome,
      direction: kSide === 'yes' ? 'kalshi-yes' : 'kalshi-no',
      polymarket: { instrument: pm(pmSide), backsSide: backs(pmSide) },
      kalshi: { instrument: { venue: 'kalshi', ticker: outcome.kalshiTicker, side: kSide }, backsSide: backs(kSide) },
      legs: [
        { venue: 'polymarket', outcome: outcome.key, side: pmSide },
        { venue: 'kalshi', outcome: outcome.key, side: kSide },
      ],
    };
  });
}

/** Like planOutcomeArb, but says why there is no plan. */
export function evaluateOutcomeArb(
  game: OutcomeGamePair,
  books: ReadonlyMap<string, Book>,
  fees: readonly ArbFees[],
  limits: ArbLimits,
  rules: OutcomeRules,
): OutcomeEvaluation {
  if (fees.length !== game.outcomes.length)
    throw new RangeError(`fees: one entry per outcome expected, got ${fees.length} for ${game.outcomes.length}`);
  for (const f of fees) validateArbInputs(f, limits);
  const problem = gameProblem(game);
  if (problem) return { kind: 'none', reason: 'invalid-game', detail: problem };
  const policy = limits.rules ?? DEFAULT_RULE_POLICY;
  const gate = outcomeRuleGate(game.outcomes, rules, policy);
  if (!gate.tradeable) return { kind: 'none', reason: 'rules', gate };
  for (const f of fees) {
    const feeProblem = polymarketFeeProblem(f) ?? kalshiFeeProblem(f);
    if (feeProblem) return { kind: 'none', reason: 'unsupported-fee', detail: feeProblem };
    // Outcome markets are Polymarket (international) tokens: a Polymarket US fee rule is a programming error.
    assertPolymarketFeeVenue(f, 'polymarket');
  }

  const refused: ComboOutcome[] = [];
  let best: { cover: Cover; priced: JointPriced } | null = null;
  for (const [i, outcome] of game.outcomes.entries()) {
    for (const cover of coversOf(outcome)) {
      const assessed = assessOutcomeLegs(game.outcomes, rules, cover.legs);
      const pick = (ids: readonly string[]): JointScenario[] => assessed.filter((a) => ids.includes(a.scenario));
      const instruments = { polymarket: cover.polymarket.instrument, kalshi: cover.kalshi.instrument };
      const result = walkJoint(instruments, books, {
        covered: pick(gate.covered),
        tail: pick(gate.tail),
        fees: fees[i]!,
        limits,
      });
      if (result.kind === 'refused') refused.push({ combo: cover.label, refusal: result.refusal });
      else if (!best || betterJoint(result.priced, best.priced)) best = { cover, priced: result.priced };
    }
  }
  if (!best) return { kind: 'none', reason: 'no-edge', covers: refused };

  const { cover, priced } = best;
  return {
    kind: 'plan',
    plan: {
      gameId: game.id,
      outcome: cover.outcome.key,
      direction: cover.direction,
      ...planOfPriced(priced, cover, policy),
    },
  };
}

/**
 * The plan in the two-team planner's shape (lib/core/arb.ts `ArbPlan`), which is what risk,
 * admission and execution take: the same two legs, size, cost and scenarios, under the pair's id.
 */
export function toArbPlan(plan: OutcomePlan): AnyArbPlan {
  const { gameId, outcome: _outcome, direction: _direction, ...rest } = plan;
  return { pairId: gameId, ...rest };
}

/** The best two-leg cover of any outcome of this game, or null. */
export function planOutcomeArb(
  game: OutcomeGamePair,
  books: ReadonlyMap<string, Book>,
  fees: readonly ArbFees[],
  limits: ArbLimits,
  rules: OutcomeRules,
): OutcomePlan | null {
  const result = evaluateOutcomeArb(game, books, fees, limits, rules);
  return result.kind === 'plan' ? result.plan : null;
}
