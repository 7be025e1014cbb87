/**
 * `npx polymix import-original` against a real store (dynalite), and the original-format state
 * answer for a known ledger (docs/migrating.md#importing-the-data-file, docs/api.md#original-format).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createTradingRouter } from '../../../lib/api';
import { newEngineState, reconcile, settle } from '../../../lib/engine';
import type { DynamoStore } from '../../../lib/store';
import { type ImportCliDeps, runImportCli } from '../../../local/cli/import-original';
import { apiWorld, failedBet, NOON, openBet, settledBet } from '../../support/api/api-fixture';
import { useDynalite } from '../../support/dynalite';

const db = useDynalite();
const FIXTURES = join(__dirname, '../../fixtures/original');
const SAMPLE = join(FIXTURES, 'real_trading_data.json');

/** Every item of the store's table, in key order. */
async function snapshot(store: DynamoStore): Promise<unknown[]> {
  const out = await store.ctx.doc.send(new ScanCommand({ TableName: store.ctx.tableName }));
  return (out.Items ?? []).sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

async function run(store: DynamoStore, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const deps: ImportCliDeps = {
    openStore: async () => ({ store, close: async () => {} }),
    nowMs: () => NOON,
  };
  const code = await runImportCli(
    argv,
    {},
    (s) => out.push(s),
    (s) => err.push(s),
    deps,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function emptyStore(): Promise<DynamoStore> {
  return (await apiWorld(db(), { account: false })).store;
}

describe('npx polymix import-original', () => {
  it('imports the sample file: balance, counters and bets as history the engine never sees', async () => {
    const store = await emptyStore();
    const r = await run(store, SAMPLE, '--table', 't', '--yes');
    expect(r.code).toBe(0);
    expect(r.out).toContain('bets            4: 2 pending, 2 settled');
    expect(r.out).toContain('2024-01-15: 1 trade; 2024-01-16: 3 trades, loss $0.10');
    expect(r.out).toContain('the file adds up');
    expect(r.out).toContain('errors          1 entry');
    expect(r.out).toMatch(/Imported: 6 items written/); // import record, 4 bets, the account

    const account = await store.getAccount('paper');
    expect(account).toMatchObject({ balanceMicros: 9_724_950_000, initialBalanceMicros: 10_000_000_000, intents: {} });
    expect(account?.days).toEqual({
      '2024-01-15': { trades: 1, lossMicros: 0, riskMicros: 0 },
      '2024-01-16': { trades: 3, lossMicros: 100_000, riskMicros: 100_000 },
    });
    const imported = await store.listImportedBets('paper');
    expect(imported.map((b) => [b.originalId, b.status, b.costMicros, b.profitMicros])).toEqual([
      ['LAL@BOS', 'pending', 100_450_000, 300_000], // 0.30000000000000004 rounds to $0.30
      ['KC@BUF', 'pending', 200_000_000, 15_250_000],
      ['NYR@BOS', 'settled', 98_000_000, -100_000],
      ['LAL@BOS', 'settled', 195_500_000, 25_500_000],
    ]);
    // Nothing the engine reads holds them: no bet items, no active index entries, no reservations.
    expect((await store.listBets('paper', { limit: 100 })).bets).toEqual([]);
    expect(await store.listActiveBets('paper')).toEqual([]);
    expect(await store.listOpenBets('paper')).toEqual([]);
    expect(await store.listStaleIntents('paper', Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(await store.listImportedBets('live')).toEqual([]);
    expect(await store.getAccount('live')).toBeNull();
  });

  it('settle and reconcile leave imported pending bets alone: no venue call, no write', async () => {
    const w = await apiWorld(db(), { account: false });
    expect((await run(w.store, SAMPLE, '--table', 't', '--yes')).code).toBe(0);
    const before = await snapshot(w.store);
    const state = newEngineState();
    const settled = await settle(w.deps.engine, state, 'run-settle');
    const reconciled = await reconcile(w.deps.engine, state, 'run-reconcile');
    expect(settled).toMatchObject({ bets: [] });
    expect(reconciled).toMatchObject({ repairedLedgers: 0, orphansReleased: 0, bets: [] });
    expect(w.venues.kalshi.cancelled).toEqual([]);
    expect(w.venues.polymarket.cancelled).toEqual([]);
    // Leases come and go; the ledger's items do not change.
    const ledger = (items: unknown[]) => items.filter((i) => !String((i as { pk: string }).pk).startsWith('LEASE#'));
    expect(ledger(await snapshot(w.store))).toEqual(ledger(before));
  });

  it('importing the same file twice gives the same store, and the second run writes nothing', async () => {
    const store = await emptyStore();
    expect((await run(store, SAMPLE, '--table', 't', '--yes')).code).toBe(0);
    const once = await snapshot(store);
    const again = await run(store, SAMPLE, '--table', 't', '--write');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Already imported: nothing written.');
    expect(await snapshot(store)).toEqual(once);
  });

  it('finishes a half-done import when run again (the account write is the commit point)', async () => {
    const store = await emptyStore();
    expect((await run(store, SAMPLE, '--table', 't', '--yes')).code).toBe(0);
    const full = await snapshot(store);
    // As if the run had stopped before its last write: the account is missing.
    await store.ctx.doc.send(
      new (await import('@aws-sdk/lib-dynamodb')).DeleteCommand({
        TableName: store.ctx.tableName,
        Key: { pk: 'ACCOUNT#paper', sk: 'ACCOUNT' },
      }),
    );
    expect((await run(store, SAMPLE, '--table', 't', '--yes')).code).toBe(0);
    const strip = (items: unknown[]) => items.map((i) => ({ ...(i as object), atMs: 0 }));
    expect(strip(await snapshot(store))).toEqual(strip(full));
  });

  it('refuses a file with wrong fields, listing path and reason, and writes nothing', async () => {
    const store = await emptyStore();
    const r = await run(store, join(FIXTURES, 'bad-fields.json'), '--table', 't', '--yes');
    expect(r.code).toBe(1);
    expect(r.err).toContain('is refused, nothing was written');
    expect(r.err).toContain('- balance: Invalid input: expected number, received string');
    expect(r.err).toContain('- bets[0].timestamp: must be a date-time like 2024-01-15T14:30:00');
    expect(r.err).toContain('- bets[0].status: must be "pending" or "settled"');
    expect(r.err).toContain('- bets[0].cost: must not be negative');
    expect(r.err).toContain('- bets[1].game: missing');
    expect(await snapshot(store)).toEqual([]);
  });

  it('refuses a truncated file and writes nothing', async () => {
    const store = await emptyStore();
    const r = await run(store, join(FIXTURES, 'truncated.json'), '--table', 't', '--yes');
    expect(r.code).toBe(1);
    expect(r.err).toContain('(file): not valid JSON');
    expect(await snapshot(store)).toEqual([]);
  });

  it('--dry-run shows the plan and writes nothing; without --yes nothing is written either', async () => {
    const store = await emptyStore();
    const dry = await run(store, SAMPLE, '--table', 't', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('balance         $9,724.95 (initial $10,000.00)');
    expect(dry.out).toContain('Dry run: the paper ledger is empty; nothing written.');
    expect(await snapshot(store)).toEqual([]);
    const unasked = await run(store, SAMPLE, '--table', 't');
    expect(unasked.code).toBe(2);
    expect(unasked.err).toContain('nothing written: add --yes');
    expect(await snapshot(store)).toEqual([]);
  });

  it('refuses a ledger that has history of its own, and writes nothing', async () => {
    const w = await apiWorld(db());
    await settledBet(w, 'b1', NOON, NOON + 1_000);
    const before = await snapshot(w.store);
    const r = await run(w.store, SAMPLE, '--table', 't', '--yes');
    expect(r.code).toBe(1);
    expect(r.err).toContain('refused: the paper ledger already has PolyMix bets');
    expect(await snapshot(w.store)).toEqual(before);
  });

  it('--mode live writes the live ledger only', async () => {
    const store = await emptyStore();
    expect((await run(store, SAMPLE, '--table', 't', '--mode', 'live', '--yes')).code).toBe(0);
    expect(await store.getAccount('paper')).toBeNull();
    expect((await store.getAccount('live'))?.balanceMicros).toBe(9_724_950_000);
    expect(await store.listImportedBets('live')).toHaveLength(4);
  });
});

describe('GET /trading/state?format=original', () => {
  async function knownLedger() {
    // The runner's fresh paper account, the sample imported into it, then three PolyMix bets.
    const w = await apiWorld(db());
    expect((await run(w.store, SAMPLE, '--table', 't', '--yes')).code).toBe(0);
    await settledBet(w, 'b1', NOON, NOON + 1_000);
    await openBet(w, 'b2', NOON + 2_000);
    await failedBet(w, 'b3', NOON + 3_000);
    w.clock.set(NOON + 5_000);
    return createTradingRouter(w.deps, { apiKey: null });
  }
  const get = async (
    router: ReturnType<typeof createTradingRouter>,
    query: Record<string, string>,
    headers: Record<string, string> = {},
  ) => {
    const res = await router.handle({ method: 'GET', path: '/api/trading/state', query, headers, body: null });
    return { status: res.status, json: JSON.parse(res.body), text: res.body };
  };

  it('matches the hand-written answer for a known ledger', async () => {
    const router = await knownLedger();
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'state-expected.json'), 'utf8'));
    const r = await get(router, { format: 'original' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual(expected);
    // One conversion from exact cents: no binary-float residue in the text.
    expect(r.text).toContain('"balance":9715.65');
    expect(r.text).toContain('"estimated_profit":15.9,');
    // The Accept variant gives the same answer; the exact form stays the default.
    expect((await get(router, {}, { accept: 'application/vnd.polymix.original+json' })).json).toEqual(expected);
    const exact = await get(router, {});
    expect(exact.json).toMatchObject({ balance: '9715.650000', balance_micros: 9_715_650_000 });
    expect(exact.json.bets).toHaveLength(3);
    expect(
      (await get(router, { format: 'exact' }, { accept: 'application/vnd.polymix.original+json' })).json.balance,
    ).toBe('9715.650000');
  });

  it('refuses an unknown format with a clear 400', async () => {
    const router = await knownLedger();
    const r = await get(router, { format: 'python' });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe(
      "Invalid query: format: must be exact (the default) or original (the original PolyMix's shape, amounts in dollars)",
    );
  });

  it('says "real" for the live ledger', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    const r = await createTradingRouter(w.deps, { apiKey: null }).handle({
      method: 'GET',
      path: '/trading/state',
      query: { format: 'original' },
      headers: {},
      body: null,
    });
    expect(JSON.parse(r.body)).toMatchObject({ mode: 'real', balance: 1000, bets: [], next_cursor: null });
  });
});
