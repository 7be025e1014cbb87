/**
 * `POST /trading/halt` (semantics in docs/api.md#halt-and-resume). Halt goes through the engine
 * (it also cancels resting orders and notifies).
 */
import { z } from 'zod';
import { haltTrading } from '../engine';
import { AccountNotFound } from '../store';
import { type ApiDeps, degradedFromLive } from './deps';
import { type ApiRequest, parseBody } from './request';

const reasonText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'at most 200 characters')
  .regex(/^[^\p{Cc}]*$/u, 'no control characters');

export async function postHalt(deps: ApiDeps, req: ApiRequest) {
  const body = parseBody(req, z.strictObject({ reason: reasonText.optional() }));
  const reason = `API: ${body.reason ?? 'halted by operator'}`;
  const { mode, clock } = deps.engine;
  // A kill switch must work before the first scan ever created the account.
  await deps.store.ensureAccount(mode, deps.initialBalanceMicros);
  const { cancelled } = await haltTrading(deps.engine, deps.state, reason);
  let alsoLive = false;
  if (degradedFromLive(deps)) {
    // The operator meant live: stop the live account too, whatever this container can reach.
    try {
      await deps.store.setHalted('live', true, reason, clock.now());
      alsoLive = true;
    } catch (err) {
      if (!(err instanceof AccountNotFound)) throw err;
    }
  }
  return { mode, halted: true, reason, cancelled_orders: cancelled, live_account_halted: alsoLive };
}
