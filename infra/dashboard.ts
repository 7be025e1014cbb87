/**
 * One CloudWatch dashboard: money first (P&L, daily loss against its limit), then trades,
 * scan latency, the functions and the API. Money metrics are integer micros; the graphs
 * divide by 1e6 to show dollars (display only).
 */
import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { polymixMetric } from './alerts';
import type { MetricName } from './metric-names';
import { METRIC, METRIC_MODES, VENUE_METRIC, venueSlots } from './metric-names';
import type { Settings } from './settings';

export interface TradingDashboardProps {
  readonly settings: Settings;
  readonly functions: readonly lambda.IFunction[];
  readonly api: apigateway.RestApi;
}

const HOUR = Duration.hours(1);

/** A micros metric shown as dollars, one line per mode. */
function dollars(name: MetricName, statistic: string, period: Duration): cloudwatch.IMetric[] {
  return METRIC_MODES.map(
    (mode) =>
      new cloudwatch.MathExpression({
        // Ids must differ between the lines of one graph.
        expression: `${mode} / 1000000`,
        usingMetrics: { [mode]: polymixMetric(name, mode, statistic, period) },
        label: `${mode} (USD)`,
        period,
      }),
  );
}

/** docs/capital.md#runway: one line per mode and venue (per-venue names, `{service, mode}` dimensions). */
function perVenue(settings: Settings, kind: 'runway' | 'cash', period: Duration): cloudwatch.IMetric[] {
  return METRIC_MODES.flatMap((mode) =>
    venueSlots(settings.config.venues).map(([venue, label]) => {
      const metric = polymixMetric(VENUE_METRIC[venue][kind], mode, 'Minimum', period);
      if (kind === 'runway') return metric.with({ label: `${mode} ${label}` });
      return new cloudwatch.MathExpression({
        expression: `${mode}${venue} / 1000000`,
        usingMetrics: { [`${mode}${venue}`]: metric },
        label: `${mode} ${label} (USD)`,
        period,
      });
    }),
  );
}

function perMode(name: MetricName, statistic: string, period: Duration): cloudwatch.IMetric[] {
  return METRIC_MODES.map((mode) => polymixMetric(name, mode, statistic, period).with({ label: mode }));
}

export class TradingDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: TradingDashboardProps) {
    super(scope, id);
    const limitUsd = props.settings.config.risk.dailyLossLimitMicros / 1_000_000;
    const runwayBelow = props.settings.config.runwayAlertTrades;
    const fnMetrics = (metric: (fn: lambda.IFunction) => cloudwatch.Metric) => props.functions.map(metric);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Realised P&L per hour (USD)',
            left: dollars(METRIC.RealizedPnlMicros, 'Sum', HOUR),
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: "Today's realised loss (USD) vs daily limit",
            left: dollars(METRIC.DailyLossMicros, 'Maximum', Duration.minutes(5)),
            leftAnnotations: [{ value: limitUsd, label: 'daily loss limit', color: cloudwatch.Color.RED }],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Runway per venue (trades its cash funds at the per-trade cap)',
            left: perVenue(props.settings, 'runway', Duration.minutes(5)),
            leftYAxis: { min: 0 },
            leftAnnotations:
              runwayBelow > 0
                ? [
                    {
                      value: runwayBelow,
                      label: 'runway alert (POLYMIX_RUNWAY_ALERT_TRADES)',
                      color: cloudwatch.Color.RED,
                    },
                  ]
                : [],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'Cash per venue (USD; paper: the ledger balance)',
            left: perVenue(props.settings, 'cash', Duration.minutes(5)),
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Arbs traded per hour',
            left: perMode(METRIC.ArbsTraded, 'Sum', HOUR),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'One-legged trades per hour',
            left: perMode(METRIC.OneLeggedTrades, 'Sum', HOUR),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Halted (1 = kill switch on)',
            left: perMode(METRIC.Halted, 'Maximum', Duration.minutes(1)),
            leftYAxis: { min: 0, max: 1 },
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Scan round latency (ms)',
            left: ['p50', 'p90', 'Maximum'].flatMap((stat) =>
              METRIC_MODES.map((mode) =>
                polymixMetric(METRIC.ScanLatencyMs, mode, stat).with({ label: `${mode} ${stat}` }),
              ),
            ),
            width: 24,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Streamed runs: book change to decision, p99 (ms)',
            left: METRIC_MODES.map((mode) =>
              polymixMetric(METRIC.StreamDecisionP99Ms, mode, 'Maximum').with({ label: mode }),
            ),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Streamed runs: book changes per hour',
            left: perMode(METRIC.StreamBookChanges, 'Sum', HOUR),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Streams: problems and fallback re-plans per hour',
            left: METRIC_MODES.flatMap((mode) => [
              polymixMetric(METRIC.StreamProblems, mode, 'Sum', HOUR).with({ label: `${mode} problems` }),
              polymixMetric(METRIC.StreamFallbackReplans, mode, 'Sum', HOUR).with({
                label: `${mode} fallback re-plans`,
              }),
            ]),
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Lambda errors',
            left: fnMetrics((fn) => fn.metricErrors({ statistic: 'Sum', label: fn.node.id })),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Lambda duration p99 (ms)',
            left: fnMetrics((fn) => fn.metricDuration({ statistic: 'p99', label: fn.node.id })),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Lambda throttles',
            left: fnMetrics((fn) => fn.metricThrottles({ statistic: 'Sum', label: fn.node.id })),
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'API requests and errors',
            left: [
              props.api.metricCount({ statistic: 'Sum', label: 'requests' }),
              props.api.metricClientError({ statistic: 'Sum', label: '4XX' }),
              props.api.metricServerError({ statistic: 'Sum', label: '5XX' }),
            ],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: 'API latency (ms)',
            left: [props.api.metricLatency({ statistic: 'p90', label: 'p90' })],
            width: 12,
          }),
        ],
      ],
    });
  }
}
