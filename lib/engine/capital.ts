/**
 * Cash per venue and the runway (docs/capital.md#runway). Each trade spends on both venues while
 * its payout lands on one, so cash drifts between them; in live mode a winning Polymarket leg
 * pays only once redeemed (not built: docs/redemption.md), so Polymarket cash only goes down.
 *
 * - `checkRunway`, after every scan run: each venue's cash → trades it can still fund at the
 *   per-trade cap; a venue below `runwayAlertTrades` gets a notice at most once per UTC day per
 *   mode and venue, across containers (the day's notice is claimed in the store before it is sent).
 * - `reportedCash`, for `checkRunway` and the API: the cash, read as a report (a venue failure is recorded
 *   but does not touch the circuit breaker's count, as position drift does not).
 */
import { isRunwayLow, perTradeSpendMicros, runwayTrades } from '../core/capital';
import { PAIR_VENUES, type PairVenue, type VenueName } from '../core/market';
import type { Micros } from '../core/money';
import { utcDay } from '../core/time';
import type { EngineConfig, EngineDeps, EngineState } from './deps';
import { recordFailure } from './failures';
import { notifyLowRunway } from './notices';
import { SimulatedCrash } from './ports';

/** Where a cash figure comes from: the venues' own balances (live) or the ledger balance (paper). */
export type CashSource = 'venue' | 'ledger';

export interface VenueRunway {
  /** The venue in this slot of the pair (the Polymarket slot: Polymarket or Polymarket US). */
  readonly venue: VenueName;
  readonly cashMicros: Micros;
  readonly runwayTrades: number;
  readonly low: boolean;
}

export interface RunwayReport {
  readonly source: CashSource;
  readonly perTradeMicros: Micros;
  readonly alertBelowTrades: number;
  readonly venues: Readonly<Record<PairVenue, VenueRunway>>;
  /** Venues whose low runway this run announced. */
  readonly notified: readonly PairVenue[];
}

/** What one trade may spend on one venue: the planner's per-trade cap (docs/capital.md#runway). */
export function perTradeOf(config: EngineConfig): Micros {
  return perTradeSpendMicros(config.betAmountMicros, config.risk.maxPositionMicros);
}

/**
 * Each venue's cash, read as a report. Live: the venues' balances, from the trading path's cache
 * when it is fresh (`balanceCacheMs`), else read afresh and cached; a venue that cannot answer is
 * recorded in the error log but, like position drift, neither counts toward the circuit breaker
 * nor resets its count (a report must not mask a failing trading call). Paper: the ledger balance,
 * the one pool both paper legs draw from. null when unknown.
 */
export async function reportedCash(
  deps: EngineDeps,
  state: EngineState,
  ledgerBalanceMicros: Micros,
): Promise<{ micros: Record<PairVenue, Micros>; source: CashSource } | null> {
  if (deps.mode !== 'live')
    return { micros: { polymarket: ledgerBalanceMicros, kalshi: ledgerBalanceMicros }, source: 'ledger' };
  const now = deps.clock.now();
  if (state.cash && now - state.cash.atMs < deps.config.balanceCacheMs)
    return { micros: { ...state.cash.micros }, source: 'venue' };
  const micros: Record<PairVenue, Micros> = { polymarket: 0, kalshi: 0 };
  for (const venue of PAIR_VENUES) {
    try {
      micros[venue] = (await deps.venues[venue].getBalance()).availableMicros;
    } catch (err) {
      await recordFailure(deps, 'capital', err, deps.venues[venue].name);
      return null;
    }
  }
  state.cash = { atMs: now, micros };
  return { micros: { ...micros }, source: 'venue' };
}

/**
 * True the first time today's notice `key` is claimed: once per container (state.alerted), and
 * once across containers (a conditional put in the store, the invocation claim). A store failure
 * is recorded and the notice is tried again by the next run.
 */
export async function claimDailyNotice(deps: EngineDeps, state: EngineState, key: string): Promise<boolean> {
  if (state.alerted.has(key)) return false;
  try {
    const first = await deps.store.claimInvocation(`notice#${key}`, deps.instanceId, deps.clock.now());
    state.alerted.add(key);
    return first;
  } catch (err) {
    await recordFailure(deps, 'runway', err);
    return false;
  }
}

/** The runway of each venue now, and the day's notice for each venue below the threshold. */
export async function checkRunway(deps: EngineDeps, state: EngineState): Promise<RunwayReport | null> {
  const account = await deps.store.getAccount(deps.mode);
  if (!account) return null;
  const cash = await reportedCash(deps, state, account.balanceMicros);
  if (!cash) return null;
  const perTradeMicros = perTradeOf(deps.config);
  const alertBelowTrades = deps.config.runwayAlertTrades;
  const day = utcDay(deps.clock.now());
  const venues = {} as Record<PairVenue, VenueRunway>;
  const notified: PairVenue[] = [];
  for (const venue of PAIR_VENUES) {
    const runway = runwayTrades(cash.micros[venue], perTradeMicros);
    const low = isRunwayLow(runway, alertBelowTrades);
    const name = deps.venues[venue].name;
    venues[venue] = { venue: name, cashMicros: cash.micros[venue], runwayTrades: runway, low };
    if (low && (await claimDailyNotice(deps, state, `runway#${deps.mode}#${venue}#${day}`))) {
      await notifyLowRunway(deps, {
        venue: name,
        cashMicros: cash.micros[venue],
        runwayTrades: runway,
        perTradeMicros,
        alertBelowTrades,
        source: cash.source,
      });
      notified.push(venue);
    }
  }
  return { source: cash.source, perTradeMicros, alertBelowTrades, venues, notified };
}

/** `checkRunway` at the end of a scan run: a failure is recorded and never ends the run. */
export async function runwayAfterRun(deps: EngineDeps, state: EngineState): Promise<RunwayReport | null> {
  try {
    return await checkRunway(deps, state);
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    await recordFailure(deps, 'runway', err);
    return null;
  }
}
