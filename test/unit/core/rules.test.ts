import { TWO_TEAM_RULES } from '../../../lib/core/league-rules';
import { LEAGUE_CATALOGUE, LEAGUE_IDS } from '../../../lib/core/leagues';
import type { League } from '../../../lib/core/market';
import { MAJOR_LEAGUES as LEAGUES } from '../../../lib/core/market';
import type { RuleTable } from '../../../lib/core/rules';
import { assessScenarios, LEAGUE_RULES, legPayout, ruleGate, SCENARIOS, scenariosFor } from '../../../lib/core/rules';

const crossLegs = [
  { venue: 'polymarket' as const, backsSide: 0 as const },
  { venue: 'kalshi' as const, backsSide: 1 as const },
];
const ACCEPT_VERIFIED = { tail: 'accept-bounded', allowUnverified: false } as const;
const ACCEPT_ALL = { tail: 'accept-bounded', allowUnverified: true } as const;

describe('LEAGUE_RULES', () => {
  it('names a source for every entry of every league, venue and scenario', () => {
    for (const league of LEAGUES) {
      for (const venue of ['polymarket', 'kalshi'] as const) {
        for (const scenario of SCENARIOS) {
          expect(LEAGUE_RULES[league][venue][scenario].source.length).toBeGreaterThan(10);
        }
      }
    }
  });

  it('marks Kalshi NBA and NHL postponement rules as assumed, not verified', () => {
    for (const league of ['NBA', 'NHL'] as const) {
      expect(LEAGUE_RULES[league].kalshi.postponed.verified).toBe(false);
      expect(LEAGUE_RULES[league].kalshi.cancelled.verified).toBe(false);
      expect(LEAGUE_RULES[league].kalshi.cancelled.source).toMatch(/ASSUMED/);
    }
  });
});

describe('scenariosFor', () => {
  it('has a tie only in the NFL', () => {
    expect(scenariosFor('NFL')).toEqual(['side0-wins', 'side1-wins', 'tie', 'postponed', 'cancelled']);
    for (const league of ['NBA', 'NHL', 'MLB'] as const) {
      expect(scenariosFor(league)).not.toContain('tie');
    }
  });
});

describe('legPayout', () => {
  it('pays $1 to the winner and $0 to the loser', () => {
    expect(legPayout({ kind: 'winner' }, 'side0-wins', 0)).toEqual({
      kind: 'per-share',
      minMicros: 1_000_000,
      maxMicros: 1_000_000,
    });
    expect(legPayout({ kind: 'winner' }, 'side0-wins', 1)).toEqual({ kind: 'per-share', minMicros: 0, maxMicros: 0 });
  });

  it('treats a Kalshi fair price and a Polymarket make-up game as anything from $0 to $1', () => {
    expect(legPayout({ kind: 'fair-price' }, 'cancelled', 0)).toEqual({
      kind: 'per-share',
      minMicros: 0,
      maxMicros: 1_000_000,
    });
    expect(legPayout({ kind: 'make-up-game' }, 'postponed', 1)).toEqual({
      kind: 'per-share',
      minMicros: 0,
      maxMicros: 1_000_000,
    });
  });

  it('models a refund as the price paid, not a per-share amount', () => {
    expect(legPayout({ kind: 'refund' }, 'cancelled', 0)).toEqual({ kind: 'refund' });
  });
});

describe('assessScenarios', () => {
  it('pays both legs of an NFL cover 50¢ each on a tie, on both venues', () => {
    const tie = assessScenarios('NFL', crossLegs).find((a) => a.scenario === 'tie');
    expect(tie?.exact).toBe(true);
    expect(tie?.payouts).toEqual([
      { kind: 'per-share', minMicros: 500_000, maxMicros: 500_000 },
      { kind: 'per-share', minMicros: 500_000, maxMicros: 500_000 },
    ]);
  });

  it('lets an MLB cancellation pay as little as 50¢ a share (Polymarket 50-50, Kalshi fair price)', () => {
    const cancelled = assessScenarios('MLB', crossLegs).find((a) => a.scenario === 'cancelled');
    expect(cancelled?.exact).toBe(false);
    expect(cancelled?.known).toBe(true);
    expect(cancelled?.payouts.map((p) => (p.kind === 'per-share' ? p.minMicros : null))).toEqual([500_000, 0]);
  });
});

