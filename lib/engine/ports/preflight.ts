/**
 * Preflight vocabulary (docs/engine.md#preflight): one check's answer, and one recorded run.
 * The engine's `preflight` use case produces runs; venues may add checks of their own through
 * the optional `Venue.preflightChecks`; the store keeps the last run (`TradeStore.recordPreflight`);
 * the live gate reads it before every scan round admits anything.
 */
import type { VenueName } from '../../core/market';

export type PreflightResult = 'pass' | 'fail' | 'warn' | 'skip';

export interface PreflightCheck {
  /** Stable id, e.g. `auth`, `clock`, `polymarket.wallet`. With `venue` it names one check. */
  readonly id: string;
  readonly venue: VenueName | null;
  /** A required check that fails makes the run fail (and the live gate refuse). */
  readonly required: boolean;
  readonly result: PreflightResult;
  /** What was found, in plain words; never a secret. */
  readonly detail: string;
  /** What to do about it ('' when nothing is to be done). */
  readonly fix: string;
}

/** Who ran it: the operator's CLI, the deployment's preflight function, or the API route. */
export type PreflightRunner = 'cli' | 'lambda' | 'api' | 'test';

export interface PreflightRun {
  readonly atMs: number;
  /** True when no required check failed. */
  readonly ok: boolean;
  readonly runner: PreflightRunner;
  /** Whether the opt-in order test ran (one killed FOK buy per venue). */
  readonly orderTest: boolean;
  readonly checks: readonly PreflightCheck[];
}

/** A run passes when no required check failed. */
export function preflightOk(checks: readonly PreflightCheck[]): boolean {
  return checks.every((c) => !(c.required && c.result === 'fail'));
}
