/**
 * Redemption of resolved Polymarket conditions (docs/redemption.md#in-polymix): the settle job's
 * last step. A winning Polymarket leg pays only once its outcome tokens are redeemed on chain;
 * until then the venue's cash only goes down.
 *
 *   noteRedemptions   settle, BEFORE a bet is finished: one conditional write per Polymarket
 *                     condition the bet holds shares of (the intent), keyed by condition + holder
 *   redeemOpen        after the settle loop, under the `redeem` lease: each open redemption one
 *                     step further, every step recorded before the next one starts:
 *
 *   pending ──prepare (checks, nonce, fixes the attempt)──► submitting ──send──► submitted ──lookup──► confirmed
 *      ▲                                                        │                   │
 *      └──────── failed (reverted, refused, replaced): backoff, a new attempt ◄─────┘
 *
 * A crash between two steps leaves the item in the state written last. The next run never sends
 * blindly: `submitting` is looked up first (a receipt or a nonce already used for an EOA, the
 * relayer's own record for a relayer wallet) and only an attempt proven never to have arrived is
 * sent again, the SAME attempt (same nonce), which the chain or the relayer runs at most once.
 * A new attempt (a new nonce) is prepared only after the previous one is proven failed. A
 * relayer transaction that stays unfinished past `relayerStuckAfterMs` is left to the operator.
 */

import type { BetRecord } from '../core/bet';
import type { Micros } from '../core/money';
import { utcDay } from '../core/time';
import { claimDailyNotice } from './capital';
import type { EngineDeps, EngineState } from './deps';
import { describeError, recordFailure } from './failures';
import { heldCenti } from './legs';
import { notifyAlert } from './notices';
import {
  type AttemptState,
  DEFAULT_REDEMPTION_POLICY,
  faultPoint,
  RedeemBlocked,
  type Redeemer,
  type RedeemTarget,
  type RedemptionCause,
  type RedemptionDeps,
  type RedemptionPatch,
  type RedemptionPolicy,
  type RedemptionRecord,
  SimulatedCrash,
} from './ports';

export const REDEEM_LEASE = 'redeem';
const LEASE_TTL_MS = 55_000;

export type RedeemOutcome =
  | { readonly conditionId: string; readonly state: 'confirmed'; readonly paidMicros: Micros }
  | {
      readonly conditionId: string;
      readonly state: 'waiting' | 'pending' | 'retry' | 'attention';
      readonly detail: string;
    };

function policyOf(deps: RedemptionDeps): RedemptionPolicy {
  return { ...DEFAULT_REDEMPTION_POLICY, ...deps.policy };
}

export function backoffMs(policy: RedemptionPolicy, tries: number): number {
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, Math.min(tries, 30)));
}

/** Each Polymarket condition of `bet` with shares still held, and what those legs were paid at settlement. */
export function heldConditions(bet: BetRecord, legPayouts: readonly Micros[]): Map<string, Micros> {
  const out = new Map<string, Micros>();
  bet.legs.forEach((leg, i) => {
    if (leg.instrument.venue !== 'polymarket' || heldCenti(bet, i) <= 0) return;
    const id = leg.instrument.conditionId.toLowerCase();
    out.set(id, (out.get(id) ?? 0) + (legPayouts[i] ?? 0));
  });
  return out;
}

/**
 * Settle calls this before it finishes `bet`: the intent of each condition's redemption is
 * written first, so a crash right after the settlement still leaves it for the next run.
 */
export async function noteRedemptions(deps: EngineDeps, bet: BetRecord, legPayouts: readonly Micros[]): Promise<void> {
  const r = deps.redemption;
  if (!r) return;
  for (const [conditionId, expectedMicros] of heldConditions(bet, legPayouts)) {
    // Nothing to collect (the Polymarket leg lost): no redeem, so an EOA spends no gas on it.
    if (expectedMicros <= 0) continue;
    await r.store.noteRedemption({
      mode: deps.mode,
      holder: r.redeemer.holder,
      walletKind: r.redeemer.walletKind,
      conditionId,
      betId: bet.id,
      expectedMicros,
      nowMs: deps.clock.now(),
    });
    faultPoint(deps, 'redeem-after-intent');
  }
}

