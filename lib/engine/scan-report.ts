/**
 * What a scan run reports (docs/engine.md#scan, docs/engine.md#streaming): one shape for the
 * polling rounds and the streamed session, and the one way a trade attempt lands in it.
 */
import { PAIR_VENUES, type PairVenue } from '../core/market';
import type { MatchRefusal } from '../core/match';
import { displayUsd } from '../core/money';
import type { TradePair } from '../core/outcome-arb';
import type { RunwayReport } from './capital';
import type { MarketData } from './deps';
import { VENUE_TITLE } from './preflight-checks';
import type { ReconcileReport } from './reconcile';
import { type TradeAttempt, titleOf } from './trade';

export interface Refusal {
  readonly pairId: string;
  readonly title: string;
  readonly code: string;
  readonly message: string;
}

export interface TradeLine {
  readonly betId: string;
  readonly title: string;
  readonly status: string;
  readonly detail: string;
}

/** The figures of a streamed run (./stream-session.ts); every time is on the engine's clock. */
export interface StreamFigures {
  /** Book changes received for instruments of a watched pair (one per instrument key). */
  events: number;
  /** Changes that found their pair already waiting, merged into that pair's one pending re-plan. */
  coalesced: number;
  /** Pairs taken from the queue and decided (busy skips included). */
  decisions: number;
  /** Of those, pairs re-planned (the planner ran on their books). */
  replans: number;
  /** Of the decisions, pairs skipped because a bet on them is in flight or they cool down. */
  busySkips: number;
  /** 99th percentile (nearest rank) of the time from a pair's first waiting change to its decision; null before any. */
  decisionP99Ms: number | null;
  decisionMaxMs: number | null;
  /** Problems the streams reported (StreamProblem), and the distinct (venue, cause) recorded in the error log. */
  problems: number;
  problemsRecorded: number;
  /** Pair re-plans that used polled books (a stream was down or had no trusted book for the pair). */
  fallbacks: number;
  /** `getBooks` calls made for that fallback. */
  fallbackPolls: number;
  /**
   * Trusted streamed books too old for the planner (`maxBookAgeMs`: a quiet market sends nothing)
   * read again with one targeted `getBooks` before their pair was planned, and the calls made.
   */
  quietRefreshes: number;
  quietRefreshCalls: number;
  /** Listing reads (the first and every refresh). */
  listings: number;
  /** Time spent warm, waiting for the previous run to release the scan lease (the hand-over). */
  leaseWaitMs: number;
}

export function emptyStreamFigures(): StreamFigures {
  return {
    events: 0,
    coalesced: 0,
    decisions: 0,
    replans: 0,
    busySkips: 0,
    decisionP99Ms: null,
    decisionMaxMs: null,
    problems: 0,
    problemsRecorded: 0,
    fallbacks: 0,
    fallbackPolls: 0,
    quietRefreshes: 0,
    quietRefreshCalls: 0,
    listings: 0,
    leaseWaitMs: 0,
  };
}

export interface ScanReport {
  readonly runId: string;
  skipped: 'duplicate-invocation' | 'lease-held' | null;
  halted: boolean;
  rounds: number;
  games: { polymarket: number; kalshi: number };
  pairs: number;
  matchRefusals: MatchRefusal[];
  refusals: Refusal[];
  candidates: number;
  plans: number;
  admitted: number;
  traded: number;
  errors: number;
  trades: TradeLine[];
  reconcile: ReconcileReport | null;
  circuitBreaker: string | null;
  /** Live only: why the preflight gate admitted nothing (./preflight-gate.ts), else null. */
  preflightGate: string | null;
  /** How this run read its books. */
  marketData: MarketData;
  /** A streamed run's figures; null for a polled run. */
  stream: StreamFigures | null;
  /** Each venue's cash and runway at the end of the run (./capital.ts); null when the cash is unknown or the run was skipped. */
  capital: RunwayReport | null;
}

export function emptyReport(runId: string): ScanReport {
  return {
    runId,
    skipped: null,
    halted: false,
    rounds: 0,
    games: { polymarket: 0, kalshi: 0 },
    pairs: 0,
    matchRefusals: [],
    refusals: [],
    candidates: 0,
    plans: 0,
    admitted: 0,
    traded: 0,
    errors: 0,
    trades: [],
    reconcile: null,
    circuitBreaker: null,
    preflightGate: null,
    marketData: 'poll',
    stream: null,
    capital: null,
  };
}

