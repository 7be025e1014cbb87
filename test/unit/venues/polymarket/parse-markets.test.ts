/**
 * Gamma market → PolymarketGame (docs/venues-polymarket.md#p1), the loose time format, and resolution from
 * Gamma + CLOB `tokens[].winner` (docs/venues-polymarket.md#p6).
 */

import type { League } from '../../../../lib/core/market';
import { ParseFailure, parseLooseTime } from '../../../../lib/venues/polymarket/parse';
import { gameOf, marketInfoOf, resolutionOf } from '../../../../lib/venues/polymarket/parse-markets';
import { clobMarket as clobMarketSchema, gammaMarket } from '../../../../lib/venues/polymarket/schemas';
import {
  CONDITION,
  clobMarket,
  gammaMoneyline,
  POSITION_A,
  POSITION_B,
  TOKEN_A,
  TOKEN_B,
} from '../../../support/venues/polymarket-fixtures';

const ALL = new Set<League>(['NBA', 'NFL', 'NHL', 'MLB']);
const parse = (raw: Record<string, unknown>) => gammaMarket.parse(raw);

describe('parseLooseTime', () => {
  it('reads the Postgres-like form "2026-08-07 00:00:00+00" as UTC', () => {
    expect(parseLooseTime('2026-08-07 00:00:00+00')).toBe(Date.UTC(2026, 7, 7, 0, 0, 0));
  });

  it('reads ISO 8601 with Z, offsets and fractions', () => {
    expect(parseLooseTime('2026-08-07T00:00:00Z')).toBe(Date.UTC(2026, 7, 7));
    expect(parseLooseTime('2026-08-07T00:00:00.250Z')).toBe(Date.UTC(2026, 7, 7) + 250);
    expect(parseLooseTime('2026-08-06T20:00:00-04:00')).toBe(Date.UTC(2026, 7, 7));
    expect(parseLooseTime('2026-08-07 05:30:00+0530')).toBe(Date.UTC(2026, 7, 7));
  });

  it('refuses times without a zone, impossible dates and other text', () => {
    expect(() => parseLooseTime('2026-08-07 00:00:00')).toThrow(ParseFailure);
    expect(() => parseLooseTime('2026-02-30 00:00:00+00')).toThrow(ParseFailure);
    expect(() => parseLooseTime('tomorrow')).toThrow(ParseFailure);
  });
});

