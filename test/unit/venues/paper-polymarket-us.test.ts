/**
 * PaperVenue over a Polymarket US read side: fills in contracts against the real book, charged
 * Polymarket US's fee for the market's Θ (lib/core/fees.ts), on the market's minimum and step;
 * never before the market was listed (its Θ is read, not assumed).
 */
import { polymarketUsOrderFee } from '../../../lib/core/fees';
import type { Book, InstrumentRef, PolymarketUsGame } from '../../../lib/core/market';
import { instrumentKey } from '../../../lib/core/market';
import { Rejected, type Venue } from '../../../lib/engine/ports';
import { PaperVenue } from '../../../lib/venues/paper';

const SLUG = 'aec-nba-lal-bos-2026-11-25';
const LONG: InstrumentRef = { venue: 'polymarket-us', marketSlug: SLUG, side: 'long' };
const SHORT: InstrumentRef = { venue: 'polymarket-us', marketSlug: SLUG, side: 'short' };

const game: PolymarketUsGame = {
  venue: 'polymarket-us',
  league: 'NBA',
  eventId: 'e1',
  eventSlug: 'nba-lal-bos-2026-11-25',
  marketSlug: SLUG,
  marketId: 'm1',
  title: 'Lakers vs. Celtics',
  slugDate: '2026-11-25',
  long: { name: 'Lakers', code: 'LAL', abbreviation: null, listedPriceMicros: null },
  short: { name: 'Celtics', code: 'BOS', abbreviation: null, listedPriceMicros: null },
  gameStartMs: 0,
  tickMicros: 10_000,
  minSizeCenti: 100,
  sizeStepCenti: 100,
  takerThetaPpm: 80_000,
  tradable: true,
  listedLongAskMicros: null,
  listedShortAskMicros: null,
};

function inner(): Venue {
  const book = (instrument: InstrumentRef, asks: Book['asks'], bids: Book['bids']): Book => ({
    instrument,
    asks,
    bids,
    tickMicros: 10_000,
    minSizeCenti: 100,
    sizeStepCenti: 100,
    observedAtMs: 0,
  });
  const books = new Map([
    [
      instrumentKey(LONG),
      book(LONG, [{ priceMicros: 450_000, sizeCenti: 1_000 }], [{ priceMicros: 430_000, sizeCenti: 500 }]),
    ],
    [
      instrumentKey(SHORT),
      book(
        SHORT,
        [
          { priceMicros: 570_000, sizeCenti: 300 },
          { priceMicros: 580_000, sizeCenti: 700 },
        ],
        [{ priceMicros: 550_000, sizeCenti: 1_000 }],
      ),
    ],
  ]);
  return {
    name: 'polymarket-us',
    listGames: async () => [game],
    getBooks: async (instruments) =>
      new Map(
        instruments.flatMap((i) =>
          books.has(instrumentKey(i)) ? [[instrumentKey(i), books.get(instrumentKey(i))!]] : [],
        ),
      ),
    placeOrder: async () => {
      throw new Error('paper never sends');
    },
    cancelOrder: async () => {},
    getOrder: async () => null,
    getBalance: async () => ({ availableMicros: 0 }),
    getPositions: async () => [],
    getResolution: async () => ({ state: 'unresolved' }),
  };
}

const order = (over: Partial<Parameters<Venue['placeOrder']>[0]> = {}) => ({
  clientOrderId: 'c1',
  instrument: SHORT,
  side: 'buy' as const,
  priceMicros: 580_000,
  sizeCenti: 500,
  tif: 'FOK' as const,
  ...over,
});

describe('PaperVenue on Polymarket US', () => {
  it('refuses a market it has not listed: its Θ is never assumed', async () => {
    const paper = new PaperVenue(inner(), { startingBalanceMicros: 100_000_000 });
    await expect(paper.placeOrder(order())).rejects.toThrow(Rejected);
  });

  it('fills a buy of contracts across levels and charges the market Θ, then sells back', async () => {
    const paper = new PaperVenue(inner(), { startingBalanceMicros: 100_000_000 });
    await paper.listGames(['NBA']);
    const buy = await paper.placeOrder(order());
    const fills = [
      { price: 570_000, count: 300 },
      { price: 580_000, count: 200 },
    ];
    const fee = polymarketUsOrderFee(fills, 80_000);
    expect(fee).toBeGreaterThan(0);
    expect(buy).toMatchObject({
      venue: 'polymarket-us',
      status: 'filled',
      instrument: SHORT,
      filledCenti: 500,
      notionalMicros: 1_710_000 + 1_160_000,
      feeMicros: fee,
    });
    expect((await paper.getBalance()).availableMicros).toBe(100_000_000 - 2_870_000 - fee);
    expect(await paper.getPositions()).toEqual([{ instrument: SHORT, sizeCenti: 500 }]);
    const sell = await paper.placeOrder(order({ clientOrderId: 'c2', side: 'sell', priceMicros: 540_000, tif: 'IOC' }));
    expect(sell).toMatchObject({ status: 'filled', filledCenti: 500, notionalMicros: 2_750_000 });
    expect(sell.feeMicros).toBe(polymarketUsOrderFee([{ price: 550_000, count: 500 }], 80_000));
    expect(await paper.getPositions()).toEqual([]);
  });

  it("refuses a size off the market's step or under its minimum", async () => {
    const paper = new PaperVenue(inner(), { startingBalanceMicros: 100_000_000 });
    await paper.listGames(['NBA']);
    await expect(paper.placeOrder(order({ sizeCenti: 250 }))).rejects.toThrow(/minimum or step/);
    await expect(paper.placeOrder(order({ clientOrderId: 'c3', sizeCenti: 50 }))).rejects.toThrow(/minimum or step/);
  });
});
