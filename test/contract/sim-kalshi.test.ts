/**
 * Contract: the official kalshi-typescript SDK (test oracle only, docs/venues-kalshi.md#k7) talks to our
 * simulated Kalshi — its request signing, paths, query encoding and response models must all
 * agree with the simulator.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Configuration, EventsApi, MarketApi, OrdersApi, PortfolioApi } from 'kalshi-typescript';
import { type KalshiSim, startKalshiSim } from '../../local/sim/kalshi';

const LAL = 'KXNBAGAME-26NOV25LALBOS-LAL';
const BOS = 'KXNBAGAME-26NOV25LALBOS-BOS';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
let sim: KalshiSim;
let config: Configuration;

beforeAll(async () => {
  sim = await startKalshiSim();
  const t0 = Date.now();
  sim.control.addEvent({
    league: 'NBA',
    seriesTicker: 'KXNBAGAME',
    eventTicker: 'KXNBAGAME-26NOV25LALBOS',
    title: 'Los Angeles L at Boston Winner?',
    gameStartMs: t0,
    expectedExpirationMs: t0 + 3 * 3_600_000,
    markets: [
      { ticker: LAL, yesSubTitle: 'Los Angeles L', tickMicros: 10_000 },
      { ticker: BOS, yesSubTitle: 'Boston', tickMicros: 10_000 },
    ],
  });
  sim.control.setBook(LAL, {
    yesBids: [{ priceMicros: 420_000, sizeCenti: 1_300 }],
    noBids: [
      { priceMicros: 560_000, sizeCenti: 2_000 },
      { priceMicros: 550_000, sizeCenti: 4_000 },
    ],
  });
  sim.control.setBook(BOS, {
    yesBids: [{ priceMicros: 550_000, sizeCenti: 900 }],
    noBids: [{ priceMicros: 430_000, sizeCenti: 700 }],
  });
  sim.control.registerAccount({
    keyId: 'contract-key',
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    balanceMicros: 100_000_000,
  });
  config = new Configuration({
    basePath: sim.url,
    apiKey: 'contract-key',
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
});
afterAll(() => sim.close());

describe('kalshi-typescript SDK against the simulated Kalshi', () => {
  it('discovers the game: events with nested markets and markets by event', async () => {
    const events = await new EventsApi(config).getEvents(100, undefined, true, undefined, 'open', 'KXNBAGAME');
    expect(events.data.events.map((e) => e.event_ticker)).toEqual(['KXNBAGAME-26NOV25LALBOS']);
    expect(events.data.events[0]?.markets?.map((m) => m.yes_sub_title)).toEqual(['Los Angeles L', 'Boston']);
    const markets = await new MarketApi(config).getMarkets(100, undefined, 'KXNBAGAME-26NOV25LALBOS');
    expect(markets.data.markets.map((m) => m.ticker)).toEqual([LAL, BOS]);
    expect(markets.data.markets[0]).toMatchObject({
      yes_ask_dollars: '0.4400',
      yes_bid_dollars: '0.4200',
      status: 'active',
    });
  });

  it('reads one order book and a batch of them (tickers repeated in the query)', async () => {
    const api = new MarketApi(config);
    const book = await api.getMarketOrderbook(LAL);
    expect(book.data.orderbook_fp.no_dollars).toEqual([
      ['0.5500', '40.00'],
      ['0.5600', '20.00'],
    ]);
    const batch = await api.getMarketOrderbooks([LAL, BOS]);
    expect(batch.data.orderbooks.map((b) => b.ticker)).toEqual([LAL, BOS]);
  });

  it('signs a V2 order the simulator accepts, and reads it back', async () => {
    const orders = new OrdersApi(config);
    const placed = await orders.createOrderV2({
      ticker: LAL,
      side: 'bid',
      count: '5',
      price: '0.4400',
      time_in_force: 'fill_or_kill',
      self_trade_prevention_type: 'taker_at_cross',
      client_order_id: 'contract-1',
    });
    expect(placed.status).toBe(201);
    expect(placed.data).toMatchObject({ client_order_id: 'contract-1', fill_count: '5.00' });
    const got = await orders.getOrder(placed.data.order_id);
    expect(got.data.order).toMatchObject({
      status: 'executed',
      fill_count_fp: '5.00',
      taker_fill_cost_dollars: '2.2000',
    });
    const portfolio = new PortfolioApi(config);
    const positions = await portfolio.getPositions(undefined, undefined, undefined, LAL);
    expect(positions.data.market_positions[0]?.position_fp).toBe('5.00');
    const balance = await portfolio.getBalance();
    // $100 − 2.20 − fee (0.07·5·0.44·0.56 = 0.08624 → 0.0863 → cent rounding → $0.09)
    expect(balance.data).toMatchObject({ balance: 9_771, balance_dollars: '97.7100' });
  });

  it('surfaces a killed FOK as the venue does: HTTP 409', async () => {
    const orders = new OrdersApi(config);
    await expect(
      orders.createOrderV2({
        ticker: BOS,
        side: 'bid',
        count: '50',
        price: '0.5700',
        time_in_force: 'fill_or_kill',
        self_trade_prevention_type: 'taker_at_cross',
      }),
    ).rejects.toMatchObject({
      response: { status: 409, data: { error: { code: 'fill_or_kill_insufficient_resting_volume' } } },
    });
  });
});
