/**
 * Streaming at scale: 100, 1,000 and 5,000 games per venue listed in the simulators, the engine's
 * streamed run watching every matched pair's six books, and a driver changing random books at a
 * steady rate for a fixed number of changes. The engine runs alone in a fresh `node` process
 * (bench/stream-scale-child.ts, bundled by esbuild the way the scan function is), so its CPU
 * time and memory are its own; the simulators and the driver run here.
 *
 * Reported per size: how long the streams take to warm, the REST book reads the simulators
 * received while the books were streamed (the streamed design's promise: none per round), CPU
 * time per frame and per decision, heap and RSS, and the time from a book change reaching the
 * engine to its pair's decision (StreamDecision.reactionMs, the figure behind the session's
 * decisionP99Ms).
 *
 * The driver: every 50 ms, a burst of changes on random books (a Polymarket token's ask and bid,
 * or one side of a Kalshi market; half of them a price move of one tick or more, half a size
 * change), all priced so no combination is under $1: every change is a full re-plan that finds
 * no edge, never a trade.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { ESBUILD_TARGET } from '../infra/functions';
import type { PairVenue } from '../lib/core/market';
import { seededRandom } from '../local/sim/clock';
import { type GameSpec, kalshiTicker } from '../test/support/engine/sim-world';
import type { BenchResult, Row } from './report';
import type { FromChild, StreamPhaseResult, ToChild } from './stream-scale-protocol';
import { syntheticGames } from './synthetic-games';
import { BENCH_CONFIG, type BenchWorld, QUIET_BOOKS, startBenchWorld } from './world';

const ROOT = resolve(__dirname, '..');
const VENUES = ['polymarket', 'kalshi'] as const;
const TICK_MS = 50;

/**
 * `deployed`: the planner's book-age gate as deployed (POLYMIX_MAX_BOOK_AGE_MS, 3 s), so a quiet
 * trusted book is read again over REST before its pair is planned. `what-if`: the gate at its
 * largest setting (600 s), so no quiet book is ever read again: NOT a configuration to trade with,
 * it shows what the streamed decisions cost without those reads.
 */
export type StreamScenario = 'deployed' | 'what-if';
export const SCENARIO_BOOK_AGE_MS: Readonly<Record<StreamScenario, number>> = {
  deployed: BENCH_CONFIG.risk.maxBookAgeMs,
  'what-if': 600_000,
};

/** Without `sizes`: the deployed setting at every size, the what-if where it matters (a few minutes in all). */
const DEFAULT_SIZES: Readonly<Record<StreamScenario, readonly number[]>> = {
  deployed: [100, 1_000, 5_000],
  'what-if': [1_000, 5_000],
};

export interface StreamScaleOptions {
  /** Games per venue; default DEFAULT_SIZES per scenario. */
  readonly sizes?: readonly number[];
  /** Default both, `deployed` first. */
  readonly scenarios?: readonly StreamScenario[];
  /** How long to wait for the engine to settle after warming and after the last frame. Default 15 s. */
  readonly settleCapMs?: number;
  /** Write a V8 CPU profile of each engine process here (bundle left unminified for readable names). */
  readonly cpuProfileDir?: string;
  /**
   * V8's old-space limit of the engine process, MB (`--max-old-space-size`): what a process in a
   * memory-capped sandbox may be given; absent, V8's default for this machine (GBs), so the heap
   * grows lazily and RSS shows what the process takes when nothing stops it.
   */
  readonly heapCapMb?: number;
  /**
   * Run the engine process with the V8 limits the Lambda Node.js runtime gives a function of
   * this many MB: `--max-semi-space-size` 5 % and `--max-old-space-size` 90 % of it, as the
   * runtime's bootstrap script sets them unless NODE_OPTIONS does (a copy of the node20.x
   * bootstrap: https://gist.github.com/davidjb/432ea4e1c89f399ec412270539fe126f, checked
   * 2026-12-06; not an AWS page, so treat it as a lead). Overrides `heapCapMb`.
   */
  readonly lambdaMemoryMb?: number;
  /**
   * Book changes driven per size. Default 5,000 (25 s at the default rate: longer than the
   * Polymarket stream's 20 s quiet re-snapshot, which a 65 s run meets about three times).
   */
  readonly changes?: number;
  /** Book changes per second. Default 200. */
  readonly rate?: number;
  readonly seed?: number;
}

