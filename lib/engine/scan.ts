/**
 * The scan use case (docs/engine.md#scan): claim the scheduled event (a repeated delivery does
 * nothing), reconcile, take the scan lease, then one or more rounds of discover → match →
 * pre-screen → depth → plan → risk → admit → execute → record → notify. With `loopUntilMs`
 * the rounds repeat every `intervalMs` until that deadline, renewing the lease each round, so a
 * one-minute schedule reacts within seconds. Venue errors are recorded and never end a scan.
 */
import type { MatchRefusal } from '../core/match';
import { planningBalances } from './balances';
import type { EngineDeps, EngineState } from './deps';
import { fetchBooks, type Listings, listBoth, matchListings, passesPreScreen } from './discover';
import { runIdOf } from './execute';
import { recordFailure } from './failures';
import { checkCircuitBreaker } from './halt';
import { SimulatedCrash } from './ports';
import { preflightGate } from './preflight-gate';
import { type ReconcileReport, reconcile } from './reconcile';
import { titleOf, tryTrade } from './trade';

export const SCAN_LEASE = 'scan';

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
}

export interface ScanOptions {
  /** The scheduled event's id (EventBridge event id): makes repeated deliveries harmless. */
  readonly eventId: string;
  /** This invocation's id (Lambda request id); random when absent. Part of the run id. */
  readonly invocationId?: string;
  /** Keep scanning every `intervalMs` until this instant (sub-minute loop). */
  readonly loopUntilMs?: number;
  readonly intervalMs?: number;
}

function emptyReport(runId: string): ScanReport {
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
  };
}

/** Pairs with a bet in flight, and pairs cooling down after a one-legged trade. */
async function busyPairs(deps: EngineDeps): Promise<{ inFlight: Set<string>; cooling: Set<string> }> {
  const now = deps.clock.now();
  const inFlight = new Set<string>();
  const cooling = new Set<string>();
  for (const bet of await deps.store.listActiveBets(deps.mode)) {
    if (bet.status === 'admitted' || bet.status === 'placing' || bet.status === 'unwinding' || bet.status === 'open')
      inFlight.add(bet.pairId);
    if (bet.cooldownUntilMs !== null && bet.cooldownUntilMs > now) cooling.add(bet.pairId);
  }
  for (const bet of (await deps.store.listBets(deps.mode, { limit: 100 })).bets) {
    if (bet.cooldownUntilMs !== null && bet.cooldownUntilMs > now) cooling.add(bet.pairId);
  }
  return { inFlight, cooling };
}

