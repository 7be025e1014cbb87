/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read ad hoc in assertions */
/**
 * Polymarket discovery on the simulator with the bundled slate: the slate lists 107 moneyline markets of
 * several sports, more than one Gamma page (docs/venues-polymarket.md#p1-offset-sunset). The old discovery (one
 * offset page of 500 asked, 100 served) misses games of the wanted leagues; the new one (docs/venues-polymarket.md
 * #p1-sports, #p1-keyset) finds every game. Also the simulator's keyset and legacy rules.
 */
import type { BadResponse } from '../../lib/engine/ports';
import { createPolymarketVenue } from '../../lib/venues/polymarket';
import { LEAGUE_SLUG_PREFIX } from '../../lib/venues/polymarket/constants';
import { type Simulators, startSimulators } from '../../local/sim';
import { ManualClock } from '../../local/sim/clock';

const START = Date.parse('2026-11-25T22:00:00Z');
const LEAGUES = ['NBA', 'NFL', 'NHL', 'MLB'] as const;
let sims: Simulators;
let clock: ManualClock;
let gamma: string;

beforeAll(async () => {
  clock = new ManualClock(START);
  sims = await startSimulators({ seed: 4, clock, tickEveryMs: 60_000 });
  gamma = sims.polymarket.gammaUrl;
  sims.scenario.driver.tick(START);
});
afterAll(() => sims.close());

const get = async (path: string) => {
  const res = await fetch(`${gamma}${path}`);
  return { status: res.status, headers: res.headers, json: (await res.json()) as any };
};
const venue = () =>
  createPolymarketVenue(
    { gammaUrl: gamma, clobUrl: sims.polymarket.url, dataUrl: sims.polymarket.url },
    { clock: { now: () => clock.now(), sleep: async () => undefined } },
  );

describe('discovery on the bundled slate', () => {
  it('the old one-page offset listing misses games; /sports + /events/keyset finds every one', async () => {
    const slateGames = sims.scenario.driver.games;
    expect(sims.polymarket.state.markets.size).toBeGreaterThan(100);
    // What the old client asked: one page of 500, and a page shorter than 500 taken for the end.
    const old = await get('/markets?sports_market_types=moneyline&closed=false&limit=500&offset=0');
    expect(old.json).toHaveLength(100);
    const oldFound = (old.json as Array<{ slug: string }>).filter(
      // Games of the slate's leagues (the major four), not the filler sports.
      (m) => (LEAGUES as readonly string[]).includes(LEAGUE_SLUG_PREFIX[m.slug.split('-')[0] ?? ''] ?? ''),
    );
    expect(oldFound.length).toBeLessThan(slateGames.length);
    expect(oldFound.length).toBeGreaterThan(0);

    const problems: BadResponse[] = [];
    const games = await venue().listGames(LEAGUES, (p) => problems.push(p));
    expect(problems).toEqual([]);
    expect(games.map((g) => g.slug).sort()).toEqual(slateGames.map((g) => g.slug).sort());
    expect(games.every((g) => g.tradable)).toBe(true);
  });

  it('finds the games of a new season once /sports has been re-read (24 h later)', async () => {
    const client = venue();
    const before = await client.listGames(['NBA']);
    sims.polymarket.state.newSeason('NBA', '80001');
    sims.polymarket.control.addMarket({
      league: 'NBA',
      gammaId: '990001',
      conditionId: `0x${'9a'.repeat(32)}`,
      eventSlug: 'nba-okc-den-2026-11-26',
      question: 'Thunder vs. Nuggets',
      gameStartMs: START + 20 * 3_600_000,
      outcomes: [
        { name: 'Thunder', tokenId: '990001001' },
        { name: 'Nuggets', tokenId: '990001002' },
      ],
      homeTeamName: 'Denver Nuggets',
      awayTeamName: 'Oklahoma City Thunder',
      negRisk: false,
      tickMicros: 10_000,
      minSizeCenti: 500,
      feeRatePpm: 50_000,
      feeExponent: 1,
    });
    expect((await client.listGames(['NBA'])).map((g) => g.slug)).toEqual(before.map((g) => g.slug));
    clock.advance(24 * 3_600_000);
    expect((await client.listGames(['NBA'])).map((g) => g.slug)).toEqual(['nba-okc-den-2026-11-26']);
  });
});

describe('the simulated Gamma paging rules', () => {
  const sportRow = async (sport: string) =>
    ((await get('/sports')).json as Array<{ sport: string; series: string; tags: string }>).find(
      (s) => s.sport === sport,
    )!;

  it('serves series ids unlike league names or tag ids', async () => {
    const nba = await sportRow('nba');
    expect(nba.series).toMatch(/^\d+$/);
    expect(nba.tags.split(',')).toEqual(expect.arrayContaining(['1', '100639']));
    expect(nba.tags.split(',')).not.toContain(nba.series);
  });

  it('pages /events/keyset with after_cursor, ignores cursor=, ends without next_cursor', async () => {
    const { series } = await sportRow('nhl');
    const q = `series_id=${series}&tag_id=100639&closed=false&limit=2`;
    const first = await get(`/events/keyset?${q}`);
    expect(first.json.events).toHaveLength(2);
    expect(typeof first.json.next_cursor).toBe('string');
    const ignored = await get(`/events/keyset?${q}&cursor=${first.json.next_cursor}`);
    expect(ignored.json.events.map((e: any) => e.id)).toEqual(first.json.events.map((e: any) => e.id));
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await get(`/events/keyset?${q}${cursor ? `&after_cursor=${cursor}` : ''}`);
      ids.push(...page.json.events.map((e: any) => e.id));
      cursor = page.json.next_cursor;
      if (cursor === undefined) break;
    }
    expect(cursor).toBeUndefined();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(sims.scenario.driver.games.filter((g) => g.league === 'NHL').length);
    // A cursor continues its own query only: the filters must be sent again.
    const bare = await get(`/events/keyset?after_cursor=${first.json.next_cursor}`);
    expect(bare.status).toBe(422);
  });

  it('caps /markets/keyset at 100 rows and 100 condition ids', async () => {
    const page = await get('/markets/keyset?limit=500&closed=false');
    expect(page.json.markets).toHaveLength(100);
    expect(page.json.next_cursor).toEqual(expect.any(String));
    const ids = Array.from({ length: 101 }, (_, i) => `0x${i.toString(16).padStart(64, '0')}`);
    expect((await get(`/markets/keyset?condition_ids=${ids.join(',')}`)).status).toBe(422);
  });

  it('keeps the legacy offset endpoints, deprecated, with a 422 past the offset cap', async () => {
    const ok = await get('/markets?offset=2000');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('deprecation')).toBe('true');
    expect(ok.headers.get('sunset')).toBe('Fri, 01 May 2026 00:00:00 GMT');
    expect(ok.headers.get('warning')).toBe('299 - "use /markets/keyset"');
    const deep = await get('/markets?offset=2100');
    expect(deep.status).toBe(422);
    expect(deep.json).toEqual({
      type: 'validation error',
      error: 'offset too large, use /markets/keyset for deeper pagination',
    });
    expect((await get('/events?offset=2001')).status).toBe(422);
  });
});
