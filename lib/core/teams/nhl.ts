/**
 * NHL: 32 teams, with Utah (Utah Hockey Club in 2024-25, Utah Mammoth from 2025-26; the Arizona
 * Coyotes franchise is inactive and not listed).
 *
 * Sources (public code and fixtures read with the search tool, Nov 2026):
 * - Kalshi codes SEEN in event tickers: LA NJ SJ TB (two-letter, unlike the NHL's own LAK NJD SJS
 *   TBL: `KXNHLGAME-26FEB25VGKLA`, `KXNHLGAME-25OCT30NJSJ`, `KXNHLSPREAD-26OCT05PHITB-TB3`), VGK WSH
 *   CBJ NSH MTL CGY ANA WPG NYI NYR EDM OTT SEA DET DAL STL CHI VAN FLA CAR BUF BOS PIT PHI MIN COL
 *   TOR. UTA seen in a third-party matcher test (`KXNHLGAME-26FEB25UTACOL`). The league's LAK NJD
 *   SJS TBL are kept as ASSUMED alternates (one third-party comment shows `TBLBOS`).
 * - Polymarket slug codes SEEN: Polymarket uses its own codes for several teams: cal (Calgary,
 *   `nhl-ana-cal-2026-03-26`), mon (Montreal, `nhl-nj-mon-2026-04-05`), las (Vegas,
 *   `nhl-las-col-2026-05-20`), utah (`nhl-wsh-utah-2026-03-26`), lak (`nhl-lak-van-2026-04-14`),
 *   nj, sj, tb; also seen: ana bos buf cbj chi col dal det edm fla nsh nyi ott phi pit stl tor van
 *   wpg wsh. car min nyr sea ASSUMED.
 * - Kalshi `yes_sub_title`: "New York R" / "New York I" seen in a third-party alias table; "Los
 *   Angeles" alone is the Kings (one NHL team in LA); others ASSUMED to be the city.
 */

import type { TeamNames, TeamRecord } from './team';
import { team } from './team';

const nhl = (code: string, city: string, nickname: string, names: TeamNames): TeamRecord =>
  team('NHL', code, city, nickname, names);

export const NHL_TEAMS: readonly TeamRecord[] = [
  nhl('ANA', 'Anaheim', 'Ducks', { kalshi: ['ANA'], poly: ['ana'] }),
  nhl('BOS', 'Boston', 'Bruins', { kalshi: ['BOS'], poly: ['bos'] }),
  nhl('BUF', 'Buffalo', 'Sabres', { kalshi: ['BUF'], poly: ['buf'] }),
  nhl('CGY', 'Calgary', 'Flames', { kalshi: ['CGY'], poly: ['cal', 'cgy'] }),
  nhl('CAR', 'Carolina', 'Hurricanes', { kalshi: ['CAR'], poly: ['car'], aliases: ['Canes'] }),
  nhl('CHI', 'Chicago', 'Blackhawks', { kalshi: ['CHI'], poly: ['chi'] }),
  nhl('COL', 'Colorado', 'Avalanche', { kalshi: ['COL'], poly: ['col'] }),
  nhl('CBJ', 'Columbus', 'Blue Jackets', { kalshi: ['CBJ'], poly: ['cbj'] }),
  nhl('DAL', 'Dallas', 'Stars', { kalshi: ['DAL'], poly: ['dal'] }),
  nhl('DET', 'Detroit', 'Red Wings', { kalshi: ['DET'], poly: ['det'] }),
  nhl('EDM', 'Edmonton', 'Oilers', { kalshi: ['EDM'], poly: ['edm'] }),
  nhl('FLA', 'Florida', 'Panthers', { kalshi: ['FLA'], poly: ['fla'] }),
  nhl('LAK', 'Los Angeles', 'Kings', { kalshi: ['LA', 'LAK'], poly: ['lak', 'la'], aliases: ['LA Kings'] }),
  nhl('MIN', 'Minnesota', 'Wild', { kalshi: ['MIN'], poly: ['min'] }),
  nhl('MTL', 'Montreal', 'Canadiens', { kalshi: ['MTL'], poly: ['mon', 'mtl'], aliases: ['Habs'] }),
  nhl('NSH', 'Nashville', 'Predators', { kalshi: ['NSH'], poly: ['nsh'], aliases: ['Preds'] }),
  nhl('NJD', 'New Jersey', 'Devils', { kalshi: ['NJ', 'NJD'], poly: ['nj', 'njd'] }),
  nhl('NYI', 'New York', 'Islanders', { kalshi: ['NYI'], poly: ['nyi'], sub: 'New York I', aliases: ['NY Islanders'] }),
  nhl('NYR', 'New York', 'Rangers', { kalshi: ['NYR'], poly: ['nyr'], sub: 'New York R', aliases: ['NY Rangers'] }),
  nhl('OTT', 'Ottawa', 'Senators', { kalshi: ['OTT'], poly: ['ott'], aliases: ['Sens'] }),
  nhl('PHI', 'Philadelphia', 'Flyers', { kalshi: ['PHI'], poly: ['phi'] }),
  nhl('PIT', 'Pittsburgh', 'Penguins', { kalshi: ['PIT'], poly: ['pit'] }),
  nhl('SJS', 'San Jose', 'Sharks', { kalshi: ['SJ', 'SJS'], poly: ['sj', 'sjs'] }),
  nhl('SEA', 'Seattle', 'Kraken', { kalshi: ['SEA'], poly: ['sea'] }),
  nhl('STL', 'St. Louis', 'Blues', { kalshi: ['STL'], poly: ['stl'] }),
  nhl('TBL', 'Tampa Bay', 'Lightning', { kalshi: ['TB', 'TBL'], poly: ['tb', 'tbl'] }),
  nhl('TOR', 'Toronto', 'Maple Leafs', { kalshi: ['TOR'], poly: ['tor'], aliases: ['Leafs'] }),
  nhl('UTA', 'Utah', 'Mammoth', {
    kalshi: ['UTA'],
    poly: ['utah', 'uta'],
    aliases: ['Utah Hockey Club', 'Hockey Club', 'Utah HC'],
  }),
  nhl('VAN', 'Vancouver', 'Canucks', { kalshi: ['VAN'], poly: ['van'] }),
  nhl('VGK', 'Vegas', 'Golden Knights', { kalshi: ['VGK'], poly: ['las', 'vgk'], aliases: ['Las Vegas'] }),
  nhl('WSH', 'Washington', 'Capitals', { kalshi: ['WSH'], poly: ['wsh', 'was'], aliases: ['Caps'] }),
  nhl('WPG', 'Winnipeg', 'Jets', { kalshi: ['WPG'], poly: ['wpg'] }),
];
