/**
 * The simulated Polymarket US in process: its order entry, matching, fees, positions, settlement
 * and request auth, each against the rule it cites (docs/venues-polymarket-us.md).
 */
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { polymarketUsOrderFees } from '../../../lib/core/fees';
import { ManualClock } from '../../../local/sim/clock';
import { PolymarketUsSimState, pmusAuthHeaders } from '../../../local/sim/polymarket-us';
import { authenticate } from '../../../local/sim/polymarket-us/auth';
import type { PolymarketUsSimError } from '../../../local/sim/polymarket-us/errors';
import { placeOrder, readOrderRequest } from '../../../local/sim/polymarket-us/exchange';
import { OrderFees } from '../../../local/sim/polymarket-us/fees';

const SLUG = 'aec-nba-lal-bos-2026-11-25';
const KEY_ID = '7f1c2a9e-4b3d-4e5f-8a6b-0c1d2e3f4a5b';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { secret: Buffer.concat([seed, pub]).toString('base64'), pub: pub.toString('base64') };
}

function world(buyingPowerMicros = 100_000_000) {
  const clock = new ManualClock(Date.parse('2026-11-25T22:00:00Z'));
  const state = new PolymarketUsSimState(clock);
  state.addMarket({
    league: 'NBA',
    slug: SLUG,
    title: 'Lakers vs. Celtics',
    gameStartMs: clock.now() + 3_600_000,
    long: { name: 'Lakers', abbreviation: 'LAL' },
    short: { name: 'Celtics', abbreviation: 'BOS' },
  });
  state.setBook(SLUG, {
    bids: [{ priceMicros: 440_000, sizeCenti: 5_000 }],
    offers: [
      { priceMicros: 460_000, sizeCenti: 3_000 },
      { priceMicros: 470_000, sizeCenti: 3_000 },
    ],
  });
  const key = keyPair();
  const account = state.registerAccount({ keyId: KEY_ID, publicKeyBase64: key.pub, buyingPowerMicros });
  return { clock, state, account, key };
}

const order = (fields: Record<string, unknown>) =>
  readOrderRequest({
    marketSlug: SLUG,
    intent: 'ORDER_INTENT_BUY_LONG',
    type: 'ORDER_TYPE_LIMIT',
    price: { value: '0.47', currency: 'USD' },
    quantity: 10,
    tif: 'TIME_IN_FORCE_FILL_OR_KILL',
    ...fields,
  });

describe('fees (docs/venues-polymarket-us.md#u-fees), written apart from lib/core/fees.ts', () => {
  it('agree with the core on any order’s fills', () => {
    const fill = fc.record({
      price: fc.integer({ min: 1, max: 99 }).map((c) => c * 10_000),
      count: fc.integer({ min: 1, max: 200_000 }),
    });
    fc.assert(
      fc.property(fc.array(fill, { minLength: 1, maxLength: 6 }), (fills) => {
        const sim = new OrderFees(69_500);
        expect(fills.map((f) => sim.next(f.price, f.count))).toEqual(polymarketUsOrderFees(fills));
      }),
    );
  });
});

describe('order entry (docs/venues-polymarket-us.md#u-orders)', () => {
  it('the gateway refuses what it cannot read with 400; outcomeSide + action wins over intent', () => {
    const bad = (fields: Record<string, unknown>) => {
      try {
        order(fields);
      } catch (e) {
        return (e as PolymarketUsSimError).status;
      }
      return 200;
    };
    expect(bad({ marketSlug: '' })).toBe(400);
    expect(bad({ intent: 'ORDER_INTENT_HEDGE' })).toBe(400);
    expect(bad({ price: undefined })).toBe(400);
    expect(bad({ price: { value: '0.47', currency: 'EUR' } })).toBe(400);
    expect(bad({ quantity: -1 })).toBe(400);
    expect(bad({ tif: 'TIME_IN_FORCE_FOREVER' })).toBe(400);
    expect(bad({ outcomeSide: 'OUTCOME_SIDE_NO' })).toBe(400);
    expect(order({ outcomeSide: 'OUTCOME_SIDE_NO', action: 'ORDER_ACTION_BUY' }).intent).toBe('ORDER_INTENT_BUY_SHORT');
  });

  it.each([
    ['an unknown market', { marketSlug: 'aec-nba-xxx-yyy-2026-11-25' }, 'ORD_REJECT_REASON_UNKNOWN_MARKET'],
    ['a price over 0.99', { price: { value: '0.995', currency: 'USD' } }, 'ORD_REJECT_REASON_PRICE_OUT_OF_BOUNDS'],
    [
      'a price off the tick',
      { price: { value: '0.465', currency: 'USD' } },
      'ORD_REJECT_REASON_INVALID_PRICE_INCREMENT',
    ],
    ['a quantity finer than the minimum', { quantity: 0.005 }, 'ORD_REJECT_REASON_INCORRECT_QUANTITY'],
  ])('the exchange rejects %s with an order id and its reason', (_name, fields, reason) => {
    const { state, account } = world();
    const o = placeOrder(state, account, order(fields));
    expect(o.id).toMatch(/^ORD/);
    expect(o.state).toBe('ORDER_STATE_REJECTED');
    expect(o.executions.at(-1)).toMatchObject({ type: 'EXECUTION_TYPE_REJECTED', rejectReason: reason });
  });

  it('a closed market rejects as EXCHANGE_CLOSED', () => {
    const { state, account } = world();
    state.closeMarket(SLUG);
    expect(placeOrder(state, account, order({})).executions.at(-1)?.rejectReason).toBe(
      'ORD_REJECT_REASON_EXCHANGE_CLOSED',
    );
  });
});

