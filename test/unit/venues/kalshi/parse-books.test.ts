import fc from 'fast-check';
import { formatCentishares, formatMicros } from '../../../../lib/core/money';
import { BadResponse } from '../../../../lib/engine/ports';
import { booksOf } from '../../../../lib/venues/kalshi/parse-books';
import { orderbookResponse, orderbooksResponse } from '../../../../lib/venues/kalshi/schemas';
import { LAL, orderbookFp } from '../../../support/venues/kalshi-fixtures';

const ctx = {
  tickMicros: 10_000,
  minSizeCenti: 100,
  observedAtMs: 1_766_880_000_000,
  endpoint: 'GET /markets/{ticker}/orderbook',
};

function wire(over: Record<string, unknown> = {}) {
  return orderbookResponse.parse({ orderbook_fp: orderbookFp(over) }).orderbook_fp;
}

describe('Kalshi order book → yes/no Books', () => {
  it('turns the documented ascending bid arrays into best-first books on both instruments', () => {
    const [yes, no] = booksOf(LAL, wire(), ctx);
    expect(yes.instrument).toEqual({ venue: 'kalshi', ticker: LAL, side: 'yes' });
    expect(yes.bids).toEqual([
      { priceMicros: 420_000, sizeCenti: 1300 },
      { priceMicros: 410_000, sizeCenti: 1000 },
      { priceMicros: 10_000, sizeCenti: 20_000 },
    ]);
    // YES asks = 1 − NO bids, same sizes, lowest first.
    expect(yes.asks).toEqual([
      { priceMicros: 440_000, sizeCenti: 1700 },
      { priceMicros: 550_000, sizeCenti: 2000 },
      { priceMicros: 990_000, sizeCenti: 10_000 },
    ]);
    expect(no.instrument).toEqual({ venue: 'kalshi', ticker: LAL, side: 'no' });
    expect(no.bids[0]).toEqual({ priceMicros: 560_000, sizeCenti: 1700 });
    // NO asks = 1 − YES bids.
    expect(no.asks.map((l) => l.priceMicros)).toEqual([580_000, 590_000, 990_000]);
    expect(no.asks[0]?.sizeCenti).toBe(1300);
    expect(yes.tickMicros).toBe(10_000);
    expect(no.observedAtMs).toBe(ctx.observedAtMs);
  });

  it('does not depend on the order the venue sends levels in', () => {
    const shuffled = wire({
      yes_dollars: [
        ['0.4200', '13.00'],
        ['0.0100', '200.00'],
        ['0.4100', '10.00'],
      ],
    });
    expect(booksOf(LAL, shuffled, ctx)[0].bids.map((l) => l.priceMicros)).toEqual([420_000, 410_000, 10_000]);
  });

  it('reads sub-penny prices exactly and floors depth finer than a centishare', () => {
    const [yes] = booksOf(LAL, wire({ yes_dollars: [['0.4215', '13.009']], no_dollars: [] }), ctx);
    expect(yes.bids).toEqual([{ priceMicros: 421_500, sizeCenti: 1300 }]);
    expect(yes.asks).toEqual([]);
  });

  it('merges repeated prices and drops levels that floor to nothing', () => {
    const [yes] = booksOf(
      LAL,
      wire({
        yes_dollars: [
          ['0.40', '1.00'],
          ['0.40', '2.50'],
          ['0.30', '0.004'],
        ],
      }),
      ctx,
    );
    expect(yes.bids).toEqual([{ priceMicros: 400_000, sizeCenti: 350 }]);
  });

  it('reads an empty book as no levels, whether sides are [], null or absent', () => {
    for (const fp of [{ yes_dollars: [], no_dollars: [] }, { yes_dollars: null, no_dollars: null }, {}]) {
      const parsed = orderbookResponse.parse({ orderbook_fp: fp }).orderbook_fp;
      const [yes, no] = booksOf(LAL, parsed, ctx);
      expect([yes.bids, yes.asks, no.bids, no.asks]).toEqual([[], [], [], []]);
    }
  });

  it('refuses a crossed or locked book (YES bid + NO bid ≥ $1)', () => {
    expect(() =>
      booksOf(LAL, wire({ yes_dollars: [['0.4400', '1.00']], no_dollars: [['0.5600', '1.00']] }), ctx),
    ).toThrow(BadResponse);
    expect(() =>
      booksOf(LAL, wire({ yes_dollars: [['0.5000', '1.00']], no_dollars: [['0.5100', '1.00']] }), ctx),
    ).toThrow(BadResponse);
  });

  it('refuses bids at $0 or $1, which are not prices', () => {
    expect(() => booksOf(LAL, wire({ yes_dollars: [['0.0000', '1.00']] }), ctx)).toThrow(BadResponse);
    expect(() => booksOf(LAL, wire({ no_dollars: [['1.0000', '1.00']] }), ctx)).toThrow(BadResponse);
  });

  it.each([
    ['a number where a string is expected', { yes_dollars: [[0.42, '13.00']] }],
    ['a float-looking count', { yes_dollars: [['0.42', '1e3']] }],
    ['a three-element level', { yes_dollars: [['0.42', '13.00', '2']] }],
    ['a price above $1', { no_dollars: [['1.0100', '1.00']] }],
    ['more than 6 decimals', { no_dollars: [['0.4200001', '1.00']] }],
  ])('fails the schema for %s (no NaN reaches a Book)', (_what, over) => {
    expect(orderbookResponse.safeParse({ orderbook_fp: orderbookFp(over) }).success).toBe(false);
  });

  it('fails the schema when orderbook_fp itself is missing', () => {
    expect(orderbookResponse.safeParse({}).success).toBe(false);
    expect(orderbookResponse.safeParse({ orderbook: { yes: [[42, 13]] } }).success).toBe(false);
    expect(orderbooksResponse.safeParse({ orderbooks: [{ orderbook_fp: orderbookFp() }] }).success).toBe(false);
  });
});

