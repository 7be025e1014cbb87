import type { ArbLimits } from '../../../lib/core/arb';
import {
  LEAGUE_OUTCOME_RULES,
  liveLeagues,
  liveTradeable,
  outcomeRulesFor,
  ruleGaps,
} from '../../../lib/core/league-rules';
import { LEAGUE_CATALOGUE, LEAGUE_IDS } from '../../../lib/core/leagues';
import type { Book } from '../../../lib/core/market';
import { instrumentKey, MAJOR_LEAGUES as LEAGUES } from '../../../lib/core/market';
import { evaluateOutcomeArb, outcomeFeesFor } from '../../../lib/core/outcome-arb';
import type { OutcomeRef, OutcomeRules, RulePolicy } from '../../../lib/core/rules';
import { GAME_EVENTS, outcomeRuleGate, ruleGate } from '../../../lib/core/rules';
import { book, instrumentsOf, soccerGame } from './outcome-fixtures';

const POLICIES: RulePolicy[] = [
  { tail: 'refuse', allowUnverified: false },
  { tail: 'refuse', allowUnverified: true },
  { tail: 'accept-bounded', allowUnverified: false },
  { tail: 'accept-bounded', allowUnverified: true },
];
const PAPER: RulePolicy = { tail: 'accept-bounded', allowUnverified: true };
const TWO: OutcomeRef[] = [
  { key: 'A', kind: 'participant' },
  { key: 'B', kind: 'participant' },
];
const THREE: OutcomeRef[] = [...TWO.slice(0, 1), { key: 'D', kind: 'draw' }, TWO[1]!];

