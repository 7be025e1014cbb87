/**
 * NFL: 32 teams.
 *
 * Sources (public code and fixtures read with the search tool, Nov 2026):
 * - Kalshi codes SEEN in event tickers: KC DEN JAC LA LAC GB DET DAL NYG BUF MIA PHI WAS SEA ARI ATL
 *   CIN HOU PIT CAR (e.g. `KXNFLGAME-25OCT06KCJAC`, `KXNFLGAME-26JAN10LACAR`, `KXNFLGAME-25DEC20PHIWAS`,
 *   `KXNFLGAME-26SEP13ARILAC`). The Rams were `LA` in 2025-26 tickers; `LAR` appears in a 2026
 *   fixture (`KXNFLGAME-26OCT04LARSEA`, sub-title "Los Angeles R"), so both are kept. `JAX` for
 *   Jacksonville and BAL CHI CLE IND LV MIN NE NO NYJ SF TB TEN are ASSUMED (league form).
 * - Polymarket slug codes SEEN: la (Rams: `nfl-la-lv-2026-10-25`, "Rams vs. Raiders"), lv, was,
 *   jax (`nfl-hou-jax-2025-09-21`), lac, ten, nyg, nyj, sea, phi, chi, kc, det, cin, atl, no, tb,
 *   dal, gb, car, mia, buf, hou. `lar` seen only on Polymarket US (`aec-nfl-buf-lar-…`). The rest
 *   (ari bal cle den ind min ne pit sf) ASSUMED.
 * - Kalshi `yes_sub_title`: "Los Angeles R" SEEN; "Los Angeles C", "New York G", "New York J" seen
 *   in a third-party alias table; others ASSUMED to be the city.
 */

import type { TeamNames, TeamRecord } from './team';
import { team } from './team';

const nfl = (code: string, city: string, nickname: string, names: TeamNames): TeamRecord =>
  team('NFL', code, city, nickname, names);

export const NFL_TEAMS: readonly TeamRecord[] = [
  nfl('ARI', 'Arizona', 'Cardinals', { kalshi: ['ARI'], poly: ['ari'] }),
  nfl('ATL', 'Atlanta', 'Falcons', { kalshi: ['ATL'], poly: ['atl'] }),
  nfl('BAL', 'Baltimore', 'Ravens', { kalshi: ['BAL'], poly: ['bal'] }),
  nfl('BUF', 'Buffalo', 'Bills', { kalshi: ['BUF'], poly: ['buf'] }),
  nfl('CAR', 'Carolina', 'Panthers', { kalshi: ['CAR'], poly: ['car'] }),
  nfl('CHI', 'Chicago', 'Bears', { kalshi: ['CHI'], poly: ['chi'] }),
  nfl('CIN', 'Cincinnati', 'Bengals', { kalshi: ['CIN'], poly: ['cin'] }),
  nfl('CLE', 'Cleveland', 'Browns', { kalshi: ['CLE'], poly: ['cle'] }),
  nfl('DAL', 'Dallas', 'Cowboys', { kalshi: ['DAL'], poly: ['dal'] }),
  nfl('DEN', 'Denver', 'Broncos', { kalshi: ['DEN'], poly: ['den'] }),
  nfl('DET', 'Detroit', 'Lions', { kalshi: ['DET'], poly: ['det'] }),
  nfl('GB', 'Green Bay', 'Packers', { kalshi: ['GB'], poly: ['gb'] }),
  nfl('HOU', 'Houston', 'Texans', { kalshi: ['HOU'], poly: ['hou'] }),
  nfl('IND', 'Indianapolis', 'Colts', { kalshi: ['IND'], poly: ['ind'] }),
  nfl('JAX', 'Jacksonville', 'Jaguars', { kalshi: ['JAC', 'JAX'], poly: ['jax', 'jac'] }),
  nfl('KC', 'Kansas City', 'Chiefs', { kalshi: ['KC'], poly: ['kc'] }),
  nfl('LV', 'Las Vegas', 'Raiders', { kalshi: ['LV'], poly: ['lv'] }),
  nfl('LAC', 'Los Angeles', 'Chargers', {
    kalshi: ['LAC'],
    poly: ['lac'],
    sub: 'Los Angeles C',
    aliases: ['LA Chargers'],
  }),
  nfl('LAR', 'Los Angeles', 'Rams', {
    kalshi: ['LA', 'LAR'],
    poly: ['la', 'lar'],
    sub: 'Los Angeles R',
    aliases: ['LA Rams'],
  }),
  nfl('MIA', 'Miami', 'Dolphins', { kalshi: ['MIA'], poly: ['mia'] }),
  nfl('MIN', 'Minnesota', 'Vikings', { kalshi: ['MIN'], poly: ['min'] }),
  nfl('NE', 'New England', 'Patriots', { kalshi: ['NE'], poly: ['ne'] }),
  nfl('NO', 'New Orleans', 'Saints', { kalshi: ['NO'], poly: ['no'] }),
  nfl('NYG', 'New York', 'Giants', { kalshi: ['NYG'], poly: ['nyg'], sub: 'New York G', aliases: ['NY Giants'] }),
  nfl('NYJ', 'New York', 'Jets', { kalshi: ['NYJ'], poly: ['nyj'], sub: 'New York J', aliases: ['NY Jets'] }),
  nfl('PHI', 'Philadelphia', 'Eagles', { kalshi: ['PHI'], poly: ['phi'] }),
  nfl('PIT', 'Pittsburgh', 'Steelers', { kalshi: ['PIT'], poly: ['pit'] }),
  nfl('SF', 'San Francisco', '49ers', { kalshi: ['SF'], poly: ['sf'], aliases: ['Niners'] }),
  nfl('SEA', 'Seattle', 'Seahawks', { kalshi: ['SEA'], poly: ['sea'] }),
  nfl('TB', 'Tampa Bay', 'Buccaneers', { kalshi: ['TB'], poly: ['tb'], aliases: ['Bucs'] }),
  nfl('TEN', 'Tennessee', 'Titans', { kalshi: ['TEN'], poly: ['ten'] }),
  nfl('WAS', 'Washington', 'Commanders', { kalshi: ['WAS'], poly: ['was', 'wsh'] }),
];
