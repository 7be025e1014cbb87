import { parseKalshiEventTicker } from '../../../lib/core/teams';
import { kalshiMarketCode, parseLeagueEventTicker } from '../../../lib/core/teams/league-tickers';

// Every ticker here is cited in docs/leagues.md (source in the comment).
describe('parseLeagueEventTicker', () => {
  it('keeps the hyphen inside a college football code and splits the block with the market codes (C2)', () => {
    const event = 'KXNCAAFGAME-25DEC27M-OHFRES';
    const codes = [`${event}-M-OH`, `${event}-FRES`].map((t) => kalshiMarketCode(t, event)!);
    expect(codes).toEqual(['M-OH', 'FRES']);
    expect(parseLeagueEventTicker(event, codes)).toEqual({
      ok: true,
      value: {
        series: 'KXNCAAFGAME',
        league: 'NCAAF',
        date: '2025-12-27',
        startMs: null,
        block: 'M-OHFRES',
        codes: ['M-OH', 'FRES'],
        firstIs: 'away',
        gameNumber: null,
      },
    });
    // The market codes come in any order; the ticker's order wins.
    expect(parseLeagueEventTicker(event, ['FRES', 'M-OH'])).toMatchObject({ value: { codes: ['M-OH', 'FRES'] } });
    // Splitting on "-" would have read the series, the date block "25DEC27M" and a market "OHFRES".
    expect(event.split('-')).toEqual(['KXNCAAFGAME', '25DEC27M', 'OHFRES']);
  });

  it('reads college basketball tickers away team first (K1, K2)', () => {
    expect(parseLeagueEventTicker('KXNCAAWBGAME-26MAR04COLGLAF', ['LAF', 'COLG'])).toMatchObject({
      ok: true,
      value: { league: 'NCAAWB', date: '2026-03-04', codes: ['COLG', 'LAF'], firstIs: 'away' },
    });
    expect(parseLeagueEventTicker('KXNCAAMBGAME-26MAR05WKUMOSU', ['MOSU', 'WKU'])).toMatchObject({
      value: { league: 'NCAAMB', codes: ['WKU', 'MOSU'], firstIs: 'away' },
    });
  });

  it('reads a soccer event with its draw market, home first as presumed (C2)', () => {
    const event = 'KXEPLGAME-25DEC27CFCAVL';
    const codes = ['CFC', 'TIE', 'AVL'].map((c) => kalshiMarketCode(`${event}-${c}`, event)!);
    expect(parseLeagueEventTicker(event, codes)).toMatchObject({
      ok: true,
      value: { league: 'EPL', block: 'CFCAVL', codes: ['CFC', 'AVL'], firstIs: 'home-unverified' },
    });
  });

  it('reads tennis, UFC and esports tickers, where the order means nothing (K3, K4, K5, K6, K7, K8, K9, K10, C3)', () => {
    const cases: [string, string[], string, [string, string]][] = [
      // Learner Tien's code is TIE, like a soccer draw: in a two-participant league it is a participant.
      ['KXATPMATCH-26MAR12TIESIN', ['SIN', 'TIE'], 'ATP', ['TIE', 'SIN']],
      ['KXWTAMATCH-26MAR07HUNBEN', ['HUN', 'BEN'], 'WTA', ['HUN', 'BEN']],
      ['KXUFCFIGHT-26APR25MCVDUM', ['DUM', 'MCV'], 'UFC', ['MCV', 'DUM']],
      ['KXUFCFIGHT-26MAR07MUDSAN', ['MUD', 'SAN'], 'UFC', ['MUD', 'SAN']],
      ['KXCS2GAME-26MAR31FALBST', ['BST', 'FAL'], 'CS2', ['FAL', 'BST']],
      ['KXCS2GAME-26MAR05FOKPSSNUA', ['PSSNUA', 'FOK'], 'CS2', ['FOK', 'PSSNUA']],
      ['KXCS2GAME-26JAN16FURIA9INE', ['9INE', 'FURIA'], 'CS2', ['FURIA', '9INE']],
      ['KXVALORANTGAME-26MAR29MKSHI', ['SHI', 'MK'], 'VAL', ['MK', 'SHI']],
    ];
    for (const [ticker, codes, league, order] of cases) {
      expect({ ticker, parsed: parseLeagueEventTicker(ticker, codes) }).toMatchObject({
        ticker,
        parsed: { ok: true, value: { league, codes: order, firstIs: 'unspecified', startMs: null } },
      });
    }
  });

  it('reads a Kalshi Tie market beside two teams in Dota 2 without taking TIE for a team (K10)', () => {
    expect(parseLeagueEventTicker('KXDOTA2GAME-26MAR22YBTY', ['YB', 'TY', 'TIE'])).toMatchObject({
      ok: true,
      value: { league: 'DOTA2', codes: ['YB', 'TY'] },
    });
  });

  it('reads a start time, and agrees with the existing parser on a traded league (S11)', () => {
    const ticker = 'KXMLBGAME-26MAY091610WSHMIA';
    const parsed = parseLeagueEventTicker(ticker, ['WSH', 'MIA']);
    const existing = parseKalshiEventTicker(ticker);
    expect(parsed).toMatchObject({ ok: true, value: { league: 'MLB', date: '2026-05-09', codes: ['WSH', 'MIA'] } });
    expect(existing.ok && parsed.ok && parsed.value.startMs).toBe(existing.ok && existing.value.startMs);
    expect(parsed.ok && parsed.value.startMs).toBe(Date.parse('2026-05-09T20:10:00Z')); // 16:10 EDT
    // Without its codes, "1610WSHMIA" could also be a team block: refused, not guessed.
    expect(parseLeagueEventTicker(ticker)).toMatchObject({ ok: false });
    expect(parseLeagueEventTicker('KXMLBGAME-25APR26BALDETG1', ['BAL', 'DET'])).toMatchObject({
      value: { gameNumber: 1, codes: ['BAL', 'DET'] },
    });
  });

  it('parses without market codes when the ticker has one reading', () => {
    expect(parseLeagueEventTicker('KXEPLGAME-25DEC27CFCAVL')).toMatchObject({
      ok: true,
      value: { block: 'CFCAVL', codes: null, startMs: null },
    });
  });

  it('refuses unknown series, bad dates, codes that do not spell the block, and ambiguous orders', () => {
    expect(parseLeagueEventTicker('KXATPCHALLENGERMATCH-26MAR09MATPOL')).toMatchObject({
      ok: false,
      unknown: 'KXATPCHALLENGERMATCH',
    });
    expect(parseLeagueEventTicker('KXEPLGAME-25FEB30CFCAVL').ok).toBe(false);
    expect(parseLeagueEventTicker('KXEPLGAME-25XYZ27CFCAVL').ok).toBe(false);
    expect(parseLeagueEventTicker('KXEPLGAME')).toMatchObject({ ok: false });
    expect(parseLeagueEventTicker('KXEPLGAME-25DEC27CFCAVL', ['CFC', 'ARS'])).toMatchObject({ ok: false });
    expect(parseLeagueEventTicker('KXEPLGAME-25DEC27CFCAVL', ['CFC'])).toMatchObject({ ok: false });
    expect(parseLeagueEventTicker('KXCS2GAME-26MAR31ABABAB', ['AB', 'ABAB'])).toMatchObject({ ok: false });
  });
});

describe('kalshiMarketCode', () => {
  it('is the ticker minus the event ticker and one hyphen, or null for another event', () => {
    expect(kalshiMarketCode('KXEPLGAME-25DEC27CFCAVL-TIE', 'KXEPLGAME-25DEC27CFCAVL')).toBe('TIE');
    expect(kalshiMarketCode('KXEPLGAME-25DEC27CFCAVL-TIE', 'KXEPLGAME-25DEC27CFC')).toBeNull();
    expect(kalshiMarketCode('KXEPLGAME-25DEC27CFCAVL-', 'KXEPLGAME-25DEC27CFCAVL')).toBeNull();
  });
});
