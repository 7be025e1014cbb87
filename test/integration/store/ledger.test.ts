import {
  admitBet,
  admitTrade,
  applyBetToAccount,
  ensureAccount,
  finishBet,
  getAccount,
  getBet,
  listActiveBets,
  markFinished,
  recordLegOrder,
  recordUnwind,
  releaseOrphanIntent,
  repairPendingLedgers,
  requireBet,
  type StoreContext,
  transitionBet,
} from '../../../lib/store';
import { useDynalite } from '../../support/dynalite';
import {
  COST,
  LEG_KALSHI,
  LEG_POLYMARKET,
  NOON,
  newBet,
  ROOMY,
  RUN,
  WORST_CASE_LOSS,
} from '../../support/store/bet-fixture';

const server = useDynalite();
const START = 100_000_000;
const PAYOUT = 10_000_000; // 10 winning shares
const SPENT = 4_500_000 + 100_000 + 5_000_000 + 50_000;

async function fresh(): Promise<StoreContext> {
  const ctx = await server().createTable();
  await ensureAccount(ctx, 'paper', START);
  return ctx;
}

async function fillLeg(ctx: StoreContext, id: string, index: 0 | 1, nowMs = NOON) {
  const leg = index === 0 ? LEG_KALSHI : LEG_POLYMARKET;
  await recordLegOrder(
    ctx,
    id,
    index,
    {
      attempt: 0,
      limitPriceMicros: leg.limitPriceMicros,
      venueOrderId: `v-${index}`,
      filledCenti: leg.sizeCenti,
      filledNotionalMicros: leg.notionalMicros,
      filledFeeMicros: leg.feeMicros,
    },
    nowMs,
  );
}

/** A bet with both legs filled, status open. */
async function openBet(ctx: StoreContext, id: string): Promise<void> {
  expect((await admitBet(ctx, newBet(id), ROOMY, NOON, RUN)).admitted).toBe(true);
  await transitionBet(ctx, id, 'admitted', 'placing', { nowMs: NOON, runId: RUN });
  await fillLeg(ctx, id, 0);
  await fillLeg(ctx, id, 1);
  await transitionBet(ctx, id, 'placing', 'open', { nowMs: NOON, runId: RUN });
}

const settle = { from: 'open', to: 'settled', payoutMicros: PAYOUT, nowMs: NOON + 3_600_000, runId: RUN } as const;

