/**
 * Polymarket discovery against a local server speaking the venue's late-2026 shapes
 * (docs/venues-polymarket.md#p1-sports, #p1-keyset): `/sports` → series ids, `/events/keyset` per league with
 * `after_cursor`, lookups by condition id on `/markets/keyset`. Every bad answer is recorded, the rest used.
 */
import { BadResponse, type Clock } from '../../../lib/engine/ports';
import { PolymarketVenue } from '../../../lib/venues/polymarket';
import sports from '../../fixtures/polymarket/sports.json';
import { gammaMoneyline } from '../../support/venues/polymarket-fixtures';
import { FakeVenue, type Recorded } from './fake-venue';

const NOW = Date.parse('2026-10-06T18:00:00Z');
/** Series ids of sports.json: nothing like the league names or tag ids. */
const SERIES = { nba: '11001', nfl: '11002', nhl: '11003', mlb: '11004' } as const;
const SLUG = { nba: 'nba', nfl: 'nfl', nhl: 'nhl', mlb: 'mlb' } as const;
type Sport = keyof typeof SERIES;

class TestClock implements Clock {
  constructor(public ms: number) {}
  now() {
    return this.ms;
  }
  async sleep(ms: number) {
    this.ms += ms;
  }
}

let n = 0;
/** A game event of `sport` holding its moneyline (and a spread, which discovery must skip). */
function event(sport: Sport, over: Record<string, unknown> = {}, market: Record<string, unknown> = {}) {
  n++;
  const hex = n.toString(16).padStart(2, '0');
  const slug = `${sport}-a${n}-b${n}-2026-10-06`;
  return {
    id: String(60_000 + n),
    slug,
    seriesSlug: SLUG[sport],
    series: [{ id: SERIES[sport], slug: SLUG[sport] }],
    active: true,
    closed: false,
    ended: false,
    finishedTimestamp: null,
    startTime: '2026-10-06T19:00:00Z',
    endDate: '2026-10-07T02:00:00Z',
    markets: [
      gammaMoneyline({
        id: String(700_000 + n),
        slug,
        conditionId: `0x${hex.repeat(32)}`,
        clobTokenIds: `["${1000 + n}", "${2000 + n}"]`,
        events: undefined,
        ...market,
      }),
      gammaMoneyline({ id: String(800_000 + n), sportsMarketType: 'spreads', conditionId: `0x${'ee'.repeat(32)}` }),
    ],
    ...over,
  };
}

let fake: FakeVenue;
let clock: TestClock;
let venue: PolymarketVenue;
let problems: BadResponse[];
const sink = (p: BadResponse) => problems.push(p);

/** Serves `pages[sport]` in order, with `next_cursor` c1, c2, … and none on the last page. */
function serveEvents(pages: Partial<Record<Sport, unknown[][]>>) {
  fake.on('GET', '/events/keyset', (req) => {
    const sport = (Object.keys(SERIES) as Sport[]).find((s) => SERIES[s] === req.query.get('series_id'));
    const list = (sport && pages[sport]) || [[]];
    const after = req.query.get('after_cursor');
    const index = after === null ? 0 : Number(after.slice(1));
    const body: Record<string, unknown> = { events: list[index] ?? [] };
    if (index + 1 < list.length) body.next_cursor = `c${index + 1}`;
    return { json: body };
  });
}

const eventCalls = (series?: string): Recorded[] =>
  fake.calls('GET', '/events/keyset').filter((r) => series === undefined || r.query.get('series_id') === series);

beforeEach(async () => {
  fake = new FakeVenue();
  await fake.start();
  clock = new TestClock(NOW);
  problems = [];
  venue = new PolymarketVenue({ gammaUrl: fake.url, clobUrl: fake.url, dataUrl: fake.url, timeoutMs: 500 }, { clock });
  fake.on('GET', '/sports', () => ({ json: sports }));
});
afterEach(() => fake.stop());

