/**
 * The Polymarket US order-book stream (lib/venues/polymarket-us/stream.ts) against the simulator's
 * markets WebSocket (local/sim/polymarket-us/ws-feed.ts), over 127.0.0.1: a signed handshake
 * (unsigned, badly signed or stale ones refused with 401), long and short books equal to the REST
 * books of the same state after every change, subscriptions chunked at the venue's cap, and each
 * feed fault leaving the books untrusted with the right reason until a fresh whole book.
 * docs/venues-polymarket-us.md#u-stream.
 */
import { inspect } from 'node:util';
import WebSocket from 'ws';
import type { StreamProblem } from '../../../lib/engine/ports';
import {
  createPolymarketUsVenue,
  type PolymarketUsInstrument,
  type PolymarketUsVenue,
  pmusInstrumentKey,
} from '../../../lib/venues/polymarket-us';
import type { PolymarketUsBookStream } from '../../../lib/venues/polymarket-us/stream';
import { ManualClock, seededRandom } from '../../../local/sim/clock';
import type { SimLevel } from '../../../local/sim/control';
import {
  type PolymarketUsSim,
  type PolymarketUsSimMarketSpec,
  pmusAuthHeaders,
  startPolymarketUsSim,
} from '../../../local/sim/polymarket-us';
import { LAL_BOS, newPmusKey, type PmusKey } from '../../support/sim/polymarket-us-fixture';
import { FAST_STREAM, TestClock, until } from '../../support/stream/wait';

const START = Date.parse('2026-11-25T22:00:00Z');
const NYK_MIA: PolymarketUsSimMarketSpec = {
  league: 'NBA',
  slug: 'aec-nba-nyk-mia-2026-11-25',
  title: 'Knicks vs. Heat',
  gameStartMs: START + 3_600_000,
  long: { name: 'Knicks', abbreviation: 'NYK' },
  short: { name: 'Heat', abbreviation: 'MIA' },
  minQtyCenti: 100,
};
const SLUGS = [LAL_BOS.slug, NYK_MIA.slug];
const refs: PolymarketUsInstrument[] = SLUGS.flatMap((marketSlug) =>
  (['long', 'short'] as const).map((side) => ({ venue: 'polymarket-us' as const, marketSlug, side })),
);
const long = (marketSlug: string): PolymarketUsInstrument => ({ venue: 'polymarket-us', marketSlug, side: 'long' });

interface World {
  sim: PolymarketUsSim;
  simClock: ManualClock;
  clock: TestClock;
  key: PmusKey;
  /** A REST-only client on the real clock: the reference books of the same state. */
  rest: PolymarketUsVenue;
  venue: PolymarketUsVenue;
  stream: PolymarketUsBookStream;
  problems: StreamProblem[];
  /** Every trust state a market's long book passed through, as seen at each change. */
  seen(slug: string): Array<string | null>;
}
let w: World;

/** A long book around `mid` (dollars): bids under it, offers over it, never crossed. */
function book(sim: PolymarketUsSim, slug: string, mid: number, sizes = [100, 250, 400]): void {
  const m = Math.round(mid * 100) * 10_000;
  const side = (sign: number): SimLevel[] =>
    sizes.map((s, i) => ({ priceMicros: m + sign * (i + 1) * 10_000, sizeCenti: s * 100 + (i % 2) * 37 }));
  sim.control.setBook(slug, { bids: side(-1), offers: side(1) });
}