describe('matching, cash and positions', () => {
  it('BUY_LONG walks the offers; the account pays notional plus the fee per fill', () => {
    const { state, account } = world();
    const o = placeOrder(state, account, order({ quantity: 40 }));
    expect([o.state, o.cumCenti]).toEqual(['ORDER_STATE_FILLED', 4_000]);
    const fees = polymarketUsOrderFees([
      { price: 460_000, count: 3_000 },
      { price: 470_000, count: 1_000 },
    ]);
    expect(account.buyingPowerMicros).toBe(100_000_000 - 13_800_000 - 4_700_000 - fees[0]! - fees[1]!);
    expect(account.positions.get(SLUG)).toBe(4_000);
    expect(state.market(SLUG).offers).toEqual([{ priceMicros: 470_000, sizeCenti: 2_000 }]);
    expect(account.trades.map((t) => [t.longPriceMicros, t.sizeCenti])).toEqual([
      [460_000, 3_000],
      [470_000, 1_000],
    ]);
  });

  it('BUY_SHORT at long price 0.44 sells into the bids: a short contract costs $0.56', () => {
    const { state, account } = world();
    const o = placeOrder(
      state,
      account,
      order({ intent: 'ORDER_INTENT_BUY_SHORT', price: { value: '0.44', currency: 'USD' } }),
    );
    expect(o.state).toBe('ORDER_STATE_FILLED');
    const [fee] = polymarketUsOrderFees([{ price: 440_000, count: 1_000 }]);
    expect(account.buyingPowerMicros).toBe(100_000_000 - 5_600_000 - fee!);
    expect(account.positions.get(SLUG)).toBe(-1_000);
  });

  it('a FOK that cannot fill in full is canceled, nothing moved; an IOC fills what crosses', () => {
    const { state, account } = world();
    const killed = placeOrder(state, account, order({ price: { value: '0.46', currency: 'USD' }, quantity: 31 }));
    expect([killed.state, killed.cumCenti, account.buyingPowerMicros]).toEqual([
      'ORDER_STATE_CANCELED',
      0,
      100_000_000,
    ]);
    const ioc = placeOrder(
      state,
      account,
      order({ price: { value: '0.46', currency: 'USD' }, quantity: 31, tif: 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL' }),
    );
    expect([ioc.state, ioc.cumCenti]).toEqual(['ORDER_STATE_CANCELED', 3_000]);
  });

  it('refuses a buy the account cannot pay for whole, the book untouched (a simulator rule: #u-sim)', () => {
    const { state, account } = world(1_000_000);
    const o = placeOrder(state, account, order({ quantity: 40 }));
    expect([o.state, o.executions.at(-1)?.text]).toEqual(['ORDER_STATE_REJECTED', 'insufficient buying power']);
    expect(state.market(SLUG).offers).toHaveLength(2);
  });

  it('sells only what is held, and refuses to buy the other side of a holding (#u-sim)', () => {
    const { state, account } = world();
    expect(
      placeOrder(state, account, order({ intent: 'ORDER_INTENT_SELL_LONG', price: { value: '0.44', currency: 'USD' } }))
        .state,
    ).toBe('ORDER_STATE_REJECTED');
    placeOrder(state, account, order({}));
    expect(
      placeOrder(state, account, order({ intent: 'ORDER_INTENT_BUY_SHORT', price: { value: '0.44', currency: 'USD' } }))
        .state,
    ).toBe('ORDER_STATE_REJECTED');
  });

  it('a GTC remainder rests as an open order', () => {
    const { state, account } = world();
    const o = placeOrder(
      state,
      account,
      order({ price: { value: '0.40', currency: 'USD' }, tif: 'TIME_IN_FORCE_GOOD_TILL_CANCEL' }),
    );
    expect([o.state, o.cumCenti]).toEqual(['ORDER_STATE_NEW', 0]);
  });
});

describe('settlement (docs/venues-polymarket-us.md#u-settlement)', () => {
  it('pays the long side the settlement price and the short side the rest', () => {
    const { state, account } = world();
    placeOrder(state, account, order({ quantity: 10 }));
    const after = account.buyingPowerMicros;
    state.resolve(SLUG, 500_000);
    expect(account.buyingPowerMicros).toBe(after + 5_000_000);
    expect(account.positions.has(SLUG)).toBe(false);
    expect(account.expired.get(SLUG)).toBe(1_000);
    expect(() => state.resolve(SLUG, 1_000_000)).toThrow(/already/);
  });
});

describe('request auth (docs/venues-polymarket-us.md#u-auth)', () => {
  const check = (headers: Record<string, string>, path = '/v1/account/balances', now = 1_000_000) => {
    const { state } = world();
    return () =>
      authenticate(
        {
          method: 'GET',
          path,
          headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
          realNowMs: now,
          windowMs: 30_000,
        },
        state.accounts,
      );
  };

  it('accepts a signature over timestamp + METHOD + path, within 30 s, and nothing else', () => {
    const { key, state } = world();
    const h = pmusAuthHeaders(KEY_ID, key.secret, 'GET', '/v1/account/balances', 1_000_000);
    const lower = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
    const run = (path: string, now: number) => () =>
      authenticate({ method: 'GET', path, headers: lower, realNowMs: now, windowMs: 30_000 }, state.accounts);
    expect(run('/v1/account/balances', 1_029_000)().keyId).toBe(KEY_ID);
    expect(run('/v1/account/balances', 1_031_000)).toThrow(/window/);
    expect(run('/v1/portfolio/positions', 1_000_000)).toThrow(/invalid signature/);
    expect(check({})).toThrow(/missing/);
  });
});
