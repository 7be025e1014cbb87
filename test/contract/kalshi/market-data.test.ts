/**
 * The Kalshi read side against a fake venue on 127.0.0.1 serving documented shapes:
 * discovery, batch and single books, resolution, and malformed answers → BadResponse.
 */
import { BadResponse } from '../../../lib/engine/ports';
import { BOS, EVENT, event, LAL, market, milestone, orderbookFp, series } from '../../support/venues/kalshi-fixtures';
import { signedCorrectly, venueFor } from './harness';
import { FakeKalshi, ok } from './server';

const fake = new FakeKalshi();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const inst = (ticker: string, side: 'yes' | 'no' = 'yes') => ({ venue: 'kalshi' as const, ticker, side });
const NYK = 'KXNBAGAME-25DEC28NYKSAS-NYK';

describe('KalshiVenue.listGames', () => {
  it('walks every events page of the league series and maps games with fees and start times', async () => {
    fake.on('GET /series/KXNBAGAME', ok(series()));
    fake.on('GET /events', (req) =>
      req.query.get('cursor') === 'page-2'
        ? ok({
            events: [
              event({
                event_ticker: 'KXNBAGAME-25DEC28NYKSAS',
                markets: [market({ ticker: NYK, event_ticker: 'KXNBAGAME-25DEC28NYKSAS' })],
              }),
            ],
            cursor: '',
          })
        : ok({ events: [event()], milestones: [milestone()], cursor: 'page-2' }),
    );
    const games = await venueFor(fake).listGames(['NBA']);
    expect(games.map((g) => g.eventTicker)).toEqual([EVENT, 'KXNBAGAME-25DEC28NYKSAS']);
    expect(games[0]).toMatchObject({
      league: 'NBA',
      feeType: 'quadratic_with_maker_fees',
      feeMultiplierPpm: 1_000_000,
      gameStartMs: Date.parse('2025-12-28T00:30:00Z'),
    });
    expect(games[0]?.markets.map((m) => m.suffix)).toEqual(['LAL', 'BOS']);
    expect(games[1]?.gameStartMs).toBeNull();
    const [first, second] = fake.requests('GET', '/events');
    expect(Object.fromEntries(first?.query ?? [])).toEqual({
      series_ticker: 'KXNBAGAME',
      status: 'open',
      with_nested_markets: 'true',
      with_milestones: 'true',
      limit: '200',
    });
    expect(second?.query.get('cursor')).toBe('page-2');
    expect(fake.seen.every(signedCorrectly)).toBe(true);
  });

  it('uses configured series tickers and sends no auth headers without credentials', async () => {
    fake.on('GET /series/KXNHLGAMEX', ok(series({ ticker: 'KXNHLGAMEX', fee_type: 'quadratic', fee_multiplier: 0.5 })));
    fake.on('GET /events', ok({ events: [event({ series_ticker: 'KXNHLGAMEX' })], cursor: '' }));
    const games = await venueFor(fake, { credentials: undefined, seriesTickers: { NHL: 'KXNHLGAMEX' } }).listGames([
      'NHL',
    ]);
    expect(games[0]).toMatchObject({
      league: 'NHL',
      seriesTicker: 'KXNHLGAMEX',
      feeType: 'quadratic',
      feeMultiplierPpm: 500_000,
    });
    expect(fake.seen.every((s) => s.headers['kalshi-access-signature'] === undefined)).toBe(true);
  });

  it('leaves out a league whose series Kalshi does not know, recorded, and lists the others', async () => {
    fake.on('GET /series/KXNBAGAME', ok(series()));
    fake.on('GET /events', (req) =>
      req.query.get('series_ticker') === 'KXNBAGAME'
        ? ok({ events: [event()], cursor: '' })
        : ok({ events: [], cursor: '' }),
    );
    // No route for /series/KXWNBAGAME: the fake answers 404.
    const problems: string[] = [];
    const games = await venueFor(fake).listGames(['WNBA', 'NBA'], (p) => problems.push(p.message));
    expect(games.map((g) => g.eventTicker)).toEqual([EVENT]);
    expect(problems).toEqual([expect.stringMatching(/series KXWNBAGAME \(WNBA\) not found: its games are not listed/)]);
    // Without a sink the 404 still fails the call, as every failure of a whole call does.
    await expect(venueFor(fake).listGames(['WNBA'])).rejects.toThrow();
  });

  it('keeps a hyphenated market code whole (KXNCAAFGAME-25DEC27M-OHFRES-M-OH is M-OH)', async () => {
    const ev = 'KXNCAAFGAME-25DEC27M-OHFRES';
    fake.on('GET /series/KXNCAAFGAME', ok(series({ ticker: 'KXNCAAFGAME' })));
    fake.on(
      'GET /events',
      ok({
        events: [
          event({
            event_ticker: ev,
            series_ticker: 'KXNCAAFGAME',
            markets: [
              market({ ticker: `${ev}-M-OH`, event_ticker: ev }),
              market({ ticker: `${ev}-FRES`, event_ticker: ev }),
            ],
          }),
        ],
        cursor: '',
      }),
    );
    const [game] = await venueFor(fake).listGames(['NCAAF']);
    expect(game?.markets.map((m) => m.suffix)).toEqual(['M-OH', 'FRES']);
  });

  it.each([
    ['a market without a ticker', { markets: [(({ ticker: _t, ...rest }) => rest)(market())] }],
    ['a number where a price string is expected', { markets: [market({ yes_ask_dollars: 0.44 })] }],
  ])('fails with BadResponse on %s', async (_what, over) => {
    fake.on('GET /series/KXNBAGAME', ok(series()));
    fake.on('GET /events', ok({ events: [event(over)], cursor: '' }));
    await expect(venueFor(fake).listGames(['NBA'])).rejects.toBeInstanceOf(BadResponse);
  });

  it('with a problem sink, leaves out an event it cannot use and keeps the others', async () => {
    const badTicks = event({
      event_ticker: 'KXNBAGAME-25DEC27NYKMIA',
      markets: [
        market({
          ticker: 'KXNBAGAME-25DEC27NYKMIA-NYK',
          event_ticker: 'KXNBAGAME-25DEC27NYKMIA',
          price_level_structure: 'tapered_deci_cent',
          price_ranges: [],
        }),
      ],
    });
    fake.on('GET /series/KXNBAGAME', ok(series()));
    fake.on('GET /events', ok({ events: [badTicks, event()], cursor: '' }));
    const problems: BadResponse[] = [];
    const games = await venueFor(fake).listGames(['NBA'], (p) => problems.push(p));
    expect(games.map((g) => g.eventTicker)).toEqual([event().event_ticker]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/without usable price_ranges/)]);
    await expect(venueFor(fake).listGames(['NBA'])).rejects.toBeInstanceOf(BadResponse);
  });

  it('reads a market status it does not know as not tradable, and keeps the page (docs/venues-kalshi.md#k1-enums)', async () => {
    fake.on('GET /series/KXNBAGAME', ok(series()));
    const suspended = event({
      event_ticker: 'KXNBAGAME-25DEC27NYKMIA',
      markets: [
        market({ ticker: 'KXNBAGAME-25DEC27NYKMIA-NYK', event_ticker: 'KXNBAGAME-25DEC27NYKMIA', status: 'suspended' }),
      ],
    });
    fake.on('GET /events', ok({ events: [suspended, event()], cursor: '' }));
    const problems: BadResponse[] = [];
    const games = await venueFor(fake).listGames(['NBA'], (p) => problems.push(p));
    expect(games.map((g) => [g.eventTicker, g.markets.map((m) => m.tradable)])).toEqual([
      ['KXNBAGAME-25DEC27NYKMIA', [false]],
      [EVENT, [true, true]],
    ]);
    expect(problems).toEqual([]);
  });

  it('leaves out only the event with an unknown result or fee type; the page and the other games stay', async () => {
    fake.on('GET /series/KXNBAGAME', ok(series()));
    const newFee = event({ event_ticker: 'KXNBAGAME-25DEC27NYKMIA', fee_type_override: 'cubic' });
    const notAnEvent = { event_ticker: 42 };
    fake.on('GET /events', ok({ events: [newFee, notAnEvent, event()], cursor: '' }));
    const problems: BadResponse[] = [];
    const games = await venueFor(fake).listGames(['NBA'], (p) => problems.push(p));
    expect(games.map((g) => g.eventTicker)).toEqual([event().event_ticker]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/KXNBAGAME-25DEC27NYKMIA: unknown fee type/),
      expect.stringMatching(/event unusable \(event_ticker:/),
    ]);
  });

  it('with a series fee type it does not know, keeps only events that override it', async () => {
    fake.on('GET /series/KXNBAGAME', ok(series({ fee_type: 'cubic' })));
    const overridden = event({ event_ticker: 'KXNBAGAME-25DEC27NYKMIA', fee_type_override: 'quadratic' });
    fake.on('GET /events', ok({ events: [overridden, event()], cursor: '' }));
    const problems: BadResponse[] = [];
    const games = await venueFor(fake).listGames(['NBA'], (p) => problems.push(p));
    expect(games.map((g) => [g.eventTicker, g.feeType])).toEqual([['KXNBAGAME-25DEC27NYKMIA', 'quadratic']]);
    expect(problems).toHaveLength(1);
  });

  it('fails with BadResponse when the series has no fee type', async () => {
    fake.on('GET /series/KXNBAGAME', ok({ series: { ticker: 'KXNBAGAME', fee_multiplier: 1 } }));
    await expect(venueFor(fake).listGames(['NBA'])).rejects.toBeInstanceOf(BadResponse);
  });
});

