/**
 * NBA: 30 teams.
 *
 * Sources (public code and fixtures read with the search tool, Nov 2026):
 * - Kalshi codes SEEN in event tickers: LAL BOS NYK ORL OKC IND DAL SAS ATL TOR CHA MIL MIN LAC
 *   CHI GSW MEM PHX MIA DET SAC (e.g. `KXNBAGAME-25NOV22NYKORL`, `KXNBAGAME-26FEB25OKCDET`);
 *   NOP UTA POR WAS BKN seen in third-party Kalshi code tables; CLE DEN HOU PHI ASSUMED (league form).
 * - Polymarket slug codes: a probe of 2024-25 and 2025-26 slugs found them equal to the NBA's own
 *   abbreviations, lower-cased, for all 30 teams (e.g. `nba-gsw-uta-2026-03-10`, `nba-lac-nop-2026-03-19`,
 *   `nba-bkn-was-2025-02-24`). `no` was New Orleans in 2023-24 slugs only (historical).
 * - Kalshi `yes_sub_title`: "Los Angeles L" / "Los Angeles C" SEEN; "New York K" seen in a
 *   third-party alias table next to plain "New York" in event titles; other teams ASSUMED to be the
 *   city, as Kalshi does where the city has one team.
 * - Polymarket outcomes are nicknames ("Lakers", "Trail Blazers", "76ers"), SEEN in questions like
 *   "Nets vs. Cavaliers".
 */

import type { TeamNames, TeamRecord } from './team';
import { team } from './team';

const nba = (code: string, city: string, nickname: string, names: TeamNames): TeamRecord =>
  team('NBA', code, city, nickname, names);

export const NBA_TEAMS: readonly TeamRecord[] = [
  nba('ATL', 'Atlanta', 'Hawks', { kalshi: ['ATL'], poly: ['atl'] }),
  nba('BOS', 'Boston', 'Celtics', { kalshi: ['BOS'], poly: ['bos'] }),
  nba('BKN', 'Brooklyn', 'Nets', { kalshi: ['BKN'], poly: ['bkn'] }),
  nba('CHA', 'Charlotte', 'Hornets', { kalshi: ['CHA'], poly: ['cha'] }),
  nba('CHI', 'Chicago', 'Bulls', { kalshi: ['CHI'], poly: ['chi'] }),
  nba('CLE', 'Cleveland', 'Cavaliers', { kalshi: ['CLE'], poly: ['cle'], aliases: ['Cavs'] }),
  nba('DAL', 'Dallas', 'Mavericks', { kalshi: ['DAL'], poly: ['dal'], aliases: ['Mavs'] }),
  nba('DEN', 'Denver', 'Nuggets', { kalshi: ['DEN'], poly: ['den'] }),
  nba('DET', 'Detroit', 'Pistons', { kalshi: ['DET'], poly: ['det'] }),
  nba('GSW', 'Golden State', 'Warriors', { kalshi: ['GSW'], poly: ['gsw'] }),
  nba('HOU', 'Houston', 'Rockets', { kalshi: ['HOU'], poly: ['hou'] }),
  nba('IND', 'Indiana', 'Pacers', { kalshi: ['IND'], poly: ['ind'] }),
  nba('LAC', 'Los Angeles', 'Clippers', {
    kalshi: ['LAC'],
    poly: ['lac'],
    sub: 'Los Angeles C',
    aliases: ['LA Clippers'],
  }),
  nba('LAL', 'Los Angeles', 'Lakers', {
    kalshi: ['LAL'],
    poly: ['lal'],
    sub: 'Los Angeles L',
    aliases: ['LA Lakers'],
  }),
  nba('MEM', 'Memphis', 'Grizzlies', { kalshi: ['MEM'], poly: ['mem'] }),
  nba('MIA', 'Miami', 'Heat', { kalshi: ['MIA'], poly: ['mia'] }),
  nba('MIL', 'Milwaukee', 'Bucks', { kalshi: ['MIL'], poly: ['mil'] }),
  nba('MIN', 'Minnesota', 'Timberwolves', { kalshi: ['MIN'], poly: ['min'], aliases: ['Wolves'] }),
  nba('NOP', 'New Orleans', 'Pelicans', { kalshi: ['NOP'], poly: ['nop', 'no'] }),
  // "New York" alone names the Knicks in NBA titles: Brooklyn is written as Brooklyn.
  nba('NYK', 'New York', 'Knicks', { kalshi: ['NYK'], poly: ['nyk'], sub: 'New York K', aliases: ['New York'] }),
  nba('OKC', 'Oklahoma City', 'Thunder', { kalshi: ['OKC'], poly: ['okc'] }),
  nba('ORL', 'Orlando', 'Magic', { kalshi: ['ORL'], poly: ['orl'] }),
  nba('PHI', 'Philadelphia', '76ers', { kalshi: ['PHI'], poly: ['phi'], aliases: ['Sixers'] }),
  nba('PHX', 'Phoenix', 'Suns', { kalshi: ['PHX'], poly: ['phx'] }),
  nba('POR', 'Portland', 'Trail Blazers', { kalshi: ['POR'], poly: ['por'], aliases: ['Blazers'] }),
  nba('SAC', 'Sacramento', 'Kings', { kalshi: ['SAC'], poly: ['sac'] }),
  nba('SAS', 'San Antonio', 'Spurs', { kalshi: ['SAS'], poly: ['sas'] }),
  nba('TOR', 'Toronto', 'Raptors', { kalshi: ['TOR'], poly: ['tor'] }),
  nba('UTA', 'Utah', 'Jazz', { kalshi: ['UTA'], poly: ['uta'] }),
  nba('WAS', 'Washington', 'Wizards', { kalshi: ['WAS'], poly: ['was'] }),
];