async function scanRound(
  deps: EngineDeps,
  state: EngineState,
  report: ScanReport,
  eventId: string,
  round: number,
  cache: { listings: Listings | null },
): Promise<void> {
  const runId = report.runId;
  let account = await deps.store.getAccount(deps.mode);
  if (!account) throw new Error(`no ${deps.mode} account: create it before scanning`);
  if (account.halted) {
    report.halted = true;
    return;
  }
  // Live admits nothing without a fresh passing preflight; the first refusal halts the account.
  report.preflightGate = await preflightGate(deps, state);
  if (report.preflightGate !== null) {
    report.halted = true;
    return;
  }
  // Listing prices are a snapshot: they may screen pairs out only in the round that listed them.
  // Later rounds of a sub-minute loop reuse the listings but must read depth, or a new edge would
  // stay invisible until the next invocation.
  const freshListings = cache.listings === null;
  cache.listings ??= await listBoth(deps, state);
  const listings = cache.listings;
  if (!listings) {
    report.errors += 1;
    return;
  }
  report.games = { polymarket: listings.polymarket.length, kalshi: listings.kalshi.length };
  const { pairs, refusals } = matchListings(listings);
  report.pairs = pairs.length;
  report.matchRefusals = [...refusals];
  deps.logger.info(`Processing ${pairs.length} games for arbitrage opportunities...`);

  const { inFlight, cooling } = await busyPairs(deps);
  const candidates = [];
  for (const pair of pairs) {
    const refuse = (code: string, message: string) =>
      report.refusals.push({ pairId: pair.id, title: titleOf(pair), code, message });
    if (inFlight.has(pair.id)) refuse('IN_FLIGHT', 'a bet on this pair is not finished');
    else if (cooling.has(pair.id)) refuse('COOLDOWN', 'pair cooling down after a one-legged trade');
    else if (freshListings && !passesPreScreen(pair)) refuse('NO_EDGE_LISTED', 'listing prices show no edge');
    else candidates.push(pair);
  }
  report.candidates += candidates.length;
  if (candidates.length === 0) return;
  const books = await fetchBooks(deps, state, candidates);

  for (const pair of candidates) {
    const refuse = (code: string, message: string) =>
      report.refusals.push({ pairId: pair.id, title: titleOf(pair), code, message });
    try {
      const balances = await planningBalances(deps, state, account.balanceMicros);
      if (!balances) {
        refuse('BALANCE_UNKNOWN', 'venue cash could not be read');
        report.errors += 1;
        continue;
      }
      const attempt = await tryTrade(deps, state, { eventId, runId, round, account, balances }, pair, books);
      if (attempt.kind === 'no-plan') {
        refuse('NO_PLAN', attempt.reason);
        continue;
      }
      report.plans += 1;
      if (attempt.kind === 'refused') {
        refuse(attempt.code, attempt.message);
        continue;
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
      account = (await deps.store.getAccount(deps.mode)) ?? account;
    } catch (err) {
      if (err instanceof SimulatedCrash) throw err;
      report.errors += 1;
      await recordFailure(deps, 'scan', err);
    }
  }
}

export async function scan(deps: EngineDeps, state: EngineState, options: ScanOptions): Promise<ScanReport> {
  const runId = runIdOf(deps, options.eventId, options.invocationId);
  const report = emptyReport(runId);
  if (!(await deps.store.claimInvocation(options.eventId, runId, deps.clock.now()))) {
    report.skipped = 'duplicate-invocation';
    return report;
  }
  report.reconcile = await reconcile(deps, state, runId);
  if (!(await deps.store.acquireLease(SCAN_LEASE, runId, deps.clock.now(), deps.config.leaseTtlMs))) {
    report.skipped = 'lease-held';
    return report;
  }
  let crashed = false;
  try {
    const cache: { listings: Listings | null } = { listings: null };
    const interval = options.intervalMs ?? 10_000;
    for (let round = 0; ; round += 1) {
      report.rounds += 1;
      await scanRound(deps, state, report, options.eventId, round, cache);
      if (report.halted) break;
      if (options.loopUntilMs === undefined || deps.clock.now() + interval >= options.loopUntilMs) break;
      await deps.clock.sleep(interval);
      if (!(await deps.store.acquireLease(SCAN_LEASE, runId, deps.clock.now(), deps.config.leaseTtlMs))) break;
    }
    report.circuitBreaker = await checkCircuitBreaker(deps, state);
  } catch (err) {
    // A (simulated) crash keeps the lease, as a dead process would: it expires on its own.
    crashed = err instanceof SimulatedCrash;
    if (crashed) throw err;
    report.errors += 1;
    await recordFailure(deps, 'scan', err);
  } finally {
    if (!crashed) await deps.store.releaseLease(SCAN_LEASE, runId).catch(() => false);
  }
  return report;
}

/** One line per fact, for the CLI and the Lambda log. */
export function formatScanReport(r: ScanReport): string {
  if (r.skipped) return `Scan ${r.runId}: skipped (${r.skipped})`;
  const lines = [
    `Scan ${r.runId}: ${r.rounds} round(s), ${r.games.polymarket} Polymarket + ${r.games.kalshi} Kalshi games, ${r.pairs} pairs`,
    `candidates ${r.candidates}, plans ${r.plans}, admitted ${r.admitted}, traded ${r.traded}, errors ${r.errors}${r.halted ? ', HALTED' : ''}`,
    ...r.trades.map((t) => `  ${t.status === 'open' ? '💰' : '⚠️'} ${t.title}: ${t.status} (${t.detail})`),
    ...r.refusals.map((x) => `  – ${x.title}: ${x.code} ${x.message}`),
  ];
  if (r.circuitBreaker) lines.push(`  🛑 circuit breaker: ${r.circuitBreaker}`);
  if (r.preflightGate) lines.push(`  🛑 preflight gate: ${r.preflightGate}`);
  return lines.join('\n');
}
