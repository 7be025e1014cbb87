/**
 * The placement store contract (lib/venues/polymarket-us/placements.ts), run against the in-memory
 * store and the durable one on the table (lib/store/placements.ts, dynalite): the same answers
 * from both, so the client behaves the same whichever it is handed. The durable store's own
 * cases follow: a new store object (a new container) reads what an earlier one wrote, two stores
 * racing on one id never both win, and a malformed item is refused.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  CorruptItem,
  DynamoPlacementStore,
  PLACEMENT_RETAIN_MS,
  placementClaimKey,
  placementKey,
} from '../../../lib/store';
import {
  MemoryPlacementStore,
  type Placement,
  PlacementConflict,
  type PlacementStore,
} from '../../../lib/venues/polymarket-us';
import { useDynalite } from '../../support/dynalite';

const server = useDynalite();
const NOW = 1_800_000_000_000;

function placement(over: Partial<Placement> = {}): Placement {
  return {
    clientOrderId: 'bet1-L1-A0',
    attemptId: 'attempt-1',
    fingerprint: 'aec-nba-lal-bos-2026-11-25 ORDER_INTENT_BUY_LONG 0.45 10 TIME_IN_FORCE_FILL_OR_KILL',
    marketSlug: 'aec-nba-lal-bos-2026-11-25',
    intent: 'ORDER_INTENT_BUY_LONG',
    longPriceMicros: 450_000,
    sizeCenti: 1_000,
    sentAtMs: NOW,
    state: 'sending',
    venueOrderId: null,
    tradeIds: [],
    ...over,
  };
}

const stores: [string, () => Promise<PlacementStore>][] = [
  ['MemoryPlacementStore', async () => new MemoryPlacementStore()],
  ['DynamoPlacementStore', async () => new DynamoPlacementStore(await server().createTable(), () => NOW)],
];

describe.each(stores)('%s keeps the placement store contract', (_name, make) => {
  it('reads back what was put, and nothing for an unknown id', async () => {
    const s = await make();
    expect(await s.get('bet1-L1-A0')).toBeUndefined();
    await s.put(placement());
    expect(await s.get('bet1-L1-A0')).toEqual(placement());
    expect(await s.get('other')).toBeUndefined();
  });

  it('updates its own send: placed, then traded with its trade ids', async () => {
    const s = await make();
    await s.put(placement());
    await s.put(placement({ state: 'placed', venueOrderId: 'ORD-1' }));
    expect(await s.get('bet1-L1-A0')).toMatchObject({ state: 'placed', venueOrderId: 'ORD-1' });
    await s.put(placement({ state: 'traded', tradeIds: ['T-1', 'T-2'] }));
    expect(await s.get('bet1-L1-A0')).toEqual(placement({ state: 'traded', tradeIds: ['T-1', 'T-2'] }));
  });

  it('never lets another send overwrite a placement that was not refused', async () => {
    const s = await make();
    await s.put(placement());
    for (const state of ['sending', 'placed', 'traded', 'refused'] as const) {
      await expect(s.put(placement({ attemptId: 'attempt-2', state }))).rejects.toBeInstanceOf(PlacementConflict);
    }
    await s.put(placement({ state: 'placed', venueOrderId: 'ORD-1' }));
    await expect(s.put(placement({ attemptId: 'attempt-2' }))).rejects.toBeInstanceOf(PlacementConflict);
    expect(await s.get('bet1-L1-A0')).toMatchObject({ attemptId: 'attempt-1', state: 'placed' });
  });

  it('lets a new send replace a refused one (nothing was placed), once', async () => {
    const s = await make();
    await s.put(placement());
    await s.put(placement({ state: 'refused' }));
    // Only as a new send: a refused placement is not turned into another placement's result.
    await expect(s.put(placement({ attemptId: 'attempt-2', state: 'placed' }))).rejects.toBeInstanceOf(
      PlacementConflict,
    );
    await s.put(placement({ attemptId: 'attempt-2', sentAtMs: NOW + 2_000 }));
    // A third send that read the refused one before the second was written loses.
    await expect(s.put(placement({ attemptId: 'attempt-3', sentAtMs: NOW + 2_001 }))).rejects.toBeInstanceOf(
      PlacementConflict,
    );
    expect(await s.get('bet1-L1-A0')).toMatchObject({
      attemptId: 'attempt-2',
      state: 'sending',
      sentAtMs: NOW + 2_000,
    });
  });

  it('claims an order or trade id for one placement only; its owner may claim it again', async () => {
    const s = await make();
    expect(await s.claimant('order', 'ORD-1')).toBeUndefined();
    expect(await s.claim('order', 'ORD-1', 'bet1-L1-A0')).toBe(true);
    expect(await s.claim('order', 'ORD-1', 'bet1-L1-A0')).toBe(true);
    expect(await s.claim('order', 'ORD-1', 'bet2-L1-A0')).toBe(false);
    expect(await s.claimant('order', 'ORD-1')).toBe('bet1-L1-A0');
    // Orders and trades are separate namespaces.
    expect(await s.claimant('trade', 'ORD-1')).toBeUndefined();
    expect(await s.claim('trade', 'ORD-1', 'bet2-L1-A0')).toBe(true);
    expect(await s.claimant('trade', 'ORD-1')).toBe('bet2-L1-A0');
  });
});

describe('DynamoPlacementStore on the table', () => {
  it('a new store object over the same table (a new container) finds the placement and its claims', async () => {
    const ctx = await server().createTable();
    const first = new DynamoPlacementStore(ctx, () => NOW);
    await first.put(placement());
    await first.claim('trade', 'T-9', 'bet1-L1-A0');
    const next = new DynamoPlacementStore(ctx, () => NOW + 60_000);
    expect(await next.get('bet1-L1-A0')).toEqual(placement());
    expect(await next.claimant('trade', 'T-9')).toBe('bet1-L1-A0');
    expect(await next.claim('trade', 'T-9', 'bet3-L1-A0')).toBe(false);
  });

  it('two containers racing: one first put, one claim per venue id', async () => {
    const ctx = await server().createTable();
    const a = new DynamoPlacementStore(ctx, () => NOW);
    const b = new DynamoPlacementStore(ctx, () => NOW);
    const puts = await Promise.allSettled([
      a.put(placement({ attemptId: 'attempt-a' })),
      b.put(placement({ attemptId: 'attempt-b' })),
    ]);
    expect(puts.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = puts.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(PlacementConflict);
    const claims = await Promise.all([a.claim('order', 'ORD-7', 'bet-a'), b.claim('order', 'ORD-7', 'bet-b')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('keeps placements and claims 90 days (the ttl attribute, epoch seconds)', async () => {
    const ctx = await server().createTable();
    const s = new DynamoPlacementStore(ctx, () => NOW);
    await s.put(placement());
    await s.claim('order', 'ORD-1', 'bet1-L1-A0');
    for (const Key of [placementKey('bet1-L1-A0'), placementClaimKey('order', 'ORD-1')]) {
      const out = await ctx.doc.send(new GetCommand({ TableName: ctx.tableName, Key }));
      expect(out.Item?.ttl).toBe(Math.floor((NOW + PLACEMENT_RETAIN_MS) / 1000));
    }
    expect(PLACEMENT_RETAIN_MS).toBe(90 * 24 * 3_600_000);
  });

  it('a malformed item is a CorruptItem, never a placement', async () => {
    const ctx = await server().createTable();
    const s = new DynamoPlacementStore(ctx, () => NOW);
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: { ...placementKey('bet1-L1-A0'), ...placement(), sizeCenti: 10.5 },
      }),
    );
    await expect(s.get('bet1-L1-A0')).rejects.toBeInstanceOf(CorruptItem);
    await ctx.doc.send(new PutCommand({ TableName: ctx.tableName, Item: { ...placementClaimKey('trade', 'T-1') } }));
    await expect(s.claimant('trade', 'T-1')).rejects.toBeInstanceOf(CorruptItem);
  });
});
