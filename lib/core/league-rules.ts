/**
 * Resolution rules per catalogued league (lib/core/leagues.ts), in the outcome-market model of
 * lib/core/rules.ts: what decides the listed outcomes on each venue, and what each venue pays
 * when a game is drawn without a draw market, postponed, cancelled, abandoned, retired, walked
 * over or ruled a no contest. Research and wording: docs/rules.md#rules-per-league; facts and
 * sources: docs/leagues.md.
 *
 * `verified: true` only where the venue's own text for that league was read (a verbatim capture:
 * grade D, or the rule tables of lib/core/rules.ts for the four leagues traded today). A third
 * party's summary (grade S) or an analogy is `verified: false`. `liveTradeable` says whether
 * live trading may trade a league: only when every rule on both venues is verified; otherwise the
 * league is paper-only, with the reason.
 */
import type { LeagueId } from './leagues';
import { isMajorLeague, LEAGUE_CATALOGUE, LEAGUE_IDS } from './leagues';
import type { MajorLeague, PairVenue } from './market';
import { MAJOR_LEAGUES } from './market';
import type {
  DecidedBasis,
  GameEvent,
  LeagueRules,
  OutcomeRuleEntry,
  OutcomeRules,
  OutcomeSettlement,
  RuleEntry,
  RuleTable,
  ScenarioId,
  SettlementRule,
  VenueOutcomeRules,
} from './rules';
import { LEAGUE_RULES } from './rules';

const SPLIT: OutcomeSettlement = { kind: 'split', perShareMicros: 500_000 };
const FAIR: OutcomeSettlement = { kind: 'fair-price' };
const MAKE_UP: OutcomeSettlement = { kind: 'make-up-game' };
const BOUNDED: OutcomeSettlement = { kind: 'bounded' };

const rule = (settlement: OutcomeSettlement, verified: boolean, source: string): OutcomeRuleEntry => ({
  settlement,
  verified,
  source,
});

function venue(
  basis: DecidedBasis,
  decidedVerified: boolean,
  decidedSource: string,
  events: Partial<Record<GameEvent, OutcomeRuleEntry>>,
): VenueOutcomeRules {
  return { decided: { basis, verified: decidedVerified, source: decidedSource }, events };
}

// ---- The four leagues traded today: their two-team table (lib/core/rules.ts), restated. ----

/** A two-team rule as an outcome settlement (a team's market is an outcome's market). */
function fromTwoTeam(r: SettlementRule): OutcomeSettlement {
  switch (r.kind) {
    case 'split':
      return { kind: 'split', perShareMicros: r.perShareMicros };
    case 'fair-price':
    case 'make-up-game':
      return { kind: r.kind };
    default:
      // 'winner' never applies to a tail; 'refund' has no outcome-market equivalent here.
      return { kind: 'unknown' };
  }
}

function fromTwoTeamTable(league: MajorLeague, table: Readonly<Record<MajorLeague, LeagueRules>>): OutcomeRules {
  const rules = table[league];
  const events: GameEvent[] = rules.tiePossible ? ['draw', 'postponed', 'cancelled'] : ['postponed', 'cancelled'];
  const side = (v: PairVenue): VenueOutcomeRules => {
    const entry = (e: RuleEntry) => rule(fromTwoTeam(e.rule), e.verified, e.source);
    const win = rules[v]['side0-wins'];
    return venue('including-overtime', win.verified, win.source, {
      ...(rules.tiePossible ? { draw: entry(rules[v].tie) } : {}),
      postponed: entry(rules[v].postponed),
      cancelled: entry(rules[v].cancelled),
    });
  };
  return { events, polymarket: side('polymarket'), kalshi: side('kalshi') };
}

// ---- Leagues not traded yet (docs/leagues.md). ----

const L = 'docs/leagues.md';
const KALSHI_FAIR_INFERRED =
  'not read for this league; inferred from the US leagues (a late or cancelled game resolves to a fair price, docs/rules.md#scenarios)';
const ABANDONED_INFERRED =
  'no abandonment clause read: an abandoned game is either completed later (postponement clause) or never (cancellation clause); modelled as anywhere in [0, $1]';

