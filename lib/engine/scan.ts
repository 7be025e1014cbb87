/**
 * The scan use case (docs/engine.md#scan): claim the scheduled event (a repeated delivery does
 * nothing), reconcile, take the scan lease, then one or more rounds of discover → match →
 * pre-screen → depth → plan → risk → admit → execute → record → notify. With `loopUntilMs`
 * the rounds repeat every `intervalMs` until that deadline, renewing the lease each round, so a
 * one-minute schedule reacts within seconds. Venue errors are recorded and never end a scan.
 *
 * With `EngineConfig.marketData = 'stream'`, a deadline and a book stream on both venues, the
 * run trades on book changes instead (./stream-scan.ts, docs/engine.md#streaming); the polling
 * rounds below stay the configuration `poll` and every run without a deadline.
 */
import { planningBalances } from './balances';
import { busyPairs } from './busy';
import { runwayAfterRun } from './capital';
import type { EngineDeps, EngineState } from './deps';
import { fetchBooks, type Listings, listBoth, matchListings, noteRefusalCauses, passesPreScreen } from './discover';
import { runIdOf } from './execute';
import { recordFailure } from './failures';
import { checkCircuitBreaker } from './halt';
import { SimulatedCrash } from './ports';
import { preflightGate } from './preflight-gate';
import { reconcile } from './reconcile';
import { SCAN_LEASE, takeScanLease } from './scan-lease';
import { emptyReport, listRefusal, recordAttempt, type ScanReport } from './scan-report';
import { runStreamScan } from './stream-scan';
import { StreamSession } from './stream-session';
import { tryTrade } from './trade';

export { SCAN_LEASE } from './scan-lease';
export {
  formatScanReport,
  type Refusal,
  type ScanReport,
  type StreamFigures,
  type TradeLine,
} from './scan-report';

export interface ScanOptions {
  /** The scheduled event's id (EventBridge event id): makes repeated deliveries harmless. */
  readonly eventId: string;
  /** This invocation's id (Lambda request id); random when absent. Part of the run id. */
  readonly invocationId?: string;
  /** Keep scanning every `intervalMs` until this instant (sub-minute loop), or hold the streams until then. */
  readonly loopUntilMs?: number;
  readonly intervalMs?: number;
  /**
   * With `loopUntilMs`: a scan lease held by another run (the previous, overlapping invocation)
   * is waited for until `loopUntilMs` instead of skipping the run, so the hand-over leaves no gap
   * (docs/engine.md#streaming). Unset: a held lease skips the run (`skipped: 'lease-held'`).
   */
  readonly waitForLease?: boolean;
  /**
   * Ends a looping or streamed run early (a process shutting down): the round or decision in
   * progress finishes, then the run closes as at its deadline (circuit breaker, lease released).
   */
  readonly signal?: AbortSignal;
}

/**
 * The market data this scan will use: streamed when the configuration asks for it, the run has
 * a deadline to hold the streams until, and both venues offer a stream; else polled.
 */
export function marketDataFor(deps: EngineDeps, options: Pick<ScanOptions, 'loopUntilMs'>): 'stream' | 'poll' {
  return deps.config.marketData === 'stream' && options.loopUntilMs !== undefined && StreamSession.available(deps)
    ? 'stream'
    : 'poll';
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
  const { pairs, refusals } = matchListings(listings, deps.config.participantAliases);
  report.pairs = pairs.length;
  report.matchRefusals = [...refusals];
  await noteRefusalCauses(deps, state, refusals);
  deps.logger.info(`Processing ${pairs.length} games for arbitrage opportunities...`);

  const { inFlight, cooling } = await busyPairs(deps);
  const candidates = [];
  for (const pair of pairs) {
    const refuse = (code: string, message: string) => listRefusal(report, pair, code, message);
    if (inFlight.has(pair.id)) refuse('IN_FLIGHT', 'a bet on this pair is not finished');
    else if (cooling.has(pair.id)) refuse('COOLDOWN', 'pair cooling down after a one-legged trade');
    else if (freshListings && !passesPreScreen(pair)) refuse('NO_EDGE_LISTED', 'listing prices show no edge');
    else candidates.push(pair);
  }
  report.candidates += candidates.length;
  if (candidates.length === 0) return;
  const books = await fetchBooks(deps, state, candidates);

  for (const pair of candidates) {
    const refuse = (code: string, message: string) => listRefusal(report, pair, code, message);
    try {
      const balances = await planningBalances(deps, state, account.balanceMicros);
      if (!balances) {
        refuse('BALANCE_UNKNOWN', 'venue cash could not be read');
        report.errors += 1;
        continue;
      }
      const attempt = await tryTrade(deps, state, { eventId, runId, round, account, balances }, pair, books);
      recordAttempt(report, pair, attempt, listRefusal);
      if (attempt.kind === 'traded') account = (await deps.store.getAccount(deps.mode)) ?? account;
    } catch (err) {
      if (err instanceof SimulatedCrash) throw err;
      report.errors += 1;
      await recordFailure(deps, 'scan', err);
    }
  }
}

export async function scan(deps: EngineDeps, state: EngineState, options: ScanOptions): Promise<ScanReport> {
  if (marketDataFor(deps, options) === 'stream' && options.loopUntilMs !== undefined)
    return runStreamScan(deps, state, {
      eventId: options.eventId,
      loopUntilMs: options.loopUntilMs,
      ...(options.invocationId === undefined ? {} : { invocationId: options.invocationId }),
      ...(options.waitForLease ? { leaseWaitUntilMs: options.loopUntilMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  const runId = runIdOf(deps, options.eventId, options.invocationId);
  const report = emptyReport(runId);
  if (!(await deps.store.claimInvocation(options.eventId, runId, deps.clock.now()))) {
    report.skipped = 'duplicate-invocation';
    return report;
  }
  report.reconcile = await reconcile(deps, state, runId);
  if (!(await takeScanLease(deps, runId, options.waitForLease ? options.loopUntilMs : undefined))) {
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
      if (options.signal?.aborted) break;
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
  // After the lease is handed on: a slow balance read must not delay the next run's trading.
  report.capital = await runwayAfterRun(deps, state);
  return report;
}
