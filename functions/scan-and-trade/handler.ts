/**
 * `functions/scan-and-trade` (EventBridge, every minute): parse the event, get the container's
 * runtime (built once), run one engine scan, publish metrics. With a scan interval below a
 * minute (POLYMIX_SCAN_INTERVAL_SECONDS) the scan loops inside this invocation until shortly
 * before the function's deadline, guarded by the engine's lease.
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
import { announceDegraded, type LambdaContextLike, scheduledEventSchema } from '../scheduled-event';

/** Stop looping this long before the Lambda deadline, so the last round can finish. */
export const DEADLINE_MARGIN_MS = 8_000;

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
    const loop = intervalMs < 60_000 && remaining !== undefined;
    const report = await scan(engine, state, {
      eventId: parsed.data.id,
      ...(context?.awsRequestId ? { invocationId: context.awsRequestId } : {}),
      ...(loop ? { loopUntilMs: started + remaining - DEADLINE_MARGIN_MS, intervalMs } : {}),
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