/** Basketball and college football: one market per team, decided including overtime. */
function usCollegeOrWnba(
  doc: string,
  pm: { decided: [boolean, string]; postponed: [boolean, string]; cancelled: [boolean, string] },
  kalshiDecided: [boolean, string],
  /** Kalshi's postponement and cancellation text, where read: late or cancelled → a fair price. */
  kalshiTails: [boolean, string] = [false, KALSHI_FAIR_INFERRED],
): OutcomeRules {
  return {
    events: ['postponed', 'cancelled'],
    polymarket: venue('including-overtime', pm.decided[0], `${doc}; ${pm.decided[1]}`, {
      postponed: rule(MAKE_UP, pm.postponed[0], `${doc}; ${pm.postponed[1]}`),
      cancelled: rule(SPLIT, pm.cancelled[0], `${doc}; ${pm.cancelled[1]}`),
    }),
    kalshi: venue('including-overtime', kalshiDecided[0], `${doc}; ${kalshiDecided[1]}`, {
      postponed: rule(FAIR, kalshiTails[0], `${doc}; ${kalshiTails[1]}`),
      cancelled: rule(FAIR, kalshiTails[0], `${doc}; ${kalshiTails[1]}`),
    }),
  };
}

/** Soccer 1X2: 90 minutes plus stoppage on both venues; Polymarket pays the draw on a cancellation. */
function soccer(
  doc: string,
  pmVerified: boolean,
  pmSource: string,
  kalshiDecided: [boolean, string],
  /** Kalshi's cancellation and late-postponement text, where read: both resolve to a fair price. */
  kalshiTails: [boolean, string] = [false, `no postponement or cancellation clause read; ${KALSHI_FAIR_INFERRED}`],
): OutcomeRules {
  return {
    events: ['postponed', 'cancelled', 'abandoned'],
    polymarket: venue('regular-time', pmVerified, `${doc}; ${pmSource}: 90 minutes plus stoppage`, {
      postponed: rule(MAKE_UP, pmVerified, `${doc}; ${pmSource}: postponed → stays open until played`),
      cancelled: rule(
        { kind: 'to-draw' },
        pmVerified,
        `${doc}; ${pmSource}: cancelled with no make-up → the draw market Yes, the team markets No`,
      ),
      abandoned: rule(BOUNDED, false, `${doc}; ${ABANDONED_INFERRED}`),
    }),
    kalshi: venue('regular-time', kalshiDecided[0], `${doc}; ${kalshiDecided[1]}`, {
      postponed: rule(FAIR, kalshiTails[0], `${doc}; ${kalshiTails[1]}`),
      cancelled: rule(FAIR, kalshiTails[0], `${doc}; ${kalshiTails[1]}`),
      abandoned: rule(BOUNDED, false, `${doc}; ${ABANDONED_INFERRED}`),
    }),
  };
}

/** Tennis: Polymarket pays the player who advances; Kalshi's retirement and walkover rules are disputed. */
function tennis(doc: string, pmSource: string): OutcomeRules {
  const kalshiDisputed = `${doc}; summaries disagree (#src-s3: that player's market No; #src-s4: last fair price): modelled as anywhere in [0, $1]`;
  return {
    events: ['retirement', 'walkover', 'postponed', 'cancelled'],
    polymarket: venue('match-result', true, `${doc}; ${pmSource}: the player who advances`, {
      retirement: rule(
        { kind: 'to-advancing' },
        true,
        `${doc}; ${pmSource}: retirement or default after the start → the advancing player`,
      ),
      walkover: rule(SPLIT, true, `${doc}; ${pmSource}: walkover → 50-50`),
      postponed: rule(SPLIT, true, `${doc}; ${pmSource}: not decided within 7 days → 50-50`),
      cancelled: rule(SPLIT, true, `${doc}; ${pmSource}: cancelled → 50-50`),
    }),
    kalshi: venue('match-result', false, `${doc}; #src-s3, #src-s4 (summaries)`, {
      retirement: rule(BOUNDED, false, kalshiDisputed),
      walkover: rule(BOUNDED, false, kalshiDisputed),
      postponed: rule(FAIR, false, `${doc}; #src-s4: moved out of the tournament → last fair price (summary)`),
      cancelled: rule(FAIR, false, `${doc}; #src-s4: cancelled → last fair price (summary)`),
    }),
  };
}

