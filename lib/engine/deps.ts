/**
 * What the engine is handed (docs/engine.md#ports): its ports (declared in ./ports.ts) and
 * configuration. The engine never knows whether it runs in Lambda or locally, and reads the mode
 * only for message wording and for which cash figure bounds a plan (./balances.ts).
 */
import type { KalshiFeeRounding } from '../core/fees';
import { type League, type PairVenue, pairVenueOf, type VenueName } from '../core/market';
import type { TradingMode } from '../core/mode';
import type { Micros, PriceMicros } from '../core/money';
import type { RiskPolicy } from '../core/risk';
import type { RulePolicy } from '../core/rules';
import type { ParticipantAliases } from '../core/teams/participants';
import type { BookStream, Clock, FaultInjector, Logger, Notifier, RedemptionDeps, TradeStore, Venue } from './ports';

export interface UnwindPolicy {
  /** IOC sells at most this many price steps. */
  readonly maxSteps: number;
  /** Each step lowers the limit by this much. */
  readonly stepMicros: PriceMicros;
  /** Never sell below the leg's buy limit minus this (the worst case risk reserves). */
  readonly maxDiscountMicros: PriceMicros;
  /** Stop stepping after this long; what is left stays `unwinding` for reconcile. */
  readonly timeBudgetMs: number;
  /**
   * Sell orders per leg over the bet's whole life (execute + every reconcile). When they are
   * used up, or what is left is smaller than one order step, the residual is HELD to the game's
   * resolution: the bet goes `open` and settles on the shares it still holds.
   */
  readonly maxAttemptsPerLeg: number;
}

/** The live gate's policy (./preflight-gate.ts, docs/engine.md#preflight). */
export interface PreflightGatePolicy {
  /** The last run must be younger than this. */
  readonly maxAgeMs: number;
  /** POLYMIX_PREFLIGHT_OVERRIDE=true: trade live without a passing preflight (logged loudly at startup). */
  readonly override: boolean;
}

/** How a scan reads its books: polled (`getBooks` every round) or streamed (docs/engine.md#streaming). */
export type MarketData = 'poll' | 'stream';

/** The streamed session's cadences (docs/engine.md#streaming); DEFAULT_STREAM_POLICY fills what is unset. */
export interface StreamPolicy {
  /** Listings are read once per run and again after this long (they change slowly). */
  readonly listingRefreshMs: number;
  /**
   * A pair whose books a stream does not vouch for (no trusted book: no snapshot yet, down, gap,
   * …) has them polled with `getBooks` this often, so the run is never blind.
   */
  readonly fallbackPollMs: number;
  /** Account, kill switch, live gate and busy pairs are re-read, and the scan lease renewed, this often. */
  readonly housekeepingMs: number;
  /** A run waiting for the previous run's scan lease asks again this often. */
  readonly leaseWaitPollMs: number;
  /** A stream disconnected this long counts once toward the circuit breaker, like a failed venue call. */
  readonly downFailureMs: number;
}

export const DEFAULT_STREAM_POLICY: StreamPolicy = {
  listingRefreshMs: 120_000,
  fallbackPollMs: 10_000,
  housekeepingMs: 5_000,
  leaseWaitPollMs: 250,
  downFailureMs: 30_000,
};

export interface EngineConfig {
  readonly leagues: readonly League[];
  /**
   * Alias groups joining names the two venues give one participant (lib/core/teams/participants.ts
   * `withAliases`: the built-in groups plus `POLYMIX_ALIASES`); unset: the built-in ones.
   */
  readonly participantAliases?: ParticipantAliases;
  readonly risk: RiskPolicy;
  /** Plans are capped at min(betAmount, maxPosition). */
  readonly betAmountMicros: Micros;
  readonly firstLeg: PairVenue;
  readonly rules: RulePolicy;
  readonly maxTailLossMicros?: Micros;
  readonly kalshiFeeRounding: KalshiFeeRounding;
  /**
   * Order size step where a book does not state its own (`Book.sizeStepCenti`): 100 = whole
   * shares, valid on both venues. Plans align to the legs' steps (./planning.ts).
   */
  readonly sizeStepCenti: number;
  readonly unwind: UnwindPolicy;
  /** Following an order whose outcome is pending/unknown: how many looks, how far apart. */
  readonly followAttempts: number;
  readonly followDelayMs: number;
  /** A pair that caused a one-legged trade is not traded again for this long. */
  readonly cooldownMs: number;
  /** Reconcile acts on intents older than this. */
  readonly staleIntentMs: number;
  readonly leaseTtlMs: number;
  /** Venue cash is re-read after this long (and after every trade). */
  readonly balanceCacheMs: number;
  /** Consecutive venue errors that trip the circuit breaker. */
  readonly maxConsecutiveVenueErrors: number;
  /**
   * A venue whose runway (trades its cash funds at the per-trade cap) is below this gets a
   * notice, once per UTC day per venue (./capital.ts, docs/capital.md#runway); 0: never.
   */
  readonly runwayAlertTrades: number;
  /**
   * The live gate (./preflight-gate.ts). The Lambda runtime always sets it (from
   * POLYMIX_PREFLIGHT_MAX_AGE_HOURS / POLYMIX_PREFLIGHT_OVERRIDE); unset = not gated (engine
   * tests, the local runner against simulators).
   */
  readonly preflightGate?: PreflightGatePolicy;
  /**
   * `stream`: a scan that runs until a deadline (`ScanOptions.loopUntilMs`) trades on the venues'
   * streamed books when both venues offer a stream; `poll` or unset: the polling rounds.
   */
  readonly marketData?: MarketData;
  readonly stream?: Partial<StreamPolicy>;
}

