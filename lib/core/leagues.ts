/**
 * The league catalogue: every league PolyMix trades or has researched, with how each venue
 * names its games, the outcome structure, who takes part, whether both venues' resolution rules
 * are known, and the hazards a discovery or matching step must respect. Facts and their grades
 * are in docs/leagues.md (one section per new league, cited by each entry); the four leagues the
 * engine trades today are documented in docs/venues-kalshi.md#k1-series and
 * docs/venues-polymarket.md#p1-sports.
 *
 * `LeagueId` is the engine's `League` (lib/core/market.ts): every catalogued league can be
 * selected (POLYMIX_LEAGUES, `parseLeagueList`), discovered and matched; three-way (soccer)
 * leagues are paired by the outcome-market path, not the two-way matcher (docs/leagues.md#wired).
 * Data only; the live gate that reads it with the rule tables is lib/core/league-rules.ts.
 */

export const LEAGUE_IDS = [
  'NBA',
  'NFL',
  'NHL',
  'MLB',
  'WNBA',
  'NCAAF',
  'NCAAMB',
  'NCAAWB',
  'EPL',
  'UCL',
  'MLS',
  'LALIGA',
  'ATP',
  'WTA',
  'UFC',
  'CS2',
  'LOL',
  'VAL',
  'DOTA2',
] as const;
export type LeagueId = (typeof LEAGUE_IDS)[number];

/**
 * How a fact was established (docs/leagues.md "How to read this page"): V venue docs or SDK,
 * D venue data recorded by a third party, C public third-party code, S a third party's summary of
 * a venue's rules, UNVERIFIED none of these. `in-use` marks the values the engine trades today.
 */
export type FactGrade = 'in-use' | 'V' | 'D' | 'C' | 'S' | 'UNVERIFIED';

/**
 * `two-way`: one outcome per participant, no draw market. `three-way`: a draw is listed as its
 * own market on both venues (soccer: Kalshi `-TIE`, a Polymarket negRisk event of three markets),
 * planned by lib/core/outcome-arb.ts.
 */
export type OutcomeStructure = 'two-way' | 'three-way';

export type ParticipantKind = 'team' | 'player' | 'fighter';

export type HazardId =
  /** A Kalshi team code can contain a hyphen: never split a ticker on `-`. */
  | 'hyphen-in-codes'
  /** Team codes have no fixed length and no separator in the Kalshi event ticker. */
  | 'variable-code-length'
  /** Venue codes differ and cannot be mapped by rule: match on names or a maintained table. */
  | 'codes-differ'
  /** The same string means different things (a prefix here, a team code there). */
  | 'code-collision'
  /** Kalshi lists the away team first (college: "A at B"). */
  | 'away-first'
  /** Soccer: both venues presumably list the home team first (UNVERIFIED). */
  | 'home-first-unverified'
  /** A draw is a market of its own: pair market by market, never as complements. */
  | 'draw-market'
  /** Kalshi may list a Tie market where Polymarket splits 50-50 (a level best-of-two). */
  | 'tie-market-kalshi-only'
  /** Men's and women's games between the same schools on the same day. */
  | 'same-day-other-league'
  /** The same pairing twice: two-legged ties, or repeated matches on one day. */
  | 'repeated-pairing'
  /** Matches abroad: the ET date of the slug is not the local date. */
  | 'date-not-local'
  /** The venues settle retirements, walkovers or forfeits differently. */
  | 'tail-rules-differ'
  /** A participant replaced late changes the matchup on one venue before the other. */
  | 'late-replacement'
  /** The game-winner market sits among other markets of the event (spreads, maps, rounds). */
  | 'winner-among-markets';

export interface Hazard {
  readonly id: HazardId;
  readonly note: string;
}