/** Esports match winner: Polymarket 50-50 on a tie, a cancellation or a pre-match forfeit. */
function esports(doc: string, pmSource: string, kalshiTie: OutcomeRuleEntry): OutcomeRules {
  return {
    events: ['draw', 'walkover', 'retirement', 'postponed', 'cancelled'],
    polymarket: venue('match-result', true, `${doc}; ${pmSource}: the match winner`, {
      draw: rule(SPLIT, true, `${doc}; ${pmSource}: tied → 50-50`),
      walkover: rule(SPLIT, true, `${doc}; ${pmSource}: forfeit before the start → 50-50`),
      retirement: rule({ kind: 'to-advancing' }, true, `${doc}; ${pmSource}: forfeit after the start → the winner`),
      postponed: rule(SPLIT, true, `${doc}; ${pmSource}: not decided within 7 days → 50-50`),
      cancelled: rule(SPLIT, true, `${doc}; ${pmSource}: cancelled → 50-50`),
    }),
    kalshi: venue('match-result', false, `${doc}; #src-s1 (summary)`, {
      draw: kalshiTie,
      walkover: rule(
        BOUNDED,
        false,
        `${doc}; #src-s1: the forfeiting team's market No; the other market not stated (summary)`,
      ),
      retirement: rule(
        BOUNDED,
        false,
        `${doc}; #src-s1: the forfeiting team's market No; the other market not stated (summary)`,
      ),
      postponed: rule(
        BOUNDED,
        false,
        `${doc}; #src-s1: open until a result or two weeks; after that not stated (summary)`,
      ),
      cancelled: rule({ kind: 'all-no' }, false, `${doc}; #src-s9: a cancellation resolves No on Kalshi (summary)`),
    }),
  };
}

const ESPORTS_KALSHI_TIE = rule(
  BOUNDED,
  false,
  'no Tie market seen and no tie rule read for this title: modelled as anywhere in [0, $1]',
);

