/**
 * Integration: the bundled slate with every catalogued league selected, listed through our own
 * Kalshi, Polymarket and Polymarket US clients from the simulators over 127.0.0.1 and matched:
 * every two-way game of the slate pairs on Kalshi × Polymarket, oriented by participant; the
 * three-way (soccer) games pair outcome by outcome, clubs by the venues' labels where no table
 * knows them, except one whose club the venues name differently (refused with a cause); Polymarket
 * US lists the major leagues and UFC, whose fight pairs on Kalshi × Polymarket US by fighter names,
 * and leaves the other leagues out with a recorded reason.
 */
import { LEAGUE_IDS } from '../../lib/core/leagues';
import { MAJOR_LEAGUES, type PolymarketOutcomeEvent, type PolymarketSideGame } from '../../lib/core/market';
import { matchGamesDetailed } from '../../lib/core/match';
import { matchOutcomeGames } from '../../lib/core/match/outcomes';
import { createKalshiVenue } from '../../lib/venues/kalshi';
import { createPolymarketVenue } from '../../lib/venues/polymarket';
import { createPolymarketUsVenue } from '../../lib/venues/polymarket-us';
import { type SimulatorSet, startSimulatorSet } from '../../local/sim';
import { ManualClock } from '../../local/sim/clock';
import { loadSlate, slateForLeagues } from '../../local/sim/scenario';

const START = Math.floor(Date.now() / 60_000) * 60_000;
const FAST = { ratePerSec: 1_000, burst: 1_000 };
const slate = slateForLeagues(loadSlate(), LEAGUE_IDS);
let sims: SimulatorSet;

beforeAll(async () => {
  sims = await startSimulatorSet({
    venues: ['kalshi', 'polymarket', 'polymarket-us'],
    seed: 1,
    clock: new ManualClock(START),
    slate,
    tickEveryMs: 60_000,
  });
});
afterAll(() => sims.close());

describe('slateForLeagues', () => {
  it('keeps the major leagues’ games always and adds the others only when selected', () => {
    const bundled = loadSlate();
    expect(slateForLeagues(bundled, MAJOR_LEAGUES).games.map((g) => g.league)).toEqual(
      bundled.games.filter((g) => (MAJOR_LEAGUES as readonly string[]).includes(g.league)).map((g) => g.league),
    );
    expect(slateForLeagues(bundled, ['NBA', 'ATP']).games.filter((g) => g.league === 'ATP')).toHaveLength(1);
    expect(new Set(slate.games.map((g) => g.league))).toEqual(
      new Set([
        ...MAJOR_LEAGUES,
        'WNBA',
        'NCAAF',
        'NCAAMB',
        'NCAAWB',
        'ATP',
        'WTA',
        'UFC',
        'CS2',
        'LOL',
        'VAL',
        'DOTA2',
      ]),
    );
  });
});

