import { ALLOWED_TRANSITIONS, BET_STATUSES, type BetStatus, isTerminal } from '../../../lib/core/bet';
import {
  admitBet,
  BetNotFound,
  BetStatusConflict,
  ensureAccount,
  finishBet,
  getBet,
  IllegalTransition,
  listActiveBets,
  listBets,
  listOpenBets,
  listStaleIntents,
  recordLegOrder,
  type StoreContext,
  transitionBet,
} from '../../../lib/store';
import { useDynalite } from '../../support/dynalite';
import { COST, NOON, newBet, ROOMY, RUN } from '../../support/store/bet-fixture';

const server = useDynalite();
let ctx: StoreContext;
let counter = 0;

beforeAll(async () => {
  ctx = await server().createTable();
  await ensureAccount(ctx, 'paper', 1_000 * COST);
});

/** The path from `admitted` to each status, through legal transitions only. */
const PATH: Record<BetStatus, BetStatus[]> = {
  admitted: [],
  placing: ['placing'],
  open: ['placing', 'open'],
  unwinding: ['placing', 'unwinding'],
  failed: ['failed'],
  unwound: ['placing', 'unwinding', 'unwound'],
  settled: ['placing', 'open', 'settled'],
};

async function move(betId: string, from: BetStatus, to: BetStatus, nowMs = NOON) {
  if (isTerminal(to)) return (await finishBet(ctx, { betId, from, to, payoutMicros: 0, nowMs, runId: RUN })).bet;
  return transitionBet(ctx, betId, from, to, { nowMs, runId: RUN });
}

async function betIn(status: BetStatus): Promise<string> {
  counter += 1;
  const id = `life-${counter}`;
  const admitted = await admitBet(ctx, newBet(id), ROOMY, NOON, RUN);
  expect(admitted.admitted).toBe(true);
  let at: BetStatus = 'admitted';
  for (const next of PATH[status]) {
    await move(id, at, next);
    at = next;
  }
  return id;
}

const legal = BET_STATUSES.flatMap((from) => ALLOWED_TRANSITIONS[from].map((to) => [from, to] as const));
const illegal = BET_STATUSES.flatMap((from) =>
  BET_STATUSES.filter((to) => !ALLOWED_TRANSITIONS[from].includes(to)).map((to) => [from, to] as const),
);

