/**
 * Bets on a venue this deployment does not trade (docs/deploy.md#switching-pair). The pair's
 * Polymarket slot holds Polymarket or Polymarket US (docs/adr/0010-venue-pairs.md); an operator
 * who switches a deployment's pair while bets are open leaves bets whose legs name the other one.
 * Such a bet is never sent anywhere (no lookup, order, cancel or resolution on the other
 * Polymarket, nor on Kalshi for it), never counts toward the circuit breaker, and is reported once
 * per container: one recorded error and one critical alert saying what to do.
 */
import type { BetRecord } from '../core/bet';
import type { VenueName } from '../core/market';
import { type EngineDeps, type EngineState, tradesVenue } from './deps';
import { recordFailure } from './failures';
import { VENUE_LABEL } from './messages';
import { notifyAlert } from './notices';

/** A bet placed on a venue this deployment does not trade (carries the operator's instructions). */
export class ForeignVenueBet extends Error {
  override readonly name = 'ForeignVenueBet';
}

/** The first venue `bet`'s legs name that this deployment does not trade, or null when it trades them all. */
export function foreignVenueOf(deps: Pick<EngineDeps, 'venues'>, bet: Pick<BetRecord, 'legs'>): VenueName | null {
  return bet.legs.find((leg) => !tradesVenue(deps, leg.venue))?.venue ?? null;
}

/** The pair this deployment trades, as `POLYMIX_VENUES` names it and in words. */
function pairOf(deps: Pick<EngineDeps, 'venues'>): { env: string; words: string } {
  const { kalshi, polymarket } = deps.venues;
  return {
    env: `${kalshi.name},${polymarket.name}`,
    words: `${VENUE_LABEL[kalshi.name]} × ${VENUE_LABEL[polymarket.name]}`,
  };
}

/** The operator's text: which bet, which venue it was placed on, what the deployment trades, what to do. */
export function foreignVenueText(deps: Pick<EngineDeps, 'venues'>, bet: BetRecord, venue: VenueName): string {
  const pair = pairOf(deps);
  const placed = VENUE_LABEL[venue];
  return (
    `Bet ${bet.id} (${bet.title}, ${bet.status}) was placed on ${placed}, but this deployment trades ` +
    `${pair.words} (POLYMIX_VENUES=${pair.env}). PolyMix leaves it alone: no order, lookup or ` +
    `settlement is sent for it, and its reservation stays locked. Either run a deployment configured ` +
    `for kalshi,${venue} until the bet is settled, or close its positions on ${placed} and Kalshi by ` +
    `hand, ${
      bet.status === 'open'
        ? 'then record what each leg paid with `npx polymix settle-by-hand` (docs/api.md#settle-by-hand)'
        : `but a ${bet.status} bet has no command to record that outcome yet`
    }: docs/deploy.md#switching-pair.`
  );
}

/**
 * Records and alerts once per container for `bet` (the same key whichever of settle, reconcile or
 * halt meets it first); never counted toward the circuit breaker. Returns the short detail that
 * the run's report carries every time.
 */
export async function reportForeignBet(
  deps: EngineDeps,
  state: EngineState,
  source: string,
  bet: BetRecord,
  venue: VenueName,
): Promise<string> {
  const key = `foreign-venue:${bet.id}`;
  if (!state.alerted.has(key)) {
    state.alerted.add(key);
    const text = foreignVenueText(deps, bet, venue);
    await recordFailure(deps, source, new ForeignVenueBet(text), venue);
    await notifyAlert(deps, `Bet on a venue this deployment does not trade: ${bet.title}`, text);
  }
  return `placed on ${VENUE_LABEL[venue]}, which this deployment (${pairOf(deps).words}) does not trade: left to the operator`;
}
