/**
 * `functions/settle` (EventBridge, every minute): reconcile, then settle every open bet whose
 * markets both venues have resolved (lib/engine/settle.ts); publish realised P&L.
 * The event id is the run id, so two deliveries of one event settle nothing twice (the store
 * applies each credit exactly once in any case).
 */
import middy from '@middy/core';
import { runIdOf, settle } from '../../lib/engine';
import {
  type AppLogger,
  buildRuntime,
  createLogger,
  publishMetrics,
  type Runtime,
  runtimeOnce,
  settleMetricPoints,
} from '../../lib/runtime';
import { announceDegraded, type LambdaContextLike, scheduledEventSchema } from '../scheduled-event';

export interface SettleResult {
  readonly status: 'done' | 'refused';
  readonly settled: number;
  readonly waiting: number;
  readonly problems: number;
}

export function createSettleHandler(logger: AppLogger, getRuntime: () => Promise<Runtime>) {
  return middy().handler(async (event: unknown, context: LambdaContextLike): Promise<SettleResult> => {
    const parsed = scheduledEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.error('settle: not a scheduled event; nothing done', {
        issues: parsed.error.issues.map((i) => i.path.join('.')),
      });
      return { status: 'refused', settled: 0, waiting: 0, problems: 0 };
    }
    const runtime = await getRuntime();
    await announceDegraded('settle', runtime);
    await runtime.store.ensureAccount(runtime.mode, runtime.config.initialBalanceMicros);
    const report = await settle(
      runtime.engine,
      runtime.state,
      runIdOf(runtime.engine, parsed.data.id, context?.awsRequestId),
    );
    const count = (state: string) => report.bets.filter((b) => b.state === state).length;
    const result: SettleResult = {
      status: 'done',
      settled: count('settled'),
      waiting: count('waiting'),
      // A bet on a venue the deployment no longer trades needs the operator too (docs/deploy.md#switching-pair).
      problems: count('disagreement') + count('error') + count('foreign-venue'),
    };
    logger.info(`Settle: ${result.settled} settled, ${result.waiting} waiting, ${result.problems} need attention`);
    // docs/redemption.md#in-polymix: the redemption step's outcomes (none when redemption is off).
    if (report.redemptions.length > 0) {
      const states = report.redemptions.map((r) => r.state);
      logger.info(
        `Redeem: ${states.filter((s) => s === 'confirmed').length} confirmed, ${states.filter((s) => s !== 'confirmed' && s !== 'attention').length} in progress, ${states.filter((s) => s === 'attention').length} left to the operator`,
      );
    }
    publishMetrics(settleMetricPoints(report), runtime.mode);
    return result;
  });
}

const logger = createLogger(process.env, { serviceName: 'polymix' });
export const handler = createSettleHandler(
  logger,
  runtimeOnce(() => buildRuntime(process.env, logger)),
);
