/**
 * Property tests of matchGames over generated schedules with known ground truth: series (same
 * teams on consecutive days), doubleheaders, reversed orders, UTC-dated slugs, noisy Kalshi start
 * times, games listed on one venue only.
 */
import fc from 'fast-check';
import { type KalshiGame, type League, type PolymarketGame, polymarketSideGameId } from '../../../lib/core/market';
import { matchGamesDetailed } from '../../../lib/core/match';
import { easternWallTimeToMs, kalshiEventTicker, teamRecord, teamsOf } from '../../../lib/core/teams';
import { utcDay } from '../../../lib/core/time';
import { kalshiGame, pmGame } from './match-fixtures';

interface RealGame {
  readonly index: number;
  readonly teams: readonly [string, string];
  readonly date: string;
  readonly startMs: number;
  /** Start as written in a Kalshi ticker: HHMM US Eastern. */
  readonly timeEt: string;
  readonly onPolymarket: boolean;
  readonly onKalshi: boolean;
  readonly slugReversed: boolean;
  readonly outcomesReversed: boolean;
  readonly slugUsesUtcDate: boolean;
  readonly nicknames: boolean;
  readonly kalshiTime: boolean;
  readonly kalshiApiNoiseMin: number | null;
  /** Doubleheader game number (MLB), by start order, else null. */
  readonly gameNumber: number | null;
}

// Consecutive days (series), both sides of a DST change, and late 2025, when some slugs used UTC dates.
const DAYS = ['2025-11-08', '2025-11-09', '2026-01-09', '2026-01-10', '2026-01-11', '2026-04-10', '2026-04-11'];

const gameArb = fc.record({
  pair: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 })),
  day: fc.integer({ min: 0, max: DAYS.length - 1 }),
  hour: fc.integer({ min: 12, max: 22 }),
  minute: fc.constantFrom(0, 5, 10, 35, 40),
  onPolymarket: fc.boolean(),
  onKalshi: fc.boolean(),
  slugReversed: fc.boolean(),
  outcomesReversed: fc.boolean(),
  slugUsesUtcDate: fc.boolean(),
  nicknames: fc.boolean(),
  kalshiTime: fc.boolean(),
  kalshiApiNoiseMin: fc.option(fc.integer({ min: -180, max: 180 })),
});

const scheduleArb = fc.record({
  league: fc.constantFrom<League>('NBA', 'NFL', 'NHL', 'MLB'),
  teamOffset: fc.nat({ max: 25 }),
  games: fc.array(gameArb, { minLength: 1, maxLength: 10 }),
  /** MLB tickers of 2026 carry the start time; 2025 tickers marked doubleheaders G1/G2 instead. */
  kalshiTickerTimes: fc.boolean(),
  polymarketGame2Suffix: fc.boolean(),
});

/**
 * Realistic schedules only: one game per matchup and day, except MLB doubleheaders, whose games
 * start in a day slot (12:00–15:55 ET) and a night slot (18:00–22:55 ET), so ≥ 2 h apart.
 */
type ScheduleDraft = typeof scheduleArb extends fc.Arbitrary<infer T> ? T : never;

