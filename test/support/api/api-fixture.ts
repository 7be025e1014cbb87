/**
 * Wiring for route tests: a fresh dynalite table with the real store, the engine's ports with a
 * scripted venue double (orders and positions it is told about, cancels it records), and bets
 * seeded through the store's own lifecycle (admit → placing → fills → open → settled …).
 */

import type { ApiDeps } from '../../../lib/api';
import type { InstrumentRef, Resolution, VenueName } from '../../../lib/core/market';
import { DEFAULT_ENGINE_CONFIG, type EngineDeps, newEngineState, silentLogger } from '../../../lib/engine';
import {
  type Balance,
  type NewBet,
  type OrderLookup,
  type OrderResult,
  type Position,
  Unavailable,
  type Venue,
} from '../../../lib/engine/ports';
import { RecordingNotifier } from '../../../lib/notify/notifier';
import { DynamoStore } from '../../../lib/store';
import type { DynaliteServer } from '../dynalite';

/** 2026-11-24T12:00:00Z */
export const NOON = Date.UTC(2026, 10, 24, 12);
export const INITIAL = 1_000_000_000;
export const RESET_KEY = 'reset-key-for-tests-0123456789abcdef';
const RUN = 'run-api-test';

export const K_YES: InstrumentRef = { venue: 'kalshi', ticker: 'KXNBAGAME-26NOV24LALBOS-LAL', side: 'yes' };
export const PM_BOS: InstrumentRef = { venue: 'polymarket', conditionId: '0xabc', tokenId: '7132' };

/** Kalshi YES 10 @ $0.45 (+$0.10 fee), Polymarket 10 @ $0.50 (+$0.05): cost $9.65, pays $10. */
export const COST = 9_650_000;
export const PAYOUT = 10_000_000;

export function newBet(id: string, mode: 'paper' | 'live'): NewBet {
  return {
    id,
    mode,
    pairId: 'NBA:0xabc:KXNBAGAME-26NOV24LALBOS',
    league: 'NBA',
    title: 'Lakers vs. Celtics',
    teams: ['LAL', 'BOS'],
    legs: [
      {
        venue: 'kalshi',
        instrument: K_YES,
        side: 'buy',
        limitPriceMicros: 450_000,
        sizeCenti: 1_000,
        notionalMicros: 4_500_000,
        feeMicros: 100_000,
      },
      {
        venue: 'polymarket',
        instrument: PM_BOS,
        side: 'buy',
        limitPriceMicros: 500_000,
        sizeCenti: 1_000,
        notionalMicros: 5_000_000,
        feeMicros: 50_000,
      },
    ],
    costMicros: COST,
    worstCaseLossMicros: 600_000,
  };
}

/** A Venue double: answers only what a test scripted. */
export class ScriptedVenue implements Venue {
  readonly orders = new Map<string, OrderResult>();
  readonly cancelled: string[] = [];
  positions: Position[] | Error = [];
  /** What getBalance answers (an Error is thrown); `balanceReads` counts the calls. */
  balanceMicros: number | Error = 0;
  balanceReads = 0;

  constructor(readonly name: VenueName) {}

  async listGames() {
    return [];
  }
  async getBooks() {
    return new Map();
  }
  async placeOrder(): Promise<OrderResult> {
    throw new Error('the API never places orders');
  }
  async cancelOrder(lookup: OrderLookup): Promise<void> {
    this.cancelled.push(lookup.clientOrderId ?? lookup.venueOrderId ?? '?');
  }
  async getOrder(lookup: OrderLookup): Promise<OrderResult | null> {
    return this.orders.get(lookup.clientOrderId ?? '') ?? null;
  }
  async getBalance(): Promise<Balance> {
    this.balanceReads += 1;
    if (this.balanceMicros instanceof Error) throw this.balanceMicros;
    return { availableMicros: this.balanceMicros };
  }
  async getPositions(): Promise<Position[]> {
    if (this.positions instanceof Error) throw this.positions;
    return this.positions;
  }
  async getResolution(): Promise<Resolution> {
    return { state: 'unresolved' };
  }
}

export interface ApiWorld {
  readonly deps: ApiDeps;
  readonly store: DynamoStore;
  readonly venues: { polymarket: ScriptedVenue; kalshi: ScriptedVenue };
  readonly notifier: RecordingNotifier;
  readonly clock: { now(): number; sleep(): Promise<void>; set(ms: number): void };
}

