/**
 * Resolution-rule scenarios: what each venue pays on its moneyline instruments when a game is
 * won, tied, postponed past the venue's window, or cancelled. The planner prices every
 * scenario and takes the worst, so an "arbitrage" that loses on a tie or a postponement is
 * never planned as risk-free. Research, sources and policy: docs/rules.md.
 *
 * `verified: true` means the rule was read in the venue's OWN rules text for that league (a
 * verbatim capture of its API or site, named in `source`); nobody on this project has fetched
 * the live text yet. `verified: false` means the rule is inferred (by analogy with another
 * league of the same venue) and must be confirmed before relying on it.
 */
import type { League, MajorLeague, PairVenue, PolymarketSideVenue, VenueName } from './market';
import type { PriceMicros } from './money';
import { PAYOUT_MICROS } from './money';

/** Joint outcome of the real-world game, seen from a matched pair (`sides[0]`, `sides[1]`). */
export const SCENARIOS = ['side0-wins', 'side1-wins', 'tie', 'postponed', 'cancelled'] as const;
export type ScenarioId = (typeof SCENARIOS)[number];
/*
 * - side0-wins / side1-wins: the game is played (within every venue's window) and decided.
 * - tie: the game is played and officially ends tied (only in leagues where that can happen).
 * - postponed: the game is played later than one venue's window allows (Kalshi: 48 h / two days).
 * - cancelled: the game is never played (also covers games abandoned without an official result).
 */

/** How a venue settles a two-team moneyline instrument in one scenario. */
export type SettlementRule =
  /** Win scenarios: the winner's instruments pay $1, the others $0. */
  | { readonly kind: 'winner' }
  /** Every instrument pays the same amount per share (a 50-50 resolution pays 500_000). */
  | { readonly kind: 'split'; readonly perShareMicros: PriceMicros }
  /** The price paid is returned (fees assumed kept). No venue here does this today. */
  | { readonly kind: 'refund' }
  /** Kalshi "resolves to a fair price": any value in [0, $1], decided by the venue afterwards. */
  | { readonly kind: 'fair-price' }
  /** Polymarket keeps the market open until the make-up game: $1 or $0, not known in advance. */
  | { readonly kind: 'make-up-game' }
  /** No published rule found. */
  | { readonly kind: 'unknown' };

export interface RuleEntry {
  readonly rule: SettlementRule;
  readonly verified: boolean;
  readonly source: string;
}

export type VenueLeagueRules = Readonly<Record<ScenarioId, RuleEntry>>;

const WINNER = { kind: 'winner' } as const;
const SPLIT_50_50 = { kind: 'split', perShareMicros: PAYOUT_MICROS / 2 } as const;
const FAIR_PRICE = { kind: 'fair-price' } as const;
const MAKE_UP_GAME = { kind: 'make-up-game' } as const;
const UNKNOWN = { kind: 'unknown' } as const;

// Sources (third-party captures of the venues' own text; see docs/rules.md for the wording).
const PM_NFL =
  'Polymarket NFL market description, captured in github Baheet18/verdict fixtures/evidence/02f77d63…json (Cowboys vs. Eagles, 2026-10-26)';
const PM_NBA =
  'Polymarket NBA market description, captured in huggingface CK0607/PolyClean (nba-bos-lac-2025-01-22) and predictionhero.com/event/kings-vs-raptors';
const PM_NHL =
  'Polymarket NHL CLOB market description (Blues vs. Islanders; Golden Knights vs. Penguins, nhl-las-pit-2026-03-01), captured in public code found by code search';
const PM_MLB =
  'Polymarket MLB market description quoted across 354 captured MLB pairs in a public research note (code search: "rescheduled to over two days away")';
const K_NFL =
  'Kalshi KXNFLGAME rules_primary/rules_secondary captured in public test fixtures (Colts vs Commanders 2026-10-04; ATL vs GB 2026-09-24); same rules on help.underdogsports.com prediction-picks-nfl (Kalshi-powered)';
