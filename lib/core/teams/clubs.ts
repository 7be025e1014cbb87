/**
 * Club tables of the three-way (soccer) leagues, for the outcome-market matcher
 * (lib/core/match/outcomes.ts). Kept apart from the major leagues' team tables (./lookup.ts):
 * the same lookups, league-scoped, answering null rather than guessing (an alias two clubs share
 * resolves to nothing). A table is the cross-check, not the gate: a club the table knows is
 * identified by it (code, then every name the venues give must agree), and a club it does not
 * know (every club of a league without a table) is identified by the venues' own labels
 * (docs/engine.md#three-way).
 */
import type { League, TeamRef } from '../market';
import { EPL_TEAMS } from './epl';
import type { TeamRecord } from './team';
import { normalizeName } from './team';

const CLUB_TABLES: Readonly<Partial<Record<League, readonly TeamRecord[]>>> = { EPL: EPL_TEAMS };

interface ClubIndex {
  readonly refs: ReadonlyMap<string, TeamRef>;
  readonly byKalshi: ReadonlyMap<string, TeamRef>;
  readonly byPolymarket: ReadonlyMap<string, TeamRef>;
  /** Normalised names → club, or null where two clubs share the name. */
  readonly byName: ReadonlyMap<string, TeamRef | null>;
}

function indexOf(league: League, table: readonly TeamRecord[]): ClubIndex {
  const refs = new Map<string, TeamRef>();
  const byKalshi = new Map<string, TeamRef>();
  const byPolymarket = new Map<string, TeamRef>();
  const byName = new Map<string, TeamRef | null>();
  const unique = (map: Map<string, TeamRef>, key: string, ref: TeamRef, what: string) => {
    const prior = map.get(key);
    if (prior && prior.code !== ref.code)
      throw new Error(`${league} ${what} code ${key} is listed for both ${prior.code} and ${ref.code}`);
    map.set(key, ref);
  };
  for (const record of table) {
    if (record.league !== league) throw new Error(`${record.code} is filed under ${league} but says ${record.league}`);
    if (refs.has(record.code)) throw new Error(`${league} lists ${record.code} twice`);
    const ref: TeamRef = Object.freeze({ league, code: record.code });
    refs.set(record.code, ref);
    for (const code of record.kalshiCodes) unique(byKalshi, code, ref, 'Kalshi');
    for (const code of record.polymarketCodes) unique(byPolymarket, code, ref, 'Polymarket');
    for (const name of [record.fullName, record.city, record.nickname, record.kalshiSubTitle, ...record.aliases]) {
      const key = normalizeName(name);
      if (key === '') continue;
      const prior = byName.get(key);
      if (prior === undefined) byName.set(key, ref);
      else if (prior !== null && prior.code !== ref.code) byName.set(key, null);
    }
  }
  return { refs, byKalshi, byPolymarket, byName };
}

const INDEX = new Map<League, ClubIndex>(
  Object.entries(CLUB_TABLES).map(([league, table]) => [league as League, indexOf(league as League, table ?? [])]),
);

/** Whether the league has a club table (without one, its clubs are identified by the venues' labels alone). */
export function hasClubTable(league: League): boolean {
  return INDEX.has(league);
}

/** Every club of a league, in table order; none without a table. */
export function clubsOf(league: League): readonly TeamRecord[] {
  return CLUB_TABLES[league] ?? [];
}

/** A club code as written in a Kalshi ticker (upper case, exact). */
export function findClubByKalshiCode(league: League, code: string): TeamRef | null {
  return INDEX.get(league)?.byKalshi.get(code) ?? null;
}

/** A club code as written in a Polymarket slug (lower case, exact). */
export function findClubByPolymarketCode(league: League, code: string): TeamRef | null {
  return INDEX.get(league)?.byPolymarket.get(code) ?? null;
}

/** A club by name (full, short or alias; case, accents and punctuation ignored); null when unknown or shared. */
export function findClubByName(league: League, name: string): TeamRef | null {
  return INDEX.get(league)?.byName.get(normalizeName(name)) ?? null;
}

/**
 * What the league's table says of a name: the club it names, `shared` when it names two clubs
 * (then it identifies neither, and must not be read as some other club's label), or null when
 * the table does not know it (or the league has no table).
 */
export function clubOfName(league: League, name: string): TeamRef | 'shared' | null {
  const found = INDEX.get(league)?.byName.get(normalizeName(name));
  return found === undefined ? null : (found ?? 'shared');
}
