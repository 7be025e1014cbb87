/**
 * scan against dynalite and both simulators with the real venue clients: the happy path in
 * live and paper mode, the report, notifications, in-flight skipping, and duplicate events.
 */
import { formatScanReport, scan } from '../../../lib/engine';
import { useDynalite } from '../../support/dynalite';
import { engineHarness, heldByInstrument, setArbBooks } from '../../support/engine/engine-fixture';
import { LAL_BOS, type SimWorld, startSimWorld } from '../../support/engine/sim-world';

const db = useDynalite();
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld();
  world.addGame(LAL_BOS);
});
afterAll(() => world.close());
beforeEach(() => setArbBooks(world));

function kalshiPositions(): Map<string, number> {
  return new Map(world.kalshiSim.control.positions(world.kalshiKeyId).map((p) => [p.ticker, p.positionCenti]));
}

describe('scan', () => {
  it('trades a live arbitrage on both venues, records it open, and announces it', async () => {
    const h = await engineHarness(db(), world, { mode: 'live' });
    const kBefore = world.kalshiCash();
    const pBefore = world.polymarketCash();
    const posBefore = kalshiPositions();
    const report = await scan(h.deps, h.state, { eventId: 'evt-live-1' });
    expect(report).toMatchObject({
      skipped: null,
      pairs: 1,
      candidates: 1,
      plans: 1,
      admitted: 1,
      traded: 1,
      errors: 0,
    });
    const bet = (await h.store.listBets('live', { limit: 10 })).bets[0]!;
    expect(bet.status).toBe('open');
    // Kalshi first (default leg order), equal shares on both legs.
    expect(bet.legs.map((l) => l.venue)).toEqual(['kalshi', 'polymarket']);
    expect(bet.legs[0]!.filledCenti).toBeGreaterThan(0);
    expect(bet.legs[1]!.filledCenti).toBe(bet.legs[0]!.filledCenti);
    expect(bet.legs[0]!.filledCenti % 100).toBe(0);
    // What the venues charged is what the bet says was paid.
    expect(kBefore - world.kalshiCash()).toBe(bet.legs[0]!.filledNotionalMicros + bet.legs[0]!.filledFeeMicros);
    expect(pBefore - world.polymarketCash()).toBe(bet.legs[1]!.filledNotionalMicros + bet.legs[1]!.filledFeeMicros);
    const ticker = `${LAL_BOS.eventTicker}-BOS`;
    expect((kalshiPositions().get(ticker) ?? 0) - (posBefore.get(ticker) ?? 0)).toBe(bet.legs[0]!.filledCenti);
    expect(heldByInstrument([bet]).get(`kalshi:${ticker}:yes`)).toBe(bet.legs[0]!.filledCenti);
    // Ledger: reserved cost taken from the balance, one trade counted.
    const account = await h.store.getAccount('live');
    expect(account!.balanceMicros).toBe(1_000_000_000 - bet.reservedMicros);
    expect(h.notifier.sent.map((n) => n.subject)).toContain('🔴 LIVE 💰 New Arb: Lakers vs Celtics');
    expect(h.logger.lines).toContain('Processing 1 games for arbitrage opportunities...');
    expect(formatScanReport(report)).toContain('traded 1');
    // The run ends with each venue's own cash, read after the trade, and its runway at the
    // per-trade cap min($50 bet, $100 position) (docs/capital.md#runway).
    const runway = (venue: string, cash: number) => ({
      venue,
      cashMicros: cash,
      runwayTrades: Math.floor(cash / 50_000_000),
      low: false,
    });
    expect(report.capital).toEqual({
      source: 'venue',
      perTradeMicros: 50_000_000,
      alertBelowTrades: 5,
      venues: {
        kalshi: runway('kalshi', world.kalshiCash()),
        polymarket: runway('polymarket', world.polymarketCash()),
      },
      notified: [],
    });
    expect(formatScanReport(report)).toMatch(/runway at \$50\.00 a trade: Polymarket \$[\d,.]+ = \d+ trades, Kalshi/);
  });

  it('skips a pair whose bet is still open on the next scan', async () => {
    const h = await engineHarness(db(), world, { mode: 'live' });
    await scan(h.deps, h.state, { eventId: 'evt-open-1' });
    world.clock.advance(60_000);
    const second = await scan(h.deps, h.state, { eventId: 'evt-open-2' });
    expect(second.admitted).toBe(0);
    expect(second.refusals.map((r) => r.code)).toEqual(['IN_FLIGHT']);
  });

  it('does nothing for a second delivery of the same scheduled event', async () => {
    const h = await engineHarness(db(), world, { mode: 'live' });
    const first = await scan(h.deps, h.state, { eventId: 'evt-dup' });
    const again = await scan({ ...h.deps, instanceId: 'other-container' }, h.state, { eventId: 'evt-dup' });
    expect(first.traded).toBe(1);
    expect(again.skipped).toBe('duplicate-invocation');
    expect((await h.store.listBets('live', { limit: 10 })).bets).toHaveLength(1);
  });

  it('runs the same engine path in paper mode: fills against the simulated book, nothing sent to the venue', async () => {
    const h = await engineHarness(db(), world, { mode: 'paper' });
    const kBefore = world.kalshiCash();
    const ordersBefore = world.polymarketSim.state.orders().length;
    const report = await scan(h.deps, h.state, { eventId: 'evt-paper-1' });
    expect(report.traded).toBe(1);
    const bet = (await h.store.listBets('paper', { limit: 10 })).bets[0]!;
    expect(bet.status).toBe('open');
    expect(bet.legs[1]!.filledCenti).toBe(bet.legs[0]!.filledCenti);
    expect(world.kalshiCash()).toBe(kBefore);
    expect(world.polymarketSim.state.orders().length).toBe(ordersBefore);
    expect(h.notifier.sent[0]!.subject).toBe('📄 PAPER 💰 New Arb: Lakers vs Celtics');
    // Paper: both venues draw on the ledger balance (docs/capital.md#runway).
    const ledger = (await h.store.getAccount('paper'))!.balanceMicros;
    expect(report.capital?.source).toBe('ledger');
    expect(report.capital?.venues.polymarket).toEqual({
      venue: 'polymarket',
      cashMicros: ledger,
      runwayTrades: Math.floor(ledger / 50_000_000),
      low: false,
    });
  });

  it('refuses a pair whose listing prices show no edge without reading its depth', async () => {
    world.setKalshiBook(`${LAL_BOS.eventTicker}-BOS`, {
      yesAsks: [{ priceMicros: 600_000, sizeCenti: 10_000 }],
      noAsks: [{ priceMicros: 600_000, sizeCenti: 10_000 }],
    });
    world.setKalshiBook(`${LAL_BOS.eventTicker}-LAL`, {
      yesAsks: [{ priceMicros: 600_000, sizeCenti: 10_000 }],
      noAsks: [{ priceMicros: 600_000, sizeCenti: 10_000 }],
    });
    const h = await engineHarness(db(), world, { mode: 'live' });
    const report = await scan(h.deps, h.state, { eventId: 'evt-noedge' });
    // Gamma lists the first outcome's best bid/ask; every combination already costs $1 or more.
    expect(report.admitted).toBe(0);
    expect(report.candidates).toBe(0);
    expect(report.refusals[0]!.code).toBe('NO_EDGE_LISTED');
  });

  it('in a sub-minute loop, lists once but reads depth every round, so an edge that appears later is traded', async () => {
    // No edge at listing time (every combination costs $1 or more on the listing prices).
    world.setKalshiBook(`${LAL_BOS.eventTicker}-BOS`, {
      yesAsks: [{ priceMicros: 600_000, sizeCenti: 10_000 }],
      noAsks: [{ priceMicros: 600_000, sizeCenti: 10_000 }],
    });
    world.setKalshiBook(`${LAL_BOS.eventTicker}-LAL`, {
      yesAsks: [{ priceMicros: 600_000, sizeCenti: 10_000 }],
      noAsks: [{ priceMicros: 600_000, sizeCenti: 10_000 }],
    });
    const h = await engineHarness(db(), world, { mode: 'paper' });
    let sleeps = 0;
    const clock = {
      now: () => world.clock.now(),
      sleep: async (ms: number) => {
        sleeps += 1;
        if (sleeps === 1) setArbBooks(world); // the edge appears while the loop waits
        await world.clock.sleep(ms);
      },
    };
    const listed = jest.spyOn(h.deps.venues.polymarket, 'listGames');
    const start = world.clock.now();
    const report = await scan({ ...h.deps, clock }, h.state, {
      eventId: 'evt-loop',
      loopUntilMs: start + 35_000,
      intervalMs: 10_000,
    });
    expect(report.rounds).toBe(4); // at 0, 10, 20 and 30 s of a 35 s window
    expect(listed).toHaveBeenCalledTimes(1);
    expect(report.refusals.some((r) => r.code === 'NO_EDGE_LISTED')).toBe(true); // round 1, on fresh listings
    expect(report.traded).toBe(1); // round 2, on the books, with the listings of round 1
    expect(report.games.polymarket).toBeGreaterThan(0);
  });
});
