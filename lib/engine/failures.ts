/**
 * Venue errors are recorded, counted for the circuit breaker, and never crash a run.
 * Only adapter-built text reaches the log (venue, endpoint, status, short excerpt); those texts
 * carry no secrets by construction (lib/engine/ports/venue.ts), and the store blanks PEM blocks too.
 */
import type { VenueName } from '../core/market';
import type { EngineDeps, EngineState } from './deps';
import { VenueError } from './ports';

export function describeError(err: unknown): string {
  if (err instanceof VenueError) {
    const where = [err.endpoint, err.status === undefined ? null : `HTTP ${err.status}`].filter(Boolean).join(' ');
    return `${err.name}${where ? ` (${where})` : ''}: ${err.message}`;
  }
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return 'unknown error';
}

/**
 * Records an error in the store's log; a failure to record is logged, never thrown. `level`
 * `warn` logs it as a warning (something for the operator to act on, not a failure of the run).
 */
export async function recordFailure(
  deps: EngineDeps,
  source: string,
  err: unknown,
  venue?: VenueName,
  level: 'error' | 'warn' = 'error',
): Promise<void> {
  const message = describeError(err);
  deps.logger[level](`[${source}] ${message}`);
  const v = venue ?? (err instanceof VenueError ? err.venue : undefined);
  try {
    await deps.store.recordError({ atMs: deps.clock.now(), source, message, ...(v ? { venue: v } : {}) });
  } catch (e) {
    deps.logger.error(`[${source}] could not record the error: ${describeError(e)}`);
  }
}

/** A venue call failed: record it and count it toward the circuit breaker. */
export async function venueFailed(
  deps: EngineDeps,
  state: EngineState,
  source: string,
  err: unknown,
  venue?: VenueName,
): Promise<void> {
  state.consecutiveVenueErrors += 1;
  await recordFailure(deps, source, err, venue);
}

export function venueSucceeded(state: EngineState): void {
  state.consecutiveVenueErrors = 0;
}
