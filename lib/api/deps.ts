/**
 * What the routes are handed: the engine's ports (the same objects the scan and settle use, so
 * halt and resume go through the engine's own functions), the whole store (reads, and the
 * account creation a halt may need), and the facts of the mode decision for `GET /trading/mode`.
 */
import type { Micros } from '../core/money';
import type { RulePolicy } from '../core/rules';
import type { EngineDeps, EngineState } from '../engine';
import type { DynamoStore } from '../store';

export interface ApiDeps {
  readonly engine: EngineDeps;
  readonly state: EngineState;
  readonly store: DynamoStore;
  /** Configured starting balance: what a paper reset puts back. */
  readonly initialBalanceMicros: Micros;
  readonly modeReason: string;
  /** LIVE_TRADING was "true" (mode may still be paper when the secrets are missing or bad). */
  readonly liveRequested: boolean;
  readonly rules: { readonly policy: RulePolicy; readonly maxTailLossMicros: Micros; readonly note: string };
  /** The reset key in force now, or null when reset is disabled (docs/api.md "Reset"). */
  readonly resetKey: () => Promise<string | null>;
}

/** LIVE_TRADING=true but this container runs paper (no valid secrets): the operator meant live. */
export function degradedFromLive(deps: ApiDeps): boolean {
  return deps.liveRequested && deps.engine.mode === 'paper';
}
