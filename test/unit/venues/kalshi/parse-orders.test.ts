import type { OrderRequest } from '../../../../lib/engine/ports';
import {
  figuresFromAverages,
  figuresFromFills,
  placementStatus,
  toOrderResult,
  toWireOrder,
} from '../../../../lib/venues/kalshi/parse-orders';
import { createOrderResponse, fill as fillSchema, order as orderSchema } from '../../../../lib/venues/kalshi/schemas';
import { createOrderResponse as createFixture, fill, LAL, order } from '../../../support/venues/kalshi-fixtures';

function req(
  side: 'buy' | 'sell',
  outcome: 'yes' | 'no',
  priceMicros: number,
  sizeCenti = 1000,
  tif: 'FOK' | 'IOC' = 'FOK',
): OrderRequest {
  return {
    clientOrderId: 'bet-1-leg-k-0',
    instrument: { venue: 'kalshi', ticker: LAL, side: outcome },
    side,
    priceMicros,
    sizeCenti,
    tif,
  };
}

const twoFills = [
  fill(),
  fill({
    fill_id: 'f-2',
    count_fp: '4.00',
    yes_price_dollars: '0.4200',
    no_price_dollars: '0.5800',
    fee_cost: '0.0700',
  }),
].map((f) => fillSchema.parse(f));

describe('Kalshi order body (YES book bid/ask)', () => {
  it.each([
    ['buy', 'yes', 420_000, 'bid', '0.4200'],
    ['sell', 'yes', 420_000, 'ask', '0.4200'],
    ['buy', 'no', 420_000, 'ask', '0.5800'],
    ['sell', 'no', 420_000, 'bid', '0.5800'],
    ['buy', 'no', 421_500, 'ask', '0.5785'],
  ] as const)('%s %s at %i micros → side %s at YES price %s', (side, outcome, price, bookSide, yesPrice) => {
    const body = toWireOrder(req(side, outcome, price), 100);
    expect(body).toEqual({
      ticker: LAL,
      client_order_id: 'bet-1-leg-k-0',
      side: bookSide,
      count: '10.00',
      price: yesPrice,
      time_in_force: 'fill_or_kill',
      self_trade_prevention_type: 'taker_at_cross',
      // Every sell is reduce-only: an ask after the YES is gone would open NO (docs/venues-kalshi.md#k4-reduce-only).
      ...(side === 'sell' ? { reduce_only: true } : {}),
    });
  });

  it('sends IOC as immediate_or_cancel and fractional counts with two decimals', () => {
    expect(toWireOrder(req('buy', 'yes', 500_000, 1250, 'IOC'), 1)).toMatchObject({
      time_in_force: 'immediate_or_cancel',
      count: '12.50',
    });
  });

  it('refuses, before sending, prices off the 1e-4 grid or outside (0, 1), and sizes off the count step', () => {
    expect(() => toWireOrder(req('buy', 'yes', 420_050), 100)).toThrow();
    expect(() => toWireOrder(req('buy', 'yes', 0), 100)).toThrow(RangeError);
    expect(() => toWireOrder(req('buy', 'no', 1_000_000), 100)).toThrow(RangeError);
    expect(() => toWireOrder(req('buy', 'yes', 420_000, 1050), 100)).toThrow(RangeError);
    expect(() => toWireOrder(req('buy', 'yes', 420_000, 0), 1)).toThrow(RangeError);
    expect(() =>
      toWireOrder(
        { ...req('buy', 'yes', 420_000), instrument: { venue: 'polymarket', conditionId: 'c', tokenId: 't' } },
        100,
      ),
    ).toThrow(TypeError);
  });
});

