/**
 * functions/scan-and-trade with streamed market data (docs/engine.md#streaming): the runtime
 * built from the environment hands the engine the book streams (here scripted ones, through
 * `RuntimeOptions.bookStreams`), the handler holds them until its deadline minus the margin and
 * trades on them; POLYMIX_MARKET_DATA=poll keeps the one polled round.
 */
import { createScanHandler, DEADLINE_MARGIN_MS } from '../../../functions/scan-and-trade/handler';
import { buildRuntime, createLogger, RecordingSink, type Runtime, runtimeOnce } from '../../../lib/runtime';
import { useDynalite } from '../../support/dynalite';
import { setArbBooks } from '../../support/engine/engine-fixture';
import { fakeStreams, publishFromVenues } from '../../support/engine/fake-stream';
import { LAL_BOS, type SimWorld, startSimWorld } from '../../support/engine/sim-world';

const db = useDynalite();
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld();
  world.addGame(LAL_BOS);
});
afterAll(() => world.close());
// Powertools writes the EMF metrics to stdout (functions/scheduled.test.ts reads them); not here.
beforeEach(() => jest.spyOn(process.stdout, 'write').mockImplementation(() => true));
afterEach(() => jest.restoreAllMocks());

const event = (id: string) => ({ id, 'detail-type': 'Scheduled Event', source: 'aws.events' });

async function setup(extraEnv: Record<string, string> = {}) {
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
  const fs = fakeStreams(world.clock);
  const sink = new RecordingSink();
  const logger = createLogger(env, { sink });
  const getRuntime = runtimeOnce(() =>
    buildRuntime(env, logger, { clients: { dynamo: db().client }, clock: world.clock, bookStreams: fs.sources }),
  );
  return { fs, sink, scan: createScanHandler(logger, getRuntime), runtime: () => getRuntime() as Promise<Runtime> };
}

describe('functions/scan-and-trade, streamed', () => {
  it('holds the streams until the deadline minus the margin, trades on them, and logs the streamed figures', async () => {
    setArbBooks(world);
    const { fs, sink, scan, runtime } = await setup();
    await publishFromVenues(fs, { polymarket: world.polymarket, kalshi: world.kalshi }, LAL_BOS);
    const start = world.clock.now();
    const result = await scan(event('evt-stream-1'), { getRemainingTimeInMillis: () => 40_000 });
    expect(result).toMatchObject({ status: 'done', traded: 1 });
    expect(world.clock.now()).toBeGreaterThanOrEqual(start + 40_000 - DEADLINE_MARGIN_MS);
    expect(fs.polymarket.streams).toHaveLength(1);
    expect(fs.polymarket.openStreams()).toHaveLength(0);
    const r = await runtime();
    expect(r.engine.config).toMatchObject({
      marketData: 'stream',
      stream: { listingRefreshMs: 120_000, fallbackPollMs: 10_000 },
    });
    expect((await r.store.listBets('paper', { limit: 10 })).bets).toHaveLength(1);
    expect(sink.lines.some((l) => l.message.includes('streamed: ') && l.message.includes('decisions'))).toBe(true);
  });

  it('keeps the one polled round with POLYMIX_MARKET_DATA=poll', async () => {
    setArbBooks(world);
    const { fs, scan } = await setup({ POLYMIX_MARKET_DATA: 'poll' });
    const result = await scan(event('evt-poll-1'), { getRemainingTimeInMillis: () => 40_000 });
    expect(result).toMatchObject({ status: 'done', traded: 1, detail: '1 round(s), 1 pairs' });
    expect(fs.polymarket.streams).toHaveLength(0);
  });
});
