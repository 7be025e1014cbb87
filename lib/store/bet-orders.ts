/**
 * What the venues did with a bet's orders: each leg's latest attempt and the unwind sells.
 * Written while the bet is `placing` or `unwinding`; the figures feed `finishBet`'s result.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type BetRecord, clientOrderIdFor, type UnwindOrder, unwindClientOrderIdFor } from '../core/bet';
import { assertInteger } from '../core/money';
import type { LegOrderUpdate } from '../engine/ports';
import { requireBet, toRecord } from './bets';
import { BetStatusConflict } from './errors';
import { betKey, isConditionalCheckFailed, type StoreContext } from './table';

/**
 * Records the latest order of a leg (venue order id, fills, fees). Allowed while the bet is
 * `placing` or `unwinding`; an older attempt never overwrites a newer one.
 */
export async function recordLegOrder(
  ctx: StoreContext,
  betId: string,
  legIndex: number,
  update: LegOrderUpdate,
  nowMs: number,
): Promise<BetRecord> {
  assertInteger(legIndex, 'legIndex');
  for (const [k, v] of Object.entries(update)) if (k !== 'venueOrderId') assertInteger(v as number, k);
  const leg = `legs[${legIndex}]`;
  try {
    const out = await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: betKey(betId),
        UpdateExpression:
          `SET ${leg}.attempt = :attempt, ${leg}.clientOrderId = :coid, ${leg}.limitPriceMicros = :price,` +
          ` ${leg}.venueOrderId = :vid, ${leg}.filledCenti = :fc, ${leg}.filledNotionalMicros = :fn,` +
          ` ${leg}.filledFeeMicros = :ff, updatedAtMs = :now ADD version :one`,
        ConditionExpression: `#status IN (:placing, :unwinding) AND attribute_exists(${leg}) AND ${leg}.attempt <= :attempt`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':attempt': update.attempt,
          ':coid': clientOrderIdFor(betId, legIndex, update.attempt),
          ':price': update.limitPriceMicros,
          ':vid': update.venueOrderId,
          ':fc': update.filledCenti,
          ':fn': update.filledNotionalMicros,
          ':ff': update.filledFeeMicros,
          ':now': nowMs,
          ':one': 1,
          ':placing': 'placing',
          ':unwinding': 'unwinding',
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRecord(out.Attributes ?? {});
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    const bet = await requireBet(ctx, betId);
    if (legIndex < 0 || legIndex >= bet.legs.length) throw new RangeError(`bet ${betId} has no leg ${legIndex}`);
    if ((bet.legs[legIndex]?.attempt ?? 0) > update.attempt) {
      throw new RangeError(`bet ${betId} leg ${legIndex} already has attempt ${bet.legs[legIndex]?.attempt}`);
    }
    throw new BetStatusConflict(betId, 'placing', bet.status);
  }
}

/** Records (or updates) one unwind sell; only while the bet is `unwinding`. */
export async function recordUnwind(
  ctx: StoreContext,
  betId: string,
  order: Omit<UnwindOrder, 'clientOrderId'>,
): Promise<BetRecord> {
  for (const [k, v] of Object.entries(order)) if (k !== 'venueOrderId') assertInteger(v as number, k);
  const full: UnwindOrder = { ...order, clientOrderId: unwindClientOrderIdFor(betId, order.legIndex, order.attempt) };
  try {
    const out = await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: betKey(betId),
        UpdateExpression: 'SET unwinds.#k = :u, updatedAtMs = :now ADD version :one',
        ConditionExpression: '#status = :unwinding',
        ExpressionAttributeNames: { '#status': 'status', '#k': `${order.legIndex}-${order.attempt}` },
        ExpressionAttributeValues: { ':u': full, ':now': order.atMs, ':one': 1, ':unwinding': 'unwinding' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRecord(out.Attributes ?? {});
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    const bet = await requireBet(ctx, betId);
    throw new BetStatusConflict(betId, 'unwinding', bet.status);
  }
}
