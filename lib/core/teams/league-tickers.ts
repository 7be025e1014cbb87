/**
 * Kalshi event and market tickers of every catalogued league (lib/core/leagues.ts), including
 * the ones no team table covers yet. Grammar (docs/leagues.md "Common ground"):
 * `{SERIES}-{YY}{MON}{DD}[{HHMM}]{A}{B}[G#]` for an event and `{EVENT}-{CODE}` for each market.
 *
 * - The team block has no separator and no fixed code length, and a code can hold a hyphen
 *   (`KXNCAAFGAME-25DEC27M-OHFRES` = `M-OH` + `FRES`), so a ticker is never split on `-`: a
 *   market's code is its ticker minus the event ticker and one hyphen, and the block is split
 *   with the codes the event's markets carry.
 * - A block that begins with four digits could be a start time or a code (`FURIA9INE` ends in
 *   digits; a code could start with them): where both readings exist, the market codes decide;
 *   without them the ticker is ambiguous and refused.
 * - `G#` (doubleheader game number) is read for MLB only, where it was seen.
 * - Order: college tickers put the away team first; soccer tickers are presumably home first
 *   (UNVERIFIED); elsewhere the order means nothing. `firstIs` says which.
 *
 * The existing parser for the four traded leagues (game-ids.ts) is unchanged; this one knows no
 * team names and maps no codes across venues.
 */
import type { LeagueId } from '../leagues';
import { LEAGUE_CATALOGUE, leagueOfKalshiSeries } from '../leagues';
import { isCalendarDate } from '../time';
import type { Parsed } from './game-ids';
import { easternWallTimeToMs } from './game-ids';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/** The code of a Kalshi soccer draw market (`…-TIE`; docs/leagues.md#l-epl-english-premier-league). */
export const KALSHI_DRAW_CODE = 'TIE';

export interface LeagueEventTicker {
  readonly series: string;
  readonly league: LeagueId;
  /** US-Eastern calendar date of the game, `YYYY-MM-DD`. */
  readonly date: string;
  /** Scheduled start from `HHMM` (US Eastern), epoch ms, or null. */
  readonly startMs: number | null;
  /** The team block as written (codes concatenated, hyphens kept). */
  readonly block: string;
  /** The two participant codes in ticker order, when the market codes were given. */
  readonly codes: readonly [string, string] | null;
  /** What the first code is: college away team, soccer home team (UNVERIFIED), or nothing known. */
  readonly firstIs: 'away' | 'home-unverified' | 'unspecified';
  /** MLB doubleheader game number, else null. */
  readonly gameNumber: number | null;
}

interface Reading {
  readonly startMs: number | null;
  readonly block: string;
  readonly gameNumber: number | null;
}

function firstIsOf(league: LeagueId): LeagueEventTicker['firstIs'] {
  const hazards = LEAGUE_CATALOGUE[league].hazards.map((h) => h.id);
  if (hazards.includes('away-first')) return 'away';
  if (hazards.includes('home-first-unverified')) return 'home-unverified';
  return 'unspecified';
}

/** The market's code: its ticker minus the event ticker and one hyphen, or null when it is not of this event. */
export function kalshiMarketCode(marketTicker: string, eventTicker: string): string | null {
  const prefix = `${eventTicker}-`;
  if (!marketTicker.startsWith(prefix) || marketTicker.length === prefix.length) return null;
  return marketTicker.slice(prefix.length);
}

/** The two participants in block order, or null unless exactly one order of the two codes spells the block. */
function orderIn(block: string, codes: readonly string[]): readonly [string, string] | null {
  // A third market is the draw (soccer, a Dota 2 best-of-two); with two markets both are
  // participants, even one coded TIE (Learner Tien in KXATPMATCH-26MAR12TIESIN).
  const participants = codes.length === 3 ? codes.filter((c) => c !== KALSHI_DRAW_CODE) : codes;
  if (participants.length !== 2) return null;
  const [a, b] = participants as [string, string];
  if (a === b) return null;
  const fits = [
    [a, b],
    [b, a],
  ].filter(([x, y]) => `${x}${y}` === block) as [string, string][];
  // Both orders spell the block only when the codes repeat one pattern (AB + ABAB): ambiguous.
  return fits.length === 1 ? fits[0]! : null;
}