const expectedOf = (rec: RedemptionRecord): Micros => Object.values(rec.bets).reduce((s, m) => s + m, 0);

function withCause(rec: RedemptionRecord, nowMs: number, cause: string): RedemptionCause[] {
  return [...rec.causes, { atMs: nowMs, attempt: rec.attempt, cause }].slice(-10);
}

const addWei = (a: string, b: string): string => (BigInt(a) + BigInt(b)).toString();

class Step {
  readonly policy: RedemptionPolicy;
  constructor(
    readonly deps: EngineDeps,
    readonly state: EngineState,
    readonly r: RedemptionDeps,
  ) {
    this.policy = policyOf(r);
  }

  now(): number {
    return this.deps.clock.now();
  }

  /** One conditional write; null (and nothing more this run) when another run moved the item. */
  async advance(rec: RedemptionRecord, patch: RedemptionPatch): Promise<RedemptionRecord | null> {
    return this.r.store.advanceRedemption(rec, patch, this.now());
  }

  /** A failure that may pass: wait with backoff (a new attempt when `newAttempt`), or the operator after too many. */
  async retryLater(rec: RedemptionRecord, cause: string, extra: RedemptionPatch = {}): Promise<RedeemOutcome> {
    const now = this.now();
    const tries = rec.tries + 1;
    const tooMany = rec.attempt >= this.policy.maxAttempts && rec.status !== 'pending';
    const patch: RedemptionPatch = {
      ...extra,
      status: tooMany ? 'attention' : 'pending',
      tries,
      nextAttemptAtMs: now + backoffMs(this.policy, rec.tries),
      causes: withCause(rec, now, cause),
    };
    const done = await this.advance(rec, patch);
    if (!done) return { conditionId: rec.conditionId, state: 'pending', detail: 'moved by another run' };
    await recordFailure(this.deps, 'redeem', new Error(`redeem ${rec.conditionId} (attempt ${rec.attempt}): ${cause}`));
    if (tooMany) return this.attention(done, `gave up after ${rec.attempt} attempts: ${cause}`, false);
    return { conditionId: rec.conditionId, state: 'retry', detail: cause };
  }

  /** Left to the operator: an alert, never re-sent. */
  async attention(rec: RedemptionRecord, detail: string, write = true): Promise<RedeemOutcome> {
    if (write) {
      const now = this.now();
      await this.advance(rec, { status: 'attention', causes: withCause(rec, now, detail) });
      await recordFailure(this.deps, 'redeem', new Error(`redeem ${rec.conditionId}: ${detail}`));
    }
    const key = `redeem-attention#${rec.conditionId}`;
    if (!this.state.alerted.has(key)) {
      this.state.alerted.add(key);
      await notifyAlert(
        this.deps,
        'Polymarket redemption needs you',
        `Condition ${rec.conditionId} (${rec.walletKind} wallet ${rec.holder}): ${detail}. ` +
          'Nothing more is sent for it; see docs/deploy.md#redemption.',
      );
    }
    return { conditionId: rec.conditionId, state: 'attention', detail };
  }

  async confirmed(
    rec: RedemptionRecord,
    confirmed: Extract<AttemptState, { state: 'confirmed' }>,
  ): Promise<RedeemOutcome> {
    // Paper sends nothing: it is paid what settlement booked (lib/venues/paper-redeemer.ts).
    const s = rec.walletKind === 'paper' ? { ...confirmed, paidMicros: expectedOf(rec) } : confirmed;
    let after: Micros | null = null;
    try {
      after = await this.r.redeemer.collateralMicros();
    } catch (err) {
      await recordFailure(this.deps, 'redeem', err, 'polymarket');
    }
    const done = await this.advance(rec, {
      status: 'confirmed',
      txHash: s.txHash ?? rec.txHash,
      paidMicros: s.paidMicros,
      collateralAfterMicros: after,
      gasCostWei: addWei(rec.gasCostWei, s.gasCostWei),
      confirmedAtMs: this.now(),
    });
    if (!done) return { conditionId: rec.conditionId, state: 'pending', detail: 'moved by another run' };
    const expected = expectedOf(rec);
    if (s.paidMicros !== expected) {
      // A success can pay 0 (docs/redemption.md#r5), e.g. when the tokens were redeemed by hand or by auto-redeem.
      await recordFailure(
        this.deps,
        'redeem',
        new Error(
          `redeem ${rec.conditionId} confirmed but paid ${s.paidMicros} micros where settlement booked ${expected}`,
        ),
        'polymarket',
      );
    }
    this.deps.logger.info(`[redeem] ${rec.conditionId}: paid ${s.paidMicros} micros (tx ${s.txHash ?? 'unknown'})`);
    return { conditionId: rec.conditionId, state: 'confirmed', paidMicros: s.paidMicros };
  }

