/**
 * The live gate (docs/engine.md#preflight): a live scan admits nothing while the last preflight
 * run is missing, failed or stale, halts the account once with an alert, never trades paper
 * instead; a fresh passing run admits as before; paper and the override are not gated.
 */
import type { PreflightRun } from '../../../lib/engine';
import { scan } from '../../../lib/engine';
import { useDynalite } from '../../support/dynalite';
import { engineHarness, setArbBooks } from '../../support/engine/engine-fixture';
import { LAL_BOS, type SimWorld, startSimWorld } from '../../support/engine/sim-world';

const db = useDynalite();
let world: SimWorld;
const GATE = { preflightGate: { maxAgeMs: 24 * 3_600_000, override: false } };

beforeEach(async () => {
  world = await startSimWorld();
  world.addGame(LAL_BOS);
  setArbBooks(world);
});
afterEach(async () => {
  await world.close();
});

const run = (atMs: number, ok: boolean): PreflightRun => ({
  atMs,
  ok,
  runner: 'test',
  orderTest: false,
  checks: [
    {
      id: 'auth',
      venue: 'kalshi',
      required: true,
      result: ok ? 'pass' : 'fail',
      detail: ok ? 'authenticated' : 'Kalshi refused our credentials',
      fix: '',
    },
  ],
});

describe('the live preflight gate', () => {
  it.each([
    ['missing', null, /no preflight run is recorded/],
    ['failed', 'failed', /failed: kalshi auth/],
    ['stale', 'stale', /old, more than the 24 h allowed/],
  ] as const)('%s run: nothing admitted, the account halts once with an alert', async (_name, kind, why) => {
    const h = await engineHarness(db(), world, { mode: 'live', config: GATE });
    if (kind === 'failed') await h.store.recordPreflight(run(world.clock.now() - 60_000, false));
    if (kind === 'stale') await h.store.recordPreflight(run(world.clock.now() - 25 * 3_600_000, true));
    const report = await scan(h.deps, h.state, { eventId: `evt-gate-${_name}` });
    expect(report.admitted).toBe(0);
    expect(report.preflightGate).toMatch(why);
    const account = await h.store.getAccount('live');
    expect(account?.halted).toBe(true);
    expect(account?.haltReason).toMatch(/live trading needs a passing preflight/);
    expect(h.notifier.sent.filter((m) => /halt/i.test(m.subject))).toHaveLength(1);
    // Resumed without a new run: still nothing admitted, and no second alert from this container.
    await h.store.setHalted('live', false, null, world.clock.now());
    const again = await scan(h.deps, h.state, { eventId: `evt-gate-${_name}-2` });
    expect(again.admitted).toBe(0);
    expect(again.preflightGate).toMatch(why);
    expect(h.notifier.sent.filter((m) => /halt/i.test(m.subject))).toHaveLength(1);
    expect((await h.store.listBets('paper', { limit: 10 })).bets).toEqual([]);
  });

  it('a fresh passing run admits as before', async () => {
    const h = await engineHarness(db(), world, { mode: 'live', config: GATE });
    await h.store.recordPreflight(run(world.clock.now() - 3_600_000, true));
    const report = await scan(h.deps, h.state, { eventId: 'evt-gate-pass' });
    expect(report.preflightGate).toBeNull();
    expect(report.admitted).toBe(1);
    expect(report.traded).toBe(1);
  });

  it('the override and paper mode are not gated', async () => {
    const overridden = await engineHarness(db(), world, {
      mode: 'live',
      config: { preflightGate: { maxAgeMs: 3_600_000, override: true } },
    });
    expect((await scan(overridden.deps, overridden.state, { eventId: 'evt-gate-override' })).admitted).toBe(1);
    setArbBooks(world);
    const paper = await engineHarness(db(), world, { mode: 'paper', config: GATE });
    const report = await scan(paper.deps, paper.state, { eventId: 'evt-gate-paper' });
    expect(report.preflightGate).toBeNull();
    expect(report.admitted).toBe(1);
  });
});