export async function apiWorld(
  db: DynaliteServer,
  opts: { mode?: 'paper' | 'live'; liveRequested?: boolean; resetKey?: string | null; account?: boolean } = {},
): Promise<ApiWorld> {
  const ctx = await db.createTable();
  const store = new DynamoStore(db.client, ctx.tableName);
  const mode = opts.mode ?? 'paper';
  if (opts.account !== false) await store.ensureAccount(mode, INITIAL);
  let nowMs = NOON;
  const clock = { now: () => nowMs, sleep: async () => {}, set: (ms: number) => void (nowMs = ms) };
  const venues = { polymarket: new ScriptedVenue('polymarket'), kalshi: new ScriptedVenue('kalshi') };
  const notifier = new RecordingNotifier();
  const engine: EngineDeps = {
    mode,
    config: {
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
    },
    venues,
    store,
    notifier,
    clock,
    logger: silentLogger,
    instanceId: 'test-instance',
  };
  const deps: ApiDeps = {
    engine,
    state: newEngineState(),
    store,
    initialBalanceMicros: INITIAL,
    modeReason: mode === 'live' ? 'LIVE_TRADING is "true" and the secrets are complete' : 'LIVE_TRADING is not "true"',
    liveRequested: opts.liveRequested ?? mode === 'live',
    rules: {
      policy: { tail: 'accept-bounded', allowUnverified: true },
      maxTailLossMicros: 100_000_000,
      note: 'Rule policy: test',
    },
    resetKey: async () => (opts.resetKey === undefined ? RESET_KEY : opts.resetKey),
  };
  return { deps, store, venues, notifier, clock };
}

const limits = { maxDailyTrades: 1_000, dailyLossLimitMicros: 1_000_000_000 };

export async function admittedBet(w: ApiWorld, id: string, atMs: number): Promise<void> {
  const out = await w.store.admitBet(newBet(id, w.deps.engine.mode), limits, atMs, RUN);
  if (!out.admitted) throw new Error(`not admitted: ${out.message}`);
}

/** Placing, leg 0 resting on Kalshi (nothing filled yet). */
export async function placingBet(w: ApiWorld, id: string, atMs: number): Promise<void> {
  await admittedBet(w, id, atMs);
  await w.store.transitionBet(id, 'admitted', 'placing', { nowMs: atMs, runId: RUN });
}

export async function openBet(w: ApiWorld, id: string, atMs: number): Promise<void> {
  await placingBet(w, id, atMs);
  await w.store.recordLegOrder(
    id,
    0,
    {
      attempt: 0,
      limitPriceMicros: 450_000,
      venueOrderId: `k-${id}`,
      filledCenti: 1_000,
      filledNotionalMicros: 4_500_000,
      filledFeeMicros: 100_000,
    },
    atMs,
  );
  await w.store.recordLegOrder(
    id,
    1,
    {
      attempt: 0,
      limitPriceMicros: 500_000,
      venueOrderId: `p-${id}`,
      filledCenti: 1_000,
      filledNotionalMicros: 5_000_000,
      filledFeeMicros: 50_000,
    },
    atMs,
  );
  await w.store.transitionBet(id, 'placing', 'open', { nowMs: atMs, runId: RUN });
}

/** Open, then settled at `closedAtMs` with `payoutMicros` (PAYOUT = the hedge paid in full). */
export async function settledBet(
  w: ApiWorld,
  id: string,
  atMs: number,
  closedAtMs: number,
  payoutMicros = PAYOUT,
): Promise<void> {
  await openBet(w, id, atMs);
  await w.store.finishBet({ betId: id, from: 'open', to: 'settled', payoutMicros, nowMs: closedAtMs, runId: RUN });
}

/** Admitted, then failed with nothing filled (the reservation comes back). */
export async function failedBet(w: ApiWorld, id: string, atMs: number): Promise<void> {
  await admittedBet(w, id, atMs);
  await w.store.finishBet({ betId: id, from: 'admitted', to: 'failed', payoutMicros: 0, nowMs: atMs, runId: RUN });
}

/** Open, then settled with the payout split per leg as settlement records it (index = leg: Kalshi, Polymarket). */
export async function settledSplitBet(
  w: ApiWorld,
  id: string,
  atMs: number,
  closedAtMs: number,
  legPayoutsMicros: [number, number],
): Promise<void> {
  await openBet(w, id, atMs);
  const payoutMicros = legPayoutsMicros[0] + legPayoutsMicros[1];
  await w.store.finishBet({
    betId: id,
    from: 'open',
    to: 'settled',
    payoutMicros,
    legPayoutsMicros,
    nowMs: closedAtMs,
    runId: RUN,
  });
}

export const venueDown = () =>
  new Unavailable('positions down', { venue: 'kalshi', endpoint: 'GET /portfolio/positions', status: 503 });
