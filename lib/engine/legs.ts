/**
 * Figures of a bet's legs as the engine reasons about them: shares still held per leg (filled
 * minus unwound), and what a settled bet is paid.
 */

import type { BetRecord } from '../core/bet';
import { instrumentKey } from '../core/market';
import { type Centishares, divRound, type Micros } from '../core/money';

export function unwoundCenti(bet: BetRecord, legIndex: number): Centishares {
  return bet.unwinds.filter((u) => u.legIndex === legIndex).reduce((s, u) => s + u.filledCenti, 0);
}

export function heldCenti(bet: BetRecord, legIndex: number): Centishares {
  const leg = bet.legs[legIndex];
  return leg ? leg.filledCenti - unwoundCenti(bet, legIndex) : 0;
}

/** The size both legs are hedged at, and the excess per leg above it. */
export function legBalance(bet: BetRecord): { hedgedCenti: Centishares; excessCenti: Centishares[] } {
  const held = bet.legs.map((_, i) => heldCenti(bet, i));
  const hedgedCenti = held.length === 0 ? 0 : Math.min(...held);
  return { hedgedCenti, excessCenti: held.map((h) => h - hedgedCenti) };
}

/** Each leg's payout on the shares it still holds, per the venues' final per-share payouts (instrumentKey → micros). */
export function legPayoutsFor(bet: BetRecord, perShareMicros: Readonly<Record<string, number>>): Micros[] {
  return bet.legs.map((leg, i) => {
    const perShare = perShareMicros[instrumentKey(leg.instrument)] ?? 0;
    return divRound(BigInt(heldCenti(bet, i)) * BigInt(perShare), 100n, 'floor');
  });
}

/** Payout of the shares still held: the sum of `legPayoutsFor`. */
export function payoutFor(bet: BetRecord, perShareMicros: Readonly<Record<string, number>>): Micros {
  return legPayoutsFor(bet, perShareMicros).reduce((s, p) => s + p, 0);
}

export function nextUnwindAttempt(bet: BetRecord, legIndex: number): number {
  const attempts = bet.unwinds.filter((u) => u.legIndex === legIndex).map((u) => u.attempt);
  return attempts.length === 0 ? 0 : Math.max(...attempts) + 1;
}
