/**
 * Messages between bench/stream-scale.ts (the simulators and the driver) and
 * bench/stream-scale-child.ts (the engine, alone in its own process so its CPU time and memory
 * are the engine's), over the child's IPC channel.
 */
import type { PairVenue } from '../lib/core/market';
import type { StreamFigures } from '../lib/engine/scan-report';
import type { BenchEndpoints } from './bench-engine';

export interface MemorySample {
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
}

/** Parent → child. */
export type ToChild =
  /** Open the streamed run against the simulators for a slate of `games` games per venue. */
  | {
      readonly kind: 'start';
      readonly endpoints: BenchEndpoints;
      readonly games: number;
      /** The planner's book-age gate (`risk.maxBookAgeMs`) for this run. */
      readonly maxBookAgeMs: number;
      /** How long to wait, after every book is trusted, for no pair to be waiting; and after the last frame. */
      readonly settleCapMs: number;
    }
  /** The driver is about to change books: take the measurement marks now. */
  | { readonly kind: 'go' }
  /** The driver is done; this many frames were written to the child's connections since `go`. */
  | { readonly kind: 'sent'; readonly frames: Readonly<Record<PairVenue, number>> }
  | { readonly kind: 'stop' };

/** Child → parent. */
export type FromChild =
  | {
      readonly kind: 'warm';
      /** StreamScan.open (claim, reconcile, streams opened, listings, lease) → every book trusted → no pair waiting. */
      readonly warmMs: number;
      /** Every book trusted after this long; the rest of `warmMs` was spent deciding the pairs once. */
      readonly trustedMs: number;
      /** Pairs still waiting when the settle cap ran out (0: warm settled). */
      readonly pendingAtWarm: number;
      readonly watched: Readonly<Record<PairVenue, number>>;
      /** Before the run opened (after GC), and after warming (after GC). */
      readonly baseline: MemorySample;
      readonly warm: MemorySample;
    }
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly result: StreamPhaseResult }
  | { readonly kind: 'error'; readonly message: string };

export interface StreamPhaseResult {
  /** Frames the child's streams received during the phase (heartbeats included, as `sent`). */
  readonly frames: Readonly<Record<PairVenue, number>>;
  /**
   * Decisions taken during the phase (the session's count), and the reaction (first waiting change
   * → decision, ms) of those returned by a finished step (a step still deciding a long batch when
   * the phase ended has not returned them).
   */
  readonly decisions: number;
  readonly timedDecisions: number;
  readonly reactionMs: { readonly p50: number; readonly p99: number; readonly max: number } | null;
  readonly outcomes: Readonly<Record<string, number>>;
  /** User + system CPU time of the child during the phase, ms, and the phase's wall time, ms. */
  readonly cpuMs: number;
  readonly wallMs: number;
  /** The session's figures at the start and at the end of the phase. */
  readonly figuresBefore: StreamFigures;
  readonly figuresAfter: StreamFigures;
  /** Pairs still waiting when the child stopped waiting (0 unless the drain timed out). */
  readonly backlog: number;
  /** End of the phase, before GC (heap and RSS as they were) and after GC (heap that stays). */
  readonly end: MemorySample;
  readonly endAfterGcHeapMiB: number;
  /** Highest RSS sampled (every 100 ms) and the process's lifetime peak (getrusage maxrss). */
  readonly sampledPeakRssMiB: number;
  readonly lifetimePeakRssMiB: number;
}
