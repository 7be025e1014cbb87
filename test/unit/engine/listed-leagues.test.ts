import { liveLeagues, liveTradeable, splitLiveLeagues } from '../../../lib/core/league-rules';
import { LEAGUE_IDS } from '../../../lib/core/leagues';
import type { League } from '../../../lib/core/market';
import { newEngineState } from '../../../lib/engine/deps';
import { listedLeagues } from '../../../lib/engine/discover';

function deps(mode: 'live' | 'paper', leagues: readonly League[]) {
  const warnings: string[] = [];
  return {
    warnings,
    deps: {
      mode,
      config: { leagues } as never,
      logger: { info: () => {}, warn: (line: string) => void warnings.push(line), error: () => {} },
    },
  };
}

describe('listedLeagues (the live gate per league)', () => {
  it('paper lists every selected league, paper-only ones included', () => {
    const { deps: d, warnings } = deps('paper', [...LEAGUE_IDS]);
    expect(listedLeagues(d, newEngineState())).toEqual([...LEAGUE_IDS]);
    expect(warnings).toEqual([]);
  });

  it('live leaves out every league whose rules are not known on both venues, saying why once per container', () => {
    const { deps: d, warnings } = deps('live', ['NBA', 'WNBA', 'ATP', 'NFL', 'UFC']);
    const state = newEngineState();
    const first = listedLeagues(d, state);
    // The major leagues keep the planner's rule gate; WNBA, ATP, UFC are paper-only today.
    expect(first).toEqual(['NBA', 'NFL']);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^Live trading leaves out WNBA: WNBA is paper-only: .*docs\/leagues\.md#l-wnba-wnba$/);
    expect(warnings[1]).toMatch(/^Live trading leaves out ATP: ATP tennis is paper-only: /);
    expect(listedLeagues(d, state)).toEqual(['NBA', 'NFL']);
    expect(warnings).toHaveLength(3);
    // A new container says it again.
    listedLeagues(d, newEngineState());
    expect(warnings).toHaveLength(6);
  });

  it('live keeps a catalogued league once its rules are known on both venues', () => {
    // No league beyond the four is live-tradeable today; the gate reads liveTradeable, not a list.
    const beyond = LEAGUE_IDS.filter((id) => !['NBA', 'NFL', 'NHL', 'MLB'].includes(id));
    const { deps: d } = deps('live', beyond);
    expect(listedLeagues(d, newEngineState())).toEqual(beyond.filter((id) => liveTradeable(id).live));
    expect(liveLeagues().filter((id) => beyond.includes(id))).toEqual([]);
  });

  it('splitLiveLeagues keeps the selection order and gives each left-out league its reason', () => {
    const selected: League[] = ['WNBA', 'NBA', 'EPL', 'MLB'];
    const split = splitLiveLeagues(selected);
    const major = (l: League) => ['NBA', 'NFL', 'NHL', 'MLB'].includes(l);
    expect(split.live).toEqual(selected.filter((l) => major(l) || liveTradeable(l).live));
    expect(split.paperOnly).toEqual(
      selected
        .filter((l) => !(major(l) || liveTradeable(l).live))
        .map((league) => ({ league, reason: (liveTradeable(league) as { reason: string }).reason })),
    );
    expect(split.paperOnly.map((p) => p.league)).toEqual(['WNBA', 'EPL']);
  });
});
