/**
 * The streamed scan (docs/engine.md#streaming) on scripted in-memory book streams
 * (test/support/engine/fake-stream.ts), dynalite and both simulators with the real venue
 * clients: a change re-plans only its pair, untrusted and stale books are never traded, bursts
 * are coalesced fairly, busy pairs are skipped, stream problems are recorded once per cause, the
 * fallback polls what no stream vouches for, `poll` keeps the polling rounds, and two
 * overlapping runs hand the scan lease over without a double trade or a gap.
 * Runs on either venue pair (test/support/engine/pairs.ts).
 */
import type { BetRecord } from '../../../lib/core/bet';
import type { InstrumentRef } from '../../../lib/core/market';
import {
  DEFAULT_STREAM_POLICY,
  type EngineDeps,
  marketDataFor,
  newEngineState,
  reconcile,
  runStreamScan,
  SCAN_LEASE,
  SimulatedCrash,
  type StreamDecision,
  type StreamDistrust,
  StreamScan,
  scan,
  type Venue,
} from '../../../lib/engine';
import type { DynamoStore } from '../../../lib/store';
import { useDynalite } from '../../support/dynalite';
import { clearBooks, type EngineHarness, engineHarness, setArbBooks } from '../../support/engine/engine-fixture';
import { type FakeStreams, fakeStreams, pairInstruments, publishFromVenues } from '../../support/engine/fake-stream';
import { itFull, PAIR, rowsFor } from '../../support/engine/pairs';
import {
  type GameSpec,
  LAL_BOS,
  MORE_GAMES,
  NYK_MIA,
  type SimWorld,
  startSimWorld,
} from '../../support/engine/sim-world';

const WARRIORS_SUNS = MORE_GAMES[0]!;
const gameInstruments = (game: GameSpec) => pairInstruments(game, PAIR);
const db = useDynalite();
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld({ pair: PAIR });
  for (const game of [LAL_BOS, NYK_MIA, WARRIORS_SUNS]) world.addGame(game);
});
afterAll(() => world.close());
beforeEach(() => {
  setArbBooks(world);
  clearBooks(world, NYK_MIA);
  clearBooks(world, WARRIORS_SUNS);
});

interface Streamed {
  readonly h: EngineHarness;
  readonly fs: FakeStreams;
  readonly deps: EngineDeps;
}

async function streamed(
  mode: 'paper' | 'live' = 'paper',
  config: Partial<EngineDeps['config']> = {},
): Promise<Streamed> {
  const h = await engineHarness(db(), world, { mode, config: { marketData: 'stream', ...config } });
  const fs = fakeStreams(world.clock, world.pm.venue);
  return { h, fs, deps: { ...h.deps, bookStreams: fs.sources } };
}

/** Every instrument of `game` streamed with one ask at `priceMicros` (0.60: no combination under $1). */
function publishFlat(fs: FakeStreams, game: GameSpec, priceMicros = 600_000): void {
  const ids = gameInstruments(game);
  for (const i of ids.polymarket) fs.polymarket.snapshot(i, { asks: [{ priceMicros, sizeCenti: 10_000 }] });
  for (const i of ids.kalshi) fs.kalshi.snapshot(i, { asks: [{ priceMicros, sizeCenti: 10_000 }] });
}

async function bets(store: DynamoStore, mode: 'paper' | 'live' = 'paper'): Promise<BetRecord[]> {
  return (await store.listBets(mode, { limit: 100 })).bets;
}

/** The simulators' own clients (not the engine's venues), for publishing what the venues show. */
const rest = () => ({ polymarket: world.polymarket, kalshi: world.kalshi });
const pmAway = (game: GameSpec): InstrumentRef => gameInstruments(game).polymarket[0]!;
const LAKERS = 'Lakers vs Celtics';
const ALL_TITLES = ['Knicks vs Heat', 'Lakers vs Celtics', 'Warriors vs Suns'];

/** The decisions about one pair (every test lists all three games; the others have no edge). */
function about(decisions: readonly StreamDecision[], title = LAKERS): StreamDecision[] {
  return decisions.filter((d) => d.title === title);
}

