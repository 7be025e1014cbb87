/**
 * The Kalshi order-book stream (lib/venues/kalshi/stream.ts) against the simulator's WebSocket
 * (local/sim/kalshi/ws-feed.ts), over 127.0.0.1: signed handshake (unsigned and badly signed
 * ones refused), books equal to the REST books of the same state after every change, and each
 * feed fault leaves the books untrusted with the right reason until fresh snapshots.
 * docs/venues-kalshi.md#k-stream.
 */
import { generateKeyPairSync } from 'node:crypto';
import WebSocket from 'ws';
import type { InstrumentRef } from '../../../lib/core/market';
import type { StreamProblem } from '../../../lib/engine/ports';
import { KalshiVenue } from '../../../lib/venues/kalshi';
import type { KalshiBookStream } from '../../../lib/venues/kalshi/stream';
import { ManualClock, seededRandom } from '../../../local/sim/clock';
import type { SimLevel } from '../../../local/sim/control';
import { type KalshiSim, startKalshiSim } from '../../../local/sim/kalshi';
import { kalshiAuthHeaders } from '../../../local/sim/kalshi/signed-request';
import { FAST_STREAM, TestClock, until } from '../../support/stream/wait';

const START = Date.parse('2026-11-25T22:00:00Z');
const EVENT = 'KXNBAGAME-26NOV25LALBOS';
const LAL = `${EVENT}-LAL`;
const BOS = `${EVENT}-BOS`;
const refs: InstrumentRef[] = [LAL, BOS].flatMap((ticker) =>
  (['yes', 'no'] as const).map((side) => ({ venue: 'kalshi' as const, ticker, side })),
);
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

interface World {
  sim: KalshiSim;
  clock: TestClock;
  rest: KalshiVenue;
  venue: KalshiVenue;
  stream: KalshiBookStream;
  problems: StreamProblem[];
  seen(ticker: string): Array<string | null>;
}
let w: World;

function ladder(mid: number, sizes: number[]): SimLevel[] {
  return sizes.map((s, i) => ({ priceMicros: mid - (i + 1) * 10_000, sizeCenti: s * 100 }));
}
/** YES bids under `yesMid`, NO bids under 1 − yesMid: never crossed. */
function book(sim: KalshiSim, ticker: string, yesMid: number, sizes = [10, 25, 40]): void {
  const y = Math.round(yesMid * 100) * 10_000;
  sim.control.setBook(ticker, { yesBids: ladder(y, sizes), noBids: ladder(1_000_000 - y, [...sizes].reverse()) });
}

async function world(): Promise<World> {
  const clock = new TestClock(START);
  const sim = await startKalshiSim({ clock: new ManualClock(START), realNow: clock.now, wsPingEveryMs: 0 });
  sim.control.addEvent({
    league: 'NBA',
    seriesTicker: 'KXNBAGAME',
    eventTicker: EVENT,
    title: 'Los Angeles L at Boston Winner?',
    gameStartMs: START + 3_600_000,
    expectedExpirationMs: START + 4 * 3_600_000,
    markets: [
      { ticker: LAL, yesSubTitle: 'Los Angeles L', tickMicros: 10_000 },
      { ticker: BOS, yesSubTitle: 'Boston', tickMicros: 10_000, fractional: true },
    ],
  });
  book(sim, LAL, 0.4);
  book(sim, BOS, 0.58);
  sim.control.registerAccount({ keyId: 'stream-key', publicKeyPem: PUBLIC_PEM, balanceMicros: 0 });
  const credentials = { keyId: 'stream-key', privateKeyPem: PRIVATE_PEM };
  // The reference: a read-only REST client on the real clock (its rate limiter must refill).
  const rest = new KalshiVenue({ baseUrl: sim.url });
  const venue = new KalshiVenue({ baseUrl: sim.url, wsUrl: sim.wsUrl, credentials, stream: FAST_STREAM }, { clock });
  const stream = venue.openBookStream() as KalshiBookStream;
  const problems: StreamProblem[] = [];
  const reasons = new Map<string, Array<string | null>>();
  stream.onProblem((p) => problems.push(p));
  stream.onBookChange((keys) => {
    for (const t of [LAL, BOS])
      if (keys.includes(`kalshi:${t}:yes`))
        reasons.set(t, [...(reasons.get(t) ?? []), stream.get({ venue: 'kalshi', ticker: t, side: 'yes' }).distrust]);
  });
  await stream.watch(refs);
  await until(() => refs.every((r) => stream.get(r).trusted), 'all four books trusted');
  return { sim, clock, rest, venue, stream, problems, seen: (t) => reasons.get(t) ?? [] };
}

