/**
 * The Polymarket US client on answers in the venue's documented shapes (test/fixtures/polymarket-us,
 * sources in its README) and on malformed variants: every malformed answer is a typed BadResponse
 * (recorded, never traded on), never a crash, never a wrong number.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { polymarketUsOrderFee } from '../../../../lib/core/fees';
import { BadResponse } from '../../../../lib/engine/ports';
import type { FetchFn } from '../../../../lib/venues/http';
import {
  createPolymarketUsVenue,
  type PolymarketUsInstrument,
  pmusInstrumentKey,
} from '../../../../lib/venues/polymarket-us';
import { priceText, quantityNumber, toWireOrder } from '../../../../lib/venues/polymarket-us/parse-orders';

const DIR = path.join(__dirname, '../../../fixtures/polymarket-us');
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(DIR, name), 'utf8'));

const SLUG = 'aec-nba-nyk-bos-2026-12-08';
const LONG: PolymarketUsInstrument = { venue: 'polymarket-us', marketSlug: SLUG, side: 'long' };
const SHORT: PolymarketUsInstrument = { ...LONG, side: 'short' };
const KEY = { keyId: '550e8400-e29b-41d4-a716-446655440000', secretKey: Buffer.alloc(32, 9).toString('base64') };

const MARKET = {
  market: (fixture('league-events-nba.json') as { events: Array<{ markets: unknown[] }> }).events[0]!.markets[0],
};

type Routes = Record<string, unknown | ((url: URL, init: RequestInit) => unknown)>;

/** A fetch answering `METHOD /path` from `routes` (a body, or a function of the request); 404 otherwise. */
function fakeFetch(routes: Routes, seen: string[] = []): FetchFn {
  return async (input, init) => {
    const url = new URL(input);
    const key = `${(init.method ?? 'GET').toUpperCase()} ${url.pathname}`;
    seen.push(`${key}${url.search}`);
    if (!(key in routes)) return new Response('{"code":5,"message":"not found"}', { status: 404 });
    const route = routes[key];
    const body = typeof route === 'function' ? (route as (u: URL, i: RequestInit) => unknown)(url, init) : route;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200 });
  };
}

/** A league listing served from offset 0 only (later offsets: an empty page). */
const pages = (page: unknown) => (url: URL) => (url.searchParams.get('offset') === '0' ? page : { events: [] });

const client = (routes: Routes, seen?: string[]) =>
  createPolymarketUsVenue(
    {
      gatewayUrl: 'https://gateway.test',
      apiUrl: 'https://api.test',
      credentials: KEY,
      lookupDelayMs: 0,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    },
    { fetch: fakeFetch(routes, seen) },
  );

