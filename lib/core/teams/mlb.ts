/**
 * MLB: 30 teams. The Athletics left Oakland after 2024 (now "Athletics", code ATH, playing in
 * West Sacramento); Arizona's official abbreviation is AZ.
 *
 * Sources (public code and fixtures read with the search tool, Nov 2026):
 * - Kalshi codes SEEN in event tickers: NYY BOS ATL NYM TOR LAD SD DET CLE KC LAA ATH SEA HOU BAL
 *   STL PIT MIA AZ CWS WSH PHI TB MIN SF CHC (e.g. `KXMLBGAME-26SEP152140MIAAZ`,
 *   `KXMLBGAME-26MAY121940KCCWS`, `KXMLBGAME-26SEP032140ATHSEA`, `KXMLBGAME-26JUL081845HOUWSH`).
 *   TEX COL CIN MIL ASSUMED; ARI kept as an ASSUMED older form of AZ.
 * - Polymarket slug codes SEEN: ath (and oak before 2025), az (`mlb-ath-az-2026-07-20`; ari in
 *   2025: `mlb-sf-ari-2025-06-30`), cws, wsh, sf, kc, sd, tb, laa, lad, nyy, nym, chc, stl, phi,
 *   atl, hou, pit, min, mia, det, cin, sea, tor, bal, col, tex. bos cle mil ASSUMED.
 * - Kalshi `yes_sub_title` / title forms seen in a third-party alias table: "Chicago WS", "Chicago C",
 *   "Los Angeles A", "Los Angeles D", "New York Y", "New York M", "A's"; "Los Angeles D" and
 *   "Atlanta" seen in a `yes_sub_title` fixture. Others ASSUMED to be the city.
 */

import type { TeamNames, TeamRecord } from './team';
import { team } from './team';

const mlb = (code: string, city: string, nickname: string, names: TeamNames): TeamRecord =>
  team('MLB', code, city, nickname, names);

export const MLB_TEAMS: readonly TeamRecord[] = [
  mlb('AZ', 'Arizona', 'Diamondbacks', { kalshi: ['AZ', 'ARI'], poly: ['az', 'ari'], aliases: ['D-backs'] }),
  mlb('ATH', 'Sacramento', 'Athletics', {
    kalshi: ['ATH'],
    poly: ['ath', 'oak'],
    fullName: 'Athletics',
    sub: "A's",
    aliases: ['Oakland Athletics', "Oakland A's", 'Oakland'],
  }),
  mlb('ATL', 'Atlanta', 'Braves', { kalshi: ['ATL'], poly: ['atl'] }),
  mlb('BAL', 'Baltimore', 'Orioles', { kalshi: ['BAL'], poly: ['bal'] }),
  mlb('BOS', 'Boston', 'Red Sox', { kalshi: ['BOS'], poly: ['bos'] }),
  mlb('CHC', 'Chicago', 'Cubs', { kalshi: ['CHC'], poly: ['chc'], sub: 'Chicago C' }),
  mlb('CWS', 'Chicago', 'White Sox', { kalshi: ['CWS'], poly: ['cws', 'chw'], sub: 'Chicago WS' }),
  mlb('CIN', 'Cincinnati', 'Reds', { kalshi: ['CIN'], poly: ['cin'] }),
  mlb('CLE', 'Cleveland', 'Guardians', { kalshi: ['CLE'], poly: ['cle'] }),
  mlb('COL', 'Colorado', 'Rockies', { kalshi: ['COL'], poly: ['col'] }),
  mlb('DET', 'Detroit', 'Tigers', { kalshi: ['DET'], poly: ['det'] }),
  mlb('HOU', 'Houston', 'Astros', { kalshi: ['HOU'], poly: ['hou'] }),
  mlb('KC', 'Kansas City', 'Royals', { kalshi: ['KC'], poly: ['kc'] }),
  mlb('LAA', 'Los Angeles', 'Angels', { kalshi: ['LAA'], poly: ['laa'], sub: 'Los Angeles A', aliases: ['LA Angels'] }),
  mlb('LAD', 'Los Angeles', 'Dodgers', {
    kalshi: ['LAD'],
    poly: ['lad'],
    sub: 'Los Angeles D',
    aliases: ['LA Dodgers'],
  }),
  mlb('MIA', 'Miami', 'Marlins', { kalshi: ['MIA'], poly: ['mia'] }),
  mlb('MIL', 'Milwaukee', 'Brewers', { kalshi: ['MIL'], poly: ['mil'] }),
  mlb('MIN', 'Minnesota', 'Twins', { kalshi: ['MIN'], poly: ['min'] }),
  mlb('NYM', 'New York', 'Mets', { kalshi: ['NYM'], poly: ['nym'], sub: 'New York M', aliases: ['NY Mets'] }),
  mlb('NYY', 'New York', 'Yankees', { kalshi: ['NYY'], poly: ['nyy'], sub: 'New York Y', aliases: ['NY Yankees'] }),
  mlb('PHI', 'Philadelphia', 'Phillies', { kalshi: ['PHI'], poly: ['phi'] }),
  mlb('PIT', 'Pittsburgh', 'Pirates', { kalshi: ['PIT'], poly: ['pit'] }),
  mlb('SD', 'San Diego', 'Padres', { kalshi: ['SD'], poly: ['sd'] }),
  mlb('SF', 'San Francisco', 'Giants', { kalshi: ['SF'], poly: ['sf'] }),
  mlb('SEA', 'Seattle', 'Mariners', { kalshi: ['SEA'], poly: ['sea'] }),
  mlb('STL', 'St. Louis', 'Cardinals', { kalshi: ['STL'], poly: ['stl'] }),
  mlb('TB', 'Tampa Bay', 'Rays', { kalshi: ['TB'], poly: ['tb'] }),
  mlb('TEX', 'Texas', 'Rangers', { kalshi: ['TEX'], poly: ['tex'] }),
  mlb('TOR', 'Toronto', 'Blue Jays', { kalshi: ['TOR'], poly: ['tor'] }),
  mlb('WSH', 'Washington', 'Nationals', { kalshi: ['WSH'], poly: ['wsh', 'was'], aliases: ['Nats'] }),
];
