/**
 * A Polymarket US order whose answer is lost, then the process dies (docs/venues-polymarket-us.md#u-no-client-id):
 * live, Kalshi × Polymarket US, Kalshi first. The Polymarket US simulator runs the second leg's
 * order and never answers (`timeout` fault); right then the process is dead (./process-death.ts:
 * its DynamoDB client, its venues and its Polymarket US HTTP all fail from then on). The next
 * run is a new process: a NEW Polymarket US client over a NEW placement store object on the same
 * table. Its reconcile finds the placement the dead process wrote before sending, looks the order
 * up by its trades, records the fill and never sends a second order. With an in-memory store
 * (what a new Lambda container had before) the same run cannot attribute the order.
 */

import type { EngineDeps } from '../../lib/engine';
import { reconcile, SimulatedCrash, scan } from '../../lib/engine';
import { createStoreContext, DynamoPlacementStore, DynamoStore } from '../../lib/store';
import type { FetchFn } from '../../lib/venues/http';
import { MemoryPlacementStore, type PlacementStore } from '../../lib/venues/polymarket-us';
import { useDynalite } from '../support/dynalite';
import { type EngineHarness, engineHarness, setArbBooks } from '../support/engine/engine-fixture';
import { LAL_BOS, type SimWorld, startSimWorld } from '../support/engine/sim-world';
import {
  LAL_BOS_SLUG,
  LAL_BOS as PMUS_LAL_BOS,
  type PmusWorld,
  startPmusWorld,
} from '../support/sim/polymarket-us-fixture';
import { ProcessDeath } from './process-death';

const db = useDynalite();
let world: SimWorld;
let pmus: PmusWorld;
beforeAll(async () => {
  world = await startSimWorld({ timeoutMs: 250 });
  world.addGame(LAL_BOS);
  // One clock for both simulators, the engine and the clients: send times and trade times compare.
  pmus = await startPmusWorld({ clock: world.clock, realNow: () => world.clock.now() });
  pmus.sim.control.addMarket({ ...PMUS_LAL_BOS, gameStartMs: LAL_BOS.gameStartMs });
});
afterAll(async () => {
  await world.close();
  await pmus.close();
});

beforeEach(() => {
  world.clock.advance(10 * 60_000); // one case's trades are never "since the send" of the next
  pmus.sim.faults.clear();
  setArbBooks(world, 4_000);
  // Lakers (long) offered at 45¢, 40 contracts deep: the arbitrage against Kalshi Boston YES at 50¢.
  pmus.sim.control.setBook(LAL_BOS_SLUG, {
    bids: [{ priceMicros: 440_000, sizeCenti: 4_000 }],
    offers: [{ priceMicros: 450_000, sizeCenti: 4_000 }],
  });
});

const LEDGER = 1_000_000_000;
const ordersSent = () => pmus.sim.control.orderLog.entries().length;

/** A live Polymarket US client of one process, on the engine's clock. */
function pmusClient(placements: PlacementStore, fetch?: FetchFn) {
  return pmus.client(
    { apiTimeoutMs: 1_100, maxBlockSec: 1, lookupAttempts: 2, lookupDelayMs: 5 },
    { clock: world.clock, placements, ...(fetch ? { fetch } : {}) },
  );
}

/** The first run: the Polymarket US order's answer is lost and the process dies with it. */
async function doomedRun(h: EngineHarness, eventId: string): Promise<{ death: ProcessDeath }> {
  const death = new ProcessDeath(Number.MAX_SAFE_INTEGER);
  const doomedClient = await death.client(db().client);
  const fetchUntilDeath: FetchFn = async (input, init) => {
    if (death.dead) throw new SimulatedCrash('the process is dead');
    const isOrder = init?.method === 'POST' && String(input).endsWith('/v1/orders');
    try {
      return await fetch(input, init);
    } finally {
      if (isOrder) death.dead = true; // died while the order's answer was on its way
    }
  };
  const placements = new DynamoPlacementStore(createStoreContext(doomedClient, h.store.ctx.tableName), () =>
    world.clock.now(),
  );
  const doomed: EngineDeps = {
    ...h.deps,
    store: new DynamoStore(doomedClient, h.store.ctx.tableName),
    venues: {
      kalshi: death.venue(world.kalshi),
      polymarket: death.venue(pmusClient(placements, fetchUntilDeath)),
    },
    instanceId: `doomed-${eventId}`,
  };
  pmus.sim.faults.add({ endpoint: 'POST /v1/orders', kind: 'timeout', times: 1 });
  await scan(doomed, h.state, { eventId }).catch((err: unknown) => {
    if (!(err instanceof SimulatedCrash)) throw err;
  });
  return { death };
}

/** The next scheduled run, in a new process: new clients, a new store object, the same table. */
async function nextRun(h: EngineHarness, eventId: string, placements: PlacementStore) {
  pmus.sim.faults.clear();
  world.clock.advance(h.deps.config.leaseTtlMs + h.deps.config.staleIntentMs + 1_000);
  const deps: EngineDeps = { ...h.deps, venues: { kalshi: world.kalshi, polymarket: pmusClient(placements) } };
  return reconcile(deps, h.state, `${eventId}-next`, { drift: false });
}

describe('a lost Polymarket US answer, then process death: the next run finds the order, never resends', () => {
  it('durable placements: reconcile attributes the order by the record the dead process wrote', async () => {
    const h = await engineHarness(db(), world, { mode: 'live', ledgerMicros: LEDGER });
    const before = ordersSent();
    const { death } = await doomedRun(h, 'pmus-lost-durable');
    expect(death.dead).toBe(true);
    expect(ordersSent()).toBe(before + 1); // the simulator ran the order; its answer never came

    const [stuck] = (await h.store.listBets('live', { limit: 10 })).bets;
    expect(stuck?.status).toBe('placing');
    const usLeg = stuck!.legs.find((l) => l.venue === 'polymarket-us')!;

    const report = await nextRun(
      h,
      'pmus-lost-durable',
      new DynamoPlacementStore(h.store.ctx, () => world.clock.now()),
    );
    expect(report.bets).toEqual([expect.objectContaining({ betId: stuck!.id, from: 'placing', to: 'open' })]);
    const bet = await h.store.getBet(stuck!.id);
    const us = bet!.legs.find((l) => l.venue === 'polymarket-us')!;
    expect(us.clientOrderId).toBe(usLeg.clientOrderId);
    expect(us.filledCenti).toBe(us.sizeCenti);
    expect(us.filledNotionalMicros).toBe((450_000 * us.sizeCenti) / 100);
    expect(bet!.legs.find((l) => l.venue === 'kalshi')!.filledCenti).toBe(us.filledCenti);
    // Exactly one order reached the simulator: the next run looked it up, never resent it.
    expect(ordersSent()).toBe(before + 1);
  });

  it('in-memory placements (a new container before the durable store): the order cannot be attributed', async () => {
    const h = await engineHarness(db(), world, { mode: 'live', ledgerMicros: LEDGER });
    const before = ordersSent();
    await doomedRun(h, 'pmus-lost-memory');
    const [stuck] = (await h.store.listBets('live', { limit: 10 })).bets;
    const client = pmusClient(new MemoryPlacementStore());
    const usLeg = stuck!.legs.find((l) => l.venue === 'polymarket-us')!;
    expect(await client.getOrder({ clientOrderId: usLeg.clientOrderId, instrument: usLeg.instrument })).toBeNull();
    expect(ordersSent()).toBe(before + 1);
  });
});