describe('Kalshi book mapping properties', () => {
  // Any uncrossed bid sets on a cent grid: both books mirror each other exactly.
  const side = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 100_000 })), {
    selector: ([cents]) => cents,
    maxLength: 12,
  });
  const asWire = (levels: [number, number][]) =>
    levels.map(([c, n]) => [formatMicros(c * 10_000, 4), formatCentishares(n)]);

  it('YES asks are exactly 1 − NO bids and NO asks exactly 1 − YES bids, sizes kept, best first', () => {
    fc.assert(
      fc.property(side, side, (yes, no) => {
        const bestYes = Math.max(0, ...yes.map(([c]) => c));
        const bestNo = Math.max(0, ...no.map(([c]) => c));
        fc.pre(bestYes + bestNo < 100);
        const parsed = orderbookResponse.parse({
          orderbook_fp: { yes_dollars: asWire(yes), no_dollars: asWire(no) },
        }).orderbook_fp;
        const [y, n] = booksOf(LAL, parsed, ctx);
        expect(y.asks).toEqual(n.bids.map((l) => ({ priceMicros: 1_000_000 - l.priceMicros, sizeCenti: l.sizeCenti })));
        expect(n.asks).toEqual(y.bids.map((l) => ({ priceMicros: 1_000_000 - l.priceMicros, sizeCenti: l.sizeCenti })));
        for (const b of [y, n]) {
          expect(b.bids.every((l, i, a) => i === 0 || (a[i - 1] as typeof l).priceMicros > l.priceMicros)).toBe(true);
          expect(b.asks.every((l, i, a) => i === 0 || (a[i - 1] as typeof l).priceMicros < l.priceMicros)).toBe(true);
          if (b.bids[0] && b.asks[0]) expect(b.asks[0].priceMicros).toBeGreaterThan(b.bids[0].priceMicros);
          expect(
            [...b.bids, ...b.asks].every(
              (l) => Number.isSafeInteger(l.priceMicros) && Number.isSafeInteger(l.sizeCenti),
            ),
          ).toBe(true);
        }
        expect(y.bids.reduce((s, l) => s + l.sizeCenti, 0)).toBe(yes.reduce((s, [, q]) => s + q, 0));
      }),
      { numRuns: 200 },
    );
  });
});
