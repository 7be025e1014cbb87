/**
 * The EventBridge scheduled event, as far as the scheduled functions read it: its `id` makes a
 * repeated delivery harmless (the store's invocation claim), so a missing id is refused.
 */
import { z } from 'zod';
import type { Runtime } from '../lib/runtime';

export const scheduledEventSchema = z
  .object({
    id: z.string().min(1).max(200),
    'detail-type': z.string().optional(),
    source: z.string().optional(),
    time: z.string().optional(),
  })
  .loose();

export type ScheduledEvent = z.infer<typeof scheduledEventSchema>;

/** The part of the Lambda context the scheduled functions use. */
export interface LambdaContextLike {
  getRemainingTimeInMillis?: () => number;
  awsRequestId?: string;
}

/** Reasons this container has already alerted on (once per container and reason). */
const alertedDegraded = new Set<string>();

/**
 * LIVE_TRADING=true but the secrets are unusable: the container runs PAPER, and says
 * so (live trading needs both LIVE_TRADING=true and usable secrets). Saying so: an error log line every
 * invocation, and one critical alert per container (and reason) on the alerts topic, so the operator who
 * asked for live learns it from their phone, not from a quiet log.
 */
export async function announceDegraded(
  fn: string,
  runtime: Pick<Runtime, 'degraded' | 'modeReason' | 'logger' | 'state' | 'engine'>,
): Promise<void> {
  if (!runtime.degraded) return;
  runtime.logger.error(`${fn}: LIVE_TRADING is "true" but the secrets are unusable: running PAPER`, {
    reason: runtime.modeReason,
  });
  // Module state, not the runtime's: a degraded runtime is rebuilt every minute (runtimeOnce)
  // with a fresh EngineState, and the alert must not repeat with it.
  if (alertedDegraded.has(runtime.modeReason)) return;
  alertedDegraded.add(runtime.modeReason);
  const subject = '🚨 LIVE requested, trading PAPER';
  await runtime.engine.notifier
    .notify({
      subject,
      text: `${subject}\n${runtime.modeReason}. Fix the secret (docs/deploy.md §5); the container retries within a minute.`,
      severity: 'critical',
    })
    .catch(() => runtime.logger.error(`${fn}: could not send the degraded-mode alert`));
}
