/**
 * The stream fault matrix: each fault of the simulators' WebSocket feeds (local/sim/stream/
 * feed-faults.ts) on each venue's feed, under a streamed scan (StreamScan) whose books come from
 * the REAL stream clients, stepped deterministically (./stream-rig.ts: frames written, read, then
 * `run.step()`). Every row:
 *
 * 1. the edge appears on the faulted venue's book and the stream shows it (no step: it flashed);
 * 2. it goes away under the fault, so the stream's view is an edge the venue no longer has: the
 *    book must be untrusted (or re-read) and NOTHING is admitted on it, however often we step;
 * 3. the stream says why (each cause in the error log, once) and recovers by the path its client
 *    is built for (resnapshot, resubscribe, or recycle and reconnect) to the venue's exact book;
 * 4. the edge comes back: it is traded on trusted books equal to the venue's, at the venue's depth;
 * 5. after a healthy reconcile the ledger, bets and venue positions agree (invariants.ts).
 *
 * Duplicates never make a view wrong on these clients (Kalshi drops them by `seq`, Polymarket
 * sizes are absolute); their rows trade at once and prove the size is the venue's real depth.
 *
 * On Kalshi × Polymarket US (test/support/engine/pairs.ts) the Polymarket slot streams Polymarket
 * US's whole-book frames; its rows are the faults whose path does not depend on Polymarket's
 * price_change protocol (all but gap and reorder), and every Kalshi row runs with it as the other leg.
 */
import type { BetRecord } from '../../lib/core/bet';
import { instrumentKey, type PairVenue } from '../../lib/core/market';
import { reconcile, type StreamDecision, type StreamDistrust, StreamScan } from '../../lib/engine';
import { ManualTimers } from '../../lib/venues/stream';
import { type FeedFaultInput, feedFaultSchema } from '../../local/sim/stream';
import { useDynalite } from '../support/dynalite';
import { type EngineHarness, engineHarness } from '../support/engine/engine-fixture';
import { pairInstruments } from '../support/engine/fake-stream';
import { allBets, CLEAN, discrepancies, snapshotVenues } from '../support/engine/invariants';
import { itFull, PAIR, rowsFor } from '../support/engine/pairs';
import { LAL_BOS, type SimWorld, startSimWorld } from '../support/engine/sim-world';
import {
  EDGE_ASK,
  edgeInstrument,
  holdCommands,
  NO_EDGE_ASK,
  RIG_TUNING,
  StreamRig,
  setMatrixBooks,
  VENUES,
} from './stream-rig';

const GAME = LAL_BOS;
const LEDGER = 1_000_000_000;
/** Engine side: the fallback polls what no stream vouches for every 2 s (maxBookAgeMs is 3 s). */
const FALLBACK_POLL_MS = 2_000;
/** Real time a stalled feed holds its frames: far longer than the steps taken inside the stall. */
const STALL_MS = 800;

const db = useDynalite();
const timers = new ManualTimers();
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld({ stream: RIG_TUNING, streamTimers: timers, pair: PAIR });
  world.addGame(GAME);
});
afterAll(() => world.close());
beforeEach(() => {
  world.kalshiSim.feed.hub.faults.clear();
  world.pm.feedHub.faults.clear();
});

/**
 * How a fault breaks the edge's removal, and how the client gets out of it:
 * - `held`: the client sees the fault on reading it (gap, reorder, malformed) and asks for fresh
 *   snapshots at once; the simulator holds that request (holdCommands) so the engine steps inside
 *   the window, then answers it: recovery by resnapshot / resubscribe, same connection.
 * - `frozen`: nothing more comes, heartbeats still answered; only time tells (stale), then the
 *   asked-for snapshots never come and the connection is recycled: recovery by reconnect.
 * - `dropped`: the connection closes instead of sending the removal: recovery by reconnect.
 * - `stalled`: everything comes late (slow consumer) past the staleness bound, then all of it:
 *   recovery by the snapshots asked for meanwhile, same connection.
 * - `duplicated`: frames of the edge's appearance come twice; the view must stay the venue's.
 */
type Script = 'held' | 'frozen' | 'dropped' | 'stalled' | 'duplicated';

