/**
 * `POST /trading/resume` (semantics in docs/api.md#halt-and-resume). Resume goes through the engine.
 */
import { z } from 'zod';
import { resumeTrading } from '../engine';
import { type ApiDeps, degradedFromLive } from './deps';
import { ApiError } from './errors';
import { type ApiRequest, parseBody } from './request';

export async function postResume(deps: ApiDeps, req: ApiRequest) {
  parseBody(req, z.strictObject({}));
  if (degradedFromLive(deps)) {
    throw new ApiError(
      'CONFLICT',
      'LIVE_TRADING is "true" but this deployment has no valid secrets; fix them before resuming (GET /trading/mode)',
    );
  }
  const { mode } = deps.engine;
  await deps.store.ensureAccount(mode, deps.initialBalanceMicros);
  await resumeTrading(deps.engine);
  return { mode, halted: false };
}