describe('streamed scan: trading on book changes', () => {
  // In the second pair's subset: a streamed trade (streams are kept per slot, instruments name the exchange).
  it('re-plans only the pair whose book changed, on the streamed books, and trades through the same path', async () => {
    const { h, fs, deps } = await streamed();
    await publishFromVenues(fs, rest(), LAL_BOS); // the edge, as the venues' feeds show it
    publishFlat(fs, NYK_MIA);
    const run = await StreamScan.open(deps, h.state, { eventId: 'evt-s-only' });
    expect(run.session).not.toBeNull();
    // The run just took the lease: every pair once.
    const sweep = await run.step();
    expect(sweep.map((d) => d.title).sort()).toEqual(ALL_TITLES);
    expect(sweep.find((d) => d.title === 'Lakers vs Celtics')).toMatchObject({
      outcome: 'traded',
      status: 'open',
      polled: false,
    });
    expect(sweep.find((d) => d.title === 'Knicks vs Heat')).toMatchObject({ outcome: 'no-plan', code: 'NO_PLAN' });
    // A change on Knicks–Heat: that pair, and only it.
    fs.polymarket.update(pmAway(NYK_MIA), { asks: [{ priceMicros: 650_000, sizeCenti: 5_000 }] });
    const after = await run.step();
    expect(after.map((d) => d.title)).toEqual(['Knicks vs Heat']);
    // Nothing changed: nothing decided.
    expect(await run.step()).toEqual([]);
    const report = await run.close();
    expect(report).toMatchObject({ marketData: 'stream', skipped: null, admitted: 1, traded: 1, errors: 0 });
    expect(report.stream).toMatchObject({ decisions: 4, replans: 4, busySkips: 0, fallbacks: 0, listings: 1 });
    expect(report.stream!.events).toBeGreaterThanOrEqual(13); // 12 snapshots + 1 update
    expect(report.stream!.decisionP99Ms).not.toBeNull();
    const [bet] = await bets(h.store);
    expect(bet).toMatchObject({ status: 'open', title: 'Lakers vs Celtics' });
    expect(h.notifier.sent.map((n) => n.subject)).toContain('📄 PAPER 💰 New Arb: Lakers vs Celtics');
    // The streams were closed with the run; the lease is free for the next one.
    expect([...fs.polymarket.openStreams(), ...fs.kalshi.openStreams()]).toHaveLength(0);
    expect(await h.store.acquireLease(SCAN_LEASE, 'next-run', world.clock.now(), 1_000)).toBe(true);
  });

  const REASONS: readonly StreamDistrust[] = [
    'no-snapshot',
    'gap',
    'stale',
    'crossed',
    'tick-size',
    'disconnected',
    'malformed',
  ];
  // The second pair's subset: a gap in the Polymarket side's stream.
  it.each(rowsFor(REASONS, (r) => r === 'gap'))(
    'never trades a book its stream does not trust (%s), even one showing an edge',
    async (reason) => {
      const { h, fs, deps } = await streamed();
      await publishFromVenues(fs, rest(), LAL_BOS); // the streams show the edge …
      clearBooks(world, LAL_BOS); // … which is gone on the venues
      const run = await StreamScan.open(deps, h.state, { eventId: `evt-s-distrust-${reason}` });
      const ids = gameInstruments(LAL_BOS);
      for (const i of ids.polymarket) fs.polymarket.distrust(i, reason);
      for (const i of ids.kalshi) fs.kalshi.distrust(i, reason);
      expect(about(await run.step())).toEqual([expect.objectContaining({ outcome: 'no-plan', polled: false })]);
      // The fallback polls the untrusted instruments: the venues show no edge either.
      world.clock.advance(DEFAULT_STREAM_POLICY.fallbackPollMs);
      expect(about(await run.step())).toEqual([expect.objectContaining({ outcome: 'no-plan' })]);
      const report = await run.close();
      expect(report.stream!.fallbackPolls).toBe(2); // one batch per venue
      expect(report.admitted).toBe(0);
      expect(await bets(h.store)).toHaveLength(0);
    },
  );

  itFull(
    'reads a trusted but quiet book (older than maxBookAgeMs) again before planning: the venue decides',
    async () => {
      const { h, fs, deps } = await streamed();
      await publishFromVenues(fs, rest(), LAL_BOS); // the streams show the edge …
      clearBooks(world, LAL_BOS); // … which is gone on the venues
      world.clock.advance(deps.config.risk.maxBookAgeMs + 1_000); // trusted, but no message since
      const run = await StreamScan.open(deps, h.state, { eventId: 'evt-s-quiet' });
      // Every book was quiet: one targeted getBooks per venue, and the venues show no edge.
      expect(about(await run.step())).toEqual([expect.objectContaining({ outcome: 'no-plan', polled: false })]);
      expect(run.report.stream).toMatchObject({ quietRefreshes: 6, quietRefreshCalls: 2 });
      // The edge back on the venues; a fresh message on one side re-plans the pair, the quiet
      // side is read again, and it trades on what the venues show.
      setArbBooks(world);
      for (const book of (await world.polymarket.getBooks(gameInstruments(LAL_BOS).polymarket)).values())
        fs.polymarket.put(book); // Polymarket fresh, Kalshi still quiet
      expect(await run.step()).toEqual([expect.objectContaining({ title: LAKERS, outcome: 'traded', status: 'open' })]);
      await run.close();
      expect(await bets(h.store)).toHaveLength(1);
    },
  );

  itFull('decides a change that shows no edge without any read: no quiet-book read, no cash read', async () => {
    const { h, fs, deps } = await streamed('live');
    publishFlat(fs, LAL_BOS);
    world.clock.advance(deps.config.risk.maxBookAgeMs + 1_000); // every book quiet
    const run = await StreamScan.open(deps, h.state, { eventId: 'evt-s-screen' });
    const books = [jest.spyOn(deps.venues.kalshi, 'getBooks'), jest.spyOn(deps.venues.polymarket, 'getBooks')];
    const cash = [jest.spyOn(deps.venues.kalshi, 'getBalance'), jest.spyOn(deps.venues.polymarket, 'getBalance')];
    expect(about(await run.step())).toEqual([expect.objectContaining({ outcome: 'no-plan', code: 'NO_PLAN' })]);
    fs.polymarket.update(pmAway(LAL_BOS), { asks: [{ priceMicros: 610_000, sizeCenti: 10_000 }] });
    expect(about(await run.step())).toEqual([expect.objectContaining({ outcome: 'no-plan' })]);
    for (const spy of [...books, ...cash]) expect(spy).not.toHaveBeenCalled();
    const report = await run.close(); // (closing reads the venues' cash for the runway: docs/capital.md)
    expect(report.stream).toMatchObject({ quietRefreshes: 0, quietRefreshCalls: 0 });
  });

  itFull('never trades a quiet book whose read fails: the planner refuses it as stale', async () => {
    const { h, fs, deps } = await streamed();
    await publishFromVenues(fs, rest(), LAL_BOS);
    world.clock.advance(deps.config.risk.maxBookAgeMs + 1_000);
    const failing: Venue = new Proxy(h.deps.venues.kalshi, {
      get: (target, prop, receiver) =>
        prop === 'getBooks'
          ? () => Promise.reject(new Error('books unavailable'))
          : Reflect.get(target, prop, receiver),
    });
    const run = await StreamScan.open({ ...deps, venues: { ...deps.venues, kalshi: failing } }, h.state, {
      eventId: 'evt-s-quiet-fail',
    });
    expect(about(await run.step())).toEqual([expect.objectContaining({ outcome: 'no-plan' })]);
    await run.close();
    expect(await bets(h.store)).toHaveLength(0);
  });

  itFull('coalesces a burst on one market and serves every waiting pair once, in arrival order', async () => {
    const { h, fs, deps } = await streamed();
    for (const game of [LAL_BOS, NYK_MIA, WARRIORS_SUNS]) publishFlat(fs, game);
    const run = await StreamScan.open(deps, h.state, { eventId: 'evt-s-burst' });
    expect(await run.step()).toHaveLength(3); // the takeover sweep
    const before = run.session!.figuresNow();
    for (let n = 0; n < 50; n += 1)
      fs.polymarket.update(pmAway(LAL_BOS), { asks: [{ priceMicros: 600_000 + n * 1_000, sizeCenti: 10_000 }] });
    fs.kalshi.update(gameInstruments(NYK_MIA).kalshi[0]!, { asks: [{ priceMicros: 610_000, sizeCenti: 10_000 }] });
    fs.polymarket.update(pmAway(WARRIORS_SUNS), { asks: [{ priceMicros: 620_000, sizeCenti: 10_000 }] });
    fs.polymarket.update(pmAway(LAL_BOS), { asks: [{ priceMicros: 700_000, sizeCenti: 10_000 }] }); // still waiting: merged
    const served = await run.step();
    expect(served.map((d) => d.title)).toEqual(['Lakers vs Celtics', 'Knicks vs Heat', 'Warriors vs Suns']);
    expect(await run.step()).toEqual([]);
    const report = await run.close();
    expect(report.stream!.coalesced - before.coalesced).toBe(50);
    expect(report.stream!.events - before.events).toBe(53);
    expect(report.stream!.decisions).toBe(6);
  });

  itFull('skips a pair with a bet in flight, however often its books change', async () => {
    const { h, fs, deps } = await streamed();
    await publishFromVenues(fs, rest(), LAL_BOS);
    const run = await StreamScan.open(deps, h.state, { eventId: 'evt-s-busy' });
    expect(about(await run.step())).toEqual([expect.objectContaining({ outcome: 'traded' })]);
    await publishFromVenues(fs, rest(), LAL_BOS); // the edge is still there
    expect(await run.step()).toEqual([expect.objectContaining({ title: LAKERS, outcome: 'busy', code: 'IN_FLIGHT' })]);
    const report = await run.close();
    expect(report.stream).toMatchObject({ busySkips: 1, replans: 3 });
    expect(report.refusals.filter((r) => r.title === LAKERS).map((r) => r.code)).toEqual(['IN_FLIGHT']);
    expect(await bets(h.store)).toHaveLength(1);
  });

  itFull('records each stream problem once per venue and cause, never toward the circuit breaker', async () => {
    const { h, fs, deps } = await streamed();
    publishFlat(fs, LAL_BOS);
    const run = await StreamScan.open(deps, h.state, { eventId: 'evt-s-problems' });
    for (let n = 0; n < 3; n += 1) fs.polymarket.problem('seq-gap', `gap ${n}`);
    fs.polymarket.problem('malformed-frame');
    fs.kalshi.problem('seq-gap');
    await run.step();
    fs.polymarket.problem('seq-gap', 'again');
    await run.step();
    const report = await run.close();
    const recorded = (await h.store.listErrors(50)).filter((e) => e.source === 'stream');
    expect(recorded.map((e) => `${e.venue} ${e.message}`).sort()).toEqual([
      'kalshi VenueError (stream seq-gap): problem seq-gap',
      `${world.pm.venue} VenueError (stream malformed-frame): problem malformed-frame`,
      `${world.pm.venue} VenueError (stream seq-gap): gap 0`,
    ]);
    expect(report.stream).toMatchObject({ problems: 6, problemsRecorded: 3 });
    expect(h.state.consecutiveVenueErrors).toBe(0);
    expect(report.circuitBreaker).toBeNull();
  });
});

