/**
 * Engine wiring for integration tests: a fresh dynalite table, the simulators' world, and
 * EngineDeps over the REAL venue clients (live mode) or PaperVenues over them (paper mode).
 */

import type { BetRecord } from '../../../lib/core/bet';
import { instrumentKey } from '../../../lib/core/market';
import {
  DEFAULT_ENGINE_CONFIG,
  type EngineConfig,
  type EngineDeps,
  type EngineState,
  type Logger,
  newEngineState,
  SimulatedCrash,
} from '../../../lib/engine';
import { RecordingNotifier } from '../../../lib/notify/notifier';
import { DynamoStore, ensureAccount } from '../../../lib/store';
import { PaperVenue } from '../../../lib/venues/paper';
import type { DynaliteServer } from '../dynalite';
import { type GameSpec, kalshiTicker, LAL_BOS, type SimWorld } from './sim-world';

export const BASE_CONFIG: EngineConfig = {
  ...DEFAULT_ENGINE_CONFIG,
  leagues: ['NBA'],
  risk: {
    minRoiPpm: 10_000,
    maxPositionMicros: 100_000_000,
    maxDailyTrades: 10,
    dailyLossLimitMicros: 50_000_000,
    maxBookAgeMs: 3_000,
  },
  betAmountMicros: 50_000_000,
  firstLeg: 'kalshi',
  // NBA's postponed/cancelled rules are inferred (docs/rules.md): accepted here as a bounded tail.
  rules: { tail: 'accept-bounded', allowUnverified: true },
  unwind: { maxSteps: 4, stepMicros: 10_000, maxDiscountMicros: 100_000, timeBudgetMs: 60_000, maxAttemptsPerLeg: 15 },
  followAttempts: 3,
  followDelayMs: 50,
  staleIntentMs: 60_000,
};

export class LineLogger implements Logger {
  readonly lines: string[] = [];
  info = (l: string) => void this.lines.push(l);
  warn = (l: string) => void this.lines.push(l);
  error = (l: string) => void this.lines.push(l);
}

export interface EngineHarness {
  readonly deps: EngineDeps;
  readonly state: EngineState;
  readonly store: DynamoStore;
  readonly notifier: RecordingNotifier;
  readonly logger: LineLogger;
  withCrash(point: string): EngineDeps;
}

let instance = 0;

export async function engineHarness(
  db: DynaliteServer,
  world: SimWorld,
  opts: { mode?: 'paper' | 'live'; config?: Partial<EngineConfig>; ledgerMicros?: number } = {},
): Promise<EngineHarness> {
  const ctx = await db.createTable();
  const store = new DynamoStore(db.client, ctx.tableName);
  const mode = opts.mode ?? 'live';
  await ensureAccount(store.ctx, mode, opts.ledgerMicros ?? 1_000_000_000);
  const notifier = new RecordingNotifier();
  const logger = new LineLogger();
  const venues =
    mode === 'live'
      ? { polymarket: world.polymarket, kalshi: world.kalshi }
      : {
          polymarket: new PaperVenue(world.polymarket, { startingBalanceMicros: 1_000_000_000 }),
          kalshi: new PaperVenue(world.kalshi, { startingBalanceMicros: 1_000_000_000 }),
        };
  instance += 1;
  const deps: EngineDeps = {
    mode,
    config: { ...BASE_CONFIG, ...opts.config },
    venues,
    store,
    notifier,
    clock: world.clock,
    logger,
    instanceId: `test-${instance}`,
  };
  return {
    deps,
    state: newEngineState(),
    store,
    notifier,
    logger,
    withCrash: (point) => ({
      ...deps,
      faults: (p) => {
        if (p === point) throw new SimulatedCrash(p);
      },
    }),
  };
}

/** An arbitrage on LAL @ BOS: Polymarket Lakers 0.45 + Kalshi Boston YES 0.50 (2.6% after fees). */
export function setArbBooks(world: SimWorld, depthCenti = 10_000, game: GameSpec = LAL_BOS): void {
  world.setPolymarketAsks(
    game.away.tokenId,
    [{ priceMicros: 450_000, sizeCenti: depthCenti }],
    [{ priceMicros: 440_000, sizeCenti: depthCenti }],
  );
  world.setPolymarketAsks(
    game.home.tokenId,
    [{ priceMicros: 600_000, sizeCenti: depthCenti }],
    [{ priceMicros: 540_000, sizeCenti: depthCenti }],
  );
  world.setKalshiBook(kalshiTicker(game, 'home'), {
    yesAsks: [{ priceMicros: 500_000, sizeCenti: depthCenti }],
    noAsks: [{ priceMicros: 560_000, sizeCenti: depthCenti }],
  });
  world.setKalshiBook(kalshiTicker(game, 'away'), {
    yesAsks: [{ priceMicros: 560_000, sizeCenti: depthCenti }],
    noAsks: [{ priceMicros: 600_000, sizeCenti: depthCenti }],
  });
}

/** No liquidity at all on a game (so a scan plans nothing there). */
export function clearBooks(world: SimWorld, game: GameSpec): void {
  world.setPolymarketAsks(game.away.tokenId, []);
  world.setPolymarketAsks(game.home.tokenId, []);
  world.setKalshiBook(kalshiTicker(game, 'home'), { yesAsks: [], noAsks: [] });
  world.setKalshiBook(kalshiTicker(game, 'away'), { yesAsks: [], noAsks: [] });
}

/** Shares a bet holds per instrument key (filled − unwound), for comparing with venue positions. */
export function heldByInstrument(bets: readonly BetRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const bet of bets) {
    bet.legs.forEach((leg, i) => {
      const unwound = bet.unwinds.filter((u) => u.legIndex === i).reduce((s, u) => s + u.filledCenti, 0);
      const key = instrumentKey(leg.instrument);
      out.set(key, (out.get(key) ?? 0) + leg.filledCenti - unwound);
    });
  }
  return out;
}