describe('discovery (docs/venues-polymarket-us.md#u-discovery, #u-sides)', () => {
  it('reads the documented league page: moneylines only, long = the first team', async () => {
    const seen: string[] = [];
    const games = await client(
      { 'GET /v2/leagues/nba/events': pages(fixture('league-events-nba.json')) },
      seen,
    ).listGames(['NBA']);
    // Pages until an empty one: a venue serving fewer than asked is still read to the end.
    expect(seen).toEqual([
      'GET /v2/leagues/nba/events?limit=100&offset=0&type=sport',
      'GET /v2/leagues/nba/events?limit=100&offset=3&type=sport',
    ]);
    expect(games.map((g) => g.marketSlug)).toEqual([SLUG, 'aec-nba-lal-phx-2026-12-08']);
    expect(games[0]).toEqual({
      venue: 'polymarket-us',
      league: 'NBA',
      eventId: '48213',
      eventSlug: 'nba-nyk-bos-2026-12-08',
      marketSlug: SLUG,
      marketId: '913377',
      title: 'Knicks vs. Celtics',
      slugDate: '2026-12-08',
      long: { name: 'Knicks', code: 'NYK', abbreviation: 'NYK', listedPriceMicros: 430_000 },
      short: { name: 'Celtics', code: 'BOS', abbreviation: 'BOS', listedPriceMicros: 590_000 },
      gameStartMs: Date.parse('2026-12-09T00:30:00Z'),
      tickMicros: 10_000,
      minSizeCenti: 1,
      sizeStepCenti: 1,
      takerThetaPpm: 69_500,
      tradable: true,
      listedLongAskMicros: 430_000,
      listedShortAskMicros: 590_000,
    });
    // Numeric ids (the SDK's type), a finer tick, whole contracts, no status: active and not closed.
    expect(games[1]).toMatchObject({
      eventId: '48214',
      marketId: '913390',
      tickMicros: 1_000,
      minSizeCenti: 100,
      sizeStepCenti: 100,
      tradable: true,
    });
  });

  it('reads a UFC moneyline in the recorded shape like the majors: league UFC, long = the first fighter of the slug', async () => {
    const seen: string[] = [];
    const ufc = fixture('league-events-ufc.json');
    const games = await client({ 'GET /v2/leagues/ufc/events': pages(ufc) }, seen).listGames(['UFC']);
    expect(seen[0]).toBe('GET /v2/leagues/ufc/events?limit=100&offset=0&type=sport');
    expect(games).toHaveLength(1);
    expect(games[0]).toMatchObject({
      league: 'UFC',
      marketSlug: 'aec-ufc-danost-ruimat-2026-11-28',
      marketId: '4242',
      slugDate: '2026-11-28',
      title: 'Dana Ostrowski vs. Rui Matsuda',
      long: { name: 'Dana Ostrowski', code: 'DANOST', abbreviation: 'danost' },
      short: { name: 'Rui Matsuda', code: 'RUIMAT', abbreviation: 'ruimat' },
      gameStartMs: Date.parse('2026-11-29T03:00:00Z'),
      // Closed and inactive: listed, never tradable.
      tradable: false,
    });
    // The same fight under another league's page is refused and recorded, never listed.
    const problems: BadResponse[] = [];
    const wrong = await client({ 'GET /v2/leagues/nfl/events': pages(ufc) }).listGames(['NFL'], (p) =>
      problems.push(p),
    );
    expect(wrong).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/listed under league nfl/)]);
  });

  const broken: Array<[string, (ev: Record<string, unknown>, m: Record<string, unknown>) => void, RegExp]> = [
    [
      'two long sides',
      (_e, m) => ((m.marketSides as Array<Record<string, unknown>>)[1]!.long = true),
      /one long and one short/,
    ],
    ['no sides', (_e, m) => delete m.marketSides, /one long and one short/],
    ['a type that contradicts the slug', (_e, m) => (m.sportsMarketTypeV2 = 'SPORTS_MARKET_TYPE_SPREAD'), /type says/],
    ['a slug of another league', (_e, m) => (m.slug = 'aec-cbb-nyk-bos-2026-12-08'), /listed under league nba/],
    ['a tick that does not divide $1', (_e, m) => (m.orderPriceMinTickSize = 0.03), /orderPriceMinTickSize/],
    ['a minimum quantity we cannot trade exactly', (_e, m) => (m.minimumTradeQty = 0.015), /minimumTradeQty/],
    [
      'a quote in another currency',
      (_e, m) => (m.bestAskQuote = { value: '0.43', currency: 'EUR' }),
      /unreadable market/,
    ],
    ['an event without an id', (e) => delete e.id, /unreadable event/],
  ];
  it.each(broken)(
    'leaves out a game with %s, reported to the sink, and keeps the rest',
    async (_name, breakIt, message) => {
      const page = fixture('league-events-nba.json') as { events: Array<Record<string, unknown>> };
      const ev = page.events[0]!;
      breakIt(ev, (ev.markets as Array<Record<string, unknown>>)[0]!);
      const problems: BadResponse[] = [];
      const games = await client({ 'GET /v2/leagues/nba/events': pages(page) }).listGames(['NBA'], (p) =>
        problems.push(p),
      );
      expect(games.map((g) => g.marketSlug)).toEqual(['aec-nba-lal-phx-2026-12-08']);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toBeInstanceOf(BadResponse);
      expect(problems[0]!.message).toMatch(message);
      // Without a sink the strict caller gets the BadResponse.
      await expect(client({ 'GET /v2/leagues/nba/events': pages(page) }).listGames(['NBA'])).rejects.toThrow(message);
    },
  );

  it('keeps paging when the venue serves fewer events than asked, and refuses a listing that never ends', async () => {
    const ev = (fixture('league-events-nba.json') as { events: unknown[] }).events;
    const seen: string[] = [];
    const twoAtATime = (url: URL) => ({
      events: ev.slice(Number(url.searchParams.get('offset')), Number(url.searchParams.get('offset')) + 2),
    });
    const games = await client({ 'GET /v2/leagues/nba/events': twoAtATime }, seen).listGames(['NBA']);
    expect(games).toHaveLength(2);
    expect(seen).toHaveLength(3);
    const endless = () => ({ events: ev });
    await expect(client({ 'GET /v2/leagues/nba/events': endless }).listGames(['NBA'])).rejects.toThrow(
      /more than 50 pages/,
    );
  });

  it('refuses a page that is not the documented envelope', async () => {
    await expect(
      client({ 'GET /v2/leagues/nba/events': { events: 'none' } }).listGames(['NBA']),
    ).rejects.toBeInstanceOf(BadResponse);
  });
});

