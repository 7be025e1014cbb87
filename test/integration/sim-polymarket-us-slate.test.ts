/**
 * Integration: the bundled slate played on Kalshi × Polymarket US (`startSimulatorSet` with
 * `venues: ['kalshi', 'polymarket-us']`), read and traded through our own client
 * (lib/venues/polymarket-us) over 127.0.0.1: every game listed as its moneyline, books that move
 * along the price path (REST and the markets WebSocket alike), a signed order that fills, and each
 * result settled as the venue settles (docs/venues-polymarket-us.md#u-settlement). The driver is
 * ticked by hand on a ManualClock.
 */
import { polymarketUsOrderFee } from '../../lib/core/fees';
import { LEAGUES } from '../../lib/core/market';
import { BadResponse, Unavailable } from '../../lib/engine/ports';
import {
  createPolymarketUsVenue,
  type PolymarketUsConfig,
  type PolymarketUsInstrument,
  type PolymarketUsVenue,
  pmusInstrumentKey,
} from '../../lib/venues/polymarket-us';
import { type SimulatorSet, startSimulatorSet, startSimulators } from '../../local/sim';
import { ManualClock } from '../../local/sim/clock';
import { lastFairPriceMicros, type ScheduledGame } from '../../local/sim/scenario';
import { FAST_STREAM, until } from '../support/stream/wait';

const START = Date.parse('2026-11-25T22:00:00Z');
const FAST = { ratePerSec: 1_000, burst: 1_000 };
let sims: SimulatorSet;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(START);
  sims = await startSimulatorSet({
    venues: ['kalshi', 'polymarket-us'],
    seed: 3,
    clock,
    tickEveryMs: 60_000,
    signatureNow: () => clock.now(),
  });
});
afterAll(() => sims.close());

const us = () => {
  if (!sims.polymarketUs) throw new Error('the Polymarket US simulator is not running');
  return sims.polymarketUs;
};

/** Our client on the simulators' clock; read-only without `credentials`. Unpaced: the clock does not move while it waits. */
function client(config: PolymarketUsConfig = {}): PolymarketUsVenue {
  return createPolymarketUsVenue(
    {
      gatewayUrl: us().gatewayUrl,
      apiUrl: us().apiUrl,
      gatewayLimit: FAST,
      readLimit: FAST,
      writeLimit: FAST,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      ...config,
    },
    { clock: { now: () => clock.now(), sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))) } },
  );
}

const game = (id: string): ScheduledGame => {
  const g = sims.scenario.driver.games.find((x) => x.game.id === id);
  if (!g) throw new Error(id);
  return g;
};
const inst = (g: ScheduledGame, side: 'long' | 'short'): PolymarketUsInstrument => ({
  venue: 'polymarket-us',
  marketSlug: g.polymarketUsSlug,
  side,
});
/** Moves simulated time and lets the driver catch up, as the runner's loop does. */
const stepTo = (ms: number) => {
  clock.set(ms);
  sims.scenario.driver.tick(ms);
};

