import type { AdmissionResult } from '../../../lib/core/account';
import {
  AccountNotFound,
  type AdmissionRequest,
  admitTrade,
  ensureAccount,
  getAccount,
  type StoreContext,
  setHalted,
} from '../../../lib/store';
import { useDynalite } from '../../support/dynalite';
import { NOON } from '../../support/store/bet-fixture';

const server = useDynalite();
const COST = 1_000_000;

function request(i: number, over: Partial<AdmissionRequest> = {}): AdmissionRequest {
  return {
    mode: 'paper',
    betId: `bet-${i}`,
    costMicros: COST,
    worstCaseLossMicros: 0,
    limits: { maxDailyTrades: 1_000, dailyLossLimitMicros: 1_000_000_000 },
    nowMs: NOON,
    runId: `run-${i}`,
    ...over,
  };
}

async function race(ctx: StoreContext, n: number, over: Partial<AdmissionRequest>): Promise<AdmissionResult[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => admitTrade(ctx, request(i, over))));
}

function tally(results: AdmissionResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r.admitted ? 'admitted' : r.message;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function freshAccount(balance: number): Promise<StoreContext> {
  const ctx = await server().createTable();
  await ensureAccount(ctx, 'paper', balance);
  return ctx;
}

describe('admitTrade under 50 concurrent admissions', () => {
  it('admits exactly the daily trade limit and tells the rest why', async () => {
    const ctx = await freshAccount(1_000 * COST);
    const results = await race(ctx, 50, { limits: { maxDailyTrades: 10, dailyLossLimitMicros: 1_000_000_000 } });
    expect(tally(results)).toEqual({ admitted: 10, 'Daily trade limit reached (10)': 40 });
    const account = await getAccount(ctx, 'paper');
    expect(account?.days['2026-11-24']?.trades).toBe(10);
    expect(account?.balanceMicros).toBe(990 * COST);
    expect(Object.keys(account?.intents ?? {})).toHaveLength(10);
  });

  it('never spends more than the balance', async () => {
    const ctx = await freshAccount(7 * COST + COST - 1);
    const results = await race(ctx, 50, {});
    expect(tally(results)).toEqual({ admitted: 7, 'Insufficient balance': 43 });
    const account = await getAccount(ctx, 'paper');
    expect(account?.balanceMicros).toBe(COST - 1);
    expect(account?.days['2026-11-24']?.trades).toBe(7);
  });

  it('never lets the worst-case losses of admitted trades pass the daily loss limit', async () => {
    const ctx = await freshAccount(1_000 * COST);
    // 6 × 15 = 90 ≤ 100; a 7th would make 105.
    const results = await race(ctx, 50, {
      worstCaseLossMicros: 15_000_000,
      limits: { maxDailyTrades: 1_000, dailyLossLimitMicros: 100_000_000 },
    });
    expect(tally(results)).toEqual({ admitted: 6, 'Daily loss limit reached': 44 });
    const account = await getAccount(ctx, 'paper');
    expect(account?.days['2026-11-24']?.riskMicros).toBe(90_000_000);
  });

  it('reports every reason correctly when all limits bind in one race', async () => {
    // Balance for 5, trades for 4: the trade limit binds first and is the reason given.
    const ctx = await freshAccount(5 * COST);
    const results = await race(ctx, 50, { limits: { maxDailyTrades: 4, dailyLossLimitMicros: 1_000_000_000 } });
    expect(tally(results)).toEqual({ admitted: 4, 'Daily trade limit reached (4)': 46 });
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(COST);
  });
});

describe('admitTrade refusals', () => {
  it('refuses everything while halted and admits again after resume', async () => {
    const ctx = await freshAccount(100 * COST);
    await setHalted(ctx, 'paper', true, 'daily loss breach', NOON);
    const refused = await admitTrade(ctx, request(1));
    expect(refused).toEqual({ admitted: false, code: 'HALTED', message: 'Trading halted' });
    const account = await getAccount(ctx, 'paper');
    expect(account).toMatchObject({
      halted: true,
      haltReason: 'daily loss breach',
      haltedAtMs: NOON,
      balanceMicros: 100 * COST,
    });
    expect(account?.days['2026-11-24']).toBeUndefined();

    await setHalted(ctx, 'paper', false, null, NOON + 1);
    expect((await admitTrade(ctx, request(1))).admitted).toBe(true);
  });

  it('follows the original PolyMix precedence: halted, trades, loss, balance', async () => {
    const ctx = await freshAccount(COST);
    expect((await admitTrade(ctx, request(0, { worstCaseLossMicros: 10 }))).admitted).toBe(true);
    // Now: trades 1, risk 10, balance 0.
    const all = { maxDailyTrades: 1, dailyLossLimitMicros: 15 };
    await setHalted(ctx, 'paper', true, 'manual', NOON);
    expect(await admitTrade(ctx, request(1, { worstCaseLossMicros: 10, limits: all }))).toMatchObject({
      code: 'HALTED',
    });
    await setHalted(ctx, 'paper', false, null, NOON);
    expect(await admitTrade(ctx, request(1, { worstCaseLossMicros: 10, limits: all }))).toMatchObject({
      code: 'DAILY_TRADE_LIMIT',
      message: 'Daily trade limit reached (1)',
    });
    expect(
      await admitTrade(ctx, request(1, { worstCaseLossMicros: 10, limits: { ...all, maxDailyTrades: 5 } })),
    ).toMatchObject({ code: 'DAILY_LOSS_LIMIT', message: 'Daily loss limit reached' });
    expect(
      await admitTrade(ctx, request(1, { worstCaseLossMicros: 5, limits: { ...all, maxDailyTrades: 5 } })),
    ).toMatchObject({ code: 'INSUFFICIENT_BALANCE', message: 'Insufficient balance' });
  });

  it('refuses a trade whose worst case alone exceeds the daily loss limit', async () => {
    const ctx = await freshAccount(100 * COST);
    const result = await admitTrade(
      ctx,
      request(1, { worstCaseLossMicros: 11, limits: { maxDailyTrades: 5, dailyLossLimitMicros: 10 } }),
    );
    expect(result).toMatchObject({ admitted: false, code: 'DAILY_LOSS_LIMIT' });
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(100 * COST);
  });

  it('admits a bet id only once', async () => {
    const ctx = await freshAccount(100 * COST);
    const results = await Promise.all([0, 1, 2].map((i) => admitTrade(ctx, request(7, { runId: `racer-${i}` }))));
    expect(results.filter((r) => r.admitted)).toHaveLength(1);
    expect(results.filter((r) => !r.admitted && r.code === 'DUPLICATE_BET')).toHaveLength(2);
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(99 * COST);
  });

  it('answers a repeat of the identical request (an SDK retry) as admitted, reserving once', async () => {
    const ctx = await freshAccount(100 * COST);
    expect(await admitTrade(ctx, request(8))).toMatchObject({ admitted: true, balanceAfterMicros: 99 * COST });
    expect(await admitTrade(ctx, request(8))).toMatchObject({ admitted: true, balanceAfterMicros: 99 * COST });
    const account = await getAccount(ctx, 'paper');
    expect(account?.balanceMicros).toBe(99 * COST);
    expect(account?.days['2026-11-24']?.trades).toBe(1);
  });

  it('throws AccountNotFound when the account was never created', async () => {
    const ctx = await server().createTable();
    await expect(admitTrade(ctx, request(1))).rejects.toBeInstanceOf(AccountNotFound);
  });

  it('rejects non-integer money before writing anything', async () => {
    const ctx = await freshAccount(100 * COST);
    await expect(admitTrade(ctx, request(1, { costMicros: 1.5 }))).rejects.toThrow(RangeError);
    await expect(admitTrade(ctx, request(1, { betId: 'has space' }))).rejects.toThrow(RangeError);
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(100 * COST);
  });
});

describe('ensureAccount', () => {
  it('creates the account once and never resets an existing one', async () => {
    const ctx = await server().createTable();
    expect(await ensureAccount(ctx, 'live', 50 * COST)).toEqual({ created: true });
    await admitTrade(ctx, request(1, { mode: 'live' }));
    expect(await ensureAccount(ctx, 'live', 50 * COST)).toEqual({ created: false });
    const live = await getAccount(ctx, 'live');
    expect(live).toMatchObject({ balanceMicros: 49 * COST, initialBalanceMicros: 50 * COST, halted: false });
    expect(await getAccount(ctx, 'paper')).toBeNull();
  });
});

describe('UTC day rollover', () => {
  it('starts the trade count and loss budget at zero at 00:00 UTC', async () => {
    const ctx = await freshAccount(100 * COST);
    const limits = { maxDailyTrades: 2, dailyLossLimitMicros: 20 };
    const lastMs = Date.UTC(2026, 10, 24, 23, 59, 59, 999);
    const midnight = Date.UTC(2026, 10, 25);
    const late = await Promise.all(
      [0, 1, 2].map((i) => admitTrade(ctx, request(i, { nowMs: lastMs, limits, worstCaseLossMicros: 10 }))),
    );
    expect(tally(late)).toEqual({ admitted: 2, 'Daily trade limit reached (2)': 1 });

    const next = await Promise.all(
      [3, 4, 5].map((i) => admitTrade(ctx, request(i, { nowMs: midnight, limits, worstCaseLossMicros: 10 }))),
    );
    expect(tally(next)).toEqual({ admitted: 2, 'Daily trade limit reached (2)': 1 });
    const account = await getAccount(ctx, 'paper');
    expect(account?.days).toEqual({
      '2026-11-24': { trades: 2, lossMicros: 0, riskMicros: 20 },
      '2026-11-25': { trades: 2, lossMicros: 0, riskMicros: 20 },
    });
  });
});
