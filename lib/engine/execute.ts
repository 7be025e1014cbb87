/**
 * Execution of an admitted bet (docs/engine.md#execute-and-the-bet-lifecycle): the intent is already written (admission); the
 * first leg, then the second for exactly the shares the first filled, both FOK at the plan's
 * limits. A second leg short of the first leaves an excess that is unwound. Every order result
 * is recorded on the bet before the next step; an order whose outcome is unknown stops here
 * and the bet is left for reconcile (./reconcile.ts), which uses the same resolution below.
 */
import { randomUUID } from 'node:crypto';
import type { BetRecord } from '../core/bet';
import { orderRulesOf } from '../core/order-precision';
import { type EngineDeps, type EngineState, venueOf } from './deps';
import { haltTrading } from './halt';
import { legBalance, nextUnwindAttempt } from './legs';
import { notifyAlert, notifyLegFailure, notifyUnwind } from './notices';
import { type KnownOutcome, placeOnce } from './orders';
import { legStepCenti, polymarketSpendMicros } from './planning';
import { faultPoint } from './ports';
import { unwindLeg } from './unwind';

/** `held`: the bet is `open` with an unhedged residual kept to resolution (not a new arbitrage). */
export type ExecutionStatus = 'open' | 'held' | 'failed' | 'unwound' | 'unwinding' | 'placing';

export interface Execution {
  readonly bet: BetRecord;
  readonly status: ExecutionStatus;
  readonly detail: string;
}

/**
 * One run = one invocation. The store answers a repeat of a write by the SAME run as success
 * (an SDK retry of a write that committed), so two invocations must never share a run id, even
 * in one warm container: the invocation id (Lambda request id) or a fresh random one is part of it.
 */
export function runIdOf(deps: EngineDeps, eventId: string, invocationId: string = randomUUID()): string {
  return `${eventId}#${deps.instanceId}#${invocationId}`;
}