describe('KalshiVenue.getBooks', () => {
  const three = [LAL, BOS, NYK];
  function serveMarkets() {
    fake.on('GET /markets', (req) =>
      ok({ markets: (req.query.get('tickers') ?? '').split(',').map((t) => market({ ticker: t })), cursor: '' }),
    );
  }

  it('learns ticks, then batches tickers through /markets/orderbooks in chunks', async () => {
    serveMarkets();
    fake.on('GET /markets/orderbooks', (req) =>
      ok({ orderbooks: req.query.getAll('tickers').map((t) => ({ ticker: t, orderbook_fp: orderbookFp() })) }),
    );
    const books = await venueFor(fake, { orderbookChunk: 2 }).getBooks(three.map((t) => inst(t)));
    expect(books.size).toBe(6);
    expect(books.get(`kalshi:${NYK}:no`)?.asks[0]).toEqual({ priceMicros: 580_000, sizeCenti: 1300 });
    expect(books.get(`kalshi:${LAL}:yes`)?.asks[0]).toEqual({ priceMicros: 440_000, sizeCenti: 1700 });
    expect(fake.requests('GET', '/markets')[0]?.query.get('tickers')).toBe(three.join(','));
    expect(fake.requests('GET', '/markets/orderbooks').map((r) => r.query.getAll('tickers'))).toEqual([
      [LAL, BOS],
      [NYK],
    ]);
    expect(fake.seen.every(signedCorrectly)).toBe(true);
  });

  it('falls back to one book per call when the batch endpoint 404s, and stays there', async () => {
    serveMarkets();
    fake.on('GET /markets/{t}/orderbook', ok({ orderbook_fp: orderbookFp() }));
    const venue = venueFor(fake);
    expect((await venue.getBooks(three.map((t) => inst(t)))).size).toBe(6);
    expect((await venue.getBooks([inst(LAL), inst(BOS)])).size).toBe(4);
    expect(fake.requests('GET', '/markets/orderbooks')).toHaveLength(1);
    expect(fake.seen.filter((s) => s.path.endsWith('/orderbook'))).toHaveLength(5);
    // Ticks were learnt once.
    expect(fake.requests('GET', '/markets')).toHaveLength(1);
  });

  it('without credentials, treats a 401 from the batch endpoint as "use single books"', async () => {
    serveMarkets();
    fake.on('GET /markets/orderbooks', { status: 401, body: { error: { code: 'unauthorized' } } });
    fake.on('GET /markets/{t}/orderbook', ok({ orderbook_fp: orderbookFp({ no_dollars: [] }) }));
    const books = await venueFor(fake, { credentials: undefined }).getBooks([inst(LAL), inst(BOS, 'no')]);
    expect(books.get(`kalshi:${LAL}:yes`)?.asks).toEqual([]);
    expect(books.get(`kalshi:${BOS}:no`)?.asks.length).toBe(3);
  });

  it('with a problem sink, leaves a crossed book out and returns the others', async () => {
    serveMarkets();
    const crossed = orderbookFp({ yes_dollars: [['0.6000', '10.00']], no_dollars: [['0.5000', '10.00']] });
    fake.on('GET /markets/orderbooks', (req) =>
      ok({
        orderbooks: req.query
          .getAll('tickers')
          .map((t) => ({ ticker: t, orderbook_fp: t === BOS ? crossed : orderbookFp() })),
      }),
    );
    const problems: BadResponse[] = [];
    const books = await venueFor(fake).getBooks([inst(LAL), inst(BOS)], (p) => problems.push(p));
    expect([...books.keys()].sort()).toEqual([`kalshi:${LAL}:no`, `kalshi:${LAL}:yes`]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/crossed/)]);
  });

  it('leaves out markets the venue does not know', async () => {
    fake.on('GET /markets', ok({ markets: [market()], cursor: '' }));
    fake.on('GET /markets/{t}/orderbook', (req) =>
      req.path.includes(LAL) ? ok({ orderbook_fp: orderbookFp() }) : { status: 404, body: {} },
    );
    const books = await venueFor(fake).getBooks([inst(LAL), inst('KXNBAGAME-NOPE-XX')]);
    expect([...books.keys()].sort()).toEqual([`kalshi:${LAL}:no`, `kalshi:${LAL}:yes`]);
  });

  it.each([
    ['an empty book object', {}],
    ['a number where a string is expected', { orderbook_fp: orderbookFp({ yes_dollars: [['0.42', 13]] }) }],
    ['a body that is not JSON', 'not json'],
  ])('fails with BadResponse on %s', async (_what, body) => {
    fake.on('GET /markets', ok({ markets: [market()], cursor: '' }));
    fake.on('GET /markets/{t}/orderbook', ok(body));
    await expect(venueFor(fake).getBooks([inst(LAL)])).rejects.toBeInstanceOf(BadResponse);
  });
});

