/**
 * `GET /trading/preflight` — the last preflight run (docs/engine.md#preflight) and whether the
 * live gate admits trading now. Texts were built from sanitised errors and are redacted again
 * by the router on the way out.
 */
import { preflightGateProblem } from '../engine';
import type { ApiDeps } from './deps';
import { type ApiRequest, parseQuery } from './request';

export async function getPreflight(deps: ApiDeps, req: ApiRequest) {
  parseQuery(req, {});
  const run = await deps.store.getLastPreflight().catch(() => null);
  const policy = deps.engine.config.preflightGate ?? null;
  const gated = deps.engine.mode === 'live' && policy !== null && !policy.override;
  const problem = policy === null ? null : preflightGateProblem(run, deps.engine.clock.now(), policy.maxAgeMs);
  return {
    run:
      run === null
        ? null
        : {
            at: new Date(run.atMs).toISOString(),
            ok: run.ok,
            runner: run.runner,
            order_test: run.orderTest,
            checks: run.checks.map((c) => ({ ...c })),
          },
    gate: {
      gated,
      admits: !gated || problem === null,
      problem,
      max_age_hours: policy === null ? null : policy.maxAgeMs / 3_600_000,
      override: policy?.override ?? false,
    },
  };
}