export interface LeagueEntry {
  readonly id: LeagueId;
  readonly name: string;
  readonly kalshi: {
    /** The game-winner series ticker. */
    readonly series: string;
    readonly grade: FactGrade;
    /** A real event ticker seen in a cited source, or null when none is citable. */
    readonly eventExample: string | null;
  };
  readonly polymarket: {
    /** Event slug prefix: `{prefix}-{code}-{code}-{YYYY-MM-DD}`. */
    readonly prefix: string;
    readonly grade: FactGrade;
    readonly eventExample: string | null;
  };
  /**
   * Polymarket US, for a league matched by labels that it lists: the league part of its moneyline
   * slug `aec-{league}-{code}-{code}-{YYYY-MM-DD}` (docs/venues-polymarket-us.md#u-slugs). Absent:
   * its Polymarket US listings are refused. The major leagues read theirs from the team tables.
   */
  readonly polymarketUs?: {
    readonly slugLeague: string;
    readonly grade: FactGrade;
    readonly eventExample: string | null;
  };
  readonly outcomes: OutcomeStructure;
  readonly participants: ParticipantKind;
  /** One of the four major leagues traded from the start (lib/core/market.ts MAJOR_LEAGUES): curated team and rule tables. */
  readonly traded: boolean;
  /**
   * Whether each venue's resolution rules for this league were read in its own text (or a
   * verbatim capture of it), per docs/rules.md. A league may trade live only when both are known
   * (lib/core/league-rules.ts `liveTradeable`).
   */
  readonly rulesKnown: { readonly polymarket: boolean; readonly kalshi: boolean };
  /** Where the facts are: a docs/*.md#anchor. */
  readonly doc: string;
  readonly hazards: readonly Hazard[];
}

const CODES_DIFFER: Hazard = {
  id: 'codes-differ',
  note: 'Kalshi and Polymarket codes come from different schemes; match on league + date + normalised names',
};
const VARIABLE_CODES: Hazard = {
  id: 'variable-code-length',
  note: 'the Kalshi team block has no separator and no fixed code length',
};
const DRAW_MARKET: Hazard = {
  id: 'draw-market',
  note: 'three markets per game (Kalshi -TIE, Polymarket -draw): pair market by market',
};
const HOME_FIRST: Hazard = {
  id: 'home-first-unverified',
  note: 'one public bot builds the Polymarket slug from the Kalshi ticker order, implying the same order; home first is UNVERIFIED',
};
const SOCCER_DATES: Hazard = {
  id: 'date-not-local',
  note: 'slug dates are US-Eastern: a European evening kick-off can carry the previous or same ET date',
};
const WINNER_AMONG: Hazard = {
  id: 'winner-among-markets',
  note: 'the event holds spread, total or map markets too: pick the match winner by market type',
};
const ESPORTS_FORFEIT: Hazard = {
  id: 'tail-rules-differ',
  note: 'a pre-match forfeit or cancellation: Polymarket 50-50, Kalshi No for that team (summaries only)',
};
const ESPORTS_REPEAT: Hazard = {
  id: 'repeated-pairing',
  note: 'double-elimination brackets can repeat a pairing on one day; a Polymarket slug carries only the date',
};