async function recordLeg(deps: EngineDeps, bet: BetRecord, legIndex: number, out: KnownOutcome): Promise<BetRecord> {
  const leg = bet.legs[legIndex]!;
  return deps.store.recordLegOrder(
    bet.id,
    legIndex,
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

async function placeLeg(deps: EngineDeps, state: EngineState, bet: BetRecord, legIndex: number, sizeCenti: number) {
  const leg = bet.legs[legIndex]!;
  return placeOnce(deps, state, venueOf(deps, leg.venue), {
    clientOrderId: leg.clientOrderId,
    instrument: leg.instrument,
    side: 'buy',
    priceMicros: leg.limitPriceMicros,
    sizeCenti,
    tif: 'FOK',
    // A buy that spends dollars (Polymarket FOK) spends exactly the planned walk's cost
    // (docs/adr/0007-polymarket-buys-spend-dollars.md); Kalshi and Polymarket US buy contracts.
    ...(orderRulesOf(leg.venue).buySizing === 'spend' ? { spendMicros: polymarketSpendMicros(leg, sizeCenti) } : {}),
  });
}

/**
 * The second leg's size: what the first leg delivered, never more than the second leg's plan
 * (extra first-leg shares from a Polymarket price improvement stay an excess, unwound or held),
 * in whole order steps.
 */
export function secondLegSize(bet: BetRecord, firstFilledCenti: number, stepCenti: number): number {
  const size = Math.min(firstFilledCenti, bet.legs[1]!.sizeCenti);
  return Math.floor(size / stepCenti) * stepCenti;
}

/** Places both legs of a bet in `admitted` status and drives it as far as it can go. */
export async function executeBet(
  deps: EngineDeps,
  state: EngineState,
  admitted: BetRecord,
  runId: string,
): Promise<Execution> {
  let bet = await deps.store.transitionBet(admitted.id, 'admitted', 'placing', { nowMs: deps.clock.now(), runId });
  faultPoint(deps, 'before-first-leg');
  const first = await placeLeg(deps, state, bet, 0, bet.legs[0]!.sizeCenti);
  if (!first.known) {
    await notifyLegFailure(deps, bet, 0, `outcome unknown (${first.reason}); reconcile will look it up`);
    return { bet, status: 'placing', detail: `first leg unknown: ${first.reason}` };
  }
  faultPoint(deps, 'before-first-leg-record');
  bet = await recordLeg(deps, bet, 0, first);
  if (first.filledCenti === 0) {
    const done = await deps.store.finishBet({
      betId: bet.id,
      from: 'placing',
      to: 'failed',
      payoutMicros: 0,
      nowMs: deps.clock.now(),
      runId,
      note: `first leg not filled: ${first.reason ?? 'no fill'}`,
    });
    return { bet: done.bet, status: 'failed', detail: `first leg not filled: ${first.reason ?? ''}` };
  }
  faultPoint(deps, 'between-legs');
  const secondSize = secondLegSize(bet, first.filledCenti, legStepCenti(bet.legs[1]!, deps.config));
  const second =
    secondSize > 0
      ? await placeLeg(deps, state, bet, 1, secondSize)
      : ({
          known: true,
          venueOrderId: null,
          filledCenti: 0,
          notionalMicros: 0,
          feeMicros: 0,
          reason: 'first leg filled under one order step',
        } as const);
  if (!second.known) {
    await notifyLegFailure(deps, bet, 1, `outcome unknown (${second.reason}); reconcile will look it up`);
    return { bet, status: 'placing', detail: `second leg unknown: ${second.reason}` };
  }
  faultPoint(deps, 'before-second-leg-record');
  bet = await recordLeg(deps, bet, 1, second);
  if (second.filledCenti < first.filledCenti)
    await notifyLegFailure(deps, bet, 1, second.reason ?? 'filled short of the first leg');
  faultPoint(deps, 'after-legs');
  return resolvePlaced(deps, state, bet, runId);
}

/** A `placing` bet whose leg fills are all known: open, failed, or unwind the excess. */
export async function resolvePlaced(
  deps: EngineDeps,
  state: EngineState,
  bet: BetRecord,
  runId: string,
): Promise<Execution> {
  const { hedgedCenti, excessCenti } = legBalance(bet);
  const anyFilled = bet.legs.some((l) => l.filledCenti > 0);
  if (!anyFilled) {
    const done = await deps.store.finishBet({
      betId: bet.id,
      from: 'placing',
      to: 'failed',
      payoutMicros: 0,
      nowMs: deps.clock.now(),
      runId,
      note: 'nothing filled',
    });
    return { bet: done.bet, status: 'failed', detail: 'nothing filled' };
  }
  if (excessCenti.every((e) => e === 0)) {
    const open = await deps.store.transitionBet(bet.id, 'placing', 'open', { nowMs: deps.clock.now(), runId });
    return { bet: open, status: 'open', detail: `both legs filled ${hedgedCenti} centishares` };
  }
  const unwinding = await deps.store.transitionBet(bet.id, 'placing', 'unwinding', {
    nowMs: deps.clock.now(),
    runId,
    note: `legs unequal (${bet.legs.map((l) => l.filledCenti).join(' vs ')}): unwinding the excess`,
    cooldownUntilMs: deps.clock.now() + deps.config.cooldownMs,
  });
  faultPoint(deps, 'before-unwind');
  return continueUnwind(deps, state, unwinding, runId);
}

/** Sells every leg's excess over the hedged size; then open (hedged part kept) or unwound. */
export async function continueUnwind(
  deps: EngineDeps,
  state: EngineState,
  start: BetRecord,
  runId: string,
): Promise<Execution> {
  let bet = start;
  for (const [legIndex, excess] of legBalance(bet).excessCenti.entries()) {
    if (excess <= 0) continue;
    const out = await unwindLeg(deps, state, bet, legIndex, excess);
    bet = out.bet;
    if (out.blocked) {
      await notifyUnwind(deps, bet, 0, false);
      return { bet, status: 'unwinding', detail: 'an unwind order outcome is unknown; reconcile will look it up' };
    }
  }
  const { hedgedCenti, excessCenti } = legBalance(bet);
  const cooldownUntilMs = deps.clock.now() + deps.config.cooldownMs;
  if (excessCenti.some((e) => e > 0)) {
    if (!residualSellable(deps, bet, excessCenti))
      return holdResidual(deps, state, bet, runId, excessCenti, cooldownUntilMs);
    await notifyUnwind(deps, bet, 0, false);
    return {
      bet,
      status: 'unwinding',
      detail: `residual ${excessCenti.join('/')} centishares not sold; reconcile retries`,
    };
  }
  if (hedgedCenti > 0) {
    const open = await deps.store.transitionBet(bet.id, 'unwinding', 'open', {
      nowMs: deps.clock.now(),
      runId,
      note: `excess unwound; ${hedgedCenti} centishares hedged on both legs`,
      cooldownUntilMs,
    });
    await notifyUnwind(deps, open, 0, true);
    return { bet: open, status: 'open', detail: `excess unwound, ${hedgedCenti} hedged` };
  }
  const done = await deps.store.finishBet({
    betId: bet.id,
    from: 'unwinding',
    to: 'unwound',
    payoutMicros: 0,
    nowMs: deps.clock.now(),
    runId,
    cooldownUntilMs,
  });
  await notifyUnwind(deps, done.bet, done.bet.result?.lossMicros ?? 0, true);
  return { bet: done.bet, status: 'unwound', detail: `unwound, loss ${done.bet.result?.lossMicros ?? 0} micros` };
}

/**
 * Whether leg `legIndex`'s residual is big enough for a sell order: at least one order step, and
 * acceptable to its venue at the leg's buy limit, the most the unwind ladder asks (Polymarket: worth
 * its $1 minimum, docs/venues-polymarket.md#p5-minimums). A smaller residual cost under $1 and is held.
 */
function orderSized(deps: EngineDeps, bet: BetRecord, legIndex: number, excessCenti: number): boolean {
  const leg = bet.legs[legIndex]!;
  const step = legStepCenti(leg, deps.config);
  const sellable = Math.floor(excessCenti / step) * step;
  if (sellable <= 0) return false;
  return orderRulesOf(leg.venue).sellProblem(sellable, leg.limitPriceMicros) === null;
}

/** Whether any leg's residual can still be sold: an order-sized residual with sell orders left. */
function residualSellable(deps: EngineDeps, bet: BetRecord, excessCenti: readonly number[]): boolean {
  const { maxAttemptsPerLeg } = deps.config.unwind;
  return excessCenti.some((e, i) => orderSized(deps, bet, i, e) && nextUnwindAttempt(bet, i) < maxAttemptsPerLeg);
}

/**
 * The residual cannot be sold (smaller than an order, or the ladder's attempts are used up):
 * it is held to the game's resolution. The bet goes `open`; settlement pays the shares each leg
 * still holds (legs.ts payoutFor), so the residual's win or loss reaches the ledger and today's
 * loss counter when the game resolves. Never left `unwinding` for ever, never sold again.
 *
 * A residual of at least one order step (the ladder gave up on a sellable size) can lose more
 * than the ladder floor that admission reserved against the daily loss limit, so holding it
 * also HALTS trading: no new trade is admitted until the operator has looked and resumed. A
 * crumb under one step (a half-filled odd size, the extra shares of a Polymarket price
 * improvement) or under the venue's $1 minimum costs at most that and does not halt.
 */
async function holdResidual(
  deps: EngineDeps,
  state: EngineState,
  bet: BetRecord,
  runId: string,
  excessCenti: readonly number[],
  cooldownUntilMs: number,
): Promise<Execution> {
  const sizeable = excessCenti.some((e, i) => orderSized(deps, bet, i, e));
  const why = sizeable
    ? `no sale after ${deps.config.unwind.maxAttemptsPerLeg} sell orders`
    : 'under one order step or the venue minimum';
  const note = `residual ${excessCenti.join('/')} centishares cannot be sold (${why}): held to resolution`;
  const open = await deps.store.transitionBet(bet.id, 'unwinding', 'open', {
    nowMs: deps.clock.now(),
    runId,
    note,
    cooldownUntilMs,
  });
  await notifyAlert(
    deps,
    `Residual held to resolution: ${bet.title}`,
    `${note}. Bet ${bet.id} settles on the shares it holds.${sizeable ? ' Trading is halted: its loss may exceed what the daily loss limit reserved.' : ''}`,
  );
  if (sizeable)
    await haltTrading(deps, state, `unhedged residual held on bet ${bet.id} (${bet.title}); check it, then resume`);
  return { bet: open, status: 'held', detail: note };
}
