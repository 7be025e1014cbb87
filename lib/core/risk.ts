/**
 * Pre-trade risk policy (docs/store.md#2-the-admission-condition). Pure: amounts, counters and
 * `nowMs` are passed in.
 *
 * Two halves that must agree:
 * - `checkRisk` answers "may this trade go?" with the reason a person reads.
 * - `admissionBounds` gives the exact numbers the store's ONE conditional UpdateItem compares
 *   against, so that the limits checked here and the limits enforced atomically in DynamoDB are
 *   one definition (`admissionAllows` evaluates that same condition in memory).
 *
 * Order of checks (the FIRST failure is the one reported, so a person sees the most
 * fundamental reason, and account-level stops win over trade-level ones):
 *   0. INVALID_INPUT        — a figure is not a usable integer: refuse, never guess.
 *   1. HALTED               — kill switch on.
 *   2. DAILY_TRADE_LIMIT    — tradesToday ≥ maxDailyTrades.
 *   3. DAILY_LOSS_LIMIT     — lossToday + worstCaseLoss > dailyLossLimit.
 *   4. INSUFFICIENT_BALANCE — balance < cost.
 *   5. POSITION_TOO_LARGE   — cost > maxPosition.
 *   6. ROI_TOO_LOW          — roi < minRoi.
 *   7. QUOTE_STALE          — the oldest book is older than maxBookAgeMs.
 *   8. VENUE_RULE           — an order of the plan breaks a rule of its venue (a Polymarket FOK
 *                             BUY that does not spend whole cents, spends under $1, or more than
 *                             its size at its limit: docs/venues-polymarket.md#p5-minimums), so it
 *                             is refused before the first leg is sent, never half-way.
 */

import type { VenueName } from './market';
import type { Centishares, Micros, PriceMicros } from './money';
import { displayUsd, formatScaled, MICROS_PER_DOLLAR } from './money';
import { orderRulesOf } from './order-precision';
import { utcDay } from './time';

export type RiskCode =
  | 'INVALID_INPUT'
  | 'HALTED'
  | 'DAILY_TRADE_LIMIT'
  | 'DAILY_LOSS_LIMIT'
  | 'INSUFFICIENT_BALANCE'
  | 'POSITION_TOO_LARGE'
  | 'ROI_TOO_LOW'
  | 'QUOTE_STALE'
  | 'VENUE_RULE';

export interface RiskRejection {
  readonly ok: false;
  readonly code: RiskCode;
  readonly message: string;
}

export type RiskDecision = { readonly ok: true } | RiskRejection;

/** One order a plan will send, as its venue's rules see it. */
export interface PlannedOrder {
  readonly venue: VenueName;
  readonly side: 'buy' | 'sell';
  readonly limitPriceMicros: PriceMicros;
  readonly sizeCenti: Centishares;
  /** Polymarket BUY: the pUSD it spends (the walk's cost, docs/adr/0007-polymarket-buys-spend-dollars.md). */
  readonly spendMicros: Micros;
}

/** Why `order` would be refused by its venue, or null (the venue's order rules: lib/core/order-precision.ts). */
export function venueRuleProblem(order: PlannedOrder): string | null {
  const rules = orderRulesOf(order.venue);
  return order.side === 'buy'
    ? rules.buyProblem(order.spendMicros, order.limitPriceMicros, order.sizeCenti)
    : rules.sellProblem(order.sizeCenti, order.limitPriceMicros);
}

/** What the planner proposes, summarised for the policy. */
export interface TradeCandidate {
  /** Everything the trade takes from the balance: both legs' notional plus fees. > 0. */
  readonly costMicros: Micros;
  /**
   * The most this trade can lose (e.g. first leg filled, second fails, first unwound at the
   * worst price the unwind ladder allows, plus fees). ≥ 0. Counted against today's loss limit
   * BEFORE the trade, so a one-legged outcome can never take the day past the limit.
   */
  readonly worstCaseLossMicros: Micros;
  /** Expected profit / cost in parts per million (20_000 = 2%), as the planner rounded it. */
  readonly roiPpm: number;
  /** `observedAtMs` of every book the plan used (one per leg). Must not be empty. */
  readonly booksObservedAtMs: readonly number[];
  /** The orders the plan sends, checked against their venues' rules (VENUE_RULE). */
  readonly orders?: readonly PlannedOrder[];
}

/** The account as the store last read it. */
export interface AccountState {
  readonly balanceMicros: Micros;
  /** Trades admitted on the current UTC day. */
  readonly tradesToday: number;
  /**
   * Today's loss counter (`loss#<day>`) as the store keeps it, ≥ 0: realised losses, or the
   * stricter worst-case risk reserved by today's admissions. The check is the same either way.
   */
  readonly lossTodayMicros: Micros;
  readonly halted: boolean;
}

