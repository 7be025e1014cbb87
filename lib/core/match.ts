/**
 * Pair the same game across Polymarket and Kalshi, oriented team by team: every pair with its orientation, never a pair of different games.
 *
 * A pair needs: the same league, the same two teams (resolved through lib/core/teams, in either
 * order), the same US-Eastern calendar date and, where the venues give start times, agreeing
 * starts. Anything less certain is refused with a reason; a missing pair costs an opportunity, a
 * wrong pair costs money.
 *
 * The date rule (the heart of "same teams on consecutive days never pair"):
 * - Kalshi: the ticker date, which is the US-Eastern date (game-ids.ts).
 * - Polymarket: the US-Eastern date of `gameStartMs`. The slug date must equal that date (or, for
 *   slugs of late 2025, the UTC date of the start: game-ids.ts); anything else means the game moved
 *   and is refused. Without a start time the slug date alone is not trusted.
 *
 * Start times: Kalshi's ticker `HHMM` (US Eastern) is exact and trusted to ±90 min. Kalshi's API
 * start field has been seen 3 h off the real start (a public comparison of
 * `KXMLBGAME-26AUG222040MINSD` with Polymarket), so it only guards against gross errors (±6 h)
 * and never decides between two games. Several listings of the same teams on one date (MLB
 * doubleheaders, duplicates) pair only one-to-one by trusted start times; otherwise all refused.
 */
import type { GamePair, KalshiGame, League, PairSide, PolymarketGame, TeamRef } from './market';
import {
  easternWallTimeToMs,
  findTeamByKalshiCode,
  findTeamByName,
  parseKalshiEventTicker,
  parsePolymarketSlug,
} from './teams';
import { parseUtcDay, usEasternDate, utcDay } from './time';

export { findTeam, parseKalshiEventTicker, parsePolymarketSlug } from './teams';

export type RefusalCode =
  | 'unparseable'
  | 'unknown-team'
  | 'inconsistent'
  | 'no-start-time'
  | 'duplicate'
  | 'ambiguous'
  | 'start-mismatch'
  | 'no-counterpart';

/** Why a listing was not paired. `polymarket` is the conditionId, `kalshi` the event ticker. */
export interface MatchRefusal {
  readonly polymarket?: string;
  readonly kalshi?: string;
  readonly code: RefusalCode;
  readonly reason: string;
}

export interface MatchResult {
  readonly pairs: readonly GamePair[];
  readonly refusals: readonly MatchRefusal[];
}

/**
 * Slugs written with the UTC date were seen in October–November 2025 only (game-ids.ts). They are
 * accepted up to this date; a later slug must carry the Eastern date of its start, because reading
 * a slug date as "maybe UTC" would let a game with a stale start time pair with the previous day.
 */
const UTC_DATED_SLUGS_UNTIL = '2025-12-31';
/** The range of instants `Date` accepts. */
const MAX_INSTANT_MS = 8.64e15;
const DOUBLEHEADER_SUFFIX = /^(?:game-?|g)?([1-3])$/;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Trusted starts of one game agree within this; MLB doubleheader games start ≥ ~3 h apart. */
export const START_TOLERANCE_MS = 90 * MINUTE_MS;
/** Bound for Kalshi's API start field, which has been seen 3 h off. */
export const LOOSE_START_TOLERANCE_MS = 6 * HOUR_MS;

interface PmListing {
  readonly game: PolymarketGame;
  /** Team of outcome 0 and outcome 1. */
  readonly teams: readonly [TeamRef, TeamRef];
  readonly teamsKey: string;
  readonly date: string;
  readonly startMs: number;
  /** From a doubleheader-looking slug suffix (`-game-2`; format unverified), else null. */
  readonly gameNumber: number | null;
}

interface KalshiListing {
  readonly game: KalshiGame;
  readonly teamsKey: string;
  readonly date: string;
  readonly tickerStartMs: number | null;
  readonly apiStartMs: number | null;
  readonly gameNumber: number | null;
  readonly marketOf: ReadonlyMap<string, string>;
  readonly tieTicker: string | null;
}

type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: RefusalCode; readonly reason: string };
const refuse = (code: RefusalCode, reason: string) => ({ ok: false, code, reason }) as const;

function teamsKey(league: League, a: TeamRef, b: TeamRef): string {
  return `${league} ${[a.code, b.code].sort().join('–')}`;
}