interface Row {
  readonly name: string;
  readonly venue: PairVenue;
  readonly script: Script;
  readonly fault: FeedFaultInput;
  /** Causes the faulted stream reports (and the engine records). */
  readonly causes: readonly string[];
  /** Why the stale edge is untrusted while the view is wrong. */
  readonly distrust?: StreamDistrust;
  /** Polymarket has no sequence numbers: a lost or late frame shows only on the book's next message. */
  readonly followUp?: boolean;
  /** Connections opened again by the recovery. */
  readonly reconnects: number;
}

const ROWS: readonly Row[] = [
  {
    name: 'gap: a lost delta breaks the seq, resubscribed',
    venue: 'kalshi',
    script: 'held',
    fault: { kind: 'gap' },
    causes: ['seq-gap'],
    distrust: 'gap',
    reconnects: 0,
  },
  {
    name: "gap: a lost price_change, caught by the next one's best bid/ask, resnapshot",
    venue: 'polymarket',
    script: 'held',
    fault: { kind: 'gap' },
    followUp: true,
    causes: ['book-mismatch'],
    distrust: 'gap',
    reconnects: 0,
  },
  {
    name: 'freeze with PONG still answered: stale, then recycled',
    venue: 'polymarket',
    script: 'frozen',
    fault: { kind: 'freeze' },
    causes: ['frozen', 'snapshot-timeout', 'disconnected'],
    distrust: 'stale',
    reconnects: 1,
  },
  {
    name: 'freeze with protocol Pings still answered: stale, then recycled',
    venue: 'kalshi',
    script: 'frozen',
    fault: { kind: 'freeze' },
    causes: ['frozen', 'snapshot-timeout', 'disconnected'],
    distrust: 'stale',
    reconnects: 1,
  },
  {
    name: 'out of order: a later seq first is a gap, resubscribed',
    venue: 'kalshi',
    script: 'held',
    fault: { kind: 'reorder' },
    causes: ['seq-gap'],
    distrust: 'gap',
    reconnects: 0,
  },
  {
    name: 'out of order: the newer price_change first disagrees with the book, resnapshot',
    venue: 'polymarket',
    script: 'held',
    fault: { kind: 'reorder' },
    followUp: true,
    causes: ['book-mismatch'],
    distrust: 'gap',
    reconnects: 0,
  },
  {
    name: 'duplicate: dropped by seq, the depth stays the venue’s',
    venue: 'kalshi',
    // The edge's appearance is two deltas, the removal of the old ask then the new ask: the
    // second comes twice (applied twice, the book would show double the venue's depth).
    script: 'duplicated',
    fault: { kind: 'duplicate', skip: 1, times: 1 },
    causes: ['duplicate'],
    reconnects: 0,
  },
  {
    name: 'duplicate: absolute sizes, harmless, nothing to report',
    venue: 'polymarket',
    script: 'duplicated',
    fault: { kind: 'duplicate', times: 1 },
    causes: [],
    reconnects: 0,
  },
  {
    name: 'malformed frame: every book of the sid waits, resubscribed',
    venue: 'kalshi',
    script: 'held',
    fault: { kind: 'malformed' },
    causes: ['malformed-frame'],
    distrust: 'malformed',
    reconnects: 0,
  },
  {
    name: 'malformed frame: every book of the connection waits, resnapshot',
    venue: 'polymarket',
    script: 'held',
    fault: { kind: 'malformed' },
    causes: ['malformed-frame'],
    distrust: 'malformed',
    reconnects: 0,
  },
  {
    name: 'drop: disconnected, reconnected after the backoff',
    venue: 'kalshi',
    script: 'dropped',
    fault: { kind: 'drop' },
    causes: ['disconnected'],
    distrust: 'disconnected',
    reconnects: 1,
  },
  {
    name: 'drop: disconnected, reconnected after the backoff',
    venue: 'polymarket',
    script: 'dropped',
    fault: { kind: 'drop' },
    causes: ['disconnected'],
    distrust: 'disconnected',
    reconnects: 1,
  },
  {
    name: 'slow consumer: stalled past the staleness bound, then snapshots',
    venue: 'kalshi',
    script: 'stalled',
    fault: { kind: 'stall', ms: STALL_MS },
    causes: ['frozen'],
    distrust: 'stale',
    reconnects: 0,
  },
  {
    name: 'slow consumer: stalled past the staleness bound, then snapshots',
    venue: 'polymarket',
    script: 'stalled',
    fault: { kind: 'stall', ms: STALL_MS },
    causes: ['frozen'],
    distrust: 'stale',
    reconnects: 0,
  },
];