describe('the slate on Kalshi × Polymarket US', () => {
  it('runs Kalshi and Polymarket US only, and lists every game on both', async () => {
    expect(sims.venues).toEqual(['kalshi', 'polymarket-us']);
    expect(sims.polymarket).toBeNull();
    const games = await client().listGames(LEAGUES);
    const driver = sims.scenario.driver;
    expect(games.map((g) => g.marketSlug).sort()).toEqual(driver.games.map((g) => g.polymarketUsSlug).sort());
    expect(games.find((g) => g.marketSlug === game('nba-lal-bos').polymarketUsSlug)).toMatchObject({
      league: 'NBA',
      long: { code: 'LAL', name: 'Lakers' },
      short: { code: 'BOS', name: 'Celtics' },
      gameStartMs: game('nba-lal-bos').startMs,
      tickMicros: 10_000,
      minSizeCenti: 1,
      takerThetaPpm: 69_500,
      tradable: true,
    });
    const nba = (await (await fetch(`${sims.kalshi.url}/events?series_ticker=KXNBAGAME&status=open`)).json()) as {
      events: Array<{ event_ticker: string }>;
    };
    expect(nba.events.map((e) => e.event_ticker).sort()).toEqual(
      driver.games
        .filter((g) => g.league === 'NBA')
        .map((g) => g.eventTicker)
        .sort(),
    );
  });

  it('shows books that move along the price path, REST and the markets WebSocket alike', async () => {
    const g = game('nhl-buf-nyr');
    const refs = [inst(g, 'long'), inst(g, 'short')];
    // A key that signs the WebSocket handshake only (no buying power): the client stays read-only.
    const streamKey = us().registerKey();
    const reader = client({
      wsUrl: us().wsUrl,
      streamCredentials: { keyId: streamKey.keyId, secretKey: streamKey.secretKey },
      stream: { ...FAST_STREAM, pingEveryMs: 0, staleAfterMs: 600_000 },
    });
    const stream = reader.openBookStream();
    try {
      await stream.watch(refs);
      await until(() => refs.every((r) => stream.get(r).trusted), 'both books trusted');
      const seen = new Set<number>();
      for (let i = 0; i < 6; i++) {
        stepTo(clock.now() + 5 * sims.scenario.driver.stepMs);
        const pushed = sims.scenario.driver.lastStep(g.game.id)?.books.polymarket.away;
        const books = await reader.getBooks(refs);
        const long = books.get(pmusInstrumentKey(refs[0]!));
        const short = books.get(pmusInstrumentKey(refs[1]!));
        expect(long?.asks).toEqual(pushed?.asks);
        expect(long?.bids).toEqual(pushed?.bids);
        // The short side pays 1 − the long bid.
        expect(short?.asks[0]?.priceMicros).toBe(1_000_000 - (pushed?.bids[0]?.priceMicros ?? 0));
        seen.add(long?.asks[0]?.priceMicros ?? 0);
        await sims.feedsDrained();
        await stream.sync();
        for (const r of refs) {
          expect({ ...stream.get(r).book, observedAtMs: 0 }).toEqual({
            ...books.get(pmusInstrumentKey(r)),
            observedAtMs: 0,
          });
        }
      }
      expect(seen.size).toBeGreaterThan(1);
    } finally {
      await stream.close();
    }
  });

  it('fails reads as the simulator’s faults say: an outage is Unavailable, a bent answer a BadResponse', async () => {
    const ref = inst(game('nba-lal-bos'), 'long');
    us().faults.add({ endpoint: 'GET /v1/markets/{slug}/book', kind: 'error', status: 503, times: 1 });
    await expect(client().getBooks([ref])).rejects.toBeInstanceOf(Unavailable);
    us().faults.add({ endpoint: 'GET /v2/leagues/{slug}/events', kind: 'malformed', times: 1 });
    await expect(client().listGames(['NBA'])).rejects.toBeInstanceOf(BadResponse);
    expect((await client().getBooks([ref])).get(pmusInstrumentKey(ref))?.asks.length).toBeGreaterThan(0);
  });

  it('fills signed orders on the path’s books and settles each result as the venue does', async () => {
    const key = us().registerKey({ buyingPowerMicros: 1_000_000_000 });
    const trader = client({ credentials: { keyId: key.keyId, secretKey: key.secretKey } });
    const lal = game('nba-lal-bos'); // away (long) wins: long pays $1
    const tie = sims.scenario.driver.games.find((g) => g.game.result === 'tie')!; // $0.50
    const off = sims.scenario.driver.games.find((g) => g.game.result === 'void')!; // the last fair price
    const before = (await trader.getBalance()).availableMicros;
    expect(before).toBe(1_000_000_000);
    let spent = 0;
    const buy = async (g: ScheduledGame, side: 'long' | 'short', n: number) => {
      const ref = inst(g, side);
      const best = (await trader.getBooks([ref])).get(pmusInstrumentKey(ref))?.asks[0];
      if (!best) throw new Error(`no offer on ${g.polymarketUsSlug}`);
      const res = await trader.placeOrder({
        clientOrderId: `slate-${g.game.id}-${side}`,
        instrument: ref,
        side: 'buy',
        priceMicros: best.priceMicros,
        sizeCenti: n * 100,
        tif: 'FOK',
      });
      // Θ·C·p(1−p) (docs/venues-polymarket-us.md#u-fees): the same at the long price and at the short one.
      const fee = polymarketUsOrderFee([{ price: best.priceMicros, count: n * 100 }]);
      expect(res).toMatchObject({
        status: 'filled',
        filledCenti: n * 100,
        notionalMicros: best.priceMicros * n,
        feeMicros: fee,
      });
      spent += best.priceMicros * n + fee;
      return ref;
    };
    const lalLong = await buy(lal, 'long', 10);
    const tieShort = await buy(tie, 'short', 8);
    const offShort = await buy(off, 'short', 6);
    expect((await trader.getBalance()).availableMicros).toBe(before - spent);
    expect(await trader.getPositions()).toEqual(
      expect.arrayContaining([
        { instrument: lalLong, sizeCenti: 1_000 },
        { instrument: tieShort, sizeCenti: 800 },
        { instrument: offShort, sizeCenti: 600 },
      ]),
    );
    expect(await trader.getResolution(lalLong)).toEqual({ state: 'unresolved' });

    stepTo(lal.endMs); // the game is over: no more trading, not settled yet
    expect((await trader.getBooks([lalLong])).get(pmusInstrumentKey(lalLong))).toMatchObject({ asks: [], bids: [] });
    expect(await trader.getResolution(lalLong)).toEqual({ state: 'unresolved' });

    stepTo(sims.scenario.driver.finishedAtMs);
    const fair = lastFairPriceMicros(sims.scenario.driver.lastStep(off.game.id)?.fairAway ?? 0);
    expect(await trader.getResolution(lalLong)).toMatchObject({
      state: 'final',
      kind: 'won',
      payoutMicros: { [pmusInstrumentKey(lalLong)]: 1_000_000 },
    });
    expect(await trader.getResolution(tieShort)).toMatchObject({
      state: 'final',
      kind: 'split',
      payoutMicros: { [pmusInstrumentKey(tieShort)]: 500_000 },
    });
    expect(await trader.getResolution(offShort)).toMatchObject({
      state: 'final',
      kind: 'split',
      payoutMicros: { [pmusInstrumentKey(offShort)]: 1_000_000 - fair },
    });
    const payout = 10 * 1_000_000 + 8 * 500_000 + 6 * (1_000_000 - fair);
    expect((await trader.getBalance()).availableMicros).toBe(before - spent + payout);
    expect(us().control.buyingPowerMicros(key.keyId)).toBe(before - spent + payout);
    expect(us().control.positions(key.keyId).size).toBe(0);
    expect(await trader.getPositions()).toEqual([]);
  });
});