/** The catalogue, one entry per league, in `LEAGUE_IDS` order. */
export const LEAGUE_CATALOGUE: Readonly<Record<LeagueId, LeagueEntry>> = {
  NBA: {
    id: 'NBA',
    name: 'NBA',
    kalshi: { series: 'KXNBAGAME', grade: 'in-use', eventExample: 'KXNBAGAME-26APR21HOULAL' },
    polymarket: { prefix: 'nba', grade: 'in-use', eventExample: 'nba-lal-bos-2025-12-27' },
    outcomes: 'two-way',
    participants: 'team',
    traded: true,
    rulesKnown: { polymarket: true, kalshi: false },
    doc: 'docs/venues-kalshi.md#k1-series',
    hazards: [VARIABLE_CODES],
  },
  NFL: {
    id: 'NFL',
    name: 'NFL',
    kalshi: { series: 'KXNFLGAME', grade: 'in-use', eventExample: 'KXNFLGAME-26SEP13DALNYG' },
    polymarket: { prefix: 'nfl', grade: 'in-use', eventExample: null },
    outcomes: 'two-way',
    participants: 'team',
    traded: true,
    rulesKnown: { polymarket: true, kalshi: true },
    doc: 'docs/venues-kalshi.md#k1-series',
    hazards: [VARIABLE_CODES],
  },
  NHL: {
    id: 'NHL',
    name: 'NHL',
    kalshi: { series: 'KXNHLGAME', grade: 'in-use', eventExample: null },
    polymarket: { prefix: 'nhl', grade: 'in-use', eventExample: 'nhl-las-pit-2026-03-01' },
    outcomes: 'two-way',
    participants: 'team',
    traded: true,
    rulesKnown: { polymarket: true, kalshi: false },
    doc: 'docs/venues-kalshi.md#k1-series',
    hazards: [VARIABLE_CODES],
  },
  MLB: {
    id: 'MLB',
    name: 'MLB',
    kalshi: { series: 'KXMLBGAME', grade: 'in-use', eventExample: 'KXMLBGAME-26MAY091610WSHMIA' },
    polymarket: { prefix: 'mlb', grade: 'in-use', eventExample: null },
    outcomes: 'two-way',
    participants: 'team',
    traded: true,
    rulesKnown: { polymarket: true, kalshi: true },
    doc: 'docs/venues-kalshi.md#k1-series',
    hazards: [
      VARIABLE_CODES,
      { id: 'repeated-pairing', note: 'doubleheaders: Kalshi marks game 1 and 2 with a G1/G2 suffix' },
    ],
  },
  WNBA: {
    id: 'WNBA',
    name: 'WNBA',
    kalshi: { series: 'KXWNBAGAME', grade: 'D', eventExample: 'KXWNBAGAME-26SEP24LVPHX' },
    polymarket: { prefix: 'wnba', grade: 'D', eventExample: 'wnba-la-las-2026-05-23' },
    outcomes: 'two-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: false, kalshi: false },
    doc: 'docs/leagues.md#l-wnba-wnba',
    hazards: [
      { id: 'code-collision', note: 'Polymarket codes la (Sparks) and las (Aces) differ by one letter' },
      CODES_DIFFER,
    ],
  },
  NCAAF: {
    id: 'NCAAF',
    name: 'NCAA football',
    kalshi: { series: 'KXNCAAFGAME', grade: 'D', eventExample: 'KXNCAAFGAME-25DEC27M-OHFRES' },
    polymarket: { prefix: 'cfb', grade: 'C', eventExample: null },
    outcomes: 'two-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: false, kalshi: false },
    doc: 'docs/leagues.md#l-ncaaf-ncaa-football',
    hazards: [
      { id: 'hyphen-in-codes', note: 'KXNCAAFGAME-25DEC27M-OHFRES has the codes M-OH and FRES' },
      VARIABLE_CODES,
      {
        id: 'away-first',
        note: 'college tickers put the away team first (seen for basketball; UNVERIFIED for football)',
      },
      CODES_DIFFER,
    ],
  },
  NCAAMB: {
    id: 'NCAAMB',
    name: "NCAA men's basketball",
    kalshi: { series: 'KXNCAAMBGAME', grade: 'D', eventExample: 'KXNCAAMBGAME-26MAR05WKUMOSU' },
    polymarket: { prefix: 'cbb', grade: 'D', eventExample: 'cbb-tx-gnzg-2026-03-21' },
    outcomes: 'two-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: true, kalshi: false },
    doc: 'docs/leagues.md#l-ncaam-ncaa-mens-basketball',
    hazards: [
      { id: 'away-first', note: '"Western Kentucky at Missouri St." is WKUMOSU' },
      {
        id: 'same-day-other-league',
        note: 'the same schools can play a women’s game the same day: the league is part of the key',
      },
      WINNER_AMONG,
      VARIABLE_CODES,
      CODES_DIFFER,
    ],
  },
  NCAAWB: {
    id: 'NCAAWB',
    name: "NCAA women's basketball",
    kalshi: { series: 'KXNCAAWBGAME', grade: 'D', eventExample: 'KXNCAAWBGAME-26MAR04COLGLAF' },
    polymarket: { prefix: 'cwbb', grade: 'D', eventExample: 'cwbb-prnce-okst-2026-03-21' },
    outcomes: 'two-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: false, kalshi: false },
    doc: 'docs/leagues.md#l-ncaaw-ncaa-womens-basketball',
    hazards: [
      { id: 'away-first', note: '"Colgate at Lafayette" is COLGLAF' },
      {
        id: 'same-day-other-league',
        note: 'the same schools can play a men’s game the same day: the league is part of the key',
      },
      VARIABLE_CODES,
      CODES_DIFFER,
    ],
  },
  EPL: {
    id: 'EPL',
    name: 'English Premier League',
    kalshi: { series: 'KXEPLGAME', grade: 'D', eventExample: 'KXEPLGAME-25DEC27CFCAVL' },
    polymarket: { prefix: 'epl', grade: 'D', eventExample: 'epl-cry-wes-2026-04-20' },
    outcomes: 'three-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: false, kalshi: false },
    doc: 'docs/leagues.md#l-epl-english-premier-league',
    hazards: [
      DRAW_MARKET,
      HOME_FIRST,
      { id: 'codes-differ', note: 'Kalshi CFC and AVL, Polymarket che and mac' },
      SOCCER_DATES,
    ],
  },
  UCL: {
    id: 'UCL',
    name: 'UEFA Champions League',
    kalshi: { series: 'KXUCLGAME', grade: 'C', eventExample: null },
    polymarket: { prefix: 'ucl', grade: 'D', eventExample: 'ucl-atm1-ars-2026-04-29' },
    outcomes: 'three-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: false, kalshi: false },
    doc: 'docs/leagues.md#l-ucl-uefa-champions-league',
    hazards: [
      DRAW_MARKET,
      HOME_FIRST,
      {
        id: 'repeated-pairing',
        note: 'knockout ties are two legs between the same clubs, home and away swapped: pair plus date is the key',
      },
      { id: 'codes-differ', note: 'Polymarket codes carry digits (atm1)' },
      SOCCER_DATES,
    ],
  },
  MLS: {
    id: 'MLS',
    name: 'Major League Soccer',
    kalshi: { series: 'KXMLSGAME', grade: 'C', eventExample: null },
    polymarket: { prefix: 'mls', grade: 'D', eventExample: 'mls-tor-aus-2026-04-18' },
    outcomes: 'three-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: false, kalshi: false },
    doc: 'docs/leagues.md#l-mls-major-league-soccer',
    hazards: [DRAW_MARKET, HOME_FIRST, CODES_DIFFER],
  },
  LALIGA: {
    id: 'LALIGA',
    name: 'La Liga',
    kalshi: { series: 'KXLALIGAGAME', grade: 'C', eventExample: null },
    polymarket: { prefix: 'lal', grade: 'D', eventExample: 'lal-mal-rea-2026-04-04' },
    outcomes: 'three-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: false, kalshi: false },
    doc: 'docs/leagues.md#l-laliga-la-liga',
    hazards: [
      DRAW_MARKET,
      HOME_FIRST,
      {
        id: 'code-collision',
        note: 'rea is Real Madrid and mad Atlético; val is Valencia here and the Valorant prefix',
      },
      SOCCER_DATES,
    ],
  },
  ATP: {
    id: 'ATP',
    name: 'ATP tennis',
    kalshi: { series: 'KXATPMATCH', grade: 'D', eventExample: 'KXATPMATCH-26MAR12TIESIN' },
    polymarket: { prefix: 'atp', grade: 'D', eventExample: 'atp-fonseca-shelton-2026-04-17' },
    outcomes: 'two-way',
    participants: 'player',
    traded: false,
    rulesKnown: { polymarket: true, kalshi: false },
    doc: 'docs/leagues.md#l-atp-atp-tennis',
    hazards: [
      {
        id: 'tail-rules-differ',
        note: 'retirement: Polymarket pays the advancing player; Kalshi a fair price or No (summaries disagree)',
      },
      { id: 'codes-differ', note: 'Kalshi three-letter surname codes, Polymarket surnames truncated to seven letters' },
      { id: 'date-not-local', note: 'a match in Asia carries the US-Eastern date in the Polymarket slug' },
      WINNER_AMONG,
    ],
  },
  WTA: {
    id: 'WTA',
    name: 'WTA tennis',
    kalshi: { series: 'KXWTAMATCH', grade: 'D', eventExample: 'KXWTAMATCH-26MAR07HUNBEN' },
    polymarket: { prefix: 'wta', grade: 'D', eventExample: 'wta-day-swiatek-2026-03-06' },
    outcomes: 'two-way',
    participants: 'player',
    traded: false,
    rulesKnown: { polymarket: true, kalshi: false },
    doc: 'docs/leagues.md#l-wta-wta-tennis',
    hazards: [
      {
        id: 'tail-rules-differ',
        note: 'retirement: Polymarket pays the advancing player; Kalshi a fair price or No (summaries disagree)',
      },
      { id: 'codes-differ', note: 'Kalshi three-letter surname codes, Polymarket truncated surnames (starodu)' },
      { id: 'date-not-local', note: 'a match abroad carries the US-Eastern date in the Polymarket slug' },
    ],
  },
  UFC: {
    id: 'UFC',
    name: 'UFC',
    kalshi: { series: 'KXUFCFIGHT', grade: 'D', eventExample: 'KXUFCFIGHT-26APR25MCVDUM' },
    polymarket: { prefix: 'ufc', grade: 'D', eventExample: 'ufc-mal3-jua6-2026-05-16' },
    polymarketUs: { slugLeague: 'ufc', grade: 'D', eventExample: 'aec-ufc-kennze-marbuc-2025-12-13' },
    outcomes: 'two-way',
    participants: 'fighter',
    traded: false,
    rulesKnown: { polymarket: true, kalshi: false },
    doc: 'docs/leagues.md#l-ufc-ufc',
    hazards: [
      { id: 'late-replacement', note: 'a fighter replaced late changes the matchup on one venue first' },
      {
        id: 'codes-differ',
        note: 'Kalshi SAN for Jesus Santos Aguilar; Polymarket first-name stems with digits (mal3)',
      },
      WINNER_AMONG,
    ],
  },
  CS2: {
    id: 'CS2',
    name: 'Counter-Strike 2',
    kalshi: { series: 'KXCS2GAME', grade: 'D', eventExample: 'KXCS2GAME-26MAR31FALBST' },
    polymarket: { prefix: 'cs2', grade: 'D', eventExample: 'cs2-furia-9ine-2026-01-16' },
    outcomes: 'two-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: true, kalshi: false },
    doc: 'docs/leagues.md#l-cs2-counter-strike-2',
    hazards: [ESPORTS_FORFEIT, ESPORTS_REPEAT, WINNER_AMONG, VARIABLE_CODES, CODES_DIFFER],
  },
  LOL: {
    id: 'LOL',
    name: 'League of Legends',
    kalshi: { series: 'KXLOLGAME', grade: 'C', eventExample: null },
    polymarket: { prefix: 'lol', grade: 'D', eventExample: 'lol-hrts-bar-2026-06-03' },
    outcomes: 'two-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: true, kalshi: false },
    doc: 'docs/leagues.md#l-lol-league-of-legends',
    hazards: [ESPORTS_FORFEIT, ESPORTS_REPEAT, WINNER_AMONG, CODES_DIFFER],
  },
  VAL: {
    id: 'VAL',
    name: 'Valorant',
    kalshi: { series: 'KXVALORANTGAME', grade: 'D', eventExample: 'KXVALORANTGAME-26MAR29MKSHI' },
    polymarket: { prefix: 'val', grade: 'D', eventExample: 'val-loud-c9-2026-05-03' },
    outcomes: 'two-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: true, kalshi: false },
    doc: 'docs/leagues.md#l-val-valorant',
    hazards: [
      ESPORTS_FORFEIT,
      ESPORTS_REPEAT,
      { id: 'code-collision', note: 'the prefix val is also La Liga’s code for Valencia' },
      WINNER_AMONG,
      CODES_DIFFER,
    ],
  },
  DOTA2: {
    id: 'DOTA2',
    name: 'Dota 2',
    kalshi: { series: 'KXDOTA2GAME', grade: 'D', eventExample: 'KXDOTA2GAME-26MAR22YBTY' },
    polymarket: { prefix: 'dota2', grade: 'D', eventExample: 'dota2-gl-liquid-2026-05-14' },
    // Two participants on Polymarket; Kalshi can add a Tie market (best-of-two): see the hazard.
    outcomes: 'two-way',
    participants: 'team',
    traded: false,
    rulesKnown: { polymarket: true, kalshi: false },
    doc: 'docs/leagues.md#l-dota2-dota-2',
    hazards: [
      {
        id: 'tie-market-kalshi-only',
        note: 'a level best-of-two: Kalshi lists a Tie market, Polymarket pays 50-50; refuse or price such events as three-way',
      },
      ESPORTS_FORFEIT,
      ESPORTS_REPEAT,
      WINNER_AMONG,
      CODES_DIFFER,
    ],
  },
};

