/**
 * Bad venue answers: every response the two clients parse, replaced by arbitrary JSON or by a
 * real simulator answer with one part broken. Answers are recorded once from the simulators
 * through the clients' injectable fetch, then replayed with one response fuzzed. Whatever
 * arrives, a client call either returns values with finite numbers and integer exact units,
 * or fails with a typed VenueError (BadResponse and friends): never a TypeError, never NaN.
 */
import fc from 'fast-check';
import type { InstrumentRef } from '../../lib/core/market';
import { type Venue, VenueError } from '../../lib/engine/ports';
import type { FetchFn } from '../../lib/venues/http';
import { setArbBooks } from '../support/engine/engine-fixture';
import { kalshiTicker, LAL_BOS, type SimWorld, startSimWorld } from '../support/engine/sim-world';
import { arbitraryJsonText, badNumbers, mutatedText } from './json-mutations';
import { knownClients, registerKnownAccounts } from './known-secrets';

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);

interface Recorded {
  readonly status: number;
  readonly text: string;
}

const keyOf = (url: string, method: string | undefined) =>
  `${(method ?? 'GET').toUpperCase()} ${new URL(url).pathname}`;

const K_BOS: InstrumentRef = { venue: 'kalshi', ticker: kalshiTicker(LAL_BOS, 'home'), side: 'yes' };
const PM_LAL: InstrumentRef = { venue: 'polymarket', conditionId: LAL_BOS.conditionId, tokenId: LAL_BOS.away.tokenId };

type Op = {
  readonly name: string;
  readonly venue: 'kalshi' | 'polymarket';
  readonly run: (v: Venue) => Promise<unknown>;
};
const OPS: readonly Op[] = [
  { name: 'listGames', venue: 'kalshi', run: (v) => v.listGames(['NBA']) },
  { name: 'getBooks', venue: 'kalshi', run: (v) => v.getBooks([K_BOS, { ...K_BOS, side: 'no' }]) },
  { name: 'getResolution', venue: 'kalshi', run: (v) => v.getResolution(K_BOS) },
  { name: 'getBalance', venue: 'kalshi', run: (v) => v.getBalance() },
  { name: 'getPositions', venue: 'kalshi', run: (v) => v.getPositions() },
  {
    name: 'placeOrder',
    venue: 'kalshi',
    run: (v) =>
      v.placeOrder({
        clientOrderId: 'fuzz-k-1',
        instrument: K_BOS,
        side: 'buy',
        priceMicros: 500_000,
        sizeCenti: 100,
        tif: 'FOK',
      }),
  },
  { name: 'getOrder', venue: 'kalshi', run: (v) => v.getOrder({ clientOrderId: 'fuzz-k-1', instrument: K_BOS }) },
  { name: 'listGames', venue: 'polymarket', run: (v) => v.listGames(['NBA']) },
  { name: 'getBooks', venue: 'polymarket', run: (v) => v.getBooks([PM_LAL]) },
  { name: 'getResolution', venue: 'polymarket', run: (v) => v.getResolution(PM_LAL) },
  { name: 'getBalance', venue: 'polymarket', run: (v) => v.getBalance() },
  { name: 'getPositions', venue: 'polymarket', run: (v) => v.getPositions() },
  {
    name: 'placeOrder',
    venue: 'polymarket',
    run: (v) =>
      v.placeOrder({
        clientOrderId: 'fuzz-p-1',
        instrument: PM_LAL,
        side: 'buy',
        priceMicros: 450_000,
        sizeCenti: 100,
        tif: 'FOK',
      }),
  },
];

let world: SimWorld;
/** Per operation: the answers it got from the simulators, in order, by `METHOD /path`. */
const recordings = new Map<Op, Map<string, Recorded>>();

beforeAll(async () => {
  world = await startSimWorld();
  world.addGame(LAL_BOS);
  setArbBooks(world);
  registerKnownAccounts(world);
  for (const op of OPS) {
    const seen = new Map<string, Recorded>();
    const recording: FetchFn = async (url, init) => {
      const res = await fetch(url, init);
      const text = await res.text();
      seen.set(keyOf(url, init.method), { status: res.status, text });
      return new Response(text, { status: res.status, headers: res.headers });
    };
    // Venues keep caches (ticks, market info), so each operation starts from a fresh client.
    await op.run(knownClients(world, recording)[op.venue]).catch(() => undefined);
    recordings.set(op, seen);
  }
}, 60_000);
afterAll(() => world.close());

function replaying(recorded: Map<string, Recorded>, target: string, body: string): FetchFn {
  return async (url, init) => {
    const key = keyOf(url, init.method);
    const r = key === target ? { status: 200, text: body } : recorded.get(key);
    if (!r)
      return new Response('{"error":"not recorded"}', { status: 404, headers: { 'content-type': 'application/json' } });
    return new Response(r.text, { status: r.status, headers: { 'content-type': 'application/json' } });
  };
}

/** The outcome of one call under a fuzzed answer, as a list of problems (empty = fine). */
async function problems(op: Op, fetchFn: FetchFn): Promise<string[]> {
  try {
    const value = await op.run(knownClients(world, fetchFn)[op.venue]);
    return badNumbers(value);
  } catch (err) {
    return err instanceof VenueError
      ? []
      : [`untyped ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`];
  }
}

describe('venue clients under fuzzed answers', () => {
  it('recorded a real answer for every operation', () => {
    for (const op of OPS) expect([op.venue, op.name, recordings.get(op)!.size]).not.toEqual([op.venue, op.name, 0]);
  });

  const targets = () => OPS.flatMap((op) => [...recordings.get(op)!.keys()].map((target) => ({ op, target })));

  it('never crash or produce NaN on arbitrary JSON, for every response they parse', async () => {
    for (const { op, target } of targets()) {
      await fc.assert(
        fc.asyncProperty(arbitraryJsonText, async (body) => {
          expect([
            `${op.venue}.${op.name} ← ${target}`,
            await problems(op, replaying(recordings.get(op)!, target, body)),
          ]).toEqual([`${op.venue}.${op.name} ← ${target}`, []]);
        }),
        { numRuns: RUNS, seed: 42 },
      );
    }
  }, 60_000);

  it('never crash or produce NaN on a real answer with one part broken', async () => {
    for (const { op, target } of targets()) {
      const valid = recordings.get(op)!.get(target)!.text;
      await fc.assert(
        fc.asyncProperty(mutatedText(valid), async (body) => {
          expect([
            `${op.venue}.${op.name} ← ${target}`,
            await problems(op, replaying(recordings.get(op)!, target, body)),
          ]).toEqual([`${op.venue}.${op.name} ← ${target}`, []]);
        }),
        { numRuns: RUNS * 2, seed: 7 },
      );
    }
  }, 60_000);
});