const K_MLB =
  'Kalshi KXMLBGAME rules_secondary captured verbatim in public code (Cleveland vs Chicago WS 2026-10-07; 354 captured markets)';
const K_NBA_PRIMARY = 'Kalshi KXNBAGAME rules_primary captured in public fixtures (New York K vs Boston 2026-10-08)';
const K_NHL_PRIMARY =
  'Kalshi KXNHLGAME rules_primary quoted in public code ("vs ... NHL game originally scheduled for")';
const K_FAIR_ASSUMED =
  'ASSUMED: KXNBAGAME/KXNHLGAME rules_secondary not seen; every Kalshi game series seen (NFL, MLB, NCAA basketball, soccer, tennis) resolves a cancelled or late game to a fair price';
const K_FAIR_VALUE =
  'fair price = settlement_value_dollars, any value in [0, 1] (third-party observation: a cancelled market settled 0.79 with last price 0.00)';
const NO_TIE = 'not applicable: the league decides every game (overtime / shootout)';

function polymarket(source: string, tie: RuleEntry): VenueLeagueRules {
  return {
    'side0-wins': { rule: WINNER, verified: true, source },
    'side1-wins': { rule: WINNER, verified: true, source },
    tie,
    postponed: {
      rule: MAKE_UP_GAME,
      verified: true,
      source: `${source}: postponed → stays open until the game is completed`,
    },
    cancelled: { rule: SPLIT_50_50, verified: true, source: `${source}: cancelled with no make-up game → 50-50` },
  };
}

function kalshi(primary: string, secondary: string, secondaryVerified: boolean, tie: RuleEntry): VenueLeagueRules {
  return {
    'side0-wins': { rule: WINNER, verified: true, source: primary },
    'side1-wins': { rule: WINNER, verified: true, source: primary },
    tie,
    postponed: { rule: FAIR_PRICE, verified: secondaryVerified, source: `${secondary}; ${K_FAIR_VALUE}` },
    cancelled: { rule: FAIR_PRICE, verified: secondaryVerified, source: `${secondary}; ${K_FAIR_VALUE}` },
  };
}

const notApplicable: RuleEntry = { rule: UNKNOWN, verified: false, source: NO_TIE };

export interface LeagueRules {
  /** Whether a game of this league can officially end tied (then 'tie' is a scenario). */
  readonly tiePossible: boolean;
  readonly tieNote: string;
  readonly polymarket: VenueLeagueRules;
  readonly kalshi: VenueLeagueRules;
  /** Polymarket US rules of this league where they differ from its sports-wide POLYMARKET_US_RULES. */
  readonly 'polymarket-us'?: VenueLeagueRules;
}

const PMUS_SPORTS =
  'Polymarket US sports FAQ, https://docs.polymarket.us/faqs/sports-faqs (checked 2026-12-06; docs/venues-polymarket-us.md#u-settlement)';

/**
 * Polymarket US settles every league's winner market the same way (its sports FAQ, not a per-league
 * text): the winner's side pays $1; a tie settles at $0.50; a game postponed beyond the contract's
 * expiration ("typically two weeks"), cancelled, or a no contest settles at the "last fair market
 * price" (a range, like Kalshi's fair price). A shorter postponement keeps the market for the
 * make-up game, whose result is just as unknown in advance: both read as any value in [0, $1].
 */
export const POLYMARKET_US_RULES: VenueLeagueRules = {
  'side0-wins': { rule: WINNER, verified: true, source: PMUS_SPORTS },
  'side1-wins': { rule: WINNER, verified: true, source: PMUS_SPORTS },
  tie: { rule: SPLIT_50_50, verified: true, source: `${PMUS_SPORTS}: a tie settles at $0.50` },
  postponed: {
    rule: FAIR_PRICE,
    verified: true,
    source: `${PMUS_SPORTS}: postponed beyond the contract's expiration → last fair market price`,
  },
  cancelled: {
    rule: FAIR_PRICE,
    verified: true,
    source: `${PMUS_SPORTS}: cancelled or no contest → last fair market price`,
  },
};