export const DEFAULT_ENGINE_CONFIG: Omit<EngineConfig, 'leagues' | 'risk' | 'betAmountMicros' | 'firstLeg'> = {
  rules: { tail: 'refuse', allowUnverified: false },
  kalshiFeeRounding: 'cent',
  sizeStepCenti: 100,
  unwind: { maxSteps: 5, stepMicros: 10_000, maxDiscountMicros: 100_000, timeBudgetMs: 15_000, maxAttemptsPerLeg: 15 },
  followAttempts: 5,
  followDelayMs: 500,
  cooldownMs: 30 * 60_000,
  staleIntentMs: 120_000,
  leaseTtlMs: 55_000,
  balanceCacheMs: 5_000,
  maxConsecutiveVenueErrors: 5,
  runwayAlertTrades: 5,
};

export interface EngineDeps {
  readonly mode: TradingMode;
  readonly config: EngineConfig;
  /**
   * The pair's two venues by slot: `kalshi`, and `polymarket`, which is the Polymarket or the
   * Polymarket US venue (its `name` says which: docs/adr/0010-venue-pairs.md).
   */
  readonly venues: Readonly<Record<PairVenue, Venue>>;
  readonly store: TradeStore;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Unique per process run (tells our own retried writes from another run's). */
  readonly instanceId: string;
  /** Tests only: kills the run at a named point (./ports.ts FaultInjector). Never set in production. */
  readonly faults?: FaultInjector;
  /**
   * Redemption of resolved Polymarket conditions (./redeem.ts, docs/redemption.md#in-polymix):
   * the redeemer of the configured wallet and the store of redemption items. Unset: settle
   * redeems nothing (the venue's cash then only goes down in live mode).
   */
  readonly redemption?: RedemptionDeps;
  /**
   * Where a streamed scan opens each venue's book stream; unset for a venue: that venue's own
   * `Venue.openBookStream`. The wiring sets it where the trading venue is not the reading one
   * (paper: PaperVenue over a read-only client), and tests hand in their scripted streams.
   */
  readonly bookStreams?: Readonly<Partial<Record<PairVenue, () => BookStream>>>;
}

/**
 * Whether this deployment trades `venue`: one of its pair's two venues. A bet made on Polymarket
 * and read by a Kalshi × Polymarket US deployment (the pair was switched while it was open) names
 * a venue it does not trade; ./foreign-venue.ts leaves such a bet to the operator.
 */
export function tradesVenue(deps: Pick<EngineDeps, 'venues'>, venue: VenueName): boolean {
  return deps.venues[pairVenueOf(venue)].name === venue;
}

/**
 * The venue port that trades `venue`'s instruments: its slot of the pair. An instrument of a venue
 * the deployment does not trade is never sent to the other Polymarket: callers check
 * `tradesVenue` first (./foreign-venue.ts), so this throw marks a missed check, not a state.
 */
export function venueOf(deps: Pick<EngineDeps, 'venues'>, venue: VenueName): Venue {
  const v = deps.venues[pairVenueOf(venue)];
  if (v.name !== venue) throw new Error(`this deployment trades ${v.name}, not ${venue}`);
  return v;
}

/** The stream opener of each venue, or null when a venue offers none (then the scan polls). */
export function bookStreamSources(deps: EngineDeps): Record<PairVenue, () => BookStream> | null {
  const of = (venue: PairVenue): (() => BookStream) | null => {
    const given = deps.bookStreams?.[venue];
    if (given) return given;
    const v = deps.venues[venue];
    return v.openBookStream ? () => (v.openBookStream as () => BookStream).call(v) : null;
  };
  const polymarket = of('polymarket');
  const kalshi = of('kalshi');
  return polymarket && kalshi ? { polymarket, kalshi } : null;
}

export function streamPolicyOf(config: EngineConfig): StreamPolicy {
  return { ...DEFAULT_STREAM_POLICY, ...config.stream };
}

/** Per-container memory: balances cache, consecutive venue errors, alerts already sent. */
export interface EngineState {
  cash: { atMs: number; micros: Record<PairVenue, Micros> } | null;
  consecutiveVenueErrors: number;
  alerted: Set<string>;
}

export function newEngineState(): EngineState {
  return { cash: null, consecutiveVenueErrors: 0, alerted: new Set() };
}