describe('finishBet applies money exactly once', () => {
  it('credits a settlement once, however often it is applied', async () => {
    const ctx = await fresh();
    await openBet(ctx, 'b1');
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(START - COST);

    const first = await finishBet(ctx, { betId: 'b1', ...settle });
    expect(first).toMatchObject({ credited: true, alreadyFinished: false });
    expect(first.bet).toMatchObject({ status: 'settled', ledger: 'applied' });
    expect(first.bet.result).toEqual({
      spentMicros: SPENT,
      receivedMicros: PAYOUT,
      payoutMicros: PAYOUT,
      pnlMicros: PAYOUT - SPENT,
      lossMicros: 0,
      creditMicros: COST - SPENT + PAYOUT,
      realisedDay: '2026-11-24',
    });
    const again = await finishBet(ctx, { betId: 'b1', ...settle });
    expect(again).toMatchObject({ credited: false, alreadyFinished: true });

    const account = await getAccount(ctx, 'paper');
    expect(account?.balanceMicros).toBe(START - SPENT + PAYOUT);
    expect(account?.intents).toEqual({});
    expect(account?.days['2026-11-24']).toEqual({ trades: 1, lossMicros: 0, riskMicros: 0 });
  });

  it('keeps which leg was paid what (docs/capital.md#won-not-redeemed), and refuses a split that does not add up', async () => {
    const ctx = await fresh();
    await openBet(ctx, 'split');
    for (const bad of [[PAYOUT, 1], [PAYOUT], [-1, PAYOUT + 1]]) {
      await expect(finishBet(ctx, { betId: 'split', ...settle, legPayoutsMicros: bad })).rejects.toThrow(RangeError);
    }
    expect((await getBet(ctx, 'split'))?.status).toBe('open');
    const done = await finishBet(ctx, { betId: 'split', ...settle, legPayoutsMicros: [0, PAYOUT] });
    expect(done.bet.result?.legPayoutsMicros).toEqual([0, PAYOUT]);
    expect((await getBet(ctx, 'split'))?.result?.legPayoutsMicros).toEqual([0, PAYOUT]);
    // Only a settlement has a payout to split.
    expect((await admitBet(ctx, newBet('none'), ROOMY, NOON, RUN)).admitted).toBe(true);
    const failed = { betId: 'none', from: 'admitted', to: 'failed', payoutMicros: 0, nowMs: NOON, runId: RUN } as const;
    await expect(finishBet(ctx, { ...failed, legPayoutsMicros: [0, 0] })).rejects.toThrow(RangeError);
  });

  it('credits once when many settlers race', async () => {
    const ctx = await fresh();
    await openBet(ctx, 'race');
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => finishBet(ctx, { betId: 'race', ...settle })));
    expect(outcomes.filter((o) => o.credited)).toHaveLength(1);
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(START - SPENT + PAYOUT);
  });

  it('repairs a crash after the account write and before the bet write, without a second credit', async () => {
    const ctx = await fresh();
    await openBet(ctx, 'crash');
    const req = { betId: 'crash', ...settle };
    const marked = await markFinished(ctx, req, await requireBet(ctx, 'crash'));
    expect(await applyBetToAccount(ctx, marked)).toBe(true);
    // ... the process dies here: the bet still says `pending`.
    expect((await getBet(ctx, 'crash'))?.ledger).toBe('pending');
    expect(await applyBetToAccount(ctx, marked)).toBe(false);

    // The re-run even brings different figures: the stored result wins.
    const rerun = await finishBet(ctx, { ...req, payoutMicros: 0 });
    expect(rerun).toMatchObject({ credited: false, alreadyFinished: true });
    expect(rerun.bet).toMatchObject({ status: 'settled', ledger: 'applied' });
    expect(rerun.bet.result?.payoutMicros).toBe(PAYOUT);
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(START - SPENT + PAYOUT);
  });

  it('repairs a crash after the bet write and before the account write, crediting once', async () => {
    const ctx = await fresh();
    await openBet(ctx, 'early');
    await markFinished(ctx, { betId: 'early', ...settle }, await requireBet(ctx, 'early'));
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(START - COST);

    expect(await repairPendingLedgers(ctx, 'paper')).toBe(1);
    expect(await repairPendingLedgers(ctx, 'paper')).toBe(0);
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(START - SPENT + PAYOUT);
    expect((await getBet(ctx, 'early'))?.ledger).toBe('applied');
    expect(await listActiveBets(ctx, 'paper')).toEqual([]);
  });

  it('releases an unused reservation once when placing fails with nothing filled', async () => {
    const ctx = await fresh();
    await admitBet(ctx, newBet('nofill'), ROOMY, NOON, RUN);
    await transitionBet(ctx, 'nofill', 'admitted', 'placing', { nowMs: NOON, runId: RUN });
    const req = {
      betId: 'nofill',
      from: 'placing',
      to: 'failed',
      payoutMicros: 0,
      nowMs: NOON + 1,
      runId: RUN,
      note: 'FOK not filled',
    } as const;
    expect((await finishBet(ctx, req)).credited).toBe(true);
    expect((await finishBet(ctx, req)).credited).toBe(false);
    const account = await getAccount(ctx, 'paper');
    expect(account?.balanceMicros).toBe(START);
    expect(account?.days['2026-11-24']).toEqual({ trades: 1, lossMicros: 0, riskMicros: 0 });
    expect((await getBet(ctx, 'nofill'))?.note).toBe('FOK not filled');
  });
});