/**
 * Two-team rules per league. A league the table does not hold has no known rule for any scenario:
 * its pairs are never tradeable (`ruleFor` answers `unknown`). The full table, with the
 * catalogued two-way leagues restated from their outcome rules, is `TWO_TEAM_RULES`
 * (lib/core/league-rules.ts).
 */
export type RuleTable = Readonly<Partial<Record<League, LeagueRules>>>;

/** The payout table of the four major leagues: per league, per venue, per scenario. */
export const LEAGUE_RULES: Readonly<Record<MajorLeague, LeagueRules>> = {
  NFL: {
    tiePossible: true,
    tieNote: 'NFL regular-season games can end tied after one overtime period',
    polymarket: polymarket(PM_NFL, { rule: SPLIT_50_50, verified: true, source: `${PM_NFL}: tie → 50-50` }),
    kalshi: kalshi(K_NFL, `${K_NFL}: not started within 48 h → fair price`, true, {
      rule: SPLIT_50_50,
      verified: true,
      source: `${K_NFL}: tie → $0.50 for each team`,
    }),
  },
  NBA: {
    tiePossible: false,
    tieNote: 'NBA games go to overtime until decided',
    polymarket: polymarket(PM_NBA, notApplicable),
    kalshi: kalshi(K_NBA_PRIMARY, K_FAIR_ASSUMED, false, notApplicable),
  },
  NHL: {
    tiePossible: false,
    tieNote: 'NHL regular season ends in a shootout, playoffs in continuous overtime',
    polymarket: polymarket(PM_NHL, notApplicable),
    kalshi: kalshi(K_NHL_PRIMARY, K_FAIR_ASSUMED, false, notApplicable),
  },
  MLB: {
    tiePossible: false,
    tieNote:
      'ASSUMPTION: MLB suspends a tied called game and resumes it later, so it appears here as postponed or cancelled, not as a tie',
    polymarket: polymarket(PM_MLB, notApplicable),
    kalshi: kalshi(K_MLB, `${K_MLB}: cancelled or more than two days late → fair price`, true, notApplicable),
  },
};

/** The scenarios that can happen to a game of this league. */
export function scenariosFor(league: League, table: RuleTable = LEAGUE_RULES): readonly ScenarioId[] {
  return SCENARIOS.filter((s) => s !== 'tie' || table[league]?.tiePossible === true);
}

export function ruleFor(
  league: League,
  venue: VenueName,
  scenario: ScenarioId,
  table: RuleTable = LEAGUE_RULES,
): RuleEntry {
  const rules = table[league];
  if (!rules) return { rule: UNKNOWN, verified: false, source: `no two-team rule table for ${league}` };
  if (venue === 'polymarket-us') return (rules['polymarket-us'] ?? POLYMARKET_US_RULES)[scenario];
  return rules[venue][scenario];
}

/** What one share of a leg pays in a scenario. */
export type LegPayout =
  | { readonly kind: 'per-share'; readonly minMicros: PriceMicros; readonly maxMicros: PriceMicros }
  | { readonly kind: 'refund' }
  | { readonly kind: 'unknown' };

/** Payout of one share of an instrument that pays when `backsSide` wins. */
export function legPayout(rule: SettlementRule, scenario: ScenarioId, backsSide: 0 | 1): LegPayout {
  switch (rule.kind) {
    case 'winner': {
      if (scenario !== 'side0-wins' && scenario !== 'side1-wins') return { kind: 'unknown' };
      const pays = scenario === (backsSide === 0 ? 'side0-wins' : 'side1-wins') ? PAYOUT_MICROS : 0;
      return { kind: 'per-share', minMicros: pays, maxMicros: pays };
    }
    case 'split':
      return { kind: 'per-share', minMicros: rule.perShareMicros, maxMicros: rule.perShareMicros };
    case 'refund':
      return { kind: 'refund' };
    case 'fair-price':
    case 'make-up-game':
      return { kind: 'per-share', minMicros: 0, maxMicros: PAYOUT_MICROS };
    case 'unknown':
      return { kind: 'unknown' };
  }
}

