/**
 * checkRunway (lib/engine/capital.ts, docs/capital.md#runway) against the real store (dynalite)
 * and scripted venue balances: the runway of each venue, the low-runway notice at most once per
 * UTC day per venue across containers, and a balance read that never touches the circuit breaker.
 */
import type { EngineState } from '../../../lib/engine';
import { newEngineState } from '../../../lib/engine';
import { checkRunway } from '../../../lib/engine/capital';
import { apiWorld, INITIAL, NOON, venueDown } from '../../support/api/api-fixture';
import { useDynalite } from '../../support/dynalite';

const db = useDynalite();
const USD = 1_000_000;
const DAY = 86_400_000;

// The fixture's per-trade cap: min($50 bet amount, $100 max position) = $50; alert below 5 trades.
describe('checkRunway', () => {
  it('live: each venue own cash ÷ $50; a low venue is announced once per UTC day, across containers', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    w.venues.kalshi.balanceMicros = 500 * USD; // 10 trades
    w.venues.polymarket.balanceMicros = 149_999_999; // 2 trades (2.99…)
    const engine = w.deps.engine;
    const state = newEngineState();

    const first = await checkRunway(engine, state);
    expect(first).toEqual({
      source: 'venue',
      perTradeMicros: 50 * USD,
      alertBelowTrades: 5,
      venues: {
        polymarket: { venue: 'polymarket', cashMicros: 149_999_999, runwayTrades: 2, low: true },
        kalshi: { venue: 'kalshi', cashMicros: 500 * USD, runwayTrades: 10, low: false },
      },
      notified: ['polymarket'],
    });
    expect(w.notifier.sent).toHaveLength(1);
    expect(w.notifier.sent[0]).toMatchObject({ subject: '🔴 LIVE 🪫 Low runway: Polymarket', severity: 'warning' });
    expect(w.notifier.sent[0]!.text).toContain('Polymarket cash: $150.00');
    expect(w.notifier.sent[0]!.text).toContain('Runway: 2 trades at up to $50.00 each (alert below 5)');
    expect(w.notifier.sent[0]!.text).toContain('PolyMix does not redeem them yet');

    // Later the same day: this container, then another one (its own state), say nothing more.
    w.clock.set(NOON + 3_600_000);
    expect((await checkRunway(engine, state))?.notified).toEqual([]);
    const other: EngineState = newEngineState();
    expect((await checkRunway({ ...engine, instanceId: 'other-container' }, other))?.notified).toEqual([]);
    expect(w.notifier.sent).toHaveLength(1);

    // Kalshi falls low too: its own notice, the same day.
    w.venues.kalshi.balanceMicros = 0;
    w.clock.set(NOON + 2 * 3_600_000);
    expect((await checkRunway(engine, state))?.notified).toEqual(['kalshi']);

    // The next UTC day: both again.
    w.clock.set(NOON + DAY);
    expect((await checkRunway(engine, state))?.notified).toEqual(['polymarket', 'kalshi']);
    expect(w.notifier.sent.map((n) => n.subject)).toEqual([
      '🔴 LIVE 🪫 Low runway: Polymarket',
      '🔴 LIVE 🪫 Low runway: Kalshi',
      '🔴 LIVE 🪫 Low runway: Polymarket',
      '🔴 LIVE 🪫 Low runway: Kalshi',
    ]);
  });

  it('reuses cash the trading path read within balanceCacheMs, and caches what it reads', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    w.venues.kalshi.balanceMicros = 500 * USD;
    w.venues.polymarket.balanceMicros = 500 * USD;
    const state = newEngineState();
    state.cash = { atMs: NOON - 1_000, micros: { polymarket: 300 * USD, kalshi: 400 * USD } };
    const cached = await checkRunway(w.deps.engine, state);
    expect(cached?.venues.kalshi.cashMicros).toBe(400 * USD);
    expect(w.venues.kalshi.balanceReads).toBe(0);
    w.clock.set(NOON + 10_000);
    expect((await checkRunway(w.deps.engine, state))?.venues.kalshi.cashMicros).toBe(500 * USD);
    expect(state.cash).toEqual({ atMs: NOON + 10_000, micros: { polymarket: 500 * USD, kalshi: 500 * USD } });
  });

  it('a venue that cannot answer: no runway (not 0), the error recorded, the circuit breaker count untouched', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    w.venues.polymarket.balanceMicros = 500 * USD;
    w.venues.kalshi.balanceMicros = venueDown();
    const state = newEngineState();
    state.consecutiveVenueErrors = 3;
    expect(await checkRunway(w.deps.engine, state)).toBeNull();
    expect(state.consecutiveVenueErrors).toBe(3);
    expect(w.notifier.sent).toEqual([]);
    const [error] = await w.store.listErrors(1);
    expect(error).toMatchObject({ source: 'capital', venue: 'kalshi' });
    // A success does not reset the count either (it must not mask a failing trading call).
    w.venues.kalshi.balanceMicros = 500 * USD;
    expect(await checkRunway(w.deps.engine, state)).not.toBeNull();
    expect(state.consecutiveVenueErrors).toBe(3);
  });

  it('paper: both venues show the ledger balance, no venue is asked', async () => {
    const w = await apiWorld(db());
    const report = await checkRunway(w.deps.engine, newEngineState());
    expect(report).toMatchObject({
      source: 'ledger',
      venues: {
        polymarket: { cashMicros: INITIAL, runwayTrades: 20, low: false },
        kalshi: { cashMicros: INITIAL, runwayTrades: 20, low: false },
      },
      notified: [],
    });
    expect(w.venues.kalshi.balanceReads + w.venues.polymarket.balanceReads).toBe(0);
  });

  it('a threshold of 0 never announces, even with no cash', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    const engine = { ...w.deps.engine, config: { ...w.deps.engine.config, runwayAlertTrades: 0 } };
    const report = await checkRunway(engine, newEngineState());
    expect(report?.venues.kalshi).toEqual({ venue: 'kalshi', cashMicros: 0, runwayTrades: 0, low: false });
    expect(w.notifier.sent).toEqual([]);
  });

  it('no account yet: nothing to report', async () => {
    const w = await apiWorld(db(), { account: false });
    expect(await checkRunway(w.deps.engine, newEngineState())).toBeNull();
  });
});
