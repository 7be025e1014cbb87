/**
 * listBoth keeps only games both venues will take orders on: a Kalshi event with a market that
 * is not `active` (paused, closed, unopened) is dropped before matching, as a Polymarket game
 * that is not tradable is.
 */
import type { KalshiGame, KalshiGameMarket, PolymarketGame } from '../../../lib/core/market';
import type { MatchRefusal } from '../../../lib/core/match';
import { type EngineDeps, newEngineState } from '../../../lib/engine';
import { listBoth, MAX_REFUSAL_CAUSES_PER_RUN, noteRefusalCauses, refusalCause } from '../../../lib/engine/discover';
import { BadResponse, type ItemProblemSink, type Venue } from '../../../lib/engine/ports';

const market = (suffix: string, tradable: boolean): KalshiGameMarket => ({
  ticker: `KXNBAGAME-26NOV25LALBOS-${suffix}`,
  suffix,
  yesSubTitle: suffix,
  tickMicros: 10_000,
  tradable,
});

const kalshiGame = (eventTicker: string, markets: KalshiGameMarket[]): KalshiGame => ({
  venue: 'kalshi',
  league: 'NBA',
  seriesTicker: 'KXNBAGAME',
  eventTicker,
  title: eventTicker,
  markets,
  gameStartMs: null,
  expectedExpirationMs: null,
  feeType: 'quadratic',
  feeMultiplierPpm: 1_000_000,
});

function depsWith(kalshi: KalshiGame[], polymarket: Array<Pick<PolymarketGame, 'venue' | 'tradable'>>): EngineDeps {
  const venue = (games: unknown[]) => ({ listGames: async () => games }) as unknown as Venue;
  return {
    venues: { kalshi: venue(kalshi), polymarket: venue(polymarket) },
    config: { leagues: ['NBA'] },
  } as unknown as EngineDeps;
}

describe('listBoth', () => {
  it('drops Kalshi events with any market that does not take orders, and untradable Polymarket games', async () => {
    const open = kalshiGame('OPEN', [market('LAL', true), market('BOS', true)]);
    const paused = kalshiGame('PAUSED', [market('LAL', true), market('BOS', false)]);
    const empty = kalshiGame('EMPTY', []);
    const listings = await listBoth(
      depsWith(
        [open, paused, empty],
        [
          { venue: 'polymarket', tradable: true },
          { venue: 'polymarket', tradable: false },
        ],
      ),
      newEngineState(),
    );
    expect(listings?.kalshi.map((g) => g.eventTicker)).toEqual(['OPEN']);
    expect(listings?.polymarket).toHaveLength(1);
  });

  it('records a venue item left out of an answer once per container, keeps the rest, and does not count it as a venue failure', async () => {
    const open = kalshiGame('OPEN', [market('LAL', true), market('BOS', true)]);
    const errors: string[] = [];
    const kalshi = {
      listGames: async (_l: unknown, sink?: ItemProblemSink) => {
        sink?.(
          new BadResponse('kalshi GET /events: market X: price range steps do not nest', {
            venue: 'kalshi',
            endpoint: 'GET /events',
          }),
        );
        return [open];
      },
    } as unknown as Venue;
    const polymarket = { listGames: async () => [] } as unknown as Venue;
    const deps = {
      venues: { kalshi, polymarket },
      config: { leagues: ['NBA'] },
      clock: { now: () => 1_000 },
      logger: { error: () => undefined },
      store: { recordError: async (e: { message: string }) => void errors.push(e.message) },
    } as unknown as EngineDeps;
    const state = newEngineState();
    for (let run = 0; run < 3; run++) {
      const listings = await listBoth(deps, state);
      expect(listings?.kalshi.map((g) => g.eventTicker)).toEqual(['OPEN']);
    }
    expect(errors).toEqual([
      expect.stringMatching(/item left out: kalshi GET \/events: market X: price range steps do not nest/),
    ]);
    expect(state.consecutiveVenueErrors).toBe(0);
  });
});

