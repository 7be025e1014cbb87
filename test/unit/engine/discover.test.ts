/**
 * listBoth keeps only games both venues will take orders on: a Kalshi event with a market that
 * is not `active` (paused, closed, unopened) is dropped before matching, as a Polymarket game
 * that is not tradable is.
 */
import type { KalshiGame, KalshiGameMarket, PolymarketGame } from '../../../lib/core/market';
import { type EngineDeps, newEngineState } from '../../../lib/engine';
import { listBoth } from '../../../lib/engine/discover';
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
