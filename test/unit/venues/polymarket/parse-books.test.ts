/** CLOB book → core Book: best LAST on the wire, best FIRST in core (docs/venues-polymarket.md#p2-book-order). */

import { ParseFailure } from '../../../../lib/venues/polymarket/parse';
import { bookOf } from '../../../../lib/venues/polymarket/parse-books';
import { clobBook as clobBookSchema } from '../../../../lib/venues/polymarket/schemas';
import { CONDITION, clobBook, TOKEN_A } from '../../../support/venues/polymarket-fixtures';

const instrument = { venue: 'polymarket' as const, conditionId: CONDITION, tokenId: TOKEN_A };
const map = (raw: Record<string, unknown>) => bookOf(clobBookSchema.parse(raw), instrument, 42);

describe('bookOf', () => {
  it('reverses the venue order: asks ascending and bids descending, best first', () => {
    const book = map(clobBook());
    expect(book.asks).toEqual([
      { priceMicros: 460_000, sizeCenti: 1_000 },
      { priceMicros: 470_000, sizeCenti: 8_012 },
      { priceMicros: 480_000, sizeCenti: 5_000 },
    ]);
    expect(book.bids).toEqual([
      { priceMicros: 450_000, sizeCenti: 12_050 },
      { priceMicros: 440_000, sizeCenti: 30_000 },
    ]);
    expect(book).toMatchObject({ instrument, tickMicros: 10_000, minSizeCenti: 500, observedAtMs: 42 });
  });

  it('floors sizes to centishares and drops levels that floor to nothing', () => {
    const book = map(
      clobBook({
        asks: [
          { price: '0.5', size: '0.009' },
          { price: '0.49', size: '1.999' },
        ],
        bids: [],
      }),
    );
    expect(book.asks).toEqual([{ priceMicros: 490_000, sizeCenti: 199 }]);
  });

  it('accepts a side with no levels as an empty side', () => {
    const book = map(clobBook({ bids: [], asks: [] }));
    expect(book.asks).toEqual([]);
    expect(book.bids).toEqual([]);
  });

  it('refuses a book whose order is not the documented one (best first on the wire)', () => {
    expect(() =>
      map(
        clobBook({
          asks: [
            { price: '0.46', size: '1' },
            { price: '0.47', size: '1' },
          ],
        }),
      ),
    ).toThrow(ParseFailure);
    expect(() =>
      map(
        clobBook({
          bids: [
            { price: '0.45', size: '1' },
            { price: '0.44', size: '1' },
          ],
        }),
      ),
    ).toThrow(ParseFailure);
  });

  it('refuses crossed books, prices outside (0, 1) and unsupported ticks', () => {
    expect(() => map(clobBook({ bids: [{ price: '0.47', size: '1' }] }))).toThrow(/crossed/);
    expect(() => map(clobBook({ asks: [{ price: '1.00', size: '1' }] }))).toThrow(ParseFailure);
    expect(() => map(clobBook({ tick_size: '0.02' }))).toThrow(/tick/);
    expect(() => map(clobBook({ asks: [{ price: '0.4655555', size: '1' }] }))).toThrow();
  });
});

describe('clobBook schema', () => {
  it('refuses an empty object, numbers for strings and missing fields', () => {
    expect(clobBookSchema.safeParse({}).success).toBe(false);
    expect(clobBookSchema.safeParse(clobBook({ tick_size: 0.01 })).success).toBe(false);
    expect(clobBookSchema.safeParse(clobBook({ bids: [{ price: 0.45, size: '1' }] })).success).toBe(false);
    expect(clobBookSchema.safeParse(clobBook({ asks: undefined })).success).toBe(false);
    expect(clobBookSchema.safeParse(clobBook({ asks: [{ price: 'NaN', size: '1' }] })).success).toBe(false);
  });
});