  /** Acts on what the chain or relayer says of the current attempt. */
  async onLookup(rec: RedemptionRecord, target: RedeemTarget, s: AttemptState): Promise<RedeemOutcome> {
    switch (s.state) {
      case 'confirmed':
        return this.confirmed(rec, s);
      case 'failed':
        return this.retryLater(rec, s.cause, {
          txHash: s.txHash ?? rec.txHash,
          gasCostWei: addWei(rec.gasCostWei, s.gasCostWei),
          prepared: null,
          relayerId: null,
        });
      case 'unknown':
        return this.attention(rec, s.detail);
      case 'pending': {
        if (rec.status === 'submitting') {
          // The relayer has it (found by nonce): the send happened.
          const done = await this.advance(rec, { status: 'submitted', relayerId: s.relayerId });
          if (!done) return { conditionId: rec.conditionId, state: 'pending', detail: 'moved by another run' };
          return { conditionId: rec.conditionId, state: 'pending', detail: s.detail };
        }
        if (rec.prepared?.kind === 'relayer' && this.now() - rec.updatedAtMs >= this.policy.relayerStuckAfterMs) {
          // The relayer took it (an id, or our nonce) but never finished it: a re-send could run it twice,
          // so nothing more is sent; the operator is told once (docs/deploy.md#redemption).
          const minutes = Math.floor((this.now() - rec.updatedAtMs) / 60_000);
          return this.attention(
            rec,
            `relayer transaction ${s.relayerId ?? rec.relayerId ?? '(no id)'} not final after ${minutes} min (${s.detail})`,
          );
        }
        if (this.now() - rec.updatedAtMs >= this.policy.rebroadcastAfterMs && rec.prepared?.kind === 'tx') {
          // Still not mined: the same signed transaction again (same nonce, same hash) and the clock restarts.
          await this.r.redeemer.send(target, rec.prepared);
          await this.advance(rec, {});
        }
        return { conditionId: rec.conditionId, state: 'pending', detail: s.detail };
      }
      case 'not-sent':
        return this.send(rec, target);
    }
  }

  /** Sends the recorded attempt (first send, or the repair of a `submitting` one proven never to have arrived). */
  async send(rec: RedemptionRecord, target: RedeemTarget): Promise<RedeemOutcome> {
    if (!rec.prepared) throw new Error(`redemption ${rec.conditionId} has no prepared attempt`);
    faultPoint(this.deps, 'redeem-before-send');
    let relayerId: string | null;
    try {
      ({ relayerId } = await this.r.redeemer.send(target, rec.prepared));
    } catch (err) {
      if (err instanceof SimulatedCrash) throw err;
      if (err instanceof RedeemBlocked) {
        // Refused before anything ran (the relayer's 4xx, the node's refusal): this attempt is over.
        return this.retryLater(rec, err.message, { prepared: null, relayerId: null });
      }
      // No answer: the attempt may have arrived. Left `submitting`; the next run looks it up.
      await recordFailure(this.deps, 'redeem', err, 'polymarket');
      return { conditionId: rec.conditionId, state: 'pending', detail: `send unanswered: ${describeError(err)}` };
    }
    faultPoint(this.deps, 'redeem-after-send');
    const sent = await this.advance(rec, {
      status: 'submitted',
      relayerId,
      txHash: rec.prepared.kind === 'tx' ? rec.prepared.txHash : rec.txHash,
    });
    if (!sent) return { conditionId: rec.conditionId, state: 'pending', detail: 'moved by another run' };
    faultPoint(this.deps, 'redeem-before-confirm');
    return this.onLookup(sent, target, await this.r.redeemer.lookup(target, rec.prepared, relayerId));
  }

