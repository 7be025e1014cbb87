/**
 * Terminal transitions (`failed`, `unwound`, `settled`): the bet's money reaches the account
 * exactly once, in three single-item writes, each safe to repeat:
 *
 *   1. bet: `from → to` conditional on status, version and ledger `reserved`; stores the result
 *      (computed from the recorded fills) and sets ledger `pending`. Exactly one runner wins.
 *   2. account: applies the result and removes the intent, conditional on the intent (./ledger.ts).
 *   3. bet: ledger `pending → applied`, leaves the active index.
 *
 * A crash after 1 or after 2 leaves the bet `pending`; running `finishBet` again (or
 * `repairPendingLedgers`) redoes 2 (a no-op if it happened) and 3, with the result stored in 1,
 * never with new figures. See docs/store.md.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type BetRecord,
  type BetResult,
  isAllowedTransition,
  isTerminal,
  legSpentMicros,
  unwindReceivedMicros,
} from '../core/bet';
import type { TradingMode } from '../core/mode';
import { assertInteger, type Micros } from '../core/money';
import { utcDay } from '../core/time';
import type { FinishOutcome, FinishRequest } from '../engine/ports';
import { getAccount } from './account';
import { listActiveBets } from './bet-queries';
import { activeKeys, newBetItem, requireBet, toRecord } from './bets';
import { AccountNotFound, BetStatusConflict, IllegalTransition } from './errors';
import { applyBetToAccount } from './ledger';
import { betKey, isConditionalCheckFailed, type StoreContext } from './table';

const MAX_ATTEMPTS = 5;

export function resultOf(
  bet: BetRecord,
  payoutMicros: Micros,
  nowMs: number,
  legPayoutsMicros?: readonly Micros[],
): BetResult {
  if (legPayoutsMicros !== undefined && legPayoutsMicros.length !== bet.legs.length)
    throw new RangeError(`legPayoutsMicros has ${legPayoutsMicros.length} parts for ${bet.legs.length} legs`);
  const spentMicros = legSpentMicros(bet);
  const receivedMicros = unwindReceivedMicros(bet) + payoutMicros;
  const pnlMicros = receivedMicros - spentMicros;
  return {
    spentMicros,
    receivedMicros,
    payoutMicros,
    pnlMicros,
    lossMicros: Math.max(0, -pnlMicros),
    creditMicros: bet.reservedMicros - spentMicros + receivedMicros,
    realisedDay: utcDay(nowMs),
    ...(legPayoutsMicros === undefined ? {} : { legPayoutsMicros: [...legPayoutsMicros] }),
  };
}

/** Step 1 alone (exported so tests can stop between steps, as a crash would). */
export async function markFinished(ctx: StoreContext, req: FinishRequest, bet: BetRecord): Promise<BetRecord> {
  const result = resultOf(bet, req.payoutMicros, req.nowMs, req.legPayoutsMicros);
  const values: Record<string, unknown> = {
    ':from': req.from,
    ':to': req.to,
    ':now': req.nowMs,
    ':run': req.runId,
    ':v': bet.version,
    ':one': 1,
    ':reserved': 'reserved',
    ':pending': 'pending',
    ':result': result,
    ':g2': activeKeys(bet.mode, req.to, bet.id).gsi2sk,
  };
  let set =
    '#status = :to, ledger = :pending, #result = :result, statusTimes.#to = :now, statusBy.#to = :run, updatedAtMs = :now, gsi2sk = :g2';
  if (req.note !== undefined) {
    set += ', note = :note';
    values[':note'] = req.note;
  }
  if (req.cooldownUntilMs !== undefined) {
    set += ', cooldownUntilMs = :cool';
    values[':cool'] = req.cooldownUntilMs;
  }
  const out = await ctx.doc.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: betKey(bet.id),
      UpdateExpression: `SET ${set} ADD version :one`,
      ConditionExpression: '#status = :from AND version = :v AND ledger = :reserved',
      ExpressionAttributeNames: { '#status': 'status', '#result': 'result', '#to': req.to },
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    }),
  );
  return toRecord(out.Attributes ?? {});
}