/** The catalogue entry of a league. */
export function leagueEntry(id: LeagueId): LeagueEntry {
  return LEAGUE_CATALOGUE[id];
}

/** The league whose Kalshi game series this is, or null. */
export function leagueOfKalshiSeries(series: string): LeagueId | null {
  return LEAGUE_IDS.find((id) => LEAGUE_CATALOGUE[id].kalshi.series === series) ?? null;
}

/** The league whose Polymarket slug prefix this is, or null. A code inside a slug is never a prefix. */
export function leagueOfPolymarketPrefix(prefix: string): LeagueId | null {
  return LEAGUE_IDS.find((id) => LEAGUE_CATALOGUE[id].polymarket.prefix === prefix) ?? null;
}

/**
 * The leagues PolyMix traded first: the default of POLYMIX_LEAGUES, and the leagues with curated
 * team tables (lib/core/teams) and two-team rule tables (lib/core/rules.ts LEAGUE_RULES).
 */
export const MAJOR_LEAGUES = ['NBA', 'NFL', 'NHL', 'MLB'] as const satisfies readonly LeagueId[];
export type MajorLeague = (typeof MAJOR_LEAGUES)[number];

export function isMajorLeague(id: LeagueId): id is MajorLeague {
  return (MAJOR_LEAGUES as readonly string[]).includes(id);
}