function buildSchedule(s: ScheduleDraft): { league: League; games: RealGame[] } {
  const pool = teamsOf(s.league)
    .slice(s.teamOffset, s.teamOffset + 4)
    .map((t) => t.code);
  const seen = new Set<string>();
  const drafts: Array<Omit<RealGame, 'index' | 'gameNumber'>> = [];
  for (const g of s.games) {
    const a = pool[g.pair[0]] ?? '';
    const b = pool[(g.pair[0] + g.pair[1]) % 4] ?? '';
    const date = DAYS[g.day] ?? '';
    const mlb = s.league === 'MLB';
    const hour = mlb ? (g.hour < 17 ? 12 + (g.hour % 4) : 18 + (g.hour % 5)) : g.hour;
    const key = `${[a, b].sort().join()}|${date}|${mlb ? hour < 17 : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    drafts.push({
      ...g,
      teams: [a, b],
      date,
      startMs: easternWallTimeToMs(date, hour, g.minute),
      timeEt: `${String(hour).padStart(2, '0')}${String(g.minute).padStart(2, '0')}`,
      kalshiTime: mlb && s.kalshiTickerTimes,
    });
  }
  const matchup = (g: { teams: readonly string[]; date: string }) => `${[...g.teams].sort().join()}|${g.date}`;
  const games = drafts.map((g, index) => {
    const twins = drafts.filter((o) => matchup(o) === matchup(g)).sort((x, y) => x.startMs - y.startMs);
    return { ...g, index, gameNumber: twins.length > 1 ? twins.indexOf(g) + 1 : null };
  });
  return { league: s.league, games };
}

function listings(
  league: League,
  games: readonly RealGame[],
  game2Suffix = false,
): { pm: PolymarketGame[]; ks: KalshiGame[] } {
  const rec = (code: string) => {
    const r = teamRecord({ league, code });
    if (!r) throw new Error(code);
    return r;
  };
  const pm: PolymarketGame[] = [];
  const ks: KalshiGame[] = [];
  for (const g of games) {
    const [a, b] = g.teams.map(rec) as [ReturnType<typeof rec>, ReturnType<typeof rec>];
    if (g.onPolymarket) {
      const [s1, s2] = g.slugReversed ? [b, a] : [a, b];
      const [o1, o2] = g.outcomesReversed ? [b, a] : [a, b];
      const name = (r: typeof a) => (g.nicknames ? r.nickname : r.fullName);
      const slugDate = g.slugUsesUtcDate && g.date < '2026' ? utcDay(g.startMs) : g.date;
      const suffix = game2Suffix && g.gameNumber === 2 ? '-game-2' : '';
      pm.push(
        pmGame({
          slug: `${league.toLowerCase()}-${s1.polymarketCodes[0]}-${s2.polymarketCodes[0]}-${slugDate}${suffix}`,
          outcomes: [name(o1), name(o2)],
          start: new Date(g.startMs).toISOString(),
          conditionId: `0x${g.index}`,
        }),
      );
    }
    if (g.onKalshi) {
      const ticker = kalshiEventTicker({
        league,
        date: g.date,
        away: { league, code: a.code },
        home: { league, code: b.code },
        ...(g.kalshiTime ? { timeEt: g.timeEt } : {}),
        ...(!g.kalshiTime && g.gameNumber !== null ? { gameNumber: g.gameNumber } : {}),
      });
      const noisy =
        g.kalshiApiNoiseMin === null ? null : new Date(g.startMs + g.kalshiApiNoiseMin * 60_000).toISOString();
      const subs = { [a.kalshiCodes[0] ?? '']: a.kalshiSubTitle, [b.kalshiCodes[0] ?? '']: b.kalshiSubTitle };
      ks.push(kalshiGame(ticker, { subs, start: noisy }));
    }
  }
  return { pm, ks };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('matchGames properties', () => {
  it('never pairs two different games, and orients every pair by team', () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        const { league, games } = buildSchedule(s);
        const { pm, ks } = listings(league, games, s.polymarketGame2Suffix);
        const { pairs } = matchGamesDetailed(pm, ks);
        const truthOfTicker = new Map(ks.map((k, i) => [k.eventTicker, games.filter((g) => g.onKalshi)[i]]));
        for (const pair of pairs) {
          const real = games[Number(polymarketSideGameId(pair.polymarket).slice(2))];
          expect(truthOfTicker.get(pair.kalshi.eventTicker)).toBe(real);
          for (const side of pair.sides) {
            const outcomeName = side.polymarketName;
            const team = teamRecord(side.team);
            expect([team?.nickname, team?.fullName]).toContain(outcomeName);
            expect(side.kalshiTicker).toBe(`${pair.kalshi.eventTicker}-${team?.kalshiCodes[0]}`);
          }
        }
      }),
      { numRuns: 250 },
    );
  });

  it('uses each listing at most once and accounts for every listing', () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        const { league, games } = buildSchedule(s);
        const { pm, ks } = listings(league, games, s.polymarketGame2Suffix);
        const { pairs, refusals } = matchGamesDetailed(pm, ks);
        const pmUsed = pairs.map((p) => polymarketSideGameId(p.polymarket));
        const kUsed = pairs.map((p) => p.kalshi.eventTicker);
        expect(new Set(pmUsed).size).toBe(pmUsed.length);
        expect(new Set(kUsed).size).toBe(kUsed.length);
        for (const g of pm)
          expect(pmUsed.includes(g.conditionId) || refusals.some((r) => r.polymarket === g.conditionId)).toBe(true);
        for (const k of ks)
          expect(kUsed.includes(k.eventTicker) || refusals.some((r) => r.kalshi === k.eventTicker)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same answer whatever the order of the inputs', () => {
    fc.assert(
      fc.property(scheduleArb, fc.nat(), fc.nat(), (s, seedA, seedB) => {
        const { league, games } = buildSchedule(s);
        const { pm, ks } = listings(league, games, s.polymarketGame2Suffix);
        expect(matchGamesDetailed(shuffled(pm, seedA), shuffled(ks, seedB))).toEqual(matchGamesDetailed(pm, ks));
      }),
      { numRuns: 200 },
    );
  });

  it('pairs a game listed on both venues when nothing else shares its teams and date', () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        const { league, games } = buildSchedule(s);
        const { pm, ks } = listings(league, games, s.polymarketGame2Suffix);
        const { pairs } = matchGamesDetailed(pm, ks);
        const paired = new Set(pairs.map((p) => polymarketSideGameId(p.polymarket)));
        const sameMatchupDay = (a: RealGame, b: RealGame) =>
          a.date === b.date && [...a.teams].sort().join() === [...b.teams].sort().join();
        for (const g of games) {
          const alone = games.filter((o) => o !== g && sameMatchupDay(o, g)).length === 0;
          if (g.onPolymarket && g.onKalshi && alone) expect(paired.has(`0x${g.index}`)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