describe('streamed scan: problems at the end of a run', () => {
  itFull('records a problem reported after the last step when the run closes', async () => {
    const { h, fs, deps } = await streamed();
    publishFlat(fs, LAL_BOS);
    const run = await StreamScan.open(deps, h.state, { eventId: 'evt-s-late-problem' });
    await run.step();
    fs.kalshi.problem('seq-gap', 'late gap');
    const report = await run.close();
    const recorded = (await h.store.listErrors(50)).filter((e) => e.source === 'stream');
    expect(recorded.map((e) => `${e.venue} ${e.message}`)).toEqual(['kalshi VenueError (stream seq-gap): late gap']);
    expect(report.stream).toMatchObject({ problems: 1, problemsRecorded: 1 });
  });
});

describe('streamed scan: fallback', () => {
  itFull('polls the books of a venue whose stream is down and trades on them; a long outage counts once', async () => {
    const { h, fs, deps } = await streamed('paper', { stream: { downFailureMs: 30_000 } });
    await publishFromVenues(fs, rest(), LAL_BOS);
    publishFlat(fs, NYK_MIA);
    publishFlat(fs, WARRIORS_SUNS);
    const run = await StreamScan.open(deps, h.state, { eventId: 'evt-s-down' });
    const kalshiBooks = jest.spyOn(deps.venues.kalshi, 'getBooks');
    fs.polymarket.down(); // before the first decision: every Polymarket book untrusted
    expect(about(await run.step())).toEqual([expect.objectContaining({ outcome: 'no-plan', polled: false })]);
    world.clock.advance(DEFAULT_STREAM_POLICY.fallbackPollMs);
    await publishFromVenues(fs, rest(), LAL_BOS); // Kalshi's feed goes on; Polymarket's is down
    expect(about(await run.step())).toEqual([
      expect.objectContaining({ outcome: 'traded', status: 'open', polled: true }),
    ]);
    world.clock.advance(30_000);
    await run.step();
    await run.step();
    const report = await run.close();
    // One Polymarket batch per due poll, for every pair not busy (all three, then the two left).
    // Kalshi streams: the fallback never polls its books, and the flat games (no edge on any
    // book, however old) are decided without reading anything again.
    expect(report.stream).toMatchObject({ fallbackPolls: 2, fallbacks: 5 });
    expect(kalshiBooks).not.toHaveBeenCalled();
    // The outage counted once toward the breaker (a later successful read may reset the count).
    expect(h.state.consecutiveVenueErrors).toBeLessThanOrEqual(1);
    const down = (await h.store.listErrors(50)).filter((e) => e.message.includes('book stream down'));
    expect(down).toHaveLength(1);
    expect(down[0]!.venue).toBe(world.pm.venue);
  });

  itFull('keeps the polling rounds with marketData poll, and without a deadline', async () => {
    const { h, fs, deps } = await streamed('paper', { marketData: 'poll' });
    const start = world.clock.now();
    const report = await scan(deps, h.state, {
      eventId: 'evt-s-poll',
      loopUntilMs: start + 25_000,
      intervalMs: 10_000,
    });
    expect(report).toMatchObject({ marketData: 'poll', stream: null, rounds: 3, traded: 1 });
    expect(fs.polymarket.streams).toHaveLength(0);
    const streamDeps = { ...deps, config: { ...deps.config, marketData: 'stream' as const } };
    expect(marketDataFor(streamDeps, {})).toBe('poll');
    expect(marketDataFor(streamDeps, { loopUntilMs: start })).toBe('stream');
    const noStreams = {
      ...streamDeps,
      bookStreams: undefined,
      venues: { polymarket: { name: 'polymarket' } as Venue, kalshi: { name: 'kalshi' } as Venue },
    };
    expect(marketDataFor(noStreams, { loopUntilMs: start })).toBe('poll');
  });
});

