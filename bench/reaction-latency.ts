/**
 * Reaction latency: from the moment an arbitrage appears on both venues to the moment both
 * legs are acknowledged as filled, with an injected round trip on every simulator request
 * (FaultInjector latency on `*`), over seeded trials, for
 *   (a) one scan per scheduled minute (the original PolyMix's design, a scheduled scan), and
 *   (b) the sub-minute loop (`scan` with `loopUntilMs` and `intervalMs`, every N seconds).
 *
 * (a) is part measured, part modelled: the arbitrage appears at a seeded uniform moment u in
 * the minute and waits 60 s − u for the next scheduled scan (MODELLED: nobody waits a real
 * minute per trial); that scan's own time, from its start to the second leg's fill, is
 * MEASURED for real (claim, reconcile, lease, discovery, books, plan, admission, both orders).
 * Lambda's invocation and cold-start delays are in neither figure.
 * (b) is fully measured: one long-running loop; each trial waits a seeded uniform 0..N s,
 * pushes the arbitrage into both simulators, and times until both legs are filled.
 */
import { performance } from 'node:perf_hooks';
import { scan } from '../lib/engine';
import { seededRandom } from '../local/sim/clock';
import { startDynalite } from '../test/support/dynalite';
import { type GameSpec, kalshiTicker } from '../test/support/engine/sim-world';
import { AckLog, AckRecordingVenue } from './ack-recorder';
import type { BenchResult, Row } from './report';
import { median, quantile } from './stats';
import { syntheticGames } from './synthetic-games';
import { ARB_BOOKS, benchEngine, QUIET_BOOKS, realEngineClock, startBenchWorld } from './world';

export interface ReactionOptions {
  /** Trials of (a). Default 30. */
  readonly trials?: number;
  /** Trials of (b), each costing about N s of real time. Default 20. */
  readonly loopTrials?: number;
  /** Injected latency per simulator request, ms. Default 40. */
  readonly rttMs?: number;
  /** Sub-minute loop interval, s. Default 5. */
  readonly intervalSec?: number;
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
    'p99 s': quantile(samples, 0.99) / 1_000,
    'min s': Math.min(...samples) / 1_000,
    'max s': Math.max(...samples) / 1_000,
    how,
  };
}

export async function reactionLatency(options: ReactionOptions = {}): Promise<BenchResult> {
  const trials = options.trials ?? 30;
  const loopTrials = options.loopTrials ?? 20;
  const rttMs = options.rttMs ?? 40;
  const intervalMs = (options.intervalSec ?? 5) * 1_000;
  const random = seededRandom(options.seed ?? 7);
  const db = await startDynalite();
  const world = await startBenchWorld();
  const acks = new AckLog();
  const venues = {
    polymarket: new AckRecordingVenue(world.polymarket, acks),
    kalshi: new AckRecordingVenue(world.kalshi, acks),
  };
  try {
    const games = syntheticGames(trials + loopTrials, Date.now(), options.seed ?? 7);
    for (const g of games) {
      world.addGame(g);
      world.setBooks(g, QUIET_BOOKS);
    }
    world.kalshiSim.faults.add({ endpoint: '*', latencyMs: rttMs });
    world.polymarketSim.faults.add({ endpoint: '*', latencyMs: rttMs });

    // (a) one scan per minute.
    const oneShot = await benchEngine(db, venues);
    const scanMs: number[] = [];
    const reactionA: number[] = [];
    let missedA = 0;
    for (let i = 0; i < trials; i++) {
      const game = games[i]!;
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
      const game = games[trials + j]!;
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

    const ratioMedian = median(reactionA) / median(reactionB);
    const ratioP99 = quantile(reactionA, 0.99) / quantile(reactionB, 0.99);
    const rows: Row[] = [
      summary(
        '(a) one scan per minute',
        '60 s schedule',
        reactionA,
        missedA,
        'wait to next tick modelled (60 s − uniform arrival) + scan measured',
      ),
      summary('(b) sub-minute loop', `every ${intervalMs / 1_000} s`, reactionB, missedB, 'measured end to end'),
      {
        design: 'ratio (a)/(b)',
        cadence: '',
        trials: null,
        missed: null,
        'median s': ratioMedian,
        'p99 s': ratioP99,
        'min s': null,
        'max s': null,
        how: 'how many times faster the loop reacts',
      },
      {
        design: '(a) scan alone',
        cadence: 'measured part of (a)',
        trials: scanMs.length,
        missed: missedA,
        'median s': median(scanMs) / 1_000,
        'p99 s': quantile(scanMs, 0.99) / 1_000,
        'min s': Math.min(...scanMs) / 1_000,
        'max s': Math.max(...scanMs) / 1_000,
        how: 'scan start → second leg filled',
      },
    ];
    return {
      name: 'reaction-latency',
      title: `Reaction latency (arbitrage appears → both legs filled), ${rttMs} ms injected per request, ${trials} + ${loopTrials} trials`,
      rows,
      notes: [
        'Simulators in real time on 127.0.0.1, every request delayed by the injected latency; live mode with the real venue clients, dynalite store.',
        '(a): wait until the next minute tick is MODELLED from the seeded arrival moment; the scan itself is MEASURED. (b): MEASURED.',
        `The slate has ${trials + loopTrials} games listed on both venues; each trial arbitrages a fresh game (an open bet keeps its pair busy).`,
        'Not included: EventBridge delivery delay and Lambda cold starts (see the cold-start table).',
      ],
      extra: {
        rttMs,
        intervalMs,
        trials,
        loopTrials,
        seed: options.seed ?? 7,
        samplesMs: { a: reactionA, aScan: scanMs, b: reactionB },
      },
    };
  } finally {
    await world.close();
    await db.close();
  }
}
