import { Wallet } from 'ethers';
import { EXCHANGES } from '../../../local/sim/polymarket/constants';
import {
  CREDS_A,
  type Harness,
  httpFetch,
  KEY_B,
  LAKERS,
  levels,
  startHarness,
  T0,
} from '../../support/sim/polymarket-fixture';

const FOK_MSG = "order couldn't be fully filled. FOK orders are fully filled or killed.";

describe('Polymarket simulator: POST /order matching and fees', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    // Asks best-first: 10 @ 0.40, 20 @ 0.42; bids 50 @ 0.38.
    h.sim.control.setBook(LAKERS, { bids: levels([380_000, 5000]), asks: levels([400_000, 1000], [420_000, 2000]) });
  });
  afterEach(() => h.sim.close());

  const buy = (shares: number, price: number) => ({
    side: 'BUY' as const,
    makerAmount: String((shares * price) / 100),
    takerAmount: String(shares * 1e4),
  });

  /** A planned N-share buy as PolyMix signs it: maker = the walk's cost, taker = cost ÷ worst, 4 decimals down. */
  const marketBuy = (spendMicros: number, worstMicros: number) => ({
    side: 'BUY' as const,
    makerAmount: String(spendMicros),
    takerAmount: String(Math.floor((spendMicros * 1e4) / worstMicros) * 100),
  });

  it('fills a planned multi-level FOK buy with EXACTLY the planned shares, charging rate·C·p(1−p) per fill', async () => {
    // 25 shares: 10 @ 0.40 + 15 @ 0.42 = $10.30; taker 10.30 / 0.42 = 24.5238 (the minimum).
    const order = await h.order(marketBuy(10_300_000, 420_000));
    expect(order.takerAmount).toBe('24523800');
    const r = await h.postOrder(order, 'FOK');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      success: true,
      errorMsg: '',
      status: 'matched',
      makingAmount: '10.3',
      takingAmount: '25',
    });
    expect(r.json.tradeIDs).toHaveLength(2);
    // 10 @ 0.40 = 4.00 + fee 0.072; 15 @ 0.42 = 6.30 + fee 0.10962.
    const account = h.sim.control.account(h.wallet.address)!;
    expect(account.balanceMicros).toBe(1_000_000_000 - 4_000_000 - 72_000 - 6_300_000 - 109_620);
    expect(account.positions[LAKERS]).toBe(2500);
    const book = (await (await httpFetch(`${h.sim.url}/book?token_id=${LAKERS}`)).json()) as {
      asks: unknown[];
      last_trade_price: string;
    };
    expect(book.asks).toEqual([{ price: '0.42', size: '5' }]);
    expect(book.last_trade_price).toBe('0.42');
    const trades = h.sim.control.trades().map((t) => [t.priceMicros, t.sizeCenti, t.feeMicros]);
    expect(trades).toEqual([
      [400_000, 1000, 72_000],
      [420_000, 1500, 109_620],
    ]);
  });

  it('OLD sizing (worst price × shares) over-buys: the venue spends all $10.50 and delivers 25.47 shares, not 25', async () => {
    const r = await h.postOrder(await h.order(buy(2500, 420_000)), 'FOK');
    // 10 @ 0.40 = $4.00, then $6.50 buys 15.47 @ 0.42 (the dust under 0.01 share stays unspent in the sim).
    expect(r.json).toMatchObject({ status: 'matched', makingAmount: '10.4974', takingAmount: '25.47' });
    expect(h.sim.control.account(h.wallet.address)!.positions[LAKERS]).toBe(2547);
  });

  it('OLD sizing is killed when the book holds exactly the planned shares; the new sizing fills them', async () => {
    h.sim.control.setBook(LAKERS, { bids: [], asks: levels([400_000, 1000], [420_000, 1500]) });
    expect(await h.postOrder(await h.order({ ...buy(2500, 420_000), salt: 5 }), 'FOK')).toEqual({
      status: 400,
      json: { error: FOK_MSG },
    });
    const r = await h.postOrder(await h.order({ ...marketBuy(10_300_000, 420_000), salt: 6 }), 'FOK');
    expect(r.json).toMatchObject({ status: 'matched', makingAmount: '10.3', takingAmount: '25' });
    expect(h.sim.state.books.get(LAKERS)!.asks).toEqual([]);
  });

  it('delivers MORE shares when the book improved under the limit, FEWER when it worsened inside it', async () => {
    // Plan was 25 shares for $10.30 (worst 0.42); now everything is offered at 0.40.
    h.sim.control.setBook(LAKERS, { bids: [], asks: levels([400_000, 5000]) });
    const more = await h.postOrder(await h.order({ ...marketBuy(10_300_000, 420_000), salt: 7 }), 'FOK');
    expect(more.json).toMatchObject({ status: 'matched', makingAmount: '10.3', takingAmount: '25.75' });
    // Now everything is at 0.42: $10.30 buys 24.52 shares (≥ the 24.5238 minimum, rounded to centishares).
    h.sim.control.setBook(LAKERS, { bids: [], asks: levels([420_000, 5000]) });
    const fewer = await h.postOrder(await h.order({ ...marketBuy(10_300_000, 420_000), salt: 8 }), 'FOK');
    expect(fewer.json).toMatchObject({ status: 'matched', makingAmount: '10.2984', takingAmount: '24.52' });
  });

  it("refuses a FOK/FAK buy under $1 with the venue's message, and a FOK sell under $1", async () => {
    const r = await h.postOrder(await h.order(marketBuy(990_000, 400_000)), 'FOK');
    expect(r).toEqual({
      status: 400,
      json: { error: 'invalid amount for a marketable BUY order ($0.99), min size: $1' },
    });
    const sell = await h.postOrder(
      await h.order({ side: 'SELL', makerAmount: '2000000', takerAmount: '760000', salt: 3 }),
      'FAK',
    );
    expect(sell).toEqual({
      status: 400,
      json: { error: 'invalid amount for a marketable SELL order ($0.76), min size: $1' },
    });
  });

  it('does not apply the share minimum (5) to a FOK buy worth $1', async () => {
    // 3 shares at 0.40 = $1.20.
    const r = await h.postOrder(await h.order(marketBuy(1_200_000, 400_000)), 'FOK');
    expect(r.json).toMatchObject({ status: 'matched', takingAmount: '3' });
  });

  it('kills a FOK that cannot fill completely and changes nothing', async () => {
    const r = await h.postOrder(await h.order(buy(4000, 420_000)), 'FOK');
    expect(r).toEqual({ status: 400, json: { error: FOK_MSG } });
    expect(h.sim.control.account(h.wallet.address)!.balanceMicros).toBe(1_000_000_000);
    expect(h.sim.state.books.get(LAKERS)!.asks).toEqual(levels([400_000, 1000], [420_000, 2000]));
    expect(h.sim.control.orders()).toHaveLength(0);
  });

  it('fills a FAK partially and cancels the rest', async () => {
    const r = await h.postOrder(await h.order(buy(4000, 420_000)), 'FAK');
    expect(r.json).toMatchObject({ success: true, status: 'matched', takingAmount: '30', makingAmount: '12.4' });
    const got = await h.call('GET', `/data/order/${String(r.json.orderID)}`);
    expect(got.json).toMatchObject({ status: 'MATCHED', original_size: '40', size_matched: '30', order_type: 'FAK' });
  });

  it('refuses a FAK that crosses nothing with the venue message', async () => {
    const r = await h.postOrder(await h.order(buy(1000, 300_000)), 'FAK');
    expect(r.status).toBe(400);
    expect((r.json as { error: string }).error).toMatch(/^no orders found to match with FAK order/);
  });

  it('sells a position into the bids and credits proceeds minus fee', async () => {
    await h.postOrder(await h.order(buy(1000, 400_000)), 'FOK');
    const before = h.sim.control.account(h.wallet.address)!.balanceMicros;
    // SELL 10 shares at limit 0.38: maker = 10 shares, taker = 3.80 pUSD.
    const r = await h.postOrder(
      await h.order({ side: 'SELL', makerAmount: '10000000', takerAmount: '3800000', salt: 2 }),
      'FOK',
    );
    expect(r.json).toMatchObject({ status: 'matched', makingAmount: '10', takingAmount: '3.8' });
    // fee 0.03 · 10 · 0.38 · 0.62 = 0.07068
    expect(h.sim.control.account(h.wallet.address)!.balanceMicros).toBe(before + 3_800_000 - 70_680);
    expect(h.sim.control.account(h.wallet.address)!.positions[LAKERS]).toBeUndefined();
  });

  it('refuses a buy the balance cannot cover (notional + worst-case fee)', async () => {
    h.sim.control.fund(h.wallet.address, -(1_000_000_000 - 10_000_000));
    const r = await h.postOrder(await h.order(buy(2500, 420_000)), 'FOK'); // 10.50 + fees > 10.00
    expect(r).toEqual({ status: 400, json: { error: 'not enough balance / allowance' } });
  });

  it('refuses a sell of shares the account does not hold', async () => {
    const r = await h.postOrder(await h.order({ side: 'SELL', makerAmount: '5000000', takerAmount: '1900000' }), 'FOK');
    expect(r.json).toEqual({ error: 'not enough balance / allowance' });
  });

  it('refuses the same signed order twice', async () => {
    const order = await h.order(buy(500, 400_000));
    expect((await h.postOrder(order, 'FOK')).status).toBe(200);
    const again = await h.postOrder(order, 'FOK');
    expect(again.status).toBe(400);
    expect((again.json as { error: string }).error).toMatch(/Duplicated/);
  });

  it('rests a GTC that does not cross, reports it open, and cancels it', async () => {
    const r = await h.postOrder(await h.order(buy(1000, 300_000)), 'GTC');
    expect(r.json).toMatchObject({ success: true, status: 'live', makingAmount: '', takingAmount: '' });
    const open = await h.call('GET', '/data/orders');
    expect((open.json as { data: unknown[]; next_cursor: string }).data).toHaveLength(1);
    const del = await h.call('DELETE', '/order', { orderID: r.json.orderID });
    expect(del.json).toEqual({ canceled: [r.json.orderID], not_canceled: {} });
    const unknown = await h.call('DELETE', '/order', { orderID: '0xdead' });
    expect(unknown.json).toEqual({ canceled: [], not_canceled: { '0xdead': 'Order not found' } });
  });

  it('refuses a FOK/FAK whose maker amount has more than 2 decimals, as the venue does; a GTC may', async () => {
    // 7.5 shares at 0.41 = 3.075 pUSD: three decimals.
    const fine = { side: 'BUY' as const, makerAmount: '3075000', takerAmount: '7500000' };
    for (const type of ['FOK', 'FAK'] as const) {
      const r = await h.postOrder(await h.order(fine), type);
      expect(r).toEqual({
        status: 400,
        json: {
          error:
            'invalid amounts, the market buy orders maker amount supports a max accuracy of 2 decimals, taker amount a max of 4 decimals',
        },
      });
    }
    expect(h.sim.control.orders()).toHaveLength(0);
    const gtc = await h.postOrder(await h.order(fine), 'GTC');
    expect(gtc.json).toMatchObject({ success: true });
  });

  it('refuses prices off the tick and resting orders below the minimum size', async () => {
    // 10 shares at 0.425 on a 0.01 tick.
    const offTick = await h.postOrder(
      await h.order({ side: 'BUY', makerAmount: '4250000', takerAmount: '10000000' }),
      'FOK',
    );
    expect(offTick.json).toEqual({ error: 'Price (0.425) breaks minimum tick size rule: 0.01' });
    const tiny = await h.postOrder(await h.order(buy(100, 300_000)), 'GTC');
    expect(tiny.json).toEqual({ error: 'Size (1) lower than the minimum: 5' });
  });

  it('refuses a book that is off tick or not best-first', () => {
    expect(() => h.sim.control.setBook(LAKERS, { bids: [], asks: levels([405_000, 100]) })).toThrow(/off tick/);
    expect(() => h.sim.control.setBook(LAKERS, { bids: [], asks: levels([420_000, 100], [400_000, 100]) })).toThrow(
      /best-first/,
    );
  });

  it('pages trades with the venue cursors MA== … LTE=', async () => {
    await h.sim.close();
    h = await startHarness({ pageSize: 1 });
    h.sim.control.setBook(LAKERS, { bids: [], asks: levels([400_000, 1000], [420_000, 2000]) });
    await h.postOrder(await h.order(buy(2500, 420_000)), 'FOK');
    const first = (await h.call('GET', '/data/trades?next_cursor=MA==')).json as {
      data: unknown[];
      next_cursor: string;
    };
    expect(first.data).toHaveLength(1);
    expect(first.next_cursor).not.toBe('LTE=');
    const second = (await h.call('GET', `/data/trades?next_cursor=${first.next_cursor}`)).json as {
      next_cursor: string;
    };
    expect(second.next_cursor).toBe('LTE=');
  });
});

