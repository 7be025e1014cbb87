/**
 * Reconcile (start of every scan and settle run): brings every stale intent's bet to a true
 * state from what the venues say, by client order id — never by resending.
 *   no bet item       → releaseOrphanIntent (tombstone + reservation back)
 *   admitted          → failed (no order is ever sent before `placing`)
 *   placing           → look both legs up; record fills; then open / failed / unwind the excess
 *   unwinding         → record unwind sells the venue has but the bet lacks; continue the ladder
 *   open              → nothing (settle's job)
 *   a leg on a venue this deployment does not trade (placing, unwinding) → nothing sent, left to
 *                       the operator, reported once per container (./foreign-venue.ts)
 * Also finishes ledgers a crash left `pending`, and reports drift between the venues' positions
 * and the positions the bets say we hold.
 */

import { type BetRecord, unwindClientOrderIdFor } from '../core/bet';
import { instrumentKey, PAIR_VENUES } from '../core/market';
import { type EngineDeps, type EngineState, tradesVenue, venueOf } from './deps';
import { continueUnwind, type ExecutionStatus, resolvePlaced } from './execute';
import { recordFailure } from './failures';
import { foreignVenueOf, reportForeignBet } from './foreign-venue';
import { heldCenti, nextUnwindAttempt } from './legs';
import { followOrder } from './orders';
import { SimulatedCrash } from './ports';

export interface Drift {
  readonly instrument: string;
  readonly expectedCenti: number;
  readonly venueCenti: number;
}

export interface ReconcileReport {
  readonly repairedLedgers: number;
  readonly orphansReleased: number;
  readonly bets: Array<{ betId: string; from: string; to: ExecutionStatus | 'unchanged'; detail: string }>;
  /** null when a venue's positions could not be read. */
  readonly drift: Drift[] | null;
  /** Set when stale bets were left to another run that holds the reconcile lease. */
  readonly skipped?: 'lease-held';
}

/** The lease that lets one run at a time reconcile stale bets (scan and settle both reconcile). */
export const RECONCILE_LEASE = 'reconcile';

/** Looks up each leg's order; records what is known. Returns null when a leg is still unknown. */
async function refreshLegs(deps: EngineDeps, state: EngineState, bet: BetRecord): Promise<BetRecord | null> {
  let current = bet;
  for (const [i, leg] of bet.legs.entries()) {
    const out = await followOrder(deps, state, venueOf(deps, leg.venue), leg.clientOrderId, leg.instrument, null);
    if (!out.known) {
      // Not found: the order never reached the venue (or is not visible yet). After the stale
      // threshold the first reading is taken; a venue that cannot answer leaves it for later.
      if (out.reason === 'order not found on the venue') continue;
      return null;
    }
    if (out.filledCenti === leg.filledCenti && out.venueOrderId === leg.venueOrderId) continue;
    current = await deps.store.recordLegOrder(
      bet.id,
      i,
      {
        attempt: leg.attempt,
        limitPriceMicros: leg.limitPriceMicros,
        venueOrderId: out.venueOrderId,
        filledCenti: out.filledCenti,
        filledNotionalMicros: out.notionalMicros,
        filledFeeMicros: out.feeMicros,
      },
      deps.clock.now(),
    );
  }
  return current;
}

/** Unwind sells placed but never recorded (a crash between the sell and its record). */
async function recoverUnwinds(deps: EngineDeps, state: EngineState, bet: BetRecord): Promise<BetRecord | null> {
  let current = bet;
  for (const [i, leg] of bet.legs.entries()) {
    for (let attempt = nextUnwindAttempt(current, i); ; attempt += 1) {
      const id = unwindClientOrderIdFor(bet.id, i, attempt);
      const out = await followOrder(deps, state, venueOf(deps, leg.venue), id, leg.instrument, null);
      if (!out.known) {
        if (out.reason === 'order not found on the venue') break;
        return null;
      }
      current = await deps.store.recordUnwind(bet.id, {
        legIndex: i,
        attempt,
        venueOrderId: out.venueOrderId,
        limitPriceMicros: 0,
        sizeCenti: out.filledCenti,
        filledCenti: out.filledCenti,
        proceedsMicros: out.notionalMicros,
        feeMicros: out.feeMicros,
        atMs: deps.clock.now(),
      });
    }
  }
  return current;
}

async function reconcileBet(
  deps: EngineDeps,
  state: EngineState,
  bet: BetRecord,
  runId: string,
): Promise<ReconcileReport['bets'][number]> {
  const from = bet.status;
  if (bet.status === 'admitted') {
    const done = await deps.store.finishBet({
      betId: bet.id,
      from: 'admitted',
      to: 'failed',
      payoutMicros: 0,
      nowMs: deps.clock.now(),
      runId,
      note: 'reconcile: no order was placed',
    });
    return { betId: bet.id, from, to: done.bet.status === 'failed' ? 'failed' : 'placing', detail: 'never placed' };
  }
  if (bet.status === 'placing') {
    const fresh = await refreshLegs(deps, state, bet);
    if (!fresh) return { betId: bet.id, from, to: 'unchanged', detail: 'a leg is still unknown on its venue' };
    const out = await resolvePlaced(deps, state, fresh, runId);
    return { betId: bet.id, from, to: out.status, detail: out.detail };
  }
  if (bet.status === 'unwinding') {
    const fresh = await recoverUnwinds(deps, state, bet);
    if (!fresh) return { betId: bet.id, from, to: 'unchanged', detail: 'an unwind order is still unknown' };
    const out = await continueUnwind(deps, state, fresh, runId);
    return { betId: bet.id, from, to: out.status, detail: out.detail };
  }
  return { betId: bet.id, from, to: 'unchanged', detail: 'nothing to do' };
}

