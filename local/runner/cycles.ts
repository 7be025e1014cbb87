/**
 * One scan and one settle run, as the two scheduled Lambda functions do them, with what the
 * local runner tallies for its summary. A failing run is printed and counted, never thrown: the
 * next tick tries again, as the next scheduled invocation would.
 */
import { type ScanOptions, type ScanReport, type SettleReport, StreamScan, scan, settle } from '../../lib/engine';
import type { Output } from './output';
import type { Wiring } from './wiring';

export interface Tally {
  scans: number;
  settles: number;
  /** Bets admitted and bets that ended open (both legs filled). */
  admitted: number;
  traded: number;
  /** Bets credited by a settle run of this process. */
  settled: number;
  /** Runs or venue calls that failed (the details are in GET /trading/errors). */
  errors: number;
}

export class Cycles {
  readonly tally: Tally = { scans: 0, settles: 0, admitted: 0, traded: 0, settled: 0, errors: 0 };

  constructor(
    private readonly wiring: Wiring,
    private readonly output: Output,
    /** Distinguishes this process's scheduled events from an earlier run's (persisted store). */
    private readonly runTag: string,
  ) {}

  /**
   * One scan run. With `loopUntilMs` and POLYMIX_MARKET_DATA=stream it holds the book streams and
   * trades on book changes until then (docs/engine.md#streaming); otherwise one polled scan.
   */
  async scan(options: Omit<ScanOptions, 'eventId' | 'invocationId'> = {}): Promise<ScanReport | null> {
    try {
      return this.tallied(
        await scan(this.wiring.engine, this.wiring.state, { ...options, eventId: this.nextScanId() }),
      );
    } catch (err) {
      this.failed('scan', err);
      return null;
    }
  }

  /**
   * A streamed run to be stepped by its caller (`--once`: ./once.ts): opened here, then
   * `step()`ped after each simulator frame was delivered, then ended with `closeStream`. Null when
   * the run could not start (recorded like a failed scan).
   */
  async openStream(): Promise<StreamScan | null> {
    try {
      const run = await StreamScan.open(this.wiring.engine, this.wiring.state, { eventId: this.nextScanId() });
      if (!run.session) this.tallied(run.report);
      return run.session ? run : null;
    } catch (err) {
      this.failed('scan', err);
      return null;
    }
  }

  /**
   * One step of a run from `openStream`: the pairs whose books changed are decided. A failure is
   * recorded in the error log and counted, as the scheduled function's loop does; the run goes on.
   */
  async stepStream(run: StreamScan): Promise<void> {
    try {
      await run.round();
    } catch (err) {
      this.failed('scan', err);
    }
  }

  /** Ends a run from `openStream` and counts its report. */
  async closeStream(run: StreamScan): Promise<ScanReport | null> {
    try {
      return this.tallied(await run.close());
    } catch (err) {
      this.failed('scan', err);
      return null;
    }
  }

  private nextScanId(): string {
    this.tally.scans += 1;
    return `${this.runTag}-scan-${this.tally.scans}`;
  }

  private tallied(report: ScanReport): ScanReport {
    this.tally.admitted += report.admitted;
    this.tally.traded += report.traded;
    this.tally.errors += report.errors;
    if (report.skipped === 'lease-held')
      this.output.line(
        'scan skipped: another scan holds the lease (an earlier run may have stopped mid-scan; it expires within a minute)',
      );
    if (report.circuitBreaker) this.output.line(`🛑 circuit breaker: ${report.circuitBreaker}`);
    return report;
  }

  private failed(what: string, err: unknown): void {
    this.tally.errors += 1;
    this.output.logger.error(
      `${what} failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`,
    );
  }

  async settle(): Promise<SettleReport | null> {
    this.tally.settles += 1;
    try {
      const report = await settle(
        this.wiring.engine,
        this.wiring.state,
        `${this.runTag}-settle-${this.tally.settles}#${this.wiring.engine.instanceId}`,
      );
      for (const b of report.bets) {
        if (b.state === 'settled' && b.credited) this.tally.settled += 1;
        if (b.state === 'error') this.tally.errors += 1;
      }
      return report;
    } catch (err) {
      this.failed('settle', err);
      return null;
    }
  }
}
