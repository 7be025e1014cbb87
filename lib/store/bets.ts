/**
 * Bet items: creation at admission and non-terminal status changes. Order results are in
 * ./bet-orders.ts, queries in ./bet-queries.ts; terminal statuses go through ./finish.ts
 * because they move money.
 *
 * Every status change is ONE UpdateItem conditional on the previous status, so of two racing
 * changes from the same status exactly one wins; the other gets `BetStatusConflict`.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AdmissionLimits, AdmissionResult } from '../core/account';
import { type BetRecord, type BetStatus, clientOrderIdFor, isAllowedTransition, isTerminal } from '../core/bet';
import type { League } from '../core/market';
import type { TradingMode } from '../core/mode';
import { utcDay } from '../core/time';
import type { NewBet, TransitionOptions } from '../engine/ports';
import { admitTrade, assertBetId } from './admission';
import { decodeBet } from './bet-record';
import { BetNotFound, BetStatusConflict, IllegalTransition } from './errors';
import { releaseIntent } from './ledger';
import { betKey, isConditionalCheckFailed, type StoreContext } from './table';

export const byModeKeys = (mode: TradingMode, createdAtMs: number, betId: string) => ({
  gsi1pk: `BETS#${mode}`,
  gsi1sk: `${String(createdAtMs).padStart(15, '0')}#${betId}`,
});
export const activeSortKey = (status: BetStatus, betId: string) => `${status}#${betId}`;
export const activeKeys = (mode: TradingMode, status: BetStatus, betId: string) => ({
  gsi2pk: `ACTIVE#${mode}`,
  gsi2sk: activeSortKey(status, betId),
});

/** The item of a freshly admitted (or tombstoned) bet. */
export function newBetItem(
  bet: Omit<NewBet, 'league'> & { readonly league: League | null },
  nowMs: number,
  status: BetStatus,
  runId: string,
): Record<string, unknown> {
  const record: BetRecord = {
    id: bet.id,
    mode: bet.mode,
    pairId: bet.pairId,
    league: bet.league,
    title: bet.title,
    teams: bet.teams,
    status,
    ledger: 'reserved',
    reservedMicros: bet.costMicros,
    worstCaseLossMicros: bet.worstCaseLossMicros,
    admittedDay: utcDay(nowMs),
    legs: bet.legs.map((l, i) => ({
      ...l,
      attempt: 0,
      clientOrderId: clientOrderIdFor(bet.id, i, 0),
      venueOrderId: null,
      filledCenti: 0,
      filledNotionalMicros: 0,
      filledFeeMicros: 0,
    })),
    unwinds: [],
    result: null,
    cooldownUntilMs: null,
    note: null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    admittedBy: runId,
    statusTimes: { [status]: nowMs },
    statusBy: { [status]: runId },
    version: 1,
  };
  return {
    ...betKey(bet.id),
    ...byModeKeys(bet.mode, nowMs, bet.id),
    ...activeKeys(bet.mode, status, bet.id),
    ...record,
    // Stored as a map keyed `<leg>-<attempt>` so re-recording an unwind attempt overwrites it.
    unwinds: {},
  };
}

/** Unwinds are stored as a map; the record exposes them as a list in (leg, attempt) order. */
export function toRecord(item: Record<string, unknown>): BetRecord {
  const unwinds = item.unwinds && typeof item.unwinds === 'object' ? Object.values(item.unwinds) : [];
  const bet = decodeBet({ ...item, unwinds });
  return { ...bet, unwinds: [...bet.unwinds].sort((a, b) => a.legIndex - b.legIndex || a.attempt - b.attempt) };
}

export async function getBet(ctx: StoreContext, betId: string): Promise<BetRecord | null> {
  const out = await ctx.doc.send(
    new GetCommand({ TableName: ctx.tableName, Key: betKey(betId), ConsistentRead: true }),
  );
  return out.Item ? toRecord(out.Item) : null;
}

