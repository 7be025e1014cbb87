/**
 * `POST /trading/reset` (semantics in docs/api.md#reset).
 *
 * Reset is deliberately narrow:
 * - it needs the reset key (constant-time compare, ./auth.ts); no configured key = no reset;
 * - in LIVE mode it is refused: live history is never deleted, and lifting the kill switch is
 *   what `resume` is for;
 * - in PAPER mode it cancels resting orders, then the store resets the paper ledger
 *   (lib/store/reset.ts): balance back to the account's initial balance, day counters and the
 *   kill switch cleared, finished paper bets deleted — refused (409) while any reservation is
 *   held, i.e. while a bet is being placed, unwound, or is open awaiting its game.
 */
import { z } from 'zod';
import { cancelRestingOrders } from '../engine';
import { ResetRefused } from '../store';
import { keysMatch } from './auth';
import { type ApiDeps, degradedFromLive } from './deps';
import { ApiError } from './errors';
import { money } from './money-json';
import { type ApiRequest, parseBody } from './request';

/**
 * The reset key check shared by reset and settle-by-hand (./post-settle.ts): `given` is the body's
 * `key` or else the x-reset-key header; no configured key refuses `what` outright.
 */
export async function requireResetKey(
  deps: ApiDeps,
  req: ApiRequest,
  bodyKey: string | undefined,
  what: string,
): Promise<void> {
  const given = bodyKey ?? req.headers['x-reset-key'];
  if (given === undefined || given === '')
    throw new ApiError('UNAUTHORIZED', 'A reset key is required (body "key" or header x-reset-key)');
  const expected = await deps.resetKey();
  if (expected === null || expected === '')
    throw new ApiError('FORBIDDEN', `${what} is disabled: no reset key is configured`);
  if (!keysMatch(given, expected)) throw new ApiError('FORBIDDEN', 'Invalid reset key');
}

async function checkResetKey(deps: ApiDeps, req: ApiRequest): Promise<void> {
  const body = parseBody(req, z.strictObject({ key: z.string().max(1024).optional() }));
  await requireResetKey(deps, req, body.key, 'Reset');
}

export async function postReset(deps: ApiDeps, req: ApiRequest) {
  await checkResetKey(deps, req);
  const { mode, logger } = deps.engine;
  if (mode === 'live' || degradedFromLive(deps)) {
    throw new ApiError(
      'CONFLICT',
      'Live history is never reset. Use POST /trading/halt to stop trading and POST /trading/resume to lift the kill switch',
    );
  }
  await deps.store.ensureAccount('paper', deps.initialBalanceMicros);
  let out;
  try {
    out = await deps.store.resetPaperAccount('paper');
  } catch (err) {
    // Refused while any reservation is held (a bet being placed, unwound, or open awaiting its
    // game): the store's condition makes this exact even against a racing scan.
    if (err instanceof ResetRefused) throw new ApiError('CONFLICT', `Reset refused: ${err.message}`);
    throw err;
  }
  // Only after the reset happened: a refused reset changes nothing at all.
  const cancelled = await cancelRestingOrders(deps.engine, deps.state);
  logger.warn(`Paper account reset: ${out.deletedBets} finished bet(s) deleted, balance back to the initial balance`);
  return {
    mode: 'paper' as const,
    reset: true,
    deleted_bets: out.deletedBets,
    cancelled_orders: cancelled,
    ...money('balance', out.balanceMicros),
    halted: false,
  };
}
