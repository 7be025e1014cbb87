/**
 * The scan function's CloudWatch points (lib/runtime/metrics.ts): a polled run publishes its
 * latency; a streamed run, which lasts its whole invocation, publishes its decision latency and
 * its streams' health instead; a skipped run publishes no latency.
 */

import { METRIC } from '../../../infra/metric-names';
import { emptyReport, emptyStreamFigures } from '../../../lib/engine/scan-report';
import { scanMetricPoints } from '../../../lib/runtime/metrics';

const names = (points: ReturnType<typeof scanMetricPoints>) => points.map((p) => p.name);

describe('scanMetricPoints', () => {
  it('a polled run: its duration as ScanLatencyMs, no stream points', () => {
    const points = scanMetricPoints(emptyReport('run-1'), null, 0, 1_234);
    expect(points).toContainEqual({ name: METRIC.ScanLatencyMs, unit: 'Milliseconds', value: 1_234 });
    expect(names(points)).not.toContain(METRIC.StreamBookChanges);
  });

  it('a streamed run: decision p99, book changes, fallback re-plans and problems; not its 65 s as a scan latency', () => {
    const report = emptyReport('run-2');
    report.marketData = 'stream';
    report.stream = { ...emptyStreamFigures(), events: 420, fallbacks: 3, problems: 2, decisionP99Ms: 4 };
    const points = scanMetricPoints(report, null, 0, 65_000);
    expect(names(points)).not.toContain(METRIC.ScanLatencyMs);
    expect(points).toEqual(
      expect.arrayContaining([
        { name: METRIC.StreamDecisionP99Ms, unit: 'Milliseconds', value: 4 },
        { name: METRIC.StreamBookChanges, unit: 'Count', value: 420 },
        { name: METRIC.StreamFallbackReplans, unit: 'Count', value: 3 },
        { name: METRIC.StreamProblems, unit: 'Count', value: 2 },
      ]),
    );
  });

  it('a streamed run that decided nothing publishes no decision latency', () => {
    const report = emptyReport('run-3');
    report.stream = emptyStreamFigures();
    expect(names(scanMetricPoints(report, null, 0, 65_000))).not.toContain(METRIC.StreamDecisionP99Ms);
  });

  it('a skipped run publishes no latency', () => {
    const report = emptyReport('run-4');
    report.skipped = 'lease-held';
    expect(names(scanMetricPoints(report, null, 0, 10))).not.toContain(METRIC.ScanLatencyMs);
  });
});

describe('scanMetricPoints: runway per venue (docs/capital.md#runway)', () => {
  it('one runway and one cash gauge per venue, each its own name (dimensions stay {service, mode})', () => {
    const report = emptyReport('run-5');
    report.capital = {
      source: 'venue',
      perTradeMicros: 10_000_000,
      alertBelowTrades: 5,
      venues: {
        polymarket: { venue: 'polymarket', cashMicros: 25_000_000, runwayTrades: 2, low: true },
        kalshi: { venue: 'kalshi', cashMicros: 105_000_000, runwayTrades: 10, low: false },
      },
      notified: ['polymarket'],
    };
    expect(scanMetricPoints(report, null, 0, 10)).toEqual(
      expect.arrayContaining([
        { name: METRIC.RunwayTradesPolymarket, unit: 'Count', value: 2 },
        { name: METRIC.CashMicrosPolymarket, unit: 'None', value: 25_000_000 },
        { name: METRIC.RunwayTradesKalshi, unit: 'Count', value: 10 },
        { name: METRIC.CashMicrosKalshi, unit: 'None', value: 105_000_000 },
      ]),
    );
  });

  it('no runway points when the cash was unknown (a missing point is not "0 trades left")', () => {
    const points = names(scanMetricPoints(emptyReport('run-6'), null, 0, 10));
    for (const name of [METRIC.RunwayTradesKalshi, METRIC.RunwayTradesPolymarket, METRIC.CashMicrosKalshi])
      expect(points).not.toContain(name);
  });
});