describe('bet lifecycle', () => {
  it('writes an admitted bet with deterministic client order ids', async () => {
    const id = await betIn('admitted');
    const bet = await getBet(ctx, id);
    expect(bet).toMatchObject({
      status: 'admitted',
      ledger: 'reserved',
      reservedMicros: COST,
      admittedDay: '2026-11-24',
    });
    expect(bet?.legs.map((l) => l.clientOrderId)).toEqual([`${id}-L0-A0`, `${id}-L1-A0`]);
    expect(bet?.statusTimes).toEqual({ admitted: NOON });
  });

  it.each(legal)('allows %s → %s', async (from, to) => {
    const id = await betIn(from);
    const bet = await move(id, from, to, NOON + 5);
    expect(bet.status).toBe(to);
    expect(bet.statusTimes[to]).toBe(NOON + 5);
    expect((await getBet(ctx, id))?.status).toBe(to);
  });

  it.each(BET_STATUSES)(
    'refuses every transition from %s that the table does not list, writing nothing',
    async (from) => {
      const id = await betIn(from);
      const before = await getBet(ctx, id);
      const refused = illegal.filter(([f]) => f === from).map(([, to]) => to);
      expect(refused.length).toBe(BET_STATUSES.length - ALLOWED_TRANSITIONS[from].length);
      for (const to of refused) {
        const attempt = isTerminal(to)
          ? finishBet(ctx, { betId: id, from, to, payoutMicros: 0, nowMs: NOON, runId: RUN })
          : transitionBet(ctx, id, from, to, { nowMs: NOON, runId: RUN });
        await expect(attempt).rejects.toBeInstanceOf(IllegalTransition);
      }
      expect(await getBet(ctx, id)).toEqual(before);
    },
  );

  it('refuses a legal transition when the bet is not in the expected status', async () => {
    const id = await betIn('open');
    const err = await transitionBet(ctx, id, 'placing', 'unwinding', { nowMs: NOON, runId: RUN }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BetStatusConflict);
    expect(err).toMatchObject({ expected: 'placing', actual: 'open' });
  });

  it('lets exactly one of many concurrent transitions from the same status win', async () => {
    const id = await betIn('placing');
    const targets: BetStatus[] = ['open', 'unwinding', 'open', 'unwinding', 'open', 'unwinding', 'open', 'unwinding'];
    const results = await Promise.allSettled(
      targets.map((to, i) => transitionBet(ctx, id, 'placing', to, { nowMs: NOON, runId: `racer-${i}` })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(BetStatusConflict);
    const winner = (won[0] as PromiseFulfilledResult<{ status: BetStatus }>).value.status;
    expect((await getBet(ctx, id))?.status).toBe(winner);
  });

  it('answers a repeat of its own committed transition (an SDK retry) with the bet', async () => {
    const id = await betIn('placing');
    await transitionBet(ctx, id, 'placing', 'open', { nowMs: NOON + 7, runId: RUN });
    expect((await transitionBet(ctx, id, 'placing', 'open', { nowMs: NOON + 7, runId: RUN })).status).toBe('open');
    await expect(transitionBet(ctx, id, 'placing', 'open', { nowMs: NOON + 8, runId: RUN })).rejects.toBeInstanceOf(
      BetStatusConflict,
    );
    await expect(
      transitionBet(ctx, id, 'placing', 'open', { nowMs: NOON + 7, runId: 'other-run' }),
    ).rejects.toBeInstanceOf(BetStatusConflict);
  });

  it('throws BetNotFound for an unknown bet', async () => {
    await expect(transitionBet(ctx, 'nope', 'admitted', 'placing', { nowMs: NOON, runId: RUN })).rejects.toBeInstanceOf(
      BetNotFound,
    );
  });
});

describe('recordLegOrder', () => {
  it('records venue order id, fills and fees, and never lets an older attempt overwrite a newer one', async () => {
    const id = await betIn('placing');
    const fill = {
      limitPriceMicros: 460_000,
      venueOrderId: 'k-1',
      filledCenti: 1_000,
      filledNotionalMicros: 4_600_000,
      filledFeeMicros: 90_000,
    };
    const bet = await recordLegOrder(ctx, id, 0, { attempt: 1, ...fill }, NOON + 1);
    expect(bet.legs[0]).toMatchObject({ ...fill, attempt: 1, clientOrderId: `${id}-L0-A1`, notionalMicros: 4_500_000 });
    await expect(recordLegOrder(ctx, id, 0, { attempt: 0, ...fill }, NOON + 2)).rejects.toThrow(
      /already has attempt 1/,
    );
    await expect(recordLegOrder(ctx, id, 5, { attempt: 0, ...fill }, NOON + 2)).rejects.toThrow(/no leg 5/);
  });

  it('refuses to record orders on a bet that is not placing or unwinding', async () => {
    const id = await betIn('open');
    const fill = {
      attempt: 0,
      limitPriceMicros: 1,
      venueOrderId: null,
      filledCenti: 0,
      filledNotionalMicros: 0,
      filledFeeMicros: 0,
    };
    await expect(recordLegOrder(ctx, id, 0, fill, NOON)).rejects.toBeInstanceOf(BetStatusConflict);
  });
});

describe('bet queries', () => {
  it('lists a mode newest first, page by page, and keeps modes apart', async () => {
    const table = await server().createTable();
    await ensureAccount(table, 'paper', 1_000 * COST);
    await ensureAccount(table, 'live', 1_000 * COST);
    for (let i = 0; i < 5; i += 1) await admitBet(table, newBet(`p-${i}`), ROOMY, NOON + i * 1000, RUN);
    await admitBet(table, newBet('l-0', 'live'), ROOMY, NOON, RUN);
    const first = await listBets(table, 'paper', { limit: 2 });
    const second = await listBets(table, 'paper', { limit: 2, cursor: first.nextCursor });
    const third = await listBets(table, 'paper', { limit: 2, cursor: second.nextCursor });
    expect([...first.bets, ...second.bets, ...third.bets].map((b) => b.id)).toEqual([
      'p-4',
      'p-3',
      'p-2',
      'p-1',
      'p-0',
    ]);
    expect((await listBets(table, 'live', { limit: 10 })).bets.map((b) => b.id)).toEqual(['l-0']);
    await expect(listBets(table, 'paper', { limit: 2, cursor: 'garbage' })).rejects.toThrow('invalid cursor');
  });

  it('lists open bets for settlement and drops bets once finished', async () => {
    const table = await server().createTable();
    await ensureAccount(table, 'paper', 1_000 * COST);
    for (const id of ['a', 'b', 'c']) {
      await admitBet(table, newBet(id), ROOMY, NOON, RUN);
      await transitionBet(table, id, 'admitted', 'placing', { nowMs: NOON, runId: RUN });
    }
    await transitionBet(table, 'a', 'placing', 'open', { nowMs: NOON, runId: RUN });
    await transitionBet(table, 'b', 'placing', 'open', { nowMs: NOON, runId: RUN });
    expect((await listOpenBets(table, 'paper')).map((b) => b.id).sort()).toEqual(['a', 'b']);
    await finishBet(table, { betId: 'a', from: 'open', to: 'settled', payoutMicros: 0, nowMs: NOON, runId: RUN });
    expect((await listOpenBets(table, 'paper')).map((b) => b.id)).toEqual(['b']);
    expect((await listActiveBets(table, 'paper')).map((b) => `${b.id}:${b.status}`).sort()).toEqual([
      'b:open',
      'c:placing',
    ]);
  });

  it('lists reservations older than a cutoff as stale intents, oldest first', async () => {
    const table = await server().createTable();
    await ensureAccount(table, 'paper', 1_000 * COST);
    await admitBet(table, newBet('old-2'), ROOMY, NOON - 2_000, RUN);
    await admitBet(table, newBet('old-1'), ROOMY, NOON - 1_000, RUN);
    await admitBet(table, newBet('fresh'), ROOMY, NOON, RUN);
    const stale = await listStaleIntents(table, 'paper', NOON - 500);
    expect(stale.map((s) => s.betId)).toEqual(['old-2', 'old-1']);
    expect(stale[0]).toMatchObject({ costMicros: COST, day: '2026-11-24', atMs: NOON - 2_000 });
  });
});