function checkPolymarket(game: PolymarketGame): Checked<PmListing> {
  const slug = parsePolymarketSlug(game.slug);
  if (!slug.ok) return refuse(slug.unknown === undefined ? 'unparseable' : 'unknown-team', slug.reason);
  const { league, teams: slugTeams } = slug.value;
  if (league !== game.league)
    return refuse('inconsistent', `slug "${game.slug}" is ${league}, the listing says ${game.league}`);
  // Polymarket's doubleheader slug form is unverified; a game-number-like suffix is accepted because
  // such a listing then pairs only through trusted start times (pairGroup). Other suffixes are
  // not moneyline game slugs.
  const suffix = slug.value.suffix;
  const dh = suffix === null ? null : DOUBLEHEADER_SUFFIX.exec(suffix);
  if (suffix !== null && !dh) return refuse('unparseable', `slug "${game.slug}" has an unknown suffix after the date`);
  const gameNumber = dh ? Number(dh[1]) : null;
  if (game.gameStartMs === null) {
    return refuse('no-start-time', `no start time: the slug date alone is not trusted (some slugs carry the UTC date)`);
  }
  let date: string;
  let utcDate: string;
  try {
    date = usEasternDate(game.gameStartMs);
    utcDate = utcDay(game.gameStartMs);
  } catch {
    return refuse('inconsistent', `start time ${String(game.gameStartMs)} is not a usable instant`);
  }
  const utcDatedSlug = slug.value.date === utcDate && slug.value.date <= UTC_DATED_SLUGS_UNTIL;
  if (slug.value.date !== date && !utcDatedSlug) {
    return refuse('inconsistent', `slug date ${slug.value.date} is not the Eastern date ${date} of the start (moved?)`);
  }
  const named = game.outcomes.map((o) => findTeamByName(league, o.name));
  const [t0, t1] = named;
  if (!t0 || !t1) {
    const unknown = game.outcomes[t0 ? 1 : 0].name;
    return refuse('unknown-team', `unknown (or shared) ${league} team name "${unknown}" in the outcomes`);
  }
  const slugKey = teamsKey(league, slugTeams[0], slugTeams[1]);
  if (t0.code === t1.code || teamsKey(league, t0, t1) !== slugKey) {
    return refuse('inconsistent', `outcomes name ${t0.code} and ${t1.code}, the slug names ${slugKey}`);
  }
  return { ok: true, value: { game, teams: [t0, t1], teamsKey: slugKey, date, startMs: game.gameStartMs, gameNumber } };
}

function checkKalshi(game: KalshiGame): Checked<KalshiListing> {
  const parsed = parseKalshiEventTicker(game.eventTicker);
  if (!parsed.ok) return refuse(parsed.unknown === undefined ? 'unparseable' : 'unknown-team', parsed.reason);
  const { league, teams, date } = parsed.value;
  if (parsed.value.series !== game.seriesTicker || league !== game.league) {
    return refuse(
      'inconsistent',
      `ticker is ${parsed.value.series} (${league}), the listing says ${game.seriesTicker} (${game.league})`,
    );
  }
  const marketOf = new Map<string, string>();
  let tieTicker: string | null = null;
  for (const market of game.markets) {
    if (market.ticker !== `${game.eventTicker}-${market.suffix}`) {
      return refuse('inconsistent', `market ${market.ticker} is not ${game.eventTicker}-${market.suffix}`);
    }
    if (market.suffix === 'TIE') {
      if (tieTicker !== null) return refuse('inconsistent', `two tie markets`);
      tieTicker = market.ticker;
      continue;
    }
    const team = findTeamByKalshiCode(league, market.suffix);
    if (!team || !teams.some((t) => t.code === team.code)) {
      return refuse('inconsistent', `market ${market.ticker} is for neither team of the event`);
    }
    if (marketOf.has(team.code)) return refuse('inconsistent', `two markets for ${team.code}`);
    const named = findTeamByName(league, market.yesSubTitle);
    if (named && named.code !== team.code) {
      return refuse(
        'inconsistent',
        `market ${market.ticker} says "${market.yesSubTitle}" (${named.code}) but its ticker is ${team.code}`,
      );
    }
    marketOf.set(team.code, market.ticker);
  }
  const missing = teams.find((t) => !marketOf.has(t.code));
  if (missing) return refuse('inconsistent', `no market for ${missing.code}`);
  const apiStartMs = game.gameStartMs;
  if (apiStartMs !== null && !(Number.isSafeInteger(apiStartMs) && Math.abs(apiStartMs) <= MAX_INSTANT_MS)) {
    return refuse('inconsistent', `start time ${String(apiStartMs)} is not a usable instant`);
  }
  if (apiStartMs !== null) {
    const dayStart = easternWallTimeToMs(date, 0, 0);
    const nextDayStart = dayStart + 24 * HOUR_MS + HOUR_MS; // an hour of slack for DST-change days
    if (apiStartMs < dayStart - LOOSE_START_TOLERANCE_MS || apiStartMs >= nextDayStart + LOOSE_START_TOLERANCE_MS) {
      return refuse(
        'inconsistent',
        `start time ${new Date(apiStartMs).toISOString()} is far from the ticker date ${date} (moved?)`,
      );
    }
  }
  const value: KalshiListing = {
    game,
    teamsKey: teamsKey(league, teams[0], teams[1]),
    date,
    tickerStartMs: parsed.value.startMs,
    apiStartMs,
    gameNumber: parsed.value.gameNumber,
    marketOf,
    tieTicker,
  };
  return { ok: true, value };
}