describe('KalshiVenue.getResolution', () => {
  it('reads a finalized market, and looks in /historical when the market is gone', async () => {
    fake.on(
      'GET /markets/{t}',
      ok({ market: market({ status: 'finalized', result: 'no', settlement_value_dollars: '0.0000' }) }),
    );
    expect(await venueFor(fake).getResolution(inst(LAL))).toEqual({
      state: 'final',
      kind: 'won',
      payoutMicros: { [`kalshi:${LAL}:yes`]: 0, [`kalshi:${LAL}:no`]: 1_000_000 },
    });
    fake.reset();
    fake.on('GET /historical/markets/{t}', ok({ market: market({ status: 'finalized', result: 'yes' }) }));
    const res = await venueFor(fake).getResolution(inst(LAL));
    expect(res.state === 'final' && res.payoutMicros[`kalshi:${LAL}:yes`]).toBe(1_000_000);
    expect(fake.seen.map((s) => s.path)).toEqual([`/markets/${LAL}`, `/historical/markets/${LAL}`]);
  });

  it('reads a status it does not know as unresolved rather than guessing (docs/venues-kalshi.md#k1-enums)', async () => {
    fake.on('GET /markets/{t}', ok({ market: market({ status: 'settled' }) }));
    await expect(venueFor(fake).getResolution(inst(LAL))).resolves.toEqual({ state: 'unresolved' });
  });

  it('fails with BadResponse on a finalized market whose result it does not know', async () => {
    fake.on('GET /markets/{t}', ok({ market: market({ status: 'finalized', result: 'maybe' }) }));
    await expect(venueFor(fake).getResolution(inst(LAL))).rejects.toBeInstanceOf(BadResponse);
  });
});
