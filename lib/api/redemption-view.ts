/**
 * A redemption of a resolved Polymarket condition as the API shows it (docs/redemption.md#in-polymix):
 * in a bet's view (`GET /trading/state`) and in the capital section of `GET /trading/metrics`.
 * Gas is POL, not dollars: shown in wei and in POL, never added to a dollar figure.
 */
import type { RedemptionRecord } from '../engine/ports';
import { isoOrNull, money, moneyOrNull } from './money-json';

/** Wei as POL with 18 decimals, exact (a string). */
export function polOf(wei: string): string {
  const w = BigInt(wei);
  const whole = w / 10n ** 18n;
  const frac = (w % 10n ** 18n).toString().padStart(18, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

export function redemptionJson(rec: RedemptionRecord, betId?: string) {
  return {
    condition_id: rec.conditionId,
    holder: rec.holder,
    wallet_kind: rec.walletKind,
    status: rec.status,
    attempt: rec.attempt,
    ...(betId !== undefined ? money('expected', rec.bets[betId] ?? 0) : {}),
    ...money(
      'expected_total',
      Object.values(rec.bets).reduce((s, m) => s + m, 0),
    ),
    ...moneyOrNull('paid', rec.paidMicros),
    tx_hash: rec.txHash,
    relayer_id: rec.relayerId,
    gas_cost_wei: rec.gasCostWei,
    gas_cost_pol: polOf(rec.gasCostWei),
    last_cause: rec.causes.at(-1)?.cause ?? null,
    next_attempt_at: rec.status === 'pending' ? isoOrNull(rec.nextAttemptAtMs) : null,
    confirmed_at: isoOrNull(rec.confirmedAtMs),
  };
}

/** Bet id → the redemptions of its conditions. */
export function redemptionsByBet(recs: readonly RedemptionRecord[]): Map<string, RedemptionRecord[]> {
  const out = new Map<string, RedemptionRecord[]>();
  for (const rec of recs) for (const betId of Object.keys(rec.bets)) out.set(betId, [...(out.get(betId) ?? []), rec]);
  return out;
}
