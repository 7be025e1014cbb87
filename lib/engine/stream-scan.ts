/**
 * A streamed scan run (docs/engine.md#streaming): claim the event, reconcile, open the streams
 * and warm the books, take the scan lease (waiting for the previous run to hand it over), then
 * trade on book changes until the deadline, renewing the lease as it goes; release it and close
 * the streams at the end.
 *
 * `openStreamScan` + `step()` + `close()` is the step-by-step form (a stepped runner calls
 * `step()` after every simulator frame was delivered); `runStreamScan` is the real-time loop the
 * scheduled function runs through `scan()`.
 */
import { runwayAfterRun } from './capital';
import type { EngineDeps, EngineState } from './deps';
import { streamPolicyOf } from './deps';
import { runIdOf } from './execute';
import { recordFailure } from './failures';
import { checkCircuitBreaker } from './halt';
import { SimulatedCrash } from './ports';
import { reconcile } from './reconcile';
import { SCAN_LEASE, takeScanLease } from './scan-lease';
import { emptyReport, type ScanReport } from './scan-report';
import { type StreamDecision, StreamSession } from './stream-session';

export interface StreamScanOptions {
  /** The scheduled event's id: a repeated delivery does nothing. */
  readonly eventId: string;
  /** This invocation's id; random when absent. Part of the run id. */
  readonly invocationId?: string;
  /**
   * Wait (books warming) for a scan lease held by another run until this instant; absent: a held
   * lease skips the run at once (`skipped: 'lease-held'`), as a polled run does.
   */
  readonly leaseWaitUntilMs?: number;
  /** `runStreamScan` only: ends the run early (the decision in progress finishes first). */
  readonly signal?: AbortSignal;
}

export class StreamScan {
  /** False once the run lost its lease or was halted: `step()` then decides nothing. */
  private active = true;
  private renewedAtMs: number;
  private closed = false;

  private constructor(
    private readonly deps: EngineDeps,
    private readonly state: EngineState,
    readonly report: ScanReport,
    /** The session, or null when the run was skipped (duplicate event, lease held). */
    readonly session: StreamSession | null,
    private readonly holdsLease: boolean,
  ) {
    this.renewedAtMs = deps.clock.now();
  }

  /**
   * Claims the event, reconciles, starts the session (streams open, listings read, pairs
   * watched) and takes the scan lease, waiting for it until `leaseWaitUntilMs`. A skipped run
   * has `report.skipped` set and no session; its `close()` does nothing.
   */
  static async open(deps: EngineDeps, state: EngineState, options: StreamScanOptions): Promise<StreamScan> {
    const runId = runIdOf(deps, options.eventId, options.invocationId);
    const report = emptyReport(runId);
    report.marketData = 'stream';
    if (!(await deps.store.claimInvocation(options.eventId, runId, deps.clock.now()))) {
      report.skipped = 'duplicate-invocation';
      return new StreamScan(deps, state, report, null, false);
    }
    report.reconcile = await reconcile(deps, state, runId);
    let scan: StreamScan | null = null;
    const session = new StreamSession(deps, state, {
      eventId: options.eventId,
      runId,
      report,
      beforeDecision: () => (scan ? scan.renewIfDue() : Promise.resolve(false)),
    });
    try {
      await session.start();
      const waitStart = deps.clock.now();
      const leased = await takeScanLease(deps, runId, options.leaseWaitUntilMs, () => session.idle());
      session.noteLeaseWait(deps.clock.now() - waitStart);
      if (!leased) {
        report.skipped = 'lease-held';
        await session.stop();
        return new StreamScan(deps, state, report, null, false);
      }
    } catch (err) {
      await session.stop();
      throw err;
    }
    // The previous holder may not have decided on the latest books: every pair once, now.
    session.requeueAll();
    scan = new StreamScan(deps, state, report, session, true);
    return scan;
  }

  /** Whether the run may still trade (it holds the lease and is not halted). */
  get trading(): boolean {
    return this.active && !this.report.halted && this.session !== null;
  }

