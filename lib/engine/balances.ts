/**
 * Cash each leg may use. Live: each leg is funded on its own venue, so both venues' cash is
 * read (cached for `balanceCacheMs`, dropped after every trade) and each is capped by the
 * ledger balance too. Paper: the ledger balance bounds both legs (PaperVenue cash is per
 * container and would reset with it). This and the message wording are the only places the
 * engine looks at the mode.
 */
import type { PairVenue } from '../core/market';
import type { Micros } from '../core/money';
import type { EngineDeps, EngineState } from './deps';
import { venueFailed, venueSucceeded } from './failures';

export async function venueCash(deps: EngineDeps, state: EngineState): Promise<Record<PairVenue, Micros> | null> {
  const now = deps.clock.now();
  if (state.cash && now - state.cash.atMs < deps.config.balanceCacheMs) return state.cash.micros;
  const micros: Record<PairVenue, Micros> = { polymarket: 0, kalshi: 0 };
  for (const name of ['polymarket', 'kalshi'] as const) {
    try {
      micros[name] = (await deps.venues[name].getBalance()).availableMicros;
      venueSucceeded(state);
    } catch (err) {
      await venueFailed(deps, state, 'balance', err, name);
      return null;
    }
  }
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
