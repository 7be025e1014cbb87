/** Venue order reports → OrderResult (docs/venues-polymarket.md#p5). */
import { polymarketFee } from '../../../../lib/core/fees';
import { ParseFailure } from '../../../../lib/venues/polymarket/parse';
import {
  resultOfOpenOrder,
  resultOfPost,
  resultOfTrades,
  takerFee,
} from '../../../../lib/venues/polymarket/parse-orders';
import {
  openOrder as openOrderSchema,
  postOrderResponse,
  trade as tradeSchema,
} from '../../../../lib/venues/polymarket/schemas';
import { CONDITION, openOrder, TOKEN_A } from '../../../support/venues/polymarket-fixtures';

const fee = { ratePpm: 30_000, exponent: 1, takerOnly: true };
const ctx = {
  clientOrderId: 'bet-1:a:0',
  instrument: { venue: 'polymarket' as const, conditionId: CONDITION, tokenId: TOKEN_A },
  side: 'buy' as const,
  requestedCenti: 1_000,
  fee,
};
const post = (over: Record<string, unknown>) =>
  postOrderResponse.parse({
    success: true,
    errorMsg: '',
    orderID: '0xid',
    status: 'matched',
    makingAmount: '',
    takingAmount: '',
    ...over,
  });

describe('resultOfPost', () => {
  it('reads a matched BUY: taking = shares, making = pUSD, fee from the schedule', () => {
    const r = resultOfPost(post({ makingAmount: '4.6', takingAmount: '10' }), ctx, '0xid');
    expect(r).toMatchObject({ status: 'filled', venueOrderId: '0xid', filledCenti: 1_000, notionalMicros: 4_600_000 });
    expect(r.feeMicros).toBe(polymarketFee({ price: 460_000, shares: 1_000, rate: 30_000, exponent: 1 }));
    expect(r.feeMicros).toBeGreaterThan(0);
  });

  it('reads a matched SELL the other way round', () => {
    const r = resultOfPost(post({ makingAmount: '10', takingAmount: '4.4' }), { ...ctx, side: 'sell' }, '0xid');
    expect(r).toMatchObject({ status: 'filled', filledCenti: 1_000, notionalMicros: 4_400_000 });
  });

  it('reports a FAK that filled part as partial, delayed as pending and unmatched as rejected', () => {
    expect(resultOfPost(post({ makingAmount: '2.3', takingAmount: '5' }), ctx, 'x').status).toBe('partial');
    expect(resultOfPost(post({ status: 'delayed' }), ctx, 'x')).toMatchObject({
      status: 'pending',
      filledCenti: 0,
      feeMicros: 0,
    });
    expect(resultOfPost(post({ status: 'unmatched' }), ctx, 'x')).toMatchObject({ status: 'rejected', filledCenti: 0 });
    expect(resultOfPost(post({ status: 'live' }), ctx, 'x').status).toBe('resting');
  });

  it('refuses an unknown status and amounts with more than 6 decimals', () => {
    expect(() => resultOfPost(post({ status: 'exploded' }), ctx, 'x')).toThrow(ParseFailure);
    expect(() => resultOfPost(post({ makingAmount: '4.6000001', takingAmount: '10' }), ctx, 'x')).toThrow();
  });

  it('schema refuses a number where the venue sends a string', () => {
    expect(postOrderResponse.safeParse({ success: true, makingAmount: 4.6 }).success).toBe(false);
    expect(postOrderResponse.safeParse({ success: 'yes' }).success).toBe(false);
  });
});

describe('resultOfOpenOrder', () => {
  const map = (over: Record<string, unknown>) => resultOfOpenOrder(openOrderSchema.parse(openOrder(over)), ctx);

  it('values a matched order at its limit price', () => {
    expect(map({})).toMatchObject({ status: 'filled', filledCenti: 1_000, notionalMicros: 4_700_000 });
  });

  it('maps the order statuses, including reason suffixes', () => {
    expect(map({ status: 'LIVE', size_matched: '0' }).status).toBe('resting');
    expect(map({ status: 'MATCHED', size_matched: '4' }).status).toBe('partial');
    expect(map({ status: 'CANCELED', size_matched: '0' }).status).toBe('canceled');
    expect(map({ status: "CANCELED_order couldn't be fully filled", size_matched: '0' }).status).toBe('canceled');
    expect(map({ status: 'CANCELED_MARKET_RESOLVED' }).status).toBe('canceled');
    expect(map({ status: 'DELAYED', size_matched: '0' }).status).toBe('pending');
    expect(map({ status: 'UNMATCHED', size_matched: '0' }).status).toBe('rejected');
  });

  it('refuses an unknown status', () => {
    expect(() => map({ status: 'WEIRD' })).toThrow(ParseFailure);
  });

  it('schema refuses missing fields and numbers for strings', () => {
    expect(openOrderSchema.safeParse(openOrder({ size_matched: 10 })).success).toBe(false);
    expect(openOrderSchema.safeParse(openOrder({ id: undefined })).success).toBe(false);
    expect(openOrderSchema.safeParse(openOrder({ side: 'buy' })).success).toBe(false);
  });
});

describe('resultOfTrades', () => {
  const t = (over: Record<string, unknown>) =>
    tradeSchema.parse({
      id: 't',
      taker_order_id: '0xHASH',
      asset_id: TOKEN_A,
      side: 'BUY',
      size: '6',
      price: '0.46',
      status: 'MATCHED',
      ...over,
    });

  it('sums our taker fills and ignores other orders and failed trades', () => {
    const r = resultOfTrades(
      [t({}), t({ size: '4', price: '0.47' }), t({ taker_order_id: '0xother' }), t({ status: 'FAILED' })],
      ctx,
      '0xhash',
    );
    expect(r).toMatchObject({
      status: 'filled',
      filledCenti: 1_000,
      notionalMicros: 2_760_000 + 1_880_000,
      venueOrderId: '0xhash',
    });
  });

  it('returns null when no trade is ours', () => {
    expect(resultOfTrades([t({ taker_order_id: '0xother' })], ctx, '0xhash')).toBeNull();
  });
});

describe('takerFee', () => {
  it('is 0 without a schedule, without fills or at rate 0', () => {
    expect(takerFee(1_000, 4_600_000, null)).toBe(0);
    expect(takerFee(0, 0, fee)).toBe(0);
    expect(takerFee(1_000, 4_600_000, { ...fee, ratePpm: 0 })).toBe(0);
  });

  it('at p = 0.5 in sports is 0.75 cents per share (docs/venues-polymarket.md#p5-fees)', () => {
    expect(takerFee(10_000, 50_000_000, fee)).toBe(750_000);
  });
});