/**
 * Parse the event ticker of a catalogued league. `marketCodes`, the codes of the event's markets
 * (see kalshiMarketCode; of three, the draw's `TIE` is ignored), split the block into the two
 * participants and settle a four-digit prefix that could be a time or a code.
 */
export function parseLeagueEventTicker(ticker: string, marketCodes?: readonly string[]): Parsed<LeagueEventTicker> {
  const dash = ticker.indexOf('-');
  if (dash <= 0) return { ok: false, reason: `Kalshi event ticker "${ticker}" has no series` };
  const series = ticker.slice(0, dash);
  const league = leagueOfKalshiSeries(series);
  if (!league)
    return { ok: false, reason: `Kalshi series "${series}" is not a catalogued game series`, unknown: series };
  const m = /^(\d{2})([A-Z]{3})(\d{2})([A-Z0-9-]+)$/.exec(ticker.slice(dash + 1));
  if (!m) return { ok: false, reason: `Kalshi event ticker "${ticker}" is not <SERIES>-<YYMONDD>[HHMM]<TEAMS>` };
  const [, yy = '', mon = '', dd = '', rest = ''] = m;
  const monthIndex = MONTHS.indexOf(mon as (typeof MONTHS)[number]);
  const date = `20${yy}-${String(monthIndex + 1).padStart(2, '0')}-${dd}`;
  if (monthIndex < 0 || !isCalendarDate(date))
    return { ok: false, reason: `Kalshi event ticker "${ticker}" has no valid date` };

  const readings: Reading[] = [];
  const withGame = (block: string, startMs: number | null): void => {
    const g = league === 'MLB' ? /^(.+)G(\d)$/.exec(block) : null;
    if (g) readings.push({ startMs, block: g[1]!, gameNumber: Number(g[2]) });
    readings.push({ startMs, block, gameNumber: null });
  };
  const time = /^(\d{2})(\d{2})(.+)$/.exec(rest);
  if (time) {
    const hour = Number(time[1]);
    const minute = Number(time[2]);
    if (hour <= 23 && minute <= 59) {
      try {
        withGame(time[3]!, easternWallTimeToMs(date, hour, minute));
      } catch {
        return { ok: false, reason: `Kalshi event ticker "${ticker}" has a date outside the supported range` };
      }
    }
  }
  withGame(rest, null);
  const usable = readings.filter((r) => /^[A-Z0-9]/.test(r.block) && !r.block.endsWith('-'));

  const build = (r: Reading, codes: readonly [string, string] | null): Parsed<LeagueEventTicker> => ({
    ok: true,
    value: {
      series,
      league,
      date,
      startMs: r.startMs,
      block: r.block,
      codes,
      firstIs: firstIsOf(league),
      gameNumber: r.gameNumber,
    },
  });
  if (marketCodes) {
    const fitting = usable
      .map((r) => ({ r, codes: orderIn(r.block, marketCodes) }))
      .filter((x): x is { r: Reading; codes: readonly [string, string] } => x.codes !== null);
    if (fitting.length === 1) return build(fitting[0]!.r, fitting[0]!.codes);
    if (fitting.length === 0)
      return {
        ok: false,
        reason: `Kalshi event ticker "${ticker}": the market codes ${marketCodes.join(', ')} do not spell its teams`,
      };
    return { ok: false, reason: `Kalshi event ticker "${ticker}": the market codes fit more than one reading` };
  }
  // Without the codes, a reading with a time and one without (or one with a game number and one
  // without) both fit: refuse rather than guess.
  if (usable.length !== 1)
    return { ok: false, reason: `Kalshi event ticker "${ticker}" is ambiguous without its market codes` };
  return build(usable[0]!, null);
}