/** A leg as the rules see it: which venue, and which team it pays on. */
export interface RuleLeg {
  readonly venue: VenueName;
  readonly backsSide: 0 | 1;
}

export interface ScenarioAssessment {
  readonly scenario: ScenarioId;
  /** One entry per leg, in the order given. */
  readonly payouts: readonly LegPayout[];
  /** Every leg's payout is a single known amount (or a refund). */
  readonly exact: boolean;
  /** No leg's payout is unknown (it may still be a range). */
  readonly known: boolean;
  /** Every rule used was read in the venue's own text. */
  readonly verified: boolean;
}

/** Each applicable scenario of the league, with what every leg pays in it. */
export function assessScenarios(
  league: League,
  legs: readonly RuleLeg[],
  table: RuleTable = LEAGUE_RULES,
): ScenarioAssessment[] {
  return scenariosFor(league, table).map((scenario) => {
    const entries = legs.map((leg) => ruleFor(league, leg.venue, scenario, table));
    const payouts = legs.map((leg, i) => legPayout(entries[i]!.rule, scenario, leg.backsSide));
    const known = payouts.every((p) => p.kind !== 'unknown');
    const exact =
      known && payouts.every((p) => p.kind === 'refund' || (p.kind === 'per-share' && p.minMicros === p.maxMicros));
    return { scenario, payouts, exact, known, verified: entries.every((e) => e.verified) };
  });
}

/**
 * How to treat a scenario whose payout is a range (Kalshi "fair price", Polymarket waiting for a
 * make-up game):
 * - 'refuse' (default): a pair whose payout in some scenario is only a range is not tradeable.
 * - 'accept-bounded': plan on the exact scenarios only and REPORT each bounded one with its
 *   worst-case profit (its largest possible loss) so risk can cap it. This knowingly accepts a
 *   tail risk; it never applies to a scenario with no known rule at all.
 * `allowUnverified` lets rules inferred by analogy count; default false.
 */
export interface RulePolicy {
  readonly tail: 'refuse' | 'accept-bounded';
  readonly allowUnverified: boolean;
}
export const DEFAULT_RULE_POLICY: RulePolicy = { tail: 'refuse', allowUnverified: false };

export type RuleGate =
  | { readonly tradeable: true; readonly covered: readonly ScenarioId[]; readonly tail: readonly ScenarioId[] }
  | {
      readonly tradeable: false;
      readonly scenario: ScenarioId;
      readonly reason: 'unknown-rule' | 'unverified-rule' | 'bounded-payout';
    };

/**
 * Whether a pair of this league, Kalshi and `polymarketVenue` (Polymarket or Polymarket US), may
 * be traded under `policy`, and which scenarios the worst case covers. The answer does not depend
 * on which team each leg backs.
 */
export function ruleGate(
  league: League,
  policy: RulePolicy = DEFAULT_RULE_POLICY,
  table: RuleTable = LEAGUE_RULES,
  polymarketVenue: PolymarketSideVenue = 'polymarket',
): RuleGate {
  const legs: RuleLeg[] = [
    { venue: polymarketVenue, backsSide: 0 },
    { venue: 'kalshi', backsSide: 1 },
  ];
  const covered: ScenarioId[] = [];
  const tail: ScenarioId[] = [];
  for (const a of assessScenarios(league, legs, table)) {
    if (!a.known) return { tradeable: false, scenario: a.scenario, reason: 'unknown-rule' };
    if (!a.verified && !policy.allowUnverified)
      return { tradeable: false, scenario: a.scenario, reason: 'unverified-rule' };
    const decided = a.scenario === 'side0-wins' || a.scenario === 'side1-wins';
    if (a.exact) covered.push(a.scenario);
    else if (policy.tail === 'accept-bounded' && !decided) tail.push(a.scenario);
    else return { tradeable: false, scenario: a.scenario, reason: 'bounded-payout' };
  }
  return { tradeable: true, covered, tail };
}

