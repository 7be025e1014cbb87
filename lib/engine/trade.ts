/**
 * One candidate pair, from books to a finished execution: plan, risk, admission (the store's ONE
 * conditional write), execution. Scan calls it per candidate; it is exported on its own so
 * concurrent runs racing for the same limits can be exercised directly.
 */
import { createHash } from 'node:crypto';
import { type Account, countersOn } from '../core/account';
import type { AnyArbPlan, ArbLeg } from '../core/arb';
import { liveTradeable } from '../core/league-rules';
import { type Book, type GamePair, instrumentKey, type PairVenue } from '../core/market';
import type { Micros } from '../core/money';
import { isOutcomePair, type OutcomePair, type TradePair, toArbPlan } from '../core/outcome-arb';
import { checkRisk } from '../core/risk';
import { forgetCash } from './balances';
import { perTradeOf } from './capital';
import type { EngineConfig, EngineDeps, EngineState } from './deps';
import { type Execution, executeBet } from './execute';
import { notifyNewArb } from './notices';
import {
  orderedLegs,
  planAligned,
  plannedOrdersOf,
  planOutcomeAligned,
  toPlannedLeg,
  worstCaseLossMicros,
} from './planning';

export type TradeAttempt =
  | { readonly kind: 'no-plan'; readonly reason: string }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string; readonly plan: AnyArbPlan }
  | { readonly kind: 'traded'; readonly plan: AnyArbPlan; readonly execution: Execution };

/** Deterministic from the scheduled event, the pair and the loop round: a repeated event reuses it. */
export function betIdFor(eventId: string, pairId: string, round: number): string {
  return `b-${createHash('sha256').update(`${eventId}|${pairId}|${round}`).digest('hex').slice(0, 24)}`;
}

export interface TradeContext {
  readonly eventId: string;
  readonly runId: string;
  readonly round: number;
  readonly account: Account;
  readonly balances: Readonly<Record<PairVenue, Micros>>;
  /**
   * Called once the trade is decided and about to be admitted (before the admission write), so a
   * streamed run can time its decisions without counting the execution (./stream-session.ts).
   */
  readonly onDecided?: () => void;
}

function teamName(pair: GamePair, backsSide: 0 | 1): string {
  return pair.sides[backsSide].polymarketName;
}

/**
 * What a leg of an outcome cover backs: the outcome ("Chelsea", "Draw") for the YES leg, its
 * negation ("Not Chelsea", "Not Draw") for the NO leg.
 */
function outcomeLegName(pair: OutcomePair, leg: ArbLeg): string {
  const i = leg.instrument;
  const outcome = pair.game.outcomes.find((o) =>
    i.venue === 'kalshi'
      ? o.kalshiTicker === i.ticker
      : i.venue === 'polymarket' && [o.polymarket.yesTokenId, o.polymarket.noTokenId].includes(i.tokenId),
  );
  const name = outcome ? (pair.names[outcome.key] ?? outcome.key) : instrumentKey(i);
  return leg.backsSide === 0 ? name : `Not ${name}`;
}

/** The name of what a planned leg backs, as bets and notices show it. */
function legName(pair: TradePair, leg: ArbLeg): string {
  return isOutcomePair(pair) ? outcomeLegName(pair, leg) : teamName(pair, leg.backsSide);
}

export function titleOf(pair: TradePair): string {
  if (isOutcomePair(pair))
    return `${pair.names[pair.home.code] ?? pair.home.code} vs ${pair.names[pair.away.code] ?? pair.away.code}`;
  return `${teamName(pair, 0)} vs ${teamName(pair, 1)}`;
}

/**
 * The planner on a pair's books with the configured limits, each venue's cash and a book-age
 * limit (`tryTrade` passes the configured one; a streamed run's screen lifts it). Returns the
 * plan, or why there is none in the words the report uses.
 */
