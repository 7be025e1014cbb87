/**
 * Redemption items (docs/store.md#redemptions): one per resolved Polymarket condition and holding
 * wallet, `REDEEM#<mode>#<holder>#<conditionId>`. The intent is a conditional put written before
 * anything is sent; every later change is ONE UpdateItem conditional on the status and attempt
 * the caller read, so of two racing runs exactly one moves the item (the other gets null).
 *
 * GSIs: `byMode` lists every redemption of a mode (`REDEEMS#<mode>`, newest last), `active` only
 * the open ones (`REDEEM-OPEN#<mode>`, removed when confirmed or left to the operator).
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { TradingMode } from '../core/mode';
import type { RedemptionNote, RedemptionPatch, RedemptionRecord } from '../engine/ports';
import { CorruptItem } from './errors';
import { ACTIVE_INDEX, BY_MODE_INDEX, isConditionalCheckFailed, type StoreContext } from './table';

const int = z.number().int().refine(Number.isSafeInteger, 'not a safe integer');
const wei = z.string().regex(/^\d{1,78}$/);
const hash = z.string().regex(/^0x[0-9a-f]{64}$/);
const status = z.enum(['pending', 'submitting', 'submitted', 'confirmed', 'attention']);
const prepared = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tx'),
    txHash: hash,
    nonce: int,
    gasLimit: wei,
    maxFeePerGas: wei,
    maxPriorityFeePerGas: wei,
  }),
  z.object({
    kind: z.literal('relayer'),
    nonce: z.string().regex(/^\d{1,78}$/),
    deadline: int.nullable(),
    // Proxy wallets only (docs/redemption.md#r6-proxy): absent on the other kinds' items.
    relay: z
      .string()
      .regex(/^0x[0-9a-f]{40}$/)
      .optional(),
    gasLimit: wei.optional(),
  }),
  z.object({ kind: z.literal('paper') }),
]);

export const redemptionSchema = z.object({
  mode: z.enum(['paper', 'live']),
  holder: z.string().regex(/^0x[0-9a-f]{40}$/),
  walletKind: z.enum(['eoa', 'proxy', 'safe', 'deposit', 'paper']),
  conditionId: z.string().regex(/^0x[0-9a-f]{64}$/),
  negRisk: z.boolean().nullable(),
  bets: z.record(z.string(), int),
  status,
  attempt: int,
  tries: int,
  nextAttemptAtMs: int,
  prepared: prepared.nullable(),
  relayerId: z.string().nullable(),
  txHash: hash.nullable(),
  collateralBeforeMicros: int.nullable(),
  collateralAfterMicros: int.nullable(),
  paidMicros: int.nullable(),
  gasCostWei: wei,
  causes: z.array(z.object({ atMs: int, attempt: int, cause: z.string() })),
  createdAtMs: int,
  updatedAtMs: int,
  confirmedAtMs: int.nullable(),
});

export const redemptionKey = (mode: TradingMode, holder: string, conditionId: string) => ({
  pk: `REDEEM#${mode}#${holder.toLowerCase()}#${conditionId.toLowerCase()}`,
  sk: 'REDEEM',
});
const byModeKeys = (mode: TradingMode, createdAtMs: number, conditionId: string) => ({
  gsi1pk: `REDEEMS#${mode}`,
  gsi1sk: `${String(createdAtMs).padStart(15, '0')}#${conditionId}`,
});
const openKeys = (mode: TradingMode, createdAtMs: number, conditionId: string) => ({
  gsi2pk: `REDEEM-OPEN#${mode}`,
  gsi2sk: `${String(createdAtMs).padStart(15, '0')}#${conditionId}`,
});

export function decodeRedemption(item: Record<string, unknown>): RedemptionRecord {
  const parsed = redemptionSchema.safeParse(item);
  if (!parsed.success) throw new CorruptItem(`redemption ${String(item.pk)}`, parsed.error.message);
  return parsed.data as RedemptionRecord;
}

export async function getRedemption(
  ctx: StoreContext,
  mode: TradingMode,
  holder: string,
  conditionId: string,
): Promise<RedemptionRecord | null> {
  const out = await ctx.doc.send(
    new GetCommand({ TableName: ctx.tableName, Key: redemptionKey(mode, holder, conditionId), ConsistentRead: true }),
  );
  return out.Item ? decodeRedemption(out.Item) : null;
}

/**
 * The intent: a conditional put (absent item) of a `pending` redemption holding the bet; when the
 * item exists, the bet is added to it (a repeat for the same bet changes nothing).
 */