export async function requireBet(ctx: StoreContext, betId: string): Promise<BetRecord> {
  const bet = await getBet(ctx, betId);
  if (!bet) throw new BetNotFound(betId);
  return bet;
}

/**
 * Admits the trade (one conditional account write, ./admission.ts), then writes the bet item in
 * status `admitted`. A crash between the two leaves an intent with no bet: reconcile releases it
 * (`releaseOrphanIntent`). A bet id that already has an item is refused as DUPLICATE_BET and its
 * fresh reservation released. Repeating the identical call (same bet, same `nowMs`), as an SDK
 * retry does, answers `admitted` again and reserves nothing more; `runId` tells it from another run.
 */
export async function admitBet(
  ctx: StoreContext,
  bet: NewBet,
  limits: AdmissionLimits,
  nowMs: number,
  runId: string,
): Promise<AdmissionResult> {
  assertBetId(bet.id);
  const admission = await admitTrade(ctx, {
    mode: bet.mode,
    betId: bet.id,
    costMicros: bet.costMicros,
    worstCaseLossMicros: bet.worstCaseLossMicros,
    limits,
    nowMs,
    runId,
  });
  if (!admission.admitted) return admission;
  try {
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: newBetItem(bet, nowMs, 'admitted', runId),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    const existing = await getBet(ctx, bet.id);
    if (existing && isSameAdmission(existing, bet, nowMs, runId)) return admission; // SDK retry of our own put
    await releaseIntent(ctx, bet.mode, bet.id, nowMs);
    return { admitted: false, code: 'DUPLICATE_BET', message: `Bet ${bet.id} already exists` };
  }
  return admission;
}

/** The stored bet is the one this admission wrote (not a tombstone, not another request's). */
function isSameAdmission(existing: BetRecord, bet: NewBet, nowMs: number, runId: string): boolean {
  return (
    existing.admittedBy === runId &&
    existing.status === 'admitted' &&
    existing.ledger === 'reserved' &&
    existing.createdAtMs === nowMs &&
    existing.pairId === bet.pairId &&
    existing.reservedMicros === bet.costMicros
  );
}

/** A non-terminal status change, conditional on `from`. Terminal ones: `finishBet` (./ledger.ts). */
export async function transitionBet(
  ctx: StoreContext,
  betId: string,
  from: BetStatus,
  to: BetStatus,
  opts: TransitionOptions,
): Promise<BetRecord> {
  if (!isAllowedTransition(from, to)) throw new IllegalTransition(betId, from, to);
  if (isTerminal(to)) throw new RangeError(`${to} is terminal: use finishBet so the money is applied`);
  const names: Record<string, string> = { '#status': 'status', '#to': to };
  const values: Record<string, unknown> = {
    ':from': from,
    ':to': to,
    ':now': opts.nowMs,
    ':run': opts.runId,
    ':one': 1,
    ':g2': activeSortKey(to, betId),
  };
  let set = '#status = :to, statusTimes.#to = :now, statusBy.#to = :run, updatedAtMs = :now, gsi2sk = :g2';
  if (opts.note !== undefined) {
    set += ', note = :note';
    values[':note'] = opts.note;
  }
  if (opts.cooldownUntilMs !== undefined) {
    set += ', cooldownUntilMs = :cool';
    values[':cool'] = opts.cooldownUntilMs;
  }
  try {
    const out = await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: betKey(betId),
        UpdateExpression: `SET ${set} ADD version :one`,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRecord(out.Attributes ?? {});
  } catch (err) {
    if (!isConditionalCheckFailed(err)) throw err;
    const now = await requireBet(ctx, betId);
    // An SDK retry of our own committed write: same target, same run, same instant.
    if (now.status === to && now.statusBy[to] === opts.runId && now.statusTimes[to] === opts.nowMs) return now;
    throw new BetStatusConflict(betId, from, now.status);
  }
}
