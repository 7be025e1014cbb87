/** Venue order reports → OrderResult, error messages → the venue error hierarchy (VENUES.md P5). */
import { polymarketFee } from '../../../../lib/core/fees';
import { AuthError, InsufficientFunds, Rejected, Unavailable } from '../../../../lib/engine/ports';
import { classifyError, errorFor } from '../../../../lib/venues/polymarket/errors';
import {
  resultOfOpenOrder,
  resultOfPost,
  resultOfTrades,
  takerFee,
} from '../../../../lib/venues/polymarket/order-results';
import { ParseFailure } from '../../../../lib/venues/polymarket/parse';
import {
  openOrder as openOrderSchema,
  postOrderResponse,
  trade as tradeSchema,
} from '../../../../lib/venues/polymarket/schemas';
import { CONDITION, openOrder, TOKEN_A } from './fixtures';

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

  it('at p = 0.5 in sports is 0.75 cents per share (VENUES.md P5)', () => {
    expect(takerFee(10_000, 50_000_000, fee)).toBe(750_000);
  });
});

describe('Polymarket error messages', () => {
  const details = { venue: 'polymarket' as const, endpoint: 'POST /order' };

  it('classify FOK and FAK no-fills as outcomes, not errors', () => {
    expect(classifyError("order couldn't be fully filled. FOK orders are fully filled or killed.")).toBe('noFill');
    expect(
      classifyError(
        'no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.',
      ),
    ).toBe('noFill');
  });

  it('map balance, auth, pause and other refusals to the hierarchy', () => {
    expect(errorFor('not enough balance / allowance', details)).toBeInstanceOf(InsufficientFunds);
    expect(errorFor('Unauthorized/Invalid api key', details)).toBeInstanceOf(AuthError);
    expect(errorFor('the order signer address has to be the address of the API KEY', details)).toBeInstanceOf(
      AuthError,
    );
    expect(errorFor('maker address not allowed, please use the deposit wallet flow', details)).toBeInstanceOf(
      AuthError,
    );
    expect(errorFor('Trading is currently disabled. Check polymarket.com for updates', details)).toBeInstanceOf(
      Unavailable,
    );
    expect(
      errorFor('Trading is currently cancel-only. New orders are not accepted, but cancels are allowed.', details),
    ).toBeInstanceOf(Unavailable);
    for (const msg of [
      'order_version_mismatch',
      'invalid post-only order: order crosses book',
      'order is invalid. Price breaks minimum tick size rules',
      'order is invalid. Size lower than the minimum',
      "order is invalid. Duplicated. Same order has already been placed, can't be placed again",
      'invalid signature',
      'something nobody documented',
    ]) {
      const err = errorFor(msg, details);
      expect(err).toBeInstanceOf(Rejected);
      expect(err).not.toBeInstanceOf(InsufficientFunds);
    }
  });

  it('treat a delayed match as pending', () => {
    expect(classifyError('order match delayed due to market conditions')).toBe('pending');
  });
});
