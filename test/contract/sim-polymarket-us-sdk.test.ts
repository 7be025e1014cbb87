/**
 * Contract: the official Polymarket US SDK (`polymarket-us` 0.1.1, a devDependency used as an
 * oracle only) against our simulator. The SDK signs with its own Ed25519 code (@noble/ed25519), so
 * an accepted request shows the simulator verifies what the venue's own client sends; its answers
 * must carry what the SDK's types declare. Where the venue's OpenAPI pages and the SDK's types
 * disagree (the book's `marketData` envelope, the settlement shape: docs/venues-polymarket-us.md#u-book,
 * #u-settlement) the simulator follows the pages, and this test records the difference.
 */
import {
  AuthenticationError,
  BadRequestError,
  type GetOrderResponse,
  type MarketBook,
  NotFoundError,
  type Order,
  PolymarketUS,
  RateLimitError,
} from 'polymarket-us';
import {
  LAL_BOS,
  LAL_BOS_SLUG,
  newPmusKey,
  type PmusWorld,
  startPmusWorld,
} from '../support/sim/polymarket-us-fixture';

let world: PmusWorld;
let sdk: PolymarketUS;

/** Each key of `spec` present in `value` with the declared JS type (`?` = optional). */
function expectShape(value: unknown, spec: Record<string, string>): void {
  const v = value as Record<string, unknown>;
  for (const [key, type] of Object.entries(spec)) {
    const optional = type.endsWith('?');
    const want = optional ? type.slice(0, -1) : type;
    if (optional && v[key] === undefined) continue;
    const got = Array.isArray(v[key]) ? 'array' : v[key] === null ? 'null' : typeof v[key];
    expect([key, got]).toEqual([key, want]);
  }
}

const AMOUNT = { value: 'string', currency: 'string' };
const ORDER = {
  id: 'string',
  marketSlug: 'string',
  side: 'string',
  type: 'string',
  price: 'object',
  quantity: 'number',
  cumQuantity: 'number',
  leavesQuantity: 'number',
  tif: 'string',
  intent: 'string',
  state: 'string',
  avgPx: 'object?',
  createTime: 'string?',
};

beforeAll(async () => {
  world = await startPmusWorld({ realNow: Date.now });
  world.sim.control.addMarket(LAL_BOS);
  world.sim.control.setBook(LAL_BOS_SLUG, {
    bids: [{ priceMicros: 440_000, sizeCenti: 5_000 }],
    offers: [{ priceMicros: 460_000, sizeCenti: 5_000 }],
  });
  sdk = new PolymarketUS({
    keyId: world.key.keyId,
    secretKey: world.key.secretKey,
    gatewayBaseUrl: world.sim.gatewayUrl,
    apiBaseUrl: world.sim.apiUrl,
  });
});
afterAll(() => world.close());