export async function noteRedemption(ctx: StoreContext, note: RedemptionNote): Promise<RedemptionRecord> {
  const holder = note.holder.toLowerCase();
  const conditionId = note.conditionId.toLowerCase();
  const record: RedemptionRecord = {
    mode: note.mode,
    holder,
    walletKind: note.walletKind,
    conditionId,
    negRisk: null,
    bets: { [note.betId]: note.expectedMicros },
    status: 'pending',
    attempt: 0,
    tries: 0,
    nextAttemptAtMs: note.nowMs,
    prepared: null,
    relayerId: null,
    txHash: null,
    collateralBeforeMicros: null,
    collateralAfterMicros: null,
    paidMicros: null,
    gasCostWei: '0',
    causes: [],
    createdAtMs: note.nowMs,
    updatedAtMs: note.nowMs,
    confirmedAtMs: null,
  };
  redemptionSchema.parse(record);
  const key = redemptionKey(note.mode, holder, conditionId);
  try {
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: {
          ...key,
          ...byModeKeys(note.mode, note.nowMs, conditionId),
          ...openKeys(note.mode, note.nowMs, conditionId),
          ...record,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return record;
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
  }
  const out = await ctx.doc.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: key,
      UpdateExpression: 'SET bets.#bet = if_not_exists(bets.#bet, :m)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#bet': note.betId },
      ExpressionAttributeValues: { ':m': note.expectedMicros },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return decodeRedemption(out.Attributes ?? {});
}

const FINAL = new Set(['confirmed', 'attention']);

export async function advanceRedemption(
  ctx: StoreContext,
  current: Pick<RedemptionRecord, 'mode' | 'holder' | 'conditionId' | 'status' | 'attempt' | 'updatedAtMs'>,
  patch: RedemptionPatch,
  nowMs: number,
): Promise<RedemptionRecord | null> {
  const names: Record<string, string> = { '#status': 'status', '#attempt': 'attempt' };
  const values: Record<string, unknown> = {
    ':fromStatus': current.status,
    ':fromAttempt': current.attempt,
    ':now': Math.max(nowMs, current.updatedAtMs),
  };
  const sets = ['updatedAtMs = :now'];
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  const remove = patch.status && FINAL.has(patch.status) ? ' REMOVE gsi2pk, gsi2sk' : '';
  try {
    const out = await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: redemptionKey(current.mode, current.holder, current.conditionId),
        UpdateExpression: `SET ${sets.join(', ')}${remove}`,
        ConditionExpression: '#status = :fromStatus AND #attempt = :fromAttempt',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return decodeRedemption(out.Attributes ?? {});
  } catch (err) {
    if (isConditionalCheckFailed(err)) return null;
    throw err;
  }
}

async function queryAll(
  ctx: StoreContext,
  index: string,
  keyName: 'gsi1pk' | 'gsi2pk',
  pk: string,
  forward: boolean,
  limit: number,
): Promise<RedemptionRecord[]> {
  const out: RedemptionRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.doc.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: index,
        KeyConditionExpression: `${keyName} = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: forward,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      out.push(decodeRedemption(item));
      if (out.length >= limit) return out;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

export function listOpenRedemptions(ctx: StoreContext, mode: TradingMode): Promise<RedemptionRecord[]> {
  return queryAll(ctx, ACTIVE_INDEX, 'gsi2pk', `REDEEM-OPEN#${mode}`, true, 10_000);
}

export function listRedemptions(ctx: StoreContext, mode: TradingMode, limit: number): Promise<RedemptionRecord[]> {
  return queryAll(ctx, BY_MODE_INDEX, 'gsi1pk', `REDEEMS#${mode}`, false, limit);
}