describe('books (docs/venues-polymarket-us.md#u-book)', () => {
  const routes = (book: unknown): Routes => ({
    [`GET /v1/market/slug/${SLUG}`]: MARKET,
    [`GET /v1/markets/${SLUG}/book`]: book,
  });

  it('sorts, merges repeated prices, floors sub-centishare depth, mirrors the short side', async () => {
    const books = await client(routes(fixture('market-book.json'))).getBooks([LONG, SHORT]);
    expect(books.get(pmusInstrumentKey(LONG))).toMatchObject({
      asks: [
        { priceMicros: 430_000, sizeCenti: 64_000 },
        { priceMicros: 440_000, sizeCenti: 180_025 },
      ],
      bids: [
        { priceMicros: 410_000, sizeCenti: 41_250 },
        { priceMicros: 400_000, sizeCenti: 250_000 },
      ],
      tickMicros: 10_000,
      minSizeCenti: 1,
    });
    expect(books.get(pmusInstrumentKey(SHORT))).toMatchObject({
      asks: [
        { priceMicros: 590_000, sizeCenti: 41_250 },
        { priceMicros: 600_000, sizeCenti: 250_000 },
      ],
      bids: [
        { priceMicros: 570_000, sizeCenti: 64_000 },
        { priceMicros: 560_000, sizeCenti: 180_025 },
      ],
    });
  });

  it('reads an absent side as empty (proto3 JSON leaves empty arrays out: #u-proto-json)', async () => {
    const book = fixture('market-book.json') as { marketData: Record<string, unknown> };
    delete book.marketData.bids;
    const books = await client(routes(book)).getBooks([LONG, SHORT]);
    expect(books.get(pmusInstrumentKey(LONG))?.bids).toEqual([]);
    expect(books.get(pmusInstrumentKey(SHORT))?.asks).toEqual([]);
  });

  it('a halted book has no levels', async () => {
    const books = await client(routes(fixture('market-book-halted.json'))).getBooks([LONG]);
    expect(books.get(pmusInstrumentKey(LONG))).toMatchObject({ asks: [], bids: [] });
  });

  const bad: Array<[string, (b: { marketData: Record<string, unknown> }) => void, RegExp]> = [
    [
      'an unknown market state',
      (b) => (b.marketData.state = 'MARKET_STATE_LIQUIDATING'),
      /unknown market state "MARKET_STATE_LIQUIDATING"/,
    ],
    [
      'the SDK-typed envelope (no marketData)',
      (b) => Object.assign(b, b.marketData, { marketData: undefined }),
      /marketData/,
    ],
    [
      'a crossed book',
      (b) => ((b.marketData.bids as Array<{ px: { value: string } }>)[0]!.px.value = '0.45'),
      /crossed/,
    ],
    [
      'a level at $1',
      (b) => ((b.marketData.offers as Array<{ px: { value: string } }>)[0]!.px.value = '1'),
      /strictly inside/,
    ],
    [
      'a price that is not a decimal',
      (b) => ((b.marketData.offers as Array<{ px: { value: string } }>)[0]!.px.value = '4.3e-1'),
      /not an exact/,
    ],
    [
      'a quantity as a number in words',
      (b) => ((b.marketData.offers as Array<{ qty: string }>)[0]!.qty = 'ten'),
      /not an exact/,
    ],
    ['the book of another market', (b) => (b.marketData.marketSlug = 'aec-nba-lal-phx-2026-12-08'), /got the book of/],
  ];
  it.each(bad)('refuses %s as a BadResponse, reported to the sink', async (_name, breakIt, message) => {
    const book = fixture('market-book.json') as { marketData: Record<string, unknown> };
    breakIt(book);
    const problems: BadResponse[] = [];
    const books = await client(routes(book)).getBooks([LONG, SHORT], (p) => problems.push(p));
    expect(books.size).toBe(0);
    expect(problems.map((p) => [p.constructor.name, p.message])).toEqual([
      ['BadResponse', expect.stringMatching(message)],
    ]);
  });
});