describe('public reads through the SDK', () => {
  it('sports, series, events and markets carry the SDK types’ fields', async () => {
    const sports = await sdk.sports.list();
    expectShape(sports.sports[0], { id: 'string', name: 'string', slug: 'string', leagues: 'array?' });
    const series = await sdk.series.list();
    expectShape(series.series[0], {
      id: 'number',
      slug: 'string',
      title: 'string',
      active: 'boolean',
      closed: 'boolean',
      archived: 'boolean',
    });
    const events = await sdk.events.list({ limit: 10 });
    // The SDK types `Event.id` as a number; the venue's OpenAPI page says string, and so does the simulator.
    expectShape(events.events[0], {
      id: 'string',
      slug: 'string',
      title: 'string',
      active: 'boolean',
      closed: 'boolean',
      markets: 'array',
    });
    const markets = await sdk.markets.list({ limit: 10 });
    expectShape(markets.markets[0], { slug: 'string', title: 'string', active: 'boolean', closed: 'boolean' });
    const one = await sdk.markets.retrieveBySlug(LAL_BOS_SLUG);
    expect(one.market.slug).toBe(LAL_BOS_SLUG);
  });

  it('the book comes in the documented marketData envelope (the SDK’s type has no envelope)', async () => {
    const raw = (await sdk.markets.book(LAL_BOS_SLUG)) as unknown as { marketData: MarketBook };
    expect((raw as unknown as MarketBook).bids).toBeUndefined();
    expectShape(raw.marketData, { marketSlug: 'string', bids: 'array', offers: 'array', state: 'string' });
    expectShape(raw.marketData.offers[0], { px: 'object', qty: 'string' });
    expectShape(raw.marketData.offers[0]!.px, AMOUNT);
    expect(raw.marketData.state).toBe('MARKET_STATE_OPEN');
    const bbo = (await sdk.markets.bbo(LAL_BOS_SLUG)) as unknown as { marketData: Record<string, unknown> };
    expectShape(bbo.marketData, { marketSlug: 'string', bestBid: 'object', bestAsk: 'object' });
  });

  it('settlement: not found before, the documented {slug, settlement} after', async () => {
    const w = await startPmusWorld({ realNow: Date.now });
    try {
      w.sim.control.addMarket(LAL_BOS);
      const s = new PolymarketUS({ gatewayBaseUrl: w.sim.gatewayUrl, apiBaseUrl: w.sim.apiUrl });
      await expect(s.markets.settlement(LAL_BOS_SLUG)).rejects.toBeInstanceOf(NotFoundError);
      w.sim.control.resolve(LAL_BOS_SLUG, 1_000_000);
      expect(await s.markets.settlement(LAL_BOS_SLUG)).toEqual({ slug: LAL_BOS_SLUG, settlement: 1 });
    } finally {
      await w.close();
    }
  });
});