/** The outcome rules of every catalogued league. */
export const LEAGUE_OUTCOME_RULES: Readonly<Record<LeagueId, OutcomeRules>> = {
  ...(Object.fromEntries(MAJOR_LEAGUES.map((l) => [l, fromTwoTeamTable(l, LEAGUE_RULES)])) as Record<
    MajorLeague,
    OutcomeRules
  >),
  WNBA: usCollegeOrWnba(
    `${L}#l-wnba-wnba`,
    {
      decided: [false, '#src-d1 has no overtime sentence'],
      postponed: [true, '#src-d1: postponed → stays open until played'],
      cancelled: [true, '#src-d1: cancelled with no make-up → 50-50'],
    },
    [false, '#src-k23: the game-market text has no overtime sentence'],
    [true, '#src-k23 (rules_secondary): postponed → open for 2 days; cancelled or later than that → a fair price'],
  ),
  NCAAF: usCollegeOrWnba(
    `${L}#l-ncaaf-ncaa-football`,
    {
      decided: [false, 'no Polymarket rule text read; as NFL by analogy'],
      postponed: [false, 'no Polymarket rule text read; as NFL by analogy'],
      cancelled: [false, 'no Polymarket rule text read; as NFL by analogy'],
    },
    [false, '#src-k25: overtime not mentioned in the game-market text'],
    [true, '#src-k25 (rules_secondary): postponed → open for 48 hours; cancelled or later than that → a fair price'],
  ),
  NCAAMB: usCollegeOrWnba(
    `${L}#l-ncaam-ncaa-mens-basketball`,
    {
      decided: [true, '#src-d28: final score including overtime'],
      postponed: [true, '#src-d3: postponed → stays open'],
      cancelled: [true, '#src-d3: cancelled with no make-up → 50-50'],
    },
    [false, '#src-s10: overtime counts (summary)'],
  ),
  NCAAWB: usCollegeOrWnba(
    `${L}#l-ncaaw-ncaa-womens-basketball`,
    {
      decided: [false, '#src-d5 does not say whether overtime counts'],
      postponed: [true, '#src-d5: postponed → stays open'],
      cancelled: [true, '#src-d5: cancelled with no make-up → 50-50'],
    },
    [false, 'no Kalshi rule text read'],
  ),
  EPL: soccer(
    `${L}#l-epl-english-premier-league`,
    true,
    '#src-d8 (draw market rule text)',
    [true, '#src-k24 (rules_primary): 90 minutes plus stoppage, no extra time or penalties'],
    [true, '#src-k24 (rules_secondary): cancelled or rescheduled over 48 hours away → a fair price'],
  ),
  UCL: soccer(`${L}#l-ucl-uefa-champions-league`, false, 'UCL game-market text not read; as EPL', [
    false,
    'UCL text not read; the Kalshi soccer text excludes extra time and penalties (#src-s6)',
  ]),
  MLS: soccer(
    `${L}#l-mls-major-league-soccer`,
    false,
    '#src-d11 (regular time); cancellation only in #src-s7 (summary)',
    [false, '#src-s7: regular time (summary)'],
  ),
  LALIGA: soccer(`${L}#l-laliga-la-liga`, false, 'La Liga text not read; as EPL', [
    false,
    'La Liga text not read; as EPL',
  ]),
  ATP: tennis(`${L}#l-atp-atp-tennis`, '#src-d15'),
  WTA: tennis(`${L}#l-wta-wta-tennis`, '#src-d16'),
  UFC: {
    events: ['draw', 'no-contest', 'postponed', 'cancelled'],
    polymarket: venue('match-result', true, `${L}#l-ufc-ufc; #src-d18: the officially declared winner`, {
      draw: rule(SPLIT, true, `${L}#l-ufc-ufc; #src-d18: draw or technical draw → 50-50`),
      'no-contest': rule(SPLIT, true, `${L}#l-ufc-ufc; #src-d18: no contest or not scored → 50-50`),
      postponed: rule(SPLIT, true, `${L}#l-ufc-ufc; #src-d19: postponed past the stated date → 50-50`),
      cancelled: rule(SPLIT, true, `${L}#l-ufc-ufc; #src-d18: cancelled → 50-50`),
    }),
    kalshi: venue('match-result', false, `${L}#l-ufc-ufc; #src-s8 (summary)`, {
      draw: rule(SPLIT, false, `${L}#l-ufc-ufc; #src-s8: draw → 50-50 (summary)`),
      'no-contest': rule(SPLIT, false, `${L}#l-ufc-ufc; #src-s8: no contest → 50-50 (summary)`),
      postponed: rule(BOUNDED, false, `${L}#l-ufc-ufc; Kalshi postponement window not read`),
      cancelled: rule(BOUNDED, false, `${L}#l-ufc-ufc; Kalshi cancellation rule not read`),
    }),
  },
  CS2: esports(`${L}#l-cs2-counter-strike-2`, '#src-d21 (HLTV)', ESPORTS_KALSHI_TIE),
  LOL: esports(`${L}#l-lol-league-of-legends`, '#src-d22, #src-d23 (gol.gg)', ESPORTS_KALSHI_TIE),
  VAL: esports(`${L}#l-val-valorant`, '#src-d22 (vlr.gg)', ESPORTS_KALSHI_TIE),
  DOTA2: esports(
    `${L}#l-dota2-dota-2`,
    '#src-d25',
    rule(
      { kind: 'all-no' },
      false,
      `${L}#l-dota2-dota-2; #src-k10 lists a Tie market, so a level best-of-two presumably pays neither team market (rule text not read)`,
    ),
  ),
};

/** The outcome rules of a league. */
export function outcomeRulesFor(id: LeagueId): OutcomeRules {
  return LEAGUE_OUTCOME_RULES[id];
}

/** One rule that keeps a league off live trading. */
export interface RuleGap {
  readonly venue: PairVenue;
  /** 'decided' or the event. */
  readonly what: 'decided' | GameEvent;
  readonly problem: 'unverified' | 'unknown' | 'basis-differs';
  readonly source: string;
}

export type LiveVerdict =
  | { readonly live: true }
  | { readonly live: false; readonly reason: string; readonly gaps: readonly RuleGap[] };

