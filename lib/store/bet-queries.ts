/** Reading bets back: by mode newest first (paginated) and the active ones (sparse index). */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { BetRecord, BetStatus } from '../core/bet';
import type { TradingMode } from '../core/mode';
import type { BetPage } from '../engine/ports';
import { byModeKeys, toRecord } from './bets';
import { ACTIVE_INDEX, BY_MODE_INDEX, type StoreContext } from './table';

const cursorSchema = z.object({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() }).strict();

function decodeCursor(cursor: string): Record<string, string> {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new RangeError('invalid cursor');
  }
}

/** Bets of a mode, newest first, `limit` per page (1..100). */
export async function listBets(
  ctx: StoreContext,
  mode: TradingMode,
  page: { limit: number; cursor?: string | null },
): Promise<BetPage> {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 100) throw new RangeError('limit must be 1..100');
  const out = await ctx.doc.send(
    new QueryCommand({
      TableName: ctx.tableName,
      IndexName: BY_MODE_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': byModeKeys(mode, 0, '').gsi1pk },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor) } : {}),
    }),
  );
  const last = out.LastEvaluatedKey;
  return {
    bets: (out.Items ?? []).map(toRecord),
    nextCursor: last ? Buffer.from(JSON.stringify(last), 'utf8').toString('base64url') : null,
  };
}

/**
 * Bets not finished yet: every non-terminal status, plus terminal ones whose money is not
 * applied (ledger `pending`). Optionally only one status (`open` for settlement).
 * Eventually consistent (a GSI): callers re-read a bet before acting on it.
 */
export async function listActiveBets(ctx: StoreContext, mode: TradingMode, status?: BetStatus): Promise<BetRecord[]> {
  const bets: BetRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ctx.doc.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: ACTIVE_INDEX,
        KeyConditionExpression: status ? 'gsi2pk = :pk AND begins_with(gsi2sk, :s)' : 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `ACTIVE#${mode}`, ...(status ? { ':s': `${status}#` } : {}) },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    bets.push(...(out.Items ?? []).map(toRecord));
    start = out.LastEvaluatedKey;
  } while (start);
  return bets;
}

export const listOpenBets = (ctx: StoreContext, mode: TradingMode) => listActiveBets(ctx, mode, 'open');
