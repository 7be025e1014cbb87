/**
 * Property tests of matchGames with Polymarket US listings (docs/adr/0010-venue-pairs.md): over
 * generated schedules with known ground truth (series on consecutive days, MLB doubleheaders,
 * either slug order, start times that drift a little), every pair joins one real game and each
 * side's instrument pays on its own team (long = the slug's first team). A listing perturbed so
 * that it contradicts itself (league, teams, orientation, date, start time, game number) is never
 * paired.
 */
import fc from 'fast-check';
import type { KalshiGame, League, PolymarketUsGame } from '../../../lib/core/market';
import { matchGamesDetailed } from '../../../lib/core/match';
import { easternWallTimeToMs, kalshiEventTicker, teamRecord, teamsOf } from '../../../lib/core/teams';
import { kalshiGame, pmUsGame } from './match-fixtures';

interface RealGame {
  readonly index: number;
  readonly teams: readonly [string, string];
  readonly date: string;
  readonly startMs: number;
  readonly timeEt: string;
  readonly onPolymarketUs: boolean;
  readonly onKalshi: boolean;
  /** The PM US slug lists the second team first (long = teams[1]). */
  readonly slugReversed: boolean;
  /** Side labels: nickname, full name, or the slug code itself (a label no table needs to know). */
  readonly labels: 'nickname' | 'full' | 'code';
  /** PM US start minus the real start, minutes (venues drift a little). */
  readonly startNoiseMin: number;
  readonly kalshiTime: boolean;
  readonly gameNumber: number | null;
}

const DAYS = ['2026-01-09', '2026-01-10', '2026-01-11', '2026-03-07', '2026-03-08', '2026-04-10', '2026-04-11'];

const gameArb = fc.record({
  pair: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 })),
  day: fc.integer({ min: 0, max: DAYS.length - 1 }),
  hour: fc.integer({ min: 12, max: 22 }),
  minute: fc.constantFrom(0, 5, 10, 35, 40),
  onPolymarketUs: fc.boolean(),
  onKalshi: fc.boolean(),
  slugReversed: fc.boolean(),
  labels: fc.constantFrom<'nickname' | 'full' | 'code'>('nickname', 'full', 'code'),
  startNoiseMin: fc.integer({ min: -60, max: 60 }),
});

const scheduleArb = fc.record({
  league: fc.constantFrom<League>('NBA', 'NFL', 'NHL', 'MLB'),
  teamOffset: fc.nat({ max: 25 }),
  games: fc.array(gameArb, { minLength: 1, maxLength: 10 }),
  kalshiTickerTimes: fc.boolean(),
});
type ScheduleDraft = typeof scheduleArb extends fc.Arbitrary<infer T> ? T : never;