describe('rules per league', () => {
  it('gives every catalogued league a rule on both venues for every event it lists', () => {
    expect(Object.keys(LEAGUE_OUTCOME_RULES).sort()).toEqual([...LEAGUE_IDS].sort());
    for (const id of LEAGUE_IDS) {
      const rules = outcomeRulesFor(id);
      for (const event of rules.events) {
        expect(GAME_EVENTS).toContain(event);
        expect(rules.polymarket.events[event]).toBeDefined();
        expect(rules.kalshi.events[event]).toBeDefined();
      }
      expect(ruleGaps(rules).filter((g) => g.problem !== 'unverified')).toEqual([]);
    }
  });

  it('agrees with the catalogue on which venues’ rules are known', () => {
    for (const id of LEAGUE_IDS) {
      const gaps = ruleGaps(outcomeRulesFor(id));
      const known = (venue: 'polymarket' | 'kalshi') => !gaps.some((g) => g.venue === venue);
      expect({ id, ...LEAGUE_CATALOGUE[id].rulesKnown }).toEqual({
        id,
        polymarket: known('polymarket'),
        kalshi: known('kalshi'),
      });
    }
  });

  it('restates the two-team table of the four leagues traded today: the same verdict under every policy', () => {
    for (const league of LEAGUES) {
      for (const policy of POLICIES) {
        const two = ruleGate(league, policy);
        const many = outcomeRuleGate(TWO, outcomeRulesFor(league), policy);
        expect({ league, policy, tradeable: many.tradeable }).toEqual({ league, policy, tradeable: two.tradeable });
        if (two.tradeable && many.tradeable) {
          expect(many.tail).toEqual(two.tail);
          // side0-wins / side1-wins are the two decided outcomes; an NFL tie is the draw event.
          expect(many.covered).toEqual(
            two.covered.map((s) => (s === 'side0-wins' ? 'outcome:A' : s === 'side1-wins' ? 'outcome:B' : 'draw')),
          );
        }
      }
    }
  });

  it('lets live trading trade only the leagues whose rules are known on both venues, and says why not', () => {
    expect(liveLeagues()).toEqual(['NFL', 'MLB']);
    expect(liveTradeable('NFL')).toEqual({ live: true });
    const nba = liveTradeable('NBA');
    expect(nba).toMatchObject({
      live: false,
      gaps: [{ venue: 'kalshi', what: 'postponed', problem: 'unverified' }, {}],
    });
    expect(nba.live === false && nba.reason).toMatch(
      /^NBA is paper-only: Kalshi's rule for the event "postponed" is not verified \(.*\); 1 more gap; see docs\/venues-kalshi\.md#k1-series$/,
    );
    const epl = liveTradeable('EPL');
    expect(epl.live === false && epl.reason).toMatch(
      /^English Premier League is paper-only: Polymarket's rule for the event "abandoned"/,
    );
    expect(epl.live === false && epl.reason).toContain('see docs/leagues.md#l-epl-english-premier-league');
    const atp = liveTradeable('ATP');
    expect(atp.live === false && atp.gaps.map((g) => `${g.venue}:${g.what}`)).toEqual([
      'kalshi:decided',
      'kalshi:retirement',
      'kalshi:walkover',
      'kalshi:postponed',
      'kalshi:cancelled',
    ]);
    // A table where the venues decide on different bases is never live, whatever is verified.
    const epl90: OutcomeRules = outcomeRulesFor('EPL');
    const overtime = {
      ...epl90,
      kalshi: { ...epl90.kalshi, decided: { ...epl90.kalshi.decided, basis: 'including-overtime' as const } },
    };
    const table = { ...LEAGUE_OUTCOME_RULES, EPL: overtime };
    const differs = liveTradeable('EPL', table);
    expect(differs.live === false && differs.gaps[0]).toMatchObject({ problem: 'basis-differs' });
    expect(
      liveTradeable('EPL', table).live === false && (liveTradeable('EPL', table) as { reason: string }).reason,
    ).toContain('the venues decide the game differently');
  });

  it('settles soccer on regular time on both venues, and a cancellation to the draw on Polymarket', () => {
    for (const id of ['EPL', 'UCL', 'MLS', 'LALIGA'] as const) {
      const rules = outcomeRulesFor(id);
      expect(LEAGUE_CATALOGUE[id].outcomes).toBe('three-way');
      expect([rules.polymarket.decided.basis, rules.kalshi.decided.basis]).toEqual(['regular-time', 'regular-time']);
      expect(rules.polymarket.events.cancelled?.settlement).toEqual({ kind: 'to-draw' });
      // Refused live (Kalshi's tails are inferred), tradeable on paper with the tails reported.
      expect(outcomeRuleGate(THREE, rules, { tail: 'accept-bounded', allowUnverified: false })).toMatchObject({
        tradeable: false,
        reason: 'unverified-rule',
      });
      expect(outcomeRuleGate(THREE, rules, PAPER)).toEqual({
        tradeable: true,
        covered: ['outcome:A', 'outcome:D', 'outcome:B'],
        tail: ['postponed', 'cancelled', 'abandoned'],
      });
    }
  });

  it('covers a UFC draw and no contest exactly (50-50 on both venues) and treats tennis retirements per player', () => {
    expect(outcomeRuleGate(TWO, outcomeRulesFor('UFC'), PAPER)).toEqual({
      tradeable: true,
      covered: ['outcome:A', 'outcome:B', 'draw', 'no-contest'],
      tail: ['postponed', 'cancelled'],
    });
    expect(outcomeRuleGate(TWO, outcomeRulesFor('ATP'), PAPER)).toEqual({
      tradeable: true,
      covered: ['outcome:A', 'outcome:B'],
      tail: ['retirement:A', 'retirement:B', 'walkover:A', 'walkover:B', 'postponed', 'cancelled'],
    });
    // Dota 2: a level best-of-two pays Polymarket 50-50 but neither Kalshi team market: exact, and lopsided.
    expect(outcomeRuleGate(TWO, outcomeRulesFor('DOTA2'), PAPER)).toMatchObject({
      tradeable: true,
      covered: ['outcome:A', 'outcome:B', 'draw', 'cancelled'],
    });
  });

  it('plans a soccer game on paper with the EPL rules and reports the inferred tails', () => {
    const H = instrumentsOf('CFC');
    const D = instrumentsOf('TIE');
    const A = instrumentsOf('AVL');
    const books: Book[] = [
      book(H.kYes, [[45, 500]]),
      book(H.kNo, [[56, 500]]),
      book(H.pmYes, [[46, 500]]),
      book(H.pmNo, [[58, 500]]),
      book(D.kYes, [[25, 100]]),
      book(D.kNo, [[76, 500]]),
      book(D.pmYes, [[28, 500]]),
      book(D.pmNo, [[70, 100]]),
      book(A.kYes, [[30, 500]]),
      book(A.kNo, [[72, 500]]),
      book(A.pmYes, [[31, 500]]),
      book(A.pmNo, [[71, 500]]),
    ];
    const limits = (rules: RulePolicy): ArbLimits => ({
      minRoiPpm: 10_000,
      maxPositionMicros: 1_000_000_000,
      balanceMicros: { polymarket: 500_000_000, kalshi: 500_000_000 },
      nowMs: 1_000_500,
      maxBookAgeMs: 2_000,
      rules,
    });
    const game = soccerGame();
    const map = new Map(books.map((b) => [instrumentKey(b.instrument), b]));
    const paper = evaluateOutcomeArb(game, map, outcomeFeesFor(game), limits(PAPER), outcomeRulesFor('EPL'));
    expect(paper).toMatchObject({ kind: 'plan', plan: { outcome: 'TIE', worstCaseProfitMicros: 2_630_000 } });
    expect(paper.kind === 'plan' && paper.plan.tailScenarios.map((t) => t.scenario)).toEqual([
      'postponed',
      'cancelled',
      'abandoned',
    ]);
    const live = evaluateOutcomeArb(
      game,
      map,
      outcomeFeesFor(game),
      limits({ tail: 'accept-bounded', allowUnverified: false }),
      outcomeRulesFor('EPL'),
    );
    expect(live).toMatchObject({ kind: 'none', reason: 'rules', gate: { reason: 'unverified-rule' } });
  });
});
