/**
 * Every port of the engine (docs/engine.md#ports): what it is handed, declared here so the engine
 * imports only lib/core and its own files. Adapters implement these: lib/store's DynamoStore is
 * a `TradeStore`, lib/venues' Kalshi, Polymarket and Paper venues are `Venue`s, lib/notify and
 * lib/runtime hold the notifiers and loggers. The venue port and its error hierarchy live in
 * ./ports/venue.ts, the store port and its request shapes in ./ports/store.ts; both are
 * re-exported here, so `lib/engine/ports` is the one place to import a port from.
 */

export * from './ports/preflight';
export * from './ports/redeem';
export * from './ports/store';
export * from './ports/stream';
export * from './ports/venue';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The wall clock and real timers: the one `Clock` production uses (engine, runtime, venue HTTP). */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * The Notifier port: the engine announces through it; SNS in AWS, the console locally, a
 * recorder in tests. Messages are formatted by ./messages.ts (pure).
 */
export interface Notification {
  /** Short subject line (SNS subject / push title). */
  readonly subject: string;
  /** Full text (SMS / push body). */
  readonly text: string;
  /** Severity, for routing and alarms. */
  readonly severity: 'info' | 'warning' | 'critical';
}

export interface Notifier {
  notify(message: Notification): Promise<void>;
}

/** The named points of a bet's execution (./execute.ts) where a fault can be injected. */
export type FaultPoint =
  | 'before-first-leg'
  | 'before-first-leg-record'
  | 'between-legs'
  | 'before-second-leg-record'
  | 'after-legs'
  | 'before-unwind'
  // Redemption (./redeem.ts): after the intent, after the attempt is recorded, after the send, before confirmation.
  | 'redeem-after-intent'
  | 'redeem-before-send'
  | 'redeem-after-send'
  | 'redeem-before-confirm';

/**
 * Fault injection, for tests only: production never sets it (EngineDeps.faults is undefined).
 * The engine calls it at each named point of a bet's execution: before the first leg is placed,
 * before its result is recorded, between the legs, before the second leg's result is recorded,
 * after both legs, and before an unwind. A test's injector throws `SimulatedCrash` at the point
 * it wants, which kills the run between two writes as a process death would; the engine's
 * per-bet error handling lets a `SimulatedCrash` through instead of recording it, and the test
 * then checks that reconcile finds and repairs what was left (test/integration/engine/faults.test.ts,
 * test/reliability/fault-matrix.test.ts).
 */
export type FaultInjector = (point: FaultPoint) => void;

/** What a fault injector throws: a run killed at `point`. */
export class SimulatedCrash extends Error {
  constructor(readonly point: string) {
    super(`simulated crash at ${point}`);
    this.name = 'SimulatedCrash';
  }
}

/** Gives the injector, if any, its chance to kill the run at `point`. */
export function faultPoint(deps: { readonly faults?: FaultInjector }, point: FaultPoint): void {
  deps.faults?.(point);
}
