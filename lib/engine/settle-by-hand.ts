/**
 * Settling an `open` bet by hand (docs/api.md#settle-by-hand): what the operator does when the
 * settlement job leaves a bet open (the venues' final results disagree, or a leg is on a venue
 * this deployment no longer trades). The operator states what each leg was actually paid; the
 * bet is then finished exactly as ./settle.ts finishes it: the redemption intents of the
 * Polymarket legs that paid first, then the store's one atomic settlement (finishBet: payout =
 * the sum of the legs, credited once), then the settlement notice.
 *
 * Refused, changing nothing: a bet that is not `open` (a second call finds it `settled`), a bet
 * of the other trading mode, a payout list of the wrong length, a leg payout that is negative,
 * not a whole number of micros, or above what that leg can pay (its held shares × $1), and a
 * missing or over-long note. The note is stored in the bet (`note`, prefixed "settled by hand:",
 * after any note the bet already had) and `statusBy.settled` names this path.
 */

import type { BetRecord } from '../core/bet';
import { instrumentKey } from '../core/market';
import { formatMicros, type Micros, PAYOUT_MICROS } from '../core/money';
import type { EngineDeps } from './deps';
import { legBalance, legPayoutsFor } from './legs';
import { legName, notifySettlement } from './notices';
import { noteRedemptions } from './redeem';

/** `statusBy.settled` of a bet settled by hand. */
export const SETTLE_BY_HAND_RUN = 'settle-by-hand';
export const HAND_NOTE_MAX = 500;
export const HAND_NOTE_PREFIX = 'settled by hand: ';

export type HandRefusal = 'bad-input' | 'not-found' | 'not-open' | 'wrong-mode';

/** A refused hand settlement: nothing was written. `reason` tells the API which status to answer. */
export class HandSettlementRefused extends Error {
  constructor(
    readonly reason: HandRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'HandSettlementRefused';
  }
}

export interface HandSettlement {
  readonly betId: string;
  /** What each leg was paid (index = leg index), integer micros, each ≥ 0 and ≤ the leg's maximum. */
  readonly legPayoutsMicros: readonly Micros[];
  /** Who settles it and why: 1–500 characters after trimming, required. */
  readonly note: string;
}

export interface HandSettled {
  readonly bet: BetRecord;
  readonly payoutMicros: Micros;
  readonly pnlMicros: Micros;
}

/** The most each leg can pay: its held shares (filled − unwound) × $1, as settlement computes a paying leg. */
export function legMaximumsMicros(bet: BetRecord): Micros[] {
  const full: Record<string, number> = {};
  for (const leg of bet.legs) full[instrumentKey(leg.instrument)] = PAYOUT_MICROS;
  return legPayoutsFor(bet, full).map((m) => Math.max(0, m));
}

const usd = (micros: Micros): string => `$${formatMicros(micros)}`;

function checkNote(note: unknown): string {
  if (typeof note !== 'string')
    throw new HandSettlementRefused('bad-input', 'a note (who settles and why) is required');
  const trimmed = note.trim();
  if (trimmed.length === 0) throw new HandSettlementRefused('bad-input', 'a note (who settles and why) is required');
  if (trimmed.length > HAND_NOTE_MAX)
    throw new HandSettlementRefused('bad-input', `the note is ${trimmed.length} characters; at most ${HAND_NOTE_MAX}`);
  return trimmed;
}

function checkPayouts(bet: BetRecord, payouts: readonly Micros[]): void {
  if (payouts.length !== bet.legs.length)
    throw new HandSettlementRefused(
      'bad-input',
      `bet ${bet.id} has ${bet.legs.length} legs: give one payout per leg, got ${payouts.length}`,
    );
  const maximums = legMaximumsMicros(bet);
  payouts.forEach((p, i) => {
    const name = `leg ${i} (${legName(bet, i)})`;
    if (!Number.isSafeInteger(p) || p < 0)
      throw new HandSettlementRefused('bad-input', `${name}: the payout must be a whole number of micros ≥ 0`);
    if (p > maximums[i]!)
      throw new HandSettlementRefused(
        'bad-input',
        `${name}: payout ${usd(p)} is above the most it can pay, ${usd(maximums[i]!)} (its held shares × $1)`,
      );
  });
}

/**
 * Settles the open bet `betId` with the operator's leg payouts, exactly once. Throws
 * HandSettlementRefused (nothing written) when it may not; any other error is the store's.
 */
export async function settleByHand(deps: EngineDeps, req: HandSettlement): Promise<HandSettled> {
  const note = checkNote(req.note);
  const bet = await deps.store.getBet(req.betId);
  if (!bet) throw new HandSettlementRefused('not-found', `no bet ${req.betId}`);
  if (bet.status !== 'open')
    throw new HandSettlementRefused(
      'not-open',
      `bet ${bet.id} is ${bet.status}: only an open bet can be settled by hand`,
    );
  if (bet.mode !== deps.mode)
    throw new HandSettlementRefused(
      'wrong-mode',
      `bet ${bet.id} is a ${bet.mode} bet and this deployment runs ${deps.mode}: settle it where it was traded`,
    );
  checkPayouts(bet, req.legPayoutsMicros);
  const legPayouts = [...req.legPayoutsMicros];
  const payoutMicros = legPayouts.reduce((s, p) => s + p, 0);
  // As settle.ts: the redemption intent of each Polymarket leg that paid goes first, so a crash
  // after the settlement still leaves it to redeem (a leg paid 0 needs none).
  await noteRedemptions(deps, bet, legPayouts);
  const done = await deps.store.finishBet({
    betId: bet.id,
    from: 'open',
    to: 'settled',
    payoutMicros,
    legPayoutsMicros: legPayouts,
    nowMs: deps.clock.now(),
    runId: SETTLE_BY_HAND_RUN,
    note: `${bet.note ? `${bet.note} | ` : ''}${HAND_NOTE_PREFIX}${note}`,
  });
  // Settled meanwhile by another run (the settlement job, or a second hand call): its figures
  // stand and these were not applied.
  if (done.alreadyFinished)
    throw new HandSettlementRefused(
      'not-open',
      `bet ${bet.id} was settled meanwhile by ${done.bet.statusBy.settled ?? 'another run'}: these payouts were not applied`,
    );
  const pnlMicros = done.bet.result?.pnlMicros ?? 0;
  const hedged = legBalance(bet).hedgedCenti;
  deps.logger.warn(
    `Bet ${bet.id} settled by hand: payout ${usd(payoutMicros)} (legs ${legPayouts.map(usd).join(' + ')}, hedged ${hedged} centishares), P&L ${usd(pnlMicros)}; note: ${note}`,
  );
  await notifySettlement(deps, done.bet, pnlMicros, `settled by hand (${note})`);
  return { bet: done.bet, payoutMicros, pnlMicros };
}
