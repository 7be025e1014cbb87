/**
 * How each venue names a game, parsed into league, teams and date (and back, for simulators).
 *
 * Kalshi event ticker (docs/venues-kalshi.md#k1): `<SERIES>-<YYMONDD>[HHMM]<AWAY><HOME>[G<n>]`
 * - `YYMONDD` is the US-Eastern calendar date of the game: `KXNFLGAME-26SEP13DALNYG` kicks off
 *   2026-09-14T00:20Z (seen in public data).
 * - `HHMM` is the scheduled start in US-Eastern time; MLB tickers carry it from 2026
 *   (`KXMLBGAME-26AUG222040MINSD` = 20:40 EDT, the same game Polymarket lists at 00:40Z).
 * - Team codes are concatenated with no separator and have 2–4 letters, so they are split with the
 *   code table (lookup.ts). Away team first in every example seen; not relied on here.
 * - `G1`/`G2` marked MLB doubleheader games in 2025 (`KXMLBGAME-25APR26BALDETG1`).
 *
 * Polymarket event slug (docs/venues-polymarket.md#p1): `<league>-<code>-<code>-<YYYY-MM-DD>`, e.g.
 * `nba-lal-bos-2025-12-27`. The date is USUALLY the US-Eastern game date, but a public probe found
 * slugs of October–November 2025 written with the UTC date instead (`nba-phx-uta-2025-10-28` for
 * a game at 2025-10-28T01:00Z, i.e. Oct 27 in New York). match.ts therefore takes the date from the
 * start time and only checks the slug date against it. Anything after the date is kept as `suffix`.
 *
 * Polymarket US moneyline slug (docs/venues-polymarket-us.md#u-slugs): `aec-` then the same
 * `<league>-<code>-<code>-<YYYY-MM-DD>`, nothing after the date; the first team is the long (YES)
 * side. Its codes are read with Polymarket's code table, and the date gets Polymarket's checks.
 */
import { LEAGUE_CATALOGUE, LEAGUE_IDS, leagueOfKalshiSeries } from '../leagues';
import type { League, TeamRef } from '../market';
import { isCalendarDate, parseUtcDay, usEasternOffsetHours } from '../time';
import { findTeamByPolymarketCode, splitKalshiTeamCodes, teamRecord } from './lookup';

/** A parse result; a failure says why, and `unknown` names the alias no table knows, if that was the cause. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string; readonly unknown?: string };

/** Kalshi game-winner series per league (docs/venues-kalshi.md#k1; the catalogue, lib/core/leagues.ts). */
export const KALSHI_GAME_SERIES: Readonly<Record<League, string>> = Object.fromEntries(
  LEAGUE_IDS.map((id) => [id, LEAGUE_CATALOGUE[id].kalshi.series]),
) as Record<League, string>;

/** Polymarket slug prefix per league (the catalogue). */
export const POLYMARKET_PREFIX: Readonly<Record<League, string>> = Object.fromEntries(
  LEAGUE_IDS.map((id) => [id, LEAGUE_CATALOGUE[id].polymarket.prefix]),
) as Record<League, string>;

/** The major leagues' slug prefixes: the leagues these parsers read (with their team tables). */
const MAJOR_PREFIX: Readonly<Record<string, League>> = { nba: 'NBA', nfl: 'NFL', nhl: 'NHL', mlb: 'MLB' };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const MS_PER_MINUTE = 60_000;

export interface KalshiEventTickerParts {
  readonly series: string;
  readonly league: League;
  /** US-Eastern calendar date of the game, `YYYY-MM-DD`. */
  readonly date: string;
  /** Scheduled start from the ticker's `HHMM` (US Eastern), epoch ms; null when absent. */
  readonly startMs: number | null;
  /** Codes as written, in ticker order. */
  readonly codes: readonly [string, string];
  readonly teams: readonly [TeamRef, TeamRef];
  /** Doubleheader game number from a `G<n>` suffix, else null. */
  readonly gameNumber: number | null;
}