describe('Polymarket simulator: signature and auth rejections', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.sim.control.setBook(LAKERS, { bids: [], asks: levels([400_000, 1000]) });
  });
  afterEach(() => h.sim.close());
  const draft = { side: 'BUY' as const, makerAmount: '2000000', takerAmount: '5000000' };

  it('rejects a tampered field as an invalid signature', async () => {
    const order = { ...(await h.order(draft)), takerAmount: '6000000' };
    expect((await h.postOrder(order, 'FOK')).json).toEqual({ error: 'invalid signature' });
  });

  it('answers order_version_mismatch to a domain-version "1" signature and to a V1-shaped body', async () => {
    expect((await h.postOrder(await h.order(draft, { version: '1' }), 'FOK')).json).toEqual({
      error: 'order_version_mismatch',
    });
    const v1 = {
      ...(await h.order(draft)),
      nonce: '0',
      feeRateBps: '0',
      taker: '0x0000000000000000000000000000000000000000',
    };
    expect((await h.postOrder(v1, 'FOK')).json).toEqual({ error: 'order_version_mismatch' });
  });

  it('rejects a signature for the wrong exchange (neg-risk exchange on a plain market)', async () => {
    const order = await h.order(draft, { verifyingContract: EXCHANGES.negRiskV2 });
    expect((await h.postOrder(order, 'FOK')).json).toEqual({ error: 'invalid signature' });
  });

  it('rejects stale and future order timestamps against the sim clock', async () => {
    expect((await h.postOrder(await h.order({ ...draft, timestampMs: T0 - 61_000 }), 'FOK')).json).toEqual({
      error: 'invalid order timestamp',
    });
    expect((await h.postOrder(await h.order({ ...draft, timestampMs: T0 + 11_000 }), 'FOK')).json).toEqual({
      error: 'invalid order timestamp',
    });
  });

  it('rejects an order signed by a wallet other than the API key owner', async () => {
    const other = new Wallet(KEY_B);
    const order = await h.order({ ...draft, maker: h.wallet.address }, {}, other);
    expect((await h.postOrder(order, 'FOK')).json).toEqual({
      error: 'the order signer address has to be the address of the API KEY',
    });
  });

  it('rejects an owner that is not the API key', async () => {
    const r = await h.postOrder(await h.order(draft), 'FOK', 'someone-else');
    expect(r.json).toEqual({ error: 'the order owner has to be the owner of the API KEY' });
  });

  it('answers 401 to a wrong HMAC, an unknown key and a stale header timestamp', async () => {
    const wrongSecret = { ...CREDS_A, secret: Buffer.from('another-secret').toString('base64') };
    const unknownKey = { ...CREDS_A, key: 'not-a-key' };
    for (const opts of [{ creds: wrongSecret }, { creds: unknownKey }, { tsSec: T0 / 1000 - 31 }]) {
      const r = await h.call('GET', '/data/orders', undefined, opts);
      expect(r).toMatchObject({ status: 401, json: { error: 'Unauthorized/Invalid api key' } });
    }
    expect((await h.call('GET', '/data/orders')).status).toBe(200);
  });
});
