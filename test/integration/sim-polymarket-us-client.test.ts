/**
 * Cross-check: our Polymarket US client (lib/venues/polymarket-us) against our Polymarket US
 * simulator (local/sim/polymarket-us), both written from docs/venues-polymarket-us.md. Where they
 * disagree, one of them misreads the venue. Everything over 127.0.0.1.
 */
import { polymarketUsOrderFee } from '../../lib/core/fees';
import { AuthError, RateLimited, Timeout, Unavailable } from '../../lib/engine/ports';
import { type PolymarketUsInstrument, pmusInstrumentKey } from '../../lib/venues/polymarket-us';
import {
  LAL_BOS,
  LAL_BOS_SLUG,
  newPmusKey,
  type PmusWorld,
  seedSlate,
  startPmusWorld,
} from '../support/sim/polymarket-us-fixture';

const LONG: PolymarketUsInstrument = { venue: 'polymarket-us', marketSlug: LAL_BOS_SLUG, side: 'long' };
const SHORT: PolymarketUsInstrument = { ...LONG, side: 'short' };

let world: PmusWorld;
let n = 0;
const cid = () => `bet-${++n}-leg-1`;

beforeAll(async () => {
  world = await startPmusWorld();
  world.sim.control.addMarket(LAL_BOS);
});
afterAll(() => world.close());

beforeEach(() => {
  // Time passes between tests: one test's trades are never "since the send" of the next.
  world.clock.advance(60_000);
  world.sim.faults.clear();
  world.sim.control.setBook(LAL_BOS_SLUG, {
    bids: [
      { priceMicros: 440_000, sizeCenti: 5_000 },
      { priceMicros: 430_000, sizeCenti: 10_000 },
    ],
    offers: [
      { priceMicros: 460_000, sizeCenti: 3_000 },
      { priceMicros: 470_000, sizeCenti: 10_000 },
    ],
  });
});

const ordersSent = () => world.sim.control.orderLog.entries().length;

describe('discovery (docs/venues-polymarket-us.md#u-discovery)', () => {
  it('lists every slate game of a league once, long = the slug’s first (away) team, totals left out', async () => {
    const slateWorld = await startPmusWorld();
    try {
      const driver = seedSlate(slateWorld);
      const games = await slateWorld.client().listGames(['NBA', 'NHL']);
      const expected = driver.games
        .filter((g) => g.league === 'NBA' || g.league === 'NHL')
        .map((g) => `aec-${g.slug}`)
        .sort();
      expect(games.map((g) => g.marketSlug).sort()).toEqual(expected);
      const lal = games.find((g) => g.marketSlug.startsWith('aec-nba-lal-bos-'))!;
      expect(lal).toMatchObject({
        venue: 'polymarket-us',
        league: 'NBA',
        long: { name: 'Lakers', code: 'LAL' },
        short: { name: 'Celtics', code: 'BOS' },
        tickMicros: 10_000,
        minSizeCenti: 1,
        sizeStepCenti: 1,
        takerThetaPpm: 69_500,
        tradable: true,
      });
      expect(lal.gameStartMs).toBe(driver.games.find((g) => g.game.id === 'nba-lal-bos')!.startMs);
    } finally {
      await slateWorld.close();
    }
  });

  it('reads more than one page of events (offset pages of 100)', async () => {
    const big = await startPmusWorld();
    try {
      for (let i = 0; i < 130; i++) {
        const code = `t${String(i).padStart(3, '0')}`;
        big.sim.control.addMarket({ ...LAL_BOS, slug: `aec-nba-${code}-bos-2026-11-25`, title: `${code} at BOS` });
      }
      expect(await big.client().listGames(['NBA'])).toHaveLength(130);
    } finally {
      await big.close();
    }
  });
});

