/**
 * Durable store of Polymarket signed orders, keyed by our client order id.
 *
 * Polymarket has no client order id: the Polymarket client makes the signed order itself the
 * idempotency key and keeps it in a `SignedOrderStore` (lib/venues/polymarket/order-store.ts).
 * In Lambda the in-memory default would be lost with the container, so a crash between sending
 * an order and recording its result could leave reconcile unable to find the order. This store
 * keeps the signed order in the table BEFORE it is sent (the client calls `put` first), so any
 * later run finds it by client order id, and the venue's order id (the order hash) with it.
 *
 * Items: `PMORDER#<clientOrderId>` (the order) and `PMHASH#<hash>` (reverse lookup), both with a
 * TTL well past any settlement. Writes are conditional: an id is never rebound to another order.
 * Read back through zod: a malformed item is a `CorruptItem`, never an order to resend.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { SIGNATURE_TYPES } from '../venues/polymarket/constants';
import type { SignedOrderStore, StoredOrder } from '../venues/polymarket/order-store';
import { CorruptItem, StoreError } from './errors';
import { isConditionalCheckFailed, type StoreContext, ttlSeconds } from './table';

const RETAIN_MS = 90 * 24 * 3_600_000;

const decimal = z.string().regex(/^\d+$/);
const hex = z.string().regex(/^0x[0-9a-fA-F]+$/);
const signatureTypes = Object.values(SIGNATURE_TYPES) as [number, ...number[]];

/** The stored signed order, as `put` writes it (lib/venues/polymarket/order-signing.ts `SignedOrder`). */
const storedOrderSchema = z
  .object({
    order: z
      .object({
        salt: decimal,
        maker: hex,
        signer: hex,
        tokenId: decimal,
        makerAmount: decimal,
        takerAmount: decimal,
        side: z.enum(['BUY', 'SELL']),
        signatureType: z.number().refine((n) => signatureTypes.includes(n), 'unknown signature type'),
        timestamp: decimal,
        expiration: decimal,
        metadata: z.string(),
        builder: z.string(),
        signature: hex,
      })
      .strict(),
    orderHash: hex,
    fingerprint: z.string().min(1),
    conditionId: z.string().min(1),
  })
  .strict();

const hashItemSchema = z.object({ clientOrderId: z.string().min(1) }).passthrough();

const orderKey = (clientOrderId: string) => ({ pk: `PMORDER#${clientOrderId}`, sk: 'PMORDER' });
const hashKey = (orderHash: string) => ({ pk: `PMHASH#${orderHash.toLowerCase()}`, sk: 'PMHASH' });

export class DynamoSignedOrderStore implements SignedOrderStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly now: () => number,
  ) {}

  async get(clientOrderId: string): Promise<StoredOrder | undefined> {
    const out = await this.ctx.doc.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: orderKey(clientOrderId), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const parsed = storedOrderSchema.safeParse(out.Item.stored);
    if (!parsed.success)
      throw new CorruptItem(
        `signed order ${clientOrderId}`,
        parsed.error.issues.map((i) => i.path.join('.') || 'stored').join(', '),
      );
    return parsed.data as StoredOrder;
  }

  async put(clientOrderId: string, stored: StoredOrder): Promise<void> {
    const ttl = ttlSeconds(this.now() + RETAIN_MS);
    try {
      await this.ctx.doc.send(
        new PutCommand({
          TableName: this.ctx.tableName,
          Item: { ...orderKey(clientOrderId), stored, ttl },
          ConditionExpression: 'attribute_not_exists(pk) OR #stored.orderHash = :h',
          ExpressionAttributeNames: { '#stored': 'stored' },
          ExpressionAttributeValues: { ':h': stored.orderHash },
        }),
      );
    } catch (err) {
      if (isConditionalCheckFailed(err)) {
        throw new StoreError(`client order id ${clientOrderId} is already bound to another signed order`);
      }
      throw err;
    }
    await this.ctx.doc.send(
      new PutCommand({ TableName: this.ctx.tableName, Item: { ...hashKey(stored.orderHash), clientOrderId, ttl } }),
    );
  }

  async clientOrderIdOf(orderHash: string): Promise<string | undefined> {
    const out = await this.ctx.doc.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: hashKey(orderHash), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const parsed = hashItemSchema.safeParse(out.Item);
    if (!parsed.success) throw new CorruptItem(`order hash ${orderHash}`, 'clientOrderId');
    return parsed.data.clientOrderId;
  }
}
