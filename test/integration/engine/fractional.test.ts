/**
 * A fractional Kalshi market end to end (docs/venues-kalshi.md#k1-fractional): discovery reads the
 * market's step, the plan aligns to both legs' steps (Kalshi 0.01, Polymarket 0.01 with whole-cent
 * buys: every 0.2 share at $0.45), the simulator takes the fractional count (it refuses one on a
 * whole-contract market), and both legs hold the same fractional size.
 */
import { scan } from '../../../lib/engine';
import { useDynalite } from '../../support/dynalite';
import { clearBooks, engineHarness, setArbBooks } from '../../support/engine/engine-fixture';
import { type GameSpec, LAL_BOS, MORE_GAMES, type SimWorld, startSimWorld } from '../../support/engine/sim-world';

const db = useDynalite();
const FRACTIONAL: GameSpec = { ...LAL_BOS, fractional: true };
const WHOLE: GameSpec = MORE_GAMES[0]!;
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld();
  world.addGame(FRACTIONAL);
  world.addGame(WHOLE);
});
afterAll(() => world.close());

function kalshiPosition(ticker: string): number {
  return world.kalshiSim.control.positions(world.kalshiKeyId).find((p) => p.ticker === ticker)?.positionCenti ?? 0;
}

describe('a fractional Kalshi market', () => {
  it('trades 10.2 shares on both legs where the books are 10.37 deep', async () => {
    // Kalshi BOS YES at $0.50 + Polymarket Lakers at $0.45: 10.37 shares deep everywhere.
    setArbBooks(world, 1_037, FRACTIONAL);
    clearBooks(world, WHOLE);
    const h = await engineHarness(db(), world, { mode: 'live' });
    const report = await scan(h.deps, h.state, { eventId: 'evt-fractional-1' });
    expect(report).toMatchObject({ traded: 1, errors: 0 });
    const bet = (await h.store.listBets('live', { limit: 10 })).bets[0]!;
    expect(bet.status).toBe('open');
    expect(bet.legs.map((l) => [l.venue, l.sizeCenti, l.filledCenti, l.sizeStepCenti])).toEqual([
      ['kalshi', 1_020, 1_020, 1],
      ['polymarket', 1_020, 1_020, 1],
    ]);
    expect(kalshiPosition(`${FRACTIONAL.eventTicker}-BOS`)).toBe(1_020);
  });

  it('while a whole-contract market with the same books trades whole shares only', async () => {
    clearBooks(world, FRACTIONAL);
    setArbBooks(world, 1_037, WHOLE);
    const h = await engineHarness(db(), world, { mode: 'live' });
    const report = await scan(h.deps, h.state, { eventId: 'evt-whole-1' });
    expect(report).toMatchObject({ traded: 1, errors: 0 });
    const bet = (await h.store.listBets('live', { limit: 10 })).bets.find((b) => b.pairId.includes(WHOLE.eventTicker))!;
    expect(bet.legs.map((l) => [l.venue, l.filledCenti, l.sizeStepCenti])).toEqual([
      ['kalshi', 1_000, 100],
      ['polymarket', 1_000, 1],
    ]);
  });

  it('unwinds a fractional leg on its own step: all 10.2 shares sold, nothing held', async () => {
    clearBooks(world, WHOLE);
    setArbBooks(world, 1_037, FRACTIONAL);
    const ticker = `${FRACTIONAL.eventTicker}-BOS`;
    const positionBefore = kalshiPosition(ticker);
    // The Polymarket leg is refused: the Kalshi leg (first) must be sold back.
    world.polymarketSim.faults.add({ endpoint: 'POST /order', kind: 'error', status: 400, times: 1 });
    const h = await engineHarness(db(), world, { mode: 'live' });
    await scan(h.deps, h.state, { eventId: 'evt-fractional-unwind' });
    world.polymarketSim.faults.clear();
    const bet = (await h.store.listBets('live', { limit: 10 })).bets.find((b) => b.unwinds.length > 0)!;
    expect(bet.status).toBe('unwound');
    expect(bet.legs[0]!.filledCenti).toBe(1_020);
    expect(bet.unwinds.reduce((s, u) => s + u.filledCenti, 0)).toBe(1_020);
    expect(bet.unwinds.some((u) => u.sizeCenti % 100 !== 0)).toBe(true);
    expect(kalshiPosition(ticker)).toBe(positionBefore);
  });
});
