import { generateKeyPairSync } from 'node:crypto';
import { ManualClock } from '../../../local/sim/clock';
import type { KalshiSimEventSpec } from '../../../local/sim/control';
import { KalshiSimError } from '../../../local/sim/kalshi/errors';
import { cancelOrder, type OrderInput, placeOrder } from '../../../local/sim/kalshi/exchange';
import { FeeAccumulator, tradeFeeMicros } from '../../../local/sim/kalshi/fees';
import { KalshiSimState } from '../../../local/sim/kalshi/state';

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const T0 = Date.UTC(2026, 10, 25, 23, 0, 0);
const EVENT: KalshiSimEventSpec = {
  league: 'NBA',
  seriesTicker: 'KXNBAGAME',
  eventTicker: 'KXNBAGAME-26NOV25LALBOS',
  title: 'Los Angeles L at Boston Winner?',
  gameStartMs: T0,
  expectedExpirationMs: T0 + 3 * 3_600_000,
  markets: [
    { ticker: 'KXNBAGAME-26NOV25LALBOS-LAL', yesSubTitle: 'Los Angeles L', tickMicros: 10_000 },
    { ticker: 'KXNBAGAME-26NOV25LALBOS-BOS', yesSubTitle: 'Boston', tickMicros: 10_000 },
  ],
};
const LAL = 'KXNBAGAME-26NOV25LALBOS-LAL';

function setup(balanceMicros = 100_000_000) {
  const clock = new ManualClock(T0);
  const state = new KalshiSimState(clock);
  state.addEvent(EVENT);
  const account = state.registerAccount({ keyId: 'key-1', publicKeyPem: PEM, balanceMicros });
  state.setBook(LAL, {
    yesBids: [
      { priceMicros: 400_000, sizeCenti: 800 },
      { priceMicros: 390_000, sizeCenti: 5_000 },
    ],
    noBids: [
      { priceMicros: 550_000, sizeCenti: 1_000 },
      { priceMicros: 540_000, sizeCenti: 2_000 },
    ],
  });
  return { clock, state, account };
}

const order = (o: Partial<OrderInput>): OrderInput => ({
  ticker: LAL,
  bookSide: 'bid',
  yesPriceMicros: 460_000,
  countCenti: 1_500,
  tif: 'fill_or_kill',
  selfTradePrevention: 'taker_at_cross',
  ...o,
});

function rejection(fn: () => unknown): KalshiSimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KalshiSimError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('Kalshi simulator fees (docs/venues-kalshi.md#k5)', () => {
  const standard = { feeType: 'quadratic_with_maker_fees', multiplierPpm: 1_000_000 } as const;
  it('charges 0.07·C·P·(1−P) rounded up to $0.0001', () => {
    expect(tradeFeeMicros('taker', 500_000, 10_000, standard)).toBe(1_750_000); // 100 @ 0.50 → $1.75
    expect(tradeFeeMicros('taker', 330_000, 100, standard)).toBe(15_500); // 0.0154770 → 0.0155
    expect(tradeFeeMicros('taker', 55_000, 100, standard)).toBe(3_700); // 0.00363825 → 0.0037
  });
  it('scales by the series multiplier and knows maker rates per fee type', () => {
    expect(tradeFeeMicros('taker', 500_000, 10_000, { ...standard, multiplierPpm: 500_000 })).toBe(875_000);
    expect(tradeFeeMicros('maker', 500_000, 10_000, standard)).toBe(437_500);
    expect(tradeFeeMicros('maker', 500_000, 10_000, { feeType: 'quadratic', multiplierPpm: 1_000_000 })).toBe(0);
  });
  it('makes split fills cost what one fill costs: rounding fees accumulate and refund whole cents', () => {
    const acc = new FeeAccumulator(10_000);
    // Docs' example: 1-lot fills at $0.055, trade fee 0.0037 each → −$0.06 each.
    const moves = Array.from({ length: 8 }, () => acc.settleFill(-55_000, 3_700).balanceDeltaMicros);
    expect(moves.slice(0, 7)).toEqual(Array(7).fill(-60_000));
    expect(moves[7]).toBe(-50_000); // the 8th fill brings the accumulator to ≥ $0.01: one cent back
    // One fill of 8 at $0.055: cost 0.44 + fee 0.0292 → −$0.47, same as the 8 split fills.
    const single = new FeeAccumulator(10_000).settleFill(-440_000, tradeFeeMicros('taker', 55_000, 800, standard));
    expect(single.balanceDeltaMicros).toBe(moves.reduce((a, b) => a + b, 0));
  });
});