export interface StreamScaleRun {
  readonly scenario: StreamScenario;
  readonly games: number;
  /** The engine process's V8 flags (v8Limits): empty = V8's defaults. */
  readonly v8Flags: readonly string[];
  readonly watched: Readonly<Record<PairVenue, number>>;
  readonly warmMs: number;
  readonly trustedMs: number;
  readonly pendingAtWarm: number;
  readonly warmRestRequests: number;
  readonly changes: number;
  readonly driveMs: number;
  readonly sentFrames: Readonly<Record<PairVenue, number>>;
  /** REST requests the simulators received during the streamed phase, by endpoint. */
  readonly phaseRequests: Readonly<Record<string, number>>;
  readonly phaseBookReads: number;
  readonly baselineRssMiB: number;
  readonly warmHeapMiB: number;
  readonly result: StreamPhaseResult;
}

/** Runs of this process so far, for the cost model (bench/cost-model.ts) to size memory without running them again. */
export const streamScaleRuns: StreamScaleRun[] = [];

const isBookRead = (endpoint: string) => /orderbook|\/books?$/.test(endpoint);

function countBy(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i] = (out[i] ?? 0) + 1;
  return out;
}

/** The child bundled like the scan function (bench/cold-start.ts, infra/functions.ts): one minified CJS file. */
async function bundleChild(outDir: string, readable: boolean): Promise<string> {
  const outfile = join(outDir, 'stream-scale-child.js');
  await build({
    entryPoints: [join(ROOT, 'bench', 'stream-scale-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: ESBUILD_TARGET,
    format: 'cjs',
    // Readable names in a CPU profile; otherwise minified, as the deployed bundle.
    minify: !readable,
    logLevel: 'silent',
  });
  return outfile;
}

interface Instrument {
  readonly apply: (random: () => number) => void;
}

/** Every changeable book of the slate, each remembering its levels so a change always changes something. */
function instrumentsOf(world: BenchWorld, games: readonly GameSpec[]): Instrument[] {
  const prices = [510_000, 520_000, 530_000, 540_000, 550_000, 560_000];
  const pick = (random: () => number, not: number, from: readonly number[]) => {
    const others = from.filter((v) => v !== not);
    return others[Math.floor(random() * others.length)]!;
  };
  const sizes = [5_000, 7_500, 10_000, 12_500, 15_000];
  const out: Instrument[] = [];
  for (const g of games) {
    for (const tokenId of [g.away.tokenId, g.home.tokenId]) {
      let ask = QUIET_BOOKS.pmAway;
      let size = QUIET_BOOKS.depthCenti;
      out.push({
        apply: (random) => {
          if (random() < 0.5) ask = pick(random, ask, prices);
          else size = pick(random, size, sizes);
          world.polymarketSim.control.setBook(tokenId, {
            asks: [{ priceMicros: ask, sizeCenti: size }],
            bids: [{ priceMicros: ask - 10_000, sizeCenti: size }],
          });
        },
      });
    }
    for (const side of ['away', 'home'] as const) {
      const ticker = kalshiTicker(g, side);
      const asks = { yes: QUIET_BOOKS.kHomeYes, no: QUIET_BOOKS.kHomeNo };
      const size = { yes: QUIET_BOOKS.depthCenti, no: QUIET_BOOKS.depthCenti };
      out.push({
        apply: (random) => {
          const s = random() < 0.5 ? 'yes' : 'no';
          if (random() < 0.5) asks[s] = pick(random, asks[s], prices);
          else size[s] = pick(random, size[s], sizes);
          // A YES ask at p is a NO bid at 1 − p (docs/venues-kalshi.md#k2).
          world.kalshiSim.control.setBook(ticker, {
            noBids: [{ priceMicros: 1_000_000 - asks.yes, sizeCenti: size.yes }],
            yesBids: [{ priceMicros: 1_000_000 - asks.no, sizeCenti: size.no }],
          });
        },
      });
    }
  }
  return out;
}

async function measureSize(
  childFile: string,
  scenario: StreamScenario,
  games: number,
  o: {
    changes: number;
    rate: number;
    seed: number;
    settleCapMs: number;
    cpuProfileDir?: string | undefined;
    heapCapMb?: number | undefined;
    lambdaMemoryMb?: number | undefined;
  },
): Promise<StreamScaleRun> {
  const { changes, rate, seed } = o;
  const world = await startBenchWorld();
  const child = fork(childFile, [], {
    execArgv: [
      '--expose-gc',
      ...v8Limits(o),
      ...(o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: ROOT,
  });
  const inbox: FromChild[] = [];
  const waiters: Array<() => void> = [];
  let exited: string | null = null;
  child.on('message', (m: FromChild) => {
    inbox.push(m);
    for (const w of waiters.splice(0)) w();
  });
  child.on('exit', (code) => {
    exited = `engine process exited (${code})`;
    for (const w of waiters.splice(0)) w();
  });
  const next = async <K extends FromChild['kind']>(kind: K): Promise<Extract<FromChild, { kind: K }>> => {
    for (;;) {
      const error = inbox.find((m) => m.kind === 'error');
      if (error && error.kind === 'error') throw new Error(`engine process: ${error.message}`);
      const i = inbox.findIndex((m) => m.kind === kind);
      if (i >= 0) return inbox.splice(i, 1)[0] as Extract<FromChild, { kind: K }>;
      if (exited) throw new Error(exited);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const tell = (m: ToChild) => child.send(m);
  try {
    const slate = syntheticGames(games, Date.now(), seed);
    for (const g of slate) {
      world.addGame(g);
      world.setBooks(g, QUIET_BOOKS);
    }
    const restStart = { k: world.kalshiLog.mark, p: world.polymarketLog.mark };
    tell({
      kind: 'start',
      endpoints: world.endpoints,
      games,
      maxBookAgeMs: SCENARIO_BOOK_AGE_MS[scenario],
      settleCapMs: o.settleCapMs,
    });
    const warm = await next('warm');
    const warmRestRequests = world.kalshiLog.mark - restStart.k + (world.polymarketLog.mark - restStart.p);

    const hubs = { polymarket: world.polymarketSim.feed.hub, kalshi: world.kalshiSim.feed.hub };
    const sentMark = Object.fromEntries(VENUES.map((v) => [v, hubs[v].stats().sent])) as Record<PairVenue, number>;
    const restMark = { k: world.kalshiLog.mark, p: world.polymarketLog.mark };
    tell({ kind: 'go' });
    await next('ready');

    const random = seededRandom(seed + games);
    const books = instrumentsOf(world, slate);
    const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1_000));
    const t0 = performance.now();
    let done = 0;
    for (let tick = 0; done < changes; tick++) {
      const wait = t0 + tick * TICK_MS - performance.now();
      if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
      world.inOneBurst(() => {
        for (let i = 0; i < perTick && done < changes; i++, done++)
          books[Math.floor(random() * books.length)]!.apply(random);
      });
    }
    const driveMs = performance.now() - t0;
    await Promise.all(VENUES.map((v) => hubs[v].drained()));
    const sentFrames = Object.fromEntries(VENUES.map((v) => [v, hubs[v].stats().sent - sentMark[v]])) as Record<
      PairVenue,
      number
    >;
    tell({ kind: 'sent', frames: sentFrames });
    const { result } = await next('result');
    const phase = [
      ...world.kalshiLog.since(restMark.k).map((a) => `K ${a.endpoint}`),
      ...world.polymarketLog.since(restMark.p).map((a) => `P ${a.endpoint}`),
    ];
    tell({ kind: 'stop' });
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    const run: StreamScaleRun = {
      scenario,
      games,
      v8Flags: v8Limits(o),
      watched: warm.watched,
      warmMs: warm.warmMs,
      trustedMs: warm.trustedMs,
      pendingAtWarm: warm.pendingAtWarm,
      warmRestRequests,
      changes,
      driveMs,
      sentFrames,
      phaseRequests: countBy(phase),
      phaseBookReads: phase.filter(isBookRead).length,
      baselineRssMiB: warm.baseline.rssMiB,
      warmHeapMiB: warm.warm.heapUsedMiB,
      result,
    };
    streamScaleRuns.push(run);
    return run;
  } finally {
    if (child.exitCode === null) child.kill();
    await world.close();
  }
}

/** The engine process's V8 limits: as the Lambda runtime sets them, or the old-space cap alone, or V8's defaults. */
export function v8Limits(o: { heapCapMb?: number | undefined; lambdaMemoryMb?: number | undefined }): string[] {
  if (o.lambdaMemoryMb)
    return [
      `--max-semi-space-size=${Math.floor((o.lambdaMemoryMb * 5) / 100)}`,
      `--max-old-space-size=${Math.floor((o.lambdaMemoryMb * 90) / 100)}`,
    ];
  return o.heapCapMb ? [`--max-old-space-size=${o.heapCapMb}`] : [];
}

/** Runs the streamed scenario at each size (a fresh engine process each) and returns the runs. */
export async function streamScale(options: StreamScaleOptions = {}): Promise<StreamScaleRun[]> {
  const o = {
    changes: options.changes ?? 5_000,
    rate: options.rate ?? 200,
    seed: options.seed ?? 11,
    settleCapMs: options.settleCapMs ?? 15_000,
    cpuProfileDir: options.cpuProfileDir,
    heapCapMb: options.heapCapMb,
    lambdaMemoryMb: options.lambdaMemoryMb,
  };
  const outDir = mkdtempSync(join(tmpdir(), 'polymix-bench-stream-'));
  try {
    const childFile = await bundleChild(outDir, o.cpuProfileDir !== undefined);
    const runs: StreamScaleRun[] = [];
    for (const scenario of options.scenarios ?? (['deployed', 'what-if'] as const))
      for (const size of options.sizes ?? DEFAULT_SIZES[scenario])
        runs.push(await measureSize(childFile, scenario, size, o));
    return runs;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** One table row per run. */
export function streamScaleRow(r: StreamScaleRun): Row {
  const x = r.result;
  const frames = x.frames.polymarket + x.frames.kalshi;
  const delta = (k: 'fallbackPolls' | 'quietRefreshCalls') => x.figuresAfter[k] - x.figuresBefore[k];
  return {
    scenario: r.scenario === 'deployed' ? 'as deployed (book age 3 s)' : 'what-if: no quiet reads (600 s)',
    'games/venue': r.games,
    'books watched': r.watched.polymarket + r.watched.kalshi,
    'trusted s': r.trustedMs / 1_000,
    'warm s': r.warmMs / 1_000,
    'settled at warm': r.pendingAtWarm === 0,
    'changes/s': (r.changes * 1_000) / r.driveMs,
    frames,
    decisions: x.decisions,
    'REST book reads': r.phaseBookReads,
    'fallback polls': delta('fallbackPolls'),
    'quiet-refresh calls': delta('quietRefreshCalls'),
    'CPU µs/frame': frames > 0 ? (x.cpuMs * 1_000) / frames : null,
    'CPU µs/decision': x.decisions > 0 ? (x.cpuMs * 1_000) / x.decisions : null,
    'CPU % of a core': (100 * x.cpuMs) / x.wallMs,
    'decision p50 ms': x.reactionMs?.p50 ?? null,
    'decision p99 ms': x.reactionMs?.p99 ?? null,
    'decision max ms': x.reactionMs?.max ?? null,
    'session p99 ms': x.figuresAfter.decisionP99Ms,
    'p99 ≤ 5 ms': x.reactionMs && x.backlog === 0 ? x.reactionMs.p99 <= 5 : false,
    drained: x.backlog === 0,
    'heap warm MiB': r.warmHeapMiB,
    'heap end (GC) MiB': x.endAfterGcHeapMiB,
    'RSS base MiB': r.baselineRssMiB,
    'RSS peak MiB': x.lifetimePeakRssMiB,
  };
}

export async function streamScaleBench(options: StreamScaleOptions = {}): Promise<BenchResult> {
  const runs = await streamScale(options);
  const rows = runs.map(streamScaleRow);
  const rate = options.rate ?? 200;
  const deployed = runs.filter((r) => r.scenario === 'deployed');
  const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  const notes = [
    `Goals (as deployed): zero REST book reads once warm: ${verdict(deployed.every((r) => r.phaseBookReads === 0))}; decision p99 ≤ 5 ms: ${verdict(deployed.every((r) => r.result.backlog === 0 && (r.result.reactionMs?.p99 ?? Infinity) <= 5))}.`,
    `The engine alone in a fresh node process (bundled by esbuild, minified CJS, as the scan function), live mode, real clients, dynalite in its own process; the simulators and the driver in this one, no injected latency; V8 limits ${v8Limits(options).join(' ') || "V8's defaults (no cap)"}${options.lambdaMemoryMb ? ` (as the Lambda runtime sets them at ${options.lambdaMemoryMb} MB)` : ''}. Driver: a burst every ${TICK_MS} ms, ${rate} changes/s asked (the "changes/s" column is what this process managed), on random books, none with an edge: every decision is a full re-plan that finds none.`,
    'Scenarios: "as deployed" plans with maxBookAgeMs 3 s (POLYMIX_MAX_BOOK_AGE_MS), so a trusted book quiet for longer is read again over REST before its pair is planned (docs/engine.md#streaming, Trust); "what-if" sets it to 600 s so no book is read again: NOT a setting to trade with, it shows the streamed decisions without those reads.',
    'trusted s: StreamScan.open (claim, reconcile, streams opened, listings read and matched, every pair watched, lease) until every watched book is trusted; warm s: until no pair waits either (capped; "settled at warm" false = still deciding when the driver started).',
    'REST book reads: requests to the simulators\' book endpoints during the phase, as they received them; "fallback polls" are the session\'s polls for books no stream vouches for (what a polling round reads), "quiet-refresh calls" its reads of quiet trusted books before planning.',
    'CPU: user + system time of the engine process over the phase (first change until every frame was received and no pair waited, or the cap), per frame received (heartbeats included) and per decision; "% of a core" over the same wall time.',
    'Decision: StreamDecision.reactionMs, from the pair\'s first waiting book change (as the stream client handed it over) to the decision, before any admission, for the decisions returned in the phase; "session p99" is the session\'s own decisionP99Ms over the whole run (warm-up included). drained false: pairs still waiting when the cap ran out (their wait is not in the percentiles).',
    "Memory: heap after GC once warm and at the end; RSS before the run opened (the bundled engine idle) and the process's lifetime peak (getrusage maxrss).",
    ...runs.map(
      (r) =>
        `${r.scenario} ${r.games.toLocaleString('en-US')} games: phase REST requests ${JSON.stringify(r.phaseRequests)}; warm-up REST requests ${r.warmRestRequests}; outcomes ${JSON.stringify(r.result.outcomes)}; frames sent ${JSON.stringify(r.sentFrames)}; decisions timed ${r.result.timedDecisions}.`,
    ),
  ];
  return {
    name: 'stream-scale',
    title: `Streaming at scale (engine process alone, books from the simulators' WebSocket feeds, ${options.changes ?? 5_000} book changes per size)`,
    rows,
    notes,
    extra: { runs },
  };
}
