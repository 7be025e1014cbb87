/**
 * Money moves on the account that must happen exactly once. The marker is the intent itself:
 * admission writes `intents.<betId>`, and the ONE write that applies the bet's money removes it
 * under the condition `attribute_exists(intents.<betId>)`. A second attempt finds no intent and
 * changes nothing, so re-running after a crash never credits twice. No ever-growing "applied"
 * map is needed because a bet can reach only one terminal status (a conditional write, see
 * ./finish.ts), so the intent's absence can only mean that this bet's money was applied.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BetRecord } from '../core/bet';
import type { TradingMode } from '../core/mode';
import { getAccount, lossAttr, riskAttr } from './account';
import { AccountNotFound } from './errors';
import { accountKey, isConditionalCheckFailed, type StoreContext } from './table';

/**
 * Applies a finished bet's result: balance += credit, realised loss counted on the day it was
 * realised, the admission day's worst-case reservation released. Returns true when THIS call
 * moved the money, false when it had been applied before.
 */
export async function applyBetToAccount(ctx: StoreContext, bet: BetRecord): Promise<boolean> {
  const result = bet.result;
  if (!result) throw new RangeError(`bet ${bet.id} has no result to apply`);
  const names: Record<string, string> = { '#bet': bet.id, '#loss': lossAttr(result.realisedDay) };
  const values: Record<string, unknown> = { ':credit': result.creditMicros, ':loss': result.lossMicros };
  let add = 'balanceMicros :credit, #loss :loss';
  if (bet.admittedDay === result.realisedDay) {
    // One path may appear only once per update expression: merge the two risk changes.
    names['#risk'] = riskAttr(bet.admittedDay);
    values[':risk'] = result.lossMicros - bet.worstCaseLossMicros;
    add += ', #risk :risk';
  } else {
    names['#riskA'] = riskAttr(bet.admittedDay);
    names['#riskR'] = riskAttr(result.realisedDay);
    values[':release'] = -bet.worstCaseLossMicros;
    add += ', #riskA :release, #riskR :loss';
  }
  try {
    await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: accountKey(bet.mode),
        UpdateExpression: `REMOVE intents.#bet ADD ${add}`,
        ConditionExpression: 'attribute_exists(intents.#bet)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    if (!(await getAccount(ctx, bet.mode))) throw new AccountNotFound(bet.mode);
    return false;
  }
}

/**
 * Gives back a reservation whose bet never existed (admission succeeded, the bet item could not
 * be written): balance and worst-case risk restored, exactly once. The trade stays counted.
 */
export async function releaseIntent(
  ctx: StoreContext,
  mode: TradingMode,
  betId: string,
  admittedAtMs: number,
): Promise<boolean> {
  const account = await getAccount(ctx, mode);
  if (!account) throw new AccountNotFound(mode);
  const intent = account.intents[betId];
  if (!intent || intent.atMs !== admittedAtMs) return false;
  try {
    await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: accountKey(mode),
        UpdateExpression: 'REMOVE intents.#bet ADD balanceMicros :cost, #risk :release',
        ConditionExpression: 'intents.#bet.atMs = :at AND intents.#bet.costMicros = :cost',
        ExpressionAttributeNames: { '#bet': betId, '#risk': riskAttr(intent.day) },
        ExpressionAttributeValues: {
          ':cost': intent.costMicros,
          ':release': -intent.worstCaseLossMicros,
          ':at': admittedAtMs,
        },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}