const other = (venue: PairVenue): PairVenue => (venue === 'kalshi' ? 'polymarket' : 'kalshi');
/** The exchange in a slot (what legs and recorded errors name). */
const exchangeOf = (venue: PairVenue) => (venue === 'kalshi' ? 'kalshi' : world.pm.venue);

interface Ctx {
  readonly row: Row;
  readonly h: EngineHarness;
  readonly rig: StreamRig;
  readonly run: StreamScan;
  /** Every decision about the game so far. */
  readonly decisions: StreamDecision[];
}

/** The faulted venue's edge ask on (or off), the other venue's always on; the faulted venue is shallower. */
function books(venue: PairVenue, edge: boolean, awayBidMicros?: number): void {
  const ask = { ...EDGE_ASK, [venue]: edge ? EDGE_ASK[venue] : NO_EDGE_ASK[venue] };
  const depth = { polymarket: 10_000, kalshi: 10_000, [venue]: 4_000 };
  setMatrixBooks(world, GAME, { ask, depth, ...(awayBidMicros ? { awayBidMicros } : {}) });
}

async function stepOnce(ctx: Ctx): Promise<StreamDecision[]> {
  const decided = await ctx.run.step();
  ctx.decisions.push(...decided);
  return decided;
}

async function bets(ctx: Ctx): Promise<BetRecord[]> {
  return allBets(ctx.h.store, 'live');
}

/** The stream's book of the edge instrument: untrusted, for `distrust`, still showing the edge. */
function expectStaleEdge(ctx: Ctx, trusted: boolean): void {
  const view = ctx.rig.view(edgeInstrument(GAME, ctx.row.venue, PAIR));
  expect({ trusted: view.trusted, distrust: view.distrust, bestAsk: view.book?.asks[0]?.priceMicros }).toEqual({
    trusted,
    distrust: trusted ? null : ctx.row.distrust,
    bestAsk: EDGE_ASK[ctx.row.venue],
  });
}

/** Every book of the game trusted and equal to what the venue's REST API answers now. */
async function expectStreamsAreTheVenues(ctx: Ctx): Promise<void> {
  const ids = pairInstruments(GAME, PAIR);
  const rest = new Map([
    ...(await world.polymarket.getBooks(ids.polymarket)),
    ...(await world.kalshi.getBooks(ids.kalshi)),
  ]);
  for (const i of [...ids.polymarket, ...ids.kalshi]) {
    const key = instrumentKey(i);
    const view = ctx.rig.view(i);
    expect({ key, trusted: view.trusted, book: { ...view.book, observedAtMs: 0 } }).toEqual({
      key,
      trusted: true,
      book: { ...rest.get(key), observedAtMs: 0 },
    });
  }
}

/**
 * One second at a time: the healthy feeds (`settle`) keep up and, when `step`, the engine steps
 * and admits nothing.
 */
async function pass(
  ctx: Ctx,
  until: () => boolean,
  settle: readonly PairVenue[],
  what: string,
  step: boolean,
): Promise<void> {
  for (let s = 0; !until(); s += 1) {
    if (s > 20) throw new Error(`still waiting for ${what} after ${s} s`);
    ctx.rig.tick(1_000);
    await ctx.rig.settle(settle);
    if (!step) continue;
    await stepOnce(ctx);
    expect(await bets(ctx)).toEqual([]);
  }
}

/**
 * A feed that goes silent (or lags) cannot be told from a quiet market until time passes, and a
 * book younger than the planner's `maxBookAgeMs` is planned as it is: the accepted bound
 * (docs/engine.md#streaming). The engine is stepped only once the silence is older than that.
 */
