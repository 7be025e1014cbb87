/**
 * The engine on the pair Kalshi × Polymarket US (docs/adr/0010-venue-pairs.md), paper mode, end to
 * end: discovery lists Polymarket US games from the pair's Polymarket slot, matching pairs them
 * with Kalshi's (long = the slug's first team), the planner prices the Polymarket US leg with its
 * own fee and contract sizes, and the bet records both legs with what the paper fills charged.
 * The Kalshi simulator and the Polymarket US simulator are read by the real clients over 127.0.0.1.
 */
import { kalshiOrderFee, polymarketUsOrderFee } from '../../../lib/core/fees';
import { scan } from '../../../lib/engine';
import { PaperVenue } from '../../../lib/venues/paper';
import { useDynalite } from '../../support/dynalite';
import { engineHarness, setArbBooks } from '../../support/engine/engine-fixture';
import { LAL_BOS, type SimWorld, startSimWorld, T0 } from '../../support/engine/sim-world';
import {
  LAL_BOS_SLUG,
  LAL_BOS as PMUS_LAL_BOS,
  type PmusWorld,
  startPmusWorld,
} from '../../support/sim/polymarket-us-fixture';

const db = useDynalite();
let world: SimWorld;
let pmus: PmusWorld;
beforeAll(async () => {
  world = await startSimWorld();
  world.addGame(LAL_BOS);
  pmus = await startPmusWorld({ startMs: T0 });
  pmus.sim.control.addMarket({ ...PMUS_LAL_BOS, gameStartMs: LAL_BOS.gameStartMs });
});
afterAll(async () => {
  await world.close();
  await pmus.close();
});

beforeEach(() => {
  setArbBooks(world);
  // Lakers (long) offered at 45¢; bid 44¢, so Celtics (short) are offered at 56¢.
  pmus.sim.control.setBook(LAL_BOS_SLUG, {
    bids: [{ priceMicros: 440_000, sizeCenti: 10_000 }],
    offers: [{ priceMicros: 450_000, sizeCenti: 10_000 }],
  });
});

async function harness() {
  const h = await engineHarness(db(), world, { mode: 'paper' });
  // The pair's Polymarket slot holds Polymarket US: its real client (read side, on the engine's
  // clock so book ages compare) under a PaperVenue.
  const reader = pmus.client({}, { clock: world.clock });
  const polymarket = new PaperVenue(reader, { startingBalanceMicros: 1_000_000_000 });
  const deps = { ...h.deps, venues: { kalshi: h.deps.venues.kalshi, polymarket } };
  return { ...h, deps };
}

describe('scan on Kalshi × Polymarket US (paper)', () => {
  it('trades Polymarket US Lakers (long) against Kalshi Boston YES and records both legs with their fees', async () => {
    const h = await harness();
    const ordersBefore = pmus.sim.control.orderLog.entries().length;
    const report = await scan(h.deps, h.state, { eventId: 'evt-pmus-1' });
    expect(report).toMatchObject({ pairs: 1, candidates: 1, plans: 1, admitted: 1, traded: 1, errors: 0 });

    const bet = (await h.store.listBets('paper', { limit: 10 })).bets[0]!;
    expect(bet.status).toBe('open');
    expect(bet.pairId).toBe(`NBA:${LAL_BOS_SLUG}:${LAL_BOS.eventTicker}`);
    expect(bet.title).toBe('Lakers vs Celtics');
    // Kalshi first (the configured first leg), then the Polymarket slot's leg: Polymarket US.
    const [k, us] = bet.legs;
    expect(k).toMatchObject({
      venue: 'kalshi',
      instrument: { venue: 'kalshi', ticker: `${LAL_BOS.eventTicker}-BOS`, side: 'yes' },
      limitPriceMicros: 500_000,
    });
    expect(us).toMatchObject({
      venue: 'polymarket-us',
      instrument: { venue: 'polymarket-us', marketSlug: LAL_BOS_SLUG, side: 'long' },
      limitPriceMicros: 450_000,
    });
    // Equal contracts on both legs, whole contracts (Kalshi's step), within the $50 per-trade cap.
    const size = k!.filledCenti;
    expect(size).toBeGreaterThan(0);
    expect(size % 100).toBe(0);
    expect(us!.filledCenti).toBe(size);
    expect(k!.sizeCenti).toBe(size);
    expect(us!.sizeCenti).toBe(size);
    // What the paper fills charged: Polymarket US Θ·C·p(1−p) at the market's Θ, Kalshi's taker fee.
    const usFee = polymarketUsOrderFee([{ price: 450_000, count: size }], 69_500);
    expect(us).toMatchObject({
      filledNotionalMicros: (450_000 * size) / 100,
      filledFeeMicros: usFee,
      feeMicros: usFee,
    });
    const kFee = kalshiOrderFee({ fills: [{ price: 500_000, count: size }], kind: 'taker', multiplier: 1_000_000 });
    expect(k).toMatchObject({ filledNotionalMicros: (500_000 * size) / 100, filledFeeMicros: kFee });
    expect(bet.reservedMicros).toBe(k!.notionalMicros + k!.feeMicros + us!.notionalMicros + us!.feeMicros);
    // Paper: nothing reached the Polymarket US order endpoint.
    expect(pmus.sim.control.orderLog.entries().length).toBe(ordersBefore);
    expect(h.notifier.sent[0]!.subject).toBe('📄 PAPER 💰 New Arb: Lakers vs Celtics');
    expect(h.notifier.sent[0]!.text).toContain('Polymarket US Lakers');
    expect(report.capital?.venues.polymarket.venue).toBe('polymarket-us');
  });

  it('finds no edge when the Polymarket US fee eats it', async () => {
    pmus.sim.control.setBook(LAL_BOS_SLUG, {
      bids: [{ priceMicros: 440_000, sizeCenti: 10_000 }],
      offers: [{ priceMicros: 480_000, sizeCenti: 10_000 }],
    });
    const h = await harness();
    const report = await scan(h.deps, h.state, { eventId: 'evt-pmus-2' });
    expect(report.pairs).toBe(1);
    expect(report.admitted).toBe(0);
    expect((await h.store.listBets('paper', { limit: 10 })).bets).toEqual([]);
  });
});