describe('Kalshi simulator order execution', () => {
  it('walks the YES asks (1 − NO bids) level by level for a bid and charges the fee per fill', () => {
    const { state, account } = setup();
    const o = placeOrder(state, account, order({}));
    expect(o.status).toBe('executed');
    expect(o.fillCenti).toBe(1_500);
    // 10 @ 0.45 + 5 @ 0.46 = 6.80; fees: 0.1733 → $0.18 and 0.0870 → $0.09 with cent rounding.
    expect(o.takerFillCostMicros).toBe(6_800_000);
    expect(o.takerFeesMicros).toBe(270_000);
    expect(account.balanceMicros).toBe(100_000_000 - 7_070_000);
    expect(state.positions('key-1')).toEqual([{ ticker: LAL, positionCenti: 1_500 }]);
    expect(account.fills.map((f) => [f.yesPriceMicros, f.countCenti, f.feeMicros])).toEqual([
      [450_000, 1_000, 180_000],
      [460_000, 500, 90_000],
    ]);
    expect(state.market(LAL).noBids).toEqual([{ priceMicros: 540_000, sizeCenti: 1_500 }]);
  });

  it('an ask buys NO at 1 − price against the YES bids; IOC cancels what it cannot fill', () => {
    const { state, account } = setup();
    const o = placeOrder(
      state,
      account,
      order({ bookSide: 'ask', yesPriceMicros: 400_000, countCenti: 1_000, tif: 'immediate_or_cancel' }),
    );
    expect(o.status).toBe('canceled');
    expect(o.fillCenti).toBe(800);
    expect(o.remainingCenti).toBe(0);
    expect(o.takerFillCostMicros).toBe(4_800_000); // 8 NO @ 0.60
    expect(o.takerFeesMicros).toBe(140_000); // 0.1344 + rounding → $0.14
    expect(state.positions('key-1')).toEqual([{ ticker: LAL, positionCenti: -800 }]);
    expect(state.market(LAL).yesBids[0]).toEqual({ priceMicros: 390_000, sizeCenti: 5_000 });
  });

  it('kills a FOK that cannot fill completely and changes nothing', () => {
    const { state, account } = setup();
    const e = rejection(() => placeOrder(state, account, order({ countCenti: 3_100 })));
    expect([e.status, e.code]).toEqual([409, 'fill_or_kill_insufficient_resting_volume']);
    expect(account.balanceMicros).toBe(100_000_000);
    expect(account.orders).toHaveLength(0);
    expect(state.market(LAL).noBids[0]?.sizeCenti).toBe(1_000);
  });

  it('rejects an order the balance cannot pay for, fees included', () => {
    const { state, account } = setup(6_800_000); // exactly the notional, not the fees
    const e = rejection(() => placeOrder(state, account, order({})));
    expect([e.status, e.code]).toEqual([400, 'insufficient_balance']);
    expect(account.balanceMicros).toBe(6_800_000);
    expect(account.orders).toHaveLength(0);
  });

  it('nets a NO buy against held YES: pairs redeem at $1, no cash needed', () => {
    const { state, account } = setup();
    placeOrder(state, account, order({ countCenti: 800, yesPriceMicros: 450_000 }));
    const before = account.balanceMicros;
    account.balanceMicros = 0;
    placeOrder(state, account, order({ bookSide: 'ask', yesPriceMicros: 400_000, countCenti: 800 }));
    // Sold 8 YES at 0.40: +3.20 − fee 0.1344 → floor to the cent: +3.06.
    expect(account.balanceMicros).toBe(3_060_000);
    expect(state.positions('key-1')).toEqual([]);
    expect(before).toBeGreaterThan(0);
  });

  it('caps a reduce-only order at the position it reduces, and trades nothing without one (docs/venues-kalshi.md#k4-reduce-only)', () => {
    const { state, account } = setup();
    placeOrder(state, account, order({ countCenti: 500, yesPriceMicros: 450_000 }));
    expect(state.positions('key-1')).toEqual([{ ticker: LAL, positionCenti: 500 }]);
    // Sell 8 YES holding 5: only 5 trade; the position ends flat, never NO.
    const capped = placeOrder(
      state,
      account,
      order({
        bookSide: 'ask',
        yesPriceMicros: 390_000,
        countCenti: 800,
        tif: 'immediate_or_cancel',
        reduceOnly: true,
      }),
    );
    expect([capped.fillCenti, capped.status]).toEqual([500, 'executed']);
    expect(state.positions('key-1')).toEqual([]);
    // The same sell again: nothing left to reduce, so nothing trades and no NO position opens.
    const balance = account.balanceMicros;
    const again = placeOrder(
      state,
      account,
      order({ bookSide: 'ask', yesPriceMicros: 390_000, countCenti: 800, tif: 'fill_or_kill', reduceOnly: true }),
    );
    expect([again.fillCenti, again.remainingCenti, again.status]).toEqual([0, 0, 'canceled']);
    expect(state.positions('key-1')).toEqual([]);
    expect(account.balanceMicros).toBe(balance);
    // Without reduce_only the same ask opens NO: that is what the flag is for.
    placeOrder(state, account, order({ bookSide: 'ask', yesPriceMicros: 390_000, countCenti: 100 }));
    expect(state.positions('key-1')).toEqual([{ ticker: LAL, positionCenti: -100 }]);
    // A reduce-only bid (sell NO) reduces NO; a reduce-only ask on a NO holding would increase it: capped at 0.
    const wrongWay = placeOrder(
      state,
      account,
      order({ bookSide: 'ask', yesPriceMicros: 390_000, countCenti: 100, reduceOnly: true }),
    );
    expect(wrongWay.fillCenti).toBe(0);
    const closing = placeOrder(
      state,
      account,
      order({
        bookSide: 'bid',
        yesPriceMicros: 460_000,
        countCenti: 300,
        tif: 'immediate_or_cancel',
        reduceOnly: true,
      }),
    );
    expect(closing.fillCenti).toBe(100);
    expect(state.positions('key-1')).toEqual([]);
  });

  it('takes fractional counts only on a fractional market (docs/venues-kalshi.md#k1-fractional)', () => {
    const { state, account } = setup();
    const e = rejection(() => placeOrder(state, account, order({ countCenti: 150, tif: 'immediate_or_cancel' })));
    expect([e.status, e.code]).toEqual([400, 'bad_request']);
    state.addEvent({
      ...EVENT,
      eventTicker: 'KXNBAGAME-26NOV25NYKMIA',
      markets: [
        { ticker: 'KXNBAGAME-26NOV25NYKMIA-NYK', yesSubTitle: 'New York', tickMicros: 10_000, fractional: true },
      ],
    });
    state.setBook('KXNBAGAME-26NOV25NYKMIA-NYK', { yesBids: [], noBids: [{ priceMicros: 550_000, sizeCenti: 1_000 }] });
    const o = placeOrder(state, account, order({ ticker: 'KXNBAGAME-26NOV25NYKMIA-NYK', countCenti: 150 }));
    expect(o.fillCenti).toBe(150);
  });

  it('refuses a reused client_order_id, but a killed FOK does not use it up', () => {
    const { state, account } = setup();
    rejection(() => placeOrder(state, account, order({ clientOrderId: 'abc', countCenti: 99_999 })));
    placeOrder(state, account, order({ clientOrderId: 'abc', countCenti: 100 }));
    const e = rejection(() => placeOrder(state, account, order({ clientOrderId: 'abc', countCenti: 100 })));
    expect([e.status, e.code]).toEqual([409, 'order_already_exists']);
  });

  it('rests a GTC remainder, and cancelling reduces it', () => {
    const { state, account } = setup();
    const o = placeOrder(
      state,
      account,
      order({ tif: 'good_till_canceled', yesPriceMicros: 450_000, countCenti: 1_200 }),
    );
    expect([o.status, o.fillCenti, o.remainingCenti]).toEqual(['resting', 1_000, 200]);
    expect(cancelOrder(state, o)).toBe(200);
    expect([o.status, o.remainingCenti]).toEqual(['canceled', 0]);
    expect(cancelOrder(state, o)).toBe(0);
  });

  it('caps an IOC at the partial-fill ratio fault', () => {
    const { state, account } = setup();
    const o = placeOrder(state, account, order({ tif: 'immediate_or_cancel', countCenti: 1_000 }), { fillRatio: 0.25 });
    expect(o.fillCenti).toBe(250);
  });

  it('rejects orders off tick, on closed markets and books that are crossed or off tick', () => {
    const { state, account } = setup();
    expect(rejection(() => placeOrder(state, account, order({ yesPriceMicros: 455_000 }))).status).toBe(400);
    expect(() =>
      state.setBook(LAL, {
        yesBids: [{ priceMicros: 500_000, sizeCenti: 1 }],
        noBids: [{ priceMicros: 500_000, sizeCenti: 1 }],
      }),
    ).toThrow(/crossed/);
    expect(() => state.setBook(LAL, { yesBids: [{ priceMicros: 505_000, sizeCenti: 1 }], noBids: [] })).toThrow(/tick/);
    state.closeMarket(LAL);
    expect(rejection(() => placeOrder(state, account, order({}))).code).toBe('market_closed');
  });
});