async function silenceOlderThanBookAge(ctx: Ctx, settle: readonly PairVenue[]): Promise<void> {
  const from = world.clock.now();
  const maxAgeMs = ctx.h.deps.config.risk.maxBookAgeMs;
  await pass(ctx, () => world.clock.now() - from > maxAgeMs, settle, 'the book age bound', false);
}

/** Breaks the edge's removal by the row's script, steps inside the window, recovers. */
const BREAK: Record<Exclude<Script, 'duplicated'>, (ctx: Ctx) => Promise<void>> = {
  async held(ctx) {
    const { row, rig } = ctx;
    const release = holdCommands(rig.hub(row.venue));
    rig.hub(row.venue).faults.add(row.fault);
    books(row.venue, false);
    if (row.followUp) {
      rig.tick(1_000); // a later venue timestamp
      books(row.venue, false, 430_000);
    }
    await rig.settle();
    // Inside the window (the fresh snapshots asked for are held): the fallback reads the venue.
    rig.tick(FALLBACK_POLL_MS);
    expect(await stepOnce(ctx)).toEqual([expect.objectContaining({ outcome: 'no-plan', polled: true })]);
    expect(await bets(ctx)).toEqual([]);
    expect(rig.causes(row.venue)).toEqual(expect.arrayContaining([...row.causes]));
    expectStaleEdge(ctx, false);
    release();
    await rig.settle();
  },

  async frozen(ctx) {
    const { row, rig } = ctx;
    rig.hub(row.venue).faults.add(row.fault);
    books(row.venue, false);
    await rig.settle(); // the heartbeat's answer comes through the freeze
    expect(rig.hub(row.venue).stats().withheld).toBeGreaterThan(0);
    // Nothing can tell a silent feed yet: the wrong view is still trusted, for now.
    expectStaleEdge(ctx, true);
    const edge = edgeInstrument(GAME, row.venue, PAIR);
    await silenceOlderThanBookAge(ctx, VENUES);
    await pass(ctx, () => rig.view(edge).distrust === 'stale', VENUES, 'the frozen book to be stale', true);
    expect(rig.causes(row.venue)).toContain('frozen');
    expectStaleEdge(ctx, false);
    // The feed thaws, but the snapshots asked for were lost: recycled, reconnected.
    rig.hub(row.venue).faults.clear();
    await pass(ctx, () => rig.causes(row.venue).includes('disconnected'), VENUES, 'the recycle', true);
    rig.tick(RIG_TUNING.backoffMaxMs);
    await rig.trustedAgain('trusted after the reconnect');
  },

  async dropped(ctx) {
    const { row, rig } = ctx;
    rig.hub(row.venue).faults.add(row.fault);
    books(row.venue, false);
    await rig.reported(row.venue, 'disconnected');
    // Engine time only: the reconnect waits for its backoff timer, so the step is inside the outage.
    world.clock.advance(FALLBACK_POLL_MS);
    expect(await stepOnce(ctx)).toEqual([expect.objectContaining({ outcome: 'no-plan', polled: true })]);
    expect(await bets(ctx)).toEqual([]);
    expectStaleEdge(ctx, false);
    rig.tick(RIG_TUNING.backoffMaxMs);
    await rig.trustedAgain('trusted after the reconnect');
  },

  async stalled(ctx) {
    const { row, rig } = ctx;
    const hub = rig.hub(row.venue);
    hub.faults.add(row.fault);
    books(row.venue, false);
    expect(hub.stats().pending).toBeGreaterThan(0);
    const edge = edgeInstrument(GAME, row.venue, PAIR);
    await silenceOlderThanBookAge(ctx, [other(row.venue)]);
    await pass(
      ctx,
      () => rig.view(edge).distrust === 'stale',
      [other(row.venue)],
      'the lagging book to be stale',
      true,
    );
    expect(rig.causes(row.venue)).toContain('frozen');
    expectStaleEdge(ctx, false);
    // Every step above was taken while the stall still held the removal.
    expect(hub.stats().pending).toBeGreaterThan(0);
    await rig.settle(); // the stall ends: the late frames, then the snapshots asked for meanwhile
  },
};

