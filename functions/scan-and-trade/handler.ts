/**
 * `functions/scan-and-trade` (EventBridge, every minute): parse the event, get the container's
 * runtime (built once), run one engine scan, publish metrics. With streamed market data
 * (POLYMIX_MARKET_DATA=stream, the default) the run holds both venues' book streams and trades on
 * their changes until shortly before the function's deadline; with a scan interval below a minute
 * (POLYMIX_SCAN_INTERVAL_SECONDS) a polled scan loops the same way. The function's timeout is
 * longer than the schedule (infra/functions.ts), so consecutive runs overlap by a few seconds: the
 * next one opens its streams and warms its books while the previous one still holds the scan
 * lease, and takes over the moment it is released (docs/engine.md#streaming). Invocations
 * overlap; trading never does.
 */
import middy from '@middy/core';
import { formatScanReport, scan } from '../../lib/engine';
import {
  type AppLogger,
  buildRuntime,
  createLogger,
  publishMetrics,
  type Runtime,
  runtimeOnce,
  scanMetricPoints,
} from '../../lib/runtime';
import { DEADLINE_MARGIN_MS } from '../../lib/runtime/scan-timing';
import { announceDegraded, type LambdaContextLike, scheduledEventSchema } from '../scheduled-event';

/** Stop looping (or streaming) this long before the Lambda deadline, so the last decision can finish. */
export { DEADLINE_MARGIN_MS };

export interface ScanResult {
  readonly status: 'done' | 'skipped' | 'refused';
  readonly detail: string;
  readonly traded: number;
}

export function createScanHandler(logger: AppLogger, getRuntime: () => Promise<Runtime>) {
  return middy().handler(async (event: unknown, context: LambdaContextLike): Promise<ScanResult> => {
    const parsed = scheduledEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.error('scan-and-trade: not a scheduled event; nothing done', {
        issues: parsed.error.issues.map((i) => i.path.join('.')),
      });
      return { status: 'refused', detail: 'malformed event', traded: 0 };
    }
    const runtime = await getRuntime(); // a ConfigError fails the invocation loudly, listing every bad variable
    await announceDegraded('scan-and-trade', runtime);
    const { engine, state, store, config } = runtime;
    await store.ensureAccount(runtime.mode, config.initialBalanceMicros);
    const started = engine.clock.now();
    const intervalMs = config.scanIntervalSeconds * 1000;
    const remaining = context?.getRemainingTimeInMillis?.();
    const loop = remaining !== undefined && (intervalMs < 60_000 || config.marketData === 'stream');
    const report = await scan(engine, state, {
      eventId: parsed.data.id,
      ...(context?.awsRequestId ? { invocationId: context.awsRequestId } : {}),
      ...(loop ? { loopUntilMs: started + remaining - DEADLINE_MARGIN_MS, intervalMs, waitForLease: true } : {}),
    });
    logger.info(formatScanReport(report));
    const now = engine.clock.now();
    publishMetrics(scanMetricPoints(report, await store.getAccount(runtime.mode), now, now - started), runtime.mode);
    if (report.skipped) return { status: 'skipped', detail: report.skipped, traded: 0 };
    return { status: 'done', detail: `${report.rounds} round(s), ${report.pairs} pairs`, traded: report.traded };
  });
}

const logger = createLogger(process.env, { serviceName: 'polymix' });
export const handler = createScanHandler(
  logger,
  runtimeOnce(() => buildRuntime(process.env, logger)),
);