// ---------------------------------------------------------------------------------------------
// Outcome markets (docs/rules.md#outcome-markets): games listed as one binary market per
// outcome on both venues (soccer: home, draw, away), and the per-league tables built on them
// (lib/core/league-rules.ts). Additive: the two-team model above is unchanged.
// ---------------------------------------------------------------------------------------------

/**
 * What can happen to a game besides one of its listed outcomes being decided:
 * - draw: the game officially ends level and NO listed outcome is a draw (a UFC draw, a level
 *   best-of-two); where a draw is a listed outcome it is decided like any other;
 * - postponed: played later than a venue's window allows;
 * - cancelled: never played;
 * - abandoned: started, stopped, and never completed with an official result;
 * - retirement: a participant retires or is defaulted after the start (tennis); the other advances;
 * - walkover: a participant withdraws before the start; the other advances;
 * - no-contest: the bout is ruled a no contest (UFC).
 */
export const GAME_EVENTS = [
  'draw',
  'postponed',
  'cancelled',
  'abandoned',
  'retirement',
  'walkover',
  'no-contest',
] as const;
export type GameEvent = (typeof GAME_EVENTS)[number];

/** Events that name the participant who advances: one scenario per participant. */
const ADVANCING_EVENTS: ReadonlySet<GameEvent> = new Set<GameEvent>(['retirement', 'walkover']);

/**
 * How a venue settles an outcome market (YES = "this outcome happens") in a game event.
 * A NO share pays $1 minus the YES payout.
 */
export type OutcomeSettlement =
  /** The draw outcome's market pays $1, every other outcome's $0 (Polymarket soccer, cancelled). */
  | { readonly kind: 'to-draw' }
  /** The participant who advances counts as the winner (retirement, walkover). */
  | { readonly kind: 'to-advancing' }
  /** Every outcome's YES pays this amount per share (50-50 → 500_000). */
  | { readonly kind: 'split'; readonly perShareMicros: PriceMicros }
  /** Every outcome market resolves No. */
  | { readonly kind: 'all-no' }
  /** Kalshi "fair price": anywhere in [0, $1], decided afterwards. */
  | { readonly kind: 'fair-price' }
  /** Stays open until the game is played: $1 or $0, not known in advance. */
  | { readonly kind: 'make-up-game' }
  /**
   * Some payout in [0, $1] the sources do not pin down (they disagree, or the clause was not
   * read but the market must still settle): priced at its bounds, never as exact.
   */
  | { readonly kind: 'bounded' }
  | { readonly kind: 'unknown' };

export interface OutcomeRuleEntry {
  readonly settlement: OutcomeSettlement;
  /** Read in the venue's own text for this league (or a verbatim capture of it). */
  readonly verified: boolean;
  /** Where it was read: a docs/leagues.md or docs/rules.md anchor and the public source. */
  readonly source: string;
}

/**
 * What decides the listed outcomes: regular time only (soccer: 90 minutes plus stoppage), the
 * final result including any overtime, or the participant who wins / advances in the match. The
 * two venues of a pair must use the same basis, or a decided game can pay both legs $0.
 */
export type DecidedBasis = 'regular-time' | 'including-overtime' | 'match-result';

export interface VenueOutcomeRules {
  readonly decided: { readonly basis: DecidedBasis; readonly verified: boolean; readonly source: string };
  /** A missing event is an unknown rule. */
  readonly events: Readonly<Partial<Record<GameEvent, OutcomeRuleEntry>>>;
}