  /** A pending redemption: checks, fixes a new attempt, records it, sends it. */
  async start(rec: RedemptionRecord): Promise<RedeemOutcome> {
    const redeemer = this.r.redeemer;
    if (this.now() < rec.nextAttemptAtMs)
      return { conditionId: rec.conditionId, state: 'waiting', detail: 'backing off after a failure' };
    if (!(await redeemer.resolvedOnChain(rec.conditionId))) {
      // Not a failed attempt: the oracle has not reported yet (docs/redemption.md#r4-onchain). Wait and look again.
      return this.retryLater(rec, 'condition not resolved on chain yet');
    }
    const negRisk = rec.negRisk ?? (await redeemer.negRiskOf(rec.conditionId));
    const target: RedeemTarget = { conditionId: rec.conditionId, negRisk };
    const before = await redeemer.collateralMicros();
    let prepared: Awaited<ReturnType<Redeemer['prepare']>>;
    try {
      prepared = await redeemer.prepare(target);
    } catch (err) {
      if (!(err instanceof RedeemBlocked)) throw err;
      if (err.reason === 'gas-balance') await this.lowGasNotice(err.message);
      if (!err.retryable) return this.attention(rec, err.message);
      return this.retryLater(rec, err.message, { negRisk });
    }
    const recorded = await this.advance(rec, {
      status: 'submitting',
      attempt: rec.attempt + 1,
      negRisk,
      prepared,
      relayerId: null,
      txHash: prepared.kind === 'tx' ? prepared.txHash : null,
      collateralBeforeMicros: before,
    });
    if (!recorded) return { conditionId: rec.conditionId, state: 'pending', detail: 'moved by another run' };
    return this.send(recorded, target);
  }

  /** One step of one open redemption. */
  async step(rec: RedemptionRecord): Promise<RedeemOutcome> {
    if (rec.status === 'pending') return this.start(rec);
    if (!rec.prepared || rec.negRisk === null)
      return this.attention(rec, `${rec.status} without a recorded attempt (a store write was lost)`);
    const target: RedeemTarget = { conditionId: rec.conditionId, negRisk: rec.negRisk };
    return this.onLookup(rec, target, await this.r.redeemer.lookup(target, rec.prepared, rec.relayerId));
  }

  async lowGasNotice(detail: string): Promise<void> {
    const key = `redeem-gas#${this.deps.mode}#${utcDay(this.now())}`;
    if (!(await claimDailyNotice(this.deps, this.state, key))) return;
    await notifyAlert(
      this.deps,
      'Polymarket redemptions stopped: too little POL for gas',
      `${detail}. Send POL to ${this.r.redeemer.holder} on Polygon; redemptions resume on their own (docs/deploy.md#redemption).`,
    );
  }
}

/**
 * Drives every open redemption one step (settle's last step). One run at a time (the `redeem`
 * lease); a redemption's error is recorded and the others go on.
 */
export async function redeemOpen(deps: EngineDeps, state: EngineState): Promise<RedeemOutcome[]> {
  const r = deps.redemption;
  if (!r) return [];
  const owner = `${deps.instanceId}#redeem`;
  let open: RedemptionRecord[];
  try {
    if (!(await deps.store.acquireLease(REDEEM_LEASE, owner, deps.clock.now(), LEASE_TTL_MS))) return [];
    open = await r.store.listOpenRedemptions(deps.mode);
  } catch (err) {
    await recordFailure(deps, 'redeem', err);
    return [];
  }
  const out: RedeemOutcome[] = [];
  try {
    const step = new Step(deps, state, r);
    for (const listed of open) {
      try {
        // The index lags: act on the item itself.
        const rec = await r.store.getRedemption(listed.mode, listed.holder, listed.conditionId);
        if (!rec || rec.status === 'confirmed' || rec.status === 'attention') continue;
        out.push(await step.step(rec));
      } catch (err) {
        if (err instanceof SimulatedCrash) throw err;
        await recordFailure(deps, 'redeem', err, 'polymarket');
        out.push({ conditionId: listed.conditionId, state: 'pending', detail: describeError(err) });
      }
    }
  } finally {
    await deps.store.releaseLease(REDEEM_LEASE, owner).catch(() => false);
  }
  return out;
}