describe('listGames: /sports then /events/keyset per league', () => {
  it('maps leagues to /sports series ids and pages with after_cursor, every filter sent again', async () => {
    const first = event('nba');
    const second = event('nba');
    const third = event('nba');
    serveEvents({ nba: [[first], [second, third]], nfl: [[event('nfl')]] });
    const games = await venue.listGames(['NBA', 'NFL'], sink);
    expect(games.map((g) => [g.league, g.slug])).toEqual([
      ['NBA', first.slug],
      ['NBA', second.slug],
      ['NBA', third.slug],
      ['NFL', expect.stringMatching(/^nfl-/)],
    ]);
    expect(games.every((g) => g.tradable)).toBe(true);
    expect(problems).toEqual([]);
    const nba = eventCalls(SERIES.nba);
    expect(nba).toHaveLength(2);
    for (const call of nba) {
      expect(call.query.get('tag_id')).toBe('100639');
      expect(call.query.get('closed')).toBe('false');
      expect(call.query.get('limit')).toBe('500');
      expect(call.query.get('start_time_min')).toBe('2026-10-06T12:00:00.000Z');
      expect(call.query.has('offset')).toBe(false);
      expect(call.query.has('cursor')).toBe(false);
    }
    expect(nba.map((c) => c.query.get('after_cursor'))).toEqual([null, 'c1']);
    expect(fake.calls('GET', '/sports')).toHaveLength(1);
    expect(fake.calls('GET', '/markets')).toHaveLength(0);
  });

  it('never takes a short page for the end: only an absent next_cursor ends a league', async () => {
    serveEvents({ nhl: [[event('nhl')], [], [event('nhl')]] });
    const games = await venue.listGames(['NHL'], sink);
    expect(games).toHaveLength(2);
    expect(eventCalls(SERIES.nhl)).toHaveLength(3);
  });

  it('stops on a repeated cursor, records it naming endpoint and league, and keeps the pages read', async () => {
    const a = event('nba');
    const b = event('nba');
    fake.on('GET', '/events/keyset', (req) => {
      if (req.query.get('series_id') !== SERIES.nba) return { json: { events: [event('mlb')] } };
      return { json: { events: [req.query.get('after_cursor') === null ? a : b], next_cursor: 'same' } };
    });
    const games = await venue.listGames(['NBA', 'MLB'], sink);
    expect(games.map((g) => g.slug)).toEqual([a.slug, b.slug, expect.stringMatching(/^mlb-/)]);
    expect(eventCalls(SERIES.nba)).toHaveLength(2);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/GET \/events\/keyset \(NBA, series 11001\) repeated cursor same/),
    ]);
    expect(problems[0]!.endpoint).toBe('GET /events/keyset');
  });

  it('bounds the pages per league and records hitting the bound', async () => {
    fake.on('GET', '/events/keyset', (req) => {
      const page = Number(req.query.get('after_cursor')?.slice(1) ?? '0');
      return { json: { events: [event('nba')], next_cursor: `p${page + 1}` } };
    });
    const games = await venue.listGames(['NBA'], sink);
    expect(games).toHaveLength(20);
    expect(eventCalls()).toHaveLength(20);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/\(NBA, series 11001\) still had pages/)]);
  });

  it('reads /sports once a day: a new season series is used only after the cache expires', async () => {
    serveEvents({ nba: [[event('nba')]] });
    await venue.listGames(['NBA'], sink);
    const newSeason = sports.map((s) => (s.sport === 'nba' ? { ...s, series: '12999' } : s));
    fake.on('GET', '/sports', () => ({ json: newSeason }));
    clock.ms = NOW + 23 * 3_600_000;
    await venue.listGames(['NBA'], sink);
    expect(fake.calls('GET', '/sports')).toHaveLength(1);
    expect(eventCalls().map((c) => c.query.get('series_id'))).toEqual([SERIES.nba, SERIES.nba]);
    clock.ms = NOW + 24 * 3_600_000;
    await venue.listGames(['NBA'], sink);
    expect(fake.calls('GET', '/sports')).toHaveLength(2);
    expect(eventCalls().at(-1)?.query.get('series_id')).toBe('12999');
  });

  it('records a league /sports does not list, and a series that lists nothing, and goes on', async () => {
    fake.on('GET', '/sports', () => ({ json: sports.filter((s) => s.sport !== 'nhl') }));
    serveEvents({ nba: [[event('nba')]] });
    const games = await venue.listGames(['NBA', 'NHL', 'MLB'], sink);
    expect(games).toHaveLength(1);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/GET \/sports lists no sport "nhl" \(NHL\)/),
      expect.stringMatching(/GET \/events\/keyset \(MLB, series 11004\) listed no open game/),
    ]);
  });

  it('leaves out and records events of another series or league, and closed ones', async () => {
    const good = event('nba');
    const otherSeries = event('nba', { series: [{ id: '99999', slug: 'nba-2025' }] });
    const nflSlug = event('nba', { series: null, seriesSlug: null, slug: 'nfl-det-cin-2026-10-06' });
    const closed = event('nba', { closed: true });
    serveEvents({ nba: [[otherSeries, good, nflSlug, closed]] });
    const games = await venue.listGames(['NBA'], sink);
    expect(games.map((g) => g.slug)).toEqual([good.slug]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/\(NBA\) event \d+ belongs to series 99999, not 11001/),
      expect.stringMatching(/\(NBA\) event \d+ names no series and its slug nfl-det-cin-2026-10-06 is not NBA/),
      expect.stringMatching(/\(NBA\) event \d+ is closed although closed=false was asked/),
    ]);
  });

  it('lists ended games still marked active and open as not tradable', async () => {
    const live = event('nba');
    const endedFlag = event('nba', { ended: true });
    const finished = event('nba', { finishedTimestamp: '2026-10-06T17:40:00Z' });
    const pastEnd = event('nba', { endDate: '2026-10-06 17:00:00+00' });
    serveEvents({ nba: [[live, endedFlag, finished, pastEnd]] });
    const games = await venue.listGames(['NBA'], sink);
    expect(games.map((g) => [g.slug, g.tradable])).toEqual([
      [live.slug, true],
      [endedFlag.slug, false],
      [finished.slug, false],
      [pastEnd.slug, false],
    ]);
  });

  it('reads gameStartTime in both the "2026-10-06 19:00:00+00" and the ISO form', async () => {
    const pg = event('nba', {}, { gameStartTime: '2026-10-06 19:00:00+00' });
    const iso = event('nba', {}, { gameStartTime: '2026-10-06T19:00:00Z' });
    const frac = event('nba', {}, { gameStartTime: '2026-10-06T15:00:00.000-04:00' });
    serveEvents({ nba: [[pg, iso, frac]] });
    const games = await venue.listGames(['NBA'], sink);
    expect(games.map((g) => g.gameStartMs)).toEqual([
      Date.parse('2026-10-06T19:00:00Z'),
      Date.parse('2026-10-06T19:00:00Z'),
      Date.parse('2026-10-06T19:00:00Z'),
    ]);
  });

  it('records a 422, a page failing its schema and markets without fee schedule or tick; uses the rest', async () => {
    const noFee = event('nhl', {}, { feeSchedule: null });
    const noTick = event('nhl', {}, { orderPriceMinTickSize: null });
    const fine = event('nhl');
    fake.on('GET', '/events/keyset', (req) => {
      switch (req.query.get('series_id')) {
        case SERIES.nba:
          return {
            status: 422,
            json: { type: 'validation error', error: 'offset too large, use /markets/keyset for deeper pagination' },
          };
        case SERIES.nfl:
          return { json: [event('nfl')] }; // the legacy array shape: not a keyset page
        case SERIES.mlb:
          return req.query.get('after_cursor') === null
            ? { json: { events: [event('mlb')], next_cursor: 'm1' } }
            : { json: { events: 'nope' } };
        default:
          return { json: { events: [noFee, noTick, fine] } };
      }
    });
    const games = await venue.listGames(['NBA', 'NFL', 'MLB', 'NHL'], sink);
    expect(games.map((g) => [g.league, g.slug])).toEqual([
      ['MLB', expect.stringMatching(/^mlb-/)],
      ['NHL', fine.slug],
    ]);
    const messages = problems.map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/GET \/events\/keyset \(NBA, series 11001\) page 1 unusable: .*422/),
      expect.stringMatching(/GET \/events\/keyset \(NFL, series 11002\) page 1 unusable: .*unexpected body/),
      expect.stringMatching(/GET \/events\/keyset \(MLB, series 11004\) page 2 unusable/),
      expect.stringMatching(/GET \/events\/keyset \(NHL\) .*no feeSchedule/),
      expect.stringMatching(/GET \/events\/keyset \(NHL\) .*no orderPriceMinTickSize/),
    ]);
    expect(problems.every((p) => p instanceof BadResponse)).toBe(true);
  });

  it('without a problem sink, throws the first problem as BadResponse', async () => {
    serveEvents({ nba: [[event('nba', {}, { clobTokenIds: 7 })]] });
    await expect(venue.listGames(['NBA'])).rejects.toBeInstanceOf(BadResponse);
  });

  it('a transport failure still fails the whole call', async () => {
    fake.on('GET', '/sports', () => ({ status: 503, json: { error: 'busy' } }));
    await expect(venue.listGames(['NBA'], sink)).rejects.toThrow(/503/);
  });
});

