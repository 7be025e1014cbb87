/**
 * settleByHand against a real store (dynalite): an open bet the settlement job left open over a
 * disagreement is settled by hand exactly as an automatic settlement with the same leg payouts
 * would be (same result, same balance, reservation released), once; every refusal changes nothing.
 */
import type { BetRecord } from '../../../lib/core/bet';
import { instrumentKey, type Resolution } from '../../../lib/core/market';
import {
  HandSettlementRefused,
  legMaximumsMicros,
  type Redeemer,
  SETTLE_BY_HAND_RUN,
  settle,
  settleByHand,
} from '../../../lib/engine';
import {
  type ApiWorld,
  apiWorld,
  COST,
  failedBet,
  INITIAL,
  K_YES,
  NOON,
  newBet,
  openBet,
  PAYOUT,
  PM_BOS,
} from '../../support/api/api-fixture';
import { useDynalite } from '../../support/dynalite';

const db = useDynalite();
const K = instrumentKey(K_YES);
const PM = instrumentKey(PM_BOS);
const SETTLE_AT = NOON + 3_600_000;

const won = (payoutMicros: Record<string, number>): Resolution => ({ state: 'final', kind: 'won', payoutMicros });

/** Both venues answer their final result for every instrument. */
function resolveWith(w: ApiWorld, kalshi: Resolution, polymarket: Resolution): void {
  w.venues.kalshi.getResolution = async () => kalshi;
  w.venues.polymarket.getResolution = async () => polymarket;
}

const CONDITION = `0x${'ab'.repeat(32)}`;

/** As the fixture's openBet, with the Polymarket leg on condition `conditionId` (10 shares filled each). */
async function openBetOn(w: ApiWorld, id: string, conditionId: string): Promise<void> {
  const planned = newBet(id, 'paper');
  const legs = planned.legs.map((l) =>
    l.instrument.venue === 'polymarket' ? { ...l, instrument: { ...l.instrument, conditionId } } : l,
  );
  const limits = { maxDailyTrades: 1_000, dailyLossLimitMicros: 1_000_000_000 };
  expect((await w.store.admitBet({ ...planned, legs }, limits, NOON, 'run-test')).admitted).toBe(true);
  await w.store.transitionBet(id, 'admitted', 'placing', { nowMs: NOON, runId: 'run-test' });
  for (const [i, l] of legs.entries())
    await w.store.recordLegOrder(
      id,
      i,
      {
        attempt: 0,
        limitPriceMicros: l.limitPriceMicros,
        venueOrderId: `v-${i}`,
        filledCenti: l.sizeCenti,
        filledNotionalMicros: l.notionalMicros,
        filledFeeMicros: l.feeMicros,
      },
      NOON,
    );
  await w.store.transitionBet(id, 'placing', 'open', { nowMs: NOON, runId: 'run-test' });
}

async function snapshot(w: ApiWorld, id: string) {
  const account = (await w.store.getAccount('paper'))!;
  return { bet: (await w.store.getBet(id))!, account };
}