/** Every rule of a league that is not known on both venues. */
export function ruleGaps(rules: OutcomeRules): RuleGap[] {
  const gaps: RuleGap[] = [];
  if (rules.polymarket.decided.basis !== rules.kalshi.decided.basis) {
    gaps.push({
      venue: 'kalshi',
      what: 'decided',
      problem: 'basis-differs',
      source: `Polymarket decides on ${rules.polymarket.decided.basis}, Kalshi on ${rules.kalshi.decided.basis}`,
    });
  }
  for (const v of ['polymarket', 'kalshi'] as const) {
    const { decided, events } = rules[v];
    if (!decided.verified) gaps.push({ venue: v, what: 'decided', problem: 'unverified', source: decided.source });
    for (const event of rules.events) {
      const entry = events[event];
      if (!entry || entry.settlement.kind === 'unknown')
        gaps.push({ venue: v, what: event, problem: 'unknown', source: entry?.source ?? 'no rule' });
      else if (!entry.verified) gaps.push({ venue: v, what: event, problem: 'unverified', source: entry.source });
    }
  }
  return gaps;
}

const VENUE_LABEL: Readonly<Record<PairVenue, string>> = { polymarket: 'Polymarket', kalshi: 'Kalshi' };

/**
 * Whether live trading may trade this league: only when both venues' rules are known (every rule
 * verified in the venue's own text, both deciding outcomes on the same basis). Otherwise the
 * league is paper-only, and the reason names the first gap and the doc to read.
 */
export function liveTradeable(
  id: LeagueId,
  table: Readonly<Record<LeagueId, OutcomeRules>> = LEAGUE_OUTCOME_RULES,
): LiveVerdict {
  const gaps = ruleGaps(table[id]);
  if (gaps.length === 0) return { live: true };
  const first = gaps[0]!;
  const what = first.what === 'decided' ? 'deciding the game' : `the event "${first.what}"`;
  const problem =
    first.problem === 'basis-differs'
      ? `the venues decide the game differently (${first.source})`
      : `${VENUE_LABEL[first.venue]}'s rule for ${what} is ${first.problem === 'unknown' ? 'unknown' : 'not verified'} (${first.source})`;
  const more = gaps.length > 1 ? `; ${gaps.length - 1} more gap${gaps.length > 2 ? 's' : ''}` : '';
  return {
    live: false,
    reason: `${LEAGUE_CATALOGUE[id].name} is paper-only: ${problem}${more}; see ${LEAGUE_CATALOGUE[id].doc}`,
    gaps,
  };
}

/** The leagues live trading may trade. */
export function liveLeagues(table: Readonly<Record<LeagueId, OutcomeRules>> = LEAGUE_OUTCOME_RULES): LeagueId[] {
  return LEAGUE_IDS.filter((id) => liveTradeable(id, table).live);
}

/**
 * The selected leagues live trading lists, and those it leaves out with the reason: the four
 * major leagues always (their rule gate is the planner's, lib/core/rules.ts), any other league only
 * when `liveTradeable`. Paper mode lists every selected league; live discovery
 * (lib/engine/discover.ts `listedLeagues`) and the live preflight use this split.
 */
export function splitLiveLeagues(
  selected: readonly LeagueId[],
  table: Readonly<Record<LeagueId, OutcomeRules>> = LEAGUE_OUTCOME_RULES,
): { live: LeagueId[]; paperOnly: { league: LeagueId; reason: string }[] } {
  const live: LeagueId[] = [];
  const paperOnly: { league: LeagueId; reason: string }[] = [];
  for (const league of selected) {
    if (isMajorLeague(league)) {
      live.push(league);
      continue;
    }
    const verdict = liveTradeable(league, table);
    if (verdict.live) live.push(league);
    else paperOnly.push({ league, reason: verdict.reason });
  }
  return { live, paperOnly };
}

// ---- The two-team table of every two-way league, for the two-team planner (lib/core/arb.ts). ----

const RANGE: SettlementRule = { kind: 'fair-price' };

/**
 * An outcome settlement as a two-team rule. Settlements that depend on which participant advances
 * or on YES/NO rather than on the team a leg backs (`to-advancing`, `all-no`) and `bounded` ones
 * become a range [0, $1] on that leg: never tighter than the truth, so the worst case the planner
 * prices is never better than the real one.
 */
