/**
 * Bad venue answers for the Polymarket US client (the Polymarket and Kalshi clients have theirs in
 * fuzz-venues.test.ts): every response it parses, replaced by arbitrary JSON or by a real simulator
 * answer with one part broken. Answers are recorded once from the simulator through the client's
 * injectable fetch, then replayed with one response fuzzed. Whatever arrives, a call either
 * returns values with finite numbers and integer exact units, or fails with a typed VenueError
 * (BadResponse and friends): never a TypeError, never NaN.
 */
import fc from 'fast-check';
import { VenueError } from '../../lib/engine/ports';
import type { FetchFn } from '../../lib/venues/http';
import type { PolymarketUsInstrument, PolymarketUsVenue } from '../../lib/venues/polymarket-us';
import {
  LAL_BOS,
  LAL_BOS_SLUG,
  type PmusWorld,
  recordingFetch,
  startPmusWorld,
} from '../support/sim/polymarket-us-fixture';
import { arbitraryJsonText, badNumbers, mutatedText } from './json-mutations';

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);

interface Recorded {
  readonly status: number;
  readonly text: string;
}

const RESOLVED_SLUG = 'aec-nba-mia-nyk-2026-11-25';
const LONG: PolymarketUsInstrument = { venue: 'polymarket-us', marketSlug: LAL_BOS_SLUG, side: 'long' };
const SHORT: PolymarketUsInstrument = { ...LONG, side: 'short' };
const RESOLVED: PolymarketUsInstrument = { venue: 'polymarket-us', marketSlug: RESOLVED_SLUG, side: 'long' };

type Op = { readonly name: string; readonly run: (v: PolymarketUsVenue) => Promise<unknown> };
const OPS: readonly Op[] = [
  { name: 'listGames', run: (v) => v.listGames(['NBA']) },
  { name: 'getBooks', run: (v) => v.getBooks([LONG, SHORT]) },
  { name: 'getResolution', run: (v) => v.getResolution(RESOLVED) },
  { name: 'getBalance', run: (v) => v.getBalance() },
  { name: 'getPositions', run: (v) => v.getPositions() },
  {
    name: 'placeOrder',
    run: (v) =>
      v.placeOrder({
        clientOrderId: 'fuzz-u-1',
        instrument: LONG,
        side: 'buy',
        priceMicros: 460_000,
        sizeCenti: 100,
        tif: 'FOK',
      }),
  },
  { name: 'getOrder', run: (v) => v.getOrder({ venueOrderId: orderId }) },
];

let world: PmusWorld;
let orderId = '';
const recordings = new Map<Op, Map<string, Recorded>>();
const keyOf = (url: string, method: string | undefined) =>
  `${(method ?? 'GET').toUpperCase()} ${new URL(url).pathname}`;

beforeAll(async () => {
  world = await startPmusWorld({ realNow: Date.now });
  world.sim.control.addMarket(LAL_BOS);
  world.sim.control.addMarket({ ...LAL_BOS, slug: RESOLVED_SLUG, title: 'Heat vs. Knicks' });
  world.sim.control.resolve(RESOLVED_SLUG, 1_000_000);
  world.sim.control.setBook(LAL_BOS_SLUG, {
    bids: [{ priceMicros: 440_000, sizeCenti: 1_000_000 }],
    offers: [{ priceMicros: 460_000, sizeCenti: 1_000_000 }],
  });
  const first = await world.client({}, { clock: { now: Date.now, sleep: async () => {} } }).placeOrder({
    clientOrderId: 'seed',
    instrument: LONG,
    side: 'buy',
    priceMicros: 460_000,
    sizeCenti: 100,
    tif: 'FOK',
  });
  orderId = first.venueOrderId ?? '';
  for (const op of OPS) {
    const seen = new Map<string, Recorded>();
    // Clients keep caches (market facts), so each operation starts from a fresh client.
    await op.run(fresh(recordingFetch(seen))).catch(() => undefined);
    recordings.set(op, seen);
  }
}, 60_000);
afterAll(() => world.close());

function fresh(fetchFn: FetchFn): PolymarketUsVenue {
  return world.client(
    { lookupAttempts: 1, lookupDelayMs: 0, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } },
    { fetch: fetchFn, clock: { now: Date.now, sleep: async () => {} } },
  );
}

function replaying(recorded: Map<string, Recorded>, target: string, body: string): FetchFn {
  return async (url, init) => {
    const key = keyOf(url, init.method);
    const r = key === target ? { status: 200, text: body } : recorded.get(key);
    if (!r) return new Response('{"code":5,"message":"not recorded"}', { status: 404 });
    return new Response(r.text, { status: r.status, headers: { 'content-type': 'application/json' } });
  };
}

async function problems(op: Op, fetchFn: FetchFn): Promise<string[]> {
  try {
    return badNumbers(await op.run(fresh(fetchFn)));
  } catch (err) {
    return err instanceof VenueError
      ? []
      : [`untyped ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`];
  }
}

describe('the Polymarket US client under fuzzed answers', () => {
  const targets = () => OPS.flatMap((op) => [...recordings.get(op)!.keys()].map((target) => ({ op, target })));

  it('recorded a real answer for every operation', () => {
    expect(orderId).not.toBe('');
    for (const op of OPS) expect([op.name, recordings.get(op)!.size]).not.toEqual([op.name, 0]);
    // league events; market + book; market + settlement; balances; positions; market + order; order + market
    expect(targets().length).toBeGreaterThanOrEqual(11);
  });

  it('never crashes or produces NaN on arbitrary JSON, for every response it parses', async () => {
    for (const { op, target } of targets()) {
      await fc.assert(
        fc.asyncProperty(arbitraryJsonText, async (body) => {
          expect([`${op.name} ← ${target}`, await problems(op, replaying(recordings.get(op)!, target, body))]).toEqual([
            `${op.name} ← ${target}`,
            [],
          ]);
        }),
        { numRuns: RUNS, seed: 42 },
      );
    }
  }, 60_000);

  it('never crashes or produces NaN on a real answer with one part broken', async () => {
    for (const { op, target } of targets()) {
      const valid = recordings.get(op)!.get(target)!.text;
      await fc.assert(
        fc.asyncProperty(mutatedText(valid), async (body) => {
          expect([`${op.name} ← ${target}`, await problems(op, replaying(recordings.get(op)!, target, body))]).toEqual([
            `${op.name} ← ${target}`,
            [],
          ]);
        }),
        { numRuns: RUNS * 2, seed: 7 },
      );
    }
  }, 60_000);
});