describe('lookups by condition id: /markets/keyset', () => {
  it('asks at most 100 condition ids a request, closed explicit, and follows next_cursor', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `0x${i.toString(16).padStart(64, '0')}`);
    fake.on('GET', '/markets/keyset', (req) => {
      const asked = req.query.getAll('condition_ids');
      const rows = asked.map((c, i) =>
        gammaMoneyline({ id: String(i), conditionId: c, clobTokenIds: `["${i}1", "${i}2"]` }),
      );
      // The first chunk comes in two pages of 50.
      if (asked.length === 100 && req.query.get('after_cursor') === null && asked[0] === ids[0]) {
        return { json: { markets: rows.slice(0, 50), next_cursor: 'k1' } };
      }
      if (req.query.get('after_cursor') === 'k1') return { json: { markets: rows.slice(50) } };
      return { json: { markets: rows } };
    });
    const markets = await venue.marketsByCondition(ids, false);
    expect(markets.map((m) => m.conditionId)).toEqual(ids);
    const calls = fake.calls('GET', '/markets/keyset');
    expect(calls.map((c) => c.query.getAll('condition_ids').length)).toEqual([100, 100, 100, 50]);
    expect(calls.every((c) => c.query.get('closed') === 'false' && c.query.get('limit') === '100')).toBe(true);
    expect(calls[1]?.query.get('after_cursor')).toBe('k1');
  });

  it('a repeated cursor on a lookup is a BadResponse, never a loop', async () => {
    fake.on('GET', '/markets/keyset', () => ({ json: { markets: [], next_cursor: 'again' } }));
    await expect(
      venue.marketInfo({ venue: 'polymarket', conditionId: `0x${'ab'.repeat(32)}`, tokenId: '1' }),
    ).rejects.toThrow(/GET \/markets\/keyset repeated cursor again/);
    expect(fake.calls('GET', '/markets/keyset')).toHaveLength(2);
  });
});
