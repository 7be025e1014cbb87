/**
 * Settlement (every minute, after reconcile): for each open bet, both venues' resolutions.
 * When both are final and agree, the payout of the shares still held (filled − unwound, × the
 * venue's payout per share of that instrument) is credited once through the store's finishBet
 * (a second or interrupted run finds the bet settled / its ledger pending and never credits
 * twice). When they disagree — one voids or splits while the other pays a winner, or the
 * legs together pay other than one share per hedged share — nothing is credited: the bet stays
 * `open` for the operator, an error is recorded and a critical alert is sent (once per
 * container; the error log keeps repeating it every run). A bet with a leg on a venue this
 * deployment does not trade (the pair was switched while it was open) is asked nothing: it is
 * `foreign-venue`, reported once per container (./foreign-venue.ts), never an error of each run.
 */

import type { BetRecord } from '../core/bet';
import { instrumentKey, type Resolution } from '../core/market';
import { PAYOUT_MICROS } from '../core/money';
import { type EngineDeps, type EngineState, venueOf } from './deps';
import { recordFailure, venueFailed, venueSucceeded } from './failures';
import { foreignVenueOf, reportForeignBet } from './foreign-venue';
import { legBalance, legPayoutsFor } from './legs';
import { notifyAlert, notifySettlement } from './notices';
import { SimulatedCrash } from './ports';
import { type ReconcileReport, reconcile } from './reconcile';
import { noteRedemptions, type RedeemOutcome, redeemOpen } from './redeem';

export type SettleOutcome =
  | { readonly betId: string; readonly state: 'waiting'; readonly detail: string }
  | { readonly betId: string; readonly state: 'settled'; readonly pnlMicros: number; readonly credited: boolean }
  | { readonly betId: string; readonly state: 'disagreement'; readonly detail: string }
  | { readonly betId: string; readonly state: 'error'; readonly detail: string }
  /**
   * A leg names a venue this deployment does not trade (docs/deploy.md#switching-pair): nothing
   * asked, left open for the operator; recorded and alerted once per container, not each run.
   */
  | { readonly betId: string; readonly state: 'foreign-venue'; readonly detail: string };

export interface SettleReport {
  readonly reconcile: ReconcileReport;
  readonly bets: SettleOutcome[];
  /** The redemption step (./redeem.ts): one outcome per open redemption; empty when redemption is off. */
  readonly redemptions: RedeemOutcome[];
}

type Final = Extract<Resolution, { state: 'final' }>;

/** Why two final resolutions cannot both be right for this bet, or null. */
export function disagreement(bet: BetRecord, finals: readonly Final[]): string | null {
  const kinds = finals.map((f) => f.kind);
  if (kinds.includes('won') && kinds.some((k) => k !== 'won')) return `venues disagree: ${kinds.join(' vs ')}`;
  if (kinds.every((k) => k === 'won')) {
    // A hedged pair pays exactly one share per hedged share when both venues name the same winner.
    const perShare = bet.legs.reduce(
      (s, leg, i) => s + (finals[i]!.payoutMicros[instrumentKey(leg.instrument)] ?? 0),
      0,
    );
    if (perShare !== PAYOUT_MICROS) return `venues name different winners (legs pay ${perShare} per share together)`;
  }
  return null;
}

async function settleBet(deps: EngineDeps, state: EngineState, bet: BetRecord, runId: string): Promise<SettleOutcome> {
  const foreign = foreignVenueOf(deps, bet);
  if (foreign)
    return {
      betId: bet.id,
      state: 'foreign-venue',
      detail: await reportForeignBet(deps, state, 'settle', bet, foreign),
    };
  const finals: Final[] = [];
  for (const leg of bet.legs) {
    let res: Resolution;
    try {
      res = await venueOf(deps, leg.venue).getResolution(leg.instrument);
      venueSucceeded(state);
    } catch (err) {
      await venueFailed(deps, state, 'settle', err, leg.venue);
      return { betId: bet.id, state: 'error', detail: err instanceof Error ? err.name : 'error' };
    }
    if (res.state === 'unresolved') return { betId: bet.id, state: 'waiting', detail: `${leg.venue} unresolved` };
    if (res.state === 'disputed')
      return { betId: bet.id, state: 'waiting', detail: `${leg.venue} disputed: ${res.detail}` };
    finals.push(res);
  }
  const problem = legBalance(bet).hedgedCenti > 0 ? disagreement(bet, finals) : null;
  if (problem) {
    await recordFailure(
      deps,
      'settle',
      new Error(`bet ${bet.id} (${bet.title}): ${problem}; left open for the operator`),
    );
    if (!state.alerted.has(bet.id)) {
      state.alerted.add(bet.id);
      await notifyAlert(
        deps,
        `Settlement disagreement: ${bet.title}`,
        `${problem}. Bet ${bet.id} is left open; settle it by hand with what each leg was paid: ` +
          `npx polymix settle-by-hand ${bet.id} ${bet.legs.map(() => '--leg-payout <dollars>').join(' ')} --note "<who, why>" ` +
          `(POST /trading/bets/${bet.id}/settle, docs/api.md#settle-by-hand).`,
      );
    }
    return { betId: bet.id, state: 'disagreement', detail: problem };
  }
  const perShare: Record<string, number> = {};
  for (const f of finals) Object.assign(perShare, f.payoutMicros);
  const legPayouts = legPayoutsFor(bet, perShare);
  // The redemption intent goes first: a crash after the settlement still leaves it to redeem.
  await noteRedemptions(deps, bet, legPayouts);
  const done = await deps.store.finishBet({
    betId: bet.id,
    from: 'open',
    to: 'settled',
    payoutMicros: legPayouts.reduce((s, p) => s + p, 0),
    // Which venue each part landed on (docs/capital.md#won-not-redeemed).
    legPayoutsMicros: legPayouts,
    nowMs: deps.clock.now(),
    runId,
  });
  const pnl = done.bet.result?.pnlMicros ?? 0;
  if (!done.alreadyFinished) await notifySettlement(deps, done.bet, pnl, finals.map((f) => f.kind).join(' / '));
  return { betId: bet.id, state: 'settled', pnlMicros: pnl, credited: done.credited };
}

export async function settle(deps: EngineDeps, state: EngineState, runId: string): Promise<SettleReport> {
  const rec = await reconcile(deps, state, runId);
  const bets: SettleOutcome[] = [];
  for (const listed of await deps.store.listOpenBets(deps.mode)) {
    try {
      const bet = await deps.store.getBet(listed.id); // the index lags: act on the item itself
      if (!bet || bet.status !== 'open') continue;
      bets.push(await settleBet(deps, state, bet, runId));
    } catch (err) {
      if (err instanceof SimulatedCrash) throw err;
      await recordFailure(deps, 'settle', err);
      bets.push({ betId: listed.id, state: 'error', detail: err instanceof Error ? err.name : 'error' });
    }
  }
  return { reconcile: rec, bets, redemptions: await redeemOpen(deps, state) };
}