describe('Kalshi fill figures', () => {
  it('adds fills exactly on the instrument we traded (NO prices for a NO buy)', () => {
    expect(figuresFromFills(twoFills, 'no', 'buy')).toEqual({
      filledCenti: 1000,
      notionalMicros: 5_680_000,
      feeMicros: 180_000,
    });
    // The same fills seen as a YES sale receive the YES prices: 6×0.44 + 4×0.42.
    expect(figuresFromFills(twoFills, 'yes', 'sell')).toEqual({
      filledCenti: 1000,
      notionalMicros: 4_320_000,
      feeMicros: 180_000,
    });
  });

  it('falls back to averages, reading the average price as a YES price and rounding against us', () => {
    const res = createOrderResponse.parse(
      createFixture({ average_fill_price: '0.433333', average_fee_paid: '0.017001', fill_count: '3.00' }),
    );
    // NO price 0.566667 × 3 = 1.700001; fee 0.017001 × 3 = 0.051003.
    expect(figuresFromAverages(res, 'no', 'buy')).toEqual({
      filledCenti: 300,
      notionalMicros: 1_700_001,
      feeMicros: 51_003,
    });
    const odd = createOrderResponse.parse(
      createFixture({ average_fill_price: '0.433333', fill_count: '0.01', average_fee_paid: '0.000001' }),
    );
    // 0.566667 × 0.01 = 0.00566667 → ceil 5667 micros on a buy; floor 4333 on a YES sale.
    expect(figuresFromAverages(odd, 'no', 'buy')?.notionalMicros).toBe(5_667);
    expect(figuresFromAverages(odd, 'yes', 'sell')?.notionalMicros).toBe(4_333);
    expect(figuresFromAverages(odd, 'yes', 'sell')?.feeMicros).toBe(1);
    // Filled without averages: no figures rather than invented ones.
    const bare = createOrderResponse.parse(createFixture({ average_fill_price: null, average_fee_paid: null }));
    expect(figuresFromAverages(bare, 'no', 'buy')).toBeNull();
  });

  it('reports nothing filled as zero figures and a rejected placement', () => {
    const res = createOrderResponse.parse(
      createFixture({
        fill_count: '0.00',
        remaining_count: '10.00',
        average_fill_price: undefined,
        average_fee_paid: undefined,
      }),
    );
    expect(figuresFromAverages(res, 'yes', 'buy')).toEqual({ filledCenti: 0, notionalMicros: 0, feeMicros: 0 });
    expect(placementStatus(0, 1000)).toBe('rejected');
    expect(placementStatus(400, 1000)).toBe('partial');
    expect(placementStatus(1000, 1000)).toBe('filled');
  });
});

describe('Kalshi order lookup → OrderResult', () => {
  const known = { venue: 'kalshi' as const, ticker: LAL, side: 'no' as const };

  it('uses fills when they add up to the fill count', () => {
    const result = toOrderResult(orderSchema.parse(order()), twoFills, known);
    expect(result).toEqual({
      venue: 'kalshi',
      clientOrderId: 'bet-1-leg-k-0',
      venueOrderId: 'ord-1',
      status: 'filled',
      instrument: known,
      side: 'buy',
      filledCenti: 1000,
      notionalMicros: 5_680_000,
      feeMicros: 180_000,
    });
  });

  it('falls back to the order totals when fills are incomplete', () => {
    const result = toOrderResult(
      orderSchema.parse(order({ taker_fees_dollars: '0.1900' })),
      twoFills.slice(0, 1),
      known,
    );
    expect(result).toMatchObject({ filledCenti: 1000, notionalMicros: 5_680_000, feeMicros: 190_000 });
    // Read as a YES sale, the NO cost 5.68 of 10 contracts means 4.32 received.
    const asSale = toOrderResult(orderSchema.parse(order()), null, { ...known, side: 'yes' });
    expect(asSale).toMatchObject({ side: 'sell', instrument: { side: 'yes' }, notionalMicros: 4_320_000 });
  });

  it('reads an order without a known instrument as a buy of its outcome side', () => {
    const bid = toOrderResult(
      orderSchema.parse(
        order({
          book_side: 'bid',
          outcome_side: 'yes',
          fill_count_fp: '0.00',
          status: 'canceled',
          remaining_count_fp: '0.00',
        }),
      ),
      [],
      undefined,
    );
    expect(bid).toMatchObject({
      side: 'buy',
      instrument: { side: 'yes' },
      status: 'canceled',
      filledCenti: 0,
      notionalMicros: 0,
      feeMicros: 0,
    });
  });

  it.each([
    ['resting', '0.00', '10.00', 'resting'],
    ['executed', '10.00', '0.00', 'filled'],
    ['canceled', '4.00', '0.00', 'partial'],
    ['canceled', '0.00', '0.00', 'canceled'],
  ])('maps status %s (filled %s) to %s', (status, filled, remaining, expected) => {
    const o = orderSchema.parse(order({ status, fill_count_fp: filled, remaining_count_fp: remaining }));
    expect(toOrderResult(o, null, known).status).toBe(expected);
  });

  it('refuses unknown order statuses and malformed amounts', () => {
    expect(orderSchema.safeParse(order({ status: 'pending' })).success).toBe(false);
    expect(orderSchema.safeParse(order({ taker_fees_dollars: 0.18 })).success).toBe(false);
    expect(orderSchema.safeParse(order({ fill_count_fp: 'NaN' })).success).toBe(false);
    expect(createOrderResponse.safeParse(createFixture({ fill_count: 10 })).success).toBe(false);
    const { order_id: _gone, ...noId } = createFixture();
    expect(createOrderResponse.safeParse(noId).success).toBe(false);
  });
});
