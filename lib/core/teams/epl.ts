/**
 * English Premier League clubs, 2025-26 season: 20 clubs, for the outcome-market matcher
 * (lib/core/match/outcomes.ts). Facts and grades: docs/leagues.md#l-epl-english-premier-league.
 *
 * - Kalshi codes SEEN: `CFC` (Chelsea) and `AVL` (Aston Villa) in `KXEPLGAME-25DEC27CFCAVL`
 *   (public bot code, docs/leagues.md source C2). Every other Kalshi code is ASSUMED (the club's
 *   usual three-letter abbreviation).
 * - Polymarket slug codes SEEN in recorded Gamma events: `che`, `mac` (D7), `cry`, `wes` (D6),
 *   `bur`, `not`, `new`, `bri` (events `epl-bur-mac-2026-04-22`, `epl-mac-not-2026-03-04`,
 *   `epl-new-bri-2026-05-02`, the same mirror as D6). Others ASSUMED (first three letters).
 * - Full names ("Chelsea FC", "Manchester City FC", "Brighton & Hove Albion FC") SEEN in
 *   Polymarket event titles and market questions; Kalshi `yes_sub_title` forms are ASSUMED to be
 *   the short club name.
 *
 * An unknown or contradicting alias never pairs: the matcher refuses and names it.
 */
import type { TeamRecord } from './team';
import { team } from './team';

interface ClubNames {
  readonly kalshi: string;
  readonly poly: string;
  /** Short name: Kalshi's sub-title form (ASSUMED) and the usual English short form. */
  readonly short: string;
  readonly aliases?: readonly string[];
}

const club = (code: string, fullName: string, n: ClubNames): TeamRecord =>
  team('EPL', code, n.short, '', {
    kalshi: [n.kalshi],
    poly: [n.poly],
    sub: n.short,
    fullName,
    aliases: n.aliases ?? [],
  });

export const EPL_TEAMS: readonly TeamRecord[] = [
  club('ARS', 'Arsenal FC', { kalshi: 'ARS', poly: 'ars', short: 'Arsenal' }),
  club('AVL', 'Aston Villa FC', { kalshi: 'AVL', poly: 'avl', short: 'Aston Villa' }),
  club('BOU', 'AFC Bournemouth', { kalshi: 'BOU', poly: 'bou', short: 'Bournemouth' }),
  club('BRE', 'Brentford FC', { kalshi: 'BRE', poly: 'bre', short: 'Brentford' }),
  club('BHA', 'Brighton & Hove Albion FC', {
    kalshi: 'BHA',
    poly: 'bri',
    short: 'Brighton',
    aliases: ['Brighton & Hove Albion'],
  }),
  club('BUR', 'Burnley FC', { kalshi: 'BUR', poly: 'bur', short: 'Burnley' }),
  club('CHE', 'Chelsea FC', { kalshi: 'CFC', poly: 'che', short: 'Chelsea' }),
  club('CRY', 'Crystal Palace FC', { kalshi: 'CRY', poly: 'cry', short: 'Crystal Palace' }),
  club('EVE', 'Everton FC', { kalshi: 'EVE', poly: 'eve', short: 'Everton' }),
  club('FUL', 'Fulham FC', { kalshi: 'FUL', poly: 'ful', short: 'Fulham' }),
  club('LEE', 'Leeds United FC', { kalshi: 'LEE', poly: 'lee', short: 'Leeds', aliases: ['Leeds United'] }),
  club('LIV', 'Liverpool FC', { kalshi: 'LIV', poly: 'liv', short: 'Liverpool' }),
  club('MCI', 'Manchester City FC', { kalshi: 'MCI', poly: 'mac', short: 'Man City', aliases: ['Manchester City'] }),
  club('MUN', 'Manchester United FC', {
    kalshi: 'MUN',
    poly: 'mun',
    short: 'Man United',
    aliases: ['Manchester United'],
  }),
  club('NEW', 'Newcastle United FC', { kalshi: 'NEW', poly: 'new', short: 'Newcastle', aliases: ['Newcastle United'] }),
  club('NFO', 'Nottingham Forest FC', {
    kalshi: 'NFO',
    poly: 'not',
    short: 'Nottingham Forest',
    aliases: ["Nott'm Forest"],
  }),
  club('SUN', 'Sunderland AFC', { kalshi: 'SUN', poly: 'sun', short: 'Sunderland' }),
  club('TOT', 'Tottenham Hotspur FC', {
    kalshi: 'TOT',
    poly: 'tot',
    short: 'Tottenham',
    aliases: ['Tottenham Hotspur', 'Spurs'],
  }),
  club('WHU', 'West Ham United FC', { kalshi: 'WHU', poly: 'wes', short: 'West Ham', aliases: ['West Ham United'] }),
  club('WOL', 'Wolverhampton Wanderers FC', {
    kalshi: 'WOL',
    poly: 'wol',
    short: 'Wolves',
    aliases: ['Wolverhampton Wanderers'],
  }),
];