async function world(): Promise<World> {
  const clock = new TestClock(START);
  const simClock = new ManualClock(START);
  const sim = await startPolymarketUsSim({ clock: simClock, realNow: clock.now, wsHeartbeatEveryMs: 0 });
  sim.control.addMarket(LAL_BOS);
  sim.control.addMarket(NYK_MIA);
  book(sim, LAL_BOS.slug, 0.4);
  book(sim, NYK_MIA.slug, 0.58);
  const key = newPmusKey();
  sim.control.registerAccount({ keyId: key.keyId, publicKeyBase64: key.publicKeyBase64, buyingPowerMicros: 0 });
  // Unpaced: the simulator sets no limit here, and the reference reads must not slow the test.
  const fast = { ratePerSec: 1_000, burst: 1_000 };
  const rest = createPolymarketUsVenue({ gatewayUrl: sim.gatewayUrl, apiUrl: sim.apiUrl, gatewayLimit: fast });
  const venue = createPolymarketUsVenue(
    {
      gatewayUrl: sim.gatewayUrl,
      apiUrl: sim.apiUrl,
      wsUrl: sim.wsUrl,
      streamCredentials: { keyId: key.keyId, secretKey: key.secretKey },
      stream: { ...FAST_STREAM, pingEveryMs: 0 },
    },
    { clock },
  );
  const stream = venue.openBookStream();
  const problems: StreamProblem[] = [];
  const reasons = new Map<string, Array<string | null>>();
  stream.onProblem((p) => problems.push(p));
  stream.onBookChange((keys) => {
    for (const slug of SLUGS)
      if (keys.includes(pmusInstrumentKey(long(slug))))
        reasons.set(slug, [...(reasons.get(slug) ?? []), stream.get(long(slug)).distrust]);
  });
  await stream.watch(refs);
  await until(() => refs.every((r) => stream.get(r).trusted), 'all four books trusted');
  return { sim, simClock, clock, key, rest, venue, stream, problems, seen: (s) => reasons.get(s) ?? [] };
}

/** Every streamed book (long and short) equals the REST book of the same state, observedAtMs aside. */
async function expectSameAsRest(): Promise<void> {
  const restBooks = await w.rest.getBooks(refs);
  for (const r of refs) {
    const streamed = w.stream.get(r);
    expect([pmusInstrumentKey(r), streamed.distrust]).toEqual([pmusInstrumentKey(r), null]);
    expect({ ...streamed.book, observedAtMs: 0 }).toEqual({ ...restBooks.get(pmusInstrumentKey(r)), observedAtMs: 0 });
  }
}

/** Everything the simulator meant to send has been written, and read by the client. */
async function delivered(): Promise<void> {
  await w.sim.feed.hub.drained();
  await w.stream.sync();
}

const allTrusted = () => refs.every((r) => w.stream.get(r).trusted);

beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.stream.close();
  await w.sim.close();
});

