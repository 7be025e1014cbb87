/**
 * When a scheduled scan stops (docs/deploy.md#scan-sizing-and-cost): constants only, so the
 * infra tests can read them without building a runtime.
 */

/** A scan stops deciding this long before the Lambda deadline, so its last decision can finish. */
export const DEADLINE_MARGIN_MS = 8_000;

/** The scan schedule's period: one scheduled event a minute (infra/schedules.ts, `scanRateMinutes` 1). */
export const SCHEDULE_PERIOD_MS = 60_000;