  /**
   * One step: renews the lease when due, refreshes listings and polls the fallback when due,
   * then decides every pair waiting now (StreamSession.tick). Nothing once the run stopped trading.
   */
  async step(): Promise<StreamDecision[]> {
    if (!this.trading || !this.session) return [];
    if (!(await this.renewIfDue())) return [];
    return this.session.tick();
  }

  /**
   * One round of a stepped runner: `step()`, with a failure recorded in the error log and counted
   * in the report instead of thrown (a SimulatedCrash still is); the run can go on.
   */
  async round(): Promise<void> {
    this.report.rounds += 1;
    try {
      await this.step();
    } catch (err) {
      if (err instanceof SimulatedCrash) throw err;
      this.report.errors += 1;
      await recordFailure(this.deps, 'scan', err);
    }
  }

  /**
   * Ends the run: the circuit breaker checked, the lease released (unless `crashed`: a dead
   * process keeps it until it expires), the streams closed, then each venue's runway. Returns the report.
   */
  async close(options: { readonly crashed?: boolean } = {}): Promise<ScanReport> {
    if (this.closed || !this.session) return this.report;
    this.closed = true;
    this.active = false;
    try {
      if (!options.crashed) this.report.circuitBreaker = await checkCircuitBreaker(this.deps, this.state);
    } finally {
      if (this.holdsLease && !options.crashed)
        await this.deps.store.releaseLease(SCAN_LEASE, this.report.runId).catch(() => false);
      await this.session.stop();
    }
    // After the lease is handed on and the streams closed: a slow balance read must not delay the
    // next run's trading (docs/capital.md#runway).
    if (!options.crashed) this.report.capital = await runwayAfterRun(this.deps, this.state);
    return this.report;
  }

  /** Renews the scan lease when `housekeepingMs` has passed since the last renewal; false once lost. */
  async renewIfDue(): Promise<boolean> {
    if (!this.active) return false;
    const now = this.deps.clock.now();
    if (now - this.renewedAtMs < streamPolicyOf(this.deps.config).housekeepingMs) return true;
    if (await this.deps.store.acquireLease(SCAN_LEASE, this.report.runId, now, this.deps.config.leaseTtlMs)) {
      this.renewedAtMs = now;
      return true;
    }
    this.active = false;
    this.deps.logger.warn(`scan ${this.report.runId}: the scan lease was taken over; this run stops trading`);
    return false;
  }

  /** When the loop must next wake without a book change: the session's next due work or the next renewal. */
  nextDueMs(): number {
    const renewal = this.renewedAtMs + streamPolicyOf(this.deps.config).housekeepingMs;
    return Math.min(this.session?.nextDueMs() ?? renewal, renewal);
  }
}

/** Same as `StreamScan.open`, as a function. */
export function openStreamScan(deps: EngineDeps, state: EngineState, options: StreamScanOptions): Promise<StreamScan> {
  return StreamScan.open(deps, state, options);
}

/**
 * The real-time loop of a scheduled run: open (waiting for the lease until the deadline when
 * `waitForLease`), then step on every book change and every due refresh until `loopUntilMs`,
 * then close. A SimulatedCrash leaves the lease held, as a dead process would.
 */
export async function runStreamScan(
  deps: EngineDeps,
  state: EngineState,
  options: StreamScanOptions & { readonly loopUntilMs: number },
): Promise<ScanReport> {
  const run = await StreamScan.open(deps, state, options);
  if (!run.session) return run.report;
  const session = run.session;
  const { signal } = options;
  const interrupt = () => session.interrupt();
  signal?.addEventListener('abort', interrupt);
  let crashed = false;
  try {
    while (run.trading && deps.clock.now() < options.loopUntilMs && !signal?.aborted) {
      run.report.rounds += 1;
      await run.step();
      if (!run.trading) break;
      await session.waitForChange(Math.min(options.loopUntilMs, run.nextDueMs()));
    }
  } catch (err) {
    crashed = err instanceof SimulatedCrash;
    if (crashed) {
      await run.close({ crashed: true });
      throw err;
    }
    run.report.errors += 1;
    await recordFailure(deps, 'scan', err);
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }
  return run.close();
}