function makePair(p: PmListing, k: KalshiListing): GamePair {
  const side = (i: 0 | 1): PairSide => {
    const team = p.teams[i];
    const kalshiTicker = k.marketOf.get(team.code);
    if (kalshiTicker === undefined) throw new Error(`internal: ${team.code} has no Kalshi market after checks`);
    return { team, polymarketOutcomeIndex: i, polymarketTokenId: p.game.outcomes[i].tokenId, kalshiTicker };
  };
  const league = p.game.league;
  return {
    id: `${league}:${p.game.conditionId}:${k.game.eventTicker}`,
    league,
    polymarket: p.game,
    kalshi: k.game,
    sides: [side(0), side(1)],
    kalshiTieTicker: k.tieTicker,
  };
}

interface GroupResult {
  readonly pairs: Array<readonly [PmListing, KalshiListing]>;
  readonly refusals: MatchRefusal[];
}

/** Same league, teams and date on both sides: decide which listings are the same game. */
function pairGroup(pm: readonly PmListing[], ks: readonly KalshiListing[], what: string, out: GroupResult): void {
  const [p] = pm;
  const [k] = ks;
  if (pm.length === 1 && ks.length === 1 && p && k) {
    const ids = { polymarket: p.game.conditionId, kalshi: k.game.eventTicker };
    if ((k.gameNumber !== null || p.gameNumber !== null) && k.tickerStartMs === null) {
      const reason = `${what} is marked as one game of a doubleheader, and Kalshi gives no start time in the ticker to tell which`;
      out.refusals.push({ ...ids, code: 'ambiguous', reason });
      return;
    }
    const kStart = k.tickerStartMs ?? k.apiStartMs;
    const tolerance = k.tickerStartMs !== null ? START_TOLERANCE_MS : LOOSE_START_TOLERANCE_MS;
    if (kStart !== null && Math.abs(p.startMs - kStart) > tolerance) {
      const gap = Math.round(Math.abs(p.startMs - kStart) / MINUTE_MS);
      out.refusals.push({
        ...ids,
        code: 'start-mismatch',
        reason: `${what}: start times differ by ${gap} min (another game of a doubleheader?)`,
      });
      return;
    }
    out.pairs.push([p, k]);
    return;
  }
  // Several listings of one matchup on one date: only trusted start times can tell them apart.
  if (ks.some((c) => c.tickerStartMs === null)) {
    const reason = `${pm.length} Polymarket and ${ks.length} Kalshi listings of ${what}, and Kalshi gives no start time in the ticker to tell them apart`;
    for (const c of pm) out.refusals.push({ polymarket: c.game.conditionId, code: 'ambiguous', reason });
    for (const c of ks) out.refusals.push({ kalshi: c.game.eventTicker, code: 'ambiguous', reason });
    return;
  }
  const fits = (a: PmListing, b: KalshiListing) => Math.abs(a.startMs - (b.tickerStartMs ?? NaN)) <= START_TOLERANCE_MS;
  const pairedK = new Set<KalshiListing>();
  for (const c of pm) {
    const options = ks.filter((b) => fits(c, b));
    const [only] = options;
    if (only && options.length === 1 && pm.filter((a) => fits(a, only)).length === 1) {
      out.pairs.push([c, only]);
      pairedK.add(only);
    } else {
      const code = options.length === 0 ? 'no-counterpart' : 'ambiguous';
      const reason = `${what}: ${options.length} Kalshi listings start within ${START_TOLERANCE_MS / MINUTE_MS} min, and one is needed`;
      out.refusals.push({ polymarket: c.game.conditionId, code, reason });
    }
  }
  for (const b of ks) {
    if (pairedK.has(b)) continue;
    const n = pm.filter((a) => fits(a, b)).length;
    const reason = `${what}: ${n} Polymarket listings start within ${START_TOLERANCE_MS / MINUTE_MS} min, and one is needed`;
    out.refusals.push({ kalshi: b.game.eventTicker, code: n === 0 ? 'no-counterpart' : 'ambiguous', reason });
  }
}

