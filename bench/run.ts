/**
 * `npm run bench`: every benchmark in turn, each printing its table and writing
 * bench/results/<name>.json. Only 127.0.0.1 is used (simulators, dynalite).
 *
 *   npm run bench                      all four
 *   npm run bench -- latency scale     some of them (latency, scale, cold, cost, leagues)
 *   npm run bench -- --trials 30 --interval 5 --rtt 40 --sizes 100,1000,5000
 */
import { performance } from 'node:perf_hooks';
import { coldStart } from './cold-start';
import { costModel } from './cost-model';
import { leaguesBench } from './leagues';
import { reactionLatency } from './reaction-latency';
import { type BenchResult, publish } from './report';
import { scanScale } from './scan-scale';
import { type StreamScenario, streamScaleBench } from './stream-scale';

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Flags without a value. */
const SWITCHES = new Set(['--no-poll', '--no-stream', '--no-stream-memory']);

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const takesValue = (a: string | undefined) => a !== undefined && a.startsWith('--') && !SWITCHES.has(a);
  const positional = args.filter((a, i) => !a.startsWith('--') && !takesValue(args[i - 1]));
  const wanted = new Set(positional.length > 0 ? positional : ['latency', 'scale', 'cold', 'cost']);
  const trials = num(flag(args, 'trials'));
  const loopTrials = num(flag(args, 'loop-trials'));
  const streamTrials = num(flag(args, 'stream-trials'));
  const loopGames = num(flag(args, 'loop-games'));
  const sizes = flag(args, 'sizes')?.split(',').map(Number);
  const streamSizes = flag(args, 'stream-sizes')?.split(',').map(Number);
  const streamChanges = num(flag(args, 'stream-changes'));
  const streamRate = num(flag(args, 'stream-rate'));
  const streamScenarios = flag(args, 'stream-scenarios')?.split(',') as StreamScenario[] | undefined;
  const settleSec = num(flag(args, 'stream-settle'));
  const cpuProfileDir = flag(args, 'stream-cpu-prof');
  const heapCapMb = num(flag(args, 'stream-heap-mb'));
  const lambdaMemoryMb = num(flag(args, 'stream-lambda-mb'));
  const benches: Array<[string, () => Promise<BenchResult | BenchResult[]>]> = [
    [
      'latency',
      () =>
        reactionLatency({
          ...(trials !== undefined ? { trials } : {}),
          ...(loopTrials !== undefined ? { loopTrials } : {}),
          ...(streamTrials !== undefined ? { streamTrials } : {}),
          ...(loopGames !== undefined ? { loopGames } : {}),
          ...(num(flag(args, 'interval')) !== undefined ? { intervalSec: num(flag(args, 'interval'))! } : {}),
          ...(num(flag(args, 'rtt')) !== undefined ? { rttMs: num(flag(args, 'rtt'))! } : {}),
        }),
    ],
    [
      'scale',
      async () => [
        ...(args.includes('--no-poll') ? [] : [await scanScale(sizes ? { sizes, everyScenario: true } : {})]),
        ...(args.includes('--no-stream')
          ? []
          : [
              await streamScaleBench({
                ...(streamSizes ? { sizes: streamSizes } : {}),
                ...(streamChanges !== undefined ? { changes: streamChanges } : {}),
                ...(streamRate !== undefined ? { rate: streamRate } : {}),
                ...(streamScenarios ? { scenarios: streamScenarios } : {}),
                ...(settleSec !== undefined ? { settleCapMs: settleSec * 1_000 } : {}),
                ...(cpuProfileDir ? { cpuProfileDir } : {}),
                ...(heapCapMb !== undefined ? { heapCapMb } : {}),
                ...(lambdaMemoryMb !== undefined ? { lambdaMemoryMb } : {}),
              }),
            ]),
      ],
    ],
    ['cold', () => coldStart()],
    ['cost', () => costModel(args.includes('--no-stream-memory') ? { streamedMemory: false } : {})],
    ['leagues', () => leaguesBench()],
  ];
  const started = performance.now();
  let failed = 0;
  for (const [name, run] of benches) {
    if (!wanted.has(name)) continue;
    const t0 = performance.now();
    try {
      const files = [await run()].flat().map(publish);
      console.log(`  (${name}: ${((performance.now() - t0) / 1_000).toFixed(1)} s, ${files.join(', ')})`);
    } catch (err) {
      failed++;
      console.error(`\n== ${name} FAILED ==\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  console.log(
    `\nbench done in ${((performance.now() - started) / 1_000).toFixed(1)} s${failed ? `, ${failed} failed` : ''}`,
  );
  process.exitCode = failed ? 1 : 0;
}

void main();