/** Steps 2 and 3 for a bet whose ledger is `pending`; a no-op once `applied`. */
export async function completeLedger(
  ctx: StoreContext,
  bet: BetRecord,
): Promise<{ bet: BetRecord; credited: boolean }> {
  if (bet.ledger === 'applied') return { bet, credited: false };
  if (bet.ledger !== 'pending') throw new RangeError(`bet ${bet.id} is not finished`);
  const credited = await applyBetToAccount(ctx, bet);
  try {
    const out = await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: betKey(bet.id),
        UpdateExpression: 'SET ledger = :applied REMOVE gsi2pk, gsi2sk ADD version :one',
        ConditionExpression: 'ledger = :pending',
        ExpressionAttributeValues: { ':applied': 'applied', ':pending': 'pending', ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { bet: toRecord(out.Attributes ?? {}), credited };
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    return { bet: await requireBet(ctx, bet.id), credited };
  }
}

/** Moves a bet to a terminal status and applies its money to the account, exactly once. */
export async function finishBet(ctx: StoreContext, req: FinishRequest): Promise<FinishOutcome> {
  if (!isAllowedTransition(req.from, req.to)) throw new IllegalTransition(req.betId, req.from, req.to);
  if (!isTerminal(req.to)) throw new RangeError(`${req.to} is not terminal: use transitionBet`);
  assertInteger(req.payoutMicros, 'payoutMicros');
  if (req.payoutMicros < 0 || (req.to !== 'settled' && req.payoutMicros !== 0)) {
    throw new RangeError(`payoutMicros ${req.payoutMicros} is not valid for ${req.to}`);
  }
  if (req.legPayoutsMicros !== undefined) {
    req.legPayoutsMicros.forEach((p, i) => assertInteger(p, `legPayoutsMicros[${i}]`));
    const sum = req.legPayoutsMicros.reduce((s, p) => s + p, 0);
    if (req.to !== 'settled' || req.legPayoutsMicros.some((p) => p < 0) || sum !== req.payoutMicros)
      throw new RangeError(`legPayoutsMicros must be settled, ≥ 0 and sum to payoutMicros ${req.payoutMicros}`);
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const bet = await requireBet(ctx, req.betId);
    if (bet.status === req.to && bet.ledger !== 'reserved') {
      const done = await completeLedger(ctx, bet);
      return { ...done, alreadyFinished: true };
    }
    if (bet.status !== req.from) throw new BetStatusConflict(req.betId, req.from, bet.status);
    let finished: BetRecord;
    try {
      finished = await markFinished(ctx, req, bet);
    } catch (err) {
      if (isConditionalCheckFailed(err)) continue; // moved or new fills recorded: read again
      throw err;
    }
    const done = await completeLedger(ctx, finished);
    return { ...done, alreadyFinished: false };
  }
  throw new BetStatusConflict(req.betId, req.from, (await requireBet(ctx, req.betId)).status);
}

/** Finishes steps 2–3 of every bet left `pending` by a crash. Returns how many it repaired. */
export async function repairPendingLedgers(ctx: StoreContext, mode: TradingMode): Promise<number> {
  let repaired = 0;
  for (const listed of await listActiveBets(ctx, mode)) {
    if (listed.ledger !== 'pending') continue;
    const bet = await requireBet(ctx, listed.id); // the index lags: act on the item itself
    if (bet.ledger !== 'pending') continue;
    await completeLedger(ctx, bet);
    repaired += 1;
  }
  return repaired;
}

/**
 * A reservation with no bet item (crash between admission and the bet write): writes a `failed`
 * tombstone under the bet id, so a late writer can no longer create the bet and trade on it,
 * then releases the reservation through the normal ledger path. 'bet-exists': look at the bet.
 */
export async function releaseOrphanIntent(
  ctx: StoreContext,
  mode: TradingMode,
  betId: string,
  nowMs: number,
): Promise<'released' | 'no-intent' | 'bet-exists'> {
  const account = await getAccount(ctx, mode);
  if (!account) throw new AccountNotFound(mode);
  const intent = account.intents[betId];
  if (!intent) return 'no-intent';
  const base = newBetItem(
    {
      id: betId,
      mode,
      pairId: '',
      league: null,
      title: '(reservation without a bet)',
      teams: ['', ''],
      legs: [],
      costMicros: intent.costMicros,
      worstCaseLossMicros: intent.worstCaseLossMicros,
    },
    intent.atMs,
    'failed',
    'reconcile',
  );
  const tombstone = {
    ...base,
    ledger: 'pending',
    note: 'released by reconcile: the bet was never written',
    updatedAtMs: nowMs,
  };
  const bet = toRecord(tombstone);
  const item = { ...tombstone, ...activeKeys(mode, 'failed', betId), result: resultOf(bet, 0, nowMs) };
  try {
    await ctx.doc.send(
      new PutCommand({ TableName: ctx.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (err) {
    if (isConditionalCheckFailed(err)) return 'bet-exists';
    throw err;
  }
  await completeLedger(ctx, toRecord(item));
  return 'released';
}
