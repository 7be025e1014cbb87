/**
 * Polymarket fees are read per market (docs/venues-polymarket.md#p5-fee-schedule): no constant rate
 * exists in core, a fee-charging market without a readable schedule is refused, and PaperVenue
 * charges each market its own rate and refuses a market whose schedule it never read.
 */
import * as fees from '../../../lib/core/fees';
import type { Book, InstrumentRef, League, PolymarketGame, VenueGame } from '../../../lib/core/market';
import { instrumentKey } from '../../../lib/core/market';
import { Rejected, type Venue } from '../../../lib/engine/ports';
import { PaperVenue } from '../../../lib/venues/paper';
import { ParseFailure } from '../../../lib/venues/polymarket/parse';
import { feeScheduleOf, gameOf } from '../../../lib/venues/polymarket/parse-markets';
import { gammaMarket } from '../../../lib/venues/polymarket/schemas';
import { CONDITION, gammaMoneyline, TOKEN_A, TOKEN_B } from '../../support/venues/polymarket-fixtures';

const ALL = new Set<League>(['NBA', 'NFL', 'NHL', 'MLB']);
const parse = (raw: Record<string, unknown>) => gammaMarket.parse(raw);

describe('the Polymarket fee rate comes from each market', () => {
  it('has no constant Polymarket rate in core', () => {
    expect(Object.keys(fees).filter((k) => /^POLYMARKET.*RATE/i.test(k))).toEqual([]);
  });

  it('reads each market its own rate and exponent', () => {
    const sports = gameOf(parse(gammaMoneyline({ feeSchedule: { rate: 0.05, exponent: 1, takerOnly: true } })), ALL);
    const other = gameOf(parse(gammaMoneyline({ feeSchedule: { rate: '0.072', exponent: 2 } })), ALL);
    expect(sports?.fee).toEqual({ ratePpm: 50_000, exponent: 1, takerOnly: true });
    expect(other?.fee).toEqual({ ratePpm: 72_000, exponent: 2, takerOnly: true });
  });

  it('refuses a fee-charging market without a schedule, whether or not feesEnabled is sent', () => {
    expect(() => feeScheduleOf(parse(gammaMoneyline({ feeSchedule: null })))).toThrow(ParseFailure);
    expect(() => feeScheduleOf(parse(gammaMoneyline({ feesEnabled: undefined, feeSchedule: undefined })))).toThrow(
      ParseFailure,
    );
    expect(feeScheduleOf(parse(gammaMoneyline({ feesEnabled: false, feeSchedule: null }))).ratePpm).toBe(0);
  });

  it('refuses an unreadable rate (the schema or the exact decimal reader)', () => {
    expect(gammaMarket.safeParse(gammaMoneyline({ feeSchedule: { rate: 'five percent' } })).success).toBe(false);
    expect(() => feeScheduleOf(parse(gammaMoneyline({ feeSchedule: { rate: 1e-9 } })))).toThrow(ParseFailure);
  });
});

describe('PaperVenue fees', () => {
  const instrument = (tokenId: string): InstrumentRef => ({ venue: 'polymarket', conditionId: CONDITION, tokenId });
  const game = (ratePpm: number): PolymarketGame => ({
    venue: 'polymarket',
    league: 'NBA',
    marketId: '1',
    conditionId: CONDITION,
    slug: 'nba-lal-bos-2026-12-27',
    question: 'Lakers vs. Celtics',
    outcomes: [
      { name: 'Lakers', tokenId: TOKEN_A, listedAskMicros: null },
      { name: 'Celtics', tokenId: TOKEN_B, listedAskMicros: null },
    ],
    gameStartMs: null,
    negRisk: false,
    protocolVersion: 'v1',
    tickMicros: 10_000,
    minSizeCenti: 100,
    fee: { ratePpm, exponent: 1, takerOnly: true },
    tradable: true,
  });

  function inner(games: VenueGame[]): Venue & { bookCalls: number } {
    const book = (i: InstrumentRef): Book => ({
      instrument: i,
      bids: [],
      asks: [{ priceMicros: 400_000, sizeCenti: 10_000 }],
      tickMicros: 10_000,
      minSizeCenti: 100,
      observedAtMs: 0,
    });
    const venue = {
      name: 'polymarket' as const,
      bookCalls: 0,
      listGames: async () => games,
      getBooks: async (instruments: readonly InstrumentRef[]) => {
        venue.bookCalls++;
        return new Map(instruments.map((i) => [instrumentKey(i), book(i)]));
      },
      placeOrder: async () => {
        throw new Error('paper never places');
      },
      cancelOrder: async () => {},
      getOrder: async () => null,
      getBalance: async () => ({ availableMicros: 0 }),
      getPositions: async () => [],
      getResolution: async () => ({ status: 'unresolved' as const }),
    };
    return venue as unknown as Venue & { bookCalls: number };
  }

  const buy = (tokenId: string, clientOrderId: string) => ({
    clientOrderId,
    instrument: instrument(tokenId),
    side: 'buy' as const,
    priceMicros: 400_000,
    sizeCenti: 1_000,
    tif: 'FOK' as const,
  });

  it('charges the rate the market listed, not a constant', async () => {
    const venue = new PaperVenue(inner([game(72_000)]), { startingBalanceMicros: 100_000_000 });
    await venue.listGames(['NBA']);
    const r = await venue.placeOrder(buy(TOKEN_A, 'a'));
    expect(r.status).toBe('filled');
    expect(r.feeMicros).toBe(fees.polymarketOrderFee([{ price: 400_000, count: 1_000 }], 72_000, 1));
    expect(r.feeMicros).toBe(172_800); // 0.072 · 10 · 0.4 · 0.6
  });

  it('refuses a Polymarket instrument whose market (and so fee schedule) it never listed', async () => {
    const stub = inner([]);
    const venue = new PaperVenue(stub, { startingBalanceMicros: 100_000_000 });
    await expect(venue.placeOrder(buy(TOKEN_A, 'b'))).rejects.toBeInstanceOf(Rejected);
    await expect(venue.placeOrder(buy(TOKEN_A, 'c'))).rejects.toThrow(/no fee schedule/);
    expect(stub.bookCalls).toBe(0);
    expect((await venue.getBalance()).availableMicros).toBe(100_000_000);
  });
});
