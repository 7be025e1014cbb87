/**
 * The preflight use case against both simulators with the real venue clients
 * (docs/engine.md#preflight): everything passes with the test accounts; each broken thing gives
 * its own failed check with a fix; the order test is signed, killed and fills nothing; the run
 * is recorded. Only 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Wallet } from 'ethers';
import { InsufficientFunds, type PreflightDeps, type PreflightRun, preflight } from '../../../lib/engine';
import { RecordingNotifier } from '../../../lib/notify/notifier';
import { DynamoStore } from '../../../lib/store';
import { createKalshiVenue } from '../../../lib/venues/kalshi';
import { createPolymarketVenue } from '../../../lib/venues/polymarket';
import { useDynalite } from '../../support/dynalite';
import { LineLogger, setArbBooks } from '../../support/engine/engine-fixture';
import { LAL_BOS, listGame, type SimWorld, startSimWorld } from '../../support/engine/sim-world';

const db = useDynalite();
let world: SimWorld;
const servers: Server[] = [];

beforeEach(async () => {
  world = await startSimWorld();
});
afterEach(async () => {
  await world.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function deps(overrides: Partial<PreflightDeps> = {}): Promise<PreflightDeps & { notifier: RecordingNotifier }> {
  const ctx = await db().createTable();
  return {
    venues: { polymarket: world.polymarket, kalshi: world.kalshi },
    leagues: ['NBA'],
    clock: world.clock,
    logger: new LineLogger(),
    notifier: new RecordingNotifier(),
    store: new DynamoStore(db().client, ctx.tableName),
    ...overrides,
  } as PreflightDeps & { notifier: RecordingNotifier };
}

const find = (run: PreflightRun, id: string, venue: string | null) => {
  const c = run.checks.find((x) => x.id === id && x.venue === venue);
  if (!c) throw new Error(`no check ${venue} ${id} in ${run.checks.map((x) => `${x.venue} ${x.id}`).join(', ')}`);
  return c;
};

/** A local HTTP server answering every request with `status` and `body`. */
async function answering(status: number, body: string, type = 'application/json'): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('preflight against the simulators', () => {
  it('passes every required check with the test accounts, and records the run', async () => {
    world.addGame(LAL_BOS);
    setArbBooks(world);
    const d = await deps();
    const run = await preflight(d, { runner: 'test' });
    const failed = run.checks.filter((c) => c.result === 'fail');
    expect(failed).toEqual([]);
    expect(run.ok).toBe(true);
    for (const venue of ['kalshi', 'polymarket'] as const) {
      expect(find(run, 'reachable', venue).result).toBe('pass');
      expect(find(run, 'auth', venue).result).toBe('pass');
      expect(find(run, 'games.NBA', venue).result).toBe('pass');
      expect(find(run, 'fees', venue).result).toBe('pass');
    }
    expect(find(run, 'clock', 'polymarket').result).toBe('pass');
    expect(find(run, 'clock', 'kalshi').result).toBe('skip');
    expect(find(run, 'pairs', null).result).toBe('pass');
    expect(find(run, 'polymarket.wallet', 'polymarket').result).toBe('pass');
    expect(find(run, 'polymarket.l1', 'polymarket').result).toBe('pass');
    expect(find(run, 'polymarket.collateral', 'polymarket').result).toBe('pass');
    // Each configured league's series on both venues, as discovery reads them.
    expect(find(run, 'polymarket.series', 'polymarket')).toMatchObject({
      result: 'pass',
      required: true,
      detail: 'NBA: Polymarket series 70421, tag 100639',
    });
    expect(find(run, 'kalshi.series', 'kalshi')).toMatchObject({
      result: 'pass',
      required: true,
      detail: 'NBA: Kalshi KXNBAGAME',
    });
    expect(await d.store!.getLastPreflight()).toEqual(run);
  });

  it('order test: one FOK buy per venue, signed, killed, nothing filled, no position', async () => {
    world.addGame(LAL_BOS);
    setArbBooks(world);
    const kalshiCash = world.kalshiCash();
    const polymarketCash = world.polymarketCash();
    const run = await preflight(await deps(), { runner: 'test', orderTest: true });
    expect(find(run, 'order-test', 'kalshi')).toMatchObject({ result: 'pass', required: true });
    expect(find(run, 'order-test', 'polymarket')).toMatchObject({ result: 'pass', required: true });
    expect(find(run, 'order-test', 'kalshi').detail).toMatch(/killed with nothing filled/);
    expect(find(run, 'order-test', 'polymarket').detail).toMatch(
      /FOK buy of 100\.00 at 0\.0100 .*killed with nothing filled/,
    );
    // Both simulators check the order (signature, amounts, funds) before matching, and answer a
    // killed FOK with the venue's refusal (Polymarket 400 "couldn't be fully filled", Kalshi 409
    // fill_or_kill_insufficient_resting_volume), keeping no order, fill or trade, as the venues do.
    // Their order logs (a simulator-only record, local/sim/order-audit.ts) show what was received:
    // one order each, its signature verified, killed, nothing filled.
    const pmLog = world.polymarketSim.state.orderLog.entries();
    expect(pmLog).toHaveLength(1);
    expect(pmLog[0]).toMatchObject({ signatureVerified: true, outcome: 'killed', filledCenti: 0 });
    expect(pmLog[0]?.venueOrderId).toMatch(/^0x[0-9a-f]{64}$/);
    expect(pmLog[0]?.reason).toMatch(/fully filled/);
    const kalshiLog = world.kalshiSim.control.orderLog.entries();
    expect(kalshiLog).toHaveLength(1);
    expect(kalshiLog[0]).toMatchObject({
      account: world.kalshiKeyId,
      signatureVerified: true,
      outcome: 'killed',
      reason: 'fill_or_kill_insufficient_resting_volume',
      filledCenti: 0,
    });
    expect(kalshiLog[0]?.clientOrderId).toEqual(expect.any(String));
    expect(world.polymarketSim.state.orders()).toEqual([]);
    const account = world.kalshiSim.control.account(world.kalshiKeyId);
    expect(account.orders).toEqual([]);
    expect(account.fills).toEqual([]);
    expect(await world.kalshi.getPositions()).toEqual([]);
    expect(await world.polymarket.getPositions()).toEqual([]);
    expect(world.kalshiCash()).toBe(kalshiCash);
    expect(world.polymarketCash()).toBe(polymarketCash);
  });

  it('order test refuses to send when the floor price would reach the best ask', async () => {
    world.addGame(LAL_BOS);
    setArbBooks(world);
    world.setPolymarketAsks(LAL_BOS.away.tokenId, [{ priceMicros: 10_000, sizeCenti: 10_000 }]);
    world.setPolymarketAsks(LAL_BOS.home.tokenId, [{ priceMicros: 10_000, sizeCenti: 10_000 }]);
    const run = await preflight(await deps(), { runner: 'test', orderTest: true });
    expect(find(run, 'order-test', 'polymarket')).toMatchObject({ result: 'warn' });
    expect(find(run, 'order-test', 'polymarket').detail).toMatch(/not sent: .* would reach the best ask/);
    expect(world.polymarketSim.state.orders()).toHaveLength(0);
    expect(world.polymarketSim.state.orderLog.entries()).toEqual([]);
  });

  it("a league missing from Polymarket's /sports fails the series check with its own message and fix", async () => {
    world.addGame(LAL_BOS);
    world.polymarketSim.state.unlistSport('NHL');
    const run = await preflight(await deps({ leagues: ['NBA', 'NHL'] }), { runner: 'test' });
    const c = find(run, 'polymarket.series', 'polymarket');
    expect(c).toMatchObject({ result: 'fail', required: true });
    expect(c.detail).toMatch(/^Polymarket \/sports has no usable row for "nhl" \(NHL\): .*lists no sport "nhl"/);
    expect(c.detail).toMatch(/NBA: Polymarket series 70421, tag 100639$/);
    expect(c.fix).toMatch(/NHL cannot be listed on Polymarket\. Remove NHL from POLYMIX_LEAGUES/);
    // Kalshi's check is its own: the simulator lists a series once a game of it is listed (none for NHL here).
    expect(find(run, 'kalshi.series', 'kalshi').detail).toBe(
      'NHL: Kalshi has no series KXNHLGAME; NBA: Kalshi KXNBAGAME',
    );
    expect(run.ok).toBe(false);
  });

  it('a series ticker Kalshi does not list fails the Kalshi series check with a fix', async () => {
    world.addGame(LAL_BOS);
    const kalshi = createKalshiVenue(
      {
        baseUrl: world.kalshiSim.url,
        seriesTickers: { NBA: 'KXNBANOPE' },
        retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      },
      { clock: world.clock },
    );
    const run = await preflight(await deps({ venues: { kalshi, polymarket: world.polymarket } }), {
      runner: 'test',
    });
    const c = find(run, 'kalshi.series', 'kalshi');
    expect(c).toMatchObject({ result: 'fail', required: true, detail: 'NBA: Kalshi has no series KXNBANOPE' });
    expect(c.fix).toMatch(/KalshiConfig\.seriesTickers/);
    expect(run.ok).toBe(false);
  });

  it('no pUSD allowance fails the collateral check with its own fix, and the simulator refuses a buy', async () => {
    world.addGame(LAL_BOS);
    world.polymarketSim.state.accounts.revokeAllowances(world.polymarketAddress);
    const run = await preflight(await deps(), { runner: 'test' });
    expect(run.ok).toBe(false);
    const collateral = find(run, 'polymarket.collateral', 'polymarket');
    expect(collateral).toMatchObject({ result: 'fail', required: true });
    expect(collateral.detail).toMatch(/no pUSD allowance for CTF Exchange and Neg Risk Exchange/);
    expect(collateral.fix).toMatch(/Approve pUSD for the exchange contracts/);
    await expect(
      world.polymarket.placeOrder({
        clientOrderId: 'no-allowance-1',
        instrument: { venue: 'polymarket', conditionId: LAL_BOS.conditionId, tokenId: LAL_BOS.away.tokenId },
        side: 'buy',
        priceMicros: 500_000,
        sizeCenti: 1_000,
        tif: 'FOK',
      }),
    ).rejects.toThrow(InsufficientFunds);
    expect(world.polymarketSim.state.orderLog.entries().at(-1)).toMatchObject({ outcome: 'rejected', filledCenti: 0 });
  });

  it('a skewed clock fails the clock check with an NTP fix', async () => {
    world.addGame(LAL_BOS);
    const skewed = { now: () => world.clock.now() + 60_000, sleep: world.clock.sleep };
    const run = await preflight(await deps({ clock: skewed }), { runner: 'test' });
    const c = find(run, 'clock', 'polymarket');
    expect(c).toMatchObject({ result: 'fail', required: true });
    expect(c.detail).toMatch(/60000 ms ahead/);
    expect(c.fix).toMatch(/NTP/);
    expect(run.ok).toBe(false);
  });

  it('no games: a clear "no games" warning per venue and no pairs, the run still passes', async () => {
    // Listed, but ten days out: nothing in the coming days.
    listGame(world.kalshiSim, world.polymarketSim, { ...LAL_BOS, gameStartMs: LAL_BOS.gameStartMs + 10 * 86_400_000 });
    const run = await preflight(await deps(), { runner: 'test' });
    expect(find(run, 'games.NBA', 'kalshi')).toMatchObject({ result: 'warn', required: false });
    expect(find(run, 'games.NBA', 'kalshi').detail).toMatch(/no tradable NBA games .*no games today/);
    expect(find(run, 'pairs', null).result).toBe('warn');
    expect(run.ok).toBe(true);
  });

  it('wrong keys: auth fails on each venue with its own fix, and the failures reach the error log', async () => {
    world.addGame(LAL_BOS);
    const { privateKey } = await import('node:crypto').then((c) =>
      c.generateKeyPairSync('rsa', { modulusLength: 2048 }),
    );
    const kalshi = createKalshiVenue(
      {
        baseUrl: world.kalshiSim.url,
        credentials: {
          keyId: '00000000-0000-4000-8000-000000000000',
          privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        },
        retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      },
      { clock: world.clock },
    );
    const polymarket = createPolymarketVenue(
      {
        gammaUrl: world.polymarketSim.gammaUrl,
        clobUrl: world.polymarketSim.url,
        dataUrl: world.polymarketSim.url,
        credentials: {
          privateKey: Wallet.createRandom().privateKey,
          apiKey: '99999999-2222-3333-4444-555555555555',
          secret: 'd3Jvbmctd3Jvbmctd3Jvbmctd3Jvbmc=',
          passphrase: 'wrong',
        },
      },
      { clock: world.clock },
    );
    const d = await deps({ venues: { kalshi, polymarket } });
    const run = await preflight(d, { runner: 'test' });
    expect(find(run, 'auth', 'kalshi')).toMatchObject({ result: 'fail', required: true });
    expect(find(run, 'auth', 'kalshi').fix).toMatch(/credentials/);
    expect(find(run, 'auth', 'polymarket').result).toBe('fail');
    expect(run.ok).toBe(false);
    const errors = await (d.store as DynamoStore).listErrors(20);
    expect(errors.some((e) => e.source === 'preflight' && e.venue === 'kalshi' && e.message.startsWith('auth:'))).toBe(
      true,
    );
  });

  it('a venue answering 5xx or HTML: reachable fails with a named cause and a fix', async () => {
    world.addGame(LAL_BOS);
    world.kalshiSim.faults.add({ endpoint: 'GET /series/{series_ticker}', kind: 'error', status: 503 });
    const htmlUrl = await answering(200, '<html><body>Access denied</body></html>', 'text/html');
    const polymarket = createPolymarketVenue(
      { gammaUrl: htmlUrl, clobUrl: world.polymarketSim.url },
      { clock: world.clock },
    );
    const run = await preflight(await deps({ venues: { kalshi: world.kalshi, polymarket } }), { runner: 'test' });
    expect(find(run, 'reachable', 'kalshi').result).toBe('fail');
    expect(find(run, 'reachable', 'kalshi').detail).toMatch(/not serving|503/);
    expect(find(run, 'reachable', 'polymarket').result).toBe('fail');
    expect(find(run, 'reachable', 'polymarket').fix).toMatch(/HTML|web page/);
    expect(run.ok).toBe(false);
  });

  it("a restricted region: the simulator's geoblock answer fails the region check", async () => {
    world.addGame(LAL_BOS);
    // The simulator's region knob (local/sim/polymarket/region.ts): GET /api/geoblock answers blocked.
    world.polymarketSim.region.set({ blocked: true, ip: '203.0.113.7' });
    const polymarket = createPolymarketVenue(
      {
        gammaUrl: world.polymarketSim.gammaUrl,
        clobUrl: world.polymarketSim.url,
        dataUrl: world.polymarketSim.url,
        geoblockUrl: `${world.polymarketSim.url}/api/geoblock`,
        credentials: {
          privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
          apiKey: '11111111-2222-3333-4444-555555555555',
          secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
          passphrase: 'pass-a',
        },
      },
      { clock: world.clock },
    );
    const run = await preflight(await deps({ venues: { kalshi: world.kalshi, polymarket } }), { runner: 'test' });
    const c = find(run, 'polymarket.region', 'polymarket');
    expect(c).toMatchObject({ result: 'fail', required: true });
    expect(c.detail).toMatch(/US\/NY/);
    expect(c.fix).toMatch(/eu-west-1/);
    expect(JSON.stringify(run)).not.toContain('203.0.113.7');
    expect(run.ok).toBe(false);
  });
});
