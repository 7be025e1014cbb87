/**
 * functions/scan-and-trade and functions/settle end to end: scheduled event → middy handler →
 * runtime built from the environment (paper mode, clients pointed at both simulators by their
 * URLs, dynalite) → engine → EMF metrics with the names the stack alarms on. In LIVE mode (the
 * simulators' test accounts as the secret) the handler is gated by the last preflight run: missing,
 * failed or stale admits nothing; a fresh passing run trades as before (docs/engine.md#preflight).
 */
import { createScanHandler } from '../../../functions/scan-and-trade/handler';
import { createSettleHandler } from '../../../functions/settle/handler';
import { METRIC_NAMESPACE } from '../../../infra/metric-names';
import type { PreflightRun } from '../../../lib/engine';
import { buildRuntime, createLogger, RecordingSink, type Runtime, runtimeOnce } from '../../../lib/runtime';
import { useDynalite } from '../../support/dynalite';
import { setArbBooks } from '../../support/engine/engine-fixture';
import { kalshiTicker, LAL_BOS, type SimWorld, startSimWorld } from '../../support/engine/sim-world';

const db = useDynalite();
let world: SimWorld;

beforeAll(async () => {
  world = await startSimWorld();
  world.addGame(LAL_BOS);
});
afterAll(() => world.close());

const event = (id: string) => ({
  id,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  time: '2026-11-25T18:00:00Z',
});

/** A Secrets Manager stand-in answering the simulators' test accounts (made-up keys). */
function liveSecrets() {
  const value = {
    ...world.secrets,
    polymarketFunderAddress: world.polymarketAddress,
    polymarketSignatureType: 0,
    resetKey: 'reset-key-reset-key-reset-key-reset-key',
  };
  return { send: async () => ({ SecretString: JSON.stringify(value) }) } as never;
}

async function setup(extraEnv: Record<string, string> = {}, live = false) {
  const ctx = await db().createTable();
  const env = {
    POLYMIX_TABLE_NAME: ctx.tableName,
    POLYMARKET_GAMMA_URL: world.polymarketSim.gammaUrl,
    POLYMARKET_CLOB_URL: world.polymarketSim.url,
    POLYMARKET_DATA_URL: world.polymarketSim.url,
    KALSHI_API_URL: world.kalshiSim.url,
    POLYMIX_LEAGUES: 'NBA',
    LIVE_TRADING_MIN_ROI: '0.01',
    LIVE_TRADING_BET_AMOUNT: '50',
    ...extraEnv,
  };
  const sink = new RecordingSink();
  const logger = createLogger(env, { sink });
  const clients = live ? { dynamo: db().client, secrets: liveSecrets() } : { dynamo: db().client };
  const getRuntime = runtimeOnce(() => buildRuntime(env, logger, { clients, clock: world.clock }));
  return {
    sink,
    scan: createScanHandler(logger, getRuntime),
    settle: createSettleHandler(logger, getRuntime),
    runtime: () => getRuntime() as Promise<Runtime>,
  };
}

/** Everything written to stdout while `fn` runs (Powertools writes EMF there). */
async function stdoutOf<T>(fn: () => Promise<T>): Promise<{ result: T; out: string }> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(chunk.toString());
    return true;
  });
  try {
    return { result: await fn(), out: chunks.join('') };
  } finally {
    spy.mockRestore();
  }
}