describe('Polymarket US stream against the simulator', () => {
  it('whole books on subscription and on every change track the REST books exactly, long and short (random walk)', async () => {
    await expectSameAsRest();
    const short = w.stream.get({ ...long(LAL_BOS.slug), side: 'short' }).book;
    // The short book is the long book's mirror: its best ask is 1 − the long best bid.
    expect(short?.asks[0]?.priceMicros).toBe(
      1_000_000 - (w.stream.get(long(LAL_BOS.slug)).book?.bids[0]?.priceMicros ?? 0),
    );
    const random = seededRandom(13);
    for (let step = 0; step < 25; step++) {
      const n = 1 + Math.floor(random() * 3);
      const sizes = Array.from({ length: n }, () => 1 + Math.floor(random() * 900));
      book(w.sim, SLUGS[Math.floor(random() * 2)] as string, 0.2 + Math.floor(random() * 60) / 100, sizes);
      await delivered();
      await expectSameAsRest();
    }
    expect(w.problems).toEqual([]);
    expect(w.stream.health()).toMatchObject({ connected: true, watched: 4, trusted: 4, reconnects: 0 });
    expect(w.stream.health().messages).toBe(w.sim.feed.hub.stats().sent);
  });

  it('a halted market streams an empty book (nothing tradable), as REST; reopened, its levels again', async () => {
    w.sim.control.haltMarket(NYK_MIA.slug);
    await delivered();
    expect(w.stream.get(long(NYK_MIA.slug)).book).toMatchObject({ asks: [], bids: [] });
    await expectSameAsRest();
    w.sim.control.reopenMarket(NYK_MIA.slug);
    await delivered();
    expect(w.stream.get(long(NYK_MIA.slug)).book?.asks.length).toBe(3);
    await expectSameAsRest();
  });

  it('latency: frames arrive late, drained() + sync() make the step deterministic', async () => {
    w.sim.feed.hub.faults.add({ kind: 'latency', ms: 60 });
    book(w.sim, LAL_BOS.slug, 0.47);
    expect(w.sim.feed.hub.stats().pending).toBeGreaterThan(0);
    await delivered();
    await expectSameAsRest();
  });

  it('a malformed frame: every book it may concern is untrusted (malformed) until fresh whole books', async () => {
    w.sim.feed.hub.faults.add({ kind: 'malformed' });
    book(w.sim, LAL_BOS.slug, 0.44);
    await until(() => w.seen(LAL_BOS.slug).includes('malformed'), 'malformed');
    expect(w.problems.map((p) => p.cause)).toContain('malformed-frame');
    await until(allTrusted, 'trusted again');
    await expectSameAsRest();
  });

  it('a lost frame costs nothing once the next whole book comes', async () => {
    w.sim.feed.hub.faults.add({ kind: 'gap' });
    book(w.sim, LAL_BOS.slug, 0.42);
    await delivered();
    expect(w.sim.feed.hub.stats().withheld).toBe(1);
    book(w.sim, LAL_BOS.slug, 0.5);
    await delivered();
    await expectSameAsRest();
    expect(w.problems).toEqual([]);
  });

  it('a lost frame and then silence: stale on the clock, the subscription taken again, exact again', async () => {
    w.sim.feed.hub.faults.add({ kind: 'gap' });
    book(w.sim, LAL_BOS.slug, 0.42);
    await delivered();
    w.clock.advance(FAST_STREAM.staleAfterMs + 1);
    expect(w.stream.get(long(LAL_BOS.slug)).distrust).toBe('stale');
    await until(() => w.problems.some((p) => p.cause === 'frozen'), 'frozen problem');
    await until(allTrusted, 'trusted after the subscription was taken again');
    await expectSameAsRest();
    expect(w.sim.feed.subscriptions().map((s) => s.requestId)).toEqual(['book-2']);
  });

  it('frozen feed, Ping/Pong and heartbeats still answered: stale on the clock, then recovery by reconnecting', async () => {
    w.sim.feed.hub.faults.add({ kind: 'freeze' });
    book(w.sim, LAL_BOS.slug, 0.52);
    await w.stream.sync(); // the Pong comes back through the freeze
    expect(w.stream.get(long(LAL_BOS.slug)).trusted).toBe(true); // nothing says otherwise yet…
    w.clock.advance(FAST_STREAM.staleAfterMs + 1);
    expect(w.stream.get(long(LAL_BOS.slug)).distrust).toBe('stale'); // …but the clock does, lazily
    await until(() => w.problems.some((p) => p.cause === 'frozen'), 'frozen problem');
    // The stale books' subscription is taken again; its fresh books are frozen too.
    await until(() => w.sim.feed.subscriptions()[0]?.requestId === 'book-2', 'subscription taken again');
    await w.stream.sync();
    expect(w.sim.feed.hub.stats().withheld).toBeGreaterThan(1);
    expect(allTrusted()).toBe(false);
    w.sim.feed.hub.faults.clear();
    w.clock.advance(FAST_STREAM.snapshotTimeoutMs + 1); // the asked-for books never came: reconnect
    await until(allTrusted, 'trusted after reconnecting');
    expect(w.problems.map((p) => p.cause)).toContain('snapshot-timeout');
    expect(w.stream.health().reconnects).toBe(1);
    await expectSameAsRest();
  });

  it('dropped connection: disconnected, signed reconnect with backoff, resubscribed, trusted again', async () => {
    w.sim.feed.hub.faults.add({ kind: 'drop' });
    book(w.sim, LAL_BOS.slug, 0.41);
    await until(() => w.seen(LAL_BOS.slug).includes('disconnected'), 'disconnected');
    await until(allTrusted, 'trusted after reconnect');
    expect(w.stream.health().reconnects).toBe(1);
    expect(w.problems.find((p) => p.cause === 'disconnected')?.message).toMatch(/closed|socket/);
    await expectSameAsRest();
  });

  it('out of order: an older whole book after a newer one is ignored, the newer one stands', async () => {
    w.sim.feed.hub.faults.add({ kind: 'reorder' });
    book(w.sim, LAL_BOS.slug, 0.43);
    w.simClock.advance(1_000);
    book(w.sim, LAL_BOS.slug, 0.46);
    await delivered();
    expect(w.problems.map((p) => p.cause)).toEqual(['out-of-order']);
    await expectSameAsRest();
  });

  it('duplicates are harmless (each frame is the whole book)', async () => {
    w.sim.feed.hub.faults.add({ kind: 'duplicate', times: 3 });
    book(w.sim, LAL_BOS.slug, 0.39);
    book(w.sim, NYK_MIA.slug, 0.6);
    await delivered();
    await expectSameAsRest();
    expect(w.problems).toEqual([]);
  });

  it('slow consumer (stall past the staleness bound): stale, then trusted on the late whole book', async () => {
    w.sim.feed.hub.faults.add({ kind: 'stall', ms: 150 });
    book(w.sim, LAL_BOS.slug, 0.48);
    w.clock.advance(FAST_STREAM.staleAfterMs + 1);
    expect(w.stream.get(long(LAL_BOS.slug)).distrust).toBe('stale');
    await w.sim.feed.hub.drained();
    await until(allTrusted, 'trusted again');
    await expectSameAsRest();
  });

  it('watch() changes take the subscription again; an unwatched market is no book', async () => {
    await w.stream.watch(refs.filter((r) => r.marketSlug === LAL_BOS.slug));
    expect(w.stream.health().watched).toBe(2);
    expect(w.stream.get(long(NYK_MIA.slug))).toMatchObject({ book: null, trusted: false, distrust: 'no-snapshot' });
    await delivered();
    expect(w.sim.feed.subscriptions()).toEqual([{ connection: 1, requestId: 'book-2', markets: 1 }]);
    await w.stream.watch(refs);
    await until(allTrusted, 'NYK-MIA back');
    book(w.sim, NYK_MIA.slug, 0.5);
    await delivered();
    await expectSameAsRest();
    expect(w.problems).toEqual([]);
  });
});

