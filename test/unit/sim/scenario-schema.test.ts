import { MAJOR_LEAGUES } from '../../../lib/core/market';
import { loadSlate, parseSlate, type SlateInput, scheduleSlate, slateForLeagues } from '../../../local/sim/scenario';

const demo = loadSlate();
const clone = (): SlateInput => JSON.parse(JSON.stringify(demo)) as SlateInput;

describe('the bundled demo slate', () => {
  it('holds 12–20 games across NBA, NFL, NHL and MLB, with an NFL tie and a postponed game', () => {
    const major = slateForLeagues(demo, MAJOR_LEAGUES);
    expect(major.games.length).toBeGreaterThanOrEqual(12);
    expect(major.games.length).toBeLessThanOrEqual(20);
    expect(new Set(major.games.map((g) => g.league))).toEqual(new Set(['NBA', 'NFL', 'NHL', 'MLB']));
    expect(demo.games.filter((g) => g.result === 'tie').map((g) => g.league)).toEqual(['NFL']);
    expect(demo.games.some((g) => g.result === 'void')).toBe(true);
  });

  it('holds one game of each other two-way league: hyphenated Kalshi codes, esports starts in the ticker', () => {
    const others = demo.games.filter((g) => !(MAJOR_LEAGUES as readonly string[]).includes(g.league));
    expect(others.map((g) => g.league)).toEqual([
      'WNBA',
      'NCAAMB',
      'ATP',
      'UFC',
      'CS2',
      'NCAAF',
      'NCAAWB',
      'WTA',
      'LOL',
      'VAL',
      'DOTA2',
    ]);
    expect(others.find((g) => g.league === 'NCAAMB')?.away.code).toBe('M-OH');
    expect(others.find((g) => g.league === 'NCAAF')?.kalshi.eventTicker).toBe('KXNCAAFGAME-26NOV25M-OHFRES');
    expect(others.filter((g) => g.kalshi.startInTicker).map((g) => g.league)).toEqual(['CS2', 'LOL', 'VAL', 'DOTA2']);
    const cs2 = scheduleSlate(demo, Date.parse('2026-11-25T22:00:00Z')).find((g) => g.league === 'CS2');
    // 90 minutes after 22:00Z is 18:30 US Eastern.
    expect(cs2?.eventTicker).toBe('KXCS2GAME-26NOV251830FURIA9INE');
    expect(cs2?.awayTicker).toBe('KXCS2GAME-26NOV251830FURIA9INE-FURIA');
  });

  it('uses the venues’ naming: away code first, Kalshi short names, Polymarket nicknames', () => {
    const lal = demo.games.find((g) => g.id === 'nba-lal-bos');
    expect(lal).toMatchObject({
      kalshi: { eventTicker: 'KXNBAGAME-26NOV25LALBOS' },
      polymarket: { slug: 'nba-lal-bos-2026-11-25', question: 'Lakers vs. Celtics' },
      away: { kalshiName: 'Los Angeles L', polymarketName: 'Lakers' },
    });
  });
});