describe('orders (docs/venues-polymarket-us.md#u-orders)', () => {
  const facts = {
    marketSlug: SLUG,
    tickMicros: 10_000,
    minSizeCenti: 1,
    stepCenti: 1,
    takerThetaPpm: 69_500,
    tradable: true,
  };

  it('writes the long price for every intent', () => {
    const base = { clientOrderId: 'c', sizeCenti: 1_050, tif: 'FOK' as const };
    const body = (instrument: PolymarketUsInstrument, side: 'buy' | 'sell', priceMicros: number) =>
      toWireOrder({ ...base, instrument, side, priceMicros }, facts, 5);
    expect(body(LONG, 'buy', 430_000)).toEqual({
      marketSlug: SLUG,
      intent: 'ORDER_INTENT_BUY_LONG',
      type: 'ORDER_TYPE_LIMIT',
      price: { value: '0.43', currency: 'USD' },
      quantity: 10.5,
      tif: 'TIME_IN_FORCE_FILL_OR_KILL',
      manualOrderIndicator: 'MANUAL_ORDER_INDICATOR_AUTOMATIC',
      synchronousExecution: true,
      maxBlockTime: '5',
    });
    expect(body(SHORT, 'buy', 830_000)).toMatchObject({ intent: 'ORDER_INTENT_BUY_SHORT', price: { value: '0.17' } });
    expect(body(LONG, 'sell', 830_000)).toMatchObject({ intent: 'ORDER_INTENT_SELL_LONG', price: { value: '0.83' } });
    expect(body(SHORT, 'sell', 830_000)).toMatchObject({ intent: 'ORDER_INTENT_SELL_SHORT', price: { value: '0.17' } });
    expect(priceText(555_000)).toBe('0.555');
    expect(priceText(500_000)).toBe('0.50');
    expect(quantityNumber(1)).toBe(0.01);
    expect(JSON.stringify({ q: quantityNumber(123_456) })).toBe('{"q":1234.56}');
  });

  it('refuses sizes off the market’s minimum or step', () => {
    const whole = { ...facts, minSizeCenti: 100, stepCenti: 100 };
    const order = {
      clientOrderId: 'c',
      instrument: LONG,
      side: 'buy' as const,
      priceMicros: 430_000,
      tif: 'FOK' as const,
    };
    expect(() => toWireOrder({ ...order, sizeCenti: 50 }, whole, 5)).toThrow(/under the minimum/);
    expect(() => toWireOrder({ ...order, sizeCenti: 150 }, whole, 5)).toThrow(/multiple of 100/);
    expect(() => toWireOrder({ ...order, sizeCenti: 0 }, facts, 5)).toThrow(RangeError);
  });

  const place = (answer: unknown, instrument = LONG, priceMicros = 440_000, sizeCenti = 1_000) =>
    client({ [`GET /v1/market/slug/${SLUG}`]: MARKET, 'POST /v1/orders': answer }).placeOrder({
      clientOrderId: `c-${Math.random()}`,
      instrument,
      side: 'buy',
      priceMicros,
      sizeCenti,
      tif: 'FOK',
    });

  it('books a synchronous fill from its executions, with the venue’s commission', async () => {
    const res = await place(fixture('order-fok-filled.json'));
    expect(res).toEqual({
      venue: 'polymarket-us',
      clientOrderId: expect.any(String),
      venueOrderId: 'ord-7Q2M9X',
      status: 'filled',
      instrument: LONG,
      side: 'buy',
      filledCenti: 1_000,
      notionalMicros: 2_752_000 + 1_584_000,
      feeMicros: 170_000,
    });
    // The commission the venue reports equals its own rule applied to the fills.
    expect(
      polymarketUsOrderFee([
        { price: 430_000, count: 640 },
        { price: 440_000, count: 360 },
      ]),
    ).toBe(170_000);
  });

  it('a killed FOK and an exchange rejection are rejections with the venue’s reason', async () => {
    expect(await place(fixture('order-fok-killed.json'), SHORT, 410_000, 500_000)).toMatchObject({
      status: 'rejected',
      filledCenti: 0,
      venueOrderId: 'ord-8R3N0Y',
      reason: 'fill or kill order could not be filled in full',
    });
    expect(await place(fixture('order-rejected.json'))).toMatchObject({
      status: 'rejected',
      reason: 'ORD_REJECT_REASON_PRICE_OUT_OF_BOUNDS',
    });
  });

  it('reads an order named by outcomeSide + action, short figures at 1 − avgPx', async () => {
    const res = await client({
      [`GET /v1/market/slug/${SLUG}`]: MARKET,
      'GET /v1/order/ord-1T5Q2A': fixture('order-buy-short.json'),
    }).getOrder({ venueOrderId: 'ord-1T5Q2A' });
    expect(res).toMatchObject({
      status: 'filled',
      instrument: SHORT,
      side: 'buy',
      filledCenti: 2_500,
      notionalMicros: 14_875_000,
      feeMicros: 420_000,
    });
  });

  it('an unknown intent in an order is a clear BadResponse', async () => {
    const order = fixture('order-buy-short.json') as { order: Record<string, unknown> };
    delete order.order.outcomeSide;
    delete order.order.action;
    order.order.intent = 'ORDER_INTENT_HEDGE';
    const err = await client({ [`GET /v1/market/slug/${SLUG}`]: MARKET, 'GET /v1/order/x': order })
      .getOrder({ venueOrderId: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadResponse);
    expect((err as Error).message).toMatch(/unknown order intent "ORDER_INTENT_HEDGE"/);
  });

  it('an unreadable answer is looked up, not resent: found by its trades', async () => {
    let posts = 0;
    const res = await client({
      [`GET /v1/market/slug/${SLUG}`]: MARKET,
      'POST /v1/orders': () => {
        posts += 1;
        return { id: 12345, executions: 'lost' };
      },
      'GET /v1/orders/open': { orders: [] },
      'GET /v1/portfolio/activities': () => {
        const page = fixture('activities-trades.json') as { activities: Array<{ trade: { createTime: string } }> };
        for (const a of page.activities) a.trade.createTime = new Date().toISOString();
        return page;
      },
    }).placeOrder({
      clientOrderId: 'lost-1',
      instrument: LONG,
      side: 'buy',
      priceMicros: 440_000,
      sizeCenti: 1_000,
      tif: 'FOK',
    });
    expect(posts).toBe(1);
    expect(res).toMatchObject({
      status: 'filled',
      filledCenti: 1_000,
      notionalMicros: 4_336_000,
      venueOrderId: null,
      feeMicros: 170_000,
    });
  });

  it('never attributes trades at prices the order could not have taken', async () => {
    const err = await client({
      [`GET /v1/market/slug/${SLUG}`]: MARKET,
      'POST /v1/orders': 'not json',
      'GET /v1/orders/open': { orders: [] },
      'GET /v1/portfolio/activities': () => {
        const page = fixture('activities-trades.json') as { activities: Array<{ trade: { createTime: string } }> };
        for (const a of page.activities) a.trade.createTime = new Date().toISOString();
        return page;
      },
    })
      .placeOrder({
        clientOrderId: 'lost-2',
        instrument: LONG,
        side: 'buy',
        priceMicros: 420_000,
        sizeCenti: 1_000,
        tif: 'FOK',
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadResponse); // the placement's own error: outcome unknown
  });
});

describe('account (docs/venues-polymarket-us.md#u-portfolio)', () => {
  it('reads buying power exactly, floored to the micro', async () => {
    expect(await client({ 'GET /v1/account/balances': fixture('balances.json') }).getBalance()).toEqual({
      availableMicros: 1_487_625_001,
    });
    const twoUsd = {
      balances: [
        { currency: 'USD', buyingPower: 1 },
        { currency: 'USD', buyingPower: 2 },
      ],
    };
    await expect(client({ 'GET /v1/account/balances': twoUsd }).getBalance()).rejects.toBeInstanceOf(BadResponse);
    const exponent = { balances: [{ currency: 'USD', buyingPower: 1e21 }] };
    await expect(client({ 'GET /v1/account/balances': exponent }).getBalance()).rejects.toBeInstanceOf(BadResponse);
  });

  it('follows position pages, long and short, leaving out expired ones', async () => {
    const seen: string[] = [];
    const positions = await client(
      {
        'GET /v1/portfolio/positions': (url: URL) =>
          url.searchParams.get('cursor') ? fixture('positions-last-page.json') : fixture('positions-page.json'),
      },
      seen,
    ).getPositions();
    expect(seen).toEqual([
      'GET /v1/portfolio/positions?limit=100',
      'GET /v1/portfolio/positions?limit=100&cursor=eyJvIjoyfQ',
    ]);
    expect(positions).toEqual([
      { instrument: LONG, sizeCenti: 1_050 },
      {
        instrument: { venue: 'polymarket-us', marketSlug: 'aec-nba-lal-phx-2026-12-08', side: 'short' },
        sizeCenti: 2_500,
      },
    ]);
  });
});

describe('resolution (docs/venues-polymarket-us.md#u-settlement)', () => {
  const routes = (settlement: unknown): Routes => ({
    [`GET /v1/market/slug/${SLUG}`]: fixture('market-resolved.json'),
    [`GET /v1/markets/${SLUG}/settlement`]: settlement,
  });

  it('reads both documented settlement shapes', async () => {
    expect(await client(routes(fixture('settlement.json'))).getResolution(LONG)).toEqual({
      state: 'final',
      kind: 'won',
      payoutMicros: { [pmusInstrumentKey(LONG)]: 0, [pmusInstrumentKey(SHORT)]: 1_000_000 },
    });
    expect(await client(routes(fixture('settlement-sdk-type.json'))).getResolution(SHORT)).toMatchObject({
      state: 'final',
      kind: 'split',
    });
  });

  it('is unresolved while the market is not resolved, or its settlement is not served yet', async () => {
    expect(await client({ [`GET /v1/market/slug/${SLUG}`]: MARKET }).getResolution(LONG)).toEqual({
      state: 'unresolved',
    });
    expect(
      await client({ [`GET /v1/market/slug/${SLUG}`]: fixture('market-resolved.json') }).getResolution(LONG),
    ).toEqual({
      state: 'unresolved',
    });
  });

  it('refuses a settlement outside [0, 1]', async () => {
    await expect(client(routes({ slug: SLUG, settlement: 1.5 })).getResolution(LONG)).rejects.toBeInstanceOf(
      BadResponse,
    );
  });
});
