/**
 * `POST /trading/bets/{id}/settle` (semantics in docs/api.md#settle-by-hand): the operator
 * settles an `open` bet by hand, giving what each leg was paid, through the engine's
 * settleByHand (the same atomic settlement the settlement job uses).
 *
 * - It needs the reset key, checked exactly as reset checks it (./post-reset.ts) and before
 *   anything else about the request is looked at; no configured key = refused (403).
 * - `legPayouts`: one exact dollar string per leg (at most 6 decimals, never a float), parsed
 *   with parseMicros; `note`: who settles and why, 1–500 characters.
 * - Answers the settled bet as the state route shows bets (./bet-view.ts).
 * - Refusals change nothing: bad input 400, no such bet 404, a bet that is not open (already
 *   settled included) or of the other trading mode 409.
 */
import { z } from 'zod';
import { MoneyFormatError, parseMicros } from '../core/money';
import { HAND_NOTE_MAX, HandSettlementRefused, settleByHand } from '../engine';
import { betJson } from './bet-view';
import type { ApiDeps } from './deps';
import { ApiError } from './errors';
import { requireResetKey } from './post-reset';
import { redemptionsByBet } from './redemption-view';
import { type ApiRequest, parseBody } from './request';

const BET_ID = /^[A-Za-z0-9._:-]{1,80}$/;
/** Plain non-negative decimal dollars, at most 6 decimals (whole micros): "12.34", "0". */
const DOLLARS = /^\d{1,12}(\.\d{1,6})?$/;

const keyOnly = z.object({ key: z.string().max(1024).optional() }).loose();
const body = z.strictObject({
  key: z.string().max(1024).optional(),
  legPayouts: z
    .array(z.string().regex(DOLLARS, 'must be a dollar amount like "12.34" (≥ 0, at most 6 decimals)'))
    .min(1)
    .max(8),
  note: z.string().trim().min(1, 'is required').max(HAND_NOTE_MAX, `must be at most ${HAND_NOTE_MAX} characters`),
});

/** The newest redemptions read to show with the bet (as the state route). */
const MAX_REDEMPTIONS_SHOWN = 1_000;

export async function postSettle(deps: ApiDeps, req: ApiRequest, params: Readonly<Record<string, string>>) {
  // The key first: an unauthorised caller learns nothing about the bet or the body.
  await requireResetKey(deps, req, parseBody(req, keyOnly).key, 'Settling by hand');
  const betId = params.id ?? '';
  if (!BET_ID.test(betId)) throw new ApiError('BAD_REQUEST', `Invalid path: bet id must match ${BET_ID.source}`);
  const b = parseBody(req, body);
  let legPayoutsMicros: number[];
  try {
    legPayoutsMicros = b.legPayouts.map((p) => parseMicros(p));
  } catch (err) {
    if (err instanceof MoneyFormatError) throw new ApiError('BAD_REQUEST', `Invalid body: legPayouts: ${err.message}`);
    throw err;
  }
  let out;
  try {
    out = await settleByHand(deps.engine, { betId, legPayoutsMicros, note: b.note });
  } catch (err) {
    if (!(err instanceof HandSettlementRefused)) throw err;
    const code = err.reason === 'bad-input' ? 'BAD_REQUEST' : err.reason === 'not-found' ? 'NOT_FOUND' : 'CONFLICT';
    throw new ApiError(code, `Settle refused: ${err.message}`);
  }
  const redemptions = redemptionsByBet(await deps.store.listRedemptions(deps.engine.mode, MAX_REDEMPTIONS_SHOWN));
  return betJson(out.bet, redemptions.get(out.bet.id) ?? []);
}
