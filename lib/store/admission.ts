/**
 * Admission: ONE conditional UpdateItem on the account checks every limit at once and, in the
 * same write, reserves the cost, counts the trade, reserves the worst-case loss and records the
 * intent (docs/store.md#2-the-admission-condition). Either all of it happens or none; no transaction needed.
 *
 * When the condition fails, DynamoDB says only "the conditional request failed". The item as it
 * was is requested with `ReturnValuesOnConditionCheckFailure: ALL_OLD` (real DynamoDB returns
 * it); dynalite 4 accepts the parameter but returns no item, so we then read the account back.
 * If the state read shows no broken limit (it changed in between, e.g. a release raised the
 * balance), the admission is simply tried again.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Account, AdmissionLimits, AdmissionResult } from '../core/account';
import type { TradingMode } from '../core/mode';
import { assertInteger, type Micros } from '../core/money';
import { utcDay } from '../core/time';
import { decodeAccount, getAccount, riskAttr, tradesAttr } from './account';
import { AccountNotFound } from './errors';
import { accountKey, isConditionalCheckFailed, type StoreContext } from './table';

export interface AdmissionRequest {
  readonly mode: TradingMode;
  readonly betId: string;
  /** Most this trade can spend, fees included: reserved from the balance. */
  readonly costMicros: Micros;
  /** Most this trade can lose (e.g. a one-legged unwind): reserved against today's loss limit. */
  readonly worstCaseLossMicros: Micros;
  readonly limits: AdmissionLimits;
  readonly nowMs: number;
  /** Identifies this run (e.g. invocation id): a retried write that committed is recognised by it. */
  readonly runId: string;
}

const BET_ID = /^[A-Za-z0-9._:-]{1,80}$/;
const MAX_ATTEMPTS = 5;

export function assertBetId(betId: string): void {
  if (!BET_ID.test(betId)) throw new RangeError(`bet id must match ${BET_ID.source}, got ${JSON.stringify(betId)}`);
}

function validate(req: AdmissionRequest): void {
  assertBetId(req.betId);
  assertInteger(req.costMicros, 'costMicros');
  assertInteger(req.worstCaseLossMicros, 'worstCaseLossMicros');
  assertInteger(req.limits.maxDailyTrades, 'maxDailyTrades');
  assertInteger(req.limits.dailyLossLimitMicros, 'dailyLossLimitMicros');
  assertInteger(req.nowMs, 'nowMs');
  if (req.runId.length === 0) throw new RangeError('runId must not be empty');
  if (req.costMicros <= 0) throw new RangeError('costMicros must be positive');
  if (req.worstCaseLossMicros < 0) throw new RangeError('worstCaseLossMicros must not be negative');
}

/**
 * Why `account` cannot admit `req`, in the original PolyMix's precedence (halted, trades, loss, balance),
 * or null when it could.
 */
export function refusalFor(
  account: Account,
  req: AdmissionRequest,
): Exclude<AdmissionResult, { admitted: true }> | null {
  const today = account.days[utcDay(req.nowMs)];
  const trades = today?.trades ?? 0;
  const risk = today?.riskMicros ?? 0;
  if (account.intents[req.betId] && !isOwnIntent(account, req))
    return { admitted: false, code: 'DUPLICATE_BET', message: `Bet ${req.betId} already admitted` };
  if (account.halted) return { admitted: false, code: 'HALTED', message: 'Trading halted' };
  if (trades >= req.limits.maxDailyTrades) {
    return {
      admitted: false,
      code: 'DAILY_TRADE_LIMIT',
      message: `Daily trade limit reached (${req.limits.maxDailyTrades})`,
    };
  }
  if (risk > req.limits.dailyLossLimitMicros - req.worstCaseLossMicros) {
    return { admitted: false, code: 'DAILY_LOSS_LIMIT', message: 'Daily loss limit reached' };
  }
  if (account.balanceMicros < req.costMicros)
    return { admitted: false, code: 'INSUFFICIENT_BALANCE', message: 'Insufficient balance' };
  return null;
}

/**
 * The intent this very request wrote: an SDK retry of a write that did commit (response lost)
 * fails its condition on its own intent and must still report success.
 */
function isOwnIntent(account: Account, req: AdmissionRequest): boolean {
  const intent = account.intents[req.betId];
  return (
    intent !== undefined &&
    intent.atMs === req.nowMs &&
    intent.runId === req.runId &&
    intent.costMicros === req.costMicros &&
    intent.worstCaseLossMicros === req.worstCaseLossMicros
  );
}

export async function admitTrade(ctx: StoreContext, req: AdmissionRequest): Promise<AdmissionResult> {
  validate(req);
  const day = utcDay(req.nowMs);
  const lossCeiling = req.limits.dailyLossLimitMicros - req.worstCaseLossMicros;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    let old: Account | null = null;
    // A negative ceiling cannot be expressed against a missing counter; it is a refusal anyway.
    if (lossCeiling >= 0) {
      try {
        const out = await ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.tableName,
            Key: accountKey(req.mode),
            UpdateExpression: 'SET intents.#bet = :intent ADD #trades :one, #risk :worst, balanceMicros :negCost',
            ConditionExpression:
              'attribute_exists(pk) AND halted = :false' +
              ' AND (attribute_not_exists(#trades) OR #trades < :maxTrades)' +
              ' AND (attribute_not_exists(#risk) OR #risk <= :lossCeiling)' +
              ' AND balanceMicros >= :cost AND attribute_not_exists(intents.#bet)',
            ExpressionAttributeNames: { '#bet': req.betId, '#trades': tradesAttr(day), '#risk': riskAttr(day) },
            ExpressionAttributeValues: {
              ':intent': {
                costMicros: req.costMicros,
                worstCaseLossMicros: req.worstCaseLossMicros,
                day,
                atMs: req.nowMs,
                runId: req.runId,
              },
              ':one': 1,
              ':worst': req.worstCaseLossMicros,
              ':negCost': -req.costMicros,
              ':false': false,
              ':maxTrades': req.limits.maxDailyTrades,
              ':lossCeiling': lossCeiling,
              ':cost': req.costMicros,
            },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        const after = decodeAccount(out.Attributes ?? {});
        return {
          admitted: true,
          day,
          balanceAfterMicros: after.balanceMicros,
          tradesToday: after.days[day]?.trades ?? 0,
        };
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
        const item = (err as { Item?: Parameters<typeof unmarshall>[0] }).Item;
        if (item) old = decodeAccount(unmarshall(item));
      }
    }
    old ??= await getAccount(ctx, req.mode);
    if (!old) throw new AccountNotFound(req.mode);
    if (isOwnIntent(old, req)) {
      return { admitted: true, day, balanceAfterMicros: old.balanceMicros, tradesToday: old.days[day]?.trades ?? 0 };
    }
    const refusal = refusalFor(old, req);
    if (refusal) return refusal;
  }
  return { admitted: false, code: 'CONTENDED', message: 'Admission contended, try again' };
}