describe('every catalogued league, listed and matched', () => {
  it('pairs each two-way game of the slate and records what each client leaves out', async () => {
    const pm = sims.polymarket!;
    const us = sims.polymarketUs!;
    const problems: string[] = [];
    const sink = (p: { message: string }) => void problems.push(p.message);
    const leagues = [...LEAGUE_IDS];
    const [k, p, u] = await Promise.all([
      createKalshiVenue({ baseUrl: sims.kalshi.url }).listGames(leagues, sink),
      createPolymarketVenue({ gammaUrl: pm.gammaUrl, clobUrl: pm.url, dataUrl: pm.url }).listGames(leagues, sink),
      createPolymarketUsVenue({
        gatewayUrl: us.gatewayUrl,
        apiUrl: us.apiUrl,
        gatewayLimit: FAST,
        readLimit: FAST,
        writeLimit: FAST,
      }).listGames(leagues, sink),
    ]);
    const ks = k.filter((g) => g.venue === 'kalshi');
    const { pairs } = matchGamesDetailed(p as PolymarketSideGame[], ks);
    expect(pairs.map((x) => x.league).sort()).toEqual(slate.games.map((g) => g.league).sort());
    // Oriented by participant: each side's Kalshi market is the same participant's.
    for (const game of slate.games) {
      const pair = pairs.find(
        (x) => x.polymarket.venue === 'polymarket' && x.polymarket.conditionId === game.polymarket.conditionId,
      );
      expect(pair).toBeDefined();
      for (const side of pair!.sides) {
        const team = side.polymarketName === game.away.polymarketName ? game.away : game.home;
        expect(side.kalshiTicker.endsWith(`-${team.code}`)).toBe(true);
      }
    }
    expect(
      pairs
        .find((x) => x.league === 'NCAAMB')
        ?.sides.map((s) => s.kalshiTicker.split('WKU-')[1])
        .sort(),
    ).toEqual(['M-OH', 'WKU']);
    // The soccer games are Polymarket outcome events, paired by the three-way matcher (docs/engine.md#three-way).
    const events = (p as ReadonlyArray<{ kind?: string }>).filter(
      (g): g is PolymarketOutcomeEvent => g.kind === 'outcome-event',
    );
    const outcome = matchOutcomeGames(events, ks);
    // Clubs by the venues' own labels where no table knows them (docs/engine.md#three-way): the
    // EPL, MLS and La Liga games pair; the UCL game's away club is "Arsenal" on Kalshi and
    // "Arsenal FC" on Polymarket, so both listings are refused with one cause naming both labels.
    expect(outcome.pairs.map((x) => x.league).sort()).toEqual(
      slate.soccer
        .filter((g) => g.league !== 'UCL')
        .map((g) => g.league)
        .sort(),
    );
    expect(outcome.pairs.find((x) => x.league === 'MLS')?.game.outcomes.map((o) => o.key)).toEqual([
      'toronto fc',
      'draw',
      'austin fc',
    ]);
    expect(outcome.pairs.find((x) => x.league === 'LALIGA')?.home.code).toBe('valencia cf');
    const ucl = outcome.refusals.filter((r) => /^KXUCLGAME-|^ucl-/.test(r.kalshi ?? r.polymarket ?? ''));
    const cause = expect.stringMatching(
      /^unknown UCL club: Kalshi "Arsenal" and Polymarket "Arsenal FC" both face "Atletico Madrid" on \d{4}-\d{2}-\d{2}; if they are the same club, add an alias \(POLYMIX_ALIASES\)$/,
    );
    expect(ucl).toEqual([
      expect.objectContaining({ kalshi: expect.stringMatching(/^KXUCLGAME-/), code: 'no-counterpart', cause }),
      expect.objectContaining({ polymarket: expect.stringMatching(/^ucl-atm1-ars-/), code: 'no-counterpart', cause }),
    ]);
    expect(ucl[0]!.cause).toBe(ucl[1]!.cause);
    expect(outcome.pairs.length).toBeGreaterThan(0);
    expect(problems).toContainEqual(expect.stringContaining('no league slug known for WNBA'));
    expect(problems.some((m) => m.includes('no league slug known for UFC'))).toBe(false);
    const listedOnUs = [...MAJOR_LEAGUES, 'UFC'] as readonly string[];
    expect(u.every((g) => listedOnUs.includes(g.league))).toBe(true);
    // Kalshi × Polymarket US: the UFC fight pairs by the fighters' labels, each side on its own fighter.
    const withUs = matchGamesDetailed(u as PolymarketSideGame[], ks);
    const fight = slate.games.find((g) => g.league === 'UFC')!;
    const ufc = withUs.pairs.filter((x) => x.league === 'UFC');
    expect(ufc).toHaveLength(1);
    expect(withUs.refusals.filter((r) => r.polymarket?.startsWith('aec-ufc-'))).toEqual([]);
    for (const side of ufc[0]!.sides) {
      const fighter = side.polymarketName === fight.away.polymarketName ? fight.away : fight.home;
      expect(side.kalshiTicker.endsWith(`-${fighter.code}`)).toBe(true);
      expect(side.polymarket).toMatchObject({ side: fighter === fight.away ? 'long' : 'short' });
    }
  });
});
