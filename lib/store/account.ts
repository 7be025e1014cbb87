/**
 * The account item `ACCOUNT#<mode>`: the serialisation point of every limit (docs/store.md#1-item-layout).
 *
 * Per-UTC-day counters are flat attributes named by the day, so a new day starts at zero with
 * no reset job: `trades#<day>` (admitted trades), `loss#<day>` (realised losses),
 * `risk#<day>` (realised losses + worst-case loss of the trades admitted that day and still in
 * flight; the admission condition reads this one, so concurrent in-flight trades can never sum
 * past the daily loss limit). See docs/store.md.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Account, StaleIntent } from '../core/account';
import type { TradingMode } from '../core/mode';
import { assertInteger, type Micros } from '../core/money';
import { AccountNotFound, CorruptItem } from './errors';
import { accountKey, isConditionalCheckFailed, type StoreContext } from './table';

export const tradesAttr = (day: string) => `trades#${day}`;
export const lossAttr = (day: string) => `loss#${day}`;
export const riskAttr = (day: string) => `risk#${day}`;

const int = z.number().int().refine(Number.isSafeInteger, 'not a safe integer');
const intentSchema = z.object({
  costMicros: int,
  worstCaseLossMicros: int,
  day: z.string(),
  atMs: int,
  runId: z.string(),
});
const accountSchema = z
  .object({
    mode: z.enum(['paper', 'live']),
    balanceMicros: int,
    initialBalanceMicros: int,
    halted: z.boolean(),
    haltReason: z.string().nullable(),
    haltedAtMs: int.nullable(),
    intents: z.record(z.string(), intentSchema),
  })
  .loose();

const DAY_ATTR = /^(trades|loss|risk)#(\d{4}-\d{2}-\d{2})$/;

export function decodeAccount(item: Record<string, unknown>): Account {
  const parsed = accountSchema.safeParse(item);
  if (!parsed.success) throw new CorruptItem('account', parsed.error.message);
  const days: Record<string, { trades: number; lossMicros: number; riskMicros: number }> = {};
  for (const [name, value] of Object.entries(item)) {
    const m = DAY_ATTR.exec(name);
    if (!m || !m[1] || !m[2]) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      throw new CorruptItem('account', `${name} not an integer`);
    const day = (days[m[2]] ??= { trades: 0, lossMicros: 0, riskMicros: 0 });
    if (m[1] === 'trades') day.trades = value;
    else if (m[1] === 'loss') day.lossMicros = value;
    else day.riskMicros = value;
  }
  const a = parsed.data;
  return {
    mode: a.mode,
    balanceMicros: a.balanceMicros,
    initialBalanceMicros: a.initialBalanceMicros,
    halted: a.halted,
    haltReason: a.haltReason,
    haltedAtMs: a.haltedAtMs,
    intents: a.intents,
    days,
  };
}

/** Creates the account with its balance if it does not exist; never touches an existing one. */
export async function ensureAccount(
  ctx: StoreContext,
  mode: TradingMode,
  initialBalanceMicros: Micros,
): Promise<{ created: boolean }> {
  assertInteger(initialBalanceMicros, 'initialBalanceMicros');
  if (initialBalanceMicros < 0) throw new RangeError('initialBalanceMicros must not be negative');
  try {
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: {
          ...accountKey(mode),
          mode,
          balanceMicros: initialBalanceMicros,
          initialBalanceMicros,
          halted: false,
          haltReason: null,
          haltedAtMs: null,
          // Must exist as a map: updates write `intents.<betId>` into it.
          intents: {},
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { created: true };
  } catch (err) {
    if (isConditionalCheckFailed(err)) return { created: false };
    throw err;
  }
}

/** Strongly consistent read; null when the account was never created. */
export async function getAccount(ctx: StoreContext, mode: TradingMode): Promise<Account | null> {
  const out = await ctx.doc.send(
    new GetCommand({ TableName: ctx.tableName, Key: accountKey(mode), ConsistentRead: true }),
  );
  return out.Item ? decodeAccount(out.Item) : null;
}

/** Kill switch: halting stops admissions at once (the admission condition reads it). */
export async function setHalted(
  ctx: StoreContext,
  mode: TradingMode,
  halted: boolean,
  reason: string | null,
  nowMs: number,
): Promise<void> {
  try {
    await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: accountKey(mode),
        UpdateExpression: 'SET halted = :h, haltReason = :r, haltedAtMs = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':h': halted,
          ':r': halted ? (reason ?? 'halted') : null,
          ':at': halted ? nowMs : null,
        },
      }),
    );
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw new AccountNotFound(mode);
    throw err;
  }
}

/**
 * Reservations older than `olderThanMs`, oldest first: candidates for reconcile. An intent lives
 * until its bet's money is applied, so open bets awaiting resolution are listed too: reconcile
 * looks at each bet (missing → `releaseOrphanIntent`; stuck `placing` → check the venues).
 */
export async function listStaleIntents(
  ctx: StoreContext,
  mode: TradingMode,
  olderThanMs: number,
): Promise<StaleIntent[]> {
  const account = await getAccount(ctx, mode);
  if (!account) return [];
  return Object.entries(account.intents)
    .filter(([, i]) => i.atMs < olderThanMs)
    .map(([betId, i]) => ({ betId, ...i }))
    .sort((a, b) => a.atMs - b.atMs);
}