describe('unwind losses', () => {
  it('count toward the loss limit of the UTC day they are realised', async () => {
    const ctx = await fresh();
    const beforeMidnight = Date.UTC(2026, 10, 24, 23, 59);
    const afterMidnight = Date.UTC(2026, 10, 25, 0, 1);
    await admitBet(ctx, newBet('oneleg'), ROOMY, beforeMidnight, RUN);
    await transitionBet(ctx, 'oneleg', 'admitted', 'placing', { nowMs: beforeMidnight, runId: RUN });
    await fillLeg(ctx, 'oneleg', 0, beforeMidnight);
    await transitionBet(ctx, 'oneleg', 'placing', 'unwinding', { nowMs: beforeMidnight, runId: RUN });
    await recordUnwind(ctx, 'oneleg', {
      legIndex: 0,
      attempt: 0,
      venueOrderId: 'u-0',
      limitPriceMicros: 400_000,
      sizeCenti: 1_000,
      filledCenti: 1_000,
      proceedsMicros: 4_000_000,
      feeMicros: 80_000,
      atMs: afterMidnight,
    });
    const { bet } = await finishBet(ctx, {
      betId: 'oneleg',
      from: 'unwinding',
      to: 'unwound',
      payoutMicros: 0,
      nowMs: afterMidnight,
      runId: RUN,
      cooldownUntilMs: afterMidnight + 3_600_000,
    });
    const loss = 4_600_000 - 3_920_000;
    expect(bet.result).toMatchObject({
      spentMicros: 4_600_000,
      receivedMicros: 3_920_000,
      pnlMicros: -loss,
      lossMicros: loss,
      realisedDay: '2026-11-25',
    });
    expect(bet.unwinds.map((u) => u.clientOrderId)).toEqual(['oneleg-U0-A0']);
    expect(bet.cooldownUntilMs).toBe(afterMidnight + 3_600_000);

    const account = await getAccount(ctx, 'paper');
    expect(account?.balanceMicros).toBe(START - loss);
    expect(account?.days).toEqual({
      '2026-11-24': { trades: 1, lossMicros: 0, riskMicros: 0 },
      '2026-11-25': { trades: 0, lossMicros: loss, riskMicros: loss },
    });
    // The realised loss now uses the new day's budget: 680k + 600k worst case > 1M.
    const next = await admitTrade(ctx, {
      mode: 'paper',
      betId: 'next',
      costMicros: COST,
      worstCaseLossMicros: WORST_CASE_LOSS,
      limits: { maxDailyTrades: 10, dailyLossLimitMicros: 1_000_000 },
      nowMs: afterMidnight,
      runId: RUN,
    });
    expect(next).toMatchObject({ admitted: false, message: 'Daily loss limit reached' });
  });
});

describe('orphan reservations', () => {
  it('are released once, and the bet id can no longer be used to trade', async () => {
    const ctx = await fresh();
    // Admission happened, the bet item was never written (crash).
    await admitTrade(ctx, {
      mode: 'paper',
      betId: 'ghost',
      costMicros: COST,
      worstCaseLossMicros: WORST_CASE_LOSS,
      limits: ROOMY,
      nowMs: NOON,
      runId: RUN,
    });
    expect(await releaseOrphanIntent(ctx, 'paper', 'ghost', NOON + 60_000)).toBe('released');
    expect(await releaseOrphanIntent(ctx, 'paper', 'ghost', NOON + 60_000)).toBe('no-intent');
    expect(await getBet(ctx, 'ghost')).toMatchObject({ status: 'failed', ledger: 'applied', league: null });

    // The crashed writer comes back late: refused, and its new reservation is given back.
    const late = await admitBet(ctx, newBet('ghost'), ROOMY, NOON + 61_000, RUN);
    expect(late).toMatchObject({ admitted: false, code: 'DUPLICATE_BET' });
    const account = await getAccount(ctx, 'paper');
    expect(account?.balanceMicros).toBe(START);
    expect(account?.intents).toEqual({});
    expect(account?.days['2026-11-24']?.riskMicros).toBe(0);
  });

  it('are not released when admitBet is repeated identically (an SDK retry of the bet write)', async () => {
    const ctx = await fresh();
    expect((await admitBet(ctx, newBet('twice'), ROOMY, NOON, RUN)).admitted).toBe(true);
    expect((await admitBet(ctx, newBet('twice'), ROOMY, NOON, RUN)).admitted).toBe(true);
    const account = await getAccount(ctx, 'paper');
    expect(account?.balanceMicros).toBe(START - COST);
    expect(Object.keys(account?.intents ?? {})).toEqual(['twice']);
  });

  it('are left alone when the bet exists', async () => {
    const ctx = await fresh();
    await admitBet(ctx, newBet('real'), ROOMY, NOON, RUN);
    expect(await releaseOrphanIntent(ctx, 'paper', 'real', NOON + 60_000)).toBe('bet-exists');
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(START - COST);
  });
});
