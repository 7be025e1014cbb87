/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read ad hoc in assertions */
/**
 * Recorded-format fixtures (test/fixtures/polymarket, written from the venue's public sources: see its README)
 * against the client's parsers, and the simulator's answers against the same schemas and key sets: the
 * simulator must speak the shapes the venue speaks (docs/venues-polymarket.md#p1-sports, #p1-keyset).
 */
import type { BadResponse, Clock } from '../../../lib/engine/ports';
import { createPolymarketVenue } from '../../../lib/venues/polymarket';
import {
  gammaEvent,
  gammaEventsKeysetPage,
  gammaMarket,
  gammaMarketsKeysetPage,
  gammaSport,
} from '../../../lib/venues/polymarket/schemas';
import { ManualClock } from '../../../local/sim/clock';
import { type PolymarketSim, startPolymarketSim } from '../../../local/sim/polymarket';
import lastPage from '../../fixtures/polymarket/events-keyset-last-page.json';
import firstPage from '../../fixtures/polymarket/events-keyset-page.json';
import gameEvent from '../../fixtures/polymarket/game-event.json';
import marketsPage from '../../fixtures/polymarket/markets-keyset-last-page.json';
import sports from '../../fixtures/polymarket/sports.json';
import { FakeVenue } from './fake-venue';

const NOW = Date.parse('2026-10-06T18:00:00Z');
const keys = (o: object) => Object.keys(o).sort();

describe('recorded fixtures through the client', () => {
  it('each file passes the schemas the client parses with', () => {
    for (const row of sports) expect(gammaSport.safeParse(row).success).toBe(true);
    for (const page of [firstPage, lastPage]) {
      const parsed = gammaEventsKeysetPage.parse(page);
      for (const e of parsed.events) expect(gammaEvent.safeParse(e).success).toBe(true);
    }
    expect(gammaEventsKeysetPage.parse(firstPage).next_cursor).toEqual(expect.any(String));
    expect(gammaEventsKeysetPage.parse(lastPage).next_cursor).toBeUndefined();
    for (const m of gameEvent.markets) expect(gammaMarket.safeParse(m).success).toBe(true);
    expect(gammaMarketsKeysetPage.parse(marketsPage).markets).toHaveLength(1);
  });

  it('discovery over the fixtures lists both games, in either time format, and skips the spread', async () => {
    const fake = new FakeVenue();
    await fake.start();
    try {
      fake.on('GET', '/sports', () => ({ json: sports }));
      fake.on('GET', '/events/keyset', (req) => {
        if (req.query.get('series_id') !== '11001') return { json: { events: [] } };
        return { json: req.query.get('after_cursor') === firstPage.next_cursor ? lastPage : firstPage };
      });
      const clock: Clock = { now: () => NOW, sleep: async () => undefined };
      const venue = createPolymarketVenue({ gammaUrl: fake.url, clobUrl: fake.url, dataUrl: fake.url }, { clock });
      const problems: BadResponse[] = [];
      const games = await venue.listGames(['NBA'], (p) => problems.push(p));
      expect(problems).toEqual([]);
      expect(games.map((g) => [g.slug, g.gameStartMs, 'fee' in g ? g.fee.ratePpm : null, g.tradable])).toEqual([
        ['nba-lal-bos-2026-10-06', Date.parse('2026-10-06T19:00:00Z'), 50_000, true],
        ['nba-nyk-mia-2026-10-07', Date.parse('2026-10-07T23:30:00Z'), 50_000, true],
      ]);
    } finally {
      await fake.stop();
    }
  });
});

describe('the simulator answers in the recorded shapes', () => {
  let sim: PolymarketSim;
  beforeAll(async () => {
    sim = await startPolymarketSim({ clock: new ManualClock(NOW) });
    sim.control.addMarket({
      league: 'NBA',
      gammaId: '700101',
      conditionId: `0x${'3f'.repeat(32)}`,
      eventSlug: 'nba-lal-bos-2026-10-06',
      question: 'Lakers vs. Celtics',
      gameStartMs: Date.parse('2026-10-06T19:00:00Z'),
      outcomes: [
        { name: 'Lakers', tokenId: '1001' },
        { name: 'Celtics', tokenId: '1002' },
      ],
      homeTeamName: 'Boston Celtics',
      awayTeamName: 'Los Angeles Lakers',
      negRisk: false,
      tickMicros: 10_000,
      minSizeCenti: 500,
      feeRatePpm: 50_000,
      feeExponent: 1,
    });
    sim.control.setBook('1001', {
      bids: [{ priceMicros: 450_000, sizeCenti: 1_000 }],
      asks: [{ priceMicros: 460_000, sizeCenti: 1_000 }],
    });
  });
  afterAll(() => sim.close());
  const get = async (path: string) => (await fetch(`${sim.gammaUrl}${path}`)).json() as Promise<any>;

  it('/sports rows: same schema, every recorded key', async () => {
    const rows = (await get('/sports')) as object[];
    for (const row of rows) {
      expect(gammaSport.safeParse(row).success).toBe(true);
      expect(keys(row)).toEqual(expect.arrayContaining(keys(sports[0]!)));
    }
  });

  it('/events/keyset pages, events and markets: same schemas, every recorded key', async () => {
    const { series } = ((await get('/sports')) as Array<{ sport: string; series: string }>).find(
      (s) => s.sport === 'nba',
    )!;
    const page = await get(`/events/keyset?series_id=${series}&tag_id=100639&closed=false`);
    expect(keys(page)).toEqual(keys(lastPage));
    const parsed = gammaEventsKeysetPage.parse(page);
    const event = parsed.events[0]!;
    expect(gammaEvent.safeParse(event).success).toBe(true);
    expect(keys(event)).toEqual(expect.arrayContaining(keys(gameEvent)));
    const market = (event.markets as object[])[0]!;
    expect(gammaMarket.safeParse(market).success).toBe(true);
    expect(keys(market)).toEqual(expect.arrayContaining(keys(gameEvent.markets[0]!)));
  });

  it('/markets/keyset: same schema and envelope, every recorded key', async () => {
    const page = await get(`/markets/keyset?condition_ids=0x${'3f'.repeat(32)}&closed=false`);
    expect(keys(page)).toEqual(keys(marketsPage));
    const parsed = gammaMarketsKeysetPage.parse(page);
    expect(keys(page.markets[0])).toEqual(expect.arrayContaining(keys(marketsPage.markets[0]!)));
    expect(parsed.markets[0]?.conditionId).toBe(`0x${'3f'.repeat(32)}`);
  });
});