async function runRow(row: Row): Promise<void> {
  const h = await engineHarness(db(), world, {
    mode: 'live',
    ledgerMicros: LEDGER,
    config: { marketData: 'stream', stream: { fallbackPollMs: FALLBACK_POLL_MS } },
  });
  const rig = new StreamRig(world, timers, GAME);
  books(row.venue, false);
  const before = snapshotVenues(world);
  const eventId = `sf-${row.venue}-${row.script}-${row.fault.kind}`;
  const run = await StreamScan.open({ ...h.deps, bookStreams: rig.sources() }, h.state, { eventId });
  const ctx: Ctx = { row, h, rig, run, decisions: [] };
  let report: Awaited<ReturnType<StreamScan['close']>>;
  try {
    await rig.trustedAgain('every book trusted after the first snapshots');
    // The takeover sweep: no edge yet.
    expect(await stepOnce(ctx)).toEqual([expect.objectContaining({ outcome: 'no-plan', polled: false })]);

    if (row.script === 'duplicated') {
      rig.hub(row.venue).faults.add(row.fault);
      books(row.venue, true);
      await rig.settle();
      await expectStreamsAreTheVenues(ctx);
      rig.hub(row.venue).faults.clear();
    } else {
      // 1. The edge flashes on the faulted venue; the stream shows it, trusted.
      books(row.venue, true);
      await rig.settle();
      await expectStreamsAreTheVenues(ctx);
      // 2. It goes away under the fault; never admitted on the stream's stale view.
      await BREAK[row.script](ctx);
      expect(await bets(ctx)).toEqual([]);
      // 3. Recovered to the venue's exact book, and planned on it (no edge there now).
      await expectStreamsAreTheVenues(ctx);
      expect(await stepOnce(ctx)).toEqual([expect.objectContaining({ outcome: 'no-plan', polled: false })]);
      expect(await bets(ctx)).toEqual([]);
      // 4. The edge is really back.
      books(row.venue, true);
      await rig.settle();
      await expectStreamsAreTheVenues(ctx);
    }
    expect(await stepOnce(ctx)).toEqual([
      expect.objectContaining({ outcome: 'traded', status: 'open', polled: false }),
    ]);
    const [bet, ...more] = await bets(ctx);
    expect(more).toEqual([]);
    // At the venue's prices and depth (the faulted venue's 40 shares), both legs filled.
    expect(bet!.legs.map((l) => [l.venue, l.limitPriceMicros, l.sizeCenti, l.filledCenti])).toEqual(
      expect.arrayContaining([
        ['kalshi', EDGE_ASK.kalshi, 4_000, 4_000],
        [world.pm.venue, EDGE_ASK.polymarket, 4_000, 4_000],
      ]),
    );

    // The problems, each cause in the error log once; none on the healthy feed.
    expect(rig.causes(other(row.venue))).toEqual([]);
    const recorded = (await h.store.listErrors(100)).filter((e) => e.source === 'stream');
    expect(recorded.every((e) => e.venue === exchangeOf(row.venue))).toBe(true);
    const recordedCauses = recorded.map((e) => /\(stream ([^)]+)\)/.exec(e.message)?.[1]);
    expect(new Set(recordedCauses).size).toBe(recorded.length);
    expect(recordedCauses.sort()).toEqual([...new Set(rig.causes(row.venue))].sort());
    expect(recordedCauses).toEqual(expect.arrayContaining([...row.causes]));
    expect(rig.stream(row.venue).health()).toMatchObject({ connected: true, reconnects: row.reconnects });
    expect(rig.stream(other(row.venue)).health().reconnects).toBe(0);
  } finally {
    report = await run.close();
  }
  expect(report).toMatchObject({ admitted: 1, traded: 1, errors: 0 });
  expect(report.stream!.problemsRecorded).toBe(new Set(rig.causes(row.venue)).size);
  expect(report.stream!.problems).toBe(rig.problems.length);
  // A healthy reconcile after the stale threshold: nothing unfinished, unrecorded or mismatched.
  world.clock.advance(h.deps.config.staleIntentMs + 1_000);
  await reconcile(h.deps, h.state, `${eventId}-reconcile`, { drift: false });
  expect(await discrepancies(h.store, 'live', world, before, LEDGER)).toEqual(CLEAN);
}

