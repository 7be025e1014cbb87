/**
 * `GET /trading/state` — the original PolyMix's account summary plus one page of bets, newest first.
 * Figures come from the account item (exact, one read) rather than from summing every bet:
 * - total_profit (realised) = balance − initial_balance + Σ reservations still held, because
 *   every finished bet moved the balance by exactly its P&L and every unfinished one is
 *   still out by its reservation (docs/store.md §3).
 * - estimated_profit = Σ expected profit of the bets not finished yet (./bet-view.ts).
 * `?format=original` answers in the original PolyMix's shape instead (./original-state.ts).
 */
import { z } from 'zod';
import { countersOn } from '../core/account';
import { isTerminal } from '../core/bet';
import { betFigures, betJson } from './bet-view';
import type { ApiDeps } from './deps';
import { ApiError } from './errors';
import { isoOrNull, money } from './money-json';
import { originalState } from './original-state';
import { redemptionsByBet } from './redemption-view';
import { type ApiRequest, limitParam, parseQuery } from './request';

const query = {
  limit: limitParam(100, 20),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,2048}$/, 'must be a cursor from a previous page')
    .optional(),
  // docs/api.md#original-format: the exact form stays the default.
  format: z
    .enum(['exact', 'original'], {
      error: () => "must be exact (the default) or original (the original PolyMix's shape, amounts in dollars)",
    })
    .optional(),
};

/** The media type that asks for the original PolyMix's shape without a query parameter. */
export const ORIGINAL_MEDIA_TYPE = 'application/vnd.polymix.original+json';

function wantsOriginal(req: ApiRequest, format: 'exact' | 'original' | undefined): boolean {
  if (format !== undefined) return format === 'original';
  return (req.headers.accept ?? '').toLowerCase().includes(ORIGINAL_MEDIA_TYPE);
}

/** The route: the exact answer, or the original PolyMix's shape when asked for (docs/api.md#original-format). */
export async function getStateRoute(deps: ApiDeps, req: ApiRequest) {
  const q = parseQuery(req, query);
  const f = await stateFigures(deps, q);
  if (!wantsOriginal(req, q.format)) return exactState(f);
  const { mode } = deps.engine;
  return originalState({
    mode,
    balanceMicros: f.balance,
    initialBalanceMicros: f.initial,
    reservedMicros: f.reserved,
    estimatedMicros: f.estimated,
    totalTrades: f.totalTrades,
    dailyLossMicros: f.today.lossMicros,
    dailyTrades: f.today.trades,
    bets: f.page.bets,
    nextCursor: f.page.nextCursor,
    imported: f.page.nextCursor === null ? await deps.store.listImportedBets(mode) : [],
  });
}

/** The newest redemptions read to show with the page's bets. */
const MAX_REDEMPTIONS_SHOWN = 1_000;

/** The exact answer (the default). */
export async function getState(deps: ApiDeps, req: ApiRequest) {
  return exactState(await stateFigures(deps, parseQuery(req, query)));
}

async function stateFigures(deps: ApiDeps, q: { limit: number; cursor?: string | undefined }) {
  const { mode, clock, config } = deps.engine;
  const nowMs = clock.now();
  const account = await deps.store.getAccount(mode);
  let page;
  try {
    page = await deps.store.listBets(mode, { limit: q.limit, cursor: q.cursor ?? null });
  } catch (err) {
    if (err instanceof RangeError)
      throw new ApiError('BAD_REQUEST', 'Invalid query: cursor: not a cursor from a previous page');
    throw err;
  }
  // The active index also holds finished bets whose money is being applied: not "open".
  const active = (await deps.store.listActiveBets(mode)).filter((b) => !isTerminal(b.status));

  const initial = account?.initialBalanceMicros ?? deps.initialBalanceMicros;
  const balance = account?.balanceMicros ?? initial;
  const reserved = Object.values(account?.intents ?? {}).reduce((s, i) => s + i.costMicros, 0);
  const today = account ? countersOn(account, nowMs) : { trades: 0, lossMicros: 0, riskMicros: 0 };
  const totalTrades = Object.values(account?.days ?? {}).reduce((s, d) => s + d.trades, 0);
  const estimated = active.reduce((s, b) => s + betFigures(b).expectedProfitMicros, 0);
  const redemptions = redemptionsByBet(await deps.store.listRedemptions(mode, MAX_REDEMPTIONS_SHOWN));
  return {
    mode,
    config,
    nowMs,
    account,
    page,
    active,
    initial,
    balance,
    reserved,
    today,
    totalTrades,
    estimated,
    redemptions,
  };
}

function exactState(f: Awaited<ReturnType<typeof stateFigures>>) {
  const { account, balance, initial, reserved, today } = f;
  return {
    mode: f.mode,
    account_exists: account !== null,
    ...money('balance', balance),
    ...money('initial_balance', initial),
    ...money('reserved', reserved),
    ...money('total_profit', balance - initial + reserved),
    ...money('estimated_profit', f.estimated),
    total_trades: f.totalTrades,
    open_bets: f.active.length,
    ...money('daily_loss', today.lossMicros),
    daily_trades: today.trades,
    ...money('daily_loss_limit', f.config.risk.dailyLossLimitMicros),
    max_daily_trades: f.config.risk.maxDailyTrades,
    halted: account?.halted ?? false,
    halt_reason: account?.haltReason ?? null,
    halted_at: isoOrNull(account?.haltedAtMs),
    as_of: new Date(f.nowMs).toISOString(),
    bets: f.page.bets.map((b) => betJson(b, f.redemptions.get(b.id) ?? [])),
    next_cursor: f.page.nextCursor,
  };
}
