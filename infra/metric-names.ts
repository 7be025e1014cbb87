/**
 * The CloudWatch metrics PolyMix publishes as EMF (embedded metric format) and the stack alarms
 * on. ONE list, imported by both the runtime (functions publish) and infra (alarms, dashboard):
 * an alarm on a name nobody publishes never fires, so neither side may spell a name itself.
 *
 * Dimensions: every metric is published with exactly the dimension set `{ service, mode }`
 * (`metricDimensions(mode)`). CloudWatch matches alarms on the FULL dimension set, so a metric
 * published with an extra or missing dimension is a different metric and the alarm stays silent.
 * Powertools Metrics adds `service` by itself from POWERTOOLS_SERVICE_NAME, which the stack sets
 * to METRIC_SERVICE; the runtime adds `mode`.
 *
 * Pure constants: no aws-cdk-lib import, so the Lambda bundle can import this file for free.
 */

export const METRIC_NAMESPACE = 'PolyMix';
export const METRIC_SERVICE = 'polymix';

export const DIMENSION = { service: 'service', mode: 'mode' } as const;
export type MetricMode = 'paper' | 'live';
export const METRIC_MODES: readonly MetricMode[] = ['live', 'paper'];

export function metricDimensions(mode: MetricMode): Record<string, string> {
  return { [DIMENSION.service]: METRIC_SERVICE, [DIMENSION.mode]: mode };
}

/**
 * Metric names, with what each value means. Money is integer micro-dollars, as everywhere
 * (docs/adr/0002-exact-units.md); the dashboard divides by 1e6 for display only.
 */
export const METRIC = {
  /** Gauge, published every scan round: today's (UTC) REALISED loss, ≥ 0 (account `loss#<day>`). */
  DailyLossMicros: 'DailyLossMicros',
  /** Gauge, published every scan round: 1 while the kill switch is on, else 0. */
  Halted: 'Halted',
  /** Count: trades whose second leg failed so the first leg had to be unwound. */
  OneLeggedTrades: 'OneLeggedTrades',
  /** Count: arbitrages with both legs filled. */
  ArbsTraded: 'ArbsTraded',
  /** Sum: P&L realised at settlement or unwind, signed micros. */
  RealizedPnlMicros: 'RealizedPnlMicros',
  /** Milliseconds: one polled scan round, discovery to last trade (streamed runs publish the next ones instead). */
  ScanLatencyMs: 'ScanLatencyMs',
  /** Milliseconds, per streamed run: 99th percentile from a pair's first book change to its decision. */
  StreamDecisionP99Ms: 'StreamDecisionP99Ms',
  /** Count, per streamed run: book changes received for watched pairs. */
  StreamBookChanges: 'StreamBookChanges',
  /** Count, per streamed run: re-plans on polled books because no stream vouched for them (a stream down). */
  StreamFallbackReplans: 'StreamFallbackReplans',
  /** Count, per streamed run: problems the streams reported (gaps, disconnects, malformed frames, …). */
  StreamProblems: 'StreamProblems',
  /**
   * Gauges, published after every scan run whose cash was known (docs/capital.md#runway): trades
   * each venue's cash can still fund at the per-trade cap, and that cash in micros (live: the
   * venue's balance; paper: the ledger balance, the same on both). One name per venue, because
   * every metric carries exactly the `{service, mode}` dimensions.
   */
  RunwayTradesKalshi: 'RunwayTradesKalshi',
  RunwayTradesPolymarket: 'RunwayTradesPolymarket',
  CashMicrosKalshi: 'CashMicrosKalshi',
  CashMicrosPolymarket: 'CashMicrosPolymarket',
} as const;

/**
 * The pair's two slots with the names the alarms and the dashboard show: the `polymarket` slot is
 * Polymarket or Polymarket US, whichever POLYMIX_VENUES configures (docs/adr/0010-venue-pairs.md).
 * The slot, not the name, keys the metrics and the construct ids, so switching pairs changes text only.
 */
export function venueSlots(venues: {
  readonly polymarket: 'polymarket' | 'polymarket-us';
}): ReadonlyArray<readonly ['kalshi' | 'polymarket', string]> {
  return [
    ['kalshi', 'Kalshi'],
    ['polymarket', venues.polymarket === 'polymarket-us' ? 'Polymarket US' : 'Polymarket'],
  ];
}

/** The per-venue metric names, by venue (the runtime publishes them, the stack alarms and graphs them). */
export const VENUE_METRIC = {
  kalshi: { runway: METRIC.RunwayTradesKalshi, cash: METRIC.CashMicrosKalshi },
  polymarket: { runway: METRIC.RunwayTradesPolymarket, cash: METRIC.CashMicrosPolymarket },
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];
