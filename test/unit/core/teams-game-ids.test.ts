import fc from 'fast-check';
import { MAJOR_LEAGUES as LEAGUES } from '../../../lib/core/market';
import {
  easternWallTimeToMs,
  kalshiEventTicker,
  parseKalshiEventTicker,
  parsePolymarketSlug,
  polymarketSlug,
  teamRef,
  teamsOf,
} from '../../../lib/core/teams';

const utc = (iso: string) => Date.parse(iso);

describe('parseKalshiEventTicker', () => {
  it('reads league, US-Eastern date and both teams of a real NBA ticker', () => {
    expect(parseKalshiEventTicker('KXNBAGAME-25DEC27LALBOS')).toEqual({
      ok: true,
      value: {
        series: 'KXNBAGAME',
        league: 'NBA',
        date: '2025-12-27',
        startMs: null,
        codes: ['LAL', 'BOS'],
        teams: [
          { league: 'NBA', code: 'LAL' },
          { league: 'NBA', code: 'BOS' },
        ],
        gameNumber: null,
      },
    });
  });

  it.each([
    ['KXNHLGAME-26FEB25VGKLA', ['VGK', 'LA'], ['VGK', 'LAK']],
    ['KXNHLGAME-25OCT30NJSJ', ['NJ', 'SJ'], ['NJD', 'SJS']],
    ['KXNFLGAME-25OCT06KCJAC', ['KC', 'JAC'], ['KC', 'JAX']],
    ['KXNFLGAME-26JAN10LACAR', ['LA', 'CAR'], ['LAR', 'CAR']],
    ['KXNFLGAME-26SEP13ARILAC', ['ARI', 'LAC'], ['ARI', 'LAC']],
    ['KXMLBGAME-26MAY121940KCCWS', ['KC', 'CWS'], ['KC', 'CWS']],
    ['KXMLBGAME-26SEP152140MIAAZ', ['MIA', 'AZ'], ['MIA', 'AZ']],
  ])('splits codes of different lengths: %s', (ticker, codes, canonical) => {
    const parsed = parseKalshiEventTicker(ticker);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.codes).toEqual(codes);
    expect(parsed.value.teams.map((t) => t.code)).toEqual(canonical);
  });

  it('reads the US-Eastern start time MLB tickers carry (20:40 EDT is 00:40 UTC the next day)', () => {
    const parsed = parseKalshiEventTicker('KXMLBGAME-26AUG222040MINSD');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.date).toBe('2026-08-22');
    expect(parsed.value.startMs).toBe(utc('2026-08-23T00:40:00Z'));
  });

  it('reads start times in standard time in winter', () => {
    const parsed = parseKalshiEventTicker('KXMLBGAME-26MAR011905NYYBOS');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.startMs).toBe(utc('2026-03-02T00:05:00Z'));
  });

  it('reads the 2025 doubleheader suffix', () => {
    const parsed = parseKalshiEventTicker('KXMLBGAME-25APR26BALDETG1');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.gameNumber).toBe(1);
    expect(parsed.value.teams.map((t) => t.code)).toEqual(['BAL', 'DET']);
  });

  it.each([
    ['KXNBAGAME-25FEB30LALBOS', 'no valid date'],
    ['KXNBAGAME-25FOO27LALBOS', 'no valid date'],
    ['KXMLBGAME-26AUG222460MINSD', 'no valid time'],
    ['KXEPLGAME-25DEC27ARSCHE', 'no two known EPL Kalshi team codes'],
    ['KXXFLGAME-25DEC27ARSCHE', 'not a catalogued game series'],
    ['KXNBAGAME-25DEC27', 'is not'],
    ['KXNBAGAME-25DEC27LALBOS-LAL', 'is not'],
    ['kxnbagame-25dec27lalbos', 'is not'],
  ])('refuses %s with a reason', (ticker, reason) => {
    const parsed = parseKalshiEventTicker(ticker);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('names the unknown code blob when a team code is not in the tables', () => {
    const parsed = parseKalshiEventTicker('KXNBAGAME-25DEC27LALXYZ');
    expect(parsed).toMatchObject({ ok: false, unknown: 'LALXYZ' });
  });
});