describe('gameOf', () => {
  it('maps a moneyline market to a PolymarketGame with exact units', () => {
    const game = gameOf(parse(gammaMoneyline()), ALL);
    expect(game).toEqual({
      venue: 'polymarket',
      league: 'NBA',
      marketId: '540816',
      conditionId: CONDITION,
      slug: 'nba-lal-bos-2026-12-27',
      question: 'Lakers vs. Celtics',
      outcomes: [
        { name: 'Lakers', tokenId: TOKEN_A, listedAskMicros: null },
        { name: 'Celtics', tokenId: TOKEN_B, listedAskMicros: null },
      ],
      gameStartMs: Date.UTC(2026, 11, 28, 0, 30),
      negRisk: false,
      protocolVersion: 'v1',
      tickMicros: 1_000,
      minSizeCenti: 500,
      fee: { ratePpm: 30_000, exponent: 1, takerOnly: true },
      tradable: true,
    });
  });

  it("takes listing asks for the pre-screen: the first outcome's bestAsk, the second's as 1 − bestBid", () => {
    const game = gameOf(parse(gammaMoneyline({ bestBid: 0.43, bestAsk: '0.455' })), ALL);
    expect(game?.outcomes.map((o) => o.listedAskMicros)).toEqual([455_000, 570_000]);
    // Absent, 0, 1 or unreadable prices are unknown, which keeps the pair (never a reason to skip it).
    for (const [bestBid, bestAsk] of [
      [0, 1],
      [null, undefined],
      [1e-9, 0.4555555555],
    ] as const) {
      const g = gameOf(parse(gammaMoneyline({ bestBid, bestAsk })), ALL);
      expect(g?.outcomes.map((o) => o.listedAskMicros)).toEqual([null, null]);
    }
  });

  it('trades positionIds on version v2 markets (a real array or a JSON string)', () => {
    for (const positionIds of [[POSITION_A, POSITION_B], JSON.stringify([POSITION_A, POSITION_B])]) {
      const game = gameOf(parse(gammaMoneyline({ version: 'v2', positionIds })), ALL);
      expect(game?.protocolVersion).toBe('v2');
      expect(game?.outcomes.map((o) => o.tokenId)).toEqual([POSITION_A, POSITION_B]);
    }
  });

  it('takes the league from the series, the event slug or the market slug', () => {
    expect(gameOf(parse(gammaMoneyline({ events: [{ slug: 'x', seriesSlug: 'nhl' }] })), ALL)?.league).toBe('NHL');
    expect(gameOf(parse(gammaMoneyline({ events: [{ slug: 'mlb-nyy-bos-2026-06-01' }] })), ALL)?.league).toBe('MLB');
    expect(gameOf(parse(gammaMoneyline({ events: [], slug: 'nfl-det-cin-2026-09-13' })), ALL)?.league).toBe('NFL');
  });

  it('skips other leagues, other market types and Yes/No markets', () => {
    expect(gameOf(parse(gammaMoneyline()), new Set<League>(['NFL']))).toBeNull();
    expect(gameOf(parse(gammaMoneyline({ sportsMarketType: 'totals' })), ALL)).toBeNull();
    expect(
      gameOf(parse(gammaMoneyline({ events: [{ slug: 'epl-ars-che-2026-01-01' }], slug: 'epl-ars' })), ALL),
    ).toBeNull();
    expect(gameOf(parse(gammaMoneyline({ outcomes: '["Yes","No"]' })), ALL)).toBeNull();
  });

  it('is not tradable when closed, not accepting orders or without an order book', () => {
    expect(gameOf(parse(gammaMoneyline({ closed: true })), ALL)?.tradable).toBe(false);
    expect(gameOf(parse(gammaMoneyline({ acceptingOrders: false })), ALL)?.tradable).toBe(false);
    expect(gameOf(parse(gammaMoneyline({ enableOrderBook: undefined })), ALL)?.tradable).toBe(false);
  });

  it('reads a fee-free market as rate 0 and null start when the venue gives none', () => {
    const game = gameOf(parse(gammaMoneyline({ feesEnabled: false, feeSchedule: null, gameStartTime: null })), ALL);
    expect(game?.fee.ratePpm).toBe(0);
    expect(game?.gameStartMs).toBeNull();
  });

  it('refuses a fee-charging market without a schedule, unknown ticks and a missing minimum size', () => {
    expect(() => marketInfoOf(parse(gammaMoneyline({ feeSchedule: undefined })))).toThrow(ParseFailure);
    expect(() => marketInfoOf(parse(gammaMoneyline({ orderPriceMinTickSize: 0.02 })))).toThrow(/tick/);
    expect(() => marketInfoOf(parse(gammaMoneyline({ orderPriceMinTickSize: 1e-7 })))).toThrow(ParseFailure);
    expect(() => marketInfoOf(parse(gammaMoneyline({ orderMinSize: undefined })))).toThrow(/orderMinSize/);
    expect(() => marketInfoOf(parse(gammaMoneyline({ version: 'v2', positionIds: [POSITION_A] })))).toThrow(
      /positionIds/,
    );
  });
});

describe('gammaMarket schema', () => {
  it('refuses malformed JSON-encoded fields and numbers where strings belong', () => {
    const bad: Array<Record<string, unknown>> = [
      gammaMoneyline({ outcomes: '["Lakers", "Celtics"' }),
      gammaMoneyline({ clobTokenIds: [TOKEN_A, TOKEN_B] }),
      gammaMoneyline({ conditionId: 123 }),
      gammaMoneyline({ conditionId: undefined }),
      gammaMoneyline({ question: undefined }),
      gammaMoneyline({ version: 'v9' }),
      gammaMoneyline({ negRisk: 'false' }),
    ];
    for (const raw of bad) expect(gammaMarket.safeParse(raw).success).toBe(false);
  });
});