export function planPair(
  config: EngineConfig,
  pair: TradePair,
  books: ReadonlyMap<string, Book>,
  at: { readonly nowMs: number; readonly maxBookAgeMs: number; readonly balances: Readonly<Record<PairVenue, Micros>> },
): { readonly plan: AnyArbPlan } | { readonly noPlan: string } {
  const limits = {
    minRoiPpm: config.risk.minRoiPpm,
    maxPositionMicros: perTradeOf(config),
    balanceMicros: at.balances,
    nowMs: at.nowMs,
    maxBookAgeMs: at.maxBookAgeMs,
    rules: config.rules,
    ...(config.maxTailLossMicros === undefined ? {} : { maxTailLossMicros: config.maxTailLossMicros }),
  };
  if (isOutcomePair(pair)) {
    // A three-way game: one outcome covered across venues, still two legs (docs/adr/0012-three-way-markets.md).
    const ev = planOutcomeAligned(pair, books, limits, config);
    if (ev.kind === 'plan') return { plan: toArbPlan(ev.plan) };
    if (ev.reason === 'rules') return { noPlan: `rules: ${ev.gate.reason} (${ev.gate.scenario})` };
    return { noPlan: ev.reason };
  }
  const ev = planAligned(pair, books, limits, config);
  if (ev.kind === 'plan') return { plan: ev.plan };
  return { noPlan: ev.reason === 'rules' ? `rules: ${ev.gate.reason} (${ev.gate.scenario})` : ev.reason };
}

export async function tryTrade(
  deps: EngineDeps,
  state: EngineState,
  ctx: TradeContext,
  pair: TradePair,
  books: ReadonlyMap<string, Book>,
): Promise<TradeAttempt> {
  const { config } = deps;
  if (isOutcomePair(pair) && deps.mode === 'live') {
    // Live trades a league only when both venues' rules for it are verified (lib/core/league-rules.ts).
    const verdict = liveTradeable(pair.league);
    if (!verdict.live) return { kind: 'no-plan', reason: verdict.reason };
  }
  const nowMs = deps.clock.now();
  const planned = planPair(config, pair, books, {
    nowMs,
    maxBookAgeMs: config.risk.maxBookAgeMs,
    balances: ctx.balances,
  });
  if ('noPlan' in planned) return { kind: 'no-plan', reason: planned.noPlan };
  const plan = planned.plan;
  const worstCase = worstCaseLossMicros(pair, plan, config);
  const counters = countersOn(ctx.account, nowMs);
  const booksObservedAtMs = plan.legs.map((l) => books.get(instrumentKey(l.instrument))?.observedAtMs ?? 0);
  const risk = checkRisk({
    candidate: {
      costMicros: plan.costMicros,
      worstCaseLossMicros: worstCase,
      roiPpm: plan.roiPpm,
      booksObservedAtMs,
      orders: plannedOrdersOf(plan),
    },
    account: {
      balanceMicros: ctx.account.balanceMicros,
      tradesToday: counters.trades,
      lossTodayMicros: counters.riskMicros,
      halted: ctx.account.halted,
    },
    policy: config.risk,
    nowMs,
  });
  if (!risk.ok) return { kind: 'refused', code: risk.code, message: risk.message, plan };

  const legs = orderedLegs(plan, config.firstLeg);
  const betId = betIdFor(ctx.eventId, pair.id, ctx.round);
  ctx.onDecided?.();
  const admission = await deps.store.admitBet(
    {
      id: betId,
      mode: deps.mode,
      pairId: pair.id,
      league: pair.league,
      title: titleOf(pair),
      teams: [legName(pair, legs[0]), legName(pair, legs[1])],
      legs: legs.map((l) => toPlannedLeg(l, books, config)),
      costMicros: plan.costMicros,
      worstCaseLossMicros: worstCase,
    },
    { maxDailyTrades: config.risk.maxDailyTrades, dailyLossLimitMicros: config.risk.dailyLossLimitMicros },
    nowMs,
    ctx.runId,
  );
  if (!admission.admitted) return { kind: 'refused', code: admission.code, message: admission.message, plan };
  const admitted = await deps.store.getBet(betId);
  if (!admitted) throw new Error(`bet ${betId} admitted but not readable`);
  const execution = await executeBet(deps, state, admitted, ctx.runId);
  forgetCash(state);
  if (execution.status === 'open' && execution.bet.legs.every((l) => l.filledCenti === plan.sizeCenti)) {
    deps.logger.info(`💰 New Arb: ${admitted.title} (${deps.mode})`);
    await notifyNewArb(deps, execution.bet, {
      profitMicros: plan.worstCaseProfitMicros,
      roiPpm: plan.roiPpm,
      costMicros: plan.costMicros,
    });
  }
  return { kind: 'traded', plan, execution };
}