export interface RiskPolicy {
  readonly minRoiPpm: number;
  readonly maxPositionMicros: Micros;
  readonly maxDailyTrades: number;
  readonly dailyLossLimitMicros: Micros;
  readonly maxBookAgeMs: number;
}

export interface RiskInput {
  readonly candidate: TradeCandidate;
  readonly account: AccountState;
  readonly policy: RiskPolicy;
  readonly nowMs: number;
}

function reject(code: RiskCode, message: string): RiskRejection {
  return { ok: false, code, message };
}

/** Dollars for messages: cents when exact, otherwise every micro, so `$100.00 > $100.00` never shows. */
export function usdForMessage(micros: Micros): string {
  if (micros % 10_000 === 0) return displayUsd(micros);
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  const whole = displayUsd(Math.floor(abs / MICROS_PER_DOLLAR) * MICROS_PER_DOLLAR).slice(0, -3);
  const frac = formatScaled(abs % MICROS_PER_DOLLAR, 6)
    .slice(2)
    .replace(/0+$/, '');
  return `${sign}${whole}.${frac}`;
}

/** `20_000` ppm → `'2.00%'`; finer figures keep their digits (`'1.9999%'`). */
export function percentForMessage(ppm: number): string {
  const exact = formatScaled(ppm, 4); // ppm / 10^4 = percent
  return `${exact.replace(/(\.\d\d\d*?)0+$/, '$1')}%`;
}

type Check = [name: string, value: number, min: number];

/** First field that is not a safe integer ≥ its minimum, or null. */
function invalidField(checks: readonly Check[]): string | null {
  for (const [name, value, min] of checks) {
    if (!Number.isSafeInteger(value)) return `${name} must be a safe integer, got ${String(value)}`;
    if (value < min) return `${name} must be ≥ ${min}, got ${value}`;
  }
  return null;
}

function validate({ candidate: c, account: a, policy: p, nowMs }: RiskInput): string | null {
  const problem = invalidField([
    ['costMicros', c.costMicros, 1],
    ['worstCaseLossMicros', c.worstCaseLossMicros, 0],
    ['roiPpm', c.roiPpm, Number.MIN_SAFE_INTEGER],
    ['balanceMicros', a.balanceMicros, Number.MIN_SAFE_INTEGER],
    ['tradesToday', a.tradesToday, 0],
    ['lossTodayMicros', a.lossTodayMicros, 0],
    ['minRoiPpm', p.minRoiPpm, Number.MIN_SAFE_INTEGER],
    ['maxPositionMicros', p.maxPositionMicros, 0],
    ['maxDailyTrades', p.maxDailyTrades, 0],
    ['dailyLossLimitMicros', p.dailyLossLimitMicros, 0],
    ['maxBookAgeMs', p.maxBookAgeMs, 0],
    ['nowMs', nowMs, Number.MIN_SAFE_INTEGER],
    ...c.booksObservedAtMs.map((t, i): Check => [`booksObservedAtMs[${i}]`, t, Number.MIN_SAFE_INTEGER]),
  ]);
  if (problem) return problem;
  if (typeof a.halted !== 'boolean') return 'halted must be a boolean';
  if (c.booksObservedAtMs.length === 0) return 'booksObservedAtMs must name at least one book';
  return null;
}

function dailyLossMessage(lossToday: Micros, worstCase: Micros, limit: Micros): string {
  if (lossToday >= limit) return 'Daily loss limit reached';
  return (
    `Daily loss limit would be exceeded: worst-case loss ${usdForMessage(worstCase)} + ` +
    `today's loss ${usdForMessage(lossToday)} > limit ${usdForMessage(limit)}`
  );
}

/** The age of the oldest book; a timestamp after `nowMs` (clock read earlier) counts as age 0. */
export function oldestBookAgeMs(booksObservedAtMs: readonly number[], nowMs: number): number {
  let oldest = 0;
  for (const t of booksObservedAtMs) oldest = Math.max(oldest, nowMs - t);
  return oldest;
}