describe('noteRefusalCauses (bad listings are recorded once per cause)', () => {
  const unknownTeam: MatchRefusal = {
    kalshi: 'KXNCAAMBGAME-26NOV25DUKEUNC',
    code: 'unknown-team',
    reason: 'Kalshi KXNCAAMBGAME-26NOV25DUKEUNC: "TBD" names no NCAAMB participant',
  };
  const alias: MatchRefusal = {
    polymarket: '0xabc',
    code: 'no-counterpart',
    reason: 'no Kalshi listing',
    cause:
      'unknown ATP participant: Kalshi "A. Zverev" and Polymarket "Alexander Zverev" both face "x"; if they are the same, add an alias',
  };
  const unparseable: MatchRefusal = {
    polymarket: 'cbb-duke',
    code: 'unparseable',
    reason: 'slug "cbb-duke" is not cbb-<code>-<code>-<YYYY-MM-DD>',
  };
  const noise: MatchRefusal[] = [
    { kalshi: 'K1', code: 'no-counterpart', reason: 'no Polymarket listing' },
    { kalshi: 'K2', code: 'start-mismatch', reason: 'start times differ by 90 min' },
    { kalshi: 'K3', code: 'ambiguous', reason: 'two listings' },
  ];

  it('names the listing and the reason for bad input, passes a matcher cause through, and says nothing of other refusals', () => {
    expect(refusalCause(unknownTeam)).toBe(
      'Kalshi KXNCAAMBGAME-26NOV25DUKEUNC left out (unknown-team): Kalshi KXNCAAMBGAME-26NOV25DUKEUNC: "TBD" names no NCAAMB participant',
    );
    expect(refusalCause(unparseable)).toMatch(/^Polymarket cbb-duke left out \(unparseable\): slug "cbb-duke"/);
    expect(refusalCause({ ...unparseable, code: 'outcome-mismatch' })).toMatch(/left out \(outcome-mismatch\)/);
    expect(refusalCause(alias)).toBe(alias.cause);
    for (const r of noise) expect(refusalCause(r)).toBeNull();
  });

  it('records each cause once per container in the error log, and never counts it toward the breaker', async () => {
    const errors: string[] = [];
    const deps = {
      clock: { now: () => 1_000 },
      logger: { error: () => undefined, warn: () => undefined },
      store: {
        recordError: async (e: { message: string; source: string }) => void errors.push(`${e.source} ${e.message}`),
      },
    } as unknown as EngineDeps;
    const state = newEngineState();
    const scan = [unknownTeam, alias, unparseable, ...noise, { ...unknownTeam }];
    for (let run = 0; run < 3; run++) await noteRefusalCauses(deps, state, scan);
    expect(errors).toEqual([
      `match MatchingRefused: ${refusalCause(unknownTeam)}`,
      `match MatchingRefused: ${alias.cause}`,
      `match MatchingRefused: ${refusalCause(unparseable)}`,
    ]);
    expect(state.consecutiveVenueErrors).toBe(0);
    // A new container records them again.
    await noteRefusalCauses(deps, newEngineState(), [unknownTeam]);
    expect(errors).toHaveLength(4);
  });

  it(`records at most ${MAX_REFUSAL_CAUSES_PER_RUN} causes per run and the rest in the following runs`, async () => {
    const errors: string[] = [];
    const deps = {
      clock: { now: () => 1_000 },
      logger: { error: () => undefined, warn: () => undefined },
      store: { recordError: async (e: { message: string }) => void errors.push(e.message) },
    } as unknown as EngineDeps;
    const many: MatchRefusal[] = Array.from({ length: 12 }, (_, i) => ({
      kalshi: `KXATPMATCH-26MAR0${i}XY`,
      code: 'unparseable',
      reason: `ticker ${i} does not parse`,
    }));
    const state = newEngineState();
    await noteRefusalCauses(deps, state, many);
    expect(errors).toHaveLength(MAX_REFUSAL_CAUSES_PER_RUN);
    await noteRefusalCauses(deps, state, many);
    await noteRefusalCauses(deps, state, many);
    await noteRefusalCauses(deps, state, many);
    expect(errors).toHaveLength(12);
    expect(new Set(errors).size).toBe(12);
  });
});
