/**
 * The Polymarket US markets-WebSocket fixtures (test/fixtures/polymarket-us/stream, in the venue's
 * documented shapes: docs/venues-polymarket-us.md#u-stream) pin both sides:
 * - the client: its schemas read them, its requests are them, and the stream fed these frames
 *   (and bent variants: crossed, unreadable, older, refused, unexpected) over a scripted socket
 *   on 127.0.0.1 builds the books and trust the stream rules say;
 * - the simulator: its frames carry the same fields, it refuses what the venue says it refuses,
 *   and the official SDK (`polymarket-us` 0.1.1, oracle only) connects to it and reads its books.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import type { StreamProblem } from '../../lib/engine/ports';
import type { PolymarketUsInstrument } from '../../lib/venues/polymarket-us';
import { longLadderOf } from '../../lib/venues/polymarket-us/parse-books';
import type { MarketFacts } from '../../lib/venues/polymarket-us/parse-markets';
import { PolymarketUsBookStream } from '../../lib/venues/polymarket-us/stream';
import {
  payloadOf,
  pmusErrorFrame,
  pmusMarketDataFrame,
  pmusSubscribe,
  pmusUnsubscribe,
} from '../../lib/venues/polymarket-us/stream-schemas';
import { ManualClock } from '../../local/sim/clock';
import { pmusAuthHeaders, startPolymarketUsSim } from '../../local/sim/polymarket-us';
import { LAL_BOS, newPmusKey } from '../support/sim/polymarket-us-fixture';
import { FAST_STREAM, TestClock, until } from '../support/stream/wait';

const FIX = path.resolve(__dirname, '../fixtures/polymarket-us/stream');
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(FIX, file), 'utf8'));
const keys = (o: unknown): string[] => Object.keys(o as object).sort();
const SLUG = 'aec-nba-nyk-bos-2026-12-08';

describe('the client reads the fixtures and sends them', () => {
  it('schemas: a marketData frame is the whole long book; heartbeat, error and lite frames are told apart', () => {
    const frame = pmusMarketDataFrame.parse(read('market-data.json'));
    expect(frame.requestId).toBe('md-sub-1');
    expect(longLadderOf(frame.marketData)).toEqual({
      asks: [
        { priceMicros: 430_000, sizeCenti: 64_000 },
        { priceMicros: 440_000, sizeCenti: 180_025 }, // 1800.257: finer than 0.01 is floored
      ],
      bids: [
        { priceMicros: 415_000, sizeCenti: 31_250 },
        { priceMicros: 410_000, sizeCenti: 250_000 },
      ],
    });
    expect(payloadOf(read('heartbeat.json'))).toBe('heartbeat');
    expect(payloadOf(read('market-data-lite.json'))).toBe('marketDataLite');
    expect(pmusErrorFrame.parse(read('error.json'))).toEqual({ requestId: 'md-sub-1', error: expect.any(String) });
  });

  it('requests: subscribe and unsubscribe are the documented ones', () => {
    const sub = read('subscribe.json') as { subscribe: { marketSlugs: string[] } };
    expect(JSON.parse(pmusSubscribe('md-sub-1', sub.subscribe.marketSlugs))).toEqual(sub);
    expect(JSON.parse(pmusUnsubscribe('md-sub-1'))).toEqual(read('unsubscribe.json'));
  });
});

/** A scripted venue on 127.0.0.1: records what the client sends, sends what the test says. */
async function scriptedVenue() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const got: Array<Record<string, { requestId?: string; marketSlugs?: string[] }>> = [];
  let socket: WebSocket | null = null;
  server.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (d) => got.push(JSON.parse(String(d))));
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/ws/markets`,
    got,
    send: (frame: unknown) => socket?.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    /** Request id of the last subscribe received. */
    lastSub: () => [...got].reverse().find((r) => r.subscribe)?.subscribe?.requestId,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('the stream fed recorded frames (docs/venues-polymarket-us.md#u-stream)', () => {
  const facts: MarketFacts = {
    marketSlug: SLUG,
    tickMicros: 5_000,
    minSizeCenti: 1,
    stepCenti: 1,
    takerThetaPpm: 69_500,
    tradable: true,
  };
  const longRef: PolymarketUsInstrument = { venue: 'polymarket-us', marketSlug: SLUG, side: 'long' };
  const shortRef: PolymarketUsInstrument = { ...longRef, side: 'short' };
  const base = read('market-data.json') as { marketData: Record<string, unknown> };
  /** The fixture frame for request `rid`, its book bent by `patch`, at `ms` past the fixture's time. */
  const frame = (rid: string, patch: Record<string, unknown> = {}, ms = 0) => ({
    ...base,
    requestId: rid,
    marketData: {
      ...base.marketData,
      transactTime: new Date(Date.parse('2026-12-08T21:14:03.512Z') + ms).toISOString(),
      ...patch,
    },
  });
  const lvl = (px: string, qty: string) => ({ px: { value: px, currency: 'USD' }, qty });

  it('builds both books from the frame, and keeps trust by the stream rules', async () => {
    const venue = await scriptedVenue();
    const clock = new TestClock(Date.parse('2026-12-08T21:14:04Z'));
    const stream = new PolymarketUsBookStream(
      venue.url,
      { sign: () => ({ 'X-PM-Access-Key': 'k' }), marketFacts: async () => facts },
      { ...FAST_STREAM, pingEveryMs: 0 },
      { now: clock.now },
    );
    const problems: StreamProblem[] = [];
    stream.onProblem((p) => problems.push(p));
    const causes = () => problems.map((p) => p.cause);
    try {
      await stream.watch([longRef, shortRef]);
      await until(() => venue.lastSub() === 'book-1', 'subscribe');
      expect(venue.got[0]).toEqual({
        subscribe: { requestId: 'book-1', subscriptionType: 'SUBSCRIPTION_TYPE_MARKET_DATA', marketSlugs: [SLUG] },
      });
      expect(stream.get(longRef)).toMatchObject({ book: null, trusted: false, distrust: 'no-snapshot' });

      // The fixture frame: the long book and its mirror, with the market's facts.
      venue.send(frame('book-1'));
      await until(() => stream.get(longRef).trusted, 'trusted');
      expect(stream.get(longRef).book).toMatchObject({
        asks: [
          { priceMicros: 430_000, sizeCenti: 64_000 },
          { priceMicros: 440_000, sizeCenti: 180_025 },
        ],
        bids: [
          { priceMicros: 415_000, sizeCenti: 31_250 },
          { priceMicros: 410_000, sizeCenti: 250_000 },
        ],
        tickMicros: 5_000,
        observedAtMs: clock.now(),
      });
      expect(stream.get(shortRef).book).toMatchObject({
        asks: [
          { priceMicros: 585_000, sizeCenti: 31_250 },
          { priceMicros: 590_000, sizeCenti: 250_000 },
        ],
        bids: [
          { priceMicros: 570_000, sizeCenti: 64_000 },
          { priceMicros: 560_000, sizeCenti: 180_025 },
        ],
      });

      // Heartbeats vouch for no book; lite frames are reported, never a book; an older book is ignored.
      venue.send(read('heartbeat.json'));
      venue.send({ ...read('market-data-lite.json'), requestId: 'book-1' });
      venue.send(frame('book-1', { offers: [lvl('0.50', '1')] }, -1));
      await until(() => causes().includes('out-of-order'), 'out-of-order');
      expect(causes()).toEqual(['unknown-event:marketDataLite', 'out-of-order']);
      expect(stream.get(longRef)).toMatchObject({ trusted: true, book: { asks: [{ priceMicros: 430_000 }, {}] } });

      // A crossed book: untrusted until a whole book that is not; the watchdog takes the subscription again.
      venue.send(frame('book-1', { bids: [lvl('0.44', '5')] }, 1));
      await until(() => stream.get(longRef).distrust === 'crossed', 'crossed');
      await until(() => venue.lastSub() === 'book-2', 'subscription taken again');
      expect(venue.got.at(-2)).toEqual({ unsubscribe: { requestId: 'book-1' } });
      venue.send(frame('book-1', {}, 2)); // the dropped subscription's frame: ignored
      // Halted: an empty book. Older than the last one, but the first of its subscription: it stands.
      venue.send(frame('book-2', { state: 'MARKET_STATE_HALTED' }, -5));
      await until(() => stream.get(longRef).trusted, 'trusted on the new subscription');
      expect(stream.get(longRef).book).toMatchObject({ asks: [], bids: [] });

      // A level at $1, an unreadable price, a book of a market the subscription does not hold.
      venue.send(frame('book-2', { offers: [lvl('1.00', '5')] }, 4));
      await until(() => stream.get(longRef).distrust === 'malformed', 'malformed');
      await until(() => venue.lastSub() === 'book-3', 'taken again');
      venue.send(frame('book-3', {}, 5));
      await until(() => stream.get(longRef).trusted, 'trusted');
      venue.send(frame('book-3', { marketSlug: 'aec-nba-lal-phx-2026-12-08' }, 6));
      await until(() => causes().includes('unknown-market'), 'unknown market');
      expect(stream.get(longRef).trusted).toBe(true);
      venue.send(frame('book-3', { bids: [lvl('0.4x', '5')] }, 7));
      await until(() => stream.get(longRef).distrust === 'malformed', 'malformed');
      expect(problems.find((p) => p.cause === 'malformed-frame' && /0\.4x/.test(p.message))).toBeDefined();
      await until(() => venue.lastSub() === 'book-4', 'taken again');

      // The venue refuses the subscription: untrusted, asked again only after quietMs.
      venue.send({ ...read('error.json'), requestId: 'book-4' });
      await until(() => causes().includes('subscribe-refused'), 'refused');
      expect(stream.get(longRef)).toMatchObject({ trusted: false, distrust: 'no-snapshot' });
      expect(stream.health().connected).toBe(false);
      await new Promise((r) => setTimeout(r, 50));
      expect(venue.lastSub()).toBe('book-4');
      clock.advance(FAST_STREAM.quietMs);
      await until(() => venue.lastSub() === 'book-5', 'asked again later');
      venue.send(frame('book-5', {}, 8));
      await until(() => stream.get(longRef).trusted && stream.get(shortRef).trusted, 'trusted');

      // A frame that is not JSON: every book waits for a fresh one.
      venue.send('{"marketData": ');
      await until(() => stream.get(longRef).distrust === 'malformed', 'malformed');
      expect(problems.every((p) => p.venue === ('polymarket-us' as unknown))).toBe(true);
    } finally {
      await stream.close();
      await venue.close();
    }
  });
});

interface SdkMarketData {
  marketData: { marketSlug: string; bids: unknown[]; offers: unknown[] };
}

/**
 * The official SDK's `MarketsWebSocket` in a child Node process (it loads `ws` through a dynamic
 * import, which jest's module system does not run), printing what it reads as JSON lines.
 */
function sdkClient(apiUrl: string, keyId: string, secretKey: string, slug: string) {
  const script = `
    const { PolymarketUS } = require('polymarket-us');
    const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
    const e = process.env;
    const ws = new PolymarketUS({ keyId: e.SDK_KEY_ID, secretKey: e.SDK_SECRET, apiBaseUrl: e.SDK_API }).ws.markets();
    ws.on('marketData', (m) => out({ kind: 'marketData', m }));
    ws.on('error', (err) => out({ kind: 'error', message: String(err && err.message) }));
    process.stdin.on('data', (d) => { if (String(d).includes('unsubscribe')) ws.unsubscribe('sdk-1'); });
    ws.connect()
      .then(() => { out({ kind: 'open' }); ws.subscribeMarketData('sdk-1', [e.SDK_SLUG]); })
      .catch((err) => out({ kind: 'failed', message: String(err && err.message) }));
  `;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, SDK_API: apiUrl, SDK_KEY_ID: keyId, SDK_SECRET: secretKey, SDK_SLUG: slug },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Array<{ kind: string; m?: unknown; message?: string }> = [];
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString('utf8');
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      lines.push(JSON.parse(buffer.slice(0, i)));
      buffer = buffer.slice(i + 1);
    }
  });
  return { lines, say: (text: string) => child.stdin.write(`${text}\n`), stop: () => child.kill() };
}

describe('the simulator answers in the same shapes', () => {
  it('marketData, error and heartbeat frames carry the fixtures’ fields; the cap and bad requests are refused', async () => {
    const clock = new ManualClock(Date.parse('2026-11-25T22:00:00Z'));
    const sim = await startPolymarketUsSim({ clock, realNow: Date.now, wsHeartbeatEveryMs: 20 });
    const key = newPmusKey();
    sim.control.registerAccount({ keyId: key.keyId, publicKeyBase64: key.publicKeyBase64, buyingPowerMicros: 0 });
    sim.control.addMarket(LAL_BOS);
    sim.control.setBook(LAL_BOS.slug, {
      bids: [{ priceMicros: 410_000, sizeCenti: 250_000 }],
      offers: [{ priceMicros: 430_000, sizeCenti: 64_000 }],
    });
    const ws = new WebSocket(sim.wsUrl, {
      headers: pmusAuthHeaders(key.keyId, key.secretKey, 'GET', '/v1/ws/markets', Date.now()),
    });
    const got: Array<Record<string, unknown>> = [];
    ws.on('message', (d) => got.push(JSON.parse(String(d))));
    try {
      await new Promise((r) => ws.once('open', r));
      const sub = read('subscribe.json') as { subscribe: { marketSlugs: string[] } };
      ws.send(
        JSON.stringify({ subscribe: { ...sub.subscribe, marketSlugs: [LAL_BOS.slug, 'aec-nba-xxx-yyy-2026-11-25'] } }),
      );
      ws.send(
        pmusSubscribe(
          'too-many',
          Array.from({ length: 101 }, (_, i) => `aec-nba-t${i}-bos-2026-11-25`),
        ),
      );
      ws.send(
        JSON.stringify({
          subscribe: {
            requestId: 'lite',
            subscriptionType: 'SUBSCRIPTION_TYPE_MARKET_DATA_LITE',
            marketSlugs: [LAL_BOS.slug],
          },
        }),
      );
      ws.send(pmusSubscribe('md-sub-1', [LAL_BOS.slug]));
      ws.send(pmusUnsubscribe('nope'));
      ws.send('not json');
      await until(() => got.filter((f) => 'error' in f).length >= 5 && got.some((f) => 'heartbeat' in f), 'answers');
      const data = got.filter((f) => 'marketData' in f);
      expect(data).toHaveLength(1); // one per known market; the unknown slug gets nothing
      const fixture = read('market-data.json') as { marketData: { bids: Array<{ px: unknown }> } };
      const frame = data[0] as { marketData: { bids: Array<{ px: unknown }> } };
      expect(keys(frame)).toEqual(keys(fixture));
      expect(keys(frame.marketData)).toEqual(keys(fixture.marketData));
      expect(keys(frame.marketData.bids[0])).toEqual(keys(fixture.marketData.bids[0]));
      expect(keys(frame.marketData.bids[0]?.px)).toEqual(keys(fixture.marketData.bids[0]?.px));
      expect(longLadderOf(pmusMarketDataFrame.parse(frame).marketData)).toMatchObject({
        asks: [{ priceMicros: 430_000, sizeCenti: 64_000 }],
        bids: [{ priceMicros: 410_000, sizeCenti: 250_000 }],
      });
      const errors = got.filter((f) => 'error' in f);
      for (const e of errors.filter((f) => 'requestId' in f)) expect(keys(e)).toEqual(keys(read('error.json')));
      expect(errors.map((e) => e.requestId ?? null)).toEqual(['too-many', 'lite', 'md-sub-1', 'nope', null]);
      expect(got.find((f) => 'heartbeat' in f)).toEqual(read('heartbeat.json'));
    } finally {
      ws.close();
      await sim.close();
    }
  });

  it('the official SDK connects (its own signature), subscribes and reads the simulator’s books', async () => {
    const sim = await startPolymarketUsSim({ realNow: Date.now, wsHeartbeatEveryMs: 0 });
    const key = newPmusKey();
    sim.control.registerAccount({ keyId: key.keyId, publicKeyBase64: key.publicKeyBase64, buyingPowerMicros: 0 });
    sim.control.addMarket(LAL_BOS);
    sim.control.setBook(LAL_BOS.slug, { bids: [{ priceMicros: 450_000, sizeCenti: 1_000 }], offers: [] });
    const right = sdkClient(sim.apiUrl, key.keyId, key.secretKey, LAL_BOS.slug);
    const wrong = sdkClient(sim.apiUrl, key.keyId, newPmusKey().secretKey, LAL_BOS.slug);
    try {
      await until(() => right.lines.filter((l) => l.kind === 'marketData').length === 1, 'first book', 4_000);
      sim.control.setBook(LAL_BOS.slug, { bids: [], offers: [{ priceMicros: 470_000, sizeCenti: 500 }] });
      await until(() => right.lines.filter((l) => l.kind === 'marketData').length === 2, 'changed book');
      right.say('unsubscribe');
      await until(() => sim.feed.subscriptions().length === 0, 'unsubscribed');
      sim.control.setBook(LAL_BOS.slug, { bids: [], offers: [] });
      await until(() => wrong.lines.some((l) => l.kind === 'failed'), 'the wrong key refused', 4_000);
      const books = right.lines.filter((l) => l.kind === 'marketData').map((l) => l.m as SdkMarketData);
      expect(books.map((b) => [b.marketData.marketSlug, b.marketData.bids.length, b.marketData.offers.length])).toEqual(
        [
          [LAL_BOS.slug, 1, 0],
          [LAL_BOS.slug, 0, 1],
        ],
      );
      expect(right.lines.filter((l) => l.kind === 'error' || l.kind === 'failed')).toEqual([]);
    } finally {
      right.stop();
      wrong.stop();
      await sim.close();
    }
  });
});