function twoTeamOf(s: OutcomeSettlement): SettlementRule {
  switch (s.kind) {
    case 'split':
      return { kind: 'split', perShareMicros: s.perShareMicros };
    case 'make-up-game':
      return { kind: 'make-up-game' };
    case 'fair-price':
    case 'bounded':
    case 'to-advancing':
    case 'all-no':
      return RANGE;
    case 'to-draw':
    case 'unknown':
      return { kind: 'unknown' };
  }
}

function sameRule(a: SettlementRule, b: SettlementRule): boolean {
  return a.kind === b.kind && (a.kind !== 'split' || b.kind !== 'split' || a.perShareMicros === b.perShareMicros);
}

/**
 * Several events folded into one scenario: their common rule when every event settles the same
 * way, a range [0, $1] when they differ, unknown when any is unknown or missing. Verified only
 * when every folded rule is.
 */
function folded(events: readonly GameEvent[], rules: VenueOutcomeRules): RuleEntry {
  const entries = events.map((e) => ({ e, entry: rules.events[e] }));
  const missing = entries.find((x) => x.entry === undefined);
  if (missing || entries.length === 0)
    return { rule: { kind: 'unknown' }, verified: false, source: `no rule for ${missing?.e ?? 'this scenario'}` };
  const mapped = entries.map((x) => ({ rule: twoTeamOf(x.entry!.settlement), entry: x.entry! }));
  const first = mapped[0]!.rule;
  const rule: SettlementRule = mapped.some((m) => m.rule.kind === 'unknown')
    ? { kind: 'unknown' }
    : mapped.every((m) => sameRule(m.rule, first))
      ? first
      : RANGE;
  return {
    rule,
    verified: mapped.every((m) => m.entry.verified),
    source: entries.map((x) => `${x.e}: ${x.entry!.source}`).join(' | '),
  };
}

/** Events with no scenario of their own in the two-team model: priced together with `cancelled`. */
const FOLDED_INTO_CANCELLED: readonly GameEvent[] = ['cancelled', 'abandoned', 'retirement', 'walkover', 'no-contest'];

/** A two-way league's outcome rules restated as a two-team table entry. */
export function twoTeamRules(rules: OutcomeRules, note: string): LeagueRules {
  const tiePossible = rules.events.includes('draw');
  const side = (v: PairVenue): Readonly<Record<ScenarioId, RuleEntry>> => {
    const decided = rules[v].decided;
    const sameBasis = rules.polymarket.decided.basis === rules.kalshi.decided.basis;
    const win: RuleEntry = sameBasis
      ? { rule: { kind: 'winner' }, verified: decided.verified, source: decided.source }
      : { rule: { kind: 'unknown' }, verified: false, source: `the venues decide the game on different bases` };
    const cancelled = FOLDED_INTO_CANCELLED.filter((e) => e === 'cancelled' || rules.events.includes(e));
    return {
      'side0-wins': win,
      'side1-wins': win,
      tie: tiePossible ? folded(['draw'], rules[v]) : { rule: { kind: 'unknown' }, verified: false, source: note },
      postponed: folded(['postponed'], rules[v]),
      cancelled: folded(cancelled, rules[v]),
    };
  };
  return { tiePossible, tieNote: note, polymarket: side('polymarket'), kalshi: side('kalshi') };
}

/**
 * The two-team rules of every two-way league: the four major leagues' own table, the other
 * two-way leagues restated from their outcome rules (`twoTeamRules`). Three-way leagues are left
 * out (no known rule: the two-team planner never trades them; lib/core/outcome-arb.ts does).
 */
export const TWO_TEAM_RULES: RuleTable = {
  ...Object.fromEntries(
    LEAGUE_IDS.filter((id) => LEAGUE_CATALOGUE[id].outcomes === 'two-way' && !(id in LEAGUE_RULES)).map((id) => [
      id,
      twoTeamRules(
        LEAGUE_OUTCOME_RULES[id],
        LEAGUE_OUTCOME_RULES[id].events.includes('draw')
          ? `${LEAGUE_CATALOGUE[id].name} games can end level (${LEAGUE_CATALOGUE[id].doc})`
          : `${LEAGUE_CATALOGUE[id].name} games are always decided (${LEAGUE_CATALOGUE[id].doc})`,
      ),
    ]),
  ),
  ...LEAGUE_RULES,
};