describe('books (docs/venues-polymarket-us.md#u-book)', () => {
  it('gives the long book as listed and the short book as its mirror', async () => {
    const books = await world.client().getBooks([LONG, SHORT]);
    const long = books.get(pmusInstrumentKey(LONG))!;
    const short = books.get(pmusInstrumentKey(SHORT))!;
    expect(long.asks).toEqual([
      { priceMicros: 460_000, sizeCenti: 3_000 },
      { priceMicros: 470_000, sizeCenti: 10_000 },
    ]);
    expect(long.bids[0]).toEqual({ priceMicros: 440_000, sizeCenti: 5_000 });
    expect(short.asks).toEqual([
      { priceMicros: 560_000, sizeCenti: 5_000 },
      { priceMicros: 570_000, sizeCenti: 10_000 },
    ]);
    expect(short.bids[0]).toEqual({ priceMicros: 540_000, sizeCenti: 3_000 });
    expect(long).toMatchObject({ tickMicros: 10_000, minSizeCenti: 1, sizeStepCenti: 1 });
  });

  it('shows no levels once the market is halted', async () => {
    world.sim.control.haltMarket(LAL_BOS_SLUG);
    try {
      const books = await world.client().getBooks([LONG]);
      expect(books.get(pmusInstrumentKey(LONG))).toMatchObject({ asks: [], bids: [] });
    } finally {
      world.sim.control.reopenMarket(LAL_BOS_SLUG);
    }
  });
});

describe('orders (docs/venues-polymarket-us.md#u-orders)', () => {
  it('fills a FOK buy of the long side across two levels, with the venue’s fee', async () => {
    const venue = world.client();
    const before = world.sim.control.buyingPowerMicros(world.key.keyId);
    const res = await venue.placeOrder({
      clientOrderId: cid(),
      instrument: LONG,
      side: 'buy',
      priceMicros: 470_000,
      sizeCenti: 4_000,
      tif: 'FOK',
    });
    const fee = polymarketUsOrderFee([
      { price: 460_000, count: 3_000 },
      { price: 470_000, count: 1_000 },
    ]);
    expect(res).toMatchObject({
      venue: 'polymarket-us',
      status: 'filled',
      filledCenti: 4_000,
      notionalMicros: 13_800_000 + 4_700_000,
      feeMicros: fee,
      instrument: LONG,
      side: 'buy',
    });
    expect(res.venueOrderId).toMatch(/^ORD/);
    expect(world.sim.control.buyingPowerMicros(world.key.keyId)).toBe(before - 18_500_000 - fee);
    // And the order reads back the same.
    const again = await venue.getOrder({ venueOrderId: res.venueOrderId! });
    expect(again).toMatchObject({ status: 'filled', filledCenti: 4_000, feeMicros: fee });
    // Sell it back (an unwind): SELL_LONG at the long price.
    const sold = await venue.placeOrder({
      clientOrderId: cid(),
      instrument: LONG,
      side: 'sell',
      priceMicros: 430_000,
      sizeCenti: 4_000,
      tif: 'IOC',
    });
    expect(sold).toMatchObject({ status: 'filled', filledCenti: 4_000, notionalMicros: 17_600_000 });
  });

  it('buys the short side by selling long at 1 − price: pays 1 − bid per contract', async () => {
    const venue = world.client();
    const res = await venue.placeOrder({
      clientOrderId: cid(),
      instrument: SHORT,
      side: 'buy',
      priceMicros: 560_000,
      sizeCenti: 2_000,
      tif: 'FOK',
    });
    expect(res).toMatchObject({ status: 'filled', filledCenti: 2_000, notionalMicros: 11_200_000, instrument: SHORT });
    expect(await venue.getPositions()).toContainEqual({ instrument: SHORT, sizeCenti: 2_000 });
    const back = await venue.placeOrder({
      clientOrderId: cid(),
      instrument: SHORT,
      side: 'sell',
      priceMicros: 530_000,
      sizeCenti: 2_000,
      tif: 'IOC',
    });
    expect(back).toMatchObject({ status: 'filled', filledCenti: 2_000, notionalMicros: 10_800_000 });
    expect(await venue.getPositions()).not.toContainEqual(expect.objectContaining({ instrument: SHORT }));
  });

  it('answers a FOK that cannot fill in full as rejected, nothing moved', async () => {
    const venue = world.client();
    const before = world.sim.control.buyingPowerMicros(world.key.keyId);
    const res = await venue.placeOrder({
      clientOrderId: cid(),
      instrument: LONG,
      side: 'buy',
      priceMicros: 460_000,
      sizeCenti: 3_001,
      tif: 'FOK',
    });
    expect(res).toMatchObject({ status: 'rejected', filledCenti: 0, notionalMicros: 0, feeMicros: 0 });
    expect(world.sim.control.buyingPowerMicros(world.key.keyId)).toBe(before);
  });

  it('answers an IOC that fills in part as partial', async () => {
    const res = await world.client().placeOrder({
      clientOrderId: cid(),
      instrument: LONG,
      side: 'buy',
      priceMicros: 460_000,
      sizeCenti: 5_000,
      tif: 'IOC',
    });
    expect(res).toMatchObject({ status: 'partial', filledCenti: 3_000, notionalMicros: 13_800_000 });
  });

  it('refuses our own mistakes before sending: off the tick, outside 0.01–0.99', async () => {
    const venue = world.client();
    const sent = ordersSent();
    const base = { instrument: LONG, side: 'buy' as const, sizeCenti: 100, tif: 'FOK' as const };
    await expect(venue.placeOrder({ ...base, clientOrderId: cid(), priceMicros: 465_000 })).rejects.toThrow(RangeError);
    await expect(venue.placeOrder({ ...base, clientOrderId: cid(), priceMicros: 5_000 })).rejects.toThrow(RangeError);
    expect(ordersSent()).toBe(sent);
  });

  it('cancels a resting order (placed by hand: the client only sends FOK/IOC)', async () => {
    const placed = await world.signed('POST', '/v1/orders', {
      marketSlug: LAL_BOS_SLUG,
      intent: 'ORDER_INTENT_BUY_LONG',
      type: 'ORDER_TYPE_LIMIT',
      price: { value: '0.40', currency: 'USD' },
      quantity: 5,
      tif: 'TIME_IN_FORCE_GOOD_TILL_CANCEL',
    });
    const id = (placed.body as { id: string }).id;
    const venue = world.client();
    expect(await venue.getOrder({ venueOrderId: id })).toMatchObject({ status: 'resting', filledCenti: 0 });
    await venue.cancelOrder({ venueOrderId: id });
    expect(await venue.getOrder({ venueOrderId: id })).toMatchObject({ status: 'canceled' });
    await venue.cancelOrder({ venueOrderId: id }); // twice is harmless
    await venue.cancelOrder({ venueOrderId: 'ORD-none', instrument: LONG }); // unknown: gone already
  });
});