export interface OutcomeRules {
  /** The events that can happen in this league (each must have a rule on both venues). */
  readonly events: readonly GameEvent[];
  readonly polymarket: VenueOutcomeRules;
  readonly kalshi: VenueOutcomeRules;
}

/** One listed outcome of a game, as the rules see it. */
export interface OutcomeRef {
  readonly key: string;
  readonly kind: 'participant' | 'draw';
}

/** One way a game can end: an outcome decided, or an event (with the advancing participant where it has one). */
export interface OutcomeScenario {
  /** `outcome:<key>`, `<event>` or `<event>:<advancing key>`. */
  readonly id: string;
  readonly decided: string | null;
  readonly event: GameEvent | null;
  readonly advancing: string | null;
}

/** Every scenario of a game with these outcomes under these rules, decided outcomes first. */
export function outcomeScenarios(outcomes: readonly OutcomeRef[], rules: OutcomeRules): OutcomeScenario[] {
  const scenarios: OutcomeScenario[] = outcomes.map((o) => ({
    id: `outcome:${o.key}`,
    decided: o.key,
    event: null,
    advancing: null,
  }));
  const hasDraw = outcomes.some((o) => o.kind === 'draw');
  for (const event of rules.events) {
    if (event === 'draw' && hasDraw) continue; // a listed draw is decided like any outcome
    if (ADVANCING_EVENTS.has(event)) {
      for (const o of outcomes) {
        if (o.kind === 'participant')
          scenarios.push({ id: `${event}:${o.key}`, decided: null, event, advancing: o.key });
      }
    } else scenarios.push({ id: event, decided: null, event, advancing: null });
  }
  return scenarios;
}

/** What one YES share of `outcome`'s market pays in a scenario under a venue's settlement. */
export function outcomeYesPayout(
  settlement: OutcomeSettlement | 'decided',
  scenario: OutcomeScenario,
  outcome: OutcomeRef,
  outcomes: readonly OutcomeRef[],
): LegPayout {
  const exactly = (pays: boolean): LegPayout => {
    const micros = pays ? PAYOUT_MICROS : 0;
    return { kind: 'per-share', minMicros: micros, maxMicros: micros };
  };
  if (settlement === 'decided')
    return scenario.decided === null ? UNKNOWN_PAYOUT : exactly(scenario.decided === outcome.key);
  switch (settlement.kind) {
    case 'to-draw':
      return outcomes.some((o) => o.kind === 'draw') ? exactly(outcome.kind === 'draw') : UNKNOWN_PAYOUT;
    case 'to-advancing':
      return scenario.advancing === null ? UNKNOWN_PAYOUT : exactly(scenario.advancing === outcome.key);
    case 'split':
      return { kind: 'per-share', minMicros: settlement.perShareMicros, maxMicros: settlement.perShareMicros };
    case 'all-no':
      return exactly(false);
    case 'fair-price':
    case 'make-up-game':
    case 'bounded':
      return { kind: 'per-share', minMicros: 0, maxMicros: PAYOUT_MICROS };
    case 'unknown':
      return UNKNOWN_PAYOUT;
  }
}

const UNKNOWN_PAYOUT: LegPayout = { kind: 'unknown' };

/** A NO share pays what the YES share does not. */
function noPayout(yes: LegPayout): LegPayout {
  if (yes.kind !== 'per-share') return yes;
  return { kind: 'per-share', minMicros: PAYOUT_MICROS - yes.maxMicros, maxMicros: PAYOUT_MICROS - yes.minMicros };
}

/** A leg of an outcome cover: which venue, which outcome's market, which side of it. */
export interface OutcomeLeg {
  readonly venue: PairVenue;
  readonly outcome: string;
  readonly side: 'yes' | 'no';
}

