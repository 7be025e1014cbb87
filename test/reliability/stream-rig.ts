/**
 * A streamed scan over the simulators' WebSocket feeds, stepped deterministically, for the stream
 * fault matrix (./stream-faults.test.ts). The engine's venues are the sim world's REAL clients,
 * whose order-book streams (lib/venues/polymarket/stream.ts, lib/venues/kalshi/stream.ts) run on
 * `ManualTimers`: heartbeats, watchdogs and reconnect backoff fire only when `tick()` moves time,
 * and together with the world's clock. A step is deterministic once every frame the simulators
 * meant to send was written (`feed.hub.drained()`) and read by the client (`stream.sync()`).
 */
import { type InstrumentRef, instrumentKey, type PairVenue, pairVenueOf } from '../../lib/core/market';
import type { BookStream, StreamDistrust, StreamedBook, StreamProblem } from '../../lib/engine/ports';
import type { KalshiBookStream } from '../../lib/venues/kalshi/stream';
import type { PolymarketBookStream } from '../../lib/venues/polymarket/stream';
import type { PolymarketUsBookStream } from '../../lib/venues/polymarket-us/stream';
import type { ManualTimers, StreamTuning } from '../../lib/venues/stream';
import type { SimLevel } from '../../local/sim/control';
import type { FeedHub } from '../../local/sim/stream';
import { pairInstruments } from '../support/engine/fake-stream';
import { DEFAULT_TEST_PAIR, type TestPair } from '../support/engine/pairs';
import { type GameSpec, kalshiTicker, polymarketInstrument, type SimWorld } from '../support/engine/sim-world';
import { until } from '../support/stream/wait';

export const VENUES = ['polymarket', 'kalshi'] as const;

/**
 * The defaults' proportions (docs/venues.md#streams), shorter: a quiet book gets a snapshot asked
 * for after 6 s, a silent one is stale after 9 s, an asked-for snapshot missing for 5 s recycles
 * the connection (so a freeze is seen as stale three watchdog rounds before the recycle).
 */
export const RIG_TUNING = {
  staleAfterMs: 9_000,
  quietMs: 6_000,
  snapshotTimeoutMs: 5_000,
  watchdogEveryMs: 1_000,
  backoffInitialMs: 500,
  backoffMaxMs: 2_000,
  deadAfterMs: 20_000,
} as const satisfies StreamTuning;

type RealStream = PolymarketBookStream | PolymarketUsBookStream | KalshiBookStream;

/** What one book looked like at one change event of its stream. */
export interface Seen {
  readonly distrust: StreamDistrust | null;
  readonly bestAskMicros: number | null;
}

export class StreamRig {
  /** Every problem the streams reported, in order (before the engine's once-per-cause filter). */
  readonly problems: StreamProblem[] = [];
  /** Per instrument key of the game: what each change event showed. */
  readonly seen = new Map<string, Seen[]>();
  private readonly opened: Partial<Record<PairVenue, RealStream>> = {};
  private readonly instruments: InstrumentRef[];

  constructor(
    readonly world: SimWorld,
    readonly timers: ManualTimers,
    readonly game: GameSpec,
  ) {
    const ids = pairInstruments(game, world.pair);
    this.instruments = [...ids.polymarket, ...ids.kalshi];
  }

  /**
   * `EngineDeps.bookStreams`: each venue's own `openBookStream()` (what the engine calls without
   * it), the stream kept so the test can sync it and watch its problems and trust.
   */
  sources(): Record<PairVenue, () => BookStream> {
    const open = (venue: PairVenue) => () => {
      const v = this.world[venue];
      if (!v.openBookStream) throw new Error(`${venue} client has no stream`);
      const s = v.openBookStream() as RealStream;
      this.opened[venue] = s;
      s.onProblem((p) => this.problems.push(p));
      s.onBookChange((keys) => {
        for (const i of this.instruments) {
          const key = instrumentKey(i);
          if (!keys.includes(key)) continue;
          const view = s.get(i);
          this.seen.set(key, [
            ...(this.seen.get(key) ?? []),
            { distrust: view.distrust, bestAskMicros: view.book?.asks[0]?.priceMicros ?? null },
          ]);
        }
      });
      return s;
    };
    return { polymarket: open('polymarket'), kalshi: open('kalshi') };
  }

  stream(venue: PairVenue): RealStream {
    const s = this.opened[venue];
    if (!s) throw new Error(`no ${venue} stream opened yet`);
    return s;
  }

  hub(venue: PairVenue): FeedHub {
    return venue === 'polymarket' ? this.world.pm.feedHub : this.world.kalshiSim.feed.hub;
  }

  /** Time passes for everyone: the world's clock (engine, clients, simulators) and the streams' timers. */
  tick(ms: number): void {
    this.world.clock.advance(ms);
    this.timers.advance(ms);
  }

