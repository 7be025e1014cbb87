/**
 * The scan lease (docs/engine.md#scan, docs/engine.md#streaming): only its holder trades.
 * Scheduled runs may overlap (a streamed run holds its streams until just before its deadline
 * and the next one starts a few seconds earlier); the lease makes sure their trading never does.
 */
import type { EngineDeps } from './deps';
import { streamPolicyOf } from './deps';

export const SCAN_LEASE = 'scan';

/**
 * Takes (or renews) the scan lease for `runId`. With `waitUntilMs`, a lease held by another run
 * is asked for again every `leaseWaitPollMs` until that instant (`whileWaiting` runs between
 * asks, e.g. a streamed run keeps its books warm); without it one refusal is final.
 */
export async function takeScanLease(
  deps: EngineDeps,
  runId: string,
  waitUntilMs?: number,
  whileWaiting?: () => Promise<void>,
): Promise<boolean> {
  const { leaseWaitPollMs } = streamPolicyOf(deps.config);
  for (;;) {
    if (await deps.store.acquireLease(SCAN_LEASE, runId, deps.clock.now(), deps.config.leaseTtlMs)) return true;
    if (waitUntilMs === undefined || deps.clock.now() + leaseWaitPollMs >= waitUntilMs) return false;
    await whileWaiting?.();
    await deps.clock.sleep(leaseWaitPollMs);
  }
}