/** Whether the catalogue names this league id (exact, upper case). */
export function isLeagueId(name: string): name is LeagueId {
  return (LEAGUE_IDS as readonly string[]).includes(name);
}

/** What a league list accepts, for error messages and usage texts. */
export const LEAGUE_LIST_HELP = `a comma list of ${LEAGUE_IDS.join(', ')} (any case), or all`;

/**
 * A comma list of league ids, any case, or `all` for every catalogued league; duplicates are
 * dropped, order kept. An empty entry or an unknown name is an error (callers add LEAGUE_LIST_HELP).
 */
export function parseLeagueList(
  raw: string,
): { readonly ok: true; readonly leagues: LeagueId[] } | { readonly ok: false; readonly reason: string } {
  const names = raw.split(',').map((s) => s.trim().toUpperCase());
  if (names.length === 1 && names[0] === 'ALL') return { ok: true, leagues: [...LEAGUE_IDS] };
  if (names.includes('ALL')) return { ok: false, reason: `"all" cannot be combined with other leagues` };
  if (names.some((n) => n === '')) return { ok: false, reason: 'an empty league name' };
  const unknown = names.filter((n) => !isLeagueId(n));
  if (unknown.length > 0)
    return { ok: false, reason: `unknown league ${unknown.map((n) => JSON.stringify(n)).join(', ')}` };
  return { ok: true, leagues: [...new Set(names)] as LeagueId[] };
}