async function refusal(p: Promise<unknown>): Promise<HandSettlementRefused> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HandSettlementRefused) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('settleByHand', () => {
  it('settles a bet left open over a disagreement: credited once, reservation released, note and notice', async () => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    // Kalshi pays the YES leg, Polymarket voids: the job leaves the bet open and alerts.
    resolveWith(w, won({ [K]: 1_000_000 }), { state: 'final', kind: 'void', payoutMicros: { [PM]: 500_000 } });
    w.clock.set(SETTLE_AT);
    const report = await settle(w.deps.engine, w.deps.state, 'settle-1');
    expect(report.bets.map((b) => b.state)).toEqual(['disagreement']);
    const alert = w.notifier.sent.find((n) => n.severity === 'critical')!;
    expect(alert.text).toContain('npx polymix settle-by-hand b1');
    expect(alert.text).toContain('docs/api.md#settle-by-hand');
    const before = await snapshot(w, 'b1');
    expect(before.bet.status).toBe('open');
    expect(before.account.intents.b1).toBeDefined();

    // What the venues actually paid: $10 on Kalshi, $5 on the voided Polymarket leg.
    const out = await settleByHand(w.deps.engine, {
      betId: 'b1',
      legPayoutsMicros: [10_000_000, 5_000_000],
      note: '  ops: Kalshi paid YES, Polymarket voided; both checked on the venues  ',
    });
    const after = await snapshot(w, 'b1');
    expect(out.payoutMicros).toBe(15_000_000);
    expect(out.pnlMicros).toBe(15_000_000 - COST);
    expect(after.bet.status).toBe('settled');
    expect(after.bet.ledger).toBe('applied');
    expect(after.bet.statusBy.settled).toBe(SETTLE_BY_HAND_RUN);
    expect(after.bet.note).toBe('settled by hand: ops: Kalshi paid YES, Polymarket voided; both checked on the venues');
    expect(after.bet.result).toMatchObject({
      spentMicros: COST,
      payoutMicros: 15_000_000,
      legPayoutsMicros: [10_000_000, 5_000_000],
      pnlMicros: 15_000_000 - COST,
    });
    // The reservation is released and the balance gets reserved − spent + payout, exactly.
    expect(after.account.intents.b1).toBeUndefined();
    expect(after.account.balanceMicros - before.account.balanceMicros).toBe(
      before.bet.reservedMicros - COST + 15_000_000,
    );
    expect(after.account.balanceMicros).toBe(INITIAL - COST + 15_000_000);
    const notice = w.notifier.sent.at(-1)!;
    expect(notice.subject).toContain('Settled: Lakers vs. Celtics');
    expect(notice.text).toContain('settled by hand');

    // The job never touches it again; a second hand call is refused and changes nothing.
    expect((await settle(w.deps.engine, w.deps.state, 'settle-2')).bets).toEqual([]);
    const sentBefore = w.notifier.sent.length;
    const again = await refusal(
      settleByHand(w.deps.engine, { betId: 'b1', legPayoutsMicros: [0, 0], note: 'second try' }),
    );
    expect(again.reason).toBe('not-open');
    expect(again.message).toContain('is settled');
    expect(await snapshot(w, 'b1')).toEqual(after);
    expect(w.notifier.sent).toHaveLength(sentBefore);
  });

  it('books exactly what an automatic settlement with the same leg payouts books', async () => {
    const auto = await apiWorld(db());
    const hand = await apiWorld(db());
    for (const w of [auto, hand]) await openBet(w, 'b1', NOON);
    resolveWith(auto, won({ [K]: 1_000_000 }), won({ [PM]: 0 }));
    auto.clock.set(SETTLE_AT);
    hand.clock.set(SETTLE_AT);
    const report = await settle(auto.deps.engine, auto.deps.state, 'settle-1');
    expect(report.bets).toEqual([{ betId: 'b1', state: 'settled', pnlMicros: PAYOUT - COST, credited: true }]);
    await settleByHand(hand.deps.engine, {
      betId: 'b1',
      legPayoutsMicros: [PAYOUT, 0],
      note: 'ops: same as the venues',
    });
    const a = await snapshot(auto, 'b1');
    const h = await snapshot(hand, 'b1');
    expect(h.bet.result).toEqual(a.bet.result);
    expect(h.bet.result?.legPayoutsMicros).toEqual([PAYOUT, 0]);
    expect(h.account).toEqual(a.account);
    expect({ ...h.bet, note: null, statusBy: {} }).toEqual({ ...a.bet, note: null, statusBy: {} });
  });

  it('notes the redemption of a Polymarket leg that paid, as settlement does; none for a leg paid 0', async () => {
    for (const [payouts, expected] of [
      [[0, 10_000_000], 10_000_000],
      [[10_000_000, 0], null],
    ] as const) {
      const w = await apiWorld(db());
      const holder = '0x00000000000000000000000000000000000000aa';
      const redeemer = { holder, walletKind: 'eoa' } as unknown as Redeemer;
      const engine = { ...w.deps.engine, redemption: { redeemer, store: w.store } };
      await openBetOn(w, 'b1', CONDITION);
      await settleByHand(engine, { betId: 'b1', legPayoutsMicros: [...payouts], note: 'ops: checked' });
      const rec = await w.store.getRedemption('paper', holder, CONDITION);
      expect(rec?.bets.b1 ?? null).toBe(expected);
    }
  });

  it('refuses a leg payout above what the leg can pay, naming the leg and its maximum; nothing changes', async () => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const before = await snapshot(w, 'b1');
    expect(legMaximumsMicros(before.bet)).toEqual([10_000_000, 10_000_000]);
    const err = await refusal(
      settleByHand(w.deps.engine, { betId: 'b1', legPayoutsMicros: [10_000_001, 0], note: 'ops' }),
    );
    expect(err.reason).toBe('bad-input');
    expect(err.message).toContain('leg 0 (Kalshi KXNBAGAME-26NOV24LALBOS-LAL YES)');
    expect(err.message).toContain('$10.000000');
    expect(await snapshot(w, 'b1')).toEqual(before);
  });

  it.each([
    ['a negative payout', [-1, 0], 'ops', 'whole number of micros ≥ 0'],
    ['a fractional micro', [0.5, 0], 'ops', 'whole number of micros ≥ 0'],
    ['an unsafe integer', [2 ** 53, 0], 'ops', 'whole number of micros ≥ 0'],
    ['one payout for two legs', [0], 'ops', 'give one payout per leg, got 1'],
    ['three payouts for two legs', [0, 0, 0], 'ops', 'give one payout per leg, got 3'],
    ['a missing note', [0, 0], '', 'a note (who settles and why) is required'],
    ['a blank note', [0, 0], '   ', 'a note (who settles and why) is required'],
    ['a note over 500 characters', [0, 0], 'x'.repeat(501), 'at most 500'],
  ])('refuses %s; nothing changes', async (_name, payouts, note, text) => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const before = await snapshot(w, 'b1');
    const err = await refusal(settleByHand(w.deps.engine, { betId: 'b1', legPayoutsMicros: payouts, note }));
    expect(err.reason).toBe('bad-input');
    expect(err.message).toContain(text);
    expect(await snapshot(w, 'b1')).toEqual(before);
    expect(w.notifier.sent).toEqual([]);
  });

  it('accepts a note of exactly 500 characters and a zero payout (both legs lost)', async () => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const out = await settleByHand(w.deps.engine, { betId: 'b1', legPayoutsMicros: [0, 0], note: 'y'.repeat(500) });
    expect(out.bet.status).toBe('settled');
    expect(out.pnlMicros).toBe(-COST);
    expect((await w.store.getAccount('paper'))!.balanceMicros).toBe(INITIAL - COST);
  });

  it('refuses a bet that is not open, naming its status, an unknown bet, and a bet of the other mode', async () => {
    const w = await apiWorld(db());
    await failedBet(w, 'f1', NOON);
    const before = await snapshot(w, 'f1');
    const failed = await refusal(settleByHand(w.deps.engine, { betId: 'f1', legPayoutsMicros: [0, 0], note: 'ops' }));
    expect(failed.reason).toBe('not-open');
    expect(failed.message).toBe('bet f1 is failed: only an open bet can be settled by hand');
    expect(await snapshot(w, 'f1')).toEqual(before);

    const missing = await refusal(
      settleByHand(w.deps.engine, { betId: 'nope', legPayoutsMicros: [0, 0], note: 'ops' }),
    );
    expect(missing.reason).toBe('not-found');

    await openBet(w, 'b1', NOON);
    const live = { ...w.deps.engine, mode: 'live' as const };
    const other = await refusal(settleByHand(live, { betId: 'b1', legPayoutsMicros: [0, 0], note: 'ops' }));
    expect(other.reason).toBe('wrong-mode');
    expect(((await w.store.getBet('b1')) as BetRecord).status).toBe('open');
  });

  it('keeps a note the bet already had, before the hand note', async () => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const bet = (await w.store.getBet('b1'))!;
    const withNote = { ...w.deps.engine.store, getBet: async () => ({ ...bet, note: 'unwind gave up' }) };
    const out = await settleByHand(
      { ...w.deps.engine, store: withNote as typeof w.deps.engine.store },
      { betId: 'b1', legPayoutsMicros: [0, 0], note: 'ops' },
    );
    expect(out.bet.note).toBe('unwind gave up | settled by hand: ops');
  });
});
