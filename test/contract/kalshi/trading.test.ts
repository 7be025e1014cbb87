/**
 * Kalshi orders and portfolio against a fake venue on 127.0.0.1 (documented shapes only).
 * The safety property under test: a placement is sent ONCE; when its outcome is unknown the
 * client looks the order up by client order id instead of resending.
 */
import { inspect } from 'node:util';
import {
  AuthError,
  BadResponse,
  InsufficientFunds,
  type OrderRequest,
  Rejected,
  Timeout,
  Unavailable,
} from '../../../lib/engine/ports';
import { createOrderResponse, fill, LAL, market, order } from '../../support/venues/kalshi-fixtures';
import { signedCorrectly, testKeys, venueFor } from './harness';
import { FakeKalshi, ok } from './server';

const fake = new FakeKalshi();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const CID = 'bet-1-leg-k-0';
const buyNo: OrderRequest = {
  clientOrderId: CID,
  instrument: { venue: 'kalshi', ticker: LAL, side: 'no' },
  side: 'buy',
  priceMicros: 580_000,
  sizeCenti: 1000,
  tif: 'FOK',
};
const twoFills = [
  fill(),
  fill({
    fill_id: 'f-2',
    count_fp: '4.00',
    yes_price_dollars: '0.4200',
    no_price_dollars: '0.5800',
    fee_cost: '0.0700',
  }),
];
const posts = () => fake.requests('POST', '/portfolio/events/orders');

describe('KalshiVenue secrets', () => {
  it('keeps the private key out of inspection, JSON and errors', async () => {
    const venue = venueFor(fake);
    const pemBody = testKeys().privateKey.split('\n')[1] ?? 'missing';
    expect(inspect(venue, { depth: 20 })).not.toContain(pemBody);
    expect(JSON.stringify(venue)).not.toContain(pemBody);
    fake.on('GET /portfolio/balance', { status: 401, body: { error: { code: 'unauthorized' } } });
    const err = await venue.getBalance().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(inspect(err, { depth: 20 })).not.toContain(pemBody);
  });
});

describe('KalshiVenue without credentials', () => {
  it('refuses every order and portfolio call with AuthError before sending anything', async () => {
    const venue = venueFor(fake, { credentials: undefined });
    await expect(venue.placeOrder(buyNo)).rejects.toBeInstanceOf(AuthError);
    await expect(venue.getOrder({ clientOrderId: CID })).rejects.toBeInstanceOf(AuthError);
    await expect(venue.cancelOrder({ venueOrderId: 'ord-1' })).rejects.toBeInstanceOf(AuthError);
    await expect(venue.getBalance()).rejects.toBeInstanceOf(AuthError);
    await expect(venue.getPositions()).rejects.toBeInstanceOf(AuthError);
    await expect(venue.listSettlements()).rejects.toBeInstanceOf(AuthError);
    expect(fake.seen).toHaveLength(0);
  });
});

