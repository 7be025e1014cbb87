import {
  acquireLease,
  claimInvocation,
  listErrors,
  recordError,
  releaseLease,
  type StoreContext,
} from '../../../lib/store';
import { useDynalite } from '../../support/dynalite';
import { NOON } from '../../support/store/bet-fixture';

const server = useDynalite();

describe('errors log', () => {
  let ctx: StoreContext;
  beforeAll(async () => {
    ctx = await server().createTable();
  });

  it('keeps the last 100: the 101st error evicts the oldest', async () => {
    const record = (i: number) =>
      recordError(ctx, { atMs: NOON + i, source: 'scan', venue: 'kalshi', message: `error ${i}` });
    for (let i = 1; i <= 100; i += 1) await record(i);
    expect((await listErrors(ctx, 100)).map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 100 - i));
    await record(101);
    const kept = await listErrors(ctx, 100);
    expect(kept).toHaveLength(100);
    expect(kept[0]).toEqual({ seq: 101, atMs: NOON + 101, source: 'scan', venue: 'kalshi', message: 'error 101' });
    expect(kept[99]?.message).toBe('error 2');
    expect(kept.some((e) => e.message === 'error 1')).toBe(false);
    expect((await listErrors(ctx, 3)).map((e) => e.message)).toEqual(['error 101', 'error 100', 'error 99']);
  });

  it('keeps exactly the newest 100 when many are written at once', async () => {
    const table = await server().createTable();
    await Promise.all(
      Array.from({ length: 110 }, (_, i) => recordError(table, { atMs: NOON, source: 'settle', message: `e${i}` })),
    );
    const kept = await listErrors(table, 100);
    expect(kept.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 110 - i));
  });

  it('truncates long text and blanks key material', async () => {
    const table = await server().createTable();
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----';
    await recordError(table, { atMs: NOON, source: 'auth', message: 'x'.repeat(5_000), detail: `loaded ${pem} badly` });
    const [entry] = await listErrors(table, 1);
    expect(entry?.message).toHaveLength(1_000);
    expect(entry?.message.endsWith('…')).toBe(true);
    expect(entry?.detail).toBe('loaded [redacted key] badly');
    expect(JSON.stringify(entry)).not.toContain('MIIEow');
  });

  it('refuses a limit outside 1..100', async () => {
    await expect(listErrors(ctx, 0)).rejects.toThrow(RangeError);
    await expect(listErrors(ctx, 101)).rejects.toThrow(RangeError);
  });
});

describe('scan lease', () => {
  it('is held by one owner until it expires or is released', async () => {
    const ctx = await server().createTable();
    expect(await acquireLease(ctx, 'scan', 'run-a', NOON, 60_000)).toBe(true);
    expect(await acquireLease(ctx, 'scan', 'run-b', NOON + 59_999, 60_000)).toBe(false);
    expect(await acquireLease(ctx, 'scan', 'run-a', NOON + 30_000, 60_000)).toBe(true); // renewal
    expect(await acquireLease(ctx, 'scan', 'run-b', NOON + 60_000, 60_000)).toBe(false); // renewed to +90s
    expect(await acquireLease(ctx, 'scan', 'run-b', NOON + 90_000, 60_000)).toBe(true); // expired
    expect(await releaseLease(ctx, 'scan', 'run-a')).toBe(false); // no longer the owner
    expect(await releaseLease(ctx, 'scan', 'run-b')).toBe(true);
    expect(await acquireLease(ctx, 'scan', 'run-c', NOON + 90_001, 60_000)).toBe(true);
  });

  it('goes to exactly one of many concurrent runs', async () => {
    const ctx = await server().createTable();
    const got = await Promise.all(
      Array.from({ length: 20 }, (_, i) => acquireLease(ctx, 'scan', `run-${i}`, NOON, 60_000)),
    );
    expect(got.filter(Boolean)).toHaveLength(1);
  });

  it('keeps different leases apart', async () => {
    const ctx = await server().createTable();
    expect(await acquireLease(ctx, 'scan', 'a', NOON, 1_000)).toBe(true);
    expect(await acquireLease(ctx, 'settle', 'b', NOON, 1_000)).toBe(true);
  });
});

describe('claimInvocation', () => {
  it('lets a scheduled event run once, even when delivered concurrently', async () => {
    const ctx = await server().createTable();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => claimInvocation(ctx, 'evt-1', `req-${i}`, NOON)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimInvocation(ctx, 'evt-1', 'req-late', NOON + 60_000)).toBe(false);
    expect(await claimInvocation(ctx, 'evt-2', 'req-late', NOON + 60_000)).toBe(true);
  });

  it('answers true again to the run that holds the claim (an SDK retry after a lost response)', async () => {
    const ctx = await server().createTable();
    expect(await claimInvocation(ctx, 'evt-9', 'req-1', NOON)).toBe(true);
    expect(await claimInvocation(ctx, 'evt-9', 'req-1', NOON)).toBe(true);
    expect(await claimInvocation(ctx, 'evt-9', 'req-2', NOON)).toBe(false);
  });
});