describe('ruleGate', () => {
  it('refuses every league under the default policy: Kalshi settles late or cancelled games at a fair price', () => {
    for (const league of LEAGUES) {
      const gate = ruleGate(league);
      expect(gate.tradeable).toBe(false);
      if (!gate.tradeable) {
        expect(['postponed', 'cancelled']).toContain(gate.scenario);
        expect(['bounded-payout', 'unverified-rule']).toContain(gate.reason);
      }
    }
  });

  it('under accept-bounded covers wins (and the NFL tie) and reports late and cancelled games as tail', () => {
    expect(ruleGate('NFL', ACCEPT_VERIFIED)).toEqual({
      tradeable: true,
      covered: ['side0-wins', 'side1-wins', 'tie'],
      tail: ['postponed', 'cancelled'],
    });
    expect(ruleGate('MLB', ACCEPT_VERIFIED)).toEqual({
      tradeable: true,
      covered: ['side0-wins', 'side1-wins'],
      tail: ['postponed', 'cancelled'],
    });
  });

  it('keeps refusing leagues whose rules are only assumed unless unverified rules are allowed', () => {
    for (const league of ['NBA', 'NHL'] as const) {
      expect(ruleGate(league, ACCEPT_VERIFIED)).toMatchObject({ tradeable: false, reason: 'unverified-rule' });
      expect(ruleGate(league, ACCEPT_ALL)).toMatchObject({ tradeable: true, tail: ['postponed', 'cancelled'] });
    }
  });

  it('never trades a scenario whose rule is unknown, whatever the policy', () => {
    const table: RuleTable = {
      ...LEAGUE_RULES,
      NFL: {
        ...LEAGUE_RULES.NFL,
        kalshi: { ...LEAGUE_RULES.NFL.kalshi, tie: { rule: { kind: 'unknown' }, verified: true, source: 'test' } },
      },
    };
    expect(ruleGate('NFL', ACCEPT_ALL, table)).toEqual({ tradeable: false, scenario: 'tie', reason: 'unknown-rule' });
  });

  it('never accepts a bounded payout when a team wins', () => {
    const league: League = 'MLB';
    const table: RuleTable = {
      ...LEAGUE_RULES,
      [league]: {
        ...LEAGUE_RULES[league],
        kalshi: {
          ...LEAGUE_RULES[league].kalshi,
          'side1-wins': { rule: { kind: 'fair-price' }, verified: true, source: 'test' },
        },
      },
    };
    expect(ruleGate(league, ACCEPT_ALL, table)).toEqual({
      tradeable: false,
      scenario: 'side1-wins',
      reason: 'bounded-payout',
    });
  });

  it('accepts a refund as an exact payout', () => {
    const table: RuleTable = {
      ...LEAGUE_RULES,
      NBA: {
        ...LEAGUE_RULES.NBA,
        polymarket: {
          ...LEAGUE_RULES.NBA.polymarket,
          postponed: { rule: { kind: 'refund' }, verified: true, source: 'test' },
          cancelled: { rule: { kind: 'refund' }, verified: true, source: 'test' },
        },
        kalshi: {
          ...LEAGUE_RULES.NBA.kalshi,
          postponed: { rule: { kind: 'refund' }, verified: true, source: 'test' },
          cancelled: { rule: { kind: 'refund' }, verified: true, source: 'test' },
        },
      },
    };
    expect(ruleGate('NBA', { tail: 'refuse', allowUnverified: false }, table)).toEqual({
      tradeable: true,
      covered: ['side0-wins', 'side1-wins', 'postponed', 'cancelled'],
      tail: [],
    });
  });
});

describe('TWO_TEAM_RULES (every two-way league for the two-team planner)', () => {
  it('covers every two-way catalogued league and no three-way one', () => {
    for (const id of LEAGUE_IDS) {
      const twoWay = LEAGUE_CATALOGUE[id].outcomes === 'two-way';
      expect(TWO_TEAM_RULES[id] !== undefined).toBe(twoWay);
    }
    expect(TWO_TEAM_RULES.NBA).toBe(LEAGUE_RULES.NBA);
  });

  it('refuses a three-way league as unknown rules under any policy', () => {
    expect(ruleGate('EPL', ACCEPT_ALL, TWO_TEAM_RULES)).toEqual({
      tradeable: false,
      scenario: 'side0-wins',
      reason: 'unknown-rule',
    });
  });

  it('prices tennis retirement and walkover as ranges folded into cancelled, never as exact', () => {
    const atp = TWO_TEAM_RULES.ATP!;
    expect(atp.tiePossible).toBe(false);
    // Polymarket: walkover and cancellation 50-50, retirement to the advancing player → they differ: a range.
    expect(atp.polymarket.cancelled.rule).toEqual({ kind: 'fair-price' });
    expect(atp.polymarket.cancelled.source).toMatch(/retirement: .*walkover: /);
    expect(atp.kalshi.cancelled.verified).toBe(false);
    // Paper policy trades it on bounded tails; verified-only refuses.
    expect(ruleGate('ATP', ACCEPT_ALL, TWO_TEAM_RULES).tradeable).toBe(true);
    expect(ruleGate('ATP', ACCEPT_VERIFIED, TWO_TEAM_RULES)).toMatchObject({
      tradeable: false,
      reason: 'unverified-rule',
    });
  });

  it('gives UFC a tie scenario (a draw pays 50-50 on both venues)', () => {
    const ufc = TWO_TEAM_RULES.UFC!;
    expect(ufc.tiePossible).toBe(true);
    expect(ufc.polymarket.tie.rule).toEqual({ kind: 'split', perShareMicros: 500_000 });
    expect(ufc.kalshi.tie.rule).toEqual({ kind: 'split', perShareMicros: 500_000 });
    expect(scenariosFor('UFC', TWO_TEAM_RULES)).toContain('tie');
  });

  it('answers unknown for a league a table does not hold', () => {
    expect(ruleGate('WNBA', ACCEPT_ALL, LEAGUE_RULES)).toMatchObject({ tradeable: false, reason: 'unknown-rule' });
  });
});