export interface PolymarketSlugParts {
  readonly league: League;
  /** The date written in the slug (usually, not always, the US-Eastern game date). */
  readonly date: string;
  readonly codes: readonly [string, string];
  readonly teams: readonly [TeamRef, TeamRef];
  /** Whatever follows the date (`total-6pt5`, …), or null. */
  readonly suffix: string | null;
}

/** Epoch ms of a US-Eastern wall-clock time on a calendar date (DST per lib/core/time). */
export function easternWallTimeToMs(day: string, hour: number, minute: number): number {
  const wallAsUtc = parseUtcDay(day) + (hour * 60 + minute) * MS_PER_MINUTE;
  // Try EST (+5h) first; if that instant is in daylight time, the wall clock was EDT (+4h).
  const asStandard = wallAsUtc + 5 * 60 * MS_PER_MINUTE;
  return usEasternOffsetHours(asStandard) === -4 ? wallAsUtc + 4 * 60 * MS_PER_MINUTE : asStandard;
}

const KALSHI_EVENT = /^([A-Z0-9]+)-(\d{2})([A-Z]{3})(\d{2})(\d{4})?([A-Z]+)(?:G(\d))?$/;

/** Parse a Kalshi game event ticker (`KXNBAGAME-25DEC27LALBOS`). */
export function parseKalshiEventTicker(ticker: string): Parsed<KalshiEventTickerParts> {
  const m = KALSHI_EVENT.exec(ticker);
  if (!m) return { ok: false, reason: `Kalshi event ticker "${ticker}" is not <SERIES>-<YYMONDD>[HHMM]<TEAMS>` };
  const [, series = '', yy = '', mon = '', dd = '', hhmm, blob = '', game] = m;
  const league = leagueOfKalshiSeries(series);
  if (!league) return { ok: false, reason: `Kalshi series "${series}" is not a catalogued game series` };
  const monthIndex = MONTHS.indexOf(mon as (typeof MONTHS)[number]);
  const date = `20${yy}-${String(monthIndex + 1).padStart(2, '0')}-${dd}`;
  if (monthIndex < 0 || !isCalendarDate(date)) {
    return { ok: false, reason: `Kalshi event ticker "${ticker}" has no valid date` };
  }
  let startMs: number | null = null;
  if (hhmm !== undefined) {
    const hour = Number(hhmm.slice(0, 2));
    const minute = Number(hhmm.slice(2));
    if (hour > 23 || minute > 59) return { ok: false, reason: `Kalshi event ticker "${ticker}" has no valid time` };
    try {
      startMs = easternWallTimeToMs(date, hour, minute);
    } catch {
      // lib/core/time knows US Eastern DST from 2007 on only.
      return { ok: false, reason: `Kalshi event ticker "${ticker}" has a date outside the supported range` };
    }
  }
  const split = splitKalshiTeamCodes(league, blob);
  if (!split.ok) {
    const reason = `Kalshi event ticker "${ticker}": ${split.reason}`;
    return split.ambiguous ? { ok: false, reason } : { ok: false, reason, unknown: blob };
  }
  const gameNumber = game === undefined ? null : Number(game);
  return { ok: true, value: { series, league, date, startMs, codes: split.codes, teams: split.teams, gameNumber } };
}

const POLYMARKET_SLUG = /^([a-z]+)-([a-z0-9]+)-([a-z0-9]+)-(\d{4}-\d{2}-\d{2})(?:-([a-z0-9-]+))?$/;

