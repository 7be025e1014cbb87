/**
 * A slate placed in time: absolute start/end per game, Kalshi tickers and Polymarket (and
 * Polymarket US) slugs dated by the US-Eastern date of the game's start when the slate asks to rebase
 * (docs/venues-kalshi.md#k1: event date = US-Eastern game date; P1 slugs carry the same local date).
 */
import type { League } from '../../../lib/core/market';
import { POLYMARKET_US_LEAGUE_SLUGS } from '../control';
import { SERIES_BY_LEAGUE, type Slate, type SlateGame } from './schema';

export interface ScheduledGame {
  readonly game: SlateGame;
  readonly league: League;
  readonly seriesTicker: string;
  readonly eventTicker: string;
  /** Away team's market first, then home (docs/venues-kalshi.md#k1: one market per team). */
  readonly awayTicker: string;
  readonly homeTicker: string;
  readonly slug: string;
  /**
   * The Polymarket US moneyline: `aec-{league slug}-{away}-{home}-{date}`, the away team first and
   * long (docs/venues-polymarket-us.md#u-slugs), with the Polymarket slug's codes and date.
   */
  readonly polymarketUsSlug: string;
  /** Whether Polymarket US lists the league (POLYMARKET_US_LEAGUE_SLUGS); else the slug is never used. */
  readonly onPolymarketUs: boolean;
  readonly startMs: number;
  readonly endMs: number;
  readonly settleMs: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const EASTERN = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const EASTERN_TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `HHMM` of an instant in US-Eastern time. */
export function easternTime(ms: number): string {
  const parts = Object.fromEntries(EASTERN_TIME.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.hour}${parts.minute}`;
}

/** `{ year: 2026, month: 11, day: 25 }` of an instant in US-Eastern time. */
export function easternDate(ms: number): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(EASTERN.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/**
 * `aec-nba-lal-bos-2026-11-25` from the game's Polymarket slug `nba-lal-bos-2026-11-25` (whose codes
 * the schema checks against the teams' codes): the venue's league slug, the same codes, the same date.
 */
function polymarketUsSlug(game: SlateGame, polymarketSlug: string): string {
  const date = polymarketSlug.slice(-'yyyy-mm-dd'.length);
  const code = (t: SlateGame['away']) => t.code.toLowerCase();
  const league = POLYMARKET_US_LEAGUE_SLUGS[game.league] ?? game.league.toLowerCase();
  return `aec-${league}-${code(game.away)}-${code(game.home)}-${date}`;
}

export function scheduleSlate(slate: Slate, slateStartMs: number): ScheduledGame[] {
  const settleDelayMs = slate.settleDelayMin * 60_000;
  return slate.games.map((game) => {
    const relative = 'afterSlateStartMin' in game.start;
    const startMs =
      'afterSlateStartMin' in game.start
        ? slateStartMs + Math.round(game.start.afterSlateStartMin * 60_000)
        : Date.parse(game.start.at);
    const endMs = startMs + Math.round(game.durationMin * 60_000);
    let eventTicker = game.kalshi.eventTicker;
    let slug = game.polymarket.slug;
    if (relative && slate.rebaseDates) {
      const d = easternDate(startMs);
      const yy = String(d.year % 100).padStart(2, '0');
      const dd = String(d.day).padStart(2, '0');
      eventTicker = eventTicker.replace(/-(\d{2})([A-Z]{3})(\d{2})/, `-${yy}${MONTHS[d.month - 1]}${dd}`);
      slug = slug.replace(/\d{4}-\d{2}-\d{2}$/, `${d.year}-${String(d.month).padStart(2, '0')}-${dd}`);
    }
    if (game.kalshi.startInTicker) {
      // The scheduled start as `HHMM` US Eastern after the date (lib/core/teams/league-tickers.ts).
      const hhmm = easternTime(startMs);
      eventTicker = eventTicker.replace(/^([A-Z0-9]+-\d{2}[A-Z]{3}\d{2})/, `$1${hhmm}`);
    }
    return {
      game,
      league: game.league,
      seriesTicker: SERIES_BY_LEAGUE[game.league],
      eventTicker,
      awayTicker: `${eventTicker}-${game.away.code}`,
      homeTicker: `${eventTicker}-${game.home.code}`,
      slug,
      polymarketUsSlug: polymarketUsSlug(game, slug),
      onPolymarketUs: POLYMARKET_US_LEAGUE_SLUGS[game.league] !== undefined,
      startMs,
      endMs,
      settleMs: endMs + settleDelayMs,
    };
  });
}