describe('both Polymarkets beside Kalshi', () => {
  it('startSimulators adds Polymarket US when asked, both showing the same book; it never drops Polymarket', async () => {
    await expect(startSimulators({ venues: ['kalshi', 'polymarket-us'] })).rejects.toThrow(/use startSimulatorSet/);
    const c = new ManualClock(START);
    const all = await startSimulators({
      venues: ['polymarket-us', 'kalshi', 'polymarket'],
      clock: c,
      tickEveryMs: 60_000,
    });
    try {
      expect(all.venues).toEqual(['kalshi', 'polymarket', 'polymarket-us']);
      const g = all.scenario.driver.games.find((x) => x.game.id === 'nba-lal-bos')!;
      const clob = (await (
        await fetch(`${all.polymarket.url}/book?token_id=${g.game.away.polymarketTokenId}`)
      ).json()) as {
        asks: Array<{ price: string }>;
      };
      const reader = createPolymarketUsVenue(
        { gatewayUrl: all.polymarketUs!.gatewayUrl, apiUrl: all.polymarketUs!.apiUrl, gatewayLimit: FAST },
        { clock: { now: () => c.now(), sleep: async () => {} } },
      );
      const long = (await reader.getBooks([inst(g, 'long')])).get(pmusInstrumentKey(inst(g, 'long')));
      // Polymarket lists asks best last (docs/venues-polymarket.md#p2-book-order).
      expect(Math.round(Number(clob.asks.at(-1)?.price) * 1e6)).toBe(long?.asks[0]?.priceMicros);
    } finally {
      await all.close();
    }
  });
});

describe('determinism', () => {
  it('the same seed gives the same books over HTTP; another seed other books', async () => {
    const run = async (seed: number) => {
      const c = new ManualClock(START);
      const set = await startSimulatorSet({ venues: ['kalshi', 'polymarket-us'], seed, clock: c, tickEveryMs: 60_000 });
      try {
        const out: unknown[] = [];
        const reader = createPolymarketUsVenue(
          { gatewayUrl: set.polymarketUs!.gatewayUrl, apiUrl: set.polymarketUs!.apiUrl, gatewayLimit: FAST },
          { clock: { now: () => c.now(), sleep: async () => {} } },
        );
        const refs = set.scenario.driver.games.slice(0, 5).map((g) => inst(g, 'long'));
        for (let i = 0; i < 4; i++) {
          c.advance(17 * set.scenario.driver.stepMs);
          set.scenario.driver.tick(c.now());
          const books = await reader.getBooks(refs);
          out.push(refs.map((r) => ({ ...books.get(pmusInstrumentKey(r)), observedAtMs: 0 })));
        }
        return out;
      } finally {
        await set.close();
      }
    };
    const first = await run(21);
    expect(await run(21)).toEqual(first);
    expect(await run(22)).not.toEqual(first);
  });
});
