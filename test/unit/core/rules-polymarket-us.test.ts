/**
 * Polymarket US settlement rules (docs/rules.md, docs/venues-polymarket-us.md#u-settlement): a
 * tie pays $0.50 a side, a postponed or cancelled game the last fair price (a range).
 */
import { MAJOR_LEAGUES as LEAGUES } from '../../../lib/core/market';
import { assessScenarios, POLYMARKET_US_RULES, ruleFor, ruleGate } from '../../../lib/core/rules';

describe('Polymarket US rules', () => {
  it('apply to every league, each with its source', () => {
    for (const league of LEAGUES) {
      expect(ruleFor(league, 'polymarket-us', 'tie')).toEqual(POLYMARKET_US_RULES.tie);
      expect(ruleFor(league, 'polymarket-us', 'cancelled').rule).toEqual({ kind: 'fair-price' });
      expect(ruleFor(league, 'polymarket-us', 'postponed').source).toMatch(/docs\.polymarket\.us\/faqs\/sports-faqs/);
    }
  });

  it('cover an NFL tie exactly against Kalshi ($0.50 on both venues)', () => {
    const legs = [
      { venue: 'polymarket-us', backsSide: 0 },
      { venue: 'kalshi', backsSide: 1 },
    ] as const;
    const tie = assessScenarios('NFL', legs).find((a) => a.scenario === 'tie');
    expect(tie).toMatchObject({ exact: true, known: true, verified: true });
    expect(tie?.payouts).toEqual([
      { kind: 'per-share', minMicros: 500_000, maxMicros: 500_000 },
      { kind: 'per-share', minMicros: 500_000, maxMicros: 500_000 },
    ]);
  });

  it('leave postponed and cancelled as bounded tails: refused by default, reported when accepted', () => {
    expect(ruleGate('NFL', undefined, undefined, 'polymarket-us')).toMatchObject({
      tradeable: false,
      reason: 'bounded-payout',
    });
    expect(ruleGate('NFL', { tail: 'accept-bounded', allowUnverified: false }, undefined, 'polymarket-us')).toEqual({
      tradeable: true,
      covered: ['side0-wins', 'side1-wins', 'tie'],
      tail: ['postponed', 'cancelled'],
    });
  });
});