describe('parseSlate', () => {
  it('lists every problem with where it is', () => {
    const bad = clone();
    const [first, , second] = bad.games; // an NFL game and an NHL game
    if (!first || !second) throw new Error('demo slate too small');
    first.kalshi.eventTicker = 'KXNBAGAME-26NOV25GBDET'; // home first, wrong series
    second.result = 'tie'; // NHL games do not tie
    second.home.polymarketTokenId = first.away.polymarketTokenId;
    let message = '';
    try {
      parseSlate(bad, 'test.json');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('Invalid scenario test.json');
    expect(message).toContain('games.0.kalshi.eventTicker: NFL games belong to series KXNFLGAME');
    expect(message).toContain('games.2.result: NHL games do not end in a tie');
    expect(message).toMatch(/games\.2\.home\.polymarketTokenId: duplicate token/);
  });

  it('refuses a slug dated differently from the Kalshi ticker, and away/home swapped', () => {
    const bad = clone();
    const g = bad.games[3];
    if (!g) throw new Error('demo slate too small');
    g.polymarket.slug = g.polymarket.slug.replace('2026-11-25', '2026-11-26');
    expect(() => parseSlate(bad)).toThrow(/slug date 2026-11-26 differs from the Kalshi ticker date 2026-11-25/);
    const swapped = clone();
    const s = swapped.games[3];
    if (!s) throw new Error('demo slate too small');
    s.kalshi.eventTicker = `KXNBAGAME-26NOV25${s.home.code}${s.away.code}`;
    expect(() => parseSlate(swapped)).toThrow(/away then home/);
  });

  it('accepts absolute start times', () => {
    const abs = clone();
    const g = abs.games[0];
    if (!g) throw new Error('demo slate too small');
    g.start = { at: '2026-11-25T20:20:00-05:00' };
    const scheduled = scheduleSlate(parseSlate(abs), 0)[0];
    expect(scheduled?.startMs).toBe(Date.parse('2026-11-26T01:20:00Z'));
    expect(scheduled?.eventTicker).toBe(g.kalshi.eventTicker); // absolute games keep their date
  });
});

describe('the Polymarket US settings', () => {
  it('default to the venue’s documented taker Θ, a $0.01 tick and 0.01-contract steps', () => {
    expect(demo.polymarketUs).toEqual({ tick: 0.01, minimumTradeQty: 0.01, takerTheta: 0.0695 });
  });

  it('refuses a minimum that is not whole hundredths dividing one contract, a coarser tick, and unknown keys', () => {
    const bad = clone();
    const g = bad.games[0];
    if (!g) throw new Error('demo slate too small');
    g.polymarketUs = { minimumTradeQty: 0.03 };
    bad.polymarketUs = { tick: 0.02 as 0.01, minimumTradeQty: 0.015 };
    let message = '';
    try {
      parseSlate(bad, 'us.json');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/games\.0\.polymarketUs\.minimumTradeQty: minimumTradeQty: whole hundredths/);
    expect(message).toMatch(/polymarketUs\.minimumTradeQty: minimumTradeQty: whole hundredths/);
    expect(message).toMatch(/polymarketUs\.tick/);
    const extra = clone();
    extra.polymarketUs = { takerTheta: 0.07, feeSchedule: 1 } as unknown as SlateInput['polymarketUs'];
    expect(() => parseSlate(extra)).toThrow(/polymarketUs: Unrecognized key/);
    const whole = clone();
    whole.polymarketUs = { minimumTradeQty: 2 };
    expect(() => parseSlate(whole)).toThrow(/whole hundredths/);
  });
});

describe('scheduleSlate', () => {
  it('dates relative games by the US-Eastern date of their start', () => {
    // 22:50 Eastern on Dec 2: a game 10 min later is still Dec 2, one 130 min later is Dec 3.
    const start = Date.parse('2026-12-03T03:50:00Z');
    const games = scheduleSlate(demo, start);
    const early = games.find(
      (g) => g.game.start && 'afterSlateStartMin' in g.game.start && g.game.start.afterSlateStartMin === 10,
    );
    const late = games.find((g) => 'afterSlateStartMin' in g.game.start && g.game.start.afterSlateStartMin === 130);
    expect(early?.eventTicker).toMatch(/^KX[A-Z]+GAME-26DEC02[A-Z]+$/);
    expect(early?.slug).toMatch(/-2026-12-02$/);
    expect(late?.eventTicker).toMatch(/-26DEC03/);
    expect(late?.awayTicker).toBe(`${late?.eventTicker}-${late?.game.away.code}`);
    expect(late?.slug).toMatch(/-2026-12-03$/);
    expect(late?.polymarketUsSlug).toMatch(/^aec-[a-z]+-[a-z]+-[a-z]+-2026-12-03$/);
    expect(early && early.endMs - early.startMs).toBe((early?.game.durationMin ?? 0) * 60_000);
  });
});
