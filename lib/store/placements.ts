/**
 * Durable store of Polymarket US placements, keyed by our client order id (docs/store.md#placements).
 *
 * Polymarket US orders carry no client order id (docs/venues-polymarket-us.md#u-no-client-id): the
 * client writes each placement BEFORE it sends the order, and when the answer is lost it looks
 * the order up (open orders, then our trades since the send) instead of sending it again
 * (lib/venues/polymarket-us/placements.ts). In Lambda the in-memory default dies with the
 * container, so this store keeps the placements in the table: the next run, in any container,
 * finds the placement and looks its order up; it never sends the same client order id twice.
 *
 * Items: `PMUSPLACE#<clientOrderId>` (the placement) and `PMUSCLAIM#<order|trade>#<id>` (which
 * placement a venue order id or trade id is attributed to). Writes are conditional puts (no
 * transactions: dynalite has none, and none is needed), so two containers racing on one client
 * order id or one venue id cannot both win:
 *  - a placement is written when none is stored, when the stored one is the same send (same
 *    `attemptId`), or when the stored one was refused and this is a new send: otherwise a
 *    `PlacementConflict`;
 *  - a claim is written when none is stored or the stored one names the same placement.
 * Read back through zod: a malformed item is a `CorruptItem`, never a placement.
 *
 * TTL: 90 days, like the Polymarket signed orders (./signed-orders.ts). The engine asks about a leg
 * by its client order id as long as the bet is open (until its game settles and is redeemed), and
 * a claim must outlive every lookup that could see the same order or trade.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { INTENTS } from '../venues/polymarket-us/constants';
import {
  type ClaimKind,
  type Placement,
  PlacementConflict,
  type PlacementStore,
} from '../venues/polymarket-us/placements';
import { CorruptItem } from './errors';
import { isConditionalCheckFailed, type StoreContext, ttlSeconds } from './table';

/** How long placements and claims are kept (DynamoDB TTL). */
export const PLACEMENT_RETAIN_MS = 90 * 24 * 3_600_000;

export const placementKey = (clientOrderId: string) => ({ pk: `PMUSPLACE#${clientOrderId}`, sk: 'PMUSPLACE' });
export const placementClaimKey = (kind: ClaimKind, id: string) => ({ pk: `PMUSCLAIM#${kind}#${id}`, sk: 'PMUSCLAIM' });

const int = z.number().int().nonnegative();

/** The stored item without its keys and TTL: exactly a Placement. */
export const placementSchema = z
  .object({
    clientOrderId: z.string().min(1),
    attemptId: z.string().min(1),
    fingerprint: z.string().min(1),
    marketSlug: z.string().min(1),
    intent: z.enum(INTENTS),
    longPriceMicros: int,
    sizeCenti: int,
    sentAtMs: int,
    state: z.enum(['sending', 'placed', 'refused', 'traded']),
    venueOrderId: z.string().min(1).nullable(),
    tradeIds: z.array(z.string().min(1)),
  })
  .strict();

const claimSchema = z.object({ clientOrderId: z.string().min(1) });

function decode<T>(what: string, schema: z.ZodType<T>, item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ttl: _ttl, ...rest } = item;
  const parsed = schema.safeParse(rest);
  if (!parsed.success) throw new CorruptItem(what, parsed.error.issues.map((i) => i.path.join('.')).join(', '));
  return parsed.data;
}

export class DynamoPlacementStore implements PlacementStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly now: () => number,
  ) {}

  private ttl(): number {
    return ttlSeconds(this.now() + PLACEMENT_RETAIN_MS);
  }

  async get(clientOrderId: string): Promise<Placement | undefined> {
    const out = await this.ctx.doc.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: placementKey(clientOrderId), ConsistentRead: true }),
    );
    return out.Item ? decode(`placement ${clientOrderId}`, placementSchema, out.Item) : undefined;
  }

  async put(placement: Placement): Promise<void> {
    const p = placementSchema.parse(placement);
    // A new send may replace a refused one; any write may update its own send.
    const refusedMayGo = p.state === 'sending' ? ' OR #state = :refused' : '';
    try {
      await this.ctx.doc.send(
        new PutCommand({
          TableName: this.ctx.tableName,
          Item: { ...placementKey(p.clientOrderId), ...p, ttl: this.ttl() },
          ConditionExpression: `attribute_not_exists(pk) OR attemptId = :attempt${refusedMayGo}`,
          ...(refusedMayGo ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
          ExpressionAttributeValues: {
            ':attempt': p.attemptId,
            ...(refusedMayGo ? { ':refused': 'refused' } : {}),
          },
        }),
      );
    } catch (err) {
      if (isConditionalCheckFailed(err)) throw new PlacementConflict(p.clientOrderId);
      throw err;
    }
  }

  async claimant(kind: ClaimKind, id: string): Promise<string | undefined> {
    const out = await this.ctx.doc.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: placementClaimKey(kind, id), ConsistentRead: true }),
    );
    return out.Item ? decode(`${kind} claim ${id}`, claimSchema, out.Item).clientOrderId : undefined;
  }

  async claim(kind: ClaimKind, id: string, clientOrderId: string): Promise<boolean> {
    try {
      await this.ctx.doc.send(
        new PutCommand({
          TableName: this.ctx.tableName,
          Item: { ...placementClaimKey(kind, id), clientOrderId, ttl: this.ttl() },
          ConditionExpression: 'attribute_not_exists(pk) OR clientOrderId = :c',
          ExpressionAttributeValues: { ':c': clientOrderId },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }
}
