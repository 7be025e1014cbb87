/**
 * Performance figures from a list of bets (docs/api.md "GET /trading/metrics"). Pure: money stays in exact
 * integer micros; ratios (win rate, ROI, drawdown ratio) are plain numbers for display only.
 *
 * Definitions (they are what the API and notifications report, so they are fixed here):
 * - A bet is CLOSED when it is `settled`, `unwound` or `failed`; `open` bets have no realised
 *   P&L yet and enter only `openTrades`, `lockedCapitalMicros` and `expectedOpenProfitMicros`.
 * - WIN: a closed bet with realised P&L > 0. LOSS: realised P&L < 0 (an unwound or failed bet
 *   that lost money is a loss like any other). FLAT: exactly 0 (e.g. nothing filled).
 * - winRate = wins / closed bets. Flats count as "not a win". With no closed bet it is `null`
 *   (not 0: "no data" must not read as "always lost").
 * - averageRoi = mean over closed bets with cost > 0 of (realised P&L / cost): each bet weighs
 *   the same. aggregateRoi = Σ realised P&L / Σ cost over the same bets (capital-weighted).
 *   Both `null` when there is no such bet.
 * - dailyPnl: realised P&L summed per UTC day of `closedAtMs`, ascending, days with at least
 *   one closed bet only. It sums to totalRealizedPnlMicros.
 * - maxDrawdown: the largest peak-to-trough fall of the realised equity curve, which starts at
 *   `initialBalanceMicros` and moves by each closed bet's P&L in `closedAtMs` order. Bets that
 *   closed in the same millisecond move it as one step, so the figure does not depend on the
 *   order of the input list. `ratio` = drop / the peak it fell from (null if that peak ≤ 0).
 */
import type { Micros } from './money';
import { assertInteger } from './money';
import { utcDay } from './time';

export type BetMetricsStatus = 'open' | 'settled' | 'unwound' | 'failed';

export type BetForMetrics =
  | {
      readonly status: 'open';
      /** What the bet took from the balance (both legs, fees included). */
      readonly costMicros: Micros;
      readonly expectedProfitMicros: Micros;
      readonly admittedAtMs: number;
      readonly realizedPnlMicros?: null;
      readonly closedAtMs?: null;
    }
  | {
      readonly status: 'settled' | 'unwound' | 'failed';
      readonly costMicros: Micros;
      readonly expectedProfitMicros: Micros;
      readonly admittedAtMs: number;
      /** Final cash back minus cost (fees included). */
      readonly realizedPnlMicros: Micros;
      readonly closedAtMs: number;
    };

export interface DailyPnl {
  readonly day: string;
  readonly pnlMicros: Micros;
  /** Bets closed that day. */
  readonly closedTrades: number;
}

export interface Drawdown {
  /** Largest fall from a running peak, ≥ 0. */
  readonly micros: Micros;
  /** micros / the peak it fell from; null when no fall or that peak ≤ 0. */
  readonly ratio: number | null;
  /** The peak and trough of that largest fall (both the initial balance when there was none). */
  readonly peakMicros: Micros;
  readonly troughMicros: Micros;
  readonly peakAtMs: number | null;
  readonly troughAtMs: number | null;
}

export interface Metrics {
  readonly totalTrades: number;
  readonly openTrades: number;
  readonly closedTrades: number;
  readonly wins: number;
  readonly losses: number;
  readonly flat: number;
  readonly winRate: number | null;
  readonly averageRoi: number | null;
  readonly aggregateRoi: number | null;
  readonly totalRealizedPnlMicros: Micros;
  /** initialBalanceMicros + totalRealizedPnlMicros. */
  readonly realizedEquityMicros: Micros;
  readonly dailyPnl: readonly DailyPnl[];
  readonly maxDrawdown: Drawdown;
  /** Σ cost of open bets: capital out of reach until they settle. */
  readonly lockedCapitalMicros: Micros;
  readonly expectedOpenProfitMicros: Micros;
}

export class MetricsInputError extends Error {
  constructor(index: number, problem: string) {
    super(`Bet ${index} cannot be measured: ${problem}`);
    this.name = 'MetricsInputError';
  }
}

type ClosedBet = Extract<BetForMetrics, { status: 'settled' | 'unwound' | 'failed' }>;

const STATUSES: readonly BetMetricsStatus[] = ['open', 'settled', 'unwound', 'failed'];

