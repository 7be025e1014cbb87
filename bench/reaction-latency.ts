/**
 * Reaction latency: from the moment an arbitrage appears on both venues to the moment both
 * legs are acknowledged as filled, with an injected round trip on every simulator request
 * (FaultInjector latency on `*`), over seeded trials, for
 *   (a) one scan per scheduled minute (the original PolyMix's design, a scheduled scan), and
 *   (b) the sub-minute loop (`scan` with `loopUntilMs` and `intervalMs`, every N seconds), and
 *   (c) streaming (`scan` with `marketData: 'stream'` and a deadline: `runStreamScan`, the books
 *       from both simulators' WebSocket feeds, each frame delayed by the same injected latency).
 *
 * (a) is part measured, part modelled: the arbitrage appears at a seeded uniform moment u in
 * the minute and waits 60 s − u for the next scheduled scan (MODELLED: nobody waits a real
 * minute per trial); that scan's own time, from its start to the second leg's fill, is
 * MEASURED for real (claim, reconcile, lease, discovery, books, plan, admission, both orders).
 * Lambda's invocation and cold-start delays are in neither figure.
 * (b) is fully measured: one long-running loop; each trial waits a seeded uniform 0..N s,
 * pushes the arbitrage into both simulators, and times until both legs are filled.
 * (c) is fully measured the same way, from the instant the simulators' books are changed (the
 * venue-side change: their feeds send the frames then, each delayed by the injected latency) to
 * both legs filled, and broken down per trial: frames delivered, decision, admission write, the
 * store writes around the legs, and each leg.
 */
import { performance } from 'node:perf_hooks';
import { instrumentKey } from '../lib/core/market';
import { scan } from '../lib/engine';
import { seededRandom } from '../local/sim/clock';
import { startDynalite } from '../test/support/dynalite';
import { type GameSpec, kalshiTicker } from '../test/support/engine/sim-world';
import { AckLog, AckRecordingVenue, type Span } from './ack-recorder';
import type { BenchResult, Row } from './report';
import { median, quantile } from './stats';
import { StreamTaps } from './stream-tap';
import { BENCH_LEAGUES, syntheticGames } from './synthetic-games';
import {
  ARB_BOOKS,
  type BenchEngine,
  type BenchWorld,
  benchEngine,
  NEAR_MISS_BOOKS,
  QUIET_BOOKS,
  realEngineClock,
  startBenchWorld,
} from './world';

export interface ReactionOptions {
  /** Trials of (a). Default 30. */
  readonly trials?: number;
  /** Trials of (b), each costing about N s of real time. Default 20. */
  readonly loopTrials?: number;
  /** Injected latency per simulator request, ms. Default 40. */
  readonly rttMs?: number;
  /** Sub-minute loop interval, s. Default 5. */
  readonly intervalSec?: number;
  /** Trials of (c), streaming, each about 1 s of real time. Default 30; 0 skips (c). */
  readonly streamTrials?: number;
  /** Games listed in (b)'s slate (at least loopTrials, the default). */
  readonly loopGames?: number;
  readonly seed?: number;
}

const MINUTE_MS = 60_000;

