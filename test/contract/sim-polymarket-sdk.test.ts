/**
 * Contract: the official SDK `@polymarket/clob-client-v2` (test oracle only) talks to the
 * simulator as if it were clob.polymarket.com. If the simulator's protocol drifted from the
 * venue's (paths, headers, HMAC, EIP-712 domain, amounts, shapes), these calls would fail.
 */
import http from 'node:http';
import { Wallet as WalletV5 } from '@ethersproject/wallet';
import { type ApiKeyCreds, AssetType, ClobClient, OrderType, Side } from '@polymarket/clob-client-v2';
import { ManualClock } from '../../local/sim/clock';
import { type PolymarketSim, startPolymarketSim } from '../../local/sim/polymarket';
import { LAKERS, levels, SPEC } from '../support/sim/polymarket-fixture';

const ANVIL_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

describe('contract: @polymarket/clob-client-v2 against the Polymarket simulator', () => {
  let sim: PolymarketSim;
  let clock: ManualClock;
  const signer = new WalletV5(ANVIL_KEY);
  let creds: ApiKeyCreds;
  let client: ClobClient;

  const savedAgent = http.globalAgent;
  beforeAll(async () => {
    // The SDK's axios uses the global agent; pooled keep-alive sockets keep jest workers alive.
    http.globalAgent = new http.Agent({ keepAlive: false });
    // The SDK stamps orders with Date.now(): start the sim clock at real time.
    clock = new ManualClock(Date.now());
    sim = await startPolymarketSim({ clock });
    sim.control.addMarket(SPEC);
    sim.control.setBook(LAKERS, {
      bids: levels([380_000, 5000], [370_000, 1000]),
      asks: levels([400_000, 1000], [420_000, 2000]),
    });
    sim.control.registerAccount({ address: signer.address, balanceMicros: 100_000_000 });
    const l1 = new ClobClient({ host: sim.url, chain: 137, signer, useServerTime: true });
    creds = await l1.createOrDeriveApiKey();
    client = new ClobClient({ host: sim.url, chain: 137, signer, creds, useServerTime: true });
  });
  afterAll(async () => {
    await sim.close();
    http.globalAgent = savedAgent;
  });

  it('creates an API key over L1, and derives the same key again', async () => {
    expect(creds.key).toMatch(/^[0-9a-f-]{36}$/);
    const l1 = new ClobClient({ host: sim.url, chain: 137, signer, useServerTime: true });
    expect(await l1.deriveApiKey()).toEqual(creds);
    expect(await l1.createOrDeriveApiKey()).toEqual(creds);
  });

  it('reads a book whose best levels are last and whose hash the SDK reproduces', async () => {
    const book = await client.getOrderBook(LAKERS);
    expect(book.asks.at(-1)).toEqual({ price: '0.4', size: '10' });
    expect(book.bids.at(-1)).toEqual({ price: '0.38', size: '50' });
    expect(book).toMatchObject({ market: SPEC.conditionId, asset_id: LAKERS, tick_size: '0.01', neg_risk: false });
    const served = book.hash;
    expect(await client.getOrderBookHash({ ...book })).toBe(served);
    const books = await client.getOrderBooks([{ token_id: LAKERS, side: Side.BUY }]);
    expect(books).toHaveLength(1);
  });

  it('reads market config, tick size, neg-risk, version and server time', async () => {
    const info = await client.getClobMarketInfo(SPEC.conditionId);
    expect(info.t.map((t) => t.t)).toEqual(SPEC.outcomes.map((o) => o.tokenId));
    expect(info.fd).toEqual({ r: 0.03, e: 1, to: true });
    expect(await client.getTickSize(LAKERS)).toBe('0.01');
    expect(await client.getNegRisk(LAKERS)).toBe(false);
    expect(await client.getVersion()).toBe(2);
    expect(await client.getServerTime()).toBe(Math.floor(clock.now() / 1000));
  });

  it("places the SDK's dollar-sized market buy and receives the shares the SDK expects, then finds it", async () => {
    // $10.30 on asks 10 @ 0.40, 20 @ 0.42: the SDK prices it at 0.42 (the level the amount
    // reaches) and signs maker 10.30, taker 24.5238 (its minimum); the venue spends all of it.
    const signed = await client.createMarketOrder(
      { tokenID: LAKERS, amount: 10.3, side: Side.BUY, orderType: OrderType.FOK },
      { tickSize: '0.01' },
    );
    expect({ maker: signed.makerAmount, taker: signed.takerAmount }).toEqual({ maker: '10300000', taker: '24523800' });
    const res = await client.postOrder(signed, OrderType.FOK);
    expect(res).toMatchObject({ success: true, status: 'matched', makingAmount: '10.3', takingAmount: '25' });
    expect(Number(res.takingAmount)).toBeGreaterThanOrEqual(Number(signed.takerAmount) / 1e6);
    expect(res.transactionsHashes).toHaveLength(2);
    const order = await client.getOrder(res.orderID);
    expect(order).toMatchObject({
      id: res.orderID,
      status: 'MATCHED',
      size_matched: '25',
      side: 'BUY',
      asset_id: LAKERS,
    });
    const trades = await client.getTrades({ asset_id: LAKERS });
    expect(trades.map((t) => [t.price, t.size])).toEqual([
      ['0.4', '10'],
      ['0.42', '15'],
    ]);
    const collateral = await client.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    // 100 − (4.00 + 0.072) − (6.30 + 0.10962)
    expect(collateral.balance).toBe(String(100_000_000 - 4_072_000 - 6_409_620));
  });

  it('createAndPostMarketOrder buys with dollars too', async () => {
    sim.control.setBook(LAKERS, { bids: levels([380_000, 5000]), asks: levels([400_000, 1000], [420_000, 2000]) });
    const res = await client.createAndPostMarketOrder(
      { tokenID: LAKERS, amount: 4, side: Side.BUY, orderType: OrderType.FOK },
      { tickSize: '0.01' },
      OrderType.FOK,
    );
    expect(res).toMatchObject({ success: true, status: 'matched', makingAmount: '4', takingAmount: '10' });
  });

  it('a limit-priced FOK buy (createOrder) spends its whole maker amount: price improvement buys MORE shares', async () => {
    // 25 shares at 0.42 signs maker 10.50: the venue spends it all, 10 @ 0.40 and 15.47 @ 0.42.
    sim.control.setBook(LAKERS, { bids: levels([380_000, 5000]), asks: levels([400_000, 1000], [420_000, 2000]) });
    const signed = await client.createOrder({ tokenID: LAKERS, price: 0.42, size: 25, side: Side.BUY });
    const res = await client.postOrder(signed, OrderType.FOK);
    expect(res).toMatchObject({ success: true, status: 'matched', makingAmount: '10.4974', takingAmount: '25.47' });
  });

  it('rests a GTC order and cancels it; an unknown id comes back in not_canceled', async () => {
    const res = await client.createAndPostOrder(
      { tokenID: LAKERS, price: 0.3, size: 10, side: Side.BUY },
      undefined,
      OrderType.GTC,
    );
    expect(res).toMatchObject({ success: true, status: 'live' });
    expect((await client.getOpenOrders()).map((o) => o.id)).toEqual([res.orderID]);
    expect(await client.cancelOrder({ orderID: res.orderID })).toEqual({ canceled: [res.orderID], not_canceled: {} });
    const unknown = await client.cancelOrder({ orderID: '0x1234' });
    expect(unknown.not_canceled).toHaveProperty('0x1234');
  });

  it('reports a killed FOK as an error the SDK surfaces', async () => {
    const signed = await client.createOrder({ tokenID: LAKERS, price: 0.42, size: 50, side: Side.BUY });
    const res = await client.postOrder(signed, OrderType.FOK);
    expect(res).toMatchObject({
      status: 400,
      error: "order couldn't be fully filled. FOK orders are fully filled or killed.",
    });
  });

  it('signs for the Neg Risk exchange on a neg-risk market, buying and then selling', async () => {
    const spec = {
      ...SPEC,
      gammaId: '2858751',
      conditionId: `0x${'cd'.repeat(32)}`,
      eventSlug: 'nba-nyk-mia-2026-11-25',
      negRisk: true,
      outcomes: [
        { name: 'Knicks', tokenId: '1001' },
        { name: 'Heat', tokenId: '1002' },
      ] as const,
    };
    sim.control.addMarket(spec);
    sim.control.setBook('1001', { bids: levels([550_000, 1000]), asks: levels([570_000, 1000]) });
    const bought = await client.postOrder(
      await client.createOrder({ tokenID: '1001', price: 0.57, size: 10, side: Side.BUY }),
      OrderType.FOK,
    );
    expect(bought).toMatchObject({ success: true, status: 'matched', takingAmount: '10' });
    const sold = await client.postOrder(
      await client.createOrder({ tokenID: '1001', price: 0.55, size: 10, side: Side.SELL }),
      OrderType.FOK,
    );
    expect(sold).toMatchObject({ success: true, status: 'matched', makingAmount: '10', takingAmount: '5.5' });
  });

  it('shows the winner on the CLOB market after resolution', async () => {
    sim.control.resolve(SPEC.conditionId, { winnerTokenId: LAKERS });
    const market = await client.getMarket(SPEC.conditionId);
    expect(market.closed).toBe(true);
    expect(market.tokens.map((t: { winner: boolean }) => t.winner)).toEqual([true, false]);
  });
});
