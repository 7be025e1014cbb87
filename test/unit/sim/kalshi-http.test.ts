/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read ad hoc in assertions */
import { generateKeyPairSync } from 'node:crypto';
import { ManualClock } from '../../../local/sim/clock';
import { type KalshiSim, kalshiAuthHeaders, startKalshiSim } from '../../../local/sim/kalshi';

const keys = () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};
const MINE = keys();
const OTHER = keys();
const T0 = Date.UTC(2026, 10, 25, 23, 0, 0);
const LAL = 'KXNBAGAME-26NOV25LALBOS-LAL';
const BOS = 'KXNBAGAME-26NOV25LALBOS-BOS';

let sim: KalshiSim;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(T0);
  sim = await startKalshiSim({ clock });
  sim.control.addEvent({
    league: 'NBA',
    seriesTicker: 'KXNBAGAME',
    eventTicker: 'KXNBAGAME-26NOV25LALBOS',
    title: 'Los Angeles L at Boston Winner?',
    gameStartMs: T0,
    expectedExpirationMs: T0 + 3 * 3_600_000,
    markets: [
      { ticker: LAL, yesSubTitle: 'Los Angeles L', tickMicros: 10_000 },
      { ticker: BOS, yesSubTitle: 'Boston', tickMicros: 10_000 },
    ],
  });
  sim.control.setBook(LAL, {
    yesBids: [
      { priceMicros: 420_000, sizeCenti: 1_300 },
      { priceMicros: 410_000, sizeCenti: 5_000 },
    ],
    noBids: [
      { priceMicros: 560_000, sizeCenti: 2_000 },
      { priceMicros: 550_000, sizeCenti: 4_000 },
    ],
  });
  sim.control.registerAccount({ keyId: 'key-1', publicKeyPem: MINE.publicPem, balanceMicros: 50_000_000 });
});
afterEach(() => sim.close());

interface Call {
  method?: string;
  path: string;
  body?: unknown;
  sign?: { key?: string; pem?: string; signedPath?: string; skewMs?: number; signedMethod?: string } | false;
  signal?: AbortSignal;
}

async function call({
  method = 'GET',
  path,
  body,
  sign = {},
  signal,
}: Call): Promise<{ status: number; json: any; headers: Headers }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (sign) {
    const signedPath = sign.signedPath ?? `/trade-api/v2${path.split('?')[0]}`;
    Object.assign(
      headers,
      kalshiAuthHeaders(
        sign.key ?? 'key-1',
        sign.pem ?? MINE.privatePem,
        sign.signedMethod ?? method,
        signedPath,
        Date.now() + (sign.skewMs ?? 0),
      ),
    );
  }
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(signal ? { signal } : {}),
  });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

const buyLal = (extra: Record<string, unknown> = {}) => ({
  ticker: LAL,
  side: 'bid',
  count: '10',
  price: '0.4500',
  time_in_force: 'immediate_or_cancel',
  self_trade_prevention_type: 'taker_at_cross',
  ...extra,
});

describe('simulated Kalshi authentication (docs/venues-kalshi.md#k3)', () => {
  it('accepts a request signed over timestamp + METHOD + /trade-api/v2 path', async () => {
    const r = await call({ path: '/portfolio/balance' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ balance: 5_000, balance_dollars: '50.0000' });
  });

  it.each([
    ['no headers', { sign: false as const }],
    ['an unknown key id', { sign: { key: 'nobody' } }],
    ['a signature from another key', { sign: { pem: OTHER.privatePem } }],
    ['a path signed without the /trade-api/v2 prefix', { sign: { signedPath: '/portfolio/balance' } }],
    [
      'a path signed with its query string',
      { path: '/portfolio/orders?ticker=X', sign: { signedPath: '/trade-api/v2/portfolio/orders?ticker=X' } },
    ],
    ['the wrong method signed', { sign: { signedMethod: 'POST' } }],
    ['a timestamp 31 s old', { sign: { skewMs: -31_000 } }],
    ['a timestamp 31 s ahead', { sign: { skewMs: 31_000 } }],
  ])('rejects %s with 401 authentication_error', async (_name, c) => {
    const r = await call({ path: '/portfolio/balance', ...c } as Call);
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('authentication_error');
  });

  it('serves public market data without auth', async () => {
    const r = await call({ path: `/markets/${LAL}/orderbook`, sign: false });
    expect(r.status).toBe(200);
    // Bids only, ascending: best LAST (docs/venues-kalshi.md#k2).
    expect(r.json.orderbook_fp).toEqual({
      yes_dollars: [
        ['0.4100', '50.00'],
        ['0.4200', '13.00'],
      ],
      no_dollars: [
        ['0.5500', '40.00'],
        ['0.5600', '20.00'],
      ],
    });
  });
});