/** One game per matchup and day, except MLB doubleheaders (a day and a night slot, ≥ 2 h apart). */
function buildSchedule(s: ScheduleDraft): RealGame[] {
  const pool = teamsOf(s.league)
    .slice(s.teamOffset, s.teamOffset + 4)
    .map((t) => t.code);
  const seen = new Set<string>();
  const drafts: Array<Omit<RealGame, 'index' | 'gameNumber'>> = [];
  const mlb = s.league === 'MLB';
  for (const g of s.games) {
    const a = pool[g.pair[0]] ?? '';
    const b = pool[(g.pair[0] + g.pair[1]) % 4] ?? '';
    const date = DAYS[g.day] ?? '';
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
  return drafts.map((g, index) => {
    const twins = drafts.filter((o) => matchup(o) === matchup(g)).sort((x, y) => x.startMs - y.startMs);
    return { ...g, index, gameNumber: twins.length > 1 ? twins.indexOf(g) + 1 : null };
  });
}

function rec(league: League, code: string) {
  const r = teamRecord({ league, code });
  if (!r) throw new Error(code);
  return r;
}

/** The truthful PM US listing of a real game; its market slug ends with `#<index>` in eventId for the truth. */
function pmUsListing(league: League, g: RealGame): PolymarketUsGame {
  const [first, second] = (g.slugReversed ? [g.teams[1], g.teams[0]] : g.teams).map((c) => rec(league, c));
  if (!first || !second) throw new Error('teams');
  const label = (r: typeof first) =>
    g.labels === 'nickname'
      ? r.nickname
      : g.labels === 'full'
        ? r.fullName
        : (r.polymarketCodes[0] ?? '').toUpperCase();
  const slug = `aec-${league.toLowerCase()}-${first.polymarketCodes[0]}-${second.polymarketCodes[0]}-${g.date}`;
  return {
    ...pmUsGame({
      slug,
      names: [label(first), label(second)],
      start: new Date(g.startMs + g.startNoiseMin * 60_000).toISOString(),
    }),
    eventId: `real-${g.index}`,
  };
}

function kalshiListing(league: League, g: RealGame): KalshiGame {
  const [a, b] = g.teams.map((c) => rec(league, c));
  if (!a || !b) throw new Error('teams');
  const ticker = kalshiEventTicker({
    league,
    date: g.date,
    away: { league, code: a.code },
    home: { league, code: b.code },
    ...(g.kalshiTime ? { timeEt: g.timeEt } : {}),
    ...(!g.kalshiTime && g.gameNumber !== null ? { gameNumber: g.gameNumber } : {}),
  });
  const subs = { [a.kalshiCodes[0] ?? '']: a.kalshiSubTitle, [b.kalshiCodes[0] ?? '']: b.kalshiSubTitle };
  return { ...kalshiGame(ticker, { subs }), title: `real-${g.index}` };
}

function listings(league: League, games: readonly RealGame[]) {
  return {
    pm: games.filter((g) => g.onPolymarketUs).map((g) => pmUsListing(league, g)),
    ks: games.filter((g) => g.onKalshi).map((g) => kalshiListing(league, g)),
  };
}

/** Every pair joins one real game, and each side's long/short instrument pays on its own team. */
function expectTruthful(
  league: League,
  games: readonly RealGame[],
  pairs: ReturnType<typeof matchGamesDetailed>['pairs'],
) {
  for (const pair of pairs) {
    if (pair.polymarket.venue !== 'polymarket-us') throw new Error('a Polymarket US pair was expected');
    const real = pair.polymarket.eventId;
    expect(pair.kalshi.title).toBe(real);
    const game = games[Number(real.slice('real-'.length))]!;
    const longTeam = game.slugReversed ? game.teams[1] : game.teams[0];
    for (const side of pair.sides) {
      if (side.polymarket.venue !== 'polymarket-us') throw new Error('a Polymarket US instrument was expected');
      expect(side.polymarket.marketSlug).toBe(pair.polymarket.marketSlug);
      expect(side.polymarket.side).toBe(side.team.code === longTeam ? 'long' : 'short');
      expect(side.kalshiTicker).toBe(`${pair.kalshi.eventTicker}-${rec(league, side.team.code).kalshiCodes[0]}`);
    }
    expect(new Set(pair.sides.map((s) => s.team.code))).toEqual(new Set(game.teams));
  }
}

/** Ways to make a listing contradict itself; each must leave it unpaired. */
const PERTURBATIONS = [
  'league',
  'long-names-other-team',
  'labels-swapped',
  'third-team-label',
  'side-code',
  'slug-date-field',
  'start-next-day',
  'start-previous-day',
  'no-start',
  'game-number-suffix',
  'not-aec',
] as const;
type Perturbation = (typeof PERTURBATIONS)[number];

function perturb(league: League, game: PolymarketUsGame, how: Perturbation, thirdTeam: string): PolymarketUsGame {
  const longRec = rec(league, findCode(league, game.long.code));
  const shortRec = rec(league, findCode(league, game.short.code));
  const third = rec(league, thirdTeam);
  const day = 24 * 3_600_000;
  switch (how) {
    case 'league':
      return { ...game, league: league === 'NBA' ? 'NHL' : 'NBA' };
    case 'long-names-other-team':
      return { ...game, long: { ...game.long, name: shortRec.fullName } };
    case 'labels-swapped':
      return {
        ...game,
        long: { ...game.long, name: shortRec.nickname },
        short: { ...game.short, name: longRec.nickname },
      };
    case 'third-team-label':
      return { ...game, short: { ...game.short, name: third.fullName } };
    case 'side-code':
      return { ...game, short: { ...game.short, code: (third.polymarketCodes[0] ?? '').toUpperCase() } };
    case 'slug-date-field':
      return { ...game, slugDate: '2026-12-31' };
    case 'start-next-day':
      return { ...game, gameStartMs: (game.gameStartMs ?? 0) + day };
    case 'start-previous-day':
      return { ...game, gameStartMs: (game.gameStartMs ?? 0) - day };
    case 'no-start':
      return { ...game, gameStartMs: null };
    case 'game-number-suffix':
      return { ...game, marketSlug: `${game.marketSlug}-game-2` };
    case 'not-aec':
      return { ...game, marketSlug: game.marketSlug.replace(/^aec-/, 'asc-') };
  }
}

/** The canonical team of a slug code. */
function findCode(league: League, code: string): string {
  const team = teamsOf(league).find((t) => rec(league, t.code).polymarketCodes.includes(code.toLowerCase()));
  if (!team) throw new Error(code);
  return team.code;
}

describe('matchGames properties, Polymarket US listings', () => {
  it('never pairs two different games, and orients every pair by team (long = first slug team)', () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        const games = buildSchedule(s);
        const { pm, ks } = listings(s.league, games);
        const { pairs, refusals } = matchGamesDetailed(pm, ks);
        expectTruthful(s.league, games, pairs);
        // Every listing is paired or refused with a reason.
        for (const g of pm)
          expect(pairs.some((p) => p.polymarket === g) || refusals.some((r) => r.polymarket === g.marketSlug)).toBe(
            true,
          );
      }),
      { numRuns: 250 },
    );
  });

  it('pairs a game listed on both venues when nothing else shares its teams and date', () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        const games = buildSchedule(s);
        const { pm, ks } = listings(s.league, games);
        const { pairs } = matchGamesDetailed(pm, ks);
        const paired = new Set(pairs.map((p) => (p.polymarket.venue === 'polymarket-us' ? p.polymarket.eventId : '')));
        for (const g of games) {
          const alone = !games.some(
            (o) => o !== g && o.date === g.date && [...o.teams].sort().join() === [...g.teams].sort().join(),
          );
          if (g.onPolymarketUs && g.onKalshi && alone) expect(paired.has(`real-${g.index}`)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never pairs a listing that contradicts itself, whatever else is listed', () => {
    fc.assert(
      fc.property(
        scheduleArb,
        fc.nat(),
        fc.constantFrom(...PERTURBATIONS),
        fc.integer({ min: 10, max: 20 }),
        (s, pick, how, thirdIndex) => {
          const games = buildSchedule(s).map((g) => ({ ...g, onPolymarketUs: true, onKalshi: true }));
          const { pm, ks } = listings(s.league, games);
          const victim = pick % pm.length;
          const third = teamsOf(s.league)[(s.teamOffset + thirdIndex) % teamsOf(s.league).length]!.code;
          const bad = perturb(s.league, pm[victim]!, how, third);
          const listed = pm.map((g, i) => (i === victim ? bad : g));
          const { pairs, refusals } = matchGamesDetailed(listed, ks);
          expect(pairs.some((p) => p.polymarket === bad)).toBe(false);
          expect(refusals.some((r) => r.polymarket === bad.marketSlug)).toBe(true);
          expectTruthful(s.league, games, pairs);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses an MLB doubleheader listed under one slug, and a start too far from the ticker time', () => {
    const games: RealGame[] = [13, 19].map((hour, index) => ({
      index,
      teams: ['NYY', 'BOS'],
      date: '2026-04-11',
      startMs: easternWallTimeToMs('2026-04-11', hour, 5),
      timeEt: `${hour}05`,
      onPolymarketUs: true,
      onKalshi: true,
      slugReversed: false,
      labels: 'nickname',
      startNoiseMin: 0,
      kalshiTime: true,
      gameNumber: index + 1,
    }));
    const { pm, ks } = listings('MLB', games);
    // A Polymarket US slug carries no game number (docs/venues-polymarket-us.md#u-slugs): both
    // games of the day have the same slug, so neither can be told apart and neither pairs.
    const both = matchGamesDetailed(pm, ks);
    expect(both.pairs).toEqual([]);
    expect(both.refusals.filter((r) => r.polymarket === pm[0]!.marketSlug).map((r) => r.code)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    // One listing of the day pairs with the Kalshi game whose ticker time it matches.
    const single = matchGamesDetailed([pm[1]!], ks);
    expect(single.pairs).toHaveLength(1);
    expectTruthful('MLB', games, single.pairs);
    // Moved 2 h later than any ticker says: not paired with anything.
    const moved = { ...pm[1]!, gameStartMs: (pm[1]!.gameStartMs ?? 0) + 2 * 3_600_000 };
    const again = matchGamesDetailed([moved], ks);
    expect(again.pairs).toEqual([]);
    expect(again.refusals.find((r) => r.polymarket === moved.marketSlug)?.code).toBe('no-counterpart');
  });
});
