/**
 * `POST /trading/preflight` on a LIVE container: the engine's preflight over the container's own
 * live venue clients (here against both simulators), recorded with runner `api`, after which
 * `GET /trading/preflight` shows the run and the gate admits. Only 127.0.0.1.
 */
import { type ApiDeps, type ApiRequest, createTradingRouter } from '../../../lib/api';
import { apiWorld } from '../../support/api/api-fixture';
import { useDynalite } from '../../support/dynalite';
import { setArbBooks } from '../../support/engine/engine-fixture';
import { LAL_BOS, type SimWorld, startSimWorld } from '../../support/engine/sim-world';

const db = useDynalite();
const DAY = 86_400_000;
let world: SimWorld;

beforeEach(async () => {
  world = await startSimWorld();
});
afterEach(async () => {
  await world.close();
});

/** The API fixture's live container, over the simulators' live venues and their clock. */
async function liveDeps(): Promise<ApiDeps> {
  const w = await apiWorld(db(), { mode: 'live' });
  return {
    ...w.deps,
    engine: {
      ...w.deps.engine,
      venues: { polymarket: world.polymarket, kalshi: world.kalshi },
      clock: world.clock,
      config: { ...w.deps.engine.config, preflightGate: { maxAgeMs: DAY, override: false } },
    },
  };
}

async function call(deps: ApiDeps, method: string, path: string, body: string | null = null) {
  const req: ApiRequest = { method, path, query: {}, headers: {}, body };
  const res = await createTradingRouter(deps, { apiKey: null }).handle(req);
  return { status: res.status, json: JSON.parse(res.body) };
}

describe('POST /trading/preflight (live)', () => {
  it('runs preflight with the live venues, records it, and GET then shows it and admits', async () => {
    world.addGame(LAL_BOS);
    setArbBooks(world);
    const deps = await liveDeps();
    expect((await call(deps, 'GET', '/trading/preflight')).json.gate.admits).toBe(false);

    const { status, json } = await call(deps, 'POST', '/trading/preflight', '{}');
    expect(json.run.checks.filter((c: { result: string }) => c.result === 'fail')).toEqual([]);
    expect(status).toBe(200);
    expect(json.run).toMatchObject({ at: new Date(world.clock.now()).toISOString(), ok: true, runner: 'api' });
    expect(json.run.order_test).toBe(false);
    expect(json.run.checks.map((c: { venue: string | null; id: string }) => `${c.venue} ${c.id}`)).toEqual(
      expect.arrayContaining(['kalshi auth', 'polymarket auth', 'null pairs']),
    );
    expect(json.gate).toMatchObject({ gated: true, admits: true, problem: null });

    const after = await call(deps, 'GET', '/trading/preflight');
    expect(after.json.run).toEqual(json.run);
    expect(after.json.gate).toMatchObject({ gated: true, admits: true, problem: null });
  });

  it('a failed check is answered (200, ok false) and recorded, so the gate keeps refusing', async () => {
    // No games listed: the pairs check fails.
    const deps = await liveDeps();
    const { status, json } = await call(deps, 'POST', '/trading/preflight');
    expect(status).toBe(200);
    expect(json.run.ok).toBe(false);
    expect(json.gate.admits).toBe(false);
    expect((await call(deps, 'GET', '/trading/preflight')).json.run).toEqual(json.run);
    expect((await deps.store.listErrors(100)).some((e) => e.source === 'preflight')).toBe(true);
  });
});