/**
 * Counts one finished `tryTrade` in the report: a plan, a refusal, or an admitted bet and its
 * execution; a refusal goes through `refuse`.
 */
export function recordAttempt(report: ScanReport, pair: TradePair, attempt: TradeAttempt, refuse: RefuseFn): void {
  if (attempt.kind === 'no-plan') {
    refuse(report, pair, 'NO_PLAN', attempt.reason);
    return;
  }
  report.plans += 1;
  if (attempt.kind === 'refused') {
    refuse(report, pair, attempt.code, attempt.message);
    return;
  }
  report.admitted += 1;
  const { execution } = attempt;
  if (execution.status === 'open') report.traded += 1;
  report.trades.push({
    betId: execution.bet.id,
    title: execution.bet.title,
    status: execution.status,
    detail: execution.detail,
  });
}

export type RefuseFn = (report: ScanReport, pair: TradePair, code: string, message: string) => void;

/** A polled round lists every refusal it made. */
export const listRefusal: RefuseFn = (report, pair, code, message) =>
  void report.refusals.push({ pairId: pair.id, title: titleOf(pair), code, message });

/**
 * A streamed run re-plans a pair on every book change: it keeps the LAST refusal per pair and
 * code, so the report stays one line per reason however long the run.
 */
export const latestRefusal: RefuseFn = (report, pair, code, message) => {
  // Indexed by pair and code (a search of the list per decision is O(pairs) at a full board).
  let index = refusalIndex.get(report);
  if (!index) {
    index = new Map(report.refusals.map((r, i) => [`${r.pairId}|${r.code}`, i]));
    refusalIndex.set(report, index);
  }
  const key = `${pair.id}|${code}`;
  const line = { pairId: pair.id, title: titleOf(pair), code, message };
  const at = index.get(key);
  if (at !== undefined && report.refusals[at]?.pairId === pair.id && report.refusals[at]?.code === code)
    report.refusals[at] = line;
  else index.set(key, report.refusals.push(line) - 1);
};
const refusalIndex = new WeakMap<ScanReport, Map<string, number>>();

/** One line per fact, for the CLI and the Lambda log. */
export function formatScanReport(r: ScanReport): string {
  if (r.skipped) return `Scan ${r.runId}: skipped (${r.skipped})`;
  const lines = [
    `Scan ${r.runId}: ${r.rounds} round(s), ${r.games.polymarket} Polymarket + ${r.games.kalshi} Kalshi games, ${r.pairs} pairs`,
    `candidates ${r.candidates}, plans ${r.plans}, admitted ${r.admitted}, traded ${r.traded}, errors ${r.errors}${r.halted ? ', HALTED' : ''}`,
  ];
  const s = r.stream;
  if (s)
    lines.push(
      `streamed: ${s.events} book changes, ${s.decisions} decisions (${s.replans} re-plans, ${s.busySkips} busy), ` +
        `decision p99 ${s.decisionP99Ms ?? '-'} ms, ${s.problems} stream problems, ${s.fallbacks} fallback re-plans ` +
        `(${s.fallbackPolls} polls), ${s.quietRefreshes} quiet books read again, lease wait ${s.leaseWaitMs} ms`,
    );
  if (r.capital) {
    const c = r.capital;
    const venue = (v: PairVenue) =>
      `${VENUE_TITLE[c.venues[v].venue]} ${displayUsd(c.venues[v].cashMicros)} = ${c.venues[v].runwayTrades} trades${c.venues[v].low ? ' ⚠️ LOW' : ''}`;
    lines.push(`runway at ${displayUsd(c.perTradeMicros)} a trade: ${PAIR_VENUES.map(venue).join(', ')}`);
  }
  lines.push(
    ...r.trades.map((t) => `  ${t.status === 'open' ? '💰' : '⚠️'} ${t.title}: ${t.status} (${t.detail})`),
    ...r.refusals.map((x) => `  – ${x.title}: ${x.code} ${x.message}`),
  );
  if (r.circuitBreaker) lines.push(`  🛑 circuit breaker: ${r.circuitBreaker}`);
  if (r.preflightGate) lines.push(`  🛑 preflight gate: ${r.preflightGate}`);
  return lines.join('\n');
}