describe('stream fault matrix: a fault hides the edge going away; nothing is traded on it, then recovery and a real trade', () => {
  it('covers every feed fault on both venues (latency only delays: the stream integration tests)', () => {
    const covered = new Set(ROWS.map((r) => `${r.fault.kind} ${r.venue}`));
    const kinds = feedFaultSchema.shape.kind.options.filter((k) => k !== 'latency');
    expect(kinds.flatMap((k) => VENUES.map((v) => `${k} ${v}`)).filter((k) => !covered.has(k))).toEqual([]);
  });

  // Polymarket US: the Polymarket slot's rows but gap and reorder, which script Polymarket's
  // price_change protocol; Polymarket US sends whole books, a lost or late one is superseded by the next.
  const pairRows = ROWS.filter(
    (r) => PAIR === 'kalshi,polymarket' || r.venue === 'kalshi' || !['gap', 'reorder'].includes(r.fault.kind),
  );
  // The second pair's subset: a Kalshi stream gap with Polymarket US streaming the other leg.
  const SUBSET = (r: Row) => r.venue === 'kalshi' && r.fault.kind === 'gap';
  it.each(rowsFor(pairRows, SUBSET).map((r) => ({ ...r, label: `${r.venue} ${r.name}` })))('$label', runRow);
});

describe('the accepted bound (docs/engine.md#streaming): a silence younger than maxBookAgeMs', () => {
  // Nothing tells a feed that just froze from a quiet market: a book the stream vouched for
  // within maxBookAgeMs is planned as it is, as a polled book of that age would be. The venue
  // then decides: here the frozen Polymarket leg is refused (fill-or-kill, the ask moved), the
  // Kalshi leg already filled is unwound at a loss, and all of it is recorded.
  itFull('is traded on; the venue refuses the stale leg, the unwind is recorded, the invariants hold', async () => {
    const h = await engineHarness(db(), world, {
      mode: 'live',
      ledgerMicros: LEDGER,
      config: { marketData: 'stream', stream: { fallbackPollMs: FALLBACK_POLL_MS } },
    });
    const rig = new StreamRig(world, timers, GAME);
    books('polymarket', false);
    const before = snapshotVenues(world);
    const run = await StreamScan.open({ ...h.deps, bookStreams: rig.sources() }, h.state, { eventId: 'sf-bound' });
    const row = ROWS.find((r) => r.script === 'frozen' && r.venue === 'polymarket')!;
    const ctx: Ctx = { row, h, rig, run, decisions: [] };
    try {
      await rig.trustedAgain('every book trusted after the first snapshots');
      expect(await stepOnce(ctx)).toEqual([expect.objectContaining({ outcome: 'no-plan' })]);
      books('polymarket', true);
      await rig.settle();
      rig.hub('polymarket').faults.add(row.fault);
      books('polymarket', false);
      rig.tick(1_000);
      await rig.settle();
      const view = rig.view(edgeInstrument(GAME, 'polymarket', PAIR));
      expect({ trusted: view.trusted, ask: view.book?.asks[0]?.priceMicros }).toEqual({
        trusted: true,
        ask: EDGE_ASK.polymarket,
      });
      expect(world.clock.now() - view.book!.observedAtMs).toBeLessThanOrEqual(h.deps.config.risk.maxBookAgeMs);
      expect(await stepOnce(ctx)).toEqual([expect.objectContaining({ outcome: 'traded', status: 'unwound' })]);
      const [bet] = await bets(ctx);
      expect(bet!.legs.map((l) => [l.venue, l.filledCenti])).toEqual([
        ['kalshi', 4_000],
        [world.pm.venue, 0],
      ]);
      expect(bet!.result!.lossMicros).toBeGreaterThan(0);
    } finally {
      await run.close();
    }
    world.clock.advance(h.deps.config.staleIntentMs + 1_000);
    await reconcile(h.deps, h.state, 'sf-bound-reconcile', { drift: false });
    expect(await discrepancies(h.store, 'live', world, before, LEDGER)).toEqual(CLEAN);
  });
});