describe('KalshiVenue.placeOrder', () => {
  it('sends a buy of NO at q as an ask at YES price 1 − q, signed, and books exact fills and fees', async () => {
    fake.on('POST /portfolio/events/orders', { status: 201, body: createOrderResponse() });
    fake.on('GET /portfolio/fills', ok({ fills: twoFills, cursor: '' }));
    const result = await venueFor(fake).placeOrder(buyNo);
    expect(JSON.parse(posts()[0]?.body ?? '')).toEqual({
      ticker: LAL,
      client_order_id: CID,
      side: 'ask',
      count: '10.00',
      price: '0.4200',
      time_in_force: 'fill_or_kill',
      self_trade_prevention_type: 'taker_at_cross',
    });
    expect(posts()[0]?.fullPath).toBe('/trade-api/v2/portfolio/events/orders');
    expect(fake.seen.every(signedCorrectly)).toBe(true);
    expect(fake.requests('GET', '/portfolio/fills')[0]?.query.get('order_id')).toBe('ord-1');
    expect(result).toEqual({
      venue: 'kalshi',
      clientOrderId: CID,
      venueOrderId: 'ord-1',
      status: 'filled',
      instrument: buyNo.instrument,
      side: 'buy',
      filledCenti: 1000,
      notionalMicros: 5_680_000,
      feeMicros: 180_000,
    });
  });

  it('falls back to the response averages when the fills do not add up yet', async () => {
    fake.on('POST /portfolio/events/orders', {
      status: 201,
      body: createOrderResponse({ average_fill_price: '0.4330', average_fee_paid: '0.0181' }),
    });
    fake.on('GET /portfolio/fills', ok({ fills: twoFills.slice(0, 1), cursor: '' }));
    const result = await venueFor(fake).placeOrder(buyNo);
    // NO price 1 − 0.433 = 0.567 × 10; fee 0.0181 × 10.
    expect(result).toMatchObject({
      status: 'filled',
      filledCenti: 1000,
      notionalMicros: 5_670_000,
      feeMicros: 181_000,
    });
  });

  it('without averages or complete fills, takes the figures from the order, else reports pending', async () => {
    const bare = createOrderResponse({ average_fill_price: null, average_fee_paid: null });
    fake.on('POST /portfolio/events/orders', { status: 201, body: bare });
    fake.on('GET /portfolio/fills', ok({ fills: [], cursor: '' }));
    fake.on('GET /portfolio/orders/ord-1', ok({ order: order() }));
    expect(await venueFor(fake).placeOrder(buyNo)).toMatchObject({
      status: 'filled',
      filledCenti: 1000,
      notionalMicros: 5_680_000,
      feeMicros: 180_000,
    });
    fake.reset();
    fake.on('POST /portfolio/events/orders', { status: 201, body: bare });
    fake.on('GET /portfolio/fills', { status: 500, body: '' });
    fake.on('GET /portfolio/orders/ord-1', { status: 500, body: '' });
    const pending = await venueFor(fake).placeOrder(buyNo);
    expect(pending).toMatchObject({ status: 'pending', venueOrderId: 'ord-1', filledCenti: 1000 });
    expect(posts()).toHaveLength(1);
  });

  const unfilledAnswer = createOrderResponse({
    fill_count: '0.00',
    remaining_count: '10.00',
    average_fill_price: null,
    average_fee_paid: null,
  });
  const killed = order({
    status: 'canceled',
    fill_count_fp: '0.00',
    remaining_count_fp: '0.00',
    taker_fill_cost_dollars: '0.0000',
    taker_fees_dollars: '0.0000',
  });

  it('confirms an unfilled FOK answer with one order read before reporting it rejected', async () => {
    fake.on('POST /portfolio/events/orders', { status: 201, body: unfilledAnswer });
    fake.on('GET /portfolio/orders/ord-1', ok({ order: killed }));
    const result = await venueFor(fake).placeOrder(buyNo);
    expect(result).toMatchObject({
      status: 'rejected',
      filledCenti: 0,
      notionalMicros: 0,
      feeMicros: 0,
      venueOrderId: 'ord-1',
    });
    expect(fake.requests('GET', '/portfolio/orders/ord-1')).toHaveLength(1);
    expect(fake.requests('GET', '/portfolio/fills')).toHaveLength(0);
    expect(posts()).toHaveLength(1);
  });

  it('books a fill the create answer did not report yet (late report) from the order itself', async () => {
    fake.on('POST /portfolio/events/orders', { status: 201, body: unfilledAnswer });
    fake.on('GET /portfolio/orders/ord-1', ok({ order: order() }));
    fake.on('GET /portfolio/fills', ok({ fills: twoFills, cursor: '' }));
    const result = await venueFor(fake).placeOrder(buyNo);
    expect(result).toMatchObject({
      status: 'filled',
      clientOrderId: CID,
      venueOrderId: 'ord-1',
      filledCenti: 1000,
      notionalMicros: 5_680_000,
      feeMicros: 180_000,
    });
    expect(posts()).toHaveLength(1);
  });

  it('reports an unfilled answer whose order still rests as resting, with what filled so far, for the engine to cancel', async () => {
    fake.on('POST /portfolio/events/orders', { status: 201, body: unfilledAnswer });
    fake.on(
      'GET /portfolio/orders/ord-1',
      ok({
        order: order({
          status: 'resting',
          fill_count_fp: '0.00',
          remaining_count_fp: '10.00',
          taker_fill_cost_dollars: '0.0000',
          taker_fees_dollars: '0.0000',
        }),
      }),
    );
    expect(await venueFor(fake).placeOrder(buyNo)).toMatchObject({
      status: 'resting',
      filledCenti: 0,
      venueOrderId: 'ord-1',
    });
    fake.reset();
    fake.on('POST /portfolio/events/orders', { status: 201, body: unfilledAnswer });
    fake.on(
      'GET /portfolio/orders/ord-1',
      ok({ order: order({ status: 'resting', fill_count_fp: '4.00', remaining_count_fp: '6.00' }) }),
    );
    fake.on('GET /portfolio/fills', ok({ fills: twoFills.slice(1), cursor: '' }));
    expect(await venueFor(fake).placeOrder(buyNo)).toMatchObject({
      status: 'resting',
      filledCenti: 400,
      clientOrderId: CID,
    });
    expect(posts()).toHaveLength(1);
  });

  it.each([
    ['the order read fails', () => fake.on('GET /portfolio/orders/ord-1', { status: 500, body: '' })],
    [
      'the order is not found',
      () => fake.on('GET /portfolio/orders/ord-1', { status: 404, body: { error: { code: 'not_found' } } }),
    ],
  ])('reports an unfilled answer as pending, never rejected, when %s', async (_why, arrange) => {
    fake.on('POST /portfolio/events/orders', { status: 201, body: unfilledAnswer });
    arrange();
    const result = await venueFor(fake, { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }).placeOrder(buyNo);
    expect(result).toMatchObject({ status: 'pending', filledCenti: 0, venueOrderId: 'ord-1' });
    expect(result.reason).toMatch(/not confirmed/);
    expect(posts()).toHaveLength(1);
  });

  it.each(['fill_or_kill_insufficient_resting_volume', 'immediate_or_cancel_insufficient_resting_volume'])(
    'reads a 409 %s as a clean rejection: nothing filled, nothing looked up',
    async (code) => {
      fake.on('POST /portfolio/events/orders', {
        status: 409,
        body: { error: { code, message: 'insufficient resting volume' } },
      });
      const result = await venueFor(fake).placeOrder(buyNo);
      expect(result).toEqual({
        venue: 'kalshi',
        clientOrderId: CID,
        venueOrderId: null,
        status: 'rejected',
        instrument: buyNo.instrument,
        side: 'buy',
        filledCenti: 0,
        notionalMicros: 0,
        feeMicros: 0,
        reason: code,
      });
      expect(fake.seen.map((s) => s.method)).toEqual(['POST']);
    },
  );

  it("checks a fractional count against the market's own step before sending (docs/venues-kalshi.md#k1-fractional)", async () => {
    const fractional = { ...buyNo, sizeCenti: 1_050 };
    // A whole-contract market: the 10.5 count is refused here, nothing is sent.
    fake.on('GET /markets', ok({ markets: [market({ fractional_trading_enabled: false })], cursor: '' }));
    await expect(venueFor(fake).placeOrder(fractional)).rejects.toThrow(
      /size 1050 centishares is not a multiple of 100/,
    );
    expect(posts()).toHaveLength(0);
    // A fractional market takes it, as a 2-decimal count.
    fake.reset();
    fake.on('GET /markets', ok({ markets: [market({ fractional_trading_enabled: true })], cursor: '' }));
    fake.on('POST /portfolio/events/orders', { status: 201, body: createOrderResponse() });
    fake.on('GET /portfolio/fills', ok({ fills: [fill({ count_fp: '10.50' })], cursor: '' }));
    await venueFor(fake).placeOrder(fractional);
    expect(JSON.parse(posts()[0]?.body ?? '').count).toBe('10.50');
    // Whole contracts trade on every market: no market look-up for them.
    fake.reset();
    fake.on('POST /portfolio/events/orders', { status: 201, body: createOrderResponse() });
    fake.on('GET /portfolio/fills', ok({ fills: twoFills, cursor: '' }));
    await venueFor(fake).placeOrder(buyNo);
    expect(fake.requests('GET', '/markets')).toHaveLength(0);
  });

  it('refuses a fractional count before sending when the market cannot be looked up (whole contracts assumed)', async () => {
    fake.on('GET /markets', { status: 503, body: { error: { code: 'unavailable', message: 'down' } } });
    await expect(venueFor(fake).placeOrder({ ...buyNo, sizeCenti: 1_050 })).rejects.toThrow(RangeError);
    expect(posts()).toHaveLength(0);
  });

  it('maps refusals to typed errors and sends the order once', async () => {
    fake.on('POST /portfolio/events/orders', {
      status: 400,
      body: { error: { code: 'insufficient_balance', message: 'Insufficient balance' } },
    });
    await expect(venueFor(fake).placeOrder(buyNo)).rejects.toBeInstanceOf(InsufficientFunds);
    fake.on('POST /portfolio/events/orders', {
      status: 400,
      body: { error: { code: 'market_closed', message: 'market is closed' } },
    });
    const err = await venueFor(fake)
      .placeOrder(buyNo)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Rejected);
    expect(err).not.toBeInstanceOf(InsufficientFunds);
    expect(posts()).toHaveLength(2);
  });

  it('on a timeout, finds the order by client order id instead of resending it', async () => {
    fake.on('POST /portfolio/events/orders', 'hang');
    fake.on('GET /portfolio/orders', (req) =>
      req.query.get('cursor') === 'p2'
        ? ok({ orders: [order()], cursor: '' })
        : ok({ orders: [order({ order_id: 'other', client_order_id: 'someone-else' })], cursor: 'p2' }),
    );
    fake.on('GET /portfolio/fills', ok({ fills: twoFills, cursor: '' }));
    const result = await venueFor(fake, { timeoutMs: 150 }).placeOrder(buyNo);
    expect(result).toMatchObject({
      status: 'filled',
      venueOrderId: 'ord-1',
      clientOrderId: CID,
      notionalMicros: 5_680_000,
      feeMicros: 180_000,
    });
    expect(posts()).toHaveLength(1);
    expect(fake.requests('GET', '/portfolio/orders')[0]?.query.get('ticker')).toBe(LAL);
  });

  it('on a timeout with no order to be found, reports the Timeout after the configured lookups', async () => {
    fake.on('POST /portfolio/events/orders', 'hang');
    fake.on('GET /portfolio/orders', ok({ orders: [], cursor: '' }));
    await expect(venueFor(fake, { timeoutMs: 150, lookupAttempts: 2 }).placeOrder(buyNo)).rejects.toBeInstanceOf(
      Timeout,
    );
    expect(posts()).toHaveLength(1);
    expect(fake.requests('GET', '/portfolio/orders')).toHaveLength(2);
  });

  it('on a 5xx, looks the order up and reports an IOC that closed unfilled as rejected', async () => {
    fake.on('POST /portfolio/events/orders', { status: 502, body: 'bad gateway' });
    fake.on(
      'GET /portfolio/orders',
      ok({ orders: [order({ status: 'canceled', fill_count_fp: '0.00', remaining_count_fp: '0.00' })], cursor: '' }),
    );
    // Reads may be retried 3 times here; the placement still goes out exactly once.
    const venue = venueFor(fake, { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    const result = await venue.placeOrder({ ...buyNo, tif: 'IOC' });
    expect(result).toMatchObject({ status: 'rejected', filledCenti: 0, venueOrderId: 'ord-1' });
    expect(posts()).toHaveLength(1);
  });

  it('keeps Unavailable when the lookup finds nothing either', async () => {
    fake.on('POST /portfolio/events/orders', { status: 503, body: '' });
    fake.on('GET /portfolio/orders', ok({ orders: [], cursor: '' }));
    await expect(venueFor(fake).placeOrder(buyNo)).rejects.toBeInstanceOf(Unavailable);
  });

  it('treats an unreadable 201 as unknown: looks up, and never books NaN', async () => {
    fake.on('POST /portfolio/events/orders', { status: 201, body: createOrderResponse({ fill_count: 10 }) });
    fake.on('GET /portfolio/orders', ok({ orders: [], cursor: '' }));
    await expect(venueFor(fake).placeOrder(buyNo)).rejects.toBeInstanceOf(BadResponse);
    expect(posts()).toHaveLength(1);
  });

  it('answers a refused duplicate client order id with the order that already exists', async () => {
    fake.on('POST /portfolio/events/orders', {
      status: 409,
      body: { error: { code: 'order_already_exists', message: 'order already exists' } },
    });
    fake.on('GET /portfolio/orders', ok({ orders: [order()], cursor: '' }));
    fake.on('GET /portfolio/fills', ok({ fills: twoFills, cursor: '' }));
    expect(await venueFor(fake).placeOrder(buyNo)).toMatchObject({
      status: 'filled',
      venueOrderId: 'ord-1',
      filledCenti: 1000,
    });
  });
});

describe('KalshiVenue order lookups and cancel', () => {
  it('gets an order by venue id, and null for an unknown one', async () => {
    fake.on('GET /portfolio/orders/ord-1', ok({ order: order() }));
    fake.on('GET /portfolio/fills', ok({ fills: twoFills, cursor: '' }));
    const venue = venueFor(fake);
    expect(await venue.getOrder({ venueOrderId: 'ord-1', instrument: buyNo.instrument })).toMatchObject({
      side: 'buy',
      filledCenti: 1000,
      feeMicros: 180_000,
    });
    expect(await venue.getOrder({ venueOrderId: 'nope' })).toBeNull();
  });

  it('cancels with the market ticker for routing, and treats a gone order as cancelled', async () => {
    fake.on(
      'DELETE /portfolio/events/orders/ord-1',
      ok({ order_id: 'ord-1', client_order_id: CID, reduced_by: '10.00', ts_ms: 1 }),
    );
    await venueFor(fake).cancelOrder({ venueOrderId: 'ord-1', instrument: buyNo.instrument });
    expect(fake.requests('DELETE', '/portfolio/events/orders/ord-1')[0]?.query.get('market_ticker')).toBe(LAL);
    fake.reset();
    fake.on('GET /portfolio/orders', ok({ orders: [order({ status: 'resting' })], cursor: '' }));
    fake.on('DELETE /portfolio/events/orders/ord-1', { status: 404, body: {} });
    await expect(venueFor(fake).cancelOrder({ clientOrderId: CID })).resolves.toBeUndefined();
  });
});

describe('KalshiVenue portfolio', () => {
  it('turns the balance in cents into micros', async () => {
    fake.on(
      'GET /portfolio/balance',
      ok({ balance: 12_345, balance_dollars: '123.4500', portfolio_value: 20_000, updated_ts: 1 }),
    );
    expect(await venueFor(fake).getBalance()).toEqual({ availableMicros: 123_450_000 });
  });

  it('signs each retried read afresh, at the moment it is sent', async () => {
    let calls = 0;
    fake.on('GET /portfolio/balance', () => (++calls === 1 ? { status: 503, body: '' } : ok({ balance: 1 })));
    const venue = venueFor(fake, { retry: { attempts: 2, baseDelayMs: 1_000, maxDelayMs: 1_000 } });
    expect(await venue.getBalance()).toEqual({ availableMicros: 10_000 });
    const [first, second] = fake.requests('GET', '/portfolio/balance');
    expect(first && second && [signedCorrectly(first), signedCorrectly(second)]).toEqual([true, true]);
    const ts = (r: typeof first) => Number(r?.headers['kalshi-access-timestamp']);
    expect(ts(second) - ts(first)).toBeGreaterThanOrEqual(500);
  });

  it.each([{ balance: '12345' }, { balance: 123.45 }, {}])('fails with BadResponse on balance %j', async (body) => {
    fake.on('GET /portfolio/balance', ok(body));
    await expect(venueFor(fake).getBalance()).rejects.toBeInstanceOf(BadResponse);
  });

  it('reports positive positions on YES and negative ones on NO, across pages', async () => {
    fake.on('GET /portfolio/positions', (req) =>
      req.query.get('cursor')
        ? ok({
            market_positions: [
              { ticker: 'B', position_fp: '-2.50' },
              { ticker: 'C', position_fp: '0.00' },
            ],
            event_positions: [],
            cursor: '',
          })
        : ok({ market_positions: [{ ticker: 'A', position_fp: '10.00' }], event_positions: [], cursor: 'next' }),
    );
    expect(await venueFor(fake).getPositions()).toEqual([
      { instrument: { venue: 'kalshi', ticker: 'A', side: 'yes' }, sizeCenti: 1000 },
      { instrument: { venue: 'kalshi', ticker: 'B', side: 'no' }, sizeCenti: 250 },
    ]);
    expect(fake.requests('GET', '/portfolio/positions')[0]?.query.get('count_filter')).toBe('position');
  });

  it('lists settlements in exact units', async () => {
    fake.on(
      'GET /portfolio/settlements',
      ok({
        settlements: [
          {
            ticker: LAL,
            event_ticker: 'E',
            market_result: 'no',
            yes_count_fp: '0.00',
            no_count_fp: '10.00',
            yes_total_cost_dollars: '0.0000',
            no_total_cost_dollars: '5.6800',
            revenue: 1000,
            value: 0,
            fee_cost: '0.1800',
            settled_time: '2025-12-28T06:00:00Z',
          },
        ],
        cursor: '',
      }),
    );
    expect(await venueFor(fake).listSettlements()).toEqual([
      {
        ticker: LAL,
        eventTicker: 'E',
        result: 'no',
        yesCenti: 0,
        noCenti: 1000,
        revenueMicros: 10_000_000,
        feeMicros: 180_000,
        settledAtMs: Date.parse('2025-12-28T06:00:00Z'),
      },
    ]);
  });

  it('stops on a repeating cursor instead of looping', async () => {
    fake.on('GET /portfolio/positions', ok({ market_positions: [], cursor: 'same' }));
    await expect(venueFor(fake).getPositions()).rejects.toBeInstanceOf(BadResponse);
  });
});
