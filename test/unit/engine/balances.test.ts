/**
 * Cash a plan may use: in live mode each leg is funded on its own venue (read, cached for
 * balanceCacheMs, forgotten after a trade) and capped by the ledger; in paper the ledger bounds
 * both legs and no venue is asked. A venue whose cash cannot be read means no plan at all.
 */
import { type EngineDeps, newEngineState, planningBalances, venueCash } from '../../../lib/engine';
import { forgetCash } from '../../../lib/engine/balances';
import { Unavailable, type Venue } from '../../../lib/engine/ports';

function world(mode: 'live' | 'paper', cash: { polymarket: number; kalshi: number | Error }) {
  let now = 1_000_000;
  const reads = { polymarket: 0, kalshi: 0 };
  const venue = (name: 'polymarket' | 'kalshi') =>
    ({
      name,
      getBalance: async () => {
        reads[name] += 1;
        const v = cash[name];
        if (v instanceof Error) throw v;
        return { availableMicros: v };
      },
    }) as unknown as Venue;
  const errors: string[] = [];
  const deps = {
    mode,
    venues: { polymarket: venue('polymarket'), kalshi: venue('kalshi') },
    config: { balanceCacheMs: 5_000 },
    clock: { now: () => now },
    logger: { error: () => undefined },
    store: { recordError: async (e: { message: string }) => void errors.push(e.message) },
  } as unknown as EngineDeps;
  return { deps, reads, errors, advance: (ms: number) => (now += ms) };
}

describe('planningBalances', () => {
  it('live: each leg is capped by its own venue cash and by the ledger', async () => {
    const w = world('live', { polymarket: 30_000_000, kalshi: 900_000_000 });
    expect(await planningBalances(w.deps, newEngineState(), 500_000_000)).toEqual({
      polymarket: 30_000_000,
      kalshi: 500_000_000,
    });
  });

  it('live: cash is cached for balanceCacheMs, re-read after it, and re-read at once after a trade', async () => {
    const w = world('live', { polymarket: 10, kalshi: 20 });
    const state = newEngineState();
    await venueCash(w.deps, state);
    w.advance(4_999);
    await venueCash(w.deps, state);
    expect(w.reads).toEqual({ polymarket: 1, kalshi: 1 });
    w.advance(1);
    await venueCash(w.deps, state);
    expect(w.reads).toEqual({ polymarket: 2, kalshi: 2 });
    forgetCash(state); // what trade.ts does after every trade
    await venueCash(w.deps, state);
    expect(w.reads).toEqual({ polymarket: 3, kalshi: 3 });
  });

  it('live: a venue whose cash cannot be read gives no balances (nothing trades), recorded and counted', async () => {
    const w = world('live', { polymarket: 10, kalshi: new Unavailable('kalshi down', { venue: 'kalshi' }) });
    const state = newEngineState();
    expect(await planningBalances(w.deps, state, 500_000_000)).toBeNull();
    expect(state.consecutiveVenueErrors).toBe(1);
    expect(w.errors).toEqual([expect.stringMatching(/kalshi down/)]);
  });

  it('paper: the ledger bounds both legs and no venue is asked; a negative ledger is zero', async () => {
    const w = world('paper', { polymarket: 1, kalshi: 1 });
    expect(await planningBalances(w.deps, newEngineState(), 250_000_000)).toEqual({
      polymarket: 250_000_000,
      kalshi: 250_000_000,
    });
    expect(await planningBalances(w.deps, newEngineState(), -5)).toEqual({ polymarket: 0, kalshi: 0 });
    expect(w.reads).toEqual({ polymarket: 0, kalshi: 0 });
  });
});
