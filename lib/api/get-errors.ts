/**
 * `GET /trading/errors` — the newest recorded errors (the store keeps the last 100). The texts
 * were sanitised when recorded (lib/engine/failures.ts, lib/store/errors-log.ts); the
 * router's redaction is the last guard on the way out.
 */
import type { ApiDeps } from './deps';
import { type ApiRequest, limitParam, parseQuery } from './request';

export async function getErrors(deps: ApiDeps, req: ApiRequest) {
  const q = parseQuery(req, { limit: limitParam(100, 20) });
  const errors = await deps.store.listErrors(q.limit);
  return {
    errors: errors.map((e) => ({
      seq: e.seq,
      at: new Date(e.atMs).toISOString(),
      source: e.source,
      venue: e.venue ?? null,
      message: e.message,
      detail: e.detail ?? null,
    })),
  };
}