describe('streamed scan: runs, leases and crashes', () => {
  itFull('holds the streams until its deadline and trades an edge that appears mid-run', async () => {
    const { h, fs, deps } = await streamed();
    publishFlat(fs, LAL_BOS); // no edge when the run starts
    let sleeps = 0;
    const clock = {
      now: () => world.clock.now(),
      sleep: async (ms: number) => {
        sleeps += 1;
        await world.clock.sleep(ms);
        if (sleeps === 3) await publishFromVenues(fs, rest(), LAL_BOS); // the edge appears
      },
    };
    const start = world.clock.now();
    const report = await scan({ ...deps, clock }, h.state, { eventId: 'evt-s-loop', loopUntilMs: start + 60_000 });
    expect(report).toMatchObject({ marketData: 'stream', traded: 1, errors: 0 });
    expect(world.clock.now()).toBeGreaterThanOrEqual(start + 60_000);
    expect(report.stream!.listings).toBe(1);
    expect(fs.polymarket.openStreams()).toHaveLength(0);
  });

  itFull('does nothing for a second delivery of the same scheduled event', async () => {
    const { h, fs, deps } = await streamed();
    await publishFromVenues(fs, rest(), LAL_BOS);
    const until = world.clock.now() + 10_000;
    const first = await scan(deps, h.state, { eventId: 'evt-s-dup', loopUntilMs: until });
    const again = await scan({ ...deps, instanceId: 'other-container' }, newEngineState(), {
      eventId: 'evt-s-dup',
      loopUntilMs: until + 60_000,
    });
    expect(first.traded).toBe(1);
    expect(again.skipped).toBe('duplicate-invocation');
    expect(fs.polymarket.streams).toHaveLength(1); // the repeat opened none
    expect(await bets(h.store)).toHaveLength(1);
  });

  itFull('hands the lease over between overlapping runs: the next one warms up, then trades, never both', async () => {
    const { h, fs, deps } = await streamed();
    await publishFromVenues(fs, rest(), LAL_BOS);
    publishFlat(fs, NYK_MIA);
    publishFlat(fs, WARRIORS_SUNS);
    const log: string[] = [];
    const depsA: EngineDeps = { ...deps, instanceId: 'run-a', store: watched(h.store, 'A', log) };
    // Run B's waits take real milliseconds, not simulated time, so run A's books stay fresh meanwhile.
    const depsB: EngineDeps = {
      ...deps,
      instanceId: 'run-b',
      store: watched(h.store, 'B', log),
      clock: { now: () => world.clock.now(), sleep: () => new Promise((r) => setTimeout(r, 2)) },
    };
    const a = await StreamScan.open(depsA, h.state, { eventId: 'evt-s-A' });
    expect(about(await a.step())).toEqual([expect.objectContaining({ outcome: 'traded' })]);

    const opening = StreamScan.open(depsB, newEngineState(), {
      eventId: 'evt-s-B',
      leaseWaitUntilMs: world.clock.now() + 60_000,
    });
    await until(() => log.includes('B acquire false'));
    // B is warm (its own streams are open and hold the books) but does not trade …
    expect(fs.polymarket.openStreams()).toHaveLength(2);
    // … while A still trades: an edge on Knicks–Heat is A's.
    setArbBooks(world, 10_000, NYK_MIA);
    await publishFromVenues(fs, rest(), NYK_MIA);
    expect(about(await a.step(), 'Knicks vs Heat')).toEqual([expect.objectContaining({ outcome: 'traded' })]);
    // A reaches its deadline without deciding on a last edge (Warriors–Suns): B takes it.
    setArbBooks(world, 10_000, WARRIORS_SUNS);
    await publishFromVenues(fs, rest(), WARRIORS_SUNS);
    const reportA = await a.close();
    expect(await a.step()).toEqual([]);
    const b = await opening;
    expect(b.session).not.toBeNull();
    // B asked again right after A released, and got it at the first ask.
    const released = log.indexOf('A release');
    expect(released).toBeGreaterThan(-1);
    expect(log.slice(released + 1).find((l) => l.startsWith('B acquire'))).toBe('B acquire true');
    const decided = await b.step();
    expect(decided.find((d) => d.title === 'Warriors vs Suns')).toMatchObject({ outcome: 'traded' });
    expect(decided.filter((d) => d.title !== 'Warriors vs Suns').map((d) => d.code)).toEqual([
      'IN_FLIGHT',
      'IN_FLIGHT',
    ]);
    const reportB = await b.close();
    expect(reportA.traded).toBe(2);
    expect(reportB.traded).toBe(1);
    expect(reportB.stream!.leaseWaitMs).toBeGreaterThanOrEqual(0);
    const all = await bets(h.store);
    expect(all).toHaveLength(3);
    expect(new Set(all.map((x) => x.pairId)).size).toBe(3); // each pair traded once
  });

  itFull('leaves a crash mid-execution to reconcile, as a polled run does', async () => {
    const { h, fs, deps } = await streamed('live');
    await publishFromVenues(fs, rest(), LAL_BOS);
    const crashing: EngineDeps = {
      ...deps,
      faults: (point) => {
        if (point === 'between-legs') throw new SimulatedCrash(point);
      },
    };
    const until = world.clock.now() + 30_000;
    await expect(runStreamScan(crashing, h.state, { eventId: 'evt-s-crash', loopUntilMs: until })).rejects.toThrow(
      SimulatedCrash,
    );
    expect(fs.polymarket.openStreams()).toHaveLength(0);
    // The dead run keeps its lease until it expires.
    expect(await h.store.acquireLease(SCAN_LEASE, 'someone-else', world.clock.now(), 1_000)).toBe(false);
    const [stuck] = await bets(h.store, 'live');
    expect(stuck!.status).toBe('placing');
    world.clock.advance(deps.config.staleIntentMs + 1_000);
    const rec = await reconcile(deps, h.state, 'evt-s-crash-reconcile', { drift: false });
    expect(rec.bets.map((b) => b.to)).toEqual(['unwound']);
  });
});

/** The store, with every scan-lease acquire and release by this run written to `log`. */
function watched(store: DynamoStore, who: string, log: string[]): DynamoStore {
  const w = Object.create(store) as DynamoStore;
  w.acquireLease = async (name, owner, nowMs, ttlMs) => {
    const ok = await store.acquireLease(name, owner, nowMs, ttlMs);
    if (name === SCAN_LEASE) log.push(`${who} acquire ${ok}`);
    return ok;
  };
  w.releaseLease = async (name, owner) => {
    const ok = await store.releaseLease(name, owner);
    if (name === SCAN_LEASE) log.push(`${who} release`);
    return ok;
  };
  return w;
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