export interface OutcomeAssessment {
  readonly scenario: string;
  /** One entry per leg, in the order given. */
  readonly payouts: readonly LegPayout[];
  readonly exact: boolean;
  readonly known: boolean;
  readonly verified: boolean;
}

/** Each scenario of the game with what every leg pays in it. */
export function assessOutcomeLegs(
  outcomes: readonly OutcomeRef[],
  rules: OutcomeRules,
  legs: readonly OutcomeLeg[],
): OutcomeAssessment[] {
  return outcomeScenarios(outcomes, rules).map((scenario) => {
    let verified = true;
    const payouts = legs.map((leg): LegPayout => {
      const outcome = outcomes.find((o) => o.key === leg.outcome);
      if (!outcome) return UNKNOWN_PAYOUT;
      const venue = rules[leg.venue];
      let yes: LegPayout;
      if (scenario.event === null) {
        verified &&= venue.decided.verified;
        yes = outcomeYesPayout('decided', scenario, outcome, outcomes);
      } else {
        const entry = venue.events[scenario.event];
        verified &&= entry?.verified ?? false;
        yes = entry ? outcomeYesPayout(entry.settlement, scenario, outcome, outcomes) : UNKNOWN_PAYOUT;
      }
      return leg.side === 'yes' ? yes : noPayout(yes);
    });
    const known = payouts.every((p) => p.kind !== 'unknown');
    const exact =
      known && payouts.every((p) => p.kind === 'refund' || (p.kind === 'per-share' && p.minMicros === p.maxMicros));
    return { scenario: scenario.id, payouts, exact, known, verified };
  });
}

export type OutcomeRuleGate =
  | { readonly tradeable: true; readonly covered: readonly string[]; readonly tail: readonly string[] }
  | {
      readonly tradeable: false;
      readonly scenario: string;
      readonly reason: 'unknown-rule' | 'unverified-rule' | 'bounded-payout' | 'basis-differs';
    };

/**
 * Whether a cross-venue cover of one outcome (YES on one venue, NO on the other) may be traded
 * under `policy`, and which scenarios its worst case covers. Every outcome and both directions
 * are assessed; the answer is the strictest of them. The venues must decide outcomes on the
 * same basis (regular time vs. overtime), else a decided game could pay nothing.
 */
export function outcomeRuleGate(
  outcomes: readonly OutcomeRef[],
  rules: OutcomeRules,
  policy: RulePolicy = DEFAULT_RULE_POLICY,
): OutcomeRuleGate {
  if (rules.polymarket.decided.basis !== rules.kalshi.decided.basis)
    return { tradeable: false, scenario: 'outcome', reason: 'basis-differs' };
  const covers = outcomes.flatMap((o) => [
    [
      { venue: 'polymarket', outcome: o.key, side: 'no' },
      { venue: 'kalshi', outcome: o.key, side: 'yes' },
    ],
    [
      { venue: 'polymarket', outcome: o.key, side: 'yes' },
      { venue: 'kalshi', outcome: o.key, side: 'no' },
    ],
  ]) as OutcomeLeg[][];
  const assessed = covers.map((legs) => assessOutcomeLegs(outcomes, rules, legs));
  const covered: string[] = [];
  const tail: string[] = [];
  for (const [i, scenario] of outcomeScenarios(outcomes, rules).entries()) {
    const all = assessed.map((a) => a[i]!);
    if (!all.every((a) => a.known)) return { tradeable: false, scenario: scenario.id, reason: 'unknown-rule' };
    if (!all.every((a) => a.verified) && !policy.allowUnverified)
      return { tradeable: false, scenario: scenario.id, reason: 'unverified-rule' };
    if (all.every((a) => a.exact)) covered.push(scenario.id);
    else if (policy.tail === 'accept-bounded' && scenario.decided === null) tail.push(scenario.id);
    else return { tradeable: false, scenario: scenario.id, reason: 'bounded-payout' };
  }
  return { tradeable: true, covered, tail };
}
