/**
 * One venue listing checked on its own before any pairing (lib/core/match.ts): its league, teams,
 * US-Eastern date and start times read from the ticker or slug and cross-checked against the
 * listing's own fields. A listing that does not check out is refused with a reason.
 */
import type {
  KalshiGame,
  League,
  PolymarketGame,
  PolymarketSideGame,
  PolymarketSideInstrumentRef,
  PolymarketUsGame,
  TeamRef,
} from '../market';
import {
  easternWallTimeToMs,
  findTeamByKalshiCode,
  findTeamByName,
  findTeamByPolymarketCode,
  parseKalshiEventTicker,
  parsePolymarketSlug,
  parsePolymarketUsSlug,
} from '../teams';
import { usEasternDate, utcDay } from '../time';

export type RefusalCode =
  | 'unparseable'
  | 'unknown-team'
  | 'inconsistent'
  | 'no-start-time'
  | 'duplicate'
  | 'ambiguous'
  | 'start-mismatch'
  | 'no-counterpart'
  /** A three-way (soccer) listing: paired by the outcome-market path, not by this matcher. */
  | 'three-way'
  /** A three-way listing whose outcome markets are not exactly the two clubs and the draw. */
  | 'outcome-mismatch';

/**
 * Slugs written with the UTC date were seen in October–November 2025 only (game-ids.ts). They are
 * accepted up to this date; a later slug must carry the Eastern date of its start, because reading
 * a slug date as "maybe UTC" would let a game with a stale start time pair with the previous day.
 */
const UTC_DATED_SLUGS_UNTIL = '2025-12-31';
/** The range of instants `Date` accepts. */
export const MAX_INSTANT_MS = 8.64e15;
const DOUBLEHEADER_SUFFIX = /^(?:game-?|g)?([1-3])$/;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** Trusted starts of one game agree within this; MLB doubleheader games start ≥ ~3 h apart. */
export const START_TOLERANCE_MS = 90 * MINUTE_MS;
/** Bound for Kalshi's API start field, which has been seen 3 h off. */
export const LOOSE_START_TOLERANCE_MS = 6 * HOUR_MS;

/** A checked listing of the Polymarket side (Polymarket or Polymarket US). */
export interface PmListing {
  readonly game: PolymarketSideGame;
  /** `polymarketSideGameId`: the conditionId, or the Polymarket US market slug. */
  readonly id: string;
  /** Team of outcome 0 and outcome 1 (Polymarket US: of the long and the short side). */
  readonly teams: readonly [TeamRef, TeamRef];
  /** The instrument that pays if `teams[i]` wins, and how the venue names that team. */
  readonly instruments: readonly [PolymarketSideInstrumentRef, PolymarketSideInstrumentRef];
  readonly names: readonly [string, string];
  readonly teamsKey: string;
  readonly date: string;
  readonly startMs: number;
  /** From a doubleheader-looking slug suffix (`-game-2`; format unverified), else null. */
  readonly gameNumber: number | null;
  /** Participants named by the venue's own labels (leagues without a team table), in `teams` order. */
  readonly participantNames?: readonly [string, string];
}

export interface KalshiListing {
  readonly game: KalshiGame;
  readonly teamsKey: string;
  readonly date: string;
  readonly tickerStartMs: number | null;
  readonly apiStartMs: number | null;
  readonly gameNumber: number | null;
  readonly marketOf: ReadonlyMap<string, string>;
  readonly tieTicker: string | null;
  /**
   * The start must be confirmed by Kalshi within START_TOLERANCE_MS (ticker or API start) even
   * for a single listing per side: leagues whose matchups repeat on one day (esports brackets).
   */
  readonly needsConfirmedStart?: boolean;
  /** Participants named by the venue's own labels (leagues without a team table). */
  readonly participantNames?: readonly [string, string];
}

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: RefusalCode; readonly reason: string };
export const refuse = (code: RefusalCode, reason: string) => ({ ok: false, code, reason }) as const;

