/**
 * CloudWatch metrics in EMF, published by the scheduled functions. The names and dimensions are
 * the ones the stack alarms on (infra/metric-names.ts): Powertools adds `service` from
 * POWERTOOLS_SERVICE_NAME (set by the stack to METRIC_SERVICE); we add `mode`. Values are
 * computed by pure functions so tests check them without parsing EMF.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  DIMENSION,
  METRIC,
  METRIC_NAMESPACE,
  METRIC_SERVICE,
  type MetricName,
  VENUE_METRIC,
} from '../../infra/metric-names';
import type { Account } from '../core/account';
import { PAIR_VENUES } from '../core/market';
import type { TradingMode } from '../core/mode';
import { utcDay } from '../core/time';
import type { ScanReport, SettleReport } from '../engine';

export interface MetricPoint {
  readonly name: MetricName;
  readonly unit: 'Count' | 'Milliseconds' | 'None';
  readonly value: number;
}

/**
 * After a scan: gauges from the account (loss today, kill switch), counts from the report; a
 * polled run's latency, or a streamed run's decision latency and stream health; each venue's
 * runway and cash when the run knew them (docs/capital.md#runway).
 */
export function scanMetricPoints(
  report: ScanReport,
  account: Account | null,
  nowMs: number,
  durationMs: number,
): MetricPoint[] {
  const points: MetricPoint[] = [
    { name: METRIC.ArbsTraded, unit: 'Count', value: report.trades.filter((t) => t.status === 'open').length },
    {
      name: METRIC.OneLeggedTrades,
      unit: 'Count',
      value: report.trades.filter((t) => t.status === 'unwound' || t.status === 'unwinding').length,
    },
  ];
  const stream = report.stream;
  if (stream) {
    // A streamed run lasts its whole invocation: its latency is from a book change to a decision.
    if (stream.decisionP99Ms !== null)
      points.push({ name: METRIC.StreamDecisionP99Ms, unit: 'Milliseconds', value: stream.decisionP99Ms });
    points.push(
      { name: METRIC.StreamBookChanges, unit: 'Count', value: stream.events },
      { name: METRIC.StreamFallbackReplans, unit: 'Count', value: stream.fallbacks },
      { name: METRIC.StreamProblems, unit: 'Count', value: stream.problems },
    );
  } else if (!report.skipped) {
    points.push({ name: METRIC.ScanLatencyMs, unit: 'Milliseconds', value: durationMs });
  }
  if (report.capital) {
    for (const venue of PAIR_VENUES) {
      const v = report.capital.venues[venue];
      points.push(
        { name: VENUE_METRIC[venue].runway, unit: 'Count', value: v.runwayTrades },
        { name: VENUE_METRIC[venue].cash, unit: 'None', value: v.cashMicros },
      );
    }
  }
  if (account) {
    points.push(
      { name: METRIC.DailyLossMicros, unit: 'None', value: account.days[utcDay(nowMs)]?.lossMicros ?? 0 },
      { name: METRIC.Halted, unit: 'None', value: account.halted ? 1 : 0 },
    );
  }
  return points;
}

/** After a settle run: realised P&L of the bets this run credited (never one credited before). */
export function settleMetricPoints(report: SettleReport): MetricPoint[] {
  const pnl = report.bets.reduce((sum, b) => (b.state === 'settled' && b.credited ? sum + b.pnlMicros : sum), 0);
  return [{ name: METRIC.RealizedPnlMicros, unit: 'None', value: pnl }];
}

const UNITS = { Count: MetricUnit.Count, Milliseconds: MetricUnit.Milliseconds, None: MetricUnit.NoUnit } as const;

/** Writes one EMF document with every point, dimensions `{service, mode}` exactly. */
export function publishMetrics(points: readonly MetricPoint[], mode: TradingMode): void {
  if (points.length === 0) return;
  const metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName: METRIC_SERVICE });
  metrics.addDimension(DIMENSION.mode, mode);
  for (const p of points) metrics.addMetric(p.name, UNITS[p.unit], p.value);
  metrics.publishStoredMetrics();
}
