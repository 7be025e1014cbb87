/**
 * History imported from the original PolyMix's data file (`npx polymix import-original`,
 * docs/migrating.md#importing-the-data-file, docs/adr/0008-imported-history.md).
 *
 * Imported bets are their OWN item type (`ORIGBET#<mode>#<key>`), never a bet item: they have no
 * `BET#` key, no place in the `active` index, no reservation on the account and no
 * `BETS#<mode>` listing, so nothing that scans, settles, reconciles or admits (all of which read
 * those) can see one, send one of its orders, or count it as in flight. They are read only by
 * `listImportedBets` (the original-format state answer).
 *
 * Writing without transactions (dynalite has none, docs/store.md): every write is conditional
 * and repeatable, and the ACCOUNT write comes last, as the commit point that carries the import
 * id (`importId`). Before it lands the ledger's balance and limits are untouched; a run that
 * stopped half-way is finished by running the same import again; once it has landed, running
 * the same import again writes nothing at all.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { TradingMode } from '../core/mode';
import { assertInteger, type Micros } from '../core/money';
import { getAccount, lossAttr, riskAttr, tradesAttr } from './account';
import { listBets } from './bet-queries';
import { CorruptItem, StoreError } from './errors';
import { accountKey, BY_MODE_INDEX, isConditionalCheckFailed, type StoreContext } from './table';

/** One bet of the original's file, as kept here. Money in exact micros. */
export interface ImportedBet {
  /** Deterministic from the original's id and timestamp (the original's ids are per game). */
  readonly key: string;
  readonly originalId: string;
  readonly game: string;
  readonly sport: string;
  /** As the original wrote it. */
  readonly timestamp: string;
  /** The timestamp read as UTC when it has no zone. */
  readonly atMs: number;
  readonly status: 'pending' | 'settled';
  /** The original's legs, verbatim JSON (their shape was the original's own). */
  readonly legsJson: string;
  readonly orderIds: Readonly<Record<string, string | null>>;
  readonly costMicros: Micros;
  readonly profitMicros: Micros;
  /** The bet's other fields, verbatim JSON, or null. */
  readonly extraJson: string | null;
}

/** Everything one import writes, computed from the file before anything is written. */
export interface ImportPlan {
  /** sha256 of the plan itself: the same file always gives the same id. */
  readonly importId: string;
  readonly mode: TradingMode;
  readonly balanceMicros: Micros;
  readonly initialBalanceMicros: Micros;
  /** Per UTC day: admitted trades and realised loss (docs/migrating.md#daily-counters). */
  readonly days: Readonly<Record<string, { readonly trades: number; readonly lossMicros: Micros }>>;
  readonly bets: readonly ImportedBet[];
  /** The original's error log, one JSON text per entry (PEM blanked, truncated). */
  readonly errors: readonly string[];
}

export type ImportTarget =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'pristine' }
  | { readonly kind: 'done' }
  | { readonly kind: 'refused'; readonly reason: string };

export interface ImportOutcome {
  readonly target: 'fresh' | 'pristine' | 'done';
  /** Items written by this run (0 when the import was already complete). */
  readonly writes: number;
}

export class ImportRefused extends StoreError {}

const importedKey = (mode: TradingMode, key: string) => ({ pk: `ORIGBET#${mode}#${key}`, sk: 'ORIGBET' });
const importRecordKey = (mode: TradingMode) => ({ pk: `IMPORT#${mode}`, sk: 'ORIGINAL' });
const importedGsi = (mode: TradingMode, atMs: number, key: string) => ({
  gsi1pk: `ORIGBETS#${mode}`,
  gsi1sk: `${String(atMs).padStart(15, '0')}#${key}`,
});

const int = z.number().int().refine(Number.isSafeInteger, 'not a safe integer');
const importedSchema = z.object({
  key: z.string(),
  originalId: z.string(),
  game: z.string(),
  sport: z.string(),
  timestamp: z.string(),
  atMs: int,
  status: z.enum(['pending', 'settled']),
  legsJson: z.string(),
  orderIds: z.record(z.string(), z.string().nullable()),
  costMicros: int,
  profitMicros: int,
  extraJson: z.string().nullable(),
});

/** Where a plan would go: a new account, an untouched one, this same import done, or refused. */
export async function importTarget(ctx: StoreContext, mode: TradingMode, importId: string): Promise<ImportTarget> {
  const item = (
    await ctx.doc.send(new GetCommand({ TableName: ctx.tableName, Key: accountKey(mode), ConsistentRead: true }))
  ).Item;
  if (item?.importId === importId) return { kind: 'done' };
  if (item && typeof item.importId === 'string')
    return {
      kind: 'refused',
      reason: `the ${mode} ledger already holds another import (${item.importId.slice(0, 12)}…)`,
    };
  const record = (
    await ctx.doc.send(new GetCommand({ TableName: ctx.tableName, Key: importRecordKey(mode), ConsistentRead: true }))
  ).Item;
  if (record && record.importId !== importId)
    return {
      kind: 'refused',
      reason: `an unfinished import of another file (${String(record.importId).slice(0, 12)}…) is in the ${mode} ledger: run that import again to finish it, or import into an empty table`,
    };
  if ((await listBets(ctx, mode, { limit: 1 })).bets.length > 0)
    return { kind: 'refused', reason: `the ${mode} ledger already has PolyMix bets: import into an empty table` };
  if (!item) return { kind: 'fresh' };
  const account = await getAccount(ctx, mode);
  if (!account) return { kind: 'fresh' };
  if (
    Object.keys(account.intents).length > 0 ||
    Object.keys(account.days).length > 0 ||
    account.balanceMicros !== account.initialBalanceMicros
  )
    return {
      kind: 'refused',
      reason: `the ${mode} account has history of its own (trades, day counters or a moved balance): import into an empty table`,
    };
  return { kind: 'pristine' };
}