function checkBet(bet: BetForMetrics, index: number): void {
  if (!STATUSES.includes(bet.status))
    throw new MetricsInputError(index, `unknown status ${JSON.stringify(bet.status)}`);
  const fields: [string, unknown][] = [
    ['costMicros', bet.costMicros],
    ['expectedProfitMicros', bet.expectedProfitMicros],
    ['admittedAtMs', bet.admittedAtMs],
  ];
  if (bet.status !== 'open') {
    fields.push(['realizedPnlMicros', bet.realizedPnlMicros], ['closedAtMs', bet.closedAtMs]);
  }
  for (const [name, value] of fields) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new MetricsInputError(index, `${name} must be a safe integer, got ${String(value)}`);
    }
  }
  if (bet.costMicros < 0) throw new MetricsInputError(index, `costMicros must be ≥ 0, got ${bet.costMicros}`);
}

/** Sum that stays exact or throws (never a silently rounded total). */
function add(total: Micros, value: Micros): Micros {
  const sum = total + value;
  assertInteger(sum, 'total');
  return sum;
}

export function dailyPnl(closed: readonly ClosedBet[]): DailyPnl[] {
  const byDay = new Map<string, { pnlMicros: Micros; closedTrades: number }>();
  for (const bet of closed) {
    const day = utcDay(bet.closedAtMs);
    const entry = byDay.get(day) ?? { pnlMicros: 0, closedTrades: 0 };
    byDay.set(day, { pnlMicros: add(entry.pnlMicros, bet.realizedPnlMicros), closedTrades: entry.closedTrades + 1 });
  }
  return [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([day, e]) => ({ day, ...e }));
}

export function maxDrawdown(closed: readonly ClosedBet[], initialBalanceMicros: Micros): Drawdown {
  const steps = new Map<number, Micros>();
  for (const bet of closed) steps.set(bet.closedAtMs, add(steps.get(bet.closedAtMs) ?? 0, bet.realizedPnlMicros));
  const times = [...steps.keys()].sort((a, b) => a - b);

  let equity = initialBalanceMicros;
  let peak = equity;
  let peakAtMs: number | null = null;
  let best: Drawdown = {
    micros: 0,
    ratio: null,
    peakMicros: equity,
    troughMicros: equity,
    peakAtMs: null,
    troughAtMs: null,
  };
  for (const t of times) {
    equity = add(equity, steps.get(t) ?? 0);
    if (equity > peak) {
      peak = equity;
      peakAtMs = t;
    }
    const fall = peak - equity;
    if (fall > best.micros) {
      best = {
        micros: fall,
        ratio: peak > 0 ? fall / peak : null,
        peakMicros: peak,
        troughMicros: equity,
        peakAtMs,
        troughAtMs: t,
      };
    }
  }
  return best;
}

export function computeMetrics(bets: readonly BetForMetrics[], initialBalanceMicros: Micros): Metrics {
  assertInteger(initialBalanceMicros, 'initialBalanceMicros');
  bets.forEach(checkBet);
  const closed = bets.filter((b): b is ClosedBet => b.status !== 'open');
  const open = bets.filter((b) => b.status === 'open');

  let wins = 0;
  let losses = 0;
  let totalPnl = 0;
  let roiSum = 0;
  let roiCount = 0;
  let roiPnl = 0;
  let roiCost = 0;
  for (const bet of closed) {
    if (bet.realizedPnlMicros > 0) wins++;
    else if (bet.realizedPnlMicros < 0) losses++;
    totalPnl = add(totalPnl, bet.realizedPnlMicros);
    if (bet.costMicros > 0) {
      roiSum += bet.realizedPnlMicros / bet.costMicros;
      roiCount++;
      roiPnl = add(roiPnl, bet.realizedPnlMicros);
      roiCost = add(roiCost, bet.costMicros);
    }
  }
  let locked = 0;
  let expectedOpen = 0;
  for (const bet of open) {
    locked = add(locked, bet.costMicros);
    expectedOpen = add(expectedOpen, bet.expectedProfitMicros);
  }

  return {
    totalTrades: bets.length,
    openTrades: open.length,
    closedTrades: closed.length,
    wins,
    losses,
    flat: closed.length - wins - losses,
    winRate: closed.length > 0 ? wins / closed.length : null,
    averageRoi: roiCount > 0 ? roiSum / roiCount : null,
    aggregateRoi: roiCount > 0 ? roiPnl / roiCost : null,
    totalRealizedPnlMicros: totalPnl,
    realizedEquityMicros: add(initialBalanceMicros, totalPnl),
    dailyPnl: dailyPnl(closed),
    maxDrawdown: maxDrawdown(closed, initialBalanceMicros),
    lockedCapitalMicros: locked,
    expectedOpenProfitMicros: expectedOpen,
  };
}