/** Parse a Polymarket game event slug (`nba-lal-bos-2025-12-27`). */
export function parsePolymarketSlug(slug: string): Parsed<PolymarketSlugParts> {
  const m = POLYMARKET_SLUG.exec(slug);
  if (!m) return { ok: false, reason: `Polymarket slug "${slug}" is not <league>-<team>-<team>-<YYYY-MM-DD>` };
  const [, prefix = '', a = '', b = '', date = '', suffix] = m;
  const league = MAJOR_PREFIX[prefix];
  if (!league) return { ok: false, reason: `Polymarket slug "${slug}" is not an NBA/NFL/NHL/MLB game` };
  if (!isCalendarDate(date)) return { ok: false, reason: `Polymarket slug "${slug}" has no valid date` };
  const teamA = findTeamByPolymarketCode(league, a);
  const teamB = findTeamByPolymarketCode(league, b);
  if (!teamA || !teamB) {
    const unknown = teamA ? b : a;
    return { ok: false, reason: `Polymarket slug "${slug}": unknown ${league} team code "${unknown}"`, unknown };
  }
  if (teamA.code === teamB.code) return { ok: false, reason: `Polymarket slug "${slug}" names one team twice` };
  return { ok: true, value: { league, date, codes: [a, b], teams: [teamA, teamB], suffix: suffix ?? null } };
}

const POLYMARKET_US_PREFIX = 'aec-';

/** Parse a Polymarket US moneyline slug (`aec-nba-lal-bos-2026-11-25`): teams in slug order (long, short). */
export function parsePolymarketUsSlug(slug: string): Parsed<PolymarketSlugParts> {
  if (!slug.startsWith(POLYMARKET_US_PREFIX))
    return { ok: false, reason: `Polymarket US slug "${slug}" is not aec-<league>-<team>-<team>-<YYYY-MM-DD>` };
  const parsed = parsePolymarketSlug(slug.slice(POLYMARKET_US_PREFIX.length));
  if (!parsed.ok) return { ...parsed, reason: `Polymarket US slug "${slug}": ${parsed.reason}` };
  if (parsed.value.suffix !== null)
    return { ok: false, reason: `Polymarket US slug "${slug}" has something after the date: not a moneyline` };
  return parsed;
}

function firstCode(codes: readonly string[], team: TeamRef): string {
  const code = codes[0];
  if (code === undefined) throw new Error(`${team.league} ${team.code} has no venue code`);
  return code;
}

/**
 * The Kalshi event ticker of a game, in the current form (first listed code per team). For
 * simulators and tests; `timeEt` is `HHMM` US Eastern, as MLB tickers carry it.
 */
export function kalshiEventTicker(game: {
  league: League;
  date: string;
  away: TeamRef;
  home: TeamRef;
  timeEt?: string;
  gameNumber?: number;
}): string {
  const [year, month, day] = game.date.split('-');
  const mon = MONTHS[Number(month) - 1];
  if (!year || !mon || !day || !isCalendarDate(game.date)) throw new RangeError(`bad date ${game.date}`);
  const code = (t: TeamRef) => firstCode(teamRecord(t)?.kalshiCodes ?? [], t);
  const suffix = game.gameNumber === undefined ? '' : `G${game.gameNumber}`;
  return `${KALSHI_GAME_SERIES[game.league]}-${year.slice(2)}${mon}${day}${game.timeEt ?? ''}${code(game.away)}${code(game.home)}${suffix}`;
}

/** The Polymarket event slug of a game (first listed code per team). For simulators and tests. */
export function polymarketSlug(game: { league: League; date: string; first: TeamRef; second: TeamRef }): string {
  const code = (t: TeamRef) => firstCode(teamRecord(t)?.polymarketCodes ?? [], t);
  return `${POLYMARKET_PREFIX[game.league]}-${code(game.first)}-${code(game.second)}-${game.date}`;
}

/** The Polymarket US moneyline slug of a game (`aec-` + the Polymarket slug). For simulators and tests. */
export function polymarketUsSlug(game: { league: League; date: string; first: TeamRef; second: TeamRef }): string {
  return `${POLYMARKET_US_PREFIX}${polymarketSlug(game)}`;
}