describe('lost answers: looked up, never resent (docs/venues-polymarket-us.md#u-no-client-id)', () => {
  it('an order that executed while its answer was lost is found by its trades', async () => {
    world.sim.faults.add({ endpoint: 'POST /v1/orders', kind: 'timeout', times: 1 });
    const sent = ordersSent();
    const id = cid();
    const quick = world.client({ apiTimeoutMs: 1_500, maxBlockSec: 1 });
    const res = await quick.placeOrder({
      clientOrderId: id,
      instrument: LONG,
      side: 'buy',
      priceMicros: 460_000,
      sizeCenti: 1_000,
      tif: 'FOK',
    });
    expect(res).toMatchObject({ status: 'filled', filledCenti: 1_000, notionalMicros: 4_600_000, venueOrderId: null });
    expect(res.feeMicros).toBe(polymarketUsOrderFee([{ price: 460_000, count: 1_000 }]));
    expect(ordersSent()).toBe(sent + 1);
    // Asking again with the same client order id never sends a second order.
    const again = await quick.placeOrder({
      clientOrderId: id,
      instrument: LONG,
      side: 'buy',
      priceMicros: 460_000,
      sizeCenti: 1_000,
      tif: 'FOK',
    });
    expect(again).toMatchObject({ status: 'filled', filledCenti: 1_000 });
    expect(ordersSent()).toBe(sent + 1);
    expect(await quick.getOrder({ clientOrderId: id })).toMatchObject({ filledCenti: 1_000 });
  });

  it('an unreadable answer to an order that filled is reconciled the same way', async () => {
    world.sim.faults.add({ endpoint: 'POST /v1/orders', kind: 'malformed', times: 1 });
    const sent = ordersSent();
    const res = await world.client().placeOrder({
      clientOrderId: cid(),
      instrument: LONG,
      side: 'buy',
      priceMicros: 470_000,
      sizeCenti: 500,
      tif: 'FOK',
    });
    expect(res).toMatchObject({ status: 'filled', filledCenti: 500, notionalMicros: 2_300_000, instrument: LONG });
    expect(ordersSent()).toBe(sent + 1);
  });

  it('a request that never reached the exchange is not found: the error stands, and no second order is sent', async () => {
    world.sim.faults.add({ endpoint: 'POST /v1/orders', kind: 'error', status: 503, times: 1 });
    const venue = world.client();
    const sent = ordersSent();
    const id = cid();
    const order = {
      clientOrderId: id,
      instrument: LONG,
      side: 'buy' as const,
      priceMicros: 460_000,
      sizeCenti: 100,
      tif: 'FOK' as const,
    };
    await expect(venue.placeOrder(order)).rejects.toBeInstanceOf(Unavailable);
    expect(await venue.getOrder({ clientOrderId: id })).toBeNull();
    await expect(venue.placeOrder(order)).rejects.toBeInstanceOf(Timeout);
    expect(ordersSent()).toBe(sent);
  });

  it('a 429 placed nothing: the same client order id may be sent again, and fills once', async () => {
    world.sim.faults.add({ endpoint: 'POST /v1/orders', kind: 'error', status: 429, times: 1 });
    const venue = world.client();
    const sent = ordersSent();
    const order = {
      clientOrderId: cid(),
      instrument: LONG,
      side: 'buy' as const,
      priceMicros: 460_000,
      sizeCenti: 100,
      tif: 'FOK' as const,
    };
    await expect(venue.placeOrder(order)).rejects.toBeInstanceOf(RateLimited);
    world.clock.advance(2_000); // the write bucket, emptied by the 429, refills with time
    expect(await venue.placeOrder(order)).toMatchObject({ status: 'filled', filledCenti: 100 });
    expect(ordersSent()).toBe(sent + 1);
  });

  it('a late report is pending first, then filled', async () => {
    world.sim.faults.add({ endpoint: 'POST /v1/orders', kind: 'late', delayMs: 60_000, times: 1 });
    const venue = world.client();
    const res = await venue.placeOrder({
      clientOrderId: cid(),
      instrument: LONG,
      side: 'buy',
      priceMicros: 460_000,
      sizeCenti: 100,
      tif: 'FOK',
    });
    expect(res.status).toBe('pending');
    world.clock.advance(61_000);
    expect(await venue.getOrder({ venueOrderId: res.venueOrderId! })).toMatchObject({
      status: 'filled',
      filledCenti: 100,
    });
  });
});

