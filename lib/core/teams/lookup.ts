/**
 * Team lookup by every alias the venues use. All lookups are league-scoped ("Giants" is NYG in
 * the NFL and SF in MLB) and answer null rather than guess: an alias shared by two teams of one
 * league ("Los Angeles", "New York", "Chicago") is ambiguous and resolves to nothing.
 */
import type { League, MajorLeague, TeamRef } from '../market';
import { MLB_TEAMS } from './mlb';
import { NBA_TEAMS } from './nba';
import { NFL_TEAMS } from './nfl';
import { NHL_TEAMS } from './nhl';
import type { TeamRecord } from './team';
import { normalizeName } from './team';

/** The curated team tables: the major leagues only. Other leagues have none; every lookup answers null. */
const TABLES: Readonly<Record<MajorLeague, readonly TeamRecord[]>> = {
  NBA: NBA_TEAMS,
  NFL: NFL_TEAMS,
  NHL: NHL_TEAMS,
  MLB: MLB_TEAMS,
};

interface LeagueIndex {
  readonly refs: ReadonlyMap<string, TeamRef>;
  readonly records: ReadonlyMap<string, TeamRecord>;
  readonly byKalshi: ReadonlyMap<string, TeamRecord>;
  readonly byPolymarket: ReadonlyMap<string, TeamRecord>;
  /** Normalised names → team, or null where two teams share the name. */
  readonly byName: ReadonlyMap<string, TeamRecord | null>;
  /** Names and every code → team, or null where ambiguous. */
  readonly byAny: ReadonlyMap<string, TeamRecord | null>;
}

function addShared(map: Map<string, TeamRecord | null>, key: string, record: TeamRecord): void {
  if (key === '') return;
  const existing = map.get(key);
  if (existing === undefined) map.set(key, record);
  else if (existing !== null && existing.code !== record.code) map.set(key, null);
}

function addUnique(map: Map<string, TeamRecord>, key: string, record: TeamRecord, what: string): void {
  const existing = map.get(key);
  if (existing && existing.code !== record.code) {
    // A data error: two teams of one league cannot share a venue code.
    throw new Error(`${record.league} ${what} code ${key} is listed for both ${existing.code} and ${record.code}`);
  }
  map.set(key, record);
}

function buildIndex(league: League, table: readonly TeamRecord[]): LeagueIndex {
  const refs = new Map<string, TeamRef>();
  const records = new Map<string, TeamRecord>();
  const byKalshi = new Map<string, TeamRecord>();
  const byPolymarket = new Map<string, TeamRecord>();
  const byName = new Map<string, TeamRecord | null>();
  const byAny = new Map<string, TeamRecord | null>();
  for (const record of table) {
    if (record.league !== league) throw new Error(`${record.code} is filed under ${league} but says ${record.league}`);
    addUnique(records, record.code, record, 'canonical');
    refs.set(record.code, Object.freeze({ league, code: record.code }));
    for (const code of record.kalshiCodes) addUnique(byKalshi, code, record, 'Kalshi');
    for (const code of record.polymarketCodes) addUnique(byPolymarket, code, record, 'Polymarket');
    const names = [record.fullName, record.city, record.nickname, record.kalshiSubTitle, ...record.aliases];
    for (const name of names) {
      addShared(byName, normalizeName(name), record);
      addShared(byAny, normalizeName(name), record);
    }
    const codes = [record.code, ...record.kalshiCodes, ...record.polymarketCodes];
    for (const code of codes) addShared(byAny, normalizeName(code), record);
  }
  return { refs, records, byKalshi, byPolymarket, byName, byAny };
}

const INDEX: Readonly<Partial<Record<League, LeagueIndex>>> = {
  NBA: buildIndex('NBA', NBA_TEAMS),
  NFL: buildIndex('NFL', NFL_TEAMS),
  NHL: buildIndex('NHL', NHL_TEAMS),
  MLB: buildIndex('MLB', MLB_TEAMS),
};

function refOf(record: TeamRecord | null | undefined): TeamRef | null {
  if (!record) return null;
  return INDEX[record.league]?.refs.get(record.code) ?? null;
}

/** Whether the league has a curated team table. */
export function hasTeamTable(league: League): league is MajorLeague {
  return league in TABLES;
}

/** Every team of a league, in table order; none for a league without a table. */
export function teamsOf(league: League): readonly TeamRecord[] {
  return hasTeamTable(league) ? TABLES[league] : [];
}

/** The full row of a team, or null when the ref names no team. */
export function teamRecord(ref: TeamRef): TeamRecord | null {
  return INDEX[ref.league]?.records.get(ref.code) ?? null;
}

/** The shared TeamRef of a canonical code (`LAL`), or null. */
export function teamRef(league: League, code: string): TeamRef | null {
  return INDEX[league]?.refs.get(code) ?? null;
}

/**
 * Any alias: full name, city, nickname, Kalshi sub-title, other names, canonical code or either
 * venue's code. Case, accents and punctuation are ignored. Null when unknown or ambiguous.
 */
export function findTeam(league: League, alias: string): TeamRef | null {
  return refOf(INDEX[league]?.byAny.get(normalizeName(alias)));
}

/**
 * Names only (no codes): for Polymarket outcomes and Kalshi sub-titles, where a code match would
 * be a false friend (an outcome "No" is not the New Orleans Saints).
 */
export function findTeamByName(league: League, name: string): TeamRef | null {
  return refOf(INDEX[league]?.byName.get(normalizeName(name)));
}

/** A team code as written in a Kalshi ticker (upper case, exact). */
export function findTeamByKalshiCode(league: League, code: string): TeamRef | null {
  return refOf(INDEX[league]?.byKalshi.get(code));
}

/** A team code as written in a Polymarket slug (lower case, exact). */
export function findTeamByPolymarketCode(league: League, code: string): TeamRef | null {
  return refOf(INDEX[league]?.byPolymarket.get(code));
}

export type CodeSplit =
  | { readonly ok: true; readonly codes: readonly [string, string]; readonly teams: readonly [TeamRef, TeamRef] }
  | { readonly ok: false; readonly reason: string; readonly ambiguous: boolean };

/**
 * Split Kalshi's concatenated team codes (`LALBOS`, `VGKLA`, `KCCWS`) into two teams of the
 * league. Codes have different lengths, so every cut is tried; exactly one cut into two
 * different known teams must work, otherwise the answer is a refusal (never a guess).
 */
export function splitKalshiTeamCodes(league: League, blob: string): CodeSplit {
  const found: Array<{ codes: [string, string]; teams: [TeamRef, TeamRef] }> = [];
  for (let cut = 1; cut < blob.length; cut += 1) {
    const left = blob.slice(0, cut);
    const right = blob.slice(cut);
    const a = findTeamByKalshiCode(league, left);
    const b = findTeamByKalshiCode(league, right);
    if (a && b && a.code !== b.code) found.push({ codes: [left, right], teams: [a, b] });
  }
  const [only, ...more] = found;
  if (only && more.length === 0) return { ok: true, codes: only.codes, teams: only.teams };
  if (!only)
    return { ok: false, reason: `no two known ${league} Kalshi team codes make up "${blob}"`, ambiguous: false };
  const cuts = found.map((f) => f.codes.join('+')).join(', ');
  return { ok: false, reason: `"${blob}" splits into ${league} teams more than one way (${cuts})`, ambiguous: true };
}
