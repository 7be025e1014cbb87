/**
 * `GET /trading/preflight` — the last preflight run (docs/engine.md#preflight) and whether the
 * live gate admits trading now. Texts were built from sanitised errors and are redacted again
 * by the router on the way out.
 */
import { type PreflightRun, preflightGateProblem } from '../engine';
import type { ApiDeps } from './deps';
import { type ApiRequest, parseQuery } from './request';

/** A run as the API shows it (GET's `run`, POST's `run`). */
export function preflightRunView(run: PreflightRun) {
  return {
    at: new Date(run.atMs).toISOString(),
    ok: run.ok,
    runner: run.runner,
    order_test: run.orderTest,
    checks: run.checks.map((c) => ({ ...c })),
  };
}

/** Whether the live gate admits trading with `run` as the last run. */
export function preflightGateView(deps: ApiDeps, run: PreflightRun | null) {
  const policy = deps.engine.config.preflightGate ?? null;
  const gated = deps.engine.mode === 'live' && policy !== null && !policy.override;
  const problem = policy === null ? null : preflightGateProblem(run, deps.engine.clock.now(), policy.maxAgeMs);
  return {
    gated,
    admits: !gated || problem === null,
    problem,
    max_age_hours: policy === null ? null : policy.maxAgeMs / 3_600_000,
    override: policy?.override ?? false,
  };
}

export async function getPreflight(deps: ApiDeps, req: ApiRequest) {
  parseQuery(req, {});
  const run = await deps.store.getLastPreflight().catch(() => null);
  return { run: run === null ? null : preflightRunView(run), gate: preflightGateView(deps, run) };
}