describe('Kalshi simulator settlement', () => {
  it('pays YES holders $1 on yes and records the settlement', () => {
    const { state, account } = setup();
    placeOrder(state, account, order({}));
    const before = account.balanceMicros;
    state.settle(LAL, 'yes');
    expect(account.balanceMicros).toBe(before + 15_000_000);
    expect(state.positions('key-1')).toEqual([]);
    expect(account.settlements[0]).toMatchObject({
      result: 'yes',
      yesCountCenti: 1_500,
      yesCostMicros: 6_800_000,
      revenueMicros: 15_000_000,
    });
    expect(state.market(LAL)).toMatchObject({ status: 'finalized', result: 'yes', settlementValueMicros: 1_000_000 });
  });

  it('pays NO holders on no, and both sides their share of a void/tie settlement value', () => {
    const { state, account } = setup();
    placeOrder(state, account, order({ bookSide: 'ask', yesPriceMicros: 400_000, countCenti: 800 }));
    const before = account.balanceMicros;
    state.settle(LAL, { voidValueMicros: 500_000 });
    expect(account.balanceMicros).toBe(before + 4_000_000); // 8 NO × $0.50
    expect(account.settlements[0]).toMatchObject({ result: 'scalar', noCountCenti: 800, valueMicros: 500_000 });
    expect(() => state.settle(LAL, 'no')).toThrow(/already settled/);
  });
});
