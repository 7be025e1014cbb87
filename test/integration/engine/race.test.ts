/**
 * 50 runs racing for the same limits at once (each with the same stale view of the account,
 * as concurrent Lambda containers would have): the store's one conditional admission write
 * lets exactly as many through as the daily trade limit, the daily loss limit or the balance
 * allows, and every other run is refused with the right reason. Also the kill switch.
 * Runs on either venue pair (test/support/engine/pairs.ts); on the second only in the full run
 * (the admission race is the store's, the same whichever Polymarket is traded).
 */
import {
  type EngineConfig,
  haltTrading,
  newEngineState,
  resumeTrading,
  scan,
  tryTrade,
  worstCaseLossMicros,
} from '../../../lib/engine';
import { fetchBooks, listBoth, matchListings } from '../../../lib/engine/discover';
import { useDynalite } from '../../support/dynalite';
import { type EngineHarness, engineHarness, setArbBooks } from '../../support/engine/engine-fixture';
import { itFull, PAIR } from '../../support/engine/pairs';
import { LAL_BOS, type SimWorld, startSimWorld } from '../../support/engine/sim-world';

const db = useDynalite();
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld({ pair: PAIR });
  world.addGame(LAL_BOS);
});
afterAll(() => world.close());
beforeEach(() => setArbBooks(world, 200_000));

async function race(h: EngineHarness, runs = 50) {
  const listings = (await listBoth(h.deps, h.state))!;
  const pair = matchListings(listings).pairs[0]!;
  const books = await fetchBooks(h.deps, h.state, [pair]);
  const account = (await h.store.getAccount('live'))!;
  const attempts = await Promise.all(
    Array.from({ length: runs }, (_, i) =>
      tryTrade(
        h.deps,
        newEngineState(),
        { eventId: `race-${i}`, runId: `race-${i}#x`, round: 0, account, balances: { polymarket: 1e9, kalshi: 1e9 } },
        pair,
        books,
      ),
    ),
  );
  return { attempts, pair, books };
}

const codes = (attempts: Awaited<ReturnType<typeof race>>['attempts']) =>
  attempts
    .map((a) => (a.kind === 'refused' ? a.code : a.kind))
    .reduce<Record<string, number>>((m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }), {});

describe('50 concurrent runs racing for the same limits', () => {
  itFull('admits exactly the daily trade limit', async () => {
    const h = await engineHarness(db(), world, {
      mode: 'live',
      config: { risk: { ...baseRisk(), maxDailyTrades: 10, dailyLossLimitMicros: 1_000_000_000 } },
    });
    const { attempts } = await race(h);
    expect(codes(attempts)).toEqual({ traded: 10, DAILY_TRADE_LIMIT: 40 });
    const account = (await h.store.getAccount('live'))!;
    expect(Object.values(account.days)[0]!.trades).toBe(10);
  });

  itFull('never lets in-flight worst cases pass the daily loss limit', async () => {
    const probe = await engineHarness(db(), world, { mode: 'live' });
    const {
      attempts: [one],
      pair,
    } = await race(probe, 1);
    if (one?.kind !== 'traded') throw new Error('probe did not trade');
    const worst = worstCaseLossMicros(pair, one.plan, probe.deps.config);
    const h = await engineHarness(db(), world, {
      mode: 'live',
      config: { risk: { ...baseRisk(), maxDailyTrades: 100, dailyLossLimitMicros: 3 * worst + 1 } },
    });
    const { attempts } = await race(h);
    expect(codes(attempts)).toEqual({ traded: 3, DAILY_LOSS_LIMIT: 47 });
    const risk = Object.values((await h.store.getAccount('live'))!.days)[0]!.riskMicros;
    expect(risk).toBeLessThanOrEqual(3 * worst + 1);
  });

  itFull('never spends more than the ledger balance', async () => {
    const h = await engineHarness(db(), world, {
      mode: 'live',
      ledgerMicros: 120_000_000,
      config: { risk: { ...baseRisk(), maxDailyTrades: 100 } },
    });
    const { attempts } = await race(h);
    const count = codes(attempts);
    expect(Object.keys(count).sort()).toEqual(['INSUFFICIENT_BALANCE', 'traded']);
    const account = (await h.store.getAccount('live'))!;
    expect(account.balanceMicros).toBeGreaterThanOrEqual(0);
    // Reservations of every bet still holding money never exceed what the ledger had.
    const held = Object.values(account.intents).reduce((s, i) => s + i.costMicros, 0);
    expect(held).toBeLessThanOrEqual(120_000_000);
    expect(held + account.balanceMicros).toBeLessThanOrEqual(120_000_000);
  });
});

describe('halt and resume', () => {
  itFull('stops admissions at once, announces the halt, and resume lifts it', async () => {
    const h = await engineHarness(db(), world, { mode: 'live' });
    await haltTrading(h.deps, h.state, 'operator');
    const halted = await scan(h.deps, h.state, { eventId: 'evt-halted' });
    expect(halted).toMatchObject({ halted: true, admitted: 0 });
    expect(h.notifier.sent.map((n) => n.subject)).toContain('🔴 LIVE 🛑 Trading halted');
    await resumeTrading(h.deps);
    expect((await scan(h.deps, h.state, { eventId: 'evt-resumed' })).traded).toBe(1);
  });

  itFull('trips the circuit breaker after repeated venue errors', async () => {
    const h = await engineHarness(db(), world, { mode: 'live', config: { maxConsecutiveVenueErrors: 2 } });
    world.kalshiSim.faults.add({ endpoint: 'GET /events', kind: 'error', status: 503 });
    world.kalshiSim.faults.add({ endpoint: 'GET /series/{series_ticker}', kind: 'error', status: 503 });
    await scan(h.deps, h.state, { eventId: 'evt-err-1' });
    const second = await scan(h.deps, h.state, { eventId: 'evt-err-2' });
    world.kalshiSim.faults.clear();
    expect(second.circuitBreaker).toMatch(/consecutive venue errors/);
    expect((await h.store.getAccount('live'))!.halted).toBe(true);
  });
});

function baseRisk(): EngineConfig['risk'] {
  return {
    minRoiPpm: 10_000,
    maxPositionMicros: 100_000_000,
    maxDailyTrades: 10,
    dailyLossLimitMicros: 50_000_000,
    maxBookAgeMs: 3_000,
  };
}