describe('account (docs/venues-polymarket-us.md#u-portfolio)', () => {
  it('reads buying power exactly and positions on the right side', async () => {
    const venue = world.client();
    expect((await venue.getBalance()).availableMicros).toBe(world.sim.control.buyingPowerMicros(world.key.keyId));
    const positions = await venue.getPositions();
    const held = world.sim.control.positions(world.key.keyId).get(LAL_BOS_SLUG) ?? 0;
    expect(positions.filter((p) => p.instrument.marketSlug === LAL_BOS_SLUG)).toEqual(
      held === 0 ? [] : [{ instrument: held > 0 ? LONG : SHORT, sizeCenti: Math.abs(held) }],
    );
  });

  it('follows position pages', async () => {
    const paged = await startPmusWorld({ pageSize: 2 });
    try {
      const venue = paged.client();
      for (let i = 0; i < 5; i++) {
        const slug = `aec-nba-p${i}-bos-2026-11-25`;
        paged.sim.control.addMarket({ ...LAL_BOS, slug });
        paged.sim.control.setBook(slug, { bids: [], offers: [{ priceMicros: 500_000, sizeCenti: 100 }] });
        await venue.placeOrder({
          clientOrderId: `p-${i}`,
          instrument: { venue: 'polymarket-us', marketSlug: slug, side: 'long' },
          side: 'buy',
          priceMicros: 500_000,
          sizeCenti: 100,
          tif: 'FOK',
        });
      }
      expect(await venue.getPositions()).toHaveLength(5);
    } finally {
      await paged.close();
    }
  });
});

