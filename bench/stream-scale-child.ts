/**
 * The engine side of the streaming scale benchmark (bench/stream-scale.ts), run ALONE in a fresh
 * `node` process, bundled by esbuild the way the scan function is, so the CPU time and memory
 * measured here are what a scan-and-trade process needs: the real venue clients and their book
 * streams, the engine's streamed run (StreamScan: claim, reconcile, open, lease, then step on
 * every book change), a DynamoDB client. dynalite runs in a process of its own
 * (bench/dynalite-process.ts); the simulators and the driver run in the parent.
 *
 * The loop is `runStreamScan`'s (step, then wait for a change or the next due work) with a stop
 * flag and the decisions kept, so the parent can end the run when its phase is over instead of
 * at a deadline.
 */
import { performance } from 'node:perf_hooks';
import type { PairVenue } from '../lib/core/market';
import { percentile, type StreamDecision, StreamScan } from '../lib/engine';
import { BENCH_CONFIG, benchClients, benchEngine } from './bench-engine';
import { startDynaliteProcess } from './dynalite-process';
import type { FromChild, MemorySample, StreamPhaseResult, ToChild } from './stream-scale-protocol';
import { StreamTaps } from './stream-tap';

const MiB = 2 ** 20;
const VENUES = ['polymarket', 'kalshi'] as const;

const send = (m: FromChild) => process.send?.(m);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function memory(): MemorySample {
  const m = process.memoryUsage();
  return { rssMiB: m.rss / MiB, heapUsedMiB: m.heapUsed / MiB };
}

/** Resolves with the next message of `kind` from the parent. */
function next<K extends ToChild['kind']>(kind: K): Promise<Extract<ToChild, { kind: K }>> {
  return new Promise((resolve) => {
    const on = (m: ToChild) => {
      if (m.kind !== kind) return;
      process.off('message', on);
      resolve(m as Extract<ToChild, { kind: K }>);
    };
    process.on('message', on);
  });
}

async function main(): Promise<void> {
  const start = await next('start');
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const db = await startDynaliteProcess();
  const clients = benchClients(start.endpoints);
  const taps = new StreamTaps({
    polymarket: () => clients.polymarket.openBookStream(),
    kalshi: () => clients.kalshi.openBookStream(),
  });
  const engine = await benchEngine(db, clients, {
    config: { marketData: 'stream', risk: { ...BENCH_CONFIG.risk, maxBookAgeMs: start.maxBookAgeMs } },
    bookStreams: taps.sources,
  });
  gc();
  const baseline = memory();
  const t0 = performance.now();
  const run = await StreamScan.open(engine.deps, engine.state, { eventId: `stream-scale-${start.games}` });
  const session = run.session;
  if (!session) throw new Error(`streamed run skipped: ${run.report.skipped}`);

  let stop = false;
  let stepping = false;
  let collect = false;
  const decided: StreamDecision[] = [];
  const loop = (async () => {
    while (!stop && run.trading) {
      run.report.rounds += 1;
      stepping = true;
      const decisions = await run.step();
      stepping = false;
      if (collect) decided.push(...decisions);
      if (stop || !run.trading) break;
      await session.waitForChange(run.nextDueMs());
    }
  })();
  /** No pair waiting and no step running, for `quietMs` in a row; false after `timeoutMs`. */
  const idle = async (quietMs: number, timeoutMs: number): Promise<boolean> => {
    const t = performance.now();
    let since: number | null = null;
    while (performance.now() - t < timeoutMs) {
      if (session.pendingPairs() === 0 && !stepping) {
        since ??= performance.now();
        if (performance.now() - since >= quietMs) return true;
      } else since = null;
      await sleep(20);
    }
    return false;
  };

  await taps.warm({ polymarket: 2 * start.games, kalshi: 4 * start.games }, 300_000);
  const trustedMs = performance.now() - t0;
  const settled = await idle(500, start.settleCapMs);
  const warmMs = performance.now() - t0;
  gc();
  send({
    kind: 'warm',
    warmMs,
    trustedMs,
    pendingAtWarm: settled ? 0 : Math.max(1, session.pendingPairs()),
    watched: { polymarket: taps.health('polymarket').watched, kalshi: taps.health('kalshi').watched },
    baseline,
    warm: memory(),
  });

  await next('go');
  const frames0 = Object.fromEntries(VENUES.map((v) => [v, taps.health(v).messages])) as Record<PairVenue, number>;
  const figuresBefore = session.figuresNow();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  collect = true;
  send({ kind: 'ready' });

  const { frames: sent } = await next('sent');
  const received = () =>
    Object.fromEntries(VENUES.map((v) => [v, taps.health(v).messages - frames0[v]])) as Record<PairVenue, number>;
  const t1 = performance.now();
  // health() walks every watched book: asked every 100 ms, not in a tight loop.
  while (performance.now() - t1 < 120_000 && VENUES.some((v) => received()[v] < sent[v])) await sleep(100);
  const drained = await idle(300, start.settleCapMs);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - wall0;
  collect = false;
  const end = memory();
  const figuresAfter = session.figuresNow();
  gc();
  const endAfterGcHeapMiB = memory().heapUsedMiB;
  const reactions = decided.map((d) => d.reactionMs);
  const outcomes: Record<string, number> = {};
  for (const d of decided) outcomes[d.outcome] = (outcomes[d.outcome] ?? 0) + 1;
  const result: StreamPhaseResult = {
    frames: received(),
    decisions: figuresAfter.decisions - figuresBefore.decisions,
    timedDecisions: decided.length,
    reactionMs:
      reactions.length === 0
        ? null
        : {
            p50: percentile(reactions, 50) ?? 0,
            p99: percentile(reactions, 99) ?? 0,
            max: Math.max(...reactions),
          },
    outcomes,
    cpuMs: (cpu.user + cpu.system) / 1_000,
    wallMs,
    figuresBefore,
    figuresAfter,
    backlog: drained ? 0 : Math.max(1, session.pendingPairs()),
    end,
    endAfterGcHeapMiB,
    sampledPeakRssMiB: Math.max(peakRss, process.memoryUsage().rss) / MiB,
    // ru_maxrss is in KiB on Linux.
    lifetimePeakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  send({ kind: 'result', result });

  await next('stop');
  stop = true;
  // Closing ends a step still deciding a batch at its next decision (the run no longer trades).
  await run.close();
  await Promise.race([loop, sleep(10_000)]);
  clearInterval(sampler);
  await db.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  send({ kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  setTimeout(() => process.exit(1), 100);
});