/** Positions the bets say we hold vs the venues' own positions (instrumentKey → centishares). */
export async function positionDrift(deps: EngineDeps): Promise<Drift[] | null> {
  const expected = new Map<string, number>();
  for (const bet of await deps.store.listActiveBets(deps.mode)) {
    if (bet.status === 'failed' || bet.status === 'unwound' || bet.status === 'settled') continue;
    bet.legs.forEach((leg, i) => {
      // A venue this deployment does not trade is not read below: its legs cannot be compared.
      if (!tradesVenue(deps, leg.venue)) return;
      const k = instrumentKey(leg.instrument);
      expected.set(k, (expected.get(k) ?? 0) + heldCenti(bet, i));
    });
  }
  const actual = new Map<string, number>();
  for (const venue of PAIR_VENUES) {
    try {
      for (const p of await deps.venues[venue].getPositions()) actual.set(instrumentKey(p.instrument), p.sizeCenti);
    } catch (err) {
      // Drift is a report, not trading: recorded, but not counted toward the circuit breaker.
      await recordFailure(deps, 'positions', err, deps.venues[venue].name);
      return null;
    }
  }
  const drift: Drift[] = [];
  for (const k of new Set([...expected.keys(), ...actual.keys()])) {
    const e = expected.get(k) ?? 0;
    const a = actual.get(k) ?? 0;
    if (e !== a) drift.push({ instrument: k, expectedCenti: e, venueCenti: a });
  }
  return drift.sort((x, y) => x.instrument.localeCompare(y.instrument));
}

export async function reconcile(
  deps: EngineDeps,
  state: EngineState,
  runId: string,
  options: { drift?: boolean } = {},
): Promise<ReconcileReport> {
  const repairedLedgers = await deps.store.repairPendingLedgers(deps.mode);
  let orphansReleased = 0;
  const bets: ReconcileReport['bets'] = [];
  const stale = await deps.store.listStaleIntents(deps.mode, deps.clock.now() - deps.config.staleIntentMs);
  const lease = new ReconcileLease(deps, runId);
  let skipped = false;
  let crashed = false;
  try {
    for (const intent of stale) {
      try {
        const bet = await deps.store.getBet(intent.betId);
        // Open bets are settle's; a bet whose money is applied needs nothing. Neither takes the lease.
        if (bet && (bet.status === 'open' || bet.ledger !== 'reserved')) continue;
        // An `admitted` bet sent nothing and fails without a venue call, whatever its venues; a
        // placing or unwinding one on a venue this deployment does not trade is the operator's.
        const foreign = bet && bet.status !== 'admitted' ? foreignVenueOf(deps, bet) : null;
        if (bet && foreign) {
          const detail = await reportForeignBet(deps, state, 'reconcile', bet, foreign);
          bets.push({ betId: bet.id, from: bet.status, to: 'unchanged', detail });
          continue;
        }
        if (!(await lease.hold())) {
          skipped = true;
          break;
        }
        if (!bet) {
          if ((await deps.store.releaseOrphanIntent(deps.mode, intent.betId, deps.clock.now())) === 'released')
            orphansReleased += 1;
          continue;
        }
        bets.push(await reconcileBet(deps, state, bet, runId));
      } catch (err) {
        if (err instanceof SimulatedCrash) throw err;
        await recordFailure(deps, 'reconcile', err);
        bets.push({
          betId: intent.betId,
          from: 'unknown',
          to: 'unchanged',
          detail: `error: ${err instanceof Error ? err.name : 'error'}`,
        });
      }
    }
  } catch (err) {
    crashed = err instanceof SimulatedCrash;
    throw err;
  } finally {
    // A (simulated) crash keeps the lease, as a dead process would: it expires on its own.
    if (!crashed) await lease.release();
  }
  const drift = options.drift === false ? [] : await positionDrift(deps);
  return { repairedLedgers, orphansReleased, bets, drift, ...(skipped ? { skipped: 'lease-held' as const } : {}) };
}

/**
 * Scan and settle both reconcile, every minute: one run at a time works on stale bets of a mode,
 * so two processes never look up, record and unwind the same bet at once. Taken only when a bet
 * needs work, renewed before each further bet (a renewal that fails, or finds the lease taken,
 * stops this run's reconciling), released at the end.
 */
class ReconcileLease {
  private held = false;
  constructor(
    private readonly deps: EngineDeps,
    private readonly runId: string,
  ) {}

  get name(): string {
    return `${RECONCILE_LEASE}#${this.deps.mode}`;
  }

  /** Takes or renews the lease; false when another run holds it. Throws only on a store error. */
  async hold(): Promise<boolean> {
    this.held = await this.deps.store.acquireLease(
      this.name,
      this.runId,
      this.deps.clock.now(),
      this.deps.config.leaseTtlMs,
    );
    return this.held;
  }

  async release(): Promise<void> {
    if (this.held) await this.deps.store.releaseLease(this.name, this.runId).catch(() => false);
    this.held = false;
  }
}
