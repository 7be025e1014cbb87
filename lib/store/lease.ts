/**
 * Mutual exclusion between scheduled runs, with single conditional writes:
 * - a lease (`LEASE#<name>`) so overlapping scans never run (docs/store.md#4-errors-lease-invocations): it expires on its
 *   own, so a crashed holder blocks the loop for at most one TTL;
 * - an invocation claim (`INVOCATION#<eventId>`) so a scheduler delivering the same event twice
 *   causes one run only.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  invocationKey,
  isConditionalCheckFailed,
  leaseKey,
  type StoreContext,
  TTL_ATTRIBUTE,
  ttlSeconds,
} from './table';

/** Claims kept this long (DynamoDB TTL deletes them later; retried deliveries come within minutes). */
export const INVOCATION_CLAIM_TTL_MS = 7 * 24 * 3_600_000;

/**
 * Takes (or renews) the lease until `nowMs + ttlMs`. Succeeds only when the lease is absent,
 * expired, or already held by `owner`.
 */
export async function acquireLease(
  ctx: StoreContext,
  name: string,
  owner: string,
  nowMs: number,
  ttlMs: number,
): Promise<boolean> {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) throw new RangeError('ttlMs must be a positive integer');
  const expiresAtMs = nowMs + ttlMs;
  try {
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: {
          ...leaseKey(name),
          owner,
          acquiredAtMs: nowMs,
          expiresAtMs,
          [TTL_ATTRIBUTE]: ttlSeconds(expiresAtMs) + 3600,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAtMs <= :now OR #owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':now': nowMs, ':owner': owner },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}

/** Gives the lease up if `owner` still holds it; true when it did. */
export async function releaseLease(ctx: StoreContext, name: string, owner: string): Promise<boolean> {
  try {
    await ctx.doc.send(
      new DeleteCommand({
        TableName: ctx.tableName,
        Key: leaseKey(name),
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}

/**
 * True for the first claim of `eventId`, false for every repeat. `owner` identifies this run
 * (e.g. the Lambda request id): an SDK retry of a claim that did commit finds its own owner and
 * still answers true, so a lost response never drops a scheduled run.
 */
export async function claimInvocation(
  ctx: StoreContext,
  eventId: string,
  owner: string,
  nowMs: number,
): Promise<boolean> {
  if (eventId.length === 0 || eventId.length > 512) throw new RangeError('eventId must be 1..512 characters');
  try {
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: {
          ...invocationKey(eventId),
          owner,
          claimedAtMs: nowMs,
          [TTL_ATTRIBUTE]: ttlSeconds(nowMs + INVOCATION_CLAIM_TTL_MS),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    const out = await ctx.doc.send(
      new GetCommand({ TableName: ctx.tableName, Key: invocationKey(eventId), ConsistentRead: true }),
    );
    return out.Item?.owner === owner;
  }
}
