/**
 * Pairs a scan must not trade now (docs/engine.md#scan): a bet on them is in flight (admitted,
 * placing, unwinding or open), or they cool down after a one-legged trade.
 */
import type { EngineDeps } from './deps';

export interface BusyPairs {
  readonly inFlight: Set<string>;
  readonly cooling: Set<string>;
}

export async function busyPairs(deps: EngineDeps): Promise<BusyPairs> {
  const now = deps.clock.now();
  const inFlight = new Set<string>();
  const cooling = new Set<string>();
  for (const bet of await deps.store.listActiveBets(deps.mode)) {
    if (bet.status === 'admitted' || bet.status === 'placing' || bet.status === 'unwinding' || bet.status === 'open')
      inFlight.add(bet.pairId);
    if (bet.cooldownUntilMs !== null && bet.cooldownUntilMs > now) cooling.add(bet.pairId);
  }
  for (const bet of (await deps.store.listBets(deps.mode, { limit: 100 })).bets) {
    if (bet.cooldownUntilMs !== null && bet.cooldownUntilMs > now) cooling.add(bet.pairId);
  }
  return { inFlight, cooling };
}
