/**
 * The embedded store of `npm start`: in memory by default; with a data directory the paper
 * account survives a restart, and a directory another process holds is a clear error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreStartError, startEmbeddedStore } from '../../../local/runner/embedded-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'polymix-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('startEmbeddedStore', () => {
  it('creates the table in memory and forgets it when closed', async () => {
    const a = await startEmbeddedStore({ dataDir: null, tableName: 'polymix' });
    expect(a.reopened).toBe(false);
    await a.store.ensureAccount('paper', 1_000_000_000);
    await a.close();
    const b = await startEmbeddedStore({ dataDir: null, tableName: 'polymix' });
    expect(b.reopened).toBe(false);
    expect(await b.store.getAccount('paper')).toBeNull();
    await b.close();
  });

  it('keeps the account and its balance across restarts with a data directory', async () => {
    const a = await startEmbeddedStore({ dataDir: dir, tableName: 'polymix' });
    await a.store.ensureAccount('paper', 123_456_789);
    await a.close();
    const b = await startEmbeddedStore({ dataDir: dir, tableName: 'polymix' });
    expect(b.reopened).toBe(true);
    expect(b.dataDir).toBe(dir);
    expect((await b.store.getAccount('paper'))?.balanceMicros).toBe(123_456_789);
    await b.close();
  });

  it('refuses a directory that another store holds, saying what to do', async () => {
    const a = await startEmbeddedStore({ dataDir: dir, tableName: 'polymix' });
    try {
      const second = startEmbeddedStore({ dataDir: dir, tableName: 'polymix' });
      await expect(second).rejects.toThrow(StoreStartError);
      await expect(startEmbeddedStore({ dataDir: dir, tableName: 'polymix' })).rejects.toThrow(
        /another `npm start` using the same --data-dir/,
      );
    } finally {
      await a.close();
    }
  });
});
