/**
 * Builds what one local run needs from its parts: the venue clients (the REAL clients, pointed
 * at the simulators or at the production hosts), each wrapped in a PaperVenue (fills simulated
 * on the venue's book: nothing is ever sent to an order endpoint) and in an AnnouncedVenue
 * (prints orders), the engine's ports and configuration, and the API routes over the same
 * objects — as the Lambda functions get them (docs/engine.md), with the console as notifier.
 *
 * Always paper: the mode is fixed here, whatever LIVE_TRADING says (the runner has no secrets
 * and never signs an order).
 */
import { randomBytes } from 'node:crypto';
import { type ApiDeps, createTradingRouter, type Router } from '../../lib/api';
import { type Config, rulePolicyFor } from '../../lib/config';
import {
  DEFAULT_ENGINE_CONFIG,
  type EngineConfig,
  type EngineDeps,
  type EngineState,
  newEngineState,
} from '../../lib/engine';
import type { Venue } from '../../lib/engine/ports';
import { streamPolicyFor } from '../../lib/runtime/container';
import type { Redactor } from '../../lib/runtime/redact';
import { bookStreamsOf, buildReadOnlyVenues } from '../../lib/runtime/venues';
import type { FetchFn } from '../../lib/venues/http';
import type { KalshiCredentials } from '../../lib/venues/kalshi';
import { PaperVenue } from '../../lib/venues/paper';
import type { PolymarketUsCredentials } from '../../lib/venues/polymarket-us';
import type { StreamTimers } from '../../lib/venues/stream';
import { seededRandom } from '../sim/clock';
import { AnnouncedVenue } from './announced-venue';
import type { RunClock } from './clocks';
import type { EmbeddedStore } from './embedded-store';
import type { Output } from './output';

/**
 * Where the clients read: the simulators' URLs or the configured hosts. Only the pair's venues
 * get a client (lib/runtime/venues.ts), so the hosts of the Polymarket not in the pair are never read.
 */
export interface MarketEndpoints {
  readonly polymarketGamma: string;
  readonly polymarketClob: string;
  readonly polymarketData: string;
  readonly kalshi: string;
  /** The order-book WebSocket feeds (unset: the venues' production feeds, docs/venues.md#streams). */
  readonly polymarketWs?: string;
  readonly kalshiWs?: string;
  /** Polymarket US: public reads, the signed API host, the markets WebSocket. */
  readonly polymarketUsGateway?: string;
  readonly polymarketUsApi?: string;
  readonly polymarketUsWs?: string;
}

export interface WiringInput {
  readonly config: Config;
  readonly endpoints: MarketEndpoints;
  readonly store: EmbeddedStore;
  readonly clock: RunClock;
  readonly output: Output;
  /** Simulated time runs this many times faster than real time (1 for live data and --once). */
  readonly speed: number;
  readonly seed: number;
  readonly legFailureRate: number;
  /** The local API's key (null: none), and the reset key (null: reset disabled). */
  readonly apiKey: string | null;
  readonly resetKey: string | null;
  /** Client timeout per request; short against the simulators, longer for real venues. */
  readonly timeoutMs: number;
  /** Replaces known secret values in API answers (the same one the console output uses). */
  readonly redactor: Redactor;
  /** Tests only: the clients' fetch (to see which hosts they call without a network). */
  readonly fetch?: FetchFn;
  /** The stream clients' timers, on the run's clock (./stream-timers.ts, SteppedClock.streamTimers). */
  readonly streamTimers?: StreamTimers;
  /**
   * A Kalshi key that signs the order-book stream's handshake only (the simulator's: Kalshi signs
   * every stream). Without it Kalshi's books are polled.
   */
  readonly kalshiStreamKey?: KalshiCredentials;
  /** A Polymarket US key that signs the markets stream's handshake only (the simulator's); without it those books are polled. */
  readonly polymarketUsStreamKey?: PolymarketUsCredentials;
}

export interface Wiring {
  readonly engine: EngineDeps;
  readonly state: EngineState;
  readonly api: ApiDeps;
  readonly router: Router;
  /** The read-side clients before the paper wrapper (what --source live checks first). */
  readonly readers: Readonly<Record<'polymarket' | 'kalshi', Venue>>;
  readonly rulesNote: string;
}

export const LOCAL_MODE_REASON = 'local runner (npm start): always paper; LIVE_TRADING is ignored';

export function engineConfigFor(
  config: Config,
  speed: number,
): { engine: EngineConfig; rules: ReturnType<typeof rulePolicyFor> } {
  const rules = rulePolicyFor(config, 'paper');
  return {
    rules,
    engine: {
      ...DEFAULT_ENGINE_CONFIG,
      leagues: config.leagues,
      participantAliases: config.participantAliases,
      // docs/engine.md#streaming: streamed books where both venues offer a stream.
      marketData: config.marketData,
      stream: streamPolicyFor(config),
      // Book age is measured on the simulated clock: at speed N the same real latency reads N×
      // older, so the limit scales with it (real time: unchanged).
      risk: { ...config.risk, maxBookAgeMs: Math.ceil(config.risk.maxBookAgeMs * speed) },
      betAmountMicros: config.betAmountMicros,
      runwayAlertTrades: config.runwayAlertTrades,
      firstLeg: config.firstLeg,
      rules: rules.policy,
      maxTailLossMicros: rules.maxTailLossMicros,
    },
  };
}

export function wire(input: WiringInput): Wiring {
  const { config, endpoints, clock, output } = input;
  const readers = buildReadOnlyVenues(
    endpoints,
    {
      clock,
      ...(input.fetch ? { fetch: input.fetch } : {}),
      ...(input.streamTimers ? { streamTimers: input.streamTimers } : {}),
    },
    {
      timeoutMs: input.timeoutMs,
      kalshi: config.kalshi,
      ...(input.kalshiStreamKey ? { kalshiStreamKey: input.kalshiStreamKey } : {}),
      ...(input.polymarketUsStreamKey ? { polymarketUsStreamKey: input.polymarketUsStreamKey } : {}),
      venues: config.venues,
    },
  );
  const random = seededRandom(input.seed ^ 0x5eed);
  const paper = (inner: Venue) =>
    new AnnouncedVenue(
      new PaperVenue(inner, {
        startingBalanceMicros: config.initialBalanceMicros,
        failureRate: input.legFailureRate,
        random,
      }),
      (l) => output.line(l),
    );
  const { engine: engineConfig, rules } = engineConfigFor(config, input.speed);
  const engine: EngineDeps = {
    mode: 'paper',
    config: engineConfig,
    venues: { polymarket: paper(readers.polymarket), kalshi: paper(readers.kalshi) },
    // Paper fills against the read-only clients' books, so their streams are the ones to hold.
    bookStreams: bookStreamsOf(readers),
    store: input.store.store,
    notifier: output.notifier,
    clock,
    logger: output.logger,
    instanceId: `local-${process.pid}-${randomBytes(3).toString('hex')}`,
  };
  const state = newEngineState();
  const api: ApiDeps = {
    engine,
    state,
    store: input.store.store,
    initialBalanceMicros: config.initialBalanceMicros,
    modeReason: LOCAL_MODE_REASON,
    liveRequested: false,
    rules,
    resetKey: async () => input.resetKey,
  };
  const router = createTradingRouter(api, {
    apiKey: input.apiKey,
    redact: (text) => input.redactor.text(text),
    onUnexpectedError: (err) =>
      output.logger.error(`API: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unexpected error'}`),
  });
  return { engine, state, api, router, readers, rulesNote: rules.note };
}
