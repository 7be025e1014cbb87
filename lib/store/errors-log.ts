/**
 * The errors log: the last 100 errors, kept as a ring of 100 slot items (dynalite has no TTL,
 * and a ring needs no trimming job). A counter item hands out sequence numbers atomically;
 * error n goes to slot n mod 100 under the condition that the slot holds an older error, so a
 * slow writer can never overwrite a newer one.
 *
 * Callers pass already-sanitised text (no keys, no signatures, no auth headers). As a last
 * guard, PEM blocks are blanked and every field is truncated.
 */

import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { VENUE_NAMES } from '../core/market';
import type { ErrorEntry, StoredError } from '../engine/ports';
import { CorruptItem } from './errors';
import { ERRORS_PK, errorSeqKey, errorSlotKey, isConditionalCheckFailed, type StoreContext } from './table';

export const ERROR_RING_SIZE = 100;
const MAX_SOURCE = 100;
const MAX_MESSAGE = 1_000;
const MAX_DETAIL = 4_000;

const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g;

export function cleanText(text: string, max: number): string {
  const blanked = text.replace(PEM, '[redacted key]');
  return blanked.length > max ? `${blanked.slice(0, max - 1)}…` : blanked;
}

const storedSchema = z.object({
  seq: z.number().int(),
  atMs: z.number().int(),
  source: z.string(),
  venue: z.enum(VENUE_NAMES).nullable(),
  message: z.string(),
  detail: z.string().nullable(),
});

export async function recordError(ctx: StoreContext, entry: ErrorEntry): Promise<StoredError> {
  const counter = await ctx.doc.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: errorSeqKey,
      UpdateExpression: 'ADD seq :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const seq = Number(counter.Attributes?.seq);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new CorruptItem('error counter', String(counter.Attributes?.seq));
  const stored: StoredError = {
    seq,
    atMs: entry.atMs,
    source: cleanText(entry.source, MAX_SOURCE),
    message: cleanText(entry.message, MAX_MESSAGE),
    ...(entry.venue ? { venue: entry.venue } : {}),
    ...(entry.detail !== undefined ? { detail: cleanText(entry.detail, MAX_DETAIL) } : {}),
  };
  try {
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: {
          ...errorSlotKey((seq - 1) % ERROR_RING_SIZE),
          seq,
          atMs: stored.atMs,
          source: stored.source,
          venue: stored.venue ?? null,
          message: stored.message,
          detail: stored.detail ?? null,
        },
        ConditionExpression: 'attribute_not_exists(seq) OR seq < :seq',
        ExpressionAttributeValues: { ':seq': seq },
      }),
    );
  } catch (err) {
    // 100 newer errors were written meanwhile: this one is already out of the window.
    if (!isConditionalCheckFailed(err)) throw err;
  }
  return stored;
}

/** The newest `limit` errors (1..100), newest first. */
export async function listErrors(ctx: StoreContext, limit: number): Promise<StoredError[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > ERROR_RING_SIZE)
    throw new RangeError(`limit must be 1..${ERROR_RING_SIZE}`);
  const out = await ctx.doc.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': ERRORS_PK },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? [])
    .map((item) => {
      const parsed = storedSchema.safeParse(item);
      if (!parsed.success) throw new CorruptItem('error entry', parsed.error.message);
      const { venue, detail, ...rest } = parsed.data;
      return { ...rest, ...(venue ? { venue } : {}), ...(detail !== null ? { detail } : {}) };
    })
    .sort((a, b) => b.seq - a.seq)
    .slice(0, limit);
}