function emf(out: string): Array<Record<string, unknown>> {
  return out
    .split('\n')
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('functions/scan-and-trade', () => {
  it('trades a paper arbitrage once per scheduled event and publishes the alarmed metrics', async () => {
    setArbBooks(world);
    const { scan, runtime } = await setup();
    const first = await stdoutOf(() => scan(event('evt-1'), { getRemainingTimeInMillis: () => 55_000 }));
    expect(first.result).toMatchObject({ status: 'done', traded: 1 });
    const docs = emf(first.out);
    expect(docs).toHaveLength(1);
    const doc = docs[0]!;
    expect(doc).toMatchObject({
      service: 'polymix',
      mode: 'paper',
      ArbsTraded: 1,
      OneLeggedTrades: 0,
      Halted: 0,
      DailyLossMicros: 0,
    });
    expect(JSON.stringify(doc._aws)).toContain(METRIC_NAMESPACE);

    const again = await stdoutOf(() => scan(event('evt-1'), {}));
    expect(again.result).toEqual({ status: 'skipped', detail: 'duplicate-invocation', traded: 0 });
    const r = await runtime();
    expect((await r.store.listBets('paper', { limit: 10 })).bets).toHaveLength(1);
  });

  it('refuses a malformed event without touching anything', async () => {
    const { scan, sink } = await setup();
    await expect(scan({ hello: 'world' }, {})).resolves.toMatchObject({ status: 'refused' });
    expect(sink.lines.some((l) => l.level === 'error' && l.message.includes('not a scheduled event'))).toBe(true);
  });

  it('runs PAPER when live is requested but the secrets are unusable, and says so: a log line each run, one alert', async () => {
    setArbBooks(world);
    const { scan, settle, sink, runtime } = await setup({ LIVE_TRADING: 'true' });
    await expect(scan(event('evt-live-1'), {})).resolves.toMatchObject({ status: 'done', traded: 1 });
    await expect(scan(event('evt-live-2'), {})).resolves.toMatchObject({ status: 'done' });
    await expect(settle(event('evt-live-settle'), {})).resolves.toMatchObject({ status: 'done' });
    const r = await runtime();
    expect(r.mode).toBe('paper');
    expect((await r.store.listBets('paper', { limit: 10 })).bets).toHaveLength(1);
    expect(await r.store.getAccount('live')).toBeNull();
    const says = sink.lines.filter(
      (l) => l.level === 'error' && l.message.includes('secrets are unusable: running PAPER'),
    );
    expect(says.map((l) => l.message.split(':')[0])).toEqual(['scan-and-trade', 'scan-and-trade', 'settle']);
    expect(sink.lines.filter((l) => l.message.includes('LIVE requested, trading PAPER'))).toHaveLength(1);
    // A degraded runtime is rebuilt after a minute with a fresh engine state: still no second alert.
    const later = await setup({ LIVE_TRADING: 'true' });
    await expect(later.scan(event('evt-live-3'), {})).resolves.toMatchObject({ status: 'done' });
    expect(later.sink.lines.some((l) => l.message.includes('secrets are unusable: running PAPER'))).toBe(true);
    expect(later.sink.lines.filter((l) => l.message.includes('LIVE requested, trading PAPER'))).toHaveLength(0);
  });
});

describe('functions/scan-and-trade in LIVE mode: the preflight gate (docs/engine.md#preflight)', () => {
  // Live refuses tail risk by default (docs/rules.md); bounded, the pair trades as in paper.
  const LIVE = {
    LIVE_TRADING: 'true',
    POLYMIX_SECRET_ID: 'polymix/test',
    POLYMIX_RULE_TAIL: 'accept-bounded',
    POLYMIX_ALLOW_UNVERIFIED_RULES: 'true',
  };
  const recorded = (atMs: number, ok: boolean): PreflightRun => ({
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

  it.each([
    ['missing', null, /no preflight run is recorded/],
    ['failed', 'failed', /failed: kalshi auth/],
    ['stale', 'stale', /old, more than the 24 h allowed/],
  ] as const)('%s preflight: the handler admits no trade and the account halts', async (name, kind, why) => {
    setArbBooks(world);
    const { scan, runtime, sink } = await setup(LIVE, true);
    const r = await runtime();
    expect(r.mode).toBe('live');
    if (kind === 'failed') await r.store.recordPreflight(recorded(world.clock.now() - 60_000, false));
    if (kind === 'stale') await r.store.recordPreflight(recorded(world.clock.now() - 25 * 3_600_000, true));
    const before = world.kalshiSim.control.orderLog.entries().length;
    const pmBefore = world.polymarketSim.state.orderLog.entries().length;
    const { result } = await stdoutOf(() => scan(event(`evt-gate-${name}`), {}));
    expect(result).toMatchObject({ status: 'done', traded: 0 });
    expect(sink.text()).toMatch(why);
    expect((await r.store.listBets('live', { limit: 10 })).bets).toEqual([]);
    expect((await r.store.listBets('paper', { limit: 10 })).bets).toEqual([]);
    expect((await r.store.getAccount('live'))?.halted).toBe(true);
    // No order reached either simulator.
    expect(world.kalshiSim.control.orderLog.entries()).toHaveLength(before);
    expect(world.polymarketSim.state.orderLog.entries()).toHaveLength(pmBefore);
  });

  it('a fresh passing preflight: the handler trades live as before', async () => {
    setArbBooks(world);
    const { scan, runtime, sink } = await setup(LIVE, true);
    const r = await runtime();
    expect(r.mode).toBe('live');
    await r.store.recordPreflight(recorded(world.clock.now() - 3_600_000, true));
    const kalshiBefore = world.kalshiSim.control.orderLog.entries().length;
    const pmBefore = world.polymarketSim.state.orderLog.entries().length;
    const { result } = await stdoutOf(() => scan(event('evt-gate-pass'), {}));
    expect(result).toMatchObject({ status: 'done', traded: 1 });
    expect(sink.text()).toMatch(/admitted 1, traded 1/);
    expect((await r.store.listBets('live', { limit: 10 })).bets).toHaveLength(1);
    // Both legs reached the simulators with the live keys and filled.
    const filled = expect.objectContaining({ signatureVerified: true, outcome: 'filled' });
    expect(world.kalshiSim.control.orderLog.entries().slice(kalshiBefore)).toEqual([filled]);
    expect(world.polymarketSim.state.orderLog.entries().slice(pmBefore)).toEqual([filled]);
    expect((await r.store.getAccount('live'))?.halted).toBe(false);
  });
});

describe('functions/settle', () => {
  it('settles the traded bet once both venues resolve, and publishes realised P&L once', async () => {
    setArbBooks(world);
    const { scan, settle, runtime } = await setup();
    await stdoutOf(() => scan(event('evt-2'), {}));
    const waiting = await stdoutOf(() => settle(event('s-1'), {}));
    expect(waiting.result).toMatchObject({ status: 'done', settled: 0, waiting: 1 });

    world.polymarketSim.control.resolve(LAL_BOS.conditionId, { winnerTokenId: LAL_BOS.home.tokenId });
    world.kalshiSim.control.settle(kalshiTicker(LAL_BOS, 'home'), 'yes');
    world.kalshiSim.control.settle(kalshiTicker(LAL_BOS, 'away'), 'no');
    const done = await stdoutOf(() => settle(event('s-2'), {}));
    expect(done.result).toMatchObject({ status: 'done', settled: 1, problems: 0 });
    const bet = (await (await runtime()).store.listBets('paper', { limit: 1 })).bets[0]!;
    expect(bet.status).toBe('settled');
    expect(emf(done.out)[0]).toMatchObject({ RealizedPnlMicros: bet.result?.pnlMicros });
    expect(bet.result?.pnlMicros).toBeGreaterThan(0);

    const repeat = await stdoutOf(() => settle(event('s-3'), {}));
    expect(repeat.result).toMatchObject({ settled: 0 });
    expect(emf(repeat.out)[0]).toMatchObject({ RealizedPnlMicros: 0 });
  });
});
