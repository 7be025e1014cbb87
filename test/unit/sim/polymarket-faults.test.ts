import { type Harness, httpFetch, LAKERS, levels, startHarness } from '../../support/sim/polymarket-fixture';

describe('Polymarket simulator: fault injection per route pattern', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.sim.control.setBook(LAKERS, { bids: levels([380_000, 5000]), asks: levels([400_000, 1000], [420_000, 2000]) });
  });
  afterEach(() => h.sim.close());

  // 40 shares at limit 0.42 (30 available on the book).
  const buy40 = () => h.order({ side: 'BUY', makerAmount: '16800000', takerAmount: '40000000' });
  const bookUrl = () => `${h.sim.url}/book?token_id=${LAKERS}`;

  it('answers an injected 500 without executing the order, then recovers', async () => {
    h.sim.faults.add({ endpoint: 'POST /order', kind: 'error', status: 500, times: 1 });
    const failed = await h.postOrder(await buy40(), 'FAK');
    expect(failed.status).toBe(500);
    expect(h.sim.control.orders()).toHaveLength(0);
    expect(h.sim.control.account(h.wallet.address)!.balanceMicros).toBe(1_000_000_000);
    expect((await h.postOrder(await buy40(), 'FAK')).status).toBe(200);
  });

  it('answers 429 with a retry-after header', async () => {
    h.sim.faults.add({ endpoint: 'GET /book', kind: 'error', status: 429, retryAfterSec: 7 });
    const res = await httpFetch(bookUrl());
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ error: 'Too Many Requests' });
  });

  it('holds a request open on timeout and executes nothing', async () => {
    h.sim.faults.add({ endpoint: 'POST /order', kind: 'timeout' });
    const order = await buy40();
    await expect(
      httpFetch(`${h.sim.url}/order`, {
        method: 'POST',
        body: JSON.stringify({ order }),
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(h.sim.control.orders()).toHaveLength(0);
  });

  it('adds latency before answering', async () => {
    h.sim.faults.add({ endpoint: 'GET /book', latencyMs: 150 });
    const started = performance.now();
    expect((await httpFetch(bookUrl())).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('answers valid JSON of the wrong shape when malformed', async () => {
    h.sim.faults.add({ endpoint: 'GET /book', kind: 'malformed', times: 1 });
    const bad = (await (await httpFetch(bookUrl())).json()) as Record<string, unknown>;
    expect(bad).not.toHaveProperty('market');
    expect(typeof bad.timestamp).toBe('number');
    const good = (await (await httpFetch(bookUrl())).json()) as Record<string, unknown>;
    expect(good).toHaveProperty('market');
  });

  it('caps a FAK fill at fillRatio and kills a FOK under the same fault', async () => {
    h.sim.faults.add({ endpoint: 'POST /order', kind: 'partial', fillRatio: 0.5 });
    const fak = await h.postOrder(await buy40(), 'FAK');
    // Half the $16.80 spend: 10 @ 0.40 ($4.00), then $4.40 buys 10.47 @ 0.42 (docs/venues-polymarket.md#p4-market-buy).
    expect(fak.json).toMatchObject({ status: 'matched', makingAmount: '8.3974', takingAmount: '20.47' });
    const fok = await h.postOrder(
      await h.order({ side: 'BUY', makerAmount: '2000000', takerAmount: '5000000', salt: 9 }),
      'FOK',
    );
    expect(fok.status).toBe(400);
  });

  it('reports a late fill: delayed now, visible in GET /data/order only after delayMs of sim time', async () => {
    h.sim.faults.add({ endpoint: 'POST /order', kind: 'late', delayMs: 5_000 });
    const res = await h.postOrder(await buy40(), 'FAK');
    expect(res.json).toMatchObject({
      success: true,
      status: 'delayed',
      makingAmount: '',
      takingAmount: '',
      tradeIDs: [],
    });
    const id = String(res.json.orderID);
    expect((await h.call('GET', `/data/order/${id}`)).json).toMatchObject({ status: 'DELAYED', size_matched: '0' });
    expect(((await h.call('GET', '/data/trades')).json as { data: unknown[] }).data).toHaveLength(0);
    h.clock.advance(5_000);
    expect((await h.call('GET', `/data/order/${id}`)).json).toMatchObject({ status: 'MATCHED', size_matched: '30' });
    expect(((await h.call('GET', '/data/trades')).json as { data: unknown[] }).data).toHaveLength(2);
  });

  it('accepts a late FOK that cannot fill as delayed, and shows it CANCELED with nothing matched later', async () => {
    h.sim.faults.add({ endpoint: 'POST /order', kind: 'late', delayMs: 2_000 });
    const res = await h.postOrder(await buy40(), 'FOK');
    expect(res.json).toMatchObject({ success: true, status: 'delayed' });
    h.clock.advance(2_000);
    expect((await h.call('GET', `/data/order/${String(res.json.orderID)}`)).json).toMatchObject({
      status: 'CANCELED',
      size_matched: '0',
    });
    expect(h.sim.control.account(h.wallet.address)!.balanceMicros).toBe(1_000_000_000);
    expect(h.sim.state.books.get(LAKERS)!.asks).toHaveLength(2);
  });

  it('stays up on garbage: bad escapes, bad JSON, unknown routes', async () => {
    expect((await httpFetch(`${h.sim.url}/markets/%E0%A4%A`)).status).toBe(404);
    expect((await httpFetch(`${h.sim.url}/books`, { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await h.call('POST', '/order', 'not an order')).json).toEqual({ error: 'Invalid order payload' });
    expect((await httpFetch(`${h.sim.url}/nope`)).status).toBe(404);
    expect((await httpFetch(`${h.sim.url}/version`)).status).toBe(200);
  });

  it('takes rules over the admin endpoint and shows state there', async () => {
    const add = await httpFetch(`${h.sim.url}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ endpoint: 'POST /books', kind: 'error', status: 503 }),
    });
    expect(add.status).toBe(200);
    const books = await httpFetch(`${h.sim.url}/books`, {
      method: 'POST',
      body: JSON.stringify([{ token_id: LAKERS }]),
    });
    expect(books.status).toBe(503);
    await httpFetch(`${h.sim.url}/_sim/faults`, { method: 'DELETE' });
    const again = await httpFetch(`${h.sim.url}/books`, {
      method: 'POST',
      body: JSON.stringify([{ token_id: LAKERS }]),
    });
    expect(again.status).toBe(200);
    const state = (await (await httpFetch(`${h.sim.url}/_sim/state`)).json()) as {
      accounts: Array<{ balanceMicros: number }>;
    };
    expect(state.accounts[0]!.balanceMicros).toBe(1_000_000_000);
    const bad = await httpFetch(`${h.sim.url}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'error' }),
    });
    expect(bad.status).toBe(400);
  });
});