function shiftDay(date: string, days: number): string {
  return utcDay(parseUtcDay(date) + days * 24 * HOUR_MS);
}

/** Group by league, teams and date; say where a listing's matchup exists on a neighbouring day. */
function pairListings(pm: readonly PmListing[], ks: readonly KalshiListing[]): GroupResult {
  const groups = new Map<string, { pm: PmListing[]; ks: KalshiListing[] }>();
  const group = (teams: string, date: string) => {
    const key = `${teams} on ${date}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { pm: [], ks: [] }));
    return g;
  };
  for (const p of pm) group(p.teamsKey, p.date).pm.push(p);
  for (const k of ks) group(k.teamsKey, k.date).ks.push(k);
  const nearby = (teams: string, date: string, side: 'pm' | 'ks') =>
    [shiftDay(date, -1), shiftDay(date, 1)].filter((d) => (groups.get(`${teams} on ${d}`)?.[side].length ?? 0) > 0);
  const out: GroupResult = { pairs: [], refusals: [] };
  for (const [what, g] of groups) {
    if (g.pm.length > 0 && g.ks.length > 0) {
      pairGroup(g.pm, g.ks, what, out);
      continue;
    }
    const [first] = g.pm.length > 0 ? g.pm : g.ks;
    if (!first) continue;
    const other = g.pm.length > 0 ? 'ks' : 'pm';
    const days = nearby(first.teamsKey, first.date, other);
    const venue = other === 'ks' ? 'Kalshi' : 'Polymarket';
    const hint =
      days.length > 0 ? ` (${venue} lists it on ${days.join(' and ')}: a different day is a different game)` : '';
    const reason = `no ${venue} listing of ${what}${hint}`;
    for (const p of g.pm) out.refusals.push({ polymarket: p.game.conditionId, code: 'no-counterpart', reason });
    for (const k of g.ks) out.refusals.push({ kalshi: k.game.eventTicker, code: 'no-counterpart', reason });
  }
  return out;
}

/** Every pair and every refusal, in a deterministic order whatever the input order. */
export function matchGamesDetailed(polymarket: readonly PolymarketGame[], kalshi: readonly KalshiGame[]): MatchResult {
  const refusals: MatchRefusal[] = [];
  const pmIds = countIds(polymarket.map((g) => g.conditionId));
  const kIds = countIds(kalshi.map((g) => g.eventTicker));
  const pm: PmListing[] = [];
  for (const game of polymarket) {
    if ((pmIds.get(game.conditionId) ?? 0) > 1) {
      refusals.push({ polymarket: game.conditionId, code: 'duplicate', reason: 'conditionId listed more than once' });
      continue;
    }
    const checked = checkPolymarket(game);
    if (checked.ok) pm.push(checked.value);
    else refusals.push({ polymarket: game.conditionId, code: checked.code, reason: checked.reason });
  }
  const ks: KalshiListing[] = [];
  for (const game of kalshi) {
    if ((kIds.get(game.eventTicker) ?? 0) > 1) {
      refusals.push({ kalshi: game.eventTicker, code: 'duplicate', reason: 'event ticker listed more than once' });
      continue;
    }
    const checked = checkKalshi(game);
    if (checked.ok) ks.push(checked.value);
    else refusals.push({ kalshi: game.eventTicker, code: checked.code, reason: checked.reason });
  }
  const grouped = pairListings(pm, ks);
  const pairs = grouped.pairs.map(([p, k]) => makePair(p, k)).sort((a, b) => compare(a.id, b.id));
  refusals.push(...grouped.refusals);
  refusals.sort(
    (a, b) =>
      compare(a.polymarket ?? '', b.polymarket ?? '') ||
      compare(a.kalshi ?? '', b.kalshi ?? '') ||
      compare(a.code, b.code) ||
      compare(a.reason, b.reason),
  );
  return { pairs, refusals };
}

/** Every pair with its orientation; never a pair of different games. */
export function matchGames(polymarket: readonly PolymarketGame[], kalshi: readonly KalshiGame[]): GamePair[] {
  return [...matchGamesDetailed(polymarket, kalshi).pairs];
}

function countIds(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
