/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read ad hoc in assertions */
/**
 * Integration: `startSimulators` runs both venue simulators on one clock with the bundled
 * slate; what the driver pushes is what a client reads over HTTP on each venue.
 */
import { generateKeyPairSync } from 'node:crypto';
import { type Simulators, startSimulators } from '../../local/sim';
import { ManualClock } from '../../local/sim/clock';
import { kalshiAuthHeaders } from '../../local/sim/kalshi';

const START = Date.parse('2026-11-25T22:00:00Z');
let sims: Simulators;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(START);
  const t = Date.now();
  sims = await startSimulators({ seed: 9, clock, tickEveryMs: 60_000 });
  expect(Date.now() - t).toBeLessThan(3_000); // "well under a second" on an idle machine; CI is shared
});
afterAll(() => sims.close());

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers });
  return { status: res.status, json: (await res.json()) as any };
};

describe('startSimulators with the demo slate', () => {
  it('lists every game on Kalshi with books, bids only, best last', async () => {
    const r = await get(`${sims.kalshi.url}/events?series_ticker=KXNBAGAME&status=open&with_nested_markets=true`);
    const nba = sims.scenario.driver.games.filter((g) => g.league === 'NBA');
    expect(r.json.events.map((e: any) => e.event_ticker).sort()).toEqual(nba.map((g) => g.eventTicker).sort());
    const first = nba[0];
    if (!first) throw new Error('no NBA game');
    const book = await get(`${sims.kalshi.url}/markets/${first.awayTicker}/orderbook`);
    const yes = book.json.orderbook_fp.yes_dollars as Array<[string, string]>;
    expect(yes.length).toBeGreaterThan(0);
    expect(yes.map(([p]) => p)).toEqual([...yes.map(([p]) => p)].sort());
  });

  it('shows the same game on Polymarket with the token books the driver pushed', async () => {
    const g = sims.scenario.driver.games[0];
    if (!g) throw new Error('empty slate');
    const pushed = sims.scenario.driver.lastStep(g.game.id)?.books.polymarket.away;
    const r = await get(`${sims.polymarket.url}/book?token_id=${g.game.away.polymarketTokenId}`);
    expect(r.status).toBe(200);
    const bestAsk = r.json.asks.at(-1); // best LAST (docs/venues-polymarket.md#p2-book-order)
    expect(Number(bestAsk.price) * 1e6).toBeCloseTo(pushed?.asks[0]?.priceMicros ?? -1, 0);
  });

  it('trades the Kalshi leg against the scenario book with a registered key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    sims.kalshi.control.registerAccount({
      keyId: 'it-key',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      balanceMicros: 1_000_000_000,
    });
    const g = sims.scenario.driver.games[0];
    if (!g) throw new Error('empty slate');
    const ask = sims.scenario.driver.lastStep(g.game.id)?.books.kalshi.home.noBids[0];
    if (!ask) throw new Error('no NO bids');
    const path = '/trade-api/v2/portfolio/events/orders';
    const res = await fetch(`${sims.kalshi.origin}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...kalshiAuthHeaders(
          'it-key',
          privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          'POST',
          path,
          Date.now(),
        ),
      },
      body: JSON.stringify({
        ticker: g.homeTicker,
        side: 'bid',
        count: '10',
        price: ((1_000_000 - ask.priceMicros) / 1e6).toFixed(4),
        time_in_force: 'fill_or_kill',
        self_trade_prevention_type: 'taker_at_cross',
        client_order_id: 'it-1',
      }),
    });
    expect(res.status).toBe(201);
    expect(sims.kalshi.control.positions('it-key')).toEqual([{ ticker: g.homeTicker, positionCenti: 1_000 }]);
  });

  it('closes and settles every market on both venues by the end of the slate', async () => {
    clock.set(sims.scenario.driver.finishedAtMs);
    sims.scenario.driver.tick(clock.now());
    const settled = await get(`${sims.kalshi.url}/markets?status=settled&limit=1000`);
    expect(settled.json.markets).toHaveLength(sims.scenario.driver.games.length * 2);
    const g = sims.scenario.driver.games[0];
    if (!g) throw new Error('empty slate');
    const m = await get(`${sims.polymarket.gammaUrl}/markets/${g.game.polymarket.gammaId}`);
    expect(m.json.closed).toBe(true);
  });
});
