import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { CorruptItem, DynamoSignedOrderStore, StoreError } from '../../../lib/store';
import type { StoredOrder } from '../../../lib/venues/polymarket';
import { useDynalite } from '../../support/dynalite';

const server = useDynalite();

function stored(hash: string): StoredOrder {
  return {
    order: {
      salt: '123',
      maker: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      signer: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      tokenId: '7132',
      makerAmount: '5985000',
      takerAmount: '10500000',
      side: 'BUY',
      signatureType: 0,
      timestamp: '1700000000123',
      expiration: '0',
      metadata: '0x' + '0'.repeat(64),
      builder: '0x' + '0'.repeat(64),
      signature: '0xabc',
    },
    orderHash: hash,
    fingerprint: 'BUY 7132 570000 1050',
    conditionId: `0x${'c'.repeat(64)}`,
  } as StoredOrder;
}

describe('DynamoSignedOrderStore', () => {
  it('keeps a signed order across store instances (a new container finds it) with its reverse lookup', async () => {
    const ctx = await server().createTable();
    await new DynamoSignedOrderStore(ctx, () => 1_700_000_000_000).put('bet1-L0-A0', stored('0xAAA'));
    const later = new DynamoSignedOrderStore(ctx, () => 1_700_000_100_000);
    expect(await later.get('bet1-L0-A0')).toEqual(stored('0xAAA'));
    expect(await later.clientOrderIdOf('0xaaa')).toBe('bet1-L0-A0');
    expect(await later.get('missing')).toBeUndefined();
    expect(await later.clientOrderIdOf('0xbbb')).toBeUndefined();
  });

  it('accepts the same order again but never rebinds an id to another order', async () => {
    const ctx = await server().createTable();
    const s = new DynamoSignedOrderStore(ctx, () => 0);
    await s.put('bet2-L0-A0', stored('0x111'));
    await s.put('bet2-L0-A0', stored('0x111'));
    await expect(s.put('bet2-L0-A0', stored('0x222'))).rejects.toBeInstanceOf(StoreError);
    expect((await s.get('bet2-L0-A0'))?.orderHash).toBe('0x111');
  });

  it('reads back through its schema: a malformed stored order is a CorruptItem, never an order to resend', async () => {
    const ctx = await server().createTable();
    const s = new DynamoSignedOrderStore(ctx, () => 0);
    const good = stored('0x333');
    const bad = { ...good, order: { ...good.order, makerAmount: 5.985, signatureType: 9 } };
    await ctx.doc.send(
      new PutCommand({ TableName: ctx.tableName, Item: { pk: 'PMORDER#bet3-L0-A0', sk: 'PMORDER', stored: bad } }),
    );
    const read = s.get('bet3-L0-A0');
    await expect(read).rejects.toBeInstanceOf(CorruptItem);
    await expect(read).rejects.toThrow(
      /signed order bet3-L0-A0 is malformed: order\.makerAmount, order\.signatureType/,
    );
    await ctx.doc.send(
      new PutCommand({ TableName: ctx.tableName, Item: { pk: 'PMHASH#0x444', sk: 'PMHASH', clientOrderId: 7 } }),
    );
    await expect(s.clientOrderIdOf('0x444')).rejects.toBeInstanceOf(CorruptItem);
  });
});
