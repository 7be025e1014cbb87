/**
 * The last preflight run (docs/store.md#preflight): one item, `PREFLIGHT` / `LAST`, replaced by
 * each run. The write is conditional on the stored run not being newer, so a slow run that
 * finishes after a later one cannot replace it. Read back through a zod codec: a malformed item
 * is a `CorruptItem`, which the live gate treats like a missing run.
 */

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { VENUE_NAMES } from '../core/market';
import type { PreflightRun } from '../engine/ports';
import { CorruptItem } from './errors';
import { cleanText } from './errors-log';
import { isConditionalCheckFailed, preflightKey, type StoreContext } from './table';

/** Checks kept per run, and the longest text kept per field (a run is one small item). */
export const MAX_PREFLIGHT_CHECKS = 100;
const MAX_TEXT = 1_000;

const checkSchema = z.object({
  id: z.string().min(1).max(100),
  venue: z.enum(VENUE_NAMES).nullable(),
  required: z.boolean(),
  result: z.enum(['pass', 'fail', 'warn', 'skip']),
  detail: z.string(),
  fix: z.string(),
});

/** The stored item without its keys: exactly a PreflightRun. */
export const preflightRunSchema = z.object({
  atMs: z.number().int().nonnegative(),
  ok: z.boolean(),
  runner: z.enum(['cli', 'lambda', 'api', 'test']),
  orderTest: z.boolean(),
  checks: z.array(checkSchema).max(MAX_PREFLIGHT_CHECKS),
});

/** Encodes a run as the item's attributes (texts cleaned and truncated like the error log's). */
export function encodePreflightRun(run: PreflightRun): Record<string, unknown> {
  return {
    atMs: run.atMs,
    ok: run.ok,
    runner: run.runner,
    orderTest: run.orderTest,
    checks: run.checks.slice(0, MAX_PREFLIGHT_CHECKS).map((c) => ({
      id: c.id,
      venue: c.venue,
      required: c.required,
      result: c.result,
      detail: cleanText(c.detail, MAX_TEXT),
      fix: cleanText(c.fix, MAX_TEXT),
    })),
  };
}

export function decodePreflightRun(item: Record<string, unknown>): PreflightRun {
  const parsed = preflightRunSchema.safeParse(item);
  if (!parsed.success)
    throw new CorruptItem('preflight run', parsed.error.issues.map((i) => i.path.join('.')).join(', '));
  return parsed.data;
}

export async function recordPreflight(ctx: StoreContext, run: PreflightRun): Promise<void> {
  try {
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: { ...preflightKey, ...encodePreflightRun(run) },
        ConditionExpression: 'attribute_not_exists(pk) OR atMs <= :atMs',
        ExpressionAttributeValues: { ':atMs': run.atMs },
      }),
    );
  } catch (err) {
    // A newer run is already recorded: it stays the last one.
    if (!isConditionalCheckFailed(err)) throw err;
  }
}

export async function getLastPreflight(ctx: StoreContext): Promise<PreflightRun | null> {
  const out = await ctx.doc.send(new GetCommand({ TableName: ctx.tableName, Key: preflightKey, ConsistentRead: true }));
  if (!out.Item) return null;
  const { pk: _pk, sk: _sk, ...rest } = out.Item;
  return decodePreflightRun(rest);
}