// ---- resolution (docs/venues-polymarket.md#p6) ----------------------------------------------------------------

const keyA = `polymarket:${TOKEN_A}`;
const keyB = `polymarket:${TOKEN_B}`;

function resolve(gamma: Record<string, unknown>, clob: Record<string, unknown> | null) {
  const g = gammaMarket.parse(gammaMoneyline(gamma));
  return resolutionOf(g, marketInfoOf(g), clob ? clobMarketSchema.parse(clob) : null);
}

describe('resolutionOf', () => {
  it('is unresolved while the market is open', () => {
    expect(resolve({}, null)).toEqual({ state: 'unresolved' });
  });

  it('pays 1_000_000 to the CLOB winner and 0 to the loser', () => {
    expect(
      resolve({ closed: true, umaResolutionStatus: 'resolved', outcomePrices: '["0","1"]' }, clobMarket('B')),
    ).toEqual({
      state: 'final',
      kind: 'won',
      payoutMicros: { [keyA]: 0, [keyB]: 1_000_000 },
    });
  });

  it('maps the winner by outcome name on v2 markets whose traded ids are positionIds', () => {
    const r = resolve({ closed: true, version: 'v2', positionIds: [POSITION_A, POSITION_B] }, clobMarket('A'));
    expect(r).toEqual({
      state: 'final',
      kind: 'won',
      payoutMicros: { [`polymarket:${POSITION_A}`]: 1_000_000, [`polymarket:${POSITION_B}`]: 0 },
    });
  });

  it('splits 500_000 each on a final 50-50 with no winner', () => {
    expect(
      resolve({ closed: true, umaResolutionStatus: 'settled', outcomePrices: '["0.5","0.5"]' }, clobMarket(null)),
    ).toEqual({
      state: 'final',
      kind: 'split',
      payoutMicros: { [keyA]: 500_000, [keyB]: 500_000 },
    });
  });

  it('waits when closed but neither a winner nor a final split is known', () => {
    expect(
      resolve({ closed: true, umaResolutionStatus: 'proposed', outcomePrices: '["1","0"]' }, clobMarket(null)),
    ).toEqual({
      state: 'unresolved',
    });
    expect(
      resolve({ closed: true, umaResolutionStatus: 'proposed', outcomePrices: '["0.5","0.5"]' }, clobMarket(null)),
    ).toEqual({
      state: 'unresolved',
    });
  });

  it('reports a disputed UMA process', () => {
    expect(resolve({ closed: true, umaResolutionStatus: 'disputed' }, clobMarket('A'))).toMatchObject({
      state: 'disputed',
    });
  });

  it('refuses two winners or a winner that is not an outcome of the market', () => {
    const both = clobMarket('A');
    (both.tokens as Array<{ winner: boolean }>).forEach((t) => (t.winner = true));
    expect(() => resolve({ closed: true }, both)).toThrow(ParseFailure);
    const stranger = clobMarket(null, { tokens: [{ token_id: '9', outcome: 'Knicks', winner: true }] });
    expect(() => resolve({ closed: true }, stranger)).toThrow(ParseFailure);
  });
});

describe('clobMarket schema', () => {
  it('refuses a winner flag that is not a boolean and missing tokens', () => {
    expect(
      clobMarketSchema.safeParse(
        clobMarket('A', { tokens: [{ token_id: TOKEN_A, outcome: 'Lakers', winner: 'true' }] }),
      ).success,
    ).toBe(false);
    expect(clobMarketSchema.safeParse(clobMarket('A', { tokens: undefined })).success).toBe(false);
  });
});
