/**
 * The Polymarket order-book stream (lib/venues/polymarket/stream.ts) against the simulator's
 * market channel (local/sim/polymarket/ws-feed.ts), over 127.0.0.1: the streamed book equals the
 * REST book of the same state after every change, and each feed fault leaves the book untrusted
 * with the right reason until a fresh snapshot. docs/venues-polymarket.md#p-stream.
 */
import type { InstrumentRef } from '../../../lib/core/market';
import type { StreamProblem } from '../../../lib/engine/ports';
import { createPolymarketVenue, type PolymarketVenue } from '../../../lib/venues/polymarket';
import type { PolymarketBookStream } from '../../../lib/venues/polymarket/stream';
import { ManualClock, seededRandom } from '../../../local/sim/clock';
import type { PolymarketSimMarketSpec, SimLevel } from '../../../local/sim/control';
import { type PolymarketSim, startPolymarketSim } from '../../../local/sim/polymarket';
import { FAST_STREAM, TestClock, until } from '../../support/stream/wait';

const START = Date.parse('2026-11-25T22:00:00Z');
const LAKERS = '71321045679252212594626385532706912750332728571942532289631379312455583992563';
const CELTICS = '52114319501245915516055106046884209969926127482827954674443846427813813222426';
const SPEC: PolymarketSimMarketSpec = {
  league: 'NBA',
  gammaId: '2858750',
  conditionId: `0x${'ab'.repeat(32)}`,
  eventSlug: 'nba-lal-bos-2026-11-25',
  question: 'Lakers vs. Celtics',
  gameStartMs: START + 3_600_000,
  outcomes: [
    { name: 'Lakers', tokenId: LAKERS },
    { name: 'Celtics', tokenId: CELTICS },
  ],
  homeTeamName: 'Boston Celtics',
  awayTeamName: 'Los Angeles Lakers',
  negRisk: false,
  tickMicros: 10_000,
  minSizeCenti: 500,
  feeRatePpm: 50_000,
  feeExponent: 1,
};
const LAL: InstrumentRef = { venue: 'polymarket', conditionId: SPEC.conditionId, tokenId: LAKERS };
const BOS: InstrumentRef = { venue: 'polymarket', conditionId: SPEC.conditionId, tokenId: CELTICS };

interface World {
  sim: PolymarketSim;
  simClock: ManualClock;
  clock: TestClock;
  venue: PolymarketVenue;
  /** A REST-only client on the real clock: the reference book of the same state. */
  rest: PolymarketVenue;
  stream: PolymarketBookStream;
  problems: StreamProblem[];
  changes: string[];
  /** Every trust state a book passed through, as seen at each change (transient ones included). */
  seen(instrument: InstrumentRef): Array<string | null>;
}

let w: World;

async function world(tuning: { readonly quietMs?: number } = {}): Promise<World> {
  const simClock = new ManualClock(START);
  const sim = await startPolymarketSim({ clock: simClock });
  sim.control.addMarket(SPEC);
  book(sim, LAKERS, 0.4);
  book(sim, CELTICS, 0.58);
  const clock = new TestClock(START);
  const venue = createPolymarketVenue(
    { gammaUrl: sim.gammaUrl, clobUrl: sim.url, wsUrl: sim.wsUrl, stream: { ...FAST_STREAM, ...tuning } },
    { clock },
  );
  const rest = createPolymarketVenue({ gammaUrl: sim.gammaUrl, clobUrl: sim.url });
  const stream = venue.openBookStream() as PolymarketBookStream;
  const problems: StreamProblem[] = [];
  const changes: string[] = [];
  const reasons = new Map<string, Array<string | null>>();
  stream.onProblem((p) => problems.push(p));
  stream.onBookChange((keys) => {
    changes.push(...keys);
    for (const i of [LAL, BOS]) {
      const key = `polymarket:${(i as { tokenId: string }).tokenId}`;
      if (keys.includes(key)) reasons.set(key, [...(reasons.get(key) ?? []), stream.get(i).distrust]);
    }
  });
  const seen = (i: InstrumentRef) => reasons.get(`polymarket:${(i as { tokenId: string }).tokenId}`) ?? [];
  await stream.watch([LAL, BOS]);
  await until(() => stream.get(LAL).trusted && stream.get(BOS).trusted, 'both books trusted');
  return { sim, simClock, clock, venue, rest, stream, problems, changes, seen };
}