function legsOf(game: GameSpec): [Set<string>, Set<string>] {
  const kalshi = new Set<string>();
  for (const side of ['away', 'home'] as const)
    for (const s of ['yes', 'no']) kalshi.add(`kalshi:${kalshiTicker(game, side)}:${s}`);
  return [kalshi, new Set([`polymarket:${game.away.tokenId}`, `polymarket:${game.home.tokenId}`])];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function summary(label: string, cadence: string, samples: readonly number[], missed: number, how: string): Row {
  return {
    design: label,
    cadence,
    trials: samples.length + missed,
    missed,
    'median s': median(samples) / 1_000,
    'p90 s': quantile(samples, 0.9) / 1_000,
    'p99 s': quantile(samples, 0.99) / 1_000,
    'min s': Math.min(...samples) / 1_000,
    'max s': Math.max(...samples) / 1_000,
    how,
  };
}

/** Where the time of one streamed trial went, ms from the venue-side change (t0). */
interface StreamBreakdown {
  /** t0 → the first frame of the trial's books handed to the engine by a stream client. */
  readonly firstFrameMs: number;
  /** t0 → the last such frame before the admission write (the books the trade was decided on). */
  readonly lastFrameMs: number;
  /** Last frame → admission write starts: queueing, cash reads, planning, risk. */
  readonly decisionMs: number;
  /** Of the decision: venue cash reads (getBalance) in flight, summed. */
  readonly cashReadsMs: number;
  readonly admissionMs: number;
  /** Admission answered → leg 1 sent: read the bet back, mark it placing. */
  readonly beforeLegsMs: number;
  readonly leg1Ms: number;
  /** Leg 1 answered → leg 2 sent: record leg 1. */
  readonly betweenLegsMs: number;
  readonly leg2Ms: number;
  readonly totalMs: number;
}

interface StreamedRun {
  readonly reactions: number[];
  readonly missed: number;
  readonly breakdown: StreamBreakdown[];
  readonly decisionP99Ms: number | null;
  readonly restBookCalls: number;
  readonly warmMs: number;
}

/** Instrument keys of the six books the engine watches for `game`. */
function watchedKeys(game: GameSpec): Set<string> {
  const keys = new Set<string>();
  for (const tokenId of [game.away.tokenId, game.home.tokenId])
    keys.add(instrumentKey({ venue: 'polymarket', conditionId: game.conditionId, tokenId }));
  for (const side of ['away', 'home'] as const)
    for (const s of ['yes', 'no'] as const)
      keys.add(instrumentKey({ venue: 'kalshi', ticker: kalshiTicker(game, side), side: s }));
  return keys;
}

/**
 * (c): one streamed run (`scan` → `runStreamScan`) for all trials; each trial changes a fresh
 * game's books in both simulators at a seeded moment and waits for both legs.
 */
async function streamedTrials(
  world: BenchWorld,
  engine: BenchEngine,
  taps: StreamTaps,
  arrivals: { keys: Set<string> | null; atMs: number[] },
  acks: AckLog,
  games: readonly GameSpec[],
  nudge: GameSpec,
  random: () => number,
): Promise<StreamedRun> {
  const admissions: Array<{ startMs: number; endMs: number }> = [];
  const admit = engine.store.admitBet;
  engine.store.admitBet = async (...args) => {
    const startMs = performance.now();
    try {
      return await admit(...args);
    } finally {
      admissions.push({ startMs, endMs: performance.now() });
    }
  };
  const running = scan(engine.deps, engine.state, {
    eventId: 'reaction-c',
    // Ended by the kill switch below; the deadline only bounds a run that went wrong.
    loopUntilMs: Date.now() + games.length * 35_000 + 60_000,
  });
  const warmMs = await taps.warm({ polymarket: 2 * (games.length + 1), kalshi: 4 * (games.length + 1) }, 60_000);
  // The run re-plans every pair once when it takes the lease: let that settle first.
  await sleep(1_000);
  const booksMark = { k: world.kalshiLog.mark, p: world.polymarketLog.mark };
  const reactions: number[] = [];
  const breakdown: StreamBreakdown[] = [];
  let missed = 0;
  for (const game of games) {
    await sleep(random() * 1_000);
    const [k, p] = legsOf(game);
    arrivals.keys = watchedKeys(game);
    arrivals.atMs = [];
    const spanMark = acks.spans.length;
    const admitMark = admissions.length;
    const both = acks.bothFilled(k, p, 30_000);
    const t0 = performance.now();
    world.setBooks(game, ARB_BOOKS);
    const at = await both;
    arrivals.keys = null;
    world.setBooks(game, QUIET_BOOKS);
    if (at === null) {
      missed++;
      continue;
    }
    reactions.push(at - t0);
    const admission = admissions[admitMark];
    const spans = acks.spans.slice(spanMark);
    const orders = spans.filter((s) => s.call === 'placeOrder' && s.startMs >= (admission?.endMs ?? t0));
    const [leg1, leg2] = orders as [Span | undefined, Span | undefined];
    if (!admission || !leg1 || !leg2) continue;
    const before = arrivals.atMs.filter((a) => a <= admission.startMs);
    const lastFrame = before.length > 0 ? Math.max(...before) : t0;
    const cash = spans.filter((s) => s.call === 'getBalance' && s.endMs <= admission.startMs);
    breakdown.push({
      firstFrameMs: (arrivals.atMs.length > 0 ? Math.min(...arrivals.atMs) : t0) - t0,
      lastFrameMs: lastFrame - t0,
      decisionMs: admission.startMs - lastFrame,
      cashReadsMs: cash.reduce((n, s) => n + (s.endMs - s.startMs), 0),
      admissionMs: admission.endMs - admission.startMs,
      beforeLegsMs: leg1.startMs - admission.endMs,
      leg1Ms: leg1.endMs - leg1.startMs,
      betweenLegsMs: leg2.startMs - leg1.endMs,
      leg2Ms: leg2.endMs - leg2.startMs,
      totalMs: at - t0,
    });
  }
  const restBookCalls = [...world.kalshiLog.since(booksMark.k), ...world.polymarketLog.since(booksMark.p)].filter((a) =>
    /orderbook|\/books?$/.test(a.endpoint),
  ).length;
  // Stop the run: halt the account, then change a spare game's books until the run notices
  // (it re-reads the account before a decision, at least every housekeepingMs).
  await engine.store.setHalted('live', true, 'benchmark over', realEngineClock.now());
  let done = false;
  const finished = running.then((report) => {
    done = true;
    return report;
  });
  for (let i = 0; !done && i < 40; i++) {
    world.setBooks(nudge, i % 2 === 0 ? NEAR_MISS_BOOKS : QUIET_BOOKS);
    await Promise.race([finished, sleep(500)]);
  }
  const report = await finished;
  return {
    reactions,
    missed,
    breakdown,
    decisionP99Ms: report.stream?.decisionP99Ms ?? null,
    restBookCalls,
    warmMs,
  };
}

export async function reactionLatency(options: ReactionOptions = {}): Promise<BenchResult> {
  const trials = options.trials ?? 30;
  const loopTrials = options.loopTrials ?? 20;
  const streamTrials = options.streamTrials ?? 30;
  const rttMs = options.rttMs ?? 40;
  const intervalMs = (options.intervalSec ?? 5) * 1_000;
  const random = seededRandom(options.seed ?? 7);
  const loopGames = Math.max(loopTrials, options.loopGames ?? loopTrials);
  const db = await startDynalite();
  const acks = new AckLog();
  // Each design on its own simulators and slate (a polled loop's later rounds read every listed
  // pair's books, so the slate's size matters to (b)); one list of games, so keys never collide.
  const games = syntheticGames(
    trials + loopGames + streamTrials + 1 + 3 * BENCH_LEAGUES.length,
    Date.now(),
    options.seed ?? 7,
  );
  const spare = games.slice(trials + loopGames + streamTrials + 1);
  // A venue lists nothing when one of the configured leagues has no series: every slate covers each league.
  const covering = (slate: GameSpec[]): GameSpec[] => {
    for (const league of BENCH_LEAGUES) {
      if (slate.some((g) => g.league === league)) continue;
      const at = spare.findIndex((g) => g.league === league);
      slate.push(...spare.splice(at, 1));
    }
    return slate;
  };
  const slates = {
    a: covering(games.slice(0, trials)),
    b: covering(games.slice(trials, trials + loopGames)),
    // One spare game after the trials' (c) changes its books to stop the streamed run.
    c: covering(games.slice(trials + loopGames, trials + loopGames + streamTrials + 1)),
  };
  const worlds: BenchWorld[] = [];
  const designWorld = async (slate: readonly GameSpec[]) => {
    const world = await startBenchWorld();
    worlds.push(world);
    for (const g of slate) {
      world.addGame(g);
      world.setBooks(g, QUIET_BOOKS);
    }
    world.kalshiSim.faults.add({ endpoint: '*', latencyMs: rttMs });
    world.polymarketSim.faults.add({ endpoint: '*', latencyMs: rttMs });
    world.setFeedLatency(rttMs);
    const venues = {
      polymarket: new AckRecordingVenue(world.polymarket, acks),
      kalshi: new AckRecordingVenue(world.kalshi, acks),
    };
    return { world, venues };
  };
  try {
    // (a) one scan per minute.
    let { world, venues } = await designWorld(slates.a);
    const oneShot = await benchEngine(db, venues);
    const scanMs: number[] = [];
    const reactionA: number[] = [];
    let missedA = 0;
    for (let i = 0; i < trials; i++) {
      const game = slates.a[i]!;
      const arrivalInMinute = random() * MINUTE_MS;
      world.setBooks(game, ARB_BOOKS);
      const [k, p] = legsOf(game);
      const both = acks.bothFilled(k, p, 30_000);
      const t0 = performance.now();
      await scan(oneShot.deps, oneShot.state, { eventId: `reaction-a-${i}` });
      const at = await both;
      world.setBooks(game, QUIET_BOOKS);
      if (at === null) {
        missedA++;
        continue;
      }
      scanMs.push(at - t0);
      reactionA.push(MINUTE_MS - arrivalInMinute + (at - t0));
    }

    // (b) the sub-minute loop: one invocation looping every N seconds for all trials.
    ({ world, venues } = await designWorld(slates.b));
    const loop = await benchEngine(db, venues);
    const reactionB: number[] = [];
    let missedB = 0;
    const running = scan(loop.deps, loop.state, {
      eventId: 'reaction-b',
      loopUntilMs: Date.now() + loopTrials * (2 * intervalMs + 30_000),
      intervalMs,
    });
    // Let the loop list the slate once before the first trial.
    await sleep(intervalMs);
    for (let j = 0; j < loopTrials; j++) {
      const game = slates.b[j]!;
      await sleep(random() * intervalMs);
      const [k, p] = legsOf(game);
      const both = acks.bothFilled(k, p, 2 * intervalMs + 30_000);
      const t0 = performance.now();
      world.setBooks(game, ARB_BOOKS);
      const at = await both;
      world.setBooks(game, QUIET_BOOKS);
      if (at === null) missedB++;
      else reactionB.push(at - t0);
    }
    await loop.store.setHalted('live', true, 'benchmark over', realEngineClock.now());
    await running;

    // (c) streaming: the clients' book streams, tapped to see when each frame reached the engine.
    ({ world, venues } = await designWorld(slates.c));
    const streamWorld = world;
    const arrivals: { keys: Set<string> | null; atMs: number[] } = { keys: null, atMs: [] };
    const taps = new StreamTaps(
      {
        polymarket: () => streamWorld.polymarket.openBookStream(),
        kalshi: () => streamWorld.kalshi.openBookStream(),
      },
      (_venue, keys, atMs) => {
        if (arrivals.keys && keys.some((k) => arrivals.keys?.has(k))) arrivals.atMs.push(atMs);
      },
    );
    const c =
      streamTrials > 0
        ? await streamedTrials(
            world,
            await benchEngine(db, venues, { config: { marketData: 'stream' }, bookStreams: taps.sources }),
            taps,
            arrivals,
            acks,
            slates.c.slice(0, streamTrials),
            slates.c[streamTrials]!,
            random,
          )
        : null;

    const ratio = (design: string, a: readonly number[], b: readonly number[], how: string): Row => ({
      design,
      cadence: '',
      trials: null,
      missed: null,
      'median s': median(a) / median(b),
      'p90 s': quantile(a, 0.9) / quantile(b, 0.9),
      'p99 s': quantile(a, 0.99) / quantile(b, 0.99),
      'min s': null,
      'max s': null,
      how,
    });
    const part = (design: string, samples: readonly number[], how: string): Row => ({
      design,
      cadence: '',
      trials: samples.length,
      missed: null,
      'median s': median(samples) / 1_000,
      'p90 s': quantile(samples, 0.9) / 1_000,
      'p99 s': quantile(samples, 0.99) / 1_000,
      'min s': Math.min(...samples) / 1_000,
      'max s': Math.max(...samples) / 1_000,
      how,
    });
    const rows: Row[] = [
      summary(
        '(a) one scan per minute',
        '60 s schedule',
        reactionA,
        missedA,
        'wait to next tick modelled (60 s − uniform arrival) + scan measured',
      ),
      summary('(b) sub-minute loop', `every ${intervalMs / 1_000} s`, reactionB, missedB, 'measured end to end'),
      ...(c
        ? [
            summary(
              '(c) streaming',
              'on every book change',
              c.reactions,
              c.missed,
              "measured end to end, from the simulators' book change",
            ),
          ]
        : []),
      ratio('ratio (a)/(b)', reactionA, reactionB, 'how many times faster the loop reacts'),
      ...(c ? [ratio('ratio (b)/(c)', reactionB, c.reactions, 'how many times faster streaming reacts')] : []),
      {
        design: '(a) scan alone',
        cadence: 'measured part of (a)',
        trials: scanMs.length,
        missed: missedA,
        'median s': median(scanMs) / 1_000,
        'p90 s': quantile(scanMs, 0.9) / 1_000,
        'p99 s': quantile(scanMs, 0.99) / 1_000,
        'min s': Math.min(...scanMs) / 1_000,
        'max s': Math.max(...scanMs) / 1_000,
        how: 'scan start → second leg filled',
      },
      ...(c && c.breakdown.length > 0
        ? (
            [
              [
                '(c) first frame at engine',
                'firstFrameMs',
                'change → first frame of the trial handed over by a stream client',
              ],
              [
                '(c) last frame at engine',
                'lastFrameMs',
                'change → last frame before the admission (books decided on)',
              ],
              ['(c) decision', 'decisionMs', 'last frame → admission write starts (queue, cash, plan, risk)'],
              ['(c)   of which cash reads', 'cashReadsMs', 'venue getBalance calls in flight before the admission'],
              ['(c) admission write', 'admissionMs', 'the one conditional write (dynalite)'],
              ['(c) bet read + placing', 'beforeLegsMs', 'admission answered → leg 1 sent'],
              ['(c) leg 1 (Kalshi)', 'leg1Ms', 'order sent → answered'],
              ['(c) record leg 1', 'betweenLegsMs', 'leg 1 answered → leg 2 sent'],
              ['(c) leg 2 (Polymarket)', 'leg2Ms', 'order sent → answered'],
            ] as const
          ).map(([design, key, how]) =>
            part(
              design,
              c.breakdown.map((b) => b[key]),
              how,
            ),
          )
        : []),
    ];
    const goal = c
      ? `(c) goal median ≤ 0.3 s and p99 ≤ 1 s: ${median(c.reactions) <= 300 && quantile(c.reactions, 0.99) <= 1_000 && c.missed === 0 ? 'MET' : 'NOT MET'} (median ${(median(c.reactions) / 1_000).toFixed(3)} s, p99 ${(quantile(c.reactions, 0.99) / 1_000).toFixed(3)} s, ${c.missed} missed).`
      : '(c) skipped (--stream-trials 0).';
    return {
      name: 'reaction-latency',
      title: `Reaction latency (arbitrage appears → both legs filled), ${rttMs} ms injected per request and per WebSocket frame, ${trials} + ${loopTrials} + ${streamTrials} trials`,
      rows,
      notes: [
        'Simulators in real time on 127.0.0.1, every request and every WebSocket frame delayed by the injected latency; live mode with the real venue clients, dynalite store.',
        '(a): wait until the next minute tick is MODELLED from the seeded arrival moment; the scan itself is MEASURED. (b), (c): MEASURED.',
        `(c): one streamed run (scan with marketData 'stream' and a deadline: runStreamScan), books from both simulators' WebSocket feeds; t0 is the instant the simulators' books change (their feeds send the frames then, each ${rttMs} ms late). Streams warm in ${c ? (c.warmMs / 1_000).toFixed(2) : '–'} s; REST book reads during the trials: ${c?.restBookCalls ?? '–'}; the session's own decision p99 ${c?.decisionP99Ms ?? '–'} ms (first waiting change → decision, before admission).`,
        goal,
        '(c) breakdown rows: per-trial parts (each row its own percentiles, so they do not add up exactly).',
        `Each design has its own simulators and slate, listed on both venues: (a) ${slates.a.length}, (b) ${slates.b.length}, (c) ${slates.c.length} games; each trial arbitrages a fresh game (an open bet keeps its pair busy). (b)'s slate matters: after its first round the loop reads every listed pair's books, paced by Kalshi's read budget, and books older than maxBookAgeMs (3 s) when planned are refused (--loop-games to try a larger slate).`,
        'Not included: EventBridge delivery delay and Lambda cold starts (see the cold-start table).',
      ],
      extra: {
        rttMs,
        intervalMs,
        trials,
        loopTrials,
        streamTrials,
        seed: options.seed ?? 7,
        samplesMs: { a: reactionA, aScan: scanMs, b: reactionB, c: c?.reactions ?? [] },
        streamBreakdownMs: c?.breakdown ?? [],
        streamDecisionP99Ms: c?.decisionP99Ms ?? null,
        streamRestBookCalls: c?.restBookCalls ?? null,
      },
    };
  } finally {
    for (const w of worlds) await w.close();
    await db.close();
  }
}