/** The pre-trade policy, checks in the documented order; the first failure decides. */
export function checkRisk(input: RiskInput): RiskDecision {
  const problem = validate(input);
  if (problem) return reject('INVALID_INPUT', `Invalid risk input: ${problem}`);
  const { candidate: c, account: a, policy: p, nowMs } = input;

  if (a.halted) return reject('HALTED', 'Trading halted');
  if (a.tradesToday >= p.maxDailyTrades) {
    return reject('DAILY_TRADE_LIMIT', `Daily trade limit reached (${p.maxDailyTrades})`);
  }
  // Same form as the store's condition (loss ≤ limit − worst case): no sum can overflow.
  if (a.lossTodayMicros > p.dailyLossLimitMicros - c.worstCaseLossMicros) {
    return reject(
      'DAILY_LOSS_LIMIT',
      dailyLossMessage(a.lossTodayMicros, c.worstCaseLossMicros, p.dailyLossLimitMicros),
    );
  }
  if (a.balanceMicros < c.costMicros) return reject('INSUFFICIENT_BALANCE', 'Insufficient balance');
  if (c.costMicros > p.maxPositionMicros) {
    return reject(
      'POSITION_TOO_LARGE',
      `Position size ${usdForMessage(c.costMicros)} exceeds maximum ${usdForMessage(p.maxPositionMicros)}`,
    );
  }
  if (c.roiPpm < p.minRoiPpm) {
    return reject('ROI_TOO_LOW', `ROI ${percentForMessage(c.roiPpm)} below minimum ${percentForMessage(p.minRoiPpm)}`);
  }
  const ageMs = oldestBookAgeMs(c.booksObservedAtMs, nowMs);
  if (ageMs > p.maxBookAgeMs) return reject('QUOTE_STALE', `Quote too old: ${ageMs} ms > ${p.maxBookAgeMs} ms`);
  for (const order of c.orders ?? []) {
    const problem = venueRuleProblem(order);
    if (problem) return reject('VENUE_RULE', `${order.venue} ${order.side} would be refused: ${problem}`);
  }
  return { ok: true };
}

/**
 * The numbers of the admission write (docs/store.md#2-the-admission-condition). The store admits the trade iff, on the
 * `ACCOUNT#<mode>` item, all of these hold at write time:
 *   halted is not true
 *   AND balance ≥ minBalanceMicros
 *   AND (`trades#<day>` is absent OR `trades#<day>` < maxTradesBefore)
 *   AND (`loss#<day>` is absent OR `loss#<day>` ≤ lossCeilingMicros)
 * and the same write subtracts `debitMicros` from the balance and adds 1 to `trades#<day>`.
 * "Absent" means 0; that is only sound because the bounds are refused here when 0 itself
 * would not pass (maxTradesBefore < 1, lossCeilingMicros < 0).
 */
export interface AdmissionBounds {
  /** UTC day of `nowMs`, naming the per-day counters. */
  readonly day: string;
  readonly minBalanceMicros: Micros;
  readonly maxTradesBefore: number;
  /** dailyLossLimit − worstCaseLoss: condition expressions cannot add, so the caller subtracts. */
  readonly lossCeilingMicros: Micros;
  readonly debitMicros: Micros;
}

export function admissionBounds(
  candidate: Pick<TradeCandidate, 'costMicros' | 'worstCaseLossMicros'>,
  policy: Pick<RiskPolicy, 'maxDailyTrades' | 'dailyLossLimitMicros'>,
  nowMs: number,
): { readonly ok: true; readonly bounds: AdmissionBounds } | RiskRejection {
  const problem = invalidField([
    ['costMicros', candidate.costMicros, 1],
    ['worstCaseLossMicros', candidate.worstCaseLossMicros, 0],
    ['maxDailyTrades', policy.maxDailyTrades, 0],
    ['dailyLossLimitMicros', policy.dailyLossLimitMicros, 0],
    ['nowMs', nowMs, Number.MIN_SAFE_INTEGER],
  ]);
  if (problem) return reject('INVALID_INPUT', `Invalid risk input: ${problem}`);
  if (policy.maxDailyTrades < 1) {
    return reject('DAILY_TRADE_LIMIT', `Daily trade limit reached (${policy.maxDailyTrades})`);
  }
  const lossCeilingMicros = policy.dailyLossLimitMicros - candidate.worstCaseLossMicros;
  if (lossCeilingMicros < 0) {
    return reject('DAILY_LOSS_LIMIT', dailyLossMessage(0, candidate.worstCaseLossMicros, policy.dailyLossLimitMicros));
  }
  return {
    ok: true,
    bounds: {
      day: utcDay(nowMs),
      minBalanceMicros: candidate.costMicros,
      maxTradesBefore: policy.maxDailyTrades,
      lossCeilingMicros,
      debitMicros: candidate.costMicros,
    },
  };
}

/** The admission condition of `AdmissionBounds`, evaluated in memory (tests, paper store). */
export function admissionAllows(bounds: AdmissionBounds, account: AccountState): boolean {
  return (
    !account.halted &&
    account.balanceMicros >= bounds.minBalanceMicros &&
    account.tradesToday < bounds.maxTradesBefore &&
    account.lossTodayMicros <= bounds.lossCeilingMicros
  );
}