function assertPlan(plan: ImportPlan): void {
  assertInteger(plan.balanceMicros, 'balanceMicros');
  assertInteger(plan.initialBalanceMicros, 'initialBalanceMicros');
  for (const b of plan.bets) {
    assertInteger(b.costMicros, 'costMicros');
    assertInteger(b.profitMicros, 'profitMicros');
  }
}

/**
 * Writes the plan: the import record, every imported bet, then the account (the commit point).
 * Refused (ImportRefused, nothing written) unless the target is fresh, pristine or this import.
 */
export async function importOriginalLedger(ctx: StoreContext, plan: ImportPlan, nowMs: number): Promise<ImportOutcome> {
  assertPlan(plan);
  const target = await importTarget(ctx, plan.mode, plan.importId);
  if (target.kind === 'refused') throw new ImportRefused(target.reason);
  if (target.kind === 'done') return { target: 'done', writes: 0 };
  let writes = 0;
  const sameImport = { ConditionExpression: 'attribute_not_exists(pk) OR importId = :id' };
  const put = async (item: Record<string, unknown>) => {
    try {
      await ctx.doc.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: { ...item, importId: plan.importId },
          ...sameImport,
          ExpressionAttributeValues: { ':id': plan.importId },
        }),
      );
      writes += 1;
    } catch (err) {
      if (isConditionalCheckFailed(err))
        throw new ImportRefused(`${String(item.pk)} belongs to another import: nothing more was written`);
      throw err;
    }
  };
  await put({
    ...importRecordKey(plan.mode),
    mode: plan.mode,
    atMs: nowMs,
    bets: plan.bets.length,
    errors: [...plan.errors],
  });
  for (const bet of plan.bets)
    await put({
      ...importedKey(plan.mode, bet.key),
      ...importedGsi(plan.mode, bet.atMs, bet.key),
      mode: plan.mode,
      ...bet,
    });

  const dayValues: Record<string, number> = {};
  for (const [day, c] of Object.entries(plan.days)) {
    if (c.trades > 0) dayValues[tradesAttr(day)] = c.trades;
    if (c.lossMicros > 0) {
      dayValues[lossAttr(day)] = c.lossMicros;
      dayValues[riskAttr(day)] = c.lossMicros;
    }
  }
  try {
    if (target.kind === 'fresh') {
      await ctx.doc.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: {
            ...accountKey(plan.mode),
            mode: plan.mode,
            balanceMicros: plan.balanceMicros,
            initialBalanceMicros: plan.initialBalanceMicros,
            halted: false,
            haltReason: null,
            haltedAtMs: null,
            intents: {},
            ...dayValues,
            importId: plan.importId,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } else {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {
        ':bal': plan.balanceMicros,
        ':init': plan.initialBalanceMicros,
        ':id': plan.importId,
        ':zero': 0,
      };
      const sets = ['balanceMicros = :bal', 'initialBalanceMicros = :init', 'importId = :id'];
      Object.entries(dayValues).forEach(([name, v], i) => {
        names[`#d${i}`] = name;
        values[`:d${i}`] = v;
        sets.push(`#d${i} = :d${i}`);
      });
      await ctx.doc.send(
        new UpdateCommand({
          TableName: ctx.tableName,
          Key: accountKey(plan.mode),
          UpdateExpression: `SET ${sets.join(', ')}`,
          // Still untouched: no import, no reservation, balance where it started.
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(importId) AND size(intents) = :zero AND balanceMicros = initialBalanceMicros',
          ExpressionAttributeValues: values,
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        }),
      );
    }
    writes += 1;
  } catch (err) {
    if (isConditionalCheckFailed(err))
      throw new ImportRefused(
        `the ${plan.mode} account changed during the import: stop whatever trades on it, then run the same import again`,
      );
    throw err;
  }
  return { target: target.kind, writes };
}

/** The imported bets of a mode, newest first. */
export async function listImportedBets(ctx: StoreContext, mode: TradingMode): Promise<ImportedBet[]> {
  const bets: ImportedBet[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ctx.doc.send(
      new QueryCommand({
        TableName: ctx.tableName,
        IndexName: BY_MODE_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `ORIGBETS#${mode}` },
        ScanIndexForward: false,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of out.Items ?? []) {
      const parsed = importedSchema.safeParse(item);
      if (!parsed.success) throw new CorruptItem(`imported bet ${String(item.key)}`, parsed.error.message);
      bets.push(parsed.data);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return bets;
}
