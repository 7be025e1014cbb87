/**
 * One scan and one settle run, as the two scheduled Lambda functions do them, with what the
 * local runner tallies for its summary. A failing run is printed and counted, never thrown: the
 * next tick tries again, as the next scheduled invocation would.
 */
import { type ScanReport, type SettleReport, scan, settle } from '../../lib/engine';
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

  async scan(): Promise<ScanReport | null> {
    this.tally.scans += 1;
    const eventId = `${this.runTag}-scan-${this.tally.scans}`;
    try {
      const report = await scan(this.wiring.engine, this.wiring.state, { eventId });
      this.tally.admitted += report.admitted;
      this.tally.traded += report.traded;
      this.tally.errors += report.errors;
      if (report.skipped === 'lease-held')
        this.output.line(
          'scan skipped: another scan holds the lease (an earlier run may have stopped mid-scan; it expires within a minute)',
        );
      if (report.circuitBreaker) this.output.line(`🛑 circuit breaker: ${report.circuitBreaker}`);
      return report;
    } catch (err) {
      this.tally.errors += 1;
      this.output.logger.error(
        `scan failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`,
      );
      return null;
    }
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
      this.tally.errors += 1;
      this.output.logger.error(
        `settle failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`,
      );
      return null;
    }
  }
}