describe('signed calls through the SDK: the simulator accepts its Ed25519 signatures', () => {
  it('balances', async () => {
    const b = await sdk.account.balances();
    expectShape(b.balances[0], { currentBalance: 'number', currency: 'string', buyingPower: 'number' });
    expect(b.balances[0]!.currency).toBe('USD');
  });

  it('creates a synchronous FOK order, reads it, lists it among activities and positions', async () => {
    const created = await sdk.orders.create({
      marketSlug: LAL_BOS_SLUG,
      intent: 'ORDER_INTENT_BUY_LONG',
      type: 'ORDER_TYPE_LIMIT',
      price: { value: '0.46', currency: 'USD' },
      quantity: 10,
      tif: 'TIME_IN_FORCE_FILL_OR_KILL',
      manualOrderIndicator: 'MANUAL_ORDER_INDICATOR_AUTOMATIC',
      synchronousExecution: true,
      maxBlockTime: '5',
    });
    expect(typeof created.id).toBe('string');
    const last = created.executions!.at(-1)!;
    expectShape(last, {
      id: 'string',
      order: 'object',
      type: 'string',
      lastShares: 'string',
      lastPx: 'object',
      tradeId: 'string',
    });
    expectShape(last.order, ORDER);
    expect([last.type, last.order.state]).toEqual(['EXECUTION_TYPE_FILL', 'ORDER_STATE_FILLED']);
    const got: GetOrderResponse = await sdk.orders.retrieve(created.id);
    expectShape(got.order, ORDER);
    expectShape(got.order.price, AMOUNT);
    expect(got.order.cumQuantity).toBe(10);
    const positions = await sdk.portfolio.positions();
    expectShape(positions.positions[LAL_BOS_SLUG], {
      netPosition: 'string',
      cost: 'object',
      realized: 'object',
      expired: 'boolean',
    });
    expect(positions.eof).toBe(true);
    const activities = await sdk.portfolio.activities({ marketSlug: LAL_BOS_SLUG, types: ['ACTIVITY_TYPE_TRADE'] });
    expectShape(activities.activities[0]!.trade, {
      id: 'string',
      marketSlug: 'string',
      state: 'string',
      price: 'object',
      qty: 'string',
    });
  });

  it('an order without a synchronous answer gets its id only', async () => {
    const created = await sdk.orders.create({
      marketSlug: LAL_BOS_SLUG,
      intent: 'ORDER_INTENT_BUY_SHORT',
      type: 'ORDER_TYPE_LIMIT',
      price: { value: '0.44', currency: 'USD' },
      quantity: 1,
      tif: 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL',
    });
    expect(created.executions).toBeUndefined();
    const got = await sdk.orders.retrieve(created.id);
    expect(got.order.intent).toBe('ORDER_INTENT_BUY_SHORT');
  });

  it('lists, cancels one, cancels all, previews', async () => {
    const resting = async () =>
      (
        await sdk.orders.create({
          marketSlug: LAL_BOS_SLUG,
          intent: 'ORDER_INTENT_BUY_LONG',
          type: 'ORDER_TYPE_LIMIT',
          price: { value: '0.30', currency: 'USD' },
          quantity: 2,
          tif: 'TIME_IN_FORCE_GOOD_TILL_CANCEL',
        })
      ).id;
    const a = await resting();
    const b = await resting();
    const open = await sdk.orders.list({ slugs: [LAL_BOS_SLUG] });
    expect(open.orders.map((o: Order) => o.id)).toEqual(expect.arrayContaining([a, b]));
    await sdk.orders.cancel(a, { marketSlug: LAL_BOS_SLUG });
    expect((await sdk.orders.retrieve(a)).order.state).toBe('ORDER_STATE_CANCELED');
    expect((await sdk.orders.cancelAll({ slugs: [LAL_BOS_SLUG] })).canceledOrderIds).toEqual([b]);
    const preview = await sdk.orders.preview({
      request: {
        marketSlug: LAL_BOS_SLUG,
        intent: 'ORDER_INTENT_BUY_LONG',
        price: { value: '0.41', currency: 'USD' },
        quantity: 3,
      },
    });
    expectShape(preview.order, { marketSlug: 'string', intent: 'string', quantity: 'number', state: 'string' });
  });

  it('the exchange rejects an out-of-bounds price with an order id; the gateway refuses an unreadable body with 400', async () => {
    const rejected = await sdk.orders.create({
      marketSlug: LAL_BOS_SLUG,
      intent: 'ORDER_INTENT_BUY_LONG',
      price: { value: '0.995', currency: 'USD' },
      quantity: 1,
      tif: 'TIME_IN_FORCE_FILL_OR_KILL',
      synchronousExecution: true,
    });
    expect(rejected.executions!.at(-1)).toMatchObject({
      type: 'EXECUTION_TYPE_REJECTED',
      orderRejectReason: 'ORD_REJECT_REASON_PRICE_OUT_OF_BOUNDS',
    });
    await expect(
      sdk.orders.create({ marketSlug: LAL_BOS_SLUG, intent: 'ORDER_INTENT_BUY_LONG', quantity: 1 }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe('refusals the SDK types', () => {
  it('a key the simulator does not know, or a wrong secret, is a 401', async () => {
    const other = newPmusKey();
    const wrongSecret = new PolymarketUS({
      keyId: world.key.keyId,
      secretKey: other.secretKey,
      apiBaseUrl: world.sim.apiUrl,
    });
    await expect(wrongSecret.account.balances()).rejects.toBeInstanceOf(AuthenticationError);
    const unknown = new PolymarketUS({
      keyId: '11111111-2222-4333-8444-555555555555',
      secretKey: world.key.secretKey,
      apiBaseUrl: world.sim.apiUrl,
    });
    await expect(unknown.account.balances()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('over the rate limit: 429 with the documented body', async () => {
    const limited = await startPmusWorld({ realNow: Date.now, rateLimit: { perSec: 3 } });
    try {
      const s = new PolymarketUS({ gatewayBaseUrl: limited.sim.gatewayUrl, apiBaseUrl: limited.sim.apiUrl });
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => s.sports.list()));
      const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]).toBeInstanceOf(RateLimitError);
      expect((refused[0] as Error).message).toBe('Too Many Requests');
    } finally {
      await limited.close();
    }
  });
});