/** How many times each id is listed (a listing listed twice is refused as a duplicate). */
export function countIds(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The matchers' refusal order, the same whatever the input order. */
export function compareRefusals(
  a: { readonly polymarket?: string; readonly kalshi?: string; readonly code: string; readonly reason: string },
  b: { readonly polymarket?: string; readonly kalshi?: string; readonly code: string; readonly reason: string },
): number {
  return (
    compare(a.polymarket ?? '', b.polymarket ?? '') ||
    compare(a.kalshi ?? '', b.kalshi ?? '') ||
    compare(a.code, b.code) ||
    compare(a.reason, b.reason)
  );
}

export function teamsKey(league: League, a: TeamRef, b: TeamRef): string {
  return `${league} ${[a.code, b.code].sort().join('–')}`;
}

/**
 * The US-Eastern date of a Polymarket-side listing: its start time's, which the slug date must
 * equal (or, for slugs of late 2025, the start's UTC date). Without a start time the slug date
 * alone is not trusted. Both Polymarkets follow this rule.
 */
export function checkedDate(slugDate: string, gameStartMs: number | null): Checked<string> {
  if (gameStartMs === null) {
    return refuse('no-start-time', `no start time: the slug date alone is not trusted (some slugs carry the UTC date)`);
  }
  let date: string;
  let utcDate: string;
  try {
    date = usEasternDate(gameStartMs);
    utcDate = utcDay(gameStartMs);
  } catch {
    return refuse('inconsistent', `start time ${String(gameStartMs)} is not a usable instant`);
  }
  const utcDatedSlug = slugDate === utcDate && slugDate <= UTC_DATED_SLUGS_UNTIL;
  if (slugDate !== date && !utcDatedSlug) {
    return refuse('inconsistent', `slug date ${slugDate} is not the Eastern date ${date} of the start (moved?)`);
  }
  return { ok: true, value: date };
}

/** A Polymarket-side listing of either venue, checked. */
export function checkPolymarketSide(game: PolymarketSideGame): Checked<PmListing> {
  return game.venue === 'polymarket' ? checkPolymarket(game) : checkPolymarketUs(game);
}

/** A Kalshi start time that is no instant, or far from the ticker's date, refuses the listing. */
export function checkKalshiApiStart(apiStartMs: number | null, date: string): Checked<number | null> {
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
  return { ok: true, value: apiStartMs };
}

export function checkPolymarket(game: PolymarketGame): Checked<PmListing> {
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
  const dated = checkedDate(slug.value.date, game.gameStartMs);
  if (!dated.ok) return dated;
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
  return { ok: true, value: polymarketListing(game, [t0, t1], dated.value, { gameNumber }) };
}

/**
 * The listing of a checked Polymarket game (start checked by `checkedDate`): outcome i's token
 * pays if `teams[i]` wins. Shared by the team-table check above and the label check
 * (./open-listings.ts), which adds `participantNames`.
 */
export function polymarketListing(
  game: PolymarketGame,
  teams: readonly [TeamRef, TeamRef],
  date: string,
  extra: Pick<PmListing, 'gameNumber' | 'participantNames'>,
): PmListing {
  const token = (i: 0 | 1) =>
    ({ venue: 'polymarket', conditionId: game.conditionId, tokenId: game.outcomes[i].tokenId }) as const;
  return {
    game,
    id: game.conditionId,
    teams,
    instruments: [token(0), token(1)],
    names: [game.outcomes[0].name, game.outcomes[1].name],
    teamsKey: teamsKey(game.league, teams[0], teams[1]),
    date,
    startMs: game.gameStartMs as number,
    ...extra,
  };
}

/**
 * A Polymarket US moneyline: `aec-{league}-{first}-{second}-{yyyy-mm-dd}`, the first team long,
 * the second short (docs/venues-polymarket-us.md#u-slugs, #u-sides). The orientation comes from
 * the slug; each side's own code, abbreviation and label must not name another team (a label no
 * table knows is allowed: the slug decides). Dates and start times as on Polymarket.
 */
export function checkPolymarketUs(game: PolymarketUsGame): Checked<PmListing> {
  const slug = parsePolymarketUsSlug(game.marketSlug);
  if (!slug.ok) return refuse(slug.unknown === undefined ? 'unparseable' : 'unknown-team', slug.reason);
  const { league, teams } = slug.value;
  if (league !== game.league)
    return refuse('inconsistent', `slug "${game.marketSlug}" is ${league}, the listing says ${game.league}`);
  if (slug.value.date !== game.slugDate)
    return refuse(
      'inconsistent',
      `slug "${game.marketSlug}" is dated ${slug.value.date}, the listing says ${game.slugDate}`,
    );
  const sides = [game.long, game.short] as const;
  for (const [i, side] of sides.entries()) {
    const expected = teams[i as 0 | 1];
    const byCode = findTeamByPolymarketCode(league, side.code.toLowerCase());
    const byAbbreviation =
      side.abbreviation === null ? null : findTeamByPolymarketCode(league, side.abbreviation.toLowerCase());
    const byName = findTeamByName(league, side.name);
    const other = [byCode, byAbbreviation, byName].find((t) => t !== null && t.code !== expected.code);
    if (byCode?.code !== expected.code || other) {
      const which = i === 0 ? 'long' : 'short';
      return refuse(
        'inconsistent',
        `the ${which} side ("${side.name}", ${side.code}) is not ${expected.code}, the slug's ${i === 0 ? 'first' : 'second'} team`,
      );
    }
  }
  const dated = checkedDate(slug.value.date, game.gameStartMs);
  if (!dated.ok) return dated;
  const side = (s: 'long' | 'short') => ({ venue: 'polymarket-us', marketSlug: game.marketSlug, side: s }) as const;
  return {
    ok: true,
    value: {
      game,
      id: game.marketSlug,
      teams: [teams[0], teams[1]],
      instruments: [side('long'), side('short')],
      names: [game.long.name, game.short.name],
      teamsKey: teamsKey(league, teams[0], teams[1]),
      date: dated.value,
      startMs: game.gameStartMs as number,
      gameNumber: null,
    },
  };
}

export function checkKalshi(game: KalshiGame): Checked<KalshiListing> {
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
  const checkedStart = checkKalshiApiStart(game.gameStartMs, date);
  if (!checkedStart.ok) return checkedStart;
  const apiStartMs = checkedStart.value;
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