describe('simulated Kalshi routes', () => {
  it('answers unknown markets with 404 in the venue error envelope', async () => {
    const r = await call({ path: '/markets/NOPE', sign: false });
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error: { code: 'not_found', message: 'market NOPE not found' } });
  });

  it('lists markets with _dollars/_fp fields and filters by event and status', async () => {
    const r = await call({ path: '/markets?event_ticker=KXNBAGAME-26NOV25LALBOS&status=open', sign: false });
    expect(r.json.markets.map((m: any) => m.ticker)).toEqual([LAL, BOS]);
    expect(r.json.markets[0]).toMatchObject({
      yes_bid_dollars: '0.4200',
      yes_ask_dollars: '0.4400',
      yes_ask_size_fp: '20.00',
      status: 'active',
    });
    sim.control.closeMarket(BOS);
    const open = await call({ path: '/markets?series_ticker=KXNBAGAME&status=open', sign: false });
    expect(open.json.markets.map((m: any) => m.ticker)).toEqual([LAL]);
  });

  it('pages with an opaque cursor that is empty on the last page', async () => {
    const first = await call({ path: '/markets?limit=1', sign: false });
    expect(first.json.cursor).not.toBe('');
    const second = await call({ path: `/markets?limit=1&cursor=${first.json.cursor}`, sign: false });
    expect(second.json.markets[0].ticker).toBe(BOS);
    expect(second.json.cursor).toBe('');
  });

  it('returns batch order books for repeated tickers and the series fee schedule', async () => {
    const r = await call({ path: `/markets/orderbooks?tickers=${LAL}&tickers=${BOS}`, sign: false });
    expect(r.json.orderbooks.map((b: any) => b.ticker)).toEqual([LAL, BOS]);
    expect(r.json.orderbooks[1].orderbook_fp).toEqual({ yes_dollars: [], no_dollars: [] });
    const s = await call({ path: '/series/KXNBAGAME', sign: false });
    expect(s.json.series).toMatchObject({ fee_type: 'quadratic_with_maker_fees', fee_multiplier: 1 });
  });

  it('places an order, then shows it, its fills, the position and the balance', async () => {
    const placed = await call({
      method: 'POST',
      path: '/portfolio/events/orders',
      body: buyLal({ client_order_id: 'c-1' }),
    });
    expect(placed.status).toBe(201);
    expect(placed.json).toMatchObject({
      client_order_id: 'c-1',
      fill_count: '10.00',
      remaining_count: '0.00',
      average_fill_price: '0.4400',
    });
    const id = placed.json.order_id;
    const got = await call({ path: `/portfolio/orders/${id}` });
    expect(got.json.order).toMatchObject({
      status: 'executed',
      book_side: 'bid',
      outcome_side: 'yes',
      fill_count_fp: '10.00',
      taker_fill_cost_dollars: '4.4000',
      taker_fees_dollars: '0.1800', // 0.07·10·0.44·0.56 = 0.17248 → 0.1725 → cent rounding
    });
    const list = await call({ path: `/portfolio/orders?ticker=${LAL}&status=executed` });
    expect(list.json.orders.find((o: any) => o.client_order_id === 'c-1')?.order_id).toBe(id);
    const fills = await call({ path: `/portfolio/fills?order_id=${id}` });
    expect(fills.json.fills).toHaveLength(1);
    const pos = await call({ path: '/portfolio/positions' });
    expect(pos.json.market_positions[0]).toMatchObject({
      ticker: LAL,
      position_fp: '10.00',
      market_exposure_dollars: '4.4000',
    });
    const bal = await call({ path: '/portfolio/balance' });
    expect(bal.json.balance_dollars).toBe('45.4200');
    const dup = await call({
      method: 'POST',
      path: '/portfolio/events/orders',
      body: buyLal({ client_order_id: 'c-1' }),
    });
    expect([dup.status, dup.json.error.code]).toEqual([409, 'order_already_exists']);
  });

  it('cancels a resting order over DELETE /portfolio/events/orders/{id}; a second cancel reduces nothing', async () => {
    const placed = await call({
      method: 'POST',
      path: '/portfolio/events/orders',
      body: buyLal({ client_order_id: 'rest-1', price: '0.3000', time_in_force: 'good_till_canceled' }),
    });
    expect(placed.json).toMatchObject({ fill_count: '0.00', remaining_count: '10.00' });
    const id = placed.json.order_id;
    expect((await call({ path: `/portfolio/orders/${id}` })).json.order.status).toBe('resting');
    const cancelled = await call({ method: 'DELETE', path: `/portfolio/events/orders/${id}?market_ticker=${LAL}` });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ order_id: id, client_order_id: 'rest-1', reduced_by: '10.00' });
    expect((await call({ path: `/portfolio/orders/${id}` })).json.order).toMatchObject({
      status: 'canceled',
      remaining_count_fp: '0.00',
    });
    expect((await call({ method: 'DELETE', path: `/portfolio/events/orders/${id}` })).json.reduced_by).toBe('0.00');
    expect((await call({ path: '/portfolio/balance' })).json.balance_dollars).toBe('50.0000');
  });

  it('validates the order body', async () => {
    const r = await call({ method: 'POST', path: '/portfolio/events/orders', body: buyLal({ price: 0.45 }) });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('bad_request');
  });

  it('records settlements under /portfolio/settlements', async () => {
    await call({ method: 'POST', path: '/portfolio/events/orders', body: buyLal() });
    sim.control.settle(LAL, 'yes');
    const r = await call({ path: '/portfolio/settlements' });
    expect(r.json.settlements[0]).toMatchObject({
      ticker: LAL,
      market_result: 'yes',
      yes_count_fp: '10.00',
      revenue: 1_000,
      value: 100,
    });
    const m = await call({ path: `/markets/${LAL}`, sign: false });
    expect(m.json.market).toMatchObject({ status: 'finalized', result: 'yes', settlement_value_dollars: '1.0000' });
  });
});

