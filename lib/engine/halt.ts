/**
 * Kill switch and circuit breaker (docs/api.md#halt-and-resume). Halting sets the account flag that the
 * admission write reads (so no trade is admitted from that instant), cancels any order of an
 * unfinished bet that is still resting, and notifies. The breaker halts on a daily-loss breach
 * or on `maxConsecutiveVenueErrors` venue failures in a row.
 */
import { countersOn } from '../core/account';
import { type EngineDeps, type EngineState, venueOf } from './deps';
import { venueFailed } from './failures';
import { foreignVenueOf, reportForeignBet } from './foreign-venue';
import { notifyHalt } from './notices';

export async function cancelRestingOrders(deps: EngineDeps, state: EngineState): Promise<number> {
  let cancelled = 0;
  for (const bet of await deps.store.listActiveBets(deps.mode)) {
    if (bet.status !== 'placing' && bet.status !== 'unwinding') continue;
    // A bet on a venue this deployment does not trade is the operator's (./foreign-venue.ts):
    // none of its orders is looked up or cancelled here, on either venue; reported once.
    const foreign = foreignVenueOf(deps, bet);
    if (foreign) {
      await reportForeignBet(deps, state, 'halt cancel', bet, foreign);
      continue;
    }
    const orders = [
      ...bet.legs.map((l) => ({ venue: l.venue, instrument: l.instrument, clientOrderId: l.clientOrderId })),
      ...bet.unwinds.map((u) => ({
        venue: bet.legs[u.legIndex]!.venue,
        instrument: bet.legs[u.legIndex]!.instrument,
        clientOrderId: u.clientOrderId,
      })),
    ];
    for (const o of orders) {
      try {
        const found = await venueOf(deps, o.venue).getOrder({
          clientOrderId: o.clientOrderId,
          instrument: o.instrument,
        });
        if (found?.status === 'resting') {
          await venueOf(deps, o.venue).cancelOrder({
            clientOrderId: o.clientOrderId,
            instrument: o.instrument,
            ...(found.venueOrderId ? { venueOrderId: found.venueOrderId } : {}),
          });
          cancelled += 1;
        }
      } catch (err) {
        await venueFailed(deps, state, 'halt cancel', err, o.venue);
      }
    }
  }
  return cancelled;
}

export async function haltTrading(
  deps: EngineDeps,
  state: EngineState,
  reason: string,
): Promise<{ cancelled: number }> {
  await deps.store.setHalted(deps.mode, true, reason, deps.clock.now());
  deps.logger.warn(`🛑 Trading halted: ${reason}`);
  const cancelled = await cancelRestingOrders(deps, state);
  await notifyHalt(deps, reason);
  return { cancelled };
}

export async function resumeTrading(deps: EngineDeps): Promise<void> {
  await deps.store.setHalted(deps.mode, false, null, deps.clock.now());
  deps.logger.info('Trading resumed');
}

/** Halts when today's realised loss reached the limit or venues keep failing. Returns the reason, or null. */
export async function checkCircuitBreaker(deps: EngineDeps, state: EngineState): Promise<string | null> {
  const account = await deps.store.getAccount(deps.mode);
  if (!account || account.halted) return null;
  const today = countersOn(account, deps.clock.now());
  let reason: string | null = null;
  if (today.lossMicros >= deps.config.risk.dailyLossLimitMicros && today.lossMicros > 0) {
    reason = `daily loss limit reached (${today.lossMicros} of ${deps.config.risk.dailyLossLimitMicros} micros)`;
  } else if (state.consecutiveVenueErrors >= deps.config.maxConsecutiveVenueErrors) {
    reason = `${state.consecutiveVenueErrors} consecutive venue errors`;
  }
  if (reason) await haltTrading(deps, state, `circuit breaker: ${reason}`);
  return reason;
}