  /**
   * Every frame the simulators meant to send is written and read, and what the client asked for
   * on reading it (a resnapshot, a resubscription) answered and read too: three rounds of
   * `drained()` + `sync()` per venue.
   */
  async settle(venues: readonly PairVenue[] = VENUES): Promise<void> {
    for (let round = 0; round < 3; round += 1) {
      for (const venue of venues) {
        await this.hub(venue).drained();
        await this.stream(venue).sync();
      }
    }
  }

  view(instrument: InstrumentRef): StreamedBook {
    return this.stream(pairVenueOf(instrument.venue)).get(instrument);
  }

  allTrusted(): boolean {
    return this.instruments.every((i) => this.view(i).trusted);
  }

  /** Waits (event loop, not the clock) for connections to open and every book of the game to be trusted. */
  async trustedAgain(what: string): Promise<void> {
    await until(() => this.allTrusted(), what);
    await this.settle();
  }

  /** Problems of `venue` (the slot: its stream reports the exchange's name) so far, by cause. */
  causes(venue: PairVenue): string[] {
    return this.problems.filter((p) => pairVenueOf(p.venue) === venue).map((p) => p.cause);
  }

  /** Waits (event loop) until `venue`'s stream reported `cause` (a dropped socket is seen asynchronously). */
  async reported(venue: PairVenue, cause: string): Promise<void> {
    await until(() => this.causes(venue).includes(cause), `${venue} ${cause}`);
  }
}

/**
 * Holds what the clients send to a simulated feed (subscribe, unsubscribe, …) until the returned
 * function is called, while text `PING`s and protocol Pings are still answered: a venue slow to
 * act on commands. A test can then step the engine inside the window between a fault and the
 * fresh snapshot the client asks for on seeing it.
 */
export function holdCommands(hub: FeedHub): () => void {
  const held: Array<() => void> = [];
  const restore: Array<() => void> = [];
  for (const c of hub.open()) {
    const ws = c.ws;
    const handlers = ws.listeners('message') as Array<(data: unknown, isBinary: boolean) => void>;
    const deliver = (data: unknown, isBinary: boolean) => {
      for (const h of handlers) h(data, isBinary);
    };
    const hold = (data: unknown, isBinary: boolean) => {
      if (!isBinary && String(data) === 'PING') deliver(data, isBinary);
      else held.push(() => deliver(data, isBinary));
    };
    ws.removeAllListeners('message');
    ws.on('message', hold);
    restore.push(() => {
      ws.off('message', hold);
      for (const h of handlers) ws.on('message', h);
    });
  }
  return () => {
    for (const r of restore.splice(0)) r();
    for (const h of held.splice(0)) h();
  };
}

/** Asks of the one arbitrage of the matrix, per venue: with the edge, and without it. */
export const EDGE_ASK: Record<PairVenue, number> = { polymarket: 450_000, kalshi: 500_000 };
export const NO_EDGE_ASK: Record<PairVenue, number> = { polymarket: 530_000, kalshi: 580_000 };

export interface MatrixBooks {
  /** Polymarket away-team (Lakers) ask and Kalshi home-team (Boston) YES ask: the edge's two legs. */
  readonly ask: Record<PairVenue, number>;
  /** Depth of those two levels, centishares. */
  readonly depth: Record<PairVenue, number>;
  /** Polymarket away-team best bid (a change that moves nothing the edge depends on). */
  readonly awayBidMicros?: number;
}

/**
 * The game's books on both simulators: the only arbitrage is the Polymarket away ask plus the
 * Kalshi home YES ask (0.45 + 0.50 after fees: 2.6 %); every other combination costs over $1.
 */
export function setMatrixBooks(world: SimWorld, game: GameSpec, b: MatrixBooks): void {
  const level = (priceMicros: number, sizeCenti = 4_000): SimLevel[] => [{ priceMicros, sizeCenti }];
  world.setPolymarketAsks(
    game.away.tokenId,
    level(b.ask.polymarket, b.depth.polymarket),
    level(b.awayBidMicros ?? 440_000),
  );
  // Polymarket US: one book for both teams, set by the away team's levels above (sim-world.ts).
  if (world.pm.venue === 'polymarket') world.setPolymarketAsks(game.home.tokenId, level(600_000), level(540_000));
  world.setKalshiBook(kalshiTicker(game, 'home'), {
    yesAsks: level(b.ask.kalshi, b.depth.kalshi),
    noAsks: level(560_000),
  });
  world.setKalshiBook(kalshiTicker(game, 'away'), { yesAsks: level(560_000), noAsks: level(600_000) });
}

/** The instrument carrying the edge on `venue` (the slot) of `pair`. */
export function edgeInstrument(game: GameSpec, venue: PairVenue, pair: TestPair = DEFAULT_TEST_PAIR): InstrumentRef {
  return venue === 'polymarket'
    ? polymarketInstrument(pair, game, 'away')
    : { venue, ticker: kalshiTicker(game, 'home'), side: 'yes' };
}