describe('parsePolymarketSlug', () => {
  it.each([
    ['nba-lal-bos-2025-12-27', 'NBA', ['LAL', 'BOS']],
    ['nhl-las-col-2026-05-20', 'NHL', ['VGK', 'COL']],
    ['nhl-wsh-utah-2026-03-26', 'NHL', ['WSH', 'UTA']],
    ['mlb-ath-az-2026-07-20', 'MLB', ['ATH', 'AZ']],
    ['nfl-la-lv-2026-10-25', 'NFL', ['LAR', 'LV']],
  ])('reads %s', (slug, league, teams) => {
    const parsed = parsePolymarketSlug(slug);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.league).toBe(league);
    expect(parsed.value.teams.map((t) => t.code)).toEqual(teams);
    expect(parsed.value.date).toBe(slug.slice(-10));
    expect(parsed.value.suffix).toBeNull();
  });

  it('keeps what follows the date as a suffix', () => {
    const parsed = parsePolymarketSlug('nhl-lak-van-2026-04-14-total-6pt5');
    expect(parsed).toMatchObject({ ok: true, value: { date: '2026-04-14', suffix: 'total-6pt5' } });
  });

  it.each([
    ['nba-lal-xyz-2025-12-27', 'unknown NBA team code "xyz"'],
    ['epl-ars-che-2025-12-27', 'not an NBA/NFL/NHL/MLB game'],
    ['nba-lal-bos-2025-02-30', 'no valid date'],
    ['nba-lal-lal-2025-12-27', 'one team twice'],
    ['aec-nba-lal-bos-2025-12-27', 'is not'],
    ['nba-lal-bos', 'is not'],
  ])('refuses %s with a reason', (slug, reason) => {
    const parsed = parsePolymarketSlug(slug);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe('easternWallTimeToMs', () => {
  it.each([
    ['2026-03-07', 19, 0, '2026-03-08T00:00:00Z'], // EST, the evening before DST starts
    ['2026-03-08', 19, 0, '2026-03-08T23:00:00Z'], // EDT from 2026-03-08 02:00
    ['2026-10-31', 19, 0, '2026-10-31T23:00:00Z'], // EDT
    ['2026-11-01', 19, 0, '2026-11-02T00:00:00Z'], // EST from 2026-11-01 02:00
    ['2025-12-27', 19, 30, '2025-12-28T00:30:00Z'],
  ])('%s %i:%i in New York is %s', (day, hour, minute, iso) => {
    expect(easternWallTimeToMs(day, hour, minute)).toBe(utc(iso));
  });
});

describe('kalshiEventTicker and polymarketSlug', () => {
  it('write the real formats', () => {
    const lal = teamRef('NBA', 'LAL');
    const bos = teamRef('NBA', 'BOS');
    if (!lal || !bos) throw new Error('missing teams');
    expect(kalshiEventTicker({ league: 'NBA', date: '2025-12-27', away: lal, home: bos })).toBe(
      'KXNBAGAME-25DEC27LALBOS',
    );
    expect(polymarketSlug({ league: 'NBA', date: '2025-12-27', first: lal, second: bos })).toBe(
      'nba-lal-bos-2025-12-27',
    );
  });

  it('round-trip through the parsers for every pair of teams, date and time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LEAGUES),
        fc.nat(),
        fc.nat(),
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))),
        (league, i, j, when, time) => {
          const teams = teamsOf(league);
          const a = teams[i % teams.length];
          const b = teams[(i + 1 + (j % (teams.length - 1))) % teams.length];
          if (!a || !b) throw new Error('index');
          const away = { league, code: a.code };
          const home = { league, code: b.code };
          const date = when.toISOString().slice(0, 10);
          const timeEt = time ? `${String(time[0]).padStart(2, '0')}${String(time[1]).padStart(2, '0')}` : undefined;
          const ticker = kalshiEventTicker({ league, date, away, home, timeEt });
          const parsed = parseKalshiEventTicker(ticker);
          expect(parsed).toMatchObject({ ok: true, value: { league, date, teams: [away, home] } });
          if (parsed.ok && time) expect(parsed.value.startMs).toBe(easternWallTimeToMs(date, time[0], time[1]));
          const slug = parsePolymarketSlug(polymarketSlug({ league, date, first: away, second: home }));
          expect(slug).toMatchObject({ ok: true, value: { league, date, teams: [away, home], suffix: null } });
        },
      ),
      { numRuns: 300 },
    );
  });
});
