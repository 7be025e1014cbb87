import type { League } from '../../../lib/core/market';
import { MAJOR_LEAGUES as LEAGUES } from '../../../lib/core/market';
import {
  findTeam,
  findTeamByKalshiCode,
  findTeamByName,
  findTeamByPolymarketCode,
  normalizeName,
  splitKalshiTeamCodes,
  teamRecord,
  teamsOf,
} from '../../../lib/core/teams';

const code = (ref: { code: string } | null) => ref?.code ?? null;

describe('team tables', () => {
  it.each([
    ['NBA', 30],
    ['NFL', 32],
    ['NHL', 32],
    ['MLB', 30],
  ] as Array<[League, number]>)('%s lists %i teams with distinct codes', (league, count) => {
    const teams = teamsOf(league);
    expect(teams).toHaveLength(count);
    expect(new Set(teams.map((t) => t.code)).size).toBe(count);
    expect(new Set(teams.map((t) => t.fullName)).size).toBe(count);
  });

  it('carries the 2025-26 names: Utah Mammoth, the Athletics without Oakland', () => {
    const utah = teamRecord({ league: 'NHL', code: 'UTA' });
    expect(utah?.fullName).toBe('Utah Mammoth');
    expect(code(findTeamByName('NHL', 'Utah Hockey Club'))).toBe('UTA');
    expect(code(findTeamByName('NHL', 'Mammoth'))).toBe('UTA');
    expect(teamRecord({ league: 'MLB', code: 'ATH' })?.fullName).toBe('Athletics');
    expect(code(findTeamByName('MLB', 'Oakland Athletics'))).toBe('ATH');
    expect(teamsOf('NHL').some((t) => t.nickname === 'Coyotes')).toBe(false);
  });

  it.each(LEAGUES)('%s: every pair of Kalshi codes, in either order, splits back into the same two teams', (league) => {
    const entries = teamsOf(league).flatMap((t) => t.kalshiCodes.map((c) => [t.code, c] as const));
    const wrong: string[] = [];
    let checked = 0;
    for (const [teamA, codeA] of entries) {
      for (const [teamB, codeB] of entries) {
        if (teamA === teamB) continue;
        const split = splitKalshiTeamCodes(league, codeA + codeB);
        const back = split.ok
          ? `${split.teams[0].code}/${split.teams[1].code} via ${split.codes.join('+')}`
          : split.reason;
        if (back !== `${teamA}/${teamB} via ${codeA}+${codeB}`) wrong.push(`${codeA}${codeB}: ${back}`);
        checked += 1;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(800);
  });

  it.each(LEAGUES)('%s: every team is found by full name, nickname, each venue code and its own code', (league) => {
    for (const t of teamsOf(league)) {
      expect(code(findTeamByName(league, t.fullName))).toBe(t.code);
      expect(code(findTeamByName(league, t.nickname))).toBe(t.code);
      expect(code(findTeam(league, t.code))).toBe(t.code);
      for (const k of t.kalshiCodes) expect(code(findTeamByKalshiCode(league, k))).toBe(t.code);
      for (const p of t.polymarketCodes) expect(code(findTeamByPolymarketCode(league, p))).toBe(t.code);
      // The Kalshi sub-title resolves unless it is a city that two teams share.
      const sub = findTeamByName(league, t.kalshiSubTitle);
      expect(sub === null || sub.code === t.code).toBe(true);
    }
  });

  it.each([
    ['NBA', 'Los Angeles L', 'LAL'],
    ['NBA', 'Los Angeles C', 'LAC'],
    ['NBA', 'New York K', 'NYK'],
    ['NBA', 'New York', 'NYK'],
    ['NFL', 'Los Angeles R', 'LAR'],
    ['NFL', 'New York J', 'NYJ'],
    ['NHL', 'New York I', 'NYI'],
    ['NHL', 'Los Angeles', 'LAK'],
    ['MLB', 'Chicago WS', 'CWS'],
    ['MLB', 'Chicago C', 'CHC'],
    ['MLB', 'Los Angeles D', 'LAD'],
    ['MLB', 'New York M', 'NYM'],
    ['MLB', "A's", 'ATH'],
  ] as Array<[League, string, string]>)('%s Kalshi sub-title "%s" is %s', (league, sub, expected) => {
    expect(code(findTeamByName(league, sub))).toBe(expected);
  });

  it.each([
    ['NBA', 'Los Angeles'],
    ['NFL', 'Los Angeles'],
    ['NFL', 'New York'],
    ['NHL', 'New York'],
    ['MLB', 'Chicago'],
    ['MLB', 'New York'],
    ['MLB', 'Los Angeles'],
  ] as Array<[League, string]>)('%s: "%s" names two teams, so it resolves to nothing', (league, city) => {
    expect(findTeamByName(league, city)).toBeNull();
    expect(findTeam(league, city)).toBeNull();
  });

  it('scopes names to the league', () => {
    expect(code(findTeamByName('NFL', 'Giants'))).toBe('NYG');
    expect(code(findTeamByName('MLB', 'Giants'))).toBe('SF');
    expect(code(findTeamByName('NBA', 'Kings'))).toBe('SAC');
    expect(code(findTeamByName('NHL', 'Kings'))).toBe('LAK');
    expect(code(findTeamByKalshiCode('NFL', 'LA'))).toBe('LAR');
    expect(code(findTeamByKalshiCode('NHL', 'LA'))).toBe('LAK');
    expect(findTeamByKalshiCode('NBA', 'LA')).toBeNull();
  });

  it("knows Polymarket's own NHL and MLB codes", () => {
    expect(code(findTeamByPolymarketCode('NHL', 'las'))).toBe('VGK');
    expect(code(findTeamByPolymarketCode('NHL', 'mon'))).toBe('MTL');
    expect(code(findTeamByPolymarketCode('NHL', 'cal'))).toBe('CGY');
    expect(code(findTeamByPolymarketCode('NHL', 'utah'))).toBe('UTA');
    expect(code(findTeamByPolymarketCode('MLB', 'oak'))).toBe('ATH');
    expect(code(findTeamByPolymarketCode('MLB', 'ari'))).toBe('AZ');
    expect(code(findTeamByPolymarketCode('NFL', 'la'))).toBe('LAR');
    expect(code(findTeamByKalshiCode('NFL', 'JAC'))).toBe('JAX');
  });

  it('ignores case, accents and punctuation in names, but not in venue codes', () => {
    expect(normalizeName(' St. Louis ')).toBe('st louis');
    expect(code(findTeamByName('NHL', 'ST LOUIS'))).toBe('STL');
    expect(code(findTeamByName('NHL', 'Montréal Canadiens'))).toBe('MTL');
    expect(code(findTeamByName('NBA', 'philadelphia 76ERS'))).toBe('PHI');
    expect(findTeamByKalshiCode('NBA', 'lal')).toBeNull();
    expect(findTeamByPolymarketCode('NBA', 'LAL')).toBeNull();
  });

  it('never reads an outcome word as a team code: "No" is not the Saints by name', () => {
    expect(findTeamByName('NFL', 'No')).toBeNull();
    expect(findTeamByName('NFL', 'Yes')).toBeNull();
    expect(code(findTeamByPolymarketCode('NFL', 'no'))).toBe('NO');
  });

  it('refuses a code blob that no two known teams make up', () => {
    expect(splitKalshiTeamCodes('NBA', 'LALXYZ')).toMatchObject({ ok: false, ambiguous: false });
    expect(splitKalshiTeamCodes('NBA', 'LALLAL')).toMatchObject({ ok: false });
    expect(findTeam('NBA', 'Celtix')).toBeNull();
  });
});
