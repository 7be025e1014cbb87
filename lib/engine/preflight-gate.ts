/**
 * The live gate (docs/engine.md#preflight): live trading admits nothing while the last
 * preflight run is missing, older than `maxAgeMs`, or failed, unless the operator overrides it.
 * Checked by every scan round before anything is admitted. The first refusal in a container
 * halts the account with the reason and an alert (haltTrading); later rounds just admit nothing,
 * without repeating the alert. Paper trading is never gated, and nothing falls back to paper.
 */
import type { EngineDeps, EngineState } from './deps';
import { describeError } from './failures';
import { haltTrading } from './halt';
import type { PreflightRun } from './ports';

/** Why `run` does not admit live trading at `nowMs`, or null when it does. Pure. */
export function preflightGateProblem(run: PreflightRun | null, nowMs: number, maxAgeMs: number): string | null {
  if (run === null) return 'no preflight run is recorded: run `npx polymix preflight` (or the deployment preflight)';
  const age = nowMs - run.atMs;
  const when = new Date(run.atMs).toISOString();
  if (!run.ok) {
    const failed = run.checks
      .filter((c) => c.required && c.result === 'fail')
      .map((c) => (c.venue ? `${c.venue} ${c.id}` : c.id));
    return `the last preflight run (${when}) failed: ${failed.join(', ')}`;
  }
  if (age > maxAgeMs)
    return `the last preflight run (${when}) is ${displayDuration(age)} old, more than the ${displayDuration(maxAgeMs)} allowed (POLYMIX_PREFLIGHT_MAX_AGE_HOURS)`;
  return null;
}

const ALERT_KEY = 'preflight-gate';

/** `26.5 h`, `40 min`. */
export function displayDuration(ms: number): string {
  return ms >= 3_600_000 ? `${Math.round(ms / 360_000) / 10} h` : `${Math.round(ms / 60_000)} min`;
}

/**
 * Null when this round may admit trades; else the reason, after halting the account (once per
 * container). Only live mode with a gate policy is gated.
 */
export async function preflightGate(deps: EngineDeps, state: EngineState): Promise<string | null> {
  const policy = deps.config.preflightGate;
  if (deps.mode !== 'live' || !policy || policy.override) return null;
  let run: PreflightRun | null;
  try {
    run = await deps.store.getLastPreflight();
  } catch (err) {
    // An unreadable run proves nothing: treat it as missing.
    run = null;
    deps.logger.error(`preflight gate: the last run could not be read (${describeError(err)})`);
  }
  const problem = preflightGateProblem(run, deps.clock.now(), policy.maxAgeMs);
  if (problem === null) {
    state.alerted.delete(ALERT_KEY);
    return null;
  }
  if (!state.alerted.has(ALERT_KEY)) {
    state.alerted.add(ALERT_KEY);
    await haltTrading(deps, state, `live trading needs a passing preflight: ${problem}`);
  }
  return problem;
}
