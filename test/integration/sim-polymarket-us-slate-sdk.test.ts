/**
 * Integration: a slate game played on the Polymarket US simulator (Kalshi × Polymarket US,
 * `startSimulatorSet`) through the official SDK (`polymarket-us` 0.1.1, a devDependency used as an
 * oracle only, as in test/contract/sim-polymarket-us-sdk.test.ts): the venue's own client lists the
 * slate, reads books that move along the price path, signs an order that fills, and sees the
 * settlement after the result. The SDK signs with real time, so the simulator checks signatures
 * against real time while its scenario runs on a ManualClock.
 */
import { NotFoundError, PolymarketUS } from 'polymarket-us';
import { polymarketUsOrderFee } from '../../lib/core/fees';
import { type SimulatorSet, startSimulatorSet } from '../../local/sim';
import { ManualClock } from '../../local/sim/clock';
import type { SimLevel } from '../../local/sim/control';
import type { ScheduledGame } from '../../local/sim/scenario';

const START = Date.parse('2026-11-25T22:00:00Z');
let sims: SimulatorSet;
let clock: ManualClock;
let sdk: PolymarketUS;

beforeAll(async () => {
  clock = new ManualClock(START);
  sims = await startSimulatorSet({ venues: ['kalshi', 'polymarket-us'], seed: 8, clock, tickEveryMs: 60_000 });
  const us = sims.polymarketUs!;
  const key = us.registerKey({ buyingPowerMicros: 500_000_000 });
  sdk = new PolymarketUS({
    keyId: key.keyId,
    secretKey: key.secretKey,
    gatewayBaseUrl: us.gatewayUrl,
    apiBaseUrl: us.apiUrl,
  });
});
afterAll(() => sims.close());

const game = (id: string): ScheduledGame => {
  const g = sims.scenario.driver.games.find((x) => x.game.id === id);
  if (!g) throw new Error(id);
  return g;
};
const stepTo = (ms: number) => {
  clock.set(ms);
  sims.scenario.driver.tick(ms);
};
/** The SDK's book, as the venue's page shapes it: inside `marketData` (docs/venues-polymarket-us.md#u-book). */
interface Level {
  px: { value: string };
  qty: string;
}
const book = async (slug: string) =>
  (await sdk.markets.book(slug)) as unknown as { marketData: { offers: Level[]; bids: Level[]; state: string } };
const levels = (ls: readonly Level[]): SimLevel[] =>
  ls.map((l) => ({ priceMicros: Math.round(Number(l.px.value) * 1e6), sizeCenti: Math.round(Number(l.qty) * 100) }));

describe('a slate game through the official SDK', () => {
  it('lists every slate game as its moneyline market, with its event', async () => {
    const markets = await sdk.markets.list({ limit: 100 });
    const slugs = sims.scenario.driver.games.map((g) => g.polymarketUsSlug).sort();
    expect(markets.markets.map((m) => m.slug).sort()).toEqual(slugs);
    const events = await sdk.events.list({ limit: 100 });
    const listed = events.events.flatMap((e) => (e.markets ?? []).map((m) => m.slug));
    expect(listed).toEqual(expect.arrayContaining(slugs));
    const lal = await sdk.markets.retrieveBySlug(game('nba-lal-bos').polymarketUsSlug);
    expect(lal.market.slug).toBe('aec-nba-lal-bos-2026-11-25');
  });

  it('reads books that move along the price path', async () => {
    const g = game('nfl-kc-dal');
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      stepTo(clock.now() + 4 * sims.scenario.driver.stepMs);
      const pushed = sims.scenario.driver.lastStep(g.game.id)?.books.polymarket.away;
      const b = await book(g.polymarketUsSlug);
      expect(b.marketData.state).toBe('MARKET_STATE_OPEN');
      expect(levels(b.marketData.offers)).toEqual(pushed?.asks);
      expect(levels(b.marketData.bids)).toEqual(pushed?.bids);
      seen.add(JSON.stringify(b.marketData.offers[0]));
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('signs an order that fills at the best offer, then sees the settlement after the result', async () => {
    const g = game('nba-lal-bos'); // the away team (long) wins
    const balance = async () => (await sdk.account.balances()).balances[0]!.buyingPower;
    const before = await balance();
    const best = (await book(g.polymarketUsSlug)).marketData.offers[0]!;
    const created = await sdk.orders.create({
      marketSlug: g.polymarketUsSlug,
      intent: 'ORDER_INTENT_BUY_LONG',
      type: 'ORDER_TYPE_LIMIT',
      price: { value: best.px.value, currency: 'USD' },
      quantity: 5,
      tif: 'TIME_IN_FORCE_FILL_OR_KILL',
      manualOrderIndicator: 'MANUAL_ORDER_INDICATOR_AUTOMATIC',
      synchronousExecution: true,
      maxBlockTime: '5',
    });
    const last = created.executions!.at(-1)!;
    expect([last.type, last.order.state, last.order.cumQuantity]).toEqual([
      'EXECUTION_TYPE_FILL',
      'ORDER_STATE_FILLED',
      5,
    ]);
    const paid = before - (await balance());
    const priceMicros = Math.round(Number(best.px.value) * 1e6);
    // The price and the venue's taker fee (docs/venues-polymarket-us.md#u-fees), in dollars on the wire.
    expect(Math.round(paid * 1e6)).toBe(5 * priceMicros + polymarketUsOrderFee([{ price: priceMicros, count: 500 }]));
    expect((await sdk.portfolio.positions()).positions[g.polymarketUsSlug]?.expired).toBe(false);
    await expect(sdk.markets.settlement(g.polymarketUsSlug)).rejects.toBeInstanceOf(NotFoundError);

    stepTo(g.settleMs);
    expect(await sdk.markets.settlement(g.polymarketUsSlug)).toEqual({ slug: g.polymarketUsSlug, settlement: 1 });
    expect((await sdk.markets.retrieveBySlug(g.polymarketUsSlug)).market).toMatchObject({ closed: true });
    expect((await balance()) - (before - paid)).toBeCloseTo(5, 9); // 5 contracts × $1
    expect((await sdk.portfolio.positions()).positions[g.polymarketUsSlug]?.expired).toBe(true);
    const resolutions = await sdk.portfolio.activities({
      marketSlug: g.polymarketUsSlug,
      types: ['ACTIVITY_TYPE_POSITION_RESOLUTION'],
    });
    expect(resolutions.activities).toHaveLength(1);
  });
});
