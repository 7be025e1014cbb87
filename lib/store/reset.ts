/**
 * Paper ledger reset (POST /trading/reset): the paper balance goes back to its initial value,
 * the day counters and the kill switch are cleared, and the paper bets are deleted.
 * Live history is never deleted: resetting the live account is refused here, whatever the caller.
 *
 * Safe against a racing scan without a transaction: the account write is conditional on there
 * being NO reservation in flight (`intents` empty), and every admission adds one. A bet without an
 * intent is finished and its money applied, so deleting it loses nothing the ledger still needs.
 */
import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TradingMode } from '../core/mode';
import { getAccount, lossAttr, riskAttr, tradesAttr } from './account';
import { byModeKeys } from './bets';
import { AccountNotFound, StoreError } from './errors';
import { accountKey, BY_MODE_INDEX, betKey, isConditionalCheckFailed, type StoreContext } from './table';

export class ResetRefused extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'ResetRefused';
  }
}

export interface ResetOutcome {
  readonly balanceMicros: number;
  readonly deletedBets: number;
}

export async function resetPaperAccount(ctx: StoreContext, mode: TradingMode): Promise<ResetOutcome> {
  if (mode !== 'paper') throw new ResetRefused('Live history is never deleted: only the paper ledger can be reset');
  const account = await getAccount(ctx, mode);
  if (!account) throw new AccountNotFound(mode);
  if (Object.keys(account.intents).length > 0) {
    throw new ResetRefused(
      `${Object.keys(account.intents).length} bet(s) not finished (in flight, or open until the game settles): halt, let them finish, then reset`,
    );
  }
  // A counter of a day not read here can only appear with an admission, which adds an intent
  // and so fails the condition below.
  const dayAttrs = Object.keys(account.days).flatMap((day) => [tradesAttr(day), lossAttr(day), riskAttr(day)]);
  const names: Record<string, string> = {};
  dayAttrs.forEach((name, i) => (names[`#d${i}`] = name));
  try {
    await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: accountKey(mode),
        UpdateExpression:
          'SET balanceMicros = initialBalanceMicros, halted = :f, haltReason = :null, haltedAtMs = :null' +
          (dayAttrs.length ? ` REMOVE ${Object.keys(names).join(', ')}` : ''),
        ConditionExpression: 'attribute_exists(pk) AND size(intents) = :zero',
        ExpressionAttributeValues: { ':f': false, ':null': null, ':zero': 0 },
        ...(dayAttrs.length ? { ExpressionAttributeNames: names } : {}),
      }),
    );
  } catch (err) {
    if (isConditionalCheckFailed(err))
      throw new ResetRefused('a trade was admitted during the reset: try again once it has finished');
    throw err;
  }
  let deletedBets = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.doc.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: BY_MODE_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': byModeKeys(mode, 0, '').gsi1pk },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const bet of page.Items ?? []) {
      try {
        await ctx.doc.send(
          new DeleteCommand({
            TableName: ctx.tableName,
            Key: betKey(String(bet.id)),
            // Only finished bets whose money is applied; anything else is left for reconcile.
            ConditionExpression: '#ledger = :applied',
            ExpressionAttributeNames: { '#ledger': 'ledger' },
            ExpressionAttributeValues: { ':applied': 'applied' },
          }),
        );
        deletedBets++;
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  const after = await getAccount(ctx, mode);
  return { balanceMicros: after?.balanceMicros ?? account.initialBalanceMicros, deletedBets };
}