describe('resolution (docs/venues-polymarket-us.md#u-settlement)', () => {
  it('is unresolved while open, final once settled, and pays the holder', async () => {
    const w = await startPmusWorld();
    try {
      w.sim.control.addMarket(LAL_BOS);
      w.sim.control.setBook(LAL_BOS_SLUG, { bids: [], offers: [{ priceMicros: 400_000, sizeCenti: 1_000 }] });
      const venue = w.client();
      await venue.placeOrder({
        clientOrderId: 'r1',
        instrument: LONG,
        side: 'buy',
        priceMicros: 400_000,
        sizeCenti: 1_000,
        tif: 'FOK',
      });
      expect(await venue.getResolution(LONG)).toEqual({ state: 'unresolved' });
      w.sim.control.closeMarket(LAL_BOS_SLUG);
      expect(await venue.getResolution(SHORT)).toEqual({ state: 'unresolved' });
      const before = w.sim.control.buyingPowerMicros(w.key.keyId);
      w.sim.control.resolve(LAL_BOS_SLUG, 1_000_000);
      expect(await venue.getResolution(LONG)).toEqual({
        state: 'final',
        kind: 'won',
        payoutMicros: { [pmusInstrumentKey(LONG)]: 1_000_000, [pmusInstrumentKey(SHORT)]: 0 },
      });
      expect(w.sim.control.buyingPowerMicros(w.key.keyId)).toBe(before + 10_000_000);
      expect(await venue.getPositions()).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('reads a 50-50 settlement as a split', async () => {
    const w = await startPmusWorld();
    try {
      w.sim.control.addMarket(LAL_BOS);
      w.sim.control.resolve(LAL_BOS_SLUG, 500_000);
      expect(await w.client().getResolution(LONG)).toMatchObject({ state: 'final', kind: 'split' });
    } finally {
      await w.close();
    }
  });
});

describe('refusals and pacing (docs/venues-polymarket-us.md#u-auth, #u-rate-limits)', () => {
  it('a key the venue does not know is a clear AuthError, and nothing is placed', async () => {
    const stranger = newPmusKey('00000000-0000-4000-8000-000000000000');
    const venue = world.client({ credentials: { keyId: stranger.keyId, secretKey: stranger.secretKey } });
    const err = await venue.getBalance().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toMatch(/refused our signature.*key 00000000….*clock is within 30 s/);
    expect((err as Error).message).not.toContain(stranger.secretKey.slice(0, 12));
  });

  it('a clock more than 30 s off is refused', async () => {
    const venue = world.client({}, { clock: { now: () => world.clock.now() - 31_000, sleep: async () => {} } });
    await expect(venue.getBalance()).rejects.toBeInstanceOf(AuthError);
  });

  it('without credentials order and account calls fail before sending', async () => {
    const venue = world.client({ credentials: undefined });
    const sent = ordersSent();
    await expect(venue.getBalance()).rejects.toBeInstanceOf(AuthError);
    await expect(
      venue.placeOrder({
        clientOrderId: cid(),
        instrument: LONG,
        side: 'buy',
        priceMicros: 460_000,
        sizeCenti: 100,
        tif: 'FOK',
      }),
    ).rejects.toBeInstanceOf(AuthError);
    expect(ordersSent()).toBe(sent);
    // Public reads still work.
    expect((await venue.getBooks([LONG])).size).toBe(1);
  });

  it('a 429 storm pauses the host and ends in a RateLimited that says so', async () => {
    // Real time here: the token buckets refill with the clock (a frozen clock never refills them).
    const w = await startPmusWorld({ realNow: Date.now });
    try {
      w.sim.faults.add({ endpoint: 'GET /v1/account/balances', kind: 'error', status: 429, times: 3 });
      const fast = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms / 20)) };
      const started = Date.now();
      const err = await w
        .client({}, { clock: fast })
        .getBalance()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimited);
      expect((err as Error).message).toMatch(/rate limited 3 times in a row/);
      expect((err as RateLimited).retryAfterMs).toBeGreaterThanOrEqual(4_000);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await w.close();
    }
  });

  it('paces itself under the venue’s 20 requests per second: no 429 from a limiting simulator', async () => {
    const limited = await startPmusWorld({ rateLimit: { perSec: 20 }, realNow: Date.now });
    try {
      limited.sim.control.addMarket(LAL_BOS);
      const venue = limited.client(
        {},
        { clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } },
      );
      await Promise.all(Array.from({ length: 15 }, () => venue.getBooks([LONG])));
      expect(limited.sim.rateLimiter!.refused).toBe(0);
    } finally {
      await limited.close();
    }
  });
});