describe('simulated Kalshi fault injection', () => {
  const ORDERS = 'POST /portfolio/events/orders';

  it('adds latency', async () => {
    sim.faults.add({ endpoint: 'GET /markets/{ticker}', latencyMs: 150 });
    const t = Date.now();
    await call({ path: `/markets/${LAL}`, sign: false });
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('answers 5xx once at an exact step, without executing the order', async () => {
    sim.faults.add({ endpoint: ORDERS, kind: 'error', status: 503, skip: 1, times: 1 });
    expect(
      (await call({ method: 'POST', path: '/portfolio/events/orders', body: buyLal({ count: '1' }) })).status,
    ).toBe(201);
    const failed = await call({ method: 'POST', path: '/portfolio/events/orders', body: buyLal({ count: '1' }) });
    expect([failed.status, failed.json.error.code]).toEqual([503, 'service_unavailable']);
    expect(sim.control.positions('key-1')).toEqual([{ ticker: LAL, positionCenti: 100 }]);
    expect(
      (await call({ method: 'POST', path: '/portfolio/events/orders', body: buyLal({ count: '1' }) })).status,
    ).toBe(201);
  });

  it('answers 429 with Retry-After', async () => {
    sim.faults.add({ endpoint: 'GET /markets/orderbooks', kind: 'error', status: 429, retryAfterSec: 2 });
    const r = await call({ path: `/markets/orderbooks?tickers=${LAL}`, sign: false });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2');
    expect(r.json.error.code).toBe('too_many_requests');
  });

  it('holds a timed-out order open, though the venue executed it', async () => {
    sim.faults.add({ endpoint: ORDERS, kind: 'timeout' });
    await expect(
      call({ method: 'POST', path: '/portfolio/events/orders', body: buyLal(), signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(sim.control.positions('key-1')).toEqual([{ ticker: LAL, positionCenti: 1_000 }]);
  });

  it('answers 200 with a wrong-shaped body when malformed', async () => {
    sim.faults.add({ endpoint: 'GET /markets/{ticker}/orderbook', kind: 'malformed' });
    const r = await call({ path: `/markets/${LAL}/orderbook`, sign: false });
    expect(r.status).toBe(200);
    expect(Array.isArray(r.json.orderbook_fp.no_dollars)).toBe(false);
  });

  it('fills only fillRatio of an IOC on a partial fault', async () => {
    sim.faults.add({ endpoint: ORDERS, kind: 'partial', fillRatio: 0.3 });
    const r = await call({ method: 'POST', path: '/portfolio/events/orders', body: buyLal() });
    expect(r.json.fill_count).toBe('3.00');
  });

  it('reports a late fill only after delayMs of simulated time', async () => {
    sim.faults.add({ endpoint: ORDERS, kind: 'late', delayMs: 5_000 });
    const r = await call({ method: 'POST', path: '/portfolio/events/orders', body: buyLal() });
    expect(r.json).toMatchObject({ fill_count: '0.00', remaining_count: '10.00' });
    const early = await call({ path: `/portfolio/orders/${r.json.order_id}` });
    expect(early.json.order).toMatchObject({ status: 'resting', fill_count_fp: '0.00' });
    expect((await call({ path: '/portfolio/fills' })).json.fills).toHaveLength(0);
    clock.advance(5_000);
    const later = await call({ path: `/portfolio/orders/${r.json.order_id}` });
    expect(later.json.order).toMatchObject({ status: 'executed', fill_count_fp: '10.00' });
    expect((await call({ path: '/portfolio/fills' })).json.fills).toHaveLength(1);
  });

  it('is driven over the admin endpoints too', async () => {
    const add = await fetch(`${sim.origin}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ endpoint: 'GET /markets', kind: 'error', status: 500 }),
    });
    expect(add.status).toBe(201);
    expect((await call({ path: '/markets', sign: false })).status).toBe(500);
    await fetch(`${sim.origin}/_sim/faults`, { method: 'DELETE' });
    expect((await call({ path: '/markets', sign: false })).status).toBe(200);
    const bad = await fetch(`${sim.origin}/_sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'explode' }) });
    expect(bad.status).toBe(400);
    const state = (await (await fetch(`${sim.origin}/_sim/state`)).json()) as any;
    expect(state.accounts[0]).toMatchObject({ key_id: 'key-1', balance_dollars: '50.0000' });
    expect(JSON.stringify(state)).not.toContain('PUBLIC KEY');
  });
});
