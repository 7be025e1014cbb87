/** Resolution from Gamma + CLOB `tokens[].winner` (docs/venues-polymarket.md#p6). */
import { marketInfoOf } from '../../../../lib/venues/polymarket/games';
import { ParseFailure } from '../../../../lib/venues/polymarket/parse';
import { resolutionOf } from '../../../../lib/venues/polymarket/resolution';
import { clobMarket as clobMarketSchema, gammaMarket } from '../../../../lib/venues/polymarket/schemas';
import { clobMarket, gammaMoneyline, POSITION_A, POSITION_B, TOKEN_A, TOKEN_B } from './fixtures';

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
