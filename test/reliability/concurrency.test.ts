/**
 * Admission under concurrency: well over 1,000 `admitBet` attempts from many concurrent runs
 * against dynalite, with the default limits ($1,000 balance, 10 trades and $50 loss a day) (and variants where each limit binds). No limit may
 * ever be breached, and every refusal must carry a reason the final state justifies.
 */

import type { AdmissionLimits, AdmissionResult } from '../../lib/core/account';
import { admitBet, ensureAccount, getAccount, getBet, type StoreContext, setHalted } from '../../lib/store';
import { useDynalite } from '../support/dynalite';
import { COST, NOON, newBet, WORST_CASE_LOSS } from '../support/store/bet-fixture';

const server = useDynalite();
const DAY = '2026-11-24';

interface Attempt {
  readonly runId: string;
  readonly betId: string;
}

interface Outcome extends Attempt {
  readonly result: AdmissionResult;
}

/** `runs` concurrent runs, each working through its own share of the attempts one at a time. */
async function race(
  ctx: StoreContext,
  attempts: readonly Attempt[],
  limits: AdmissionLimits,
  runs: number,
  during?: (done: number) => Promise<void>,
): Promise<Outcome[]> {
  const queues = Array.from({ length: runs }, (_, r) => attempts.filter((_, i) => i % runs === r));
  const out: Outcome[] = [];
  await Promise.all(
    queues.map(async (queue) => {
      for (const a of queue) {
        const result = await admitBet(ctx, newBet(a.betId), limits, NOON, a.runId);
        out.push({ ...a, result });
        await during?.(out.length);
      }
    }),
  );
  return out;
}

function attempts(n: number, prefix: string, runs: number): Attempt[] {
  return Array.from({ length: n }, (_, i) => ({ runId: `run-${i % runs}`, betId: `${prefix}-${i}` }));
}

function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const o of outcomes) {
    const k = o.result.admitted ? 'admitted' : o.result.code;
    t[k] = (t[k] ?? 0) + 1;
  }
  return t;
}

async function fresh(balance: number): Promise<StoreContext> {
  const ctx = await server().createTable();
  await ensureAccount(ctx, 'paper', balance);
  return ctx;
}

/** The account agrees with the admissions: counters, balance, intents, and a bet item for each. */
async function expectNoBreach(
  ctx: StoreContext,
  outcomes: readonly Outcome[],
  limits: AdmissionLimits,
  initial: number,
): Promise<void> {
  const admitted = outcomes.filter((o) => o.result.admitted);
  const account = (await getAccount(ctx, 'paper'))!;
  const day = account.days[DAY] ?? { trades: 0, riskMicros: 0, lossMicros: 0 };
  expect(day.trades).toBe(admitted.length);
  expect(day.trades).toBeLessThanOrEqual(limits.maxDailyTrades);
  expect(day.riskMicros).toBe(admitted.length * WORST_CASE_LOSS);
  expect(day.riskMicros).toBeLessThanOrEqual(limits.dailyLossLimitMicros);
  expect(account.balanceMicros).toBe(initial - admitted.length * COST);
  expect(account.balanceMicros).toBeGreaterThanOrEqual(0);
  expect(Object.keys(account.intents).sort()).toEqual(admitted.map((o) => o.betId).sort());
  const items = await Promise.all(admitted.map((o) => getBet(ctx, o.betId)));
  expect(items.filter((b) => b?.status !== 'admitted')).toEqual([]);
}

describe('admitBet under 1,000+ concurrent attempts (1,000 + 3 × 150)', () => {
  it('admits exactly the default limit of 10 trades out of 1,000 attempts from 50 runs, with duplicates', async () => {
    const limits = { maxDailyTrades: 10, dailyLossLimitMicros: 50_000_000 };
    const ctx = await fresh(1_000_000_000);
    // 900 distinct bets and 100 that two runs try to admit under the same id.
    const list = [
      ...attempts(900, 'seed', 50),
      ...attempts(50, 'seed-dup', 50).flatMap((a, i) => [a, { runId: `run-${(i + 25) % 50}`, betId: a.betId }]),
    ];
    const outcomes = await race(ctx, list, limits, 50);
    expect(outcomes).toHaveLength(1_000);
    const t = tally(outcomes);
    expect(t.admitted).toBe(10);
    // Every refusal is either the trade limit (reached: 10 trades) or a second try of a known id.
    expect(Object.keys(t).sort()).toEqual(expect.arrayContaining(['DAILY_TRADE_LIMIT', 'admitted']));
    for (const o of outcomes) {
      if (o.result.admitted) continue;
      if (o.result.code === 'DUPLICATE_BET') expect(o.betId).toMatch(/^seed-dup-/);
      else expect(o.result.code).toBe('DAILY_TRADE_LIMIT');
    }
    await expectNoBreach(ctx, outcomes, limits, 1_000_000_000);
  }, 90_000);

  it('never spends past the balance (balance binds first)', async () => {
    const limits = { maxDailyTrades: 10_000, dailyLossLimitMicros: 1_000_000_000 };
    const initial = 37 * COST + COST - 1;
    const ctx = await fresh(initial);
    const outcomes = await race(ctx, attempts(150, 'bal', 25), limits, 25);
    expect(tally(outcomes)).toEqual({ admitted: 37, INSUFFICIENT_BALANCE: 113 });
    await expectNoBreach(ctx, outcomes, limits, initial);
  }, 60_000);

  it('never lets reserved worst-case losses pass the daily loss limit (loss binds first)', async () => {
    const limits = { maxDailyTrades: 10_000, dailyLossLimitMicros: 50_000_000 };
    const ctx = await fresh(10_000_000_000);
    const outcomes = await race(ctx, attempts(150, 'loss', 25), limits, 25);
    // 83 × $0.60 = $49.80 ≤ $50; an 84th would make $50.40.
    expect(tally(outcomes)).toEqual({
      admitted: Math.floor(50_000_000 / WORST_CASE_LOSS),
      DAILY_LOSS_LIMIT: 150 - Math.floor(50_000_000 / WORST_CASE_LOSS),
    });
    await expectNoBreach(ctx, outcomes, limits, 10_000_000_000);
  }, 60_000);

  it('admits nothing once a halt lands, whichever run is mid-flight', async () => {
    const limits = { maxDailyTrades: 10_000, dailyLossLimitMicros: 1_000_000_000 };
    const ctx = await fresh(10_000_000_000);
    let haltedAfter = -1;
    const outcomes = await race(ctx, attempts(150, 'halt', 25), limits, 25, async (done) => {
      if (done === 60) {
        await setHalted(ctx, 'paper', true, 'operator', NOON);
        haltedAfter = done;
      }
    });
    const t = tally(outcomes);
    expect(haltedAfter).toBe(60);
    expect(Object.keys(t).sort()).toEqual(['HALTED', 'admitted']);
    // Admissions already in flight may land; after the halt write, runs see HALTED.
    expect(t.admitted).toBeLessThan(60 + 25);
    await expectNoBreach(ctx, outcomes, limits, 10_000_000_000);
  }, 60_000);
});