describe('keep-alive (docs/venues-polymarket-us.md#u-stream, "Heartbeats")', () => {
  it('our protocol Pings keep a quiet connection up; without them (and no heartbeat) it is dropped as dead', async () => {
    const open = (pingEveryMs: number) =>
      createPolymarketUsVenue(
        {
          gatewayUrl: w.sim.gatewayUrl,
          apiUrl: w.sim.apiUrl,
          wsUrl: w.sim.wsUrl,
          streamCredentials: { keyId: w.key.keyId, secretKey: w.key.secretKey },
          stream: { ...FAST_STREAM, deadAfterMs: 300, pingEveryMs },
        },
        { clock: w.clock },
      ).openBookStream();
    const pinging = open(30);
    const silent = open(0);
    try {
      await Promise.all([pinging.watch([long(LAL_BOS.slug)]), silent.watch([long(LAL_BOS.slug)])]);
      await until(() => pinging.get(long(LAL_BOS.slug)).trusted && silent.get(long(LAL_BOS.slug)).trusted, 'both');
      await until(() => silent.health().reconnects >= 1, 'the silent connection dropped as dead');
      expect(pinging.health().reconnects).toBe(0);
    } finally {
      await pinging.close();
      await silent.close();
    }
  });
});

describe('subscriptions at the venue’s cap (100 markets)', () => {
  it('chunks 103 markets into subscriptions of at most 100, and 7 into ones of 3 when told', async () => {
    const extra = Array.from({ length: 101 }, (_, i): PolymarketUsSimMarketSpec => {
      const code = `t${String(i).padStart(3, '0')}`;
      return { ...NYK_MIA, slug: `aec-nba-${code}-bos-2026-11-26`, title: `${code} vs. Boston` };
    });
    for (const spec of extra) {
      w.sim.control.addMarket(spec);
      book(w.sim, spec.slug, 0.3 + (extra.indexOf(spec) % 40) / 100);
    }
    // Discovery remembers every market's facts: the stream reads none of them again.
    await w.venue.listGames(['NBA']);
    const all = [...SLUGS, ...extra.map((s) => s.slug)].map(long);
    await w.stream.watch(all);
    await until(() => all.every((r) => w.stream.get(r).trusted), '103 markets trusted', 4_000);
    const sizes = w.sim.feed.subscriptions().map((s) => s.markets);
    expect(sizes.every((n) => n <= 100)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(103);
    expect(w.problems).toEqual([]);

    const small = createPolymarketUsVenue(
      {
        gatewayUrl: w.sim.gatewayUrl,
        apiUrl: w.sim.apiUrl,
        wsUrl: w.sim.wsUrl,
        streamCredentials: { keyId: w.key.keyId, secretKey: w.key.secretKey },
        stream: { ...FAST_STREAM, maxMarketsPerSubscription: 3, pingEveryMs: 0 },
      },
      { clock: w.clock },
    );
    await small.listGames(['NBA']);
    const stream = small.openBookStream();
    const seven = all.slice(0, 7);
    await stream.watch(seven);
    await until(() => seven.every((r) => stream.get(r).trusted), 'seven trusted');
    const mine = w.sim.feed.subscriptions().filter((s) => s.connection === 2);
    expect(mine.map((s) => s.markets)).toEqual([3, 3, 1]);
    await stream.close();
  });
});

describe('the signed handshake (docs/venues-polymarket-us.md#u-stream)', () => {
  const status = (url: string, headers: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(url, { headers });
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => resolve(-1));
    });

  it('refuses unsigned, badly signed, wrongly pathed and stale handshakes with 401', async () => {
    const path = new URL(w.sim.wsUrl).pathname;
    const signed = pmusAuthHeaders(w.key.keyId, w.key.secretKey, 'GET', path, w.clock.now());
    expect(await status(w.sim.wsUrl, {})).toBe(401);
    expect(await status(w.sim.wsUrl, { ...signed, 'X-PM-Signature': Buffer.alloc(64).toString('base64') })).toBe(401);
    expect(await status(w.sim.wsUrl, pmusAuthHeaders(w.key.keyId, w.key.secretKey, 'GET', '/', w.clock.now()))).toBe(
      401,
    );
    expect(
      await status(w.sim.wsUrl, pmusAuthHeaders(w.key.keyId, w.key.secretKey, 'GET', path, w.clock.now() - 31_000)),
    ).toBe(401);
    expect(await status(w.sim.wsUrl, signed)).toBe(101);
    expect(await status(w.sim.wsUrl.replace('/markets', '/private'), signed)).toBe(404);
  });

  it('a client with the wrong key is refused (HTTP 401), never trusts a book; no key shows anywhere', async () => {
    const other = newPmusKey(w.key.keyId);
    const intruder = createPolymarketUsVenue(
      {
        gatewayUrl: w.sim.gatewayUrl,
        apiUrl: w.sim.apiUrl,
        wsUrl: w.sim.wsUrl,
        credentials: { keyId: other.keyId, secretKey: other.secretKey },
        stream: FAST_STREAM,
      },
      { clock: w.clock },
    ).openBookStream();
    const seen: StreamProblem[] = [];
    intruder.onProblem((p) => seen.push(p));
    await intruder.watch([long(LAL_BOS.slug)]);
    await until(() => seen.some((p) => /HTTP 401/.test(p.message)), 'refused handshake');
    expect(intruder.health().connected).toBe(false);
    expect(intruder.get(long(LAL_BOS.slug))).toMatchObject({ book: null, trusted: false });
    await intruder.close();
    const text = JSON.stringify([seen, w.problems]) + inspect(w.venue, { depth: 20, showHidden: true });
    expect(text).not.toContain(other.secretKey.slice(0, 24));
    expect(text).not.toContain(w.key.secretKey.slice(0, 24));
    expect(text).not.toMatch(/X-PM-Signature/i);
  });

  it('without a key there is no stream: a problem says so, nothing connects', async () => {
    const keyless = createPolymarketUsVenue({
      gatewayUrl: w.sim.gatewayUrl,
      apiUrl: w.sim.apiUrl,
      wsUrl: w.sim.wsUrl,
      stream: FAST_STREAM,
    }).openBookStream();
    const seen: StreamProblem[] = [];
    keyless.onProblem((p) => seen.push(p));
    await keyless.watch([long(LAL_BOS.slug)]);
    expect(seen.map((p) => p.cause)).toEqual(['no-credentials']);
    expect(keyless.health()).toMatchObject({ connected: false, watched: 2, trusted: 0 });
    await keyless.close();
  });
});
