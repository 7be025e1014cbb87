/**
 * A stored bet as the API shows it, and as the metrics count it. Figures come from the bet's
 * recorded fills and result (lib/core/bet.ts), in exact micros:
 * - cost: what the fills took, fees included, once the bet is `open` or finished; while the
 *   bet is still being placed (`admitted`, `placing`, `unwinding`) it is the reservation.
 * - expected profit: the payout of the hedged shares (one of the two legs wins $1 a share)
 *   plus unwind proceeds, minus cost; before any fill it is the plan's figure. Shares held
 *   beyond the hedge (an unwind that gave up) are valued at 0, the conservative reading.
 * - realised profit: the stored result's P&L, only once the bet is finished.
 * - return on locked capital (docs/capital.md#return-on-locked-capital): once finished with
 *   something spent, realised profit ÷ (cost × days from admission to close), in ppm per day.
 */

import { type BetRecord, isTerminal, legSpentMicros, unwindReceivedMicros } from '../core/bet';
import { betReturn, lockedCapitalOf } from '../core/capital';
import { instrumentKey } from '../core/market';
import type { BetForMetrics } from '../core/metrics';
import { type Micros, payoutMicros } from '../core/money';
import { heldCenti } from '../engine/legs';
import type { RedemptionRecord } from '../engine/ports';
import { isoOrNull, money, moneyOrNull, shares } from './money-json';
import { redemptionJson } from './redemption-view';

const PLACING: ReadonlySet<string> = new Set(['admitted', 'placing']);

export interface BetFigures {
  readonly costMicros: Micros;
  readonly expectedProfitMicros: Micros;
  readonly realisedProfitMicros: Micros | null;
  readonly closedAtMs: number | null;
}

export function betFigures(bet: BetRecord): BetFigures {
  if (PLACING.has(bet.status)) {
    const hedged = bet.legs.length === 0 ? 0 : Math.min(...bet.legs.map((l) => l.sizeCenti));
    const planned = bet.legs.reduce((s, l) => s + l.notionalMicros + l.feeMicros, 0);
    return {
      costMicros: bet.reservedMicros,
      expectedProfitMicros: payoutMicros(hedged) - planned,
      realisedProfitMicros: null,
      closedAtMs: null,
    };
  }
  const spent = bet.result ? bet.result.spentMicros : legSpentMicros(bet);
  const held = bet.legs.map((_, i) => heldCenti(bet, i));
  const hedged = held.length === 0 ? 0 : Math.max(0, Math.min(...held));
  const expected = payoutMicros(hedged) + unwindReceivedMicros(bet) - spent;
  const finished = isTerminal(bet.status) && bet.result !== null;
  return {
    costMicros: bet.status === 'unwinding' ? bet.reservedMicros : spent,
    expectedProfitMicros: expected,
    realisedProfitMicros: finished ? bet.result!.pnlMicros : null,
    closedAtMs: finished ? (bet.statusTimes[bet.status] ?? bet.updatedAtMs) : null,
  };
}

const ratio = (num: Micros, den: Micros): number | null => (den > 0 ? num / den : null);

/** `redemptions`: those of the bet's Polymarket conditions (docs/redemption.md#in-polymix). */
export function betJson(bet: BetRecord, redemptions: readonly RedemptionRecord[] = []) {
  const f = betFigures(bet);
  const locked = lockedCapitalOf(bet);
  const rolc = locked ? betReturn(locked) : null;
  return {
    id: bet.id,
    title: bet.title,
    league: bet.league,
    teams: bet.teams,
    status: bet.status,
    legs: bet.legs.map((leg, i) => ({
      venue: leg.venue,
      instrument: instrumentKey(leg.instrument),
      side: leg.side,
      ...money('price', leg.limitPriceMicros),
      ...shares('shares', leg.sizeCenti),
      ...shares('filled', leg.filledCenti),
      ...shares('held', heldCenti(bet, i)),
      ...money('filled_cost', leg.filledNotionalMicros),
      ...money('fees', leg.filledFeeMicros),
      client_order_id: leg.clientOrderId,
      venue_order_id: leg.venueOrderId,
    })),
    ...money('cost', f.costMicros),
    ...money('expected_profit', f.expectedProfitMicros),
    ...moneyOrNull('realised_profit', f.realisedProfitMicros),
    expected_roi: ratio(f.expectedProfitMicros, f.costMicros),
    roi: f.realisedProfitMicros === null ? null : ratio(f.realisedProfitMicros, f.costMicros),
    locked_ms: rolc?.lockedMs ?? null,
    rolc_per_day_ppm: rolc?.perDayPpm ?? null,
    note: bet.note,
    redemptions: redemptions.map((r) => redemptionJson(r, bet.id)),
    created_at: isoOrNull(bet.createdAtMs),
    updated_at: isoOrNull(bet.updatedAtMs),
    closed_at: isoOrNull(f.closedAtMs),
  };
}

/** The metrics' view of a bet: everything not finished counts as open (its cost is locked). */
export function betForMetrics(bet: BetRecord): BetForMetrics {
  const f = betFigures(bet);
  if (f.realisedProfitMicros !== null && f.closedAtMs !== null && bet.status !== 'open') {
    return {
      status: bet.status as 'settled' | 'unwound' | 'failed',
      costMicros: f.costMicros,
      expectedProfitMicros: f.expectedProfitMicros,
      admittedAtMs: bet.createdAtMs,
      realizedPnlMicros: f.realisedProfitMicros,
      closedAtMs: f.closedAtMs,
    };
  }
  return {
    status: 'open',
    costMicros: Math.max(0, f.costMicros),
    expectedProfitMicros: f.expectedProfitMicros,
    admittedAtMs: bet.createdAtMs,
  };
}
