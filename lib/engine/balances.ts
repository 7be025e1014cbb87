/**
 * Cash each leg may use. Live: each leg is funded on its own venue, so both venues' cash is
 * read (cached for `balanceCacheMs`, dropped after every trade) and each is capped by the
 * ledger balance too. Paper: the ledger balance bounds both legs (PaperVenue cash is per
 * container and would reset with it). This and the message wording are the only places the
 * engine looks at the mode.
 */
import { PAIR_VENUES, type PairVenue } from '../core/market';
import type { Micros } from '../core/money';
import type { EngineDeps, EngineState } from './deps';
import { venueFailed, venueSucceeded } from './failures';

export async function venueCash(deps: EngineDeps, state: EngineState): Promise<Record<PairVenue, Micros> | null> {
  const now = deps.clock.now();
  if (state.cash && now - state.cash.atMs < deps.config.balanceCacheMs) return state.cash.micros;
  // Both venues at once (one round trip, not two: docs/performance.md §1). Counted as before: the
  // first failure in venue order is recorded, and a success only when both answered.
  const answers = await Promise.allSettled(PAIR_VENUES.map((slot) => deps.venues[slot].getBalance()));
  const micros: Record<PairVenue, Micros> = { polymarket: 0, kalshi: 0 };
  for (const [i, slot] of PAIR_VENUES.entries()) {
    const answer = answers[i]!;
    if (answer.status === 'rejected') {
      await venueFailed(deps, state, 'balance', answer.reason, deps.venues[slot].name);
      return null;
    }
    micros[slot] = answer.value.availableMicros;
  }
  venueSucceeded(state);
  state.cash = { atMs: now, micros };
  return micros;
}

export function forgetCash(state: EngineState): void {
  state.cash = null;
}

/** Per-venue money a plan may use now; null when it cannot be known (then nothing trades). */
export async function planningBalances(
  deps: EngineDeps,
  state: EngineState,
  ledgerBalanceMicros: Micros,
): Promise<Record<PairVenue, Micros> | null> {
  const ledger = Math.max(0, ledgerBalanceMicros);
  if (deps.mode !== 'live') return { polymarket: ledger, kalshi: ledger };
  const cash = await venueCash(deps, state);
  if (!cash) return null;
  return {
    polymarket: Math.max(0, Math.min(ledger, cash.polymarket)),
    kalshi: Math.max(0, Math.min(ledger, cash.kalshi)),
  };
}