/** A two-sided book around `mid` (dollars), three levels each side. */
function book(sim: PolymarketSim, tokenId: string, mid: number, sizes = [100, 250, 400]): void {
  const m = Math.round(mid * 100) * 10_000;
  const side = (sign: number): SimLevel[] =>
    sizes.map((s, i) => ({ priceMicros: m + sign * (i + 1) * 10_000, sizeCenti: s * 100 + i }));
  sim.control.setBook(tokenId, { bids: side(-1), asks: side(1) });
}

/** The stream's book equals the REST book of the same state (observedAtMs aside). */
async function expectSameAsRest(instrument: InstrumentRef): Promise<void> {
  const rest = (await w.rest.getBooks([instrument])).get(`polymarket:${(instrument as { tokenId: string }).tokenId}`);
  const streamed = w.stream.get(instrument);
  expect(streamed.trusted).toBe(true);
  expect({ ...streamed.book, observedAtMs: 0 }).toEqual({ ...rest, observedAtMs: 0 });
}

/** Everything the simulator meant to send has been written, and read by the client. */
async function delivered(): Promise<void> {
  await w.sim.feed.hub.drained();
  await w.stream.sync();
}

beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.stream.close();
  await w.sim.close();
});

describe('Polymarket stream against the simulator', () => {
  it('starts from the snapshot and tracks every change exactly as the REST book (random walk)', async () => {
    await expectSameAsRest(LAL);
    await expectSameAsRest(BOS);
    const random = seededRandom(7);
    for (let step = 0; step < 25; step++) {
      const sizes = [1 + Math.floor(random() * 500), 1 + Math.floor(random() * 500), 1 + Math.floor(random() * 500)];
      book(
        w.sim,
        random() < 0.5 ? LAKERS : CELTICS,
        0.2 + Math.floor(random() * 60) / 100,
        sizes.slice(0, 1 + Math.floor(random() * 3)),
      );
      await delivered();
      await expectSameAsRest(LAL);
      await expectSameAsRest(BOS);
    }
    expect(w.problems).toEqual([]);
    expect(w.stream.health()).toMatchObject({ connected: true, watched: 2, trusted: 2, reconnects: 0 });
  });

  it('counts what it read: the simulator sent exactly the frames the client received', async () => {
    book(w.sim, LAKERS, 0.45);
    await delivered();
    const stats = w.sim.feed.hub.stats();
    expect(stats.pending).toBe(0);
    expect(w.stream.health().messages).toBe(stats.sent);
  });

  it('latency: frames arrive late, drained() + sync() make the step deterministic', async () => {
    w.sim.feed.hub.faults.add({ kind: 'latency', ms: 60 });
    book(w.sim, LAKERS, 0.47);
    expect(w.sim.feed.hub.stats().pending).toBeGreaterThan(0);
    await delivered();
    await expectSameAsRest(LAL);
  });

  it('a malformed frame: the books it may concern are untrusted (malformed) until a fresh snapshot', async () => {
    w.sim.feed.hub.faults.add({ kind: 'malformed' });
    book(w.sim, LAKERS, 0.44);
    await until(() => w.seen(LAL).includes('malformed'), 'malformed');
    expect(w.problems.map((p) => p.cause)).toContain('malformed-frame');
    await until(() => w.stream.get(LAL).trusted, 'trusted again');
    await expectSameAsRest(LAL);
  });

  it('frozen feed with PONG answered: stale on the clock, then recovery by a fresh snapshot', async () => {
    w.sim.feed.hub.faults.add({ kind: 'freeze' });
    book(w.sim, LAKERS, 0.52);
    await w.stream.sync(); // PONG still comes back through the freeze
    expect(w.stream.get(LAL).trusted).toBe(true); // nothing says otherwise yet…
    w.clock.advance(FAST_STREAM.staleAfterMs + 1);
    expect(w.stream.get(LAL).distrust).toBe('stale'); // …but the clock does, lazily
    await until(() => w.problems.some((p) => p.cause === 'frozen'), 'frozen problem');
    expect(w.sim.feed.hub.stats().withheld).toBeGreaterThan(0);
    w.sim.feed.hub.faults.clear();
    w.clock.advance(FAST_STREAM.snapshotTimeoutMs + 1); // the asked-for snapshot never came: reconnect
    await until(() => w.stream.get(LAL).trusted, 'trusted after the fresh snapshot');
    await expectSameAsRest(LAL);
  });

  it('a re-snapshot of a quiet book showing the same book vouches for it without announcing a change', async () => {
    await w.stream.close();
    await w.sim.close();
    w = await world({ quietMs: 300 }); // quiet (not yet stale) after 300 ms on the test clock
    const vouched = w.stream.get(LAL).book!.observedAtMs;
    const seenBefore = w.seen(LAL).length;
    w.clock.advance(301); // quiet: the watchdog asks for a fresh snapshot while the book is trusted
    await until(() => w.stream.get(LAL).book!.observedAtMs > vouched, 're-snapshot');
    await delivered();
    expect(w.stream.get(LAL).trusted).toBe(true);
    expect(w.seen(LAL).length).toBe(seenBefore); // no change announced: no re-plan for nothing
    book(w.sim, LAKERS, 0.44);
    await delivered();
    expect(w.seen(LAL).slice(seenBefore)).toEqual([null]); // a real change is announced
    await expectSameAsRest(LAL);
  });

  it('dropped connection: disconnected, reconnect with backoff, resubscribe, trusted again', async () => {
    w.sim.feed.hub.faults.add({ kind: 'drop' });
    book(w.sim, LAKERS, 0.41);
    await until(() => w.seen(LAL).includes('disconnected'), 'disconnected');
    await until(() => w.stream.get(LAL).trusted && w.stream.get(BOS).trusted, 'trusted after reconnect');
    expect(w.stream.health().reconnects).toBe(1);
    await expectSameAsRest(LAL);
    expect(w.problems.find((p) => p.cause === 'disconnected')?.message).toMatch(/closed|socket/);
  });

  it('out of order: an older price_change after a newer one is a gap until the next snapshot', async () => {
    w.sim.feed.hub.faults.add({ kind: 'reorder' });
    book(w.sim, LAKERS, 0.43);
    w.simClock.advance(1_000);
    book(w.sim, LAKERS, 0.46);
    await until(() => w.seen(LAL).includes('gap'), 'gap');
    expect(w.problems.map((p) => p.cause)).toEqual(
      expect.arrayContaining([expect.stringMatching(/out-of-order|book-mismatch/)]),
    );
    await until(() => w.stream.get(LAL).trusted, 'trusted again');
    await expectSameAsRest(LAL);
  });

  it('a lost price_change is caught by the best bid/ask the next one states', async () => {
    w.sim.feed.hub.faults.add({ kind: 'gap' });
    book(w.sim, LAKERS, 0.42);
    await delivered();
    book(w.sim, LAKERS, 0.42, [100, 250, 999]); // deeper level only: best prices agree with the lost state
    await delivered();
    book(w.sim, LAKERS, 0.5);
    await until(() => w.seen(LAL).includes('gap'), 'gap');
    await until(() => w.stream.get(LAL).trusted, 'trusted again');
    await expectSameAsRest(LAL);
  });

  it('duplicates are harmless (sizes are absolute): still trusted and equal to REST', async () => {
    w.sim.feed.hub.faults.add({ kind: 'duplicate', times: 3 });
    book(w.sim, LAKERS, 0.39);
    book(w.sim, CELTICS, 0.6);
    await delivered();
    await expectSameAsRest(LAL);
    await expectSameAsRest(BOS);
  });

  it('slow consumer (stall past the staleness bound): stale, then a fresh snapshot', async () => {
    w.sim.feed.hub.faults.add({ kind: 'stall', ms: 150 });
    book(w.sim, LAKERS, 0.48);
    w.clock.advance(FAST_STREAM.staleAfterMs + 1);
    await w.sim.feed.hub.drained();
    await until(() => w.stream.get(LAL).trusted, 'trusted after the snapshot asked for on the late update');
    await expectSameAsRest(LAL);
  });

  it('unwatch unsubscribes; an unknown asset is a problem, never a book', async () => {
    await w.stream.watch([LAL]);
    expect(w.stream.get(BOS)).toMatchObject({ book: null, trusted: false });
    expect(w.stream.health().watched).toBe(1);
    book(w.sim, CELTICS, 0.3);
    book(w.sim, LAKERS, 0.35);
    await delivered();
    await expectSameAsRest(LAL);
  });
});
