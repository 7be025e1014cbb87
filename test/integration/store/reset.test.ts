import {
  admitBet,
  ensureAccount,
  finishBet,
  getAccount,
  getBet,
  listBets,
  ResetRefused,
  resetPaperAccount,
  type StoreContext,
  setHalted,
  transitionBet,
} from '../../../lib/store';
import { useDynalite } from '../../support/dynalite';
import { COST, NOON, newBet, ROOMY, RUN } from '../../support/store/bet-fixture';

const server = useDynalite();
const START = 100_000_000;

async function fresh(): Promise<StoreContext> {
  const ctx = await server().createTable();
  await ensureAccount(ctx, 'paper', START);
  await ensureAccount(ctx, 'live', START);
  return ctx;
}

/** Admitted then failed before any fill: the reservation comes back, the bet is finished. */
async function failedBet(ctx: StoreContext, id: string, mode: 'paper' | 'live' = 'paper') {
  expect((await admitBet(ctx, newBet(id, mode), ROOMY, NOON, RUN)).admitted).toBe(true);
  await finishBet(ctx, { betId: id, from: 'admitted', to: 'failed', payoutMicros: 0, nowMs: NOON, runId: RUN });
}

describe('resetPaperAccount', () => {
  it('restores the initial balance, clears counters and the kill switch, and deletes finished paper bets', async () => {
    const ctx = await fresh();
    await failedBet(ctx, 'p1');
    await failedBet(ctx, 'p2');
    await setHalted(ctx, 'paper', true, 'operator', NOON);
    expect((await getAccount(ctx, 'paper'))?.days['2026-11-24']?.trades).toBe(2);

    const out = await resetPaperAccount(ctx, 'paper');

    expect(out).toEqual({ balanceMicros: START, deletedBets: 2 });
    const account = await getAccount(ctx, 'paper');
    expect(account).toMatchObject({ balanceMicros: START, halted: false, haltReason: null, intents: {} });
    expect(account?.days).toEqual({});
    expect(await getBet(ctx, 'p1')).toBeNull();
    expect((await listBets(ctx, 'paper', { limit: 10 })).bets).toEqual([]);
  });

  it('never deletes live history', async () => {
    const ctx = await fresh();
    await failedBet(ctx, 'l1', 'live');
    await expect(resetPaperAccount(ctx, 'live')).rejects.toThrow(/Live history is never deleted/);
    expect(await getBet(ctx, 'l1')).not.toBeNull();
  });

  it('refuses while a trade is in flight and changes nothing', async () => {
    const ctx = await fresh();
    expect((await admitBet(ctx, newBet('busy'), ROOMY, NOON, RUN)).admitted).toBe(true);
    await transitionBet(ctx, 'busy', 'admitted', 'placing', { nowMs: NOON, runId: RUN });
    const err = await resetPaperAccount(ctx, 'paper').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResetRefused);
    expect((err as Error).message).toMatch(/1 bet\(s\) not finished \(in flight, or open until the game settles\)/);
    expect((await getAccount(ctx, 'paper'))?.balanceMicros).toBe(START - COST);
    expect(await getBet(ctx, 'busy')).not.toBeNull();
  });
});
