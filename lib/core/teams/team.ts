/**
 * The shape of one row of the team tables, and how names are compared.
 *
 * Each league file (nba.ts, nfl.ts, nhl.ts, mlb.ts) lists every team with the names each venue
 * uses for it. Matching depends on these tables being right, so every league file says which
 * aliases were SEEN in real venue data (tickers, slugs, titles found in public code and
 * fixtures, November 2026) and which are ASSUMED (the league's usual form, not yet observed).
 * An unknown alias never produces a wrong pair: matching refuses and names the alias.
 */
import type { League } from '../market';

export interface TeamRecord {
  readonly league: League;
  /** Canonical code: the league's usual abbreviation (`TeamRef.code`), e.g. NBA `LAL`. */
  readonly code: string;
  readonly city: string;
  readonly nickname: string;
  readonly fullName: string;
  /**
   * Team codes as they appear in Kalshi tickers (`KXNBAGAME-25DEC27LALBOS-LAL`), upper case,
   * current form first. Concatenated pairs must split back uniquely (teams.test.ts checks it).
   */
  readonly kalshiCodes: readonly string[];
  /** Team codes as they appear in Polymarket event slugs (`nba-lal-bos-2025-12-27`), lower case. */
  readonly polymarketCodes: readonly string[];
  /** Kalshi `yes_sub_title` form, e.g. "Los Angeles L" where a city has two teams. */
  readonly kalshiSubTitle: string;
  /** Further names seen or expected in titles and outcomes: nicknames, old names, short forms. */
  readonly aliases: readonly string[];
}

/** Extra fields of a team row; city, nickname and full name come positionally. */
export interface TeamNames {
  readonly kalshi: readonly string[];
  readonly poly: readonly string[];
  /** Defaults to the city, which is what Kalshi shows when the city has one team. */
  readonly sub?: string;
  readonly aliases?: readonly string[];
  /** Defaults to `${city} ${nickname}`. */
  readonly fullName?: string;
}

export function team(league: League, code: string, city: string, nickname: string, names: TeamNames): TeamRecord {
  return {
    league,
    code,
    city,
    nickname,
    fullName: names.fullName ?? `${city} ${nickname}`,
    kalshiCodes: names.kalshi,
    polymarketCodes: names.poly,
    kalshiSubTitle: names.sub ?? city,
    aliases: names.aliases ?? [],
  };
}

/**
 * Comparison form of a name: lower case, accents dropped, punctuation removed, spaces collapsed.
 * "St. Louis" → "st louis", "Montréal" → "montreal", "A's" → "as", "76ers" → "76ers".
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The first word of a name in `normalizeName` form (the matchers' alias hints compare it). */
export function firstWordOf(name: string): string {
  return normalizeName(name).split(' ')[0] ?? '';
}