async function expectSameAsRest(): Promise<void> {
  const restBooks = await w.rest.getBooks(refs);
  for (const r of refs) {
    const streamed = w.stream.get(r);
    expect(streamed.distrust).toBeNull();
    const key = `kalshi:${(r as { ticker: string }).ticker}:${(r as { side: string }).side}`;
    expect({ ...streamed.book, observedAtMs: 0 }).toEqual({ ...restBooks.get(key), observedAtMs: 0 });
  }
}

async function delivered(): Promise<void> {
  await w.sim.feed.hub.drained();
  await w.stream.sync();
}

const yes = (ticker: string): InstrumentRef => ({ venue: 'kalshi', ticker, side: 'yes' });

beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.stream.close();
  await w.sim.close();
});

describe('Kalshi stream against the simulator', () => {
  it('snapshot then signed deltas track the REST books exactly (random walk, fractional market too)', async () => {
    await expectSameAsRest();
    const random = seededRandom(11);
    for (let step = 0; step < 25; step++) {
      const n = 1 + Math.floor(random() * 3);
      const sizes = Array.from({ length: n }, () => 1 + Math.floor(random() * 90));
      book(w.sim, random() < 0.5 ? LAL : BOS, 0.2 + Math.floor(random() * 60) / 100, sizes);
      await delivered();
      expect(w.problems).toEqual([]);
      await expectSameAsRest();
    }
    expect(w.stream.health()).toMatchObject({ connected: true, watched: 4, trusted: 4, reconnects: 0 });
    expect(w.stream.health().messages).toBe(w.sim.feed.hub.stats().sent);
  });

  it('a sequence gap: every book of the sid untrusted (gap), resubscribed, trusted on the new snapshots', async () => {
    w.sim.feed.hub.faults.add({ kind: 'gap' });
    book(w.sim, LAL, 0.45);
    book(w.sim, LAL, 0.47);
    await until(() => w.seen(LAL).includes('gap') && w.seen(BOS).includes('gap'), 'gap on both markets');
    expect(w.problems.map((p) => p.cause)).toContain('seq-gap');
    await until(() => refs.every((r) => w.stream.get(r).trusted), 'trusted again');
    await expectSameAsRest();
  });

  it('duplicates are dropped by seq, the books stay trusted and exact', async () => {
    w.sim.feed.hub.faults.add({ kind: 'duplicate', times: 2 });
    book(w.sim, LAL, 0.33);
    await delivered();
    expect(w.problems.map((p) => p.cause)).toContain('duplicate');
    await expectSameAsRest();
  });

  it('out of order is a gap until fresh snapshots', async () => {
    w.sim.feed.hub.faults.add({ kind: 'reorder' });
    book(w.sim, LAL, 0.36);
    book(w.sim, BOS, 0.61);
    await until(() => w.seen(LAL).includes('gap'), 'gap');
    await until(() => refs.every((r) => w.stream.get(r).trusted), 'trusted again');
    await expectSameAsRest();
  });

  it('a malformed frame: untrusted (malformed) until fresh snapshots', async () => {
    w.sim.feed.hub.faults.add({ kind: 'malformed' });
    book(w.sim, BOS, 0.55);
    await until(() => w.seen(BOS).includes('malformed'), 'malformed');
    await until(() => refs.every((r) => w.stream.get(r).trusted), 'trusted again');
    await expectSameAsRest();
  });

  it('frozen feed, Ping/Pong still answered: stale on the clock, then fresh snapshots', async () => {
    w.sim.feed.hub.faults.add({ kind: 'freeze' });
    book(w.sim, LAL, 0.52);
    await w.stream.sync(); // the Pong comes back through the freeze
    w.clock.advance(FAST_STREAM.staleAfterMs + 1);
    expect(w.stream.get(yes(LAL)).distrust).toBe('stale');
    await until(() => w.problems.some((p) => p.cause === 'frozen'), 'frozen problem');
    w.sim.feed.hub.faults.clear();
    w.clock.advance(FAST_STREAM.snapshotTimeoutMs + 1);
    await until(() => refs.every((r) => w.stream.get(r).trusted), 'trusted again');
    await expectSameAsRest();
  });

  it('dropped connection: disconnected, signed reconnect with backoff, resubscribe, trusted again', async () => {
    w.sim.feed.hub.faults.add({ kind: 'drop' });
    book(w.sim, LAL, 0.41);
    await until(() => w.seen(LAL).includes('disconnected'), 'disconnected');
    await until(() => refs.every((r) => w.stream.get(r).trusted), 'trusted after reconnect');
    expect(w.stream.health().reconnects).toBe(1);
    await expectSameAsRest();
  });

  it('slow consumer: frames stalled past the staleness bound arrive in sequence and vouch again', async () => {
    w.sim.feed.hub.faults.add({ kind: 'stall', ms: 120 });
    book(w.sim, LAL, 0.44);
    w.clock.advance(FAST_STREAM.staleAfterMs + 1);
    expect(w.stream.get(yes(LAL)).distrust).toBe('stale');
    await delivered();
    await until(() => refs.every((r) => w.stream.get(r).trusted), 'trusted again');
    await expectSameAsRest();
  });

  it('watch() changes go out as update_subscription; a removed market is no longer streamed', async () => {
    await w.stream.watch(refs.filter((r) => (r as { ticker: string }).ticker === LAL));
    expect(w.stream.health().watched).toBe(2);
    expect(w.stream.get(yes(BOS))).toMatchObject({ book: null, trusted: false });
    await w.stream.watch(refs);
    await until(() => refs.every((r) => w.stream.get(r).trusted), 'BOS back');
    book(w.sim, BOS, 0.5);
    await delivered();
    await expectSameAsRest();
  });

  it('refuses an unsigned or badly signed handshake, and the client never leaks its key', async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(w.sim.wsUrl, { headers });
        ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => resolve(-1));
      });
    const path = new URL(w.sim.wsUrl).pathname;
    expect(await status({})).toBe(401);
    const signed = kalshiAuthHeaders('stream-key', PRIVATE_PEM, 'GET', path, w.clock.now());
    expect(await status({ ...signed, 'KALSHI-ACCESS-SIGNATURE': Buffer.from('nope').toString('base64') })).toBe(401);
    expect(await status(kalshiAuthHeaders('stream-key', PRIVATE_PEM, 'GET', '/trade-api/v2', w.clock.now()))).toBe(401);
    expect(await status(signed)).toBe(101);

    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const otherPem = other.export({ type: 'pkcs8', format: 'pem' }).toString();
    const intruder = new KalshiVenue(
      {
        baseUrl: w.sim.url,
        wsUrl: w.sim.wsUrl,
        credentials: { keyId: 'stream-key', privateKeyPem: otherPem },
        stream: FAST_STREAM,
      },
      { clock: w.clock },
    ).openBookStream();
    const seen: StreamProblem[] = [];
    intruder.onProblem((p) => seen.push(p));
    await intruder.watch([yes(LAL)]);
    await until(() => seen.some((p) => /HTTP 401/.test(p.message)), 'refused handshake');
    expect(intruder.health().connected).toBe(false);
    expect(intruder.get(yes(LAL)).trusted).toBe(false);
    await intruder.close();
    const text = JSON.stringify([seen, w.problems]);
    expect(text).not.toMatch(/PRIVATE KEY|KALSHI-ACCESS-SIGNATURE/);
    expect(text).not.toContain(PRIVATE_PEM.split('\n')[1]);
  });

  it('answers commands with the documented codes', async () => {
    const path = new URL(w.sim.wsUrl).pathname;
    const ws = new WebSocket(w.sim.wsUrl, {
      headers: kalshiAuthHeaders('stream-key', PRIVATE_PEM, 'GET', path, w.clock.now()),
    });
    const replies: Array<{ id?: number; type: string; msg?: { code?: number } }> = [];
    ws.on('message', (d) => replies.push(JSON.parse(String(d))));
    await new Promise((r) => ws.once('open', r));
    const send = (o: unknown) => ws.send(typeof o === 'string' ? o : JSON.stringify(o));
    send('not json');
    send({ id: 2, cmd: 'dance' });
    send({ id: 3, cmd: 'subscribe' });
    send({ id: 4, cmd: 'subscribe', params: { market_tickers: [LAL] } });
    send({ id: 5, cmd: 'unsubscribe', params: {} });
    send({ id: 6, cmd: 'update_subscription', params: { sids: [1, 2], market_tickers: [LAL], action: 'add_markets' } });
    send({ id: 7, cmd: 'update_subscription', params: { sids: [99], market_tickers: [LAL], action: 'add_markets' } });
    send({ id: 8, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: [LAL] } });
    send({ id: 9, cmd: 'update_subscription', params: { sids: [1], market_tickers: [BOS], action: 'swap' } });
    await until(() => replies.length >= 10, 'replies');
    ws.close();
    const codes = replies.filter((r) => r.type === 'error').map((r) => [r.id ?? null, r.msg?.code]);
    expect(codes).toEqual([
      [null, 1],
      [2, 5],
      [3, 2],
      [4, 3],
      [5, 4],
      [6, 12],
      [7, 7],
      [9, 13],
    ]);
    expect(replies.find((r) => r.id === 8)).toEqual({
      id: 8,
      type: 'subscribed',
      msg: { channel: 'orderbook_delta', sid: 1 },
    });
  });
});
