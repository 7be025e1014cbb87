/**
 * Settings shared by the stream clients, with their defaults (docs/venues.md#streams).
 */
import { z } from 'zod';
import { realTimers, type StreamTimers } from './timers';

export const streamTuningSchema = z.object({
  /** A book nothing vouched for within this long reads as `stale`. */
  staleAfterMs: z.number().int().positive().default(30_000),
  /** A trusted book this quiet gets a fresh snapshot asked for (before it goes stale). */
  quietMs: z.number().int().positive().default(20_000),
  /** A snapshot asked for and not received within this long: the connection is recycled. */
  snapshotTimeoutMs: z.number().int().positive().default(10_000),
  /** How often the watchdog looks at every book. */
  watchdogEveryMs: z.number().int().positive().default(1_000),
  /** Reconnect backoff: first delay and cap (exponential, jittered). */
  backoffInitialMs: z.number().int().positive().default(500),
  backoffMaxMs: z.number().int().positive().default(30_000),
  /** Nothing at all heard on a connection for this long (not even a ping): reconnect. 0 = off. */
  deadAfterMs: z.number().int().min(0).default(35_000),
  /** One problem per cause per this long. */
  problemDedupeMs: z.number().int().min(0).default(60_000),
});

export type StreamTuning = z.input<typeof streamTuningSchema>;
export type ResolvedStreamTuning = z.output<typeof streamTuningSchema>;

/** Time and timers of a stream: `now` from the caller's clock, timers injectable (./timers.ts). */
export interface StreamRuntime {
  readonly now?: () => number;
  readonly timers?: StreamTimers;
  readonly random?: () => number;
}

export interface ResolvedRuntime {
  readonly now: () => number;
  readonly timers: StreamTimers;
  readonly random: () => number;
}

export function resolveRuntime(r: StreamRuntime = {}): ResolvedRuntime {
  return { now: r.now ?? Date.now, timers: r.timers ?? realTimers(), random: r.random ?? Math.random };
}

/** Stream URLs: wss anywhere, plain ws only to this machine (the local simulators). */
export function checkStreamUrl(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`${what} is not a URL`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!(url.protocol === 'wss:' || (url.protocol === 'ws:' && loopback)))
    throw new TypeError(`${what} must be wss:// (ws:// only to localhost)`);
  if (url.username || url.password || url.search || url.hash)
    throw new TypeError(`${what} must carry no credentials, query or fragment`);
  return url.href.replace(/\/+$/, '');
}
