/**
 * Monthly AWS cost of the synthesized stack at its default schedules, for the one-pass scan
 * (one scan per scheduled minute), the sub-minute loop (the invocation keeps scanning every
 * N seconds until its deadline) and streaming (the invocation holds both venues' book streams
 * until its deadline and trades on book changes; runs overlap by a few seconds).
 *
 * From the stack itself (synthesized with the test fixture handlers, so no bundling of the real
 * ones): each function's memory, timeout and architecture, the schedules' rates, the trading
 * limits in the functions' environment, and the count of fixed-price resources.
 * MEASURED here: DynamoDB calls and capacity units of real scans and settles against dynalite
 * (bench/dynamo-meter.ts), and the wall time of a quiet scan and settle with 40 ms injected per
 * venue request; for streaming, the DynamoDB use of a streamed run kept busy by a book change
 * every second (scripted streams on the manual clock), and the peak RSS of the engine process
 * in the streaming scale runs (bench/stream-scale.ts), to say whether the memory holds.
 * MODELLED: everything below marked "assumed".
 */
import { performance } from 'node:perf_hooks';
import { METRIC } from '../infra/metric-names';
import { reconcile, scan, settle } from '../lib/engine';
import { startDynalite } from '../test/support/dynalite';
import { clearBooks, engineHarness, setArbBooks } from '../test/support/engine/engine-fixture';
import { fakeStreams, gameInstruments } from '../test/support/engine/fake-stream';
import {
  type GameSpec,
  kalshiTicker,
  LAL_BOS,
  MORE_GAMES,
  NYK_MIA,
  startSimWorld,
} from '../test/support/engine/sim-world';
import { synthPolyMix } from '../test/support/infra/synth';
import { DynamoMeter, type MeterReading } from './dynamo-meter';
import type { BenchResult, Row } from './report';
import { median } from './stats';
import { type StreamScaleRun, streamScale, streamScaleRuns, v8Limits } from './stream-scale';

/**
 * Public us-east-1 prices, checked 2026-11-25 against aws.amazon.com/lambda/pricing and
 * aws.amazon.com/dynamodb/pricing/on-demand (as quoted by several 2025–2026 summaries; the
 * pages themselves were not reachable from here). ASSUMPTIONS: re-check before relying on them.
 */
export const PRICES_USD = {
  lambdaArmGbSecond: 0.0000133334,
  lambdaPerRequest: 0.2 / 1e6,
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoReadUnit: 0.125 / 1e6,
  /** API Gateway REST API, first 333 M requests. */
  apiGatewayRestPerRequest: 3.5 / 1e6,
  /** SNS publish (the delivery to email/SMS is priced separately and not modelled). */
  snsPublish: 0.5 / 1e6,
  kmsKeyMonth: 1,
  secretMonth: 0.4,
  alarmMonth: 0.1,
  /** CloudWatch custom metric (first 10,000), per metric-month; NOT in the total, see the notes. */
  customMetricMonth: 0.3,
} as const;

/** Assumed usage that the stack does not say. */
export const ASSUMED = {
  daysPerMonth: 30,
  /** API calls per day (someone checks state and metrics now and then). */
  apiCallsPerDay: 200,
  apiDurationSec: 0.1,
  apiReadUnitsPerCall: 4,
  /** Notifications per trade (New Arb) plus a few alerts a day. */
  notificationsPerDay: 15,
  subMinuteIntervalSec: 5,
  /** Lambda gives a function one vCPU at 1,769 MB, in proportion below (AWS Lambda docs, memory and computing power). */
  lambdaMbPerVcpu: 1_769,
};

interface FunctionSpec {
  memoryMb: number;
  timeoutSec: number;
  arch: string;
  env: Record<string, string>;
}

function stackFacts() {
  const synth = synthPolyMix({ nag: false });
  try {
    const t = synth.template.toJSON() as {
      Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    };
    const fns: Record<string, FunctionSpec> = {};
    const count: Record<string, number> = {};
    const rates: string[] = [];
    for (const [id, r] of Object.entries(t.Resources)) {
      count[r.Type] = (count[r.Type] ?? 0) + 1;
      const p = r.Properties ?? {};
      if (r.Type === 'AWS::Lambda::Function') {
        const name = /Scan/.test(id) ? 'scan' : /Settle/.test(id) ? 'settle' : /Api/.test(id) ? 'api' : id;
        const env = ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<
          string,
          unknown
        >;
        fns[name] = {
          memoryMb: Number(p.MemorySize ?? 128),
          timeoutSec: Number(p.Timeout ?? 3),
          arch: ((p.Architectures as string[] | undefined) ?? ['x86_64']).join(','),
          env: Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<
            string,
            string
          >,
        };
      }
      if (r.Type === 'AWS::Events::Rule' && typeof p.ScheduleExpression === 'string') rates.push(p.ScheduleExpression);
    }
    return { fns, count, rates };
  } finally {
    synth.cleanup();
  }
}

function perMinute(rate: string): number {
  const m = /^rate\((\d+) minutes?\)$/.exec(rate);
  if (!m) throw new Error(`unexpected schedule ${rate}`);
  return 1 / Number(m[1]);
}

/**
 * functions/scan-and-trade/handler.ts loops until the Lambda deadline minus DEADLINE_MARGIN_MS
 * (8 s). Not imported: importing the handler module builds its logger and runtime.
 */
const HANDLER_DEADLINE_MARGIN_SEC = 8;

const GAMES: readonly GameSpec[] = [LAL_BOS, NYK_MIA, ...MORE_GAMES];

/** DynamoDB use and wall time of scans and settles, measured on dynalite + both simulators. */
async function measureEngine(loopWindowMs: number, intervalMs: number) {
  const db = await startDynalite();
  const meter = new DynamoMeter(db.client);
  const world = await startSimWorld({ timeoutMs: 5_000 });
  try {
    for (const g of GAMES) {
      world.addGame(g);
      clearBooks(world, g);
    }
    world.kalshiSim.faults.add({ endpoint: '*', latencyMs: 40 });
    world.polymarketSim.faults.add({ endpoint: '*', latencyMs: 40 });
    const h = await engineHarness(db, world, {
      mode: 'paper',
      config: {
        risk: {
          minRoiPpm: 10_000,
          maxPositionMicros: 100_000_000,
          maxDailyTrades: 1_000,
          dailyLossLimitMicros: 1_000_000_000,
          maxBookAgeMs: 3_000,
        },
      },
    });
    meter.take();
    const quietScans: MeterReading[] = [];
    const scanMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await scan(h.deps, h.state, { eventId: `cost-quiet-${i}` });
      scanMs.push(performance.now() - t0);
      quietScans.push(meter.take());
      world.clock.advance(60_000);
    }
    const loopReport = await scan(h.deps, h.state, {
      eventId: 'cost-loop',
      loopUntilMs: world.clock.now() + loopWindowMs,
      intervalMs,
    });
    const loop = meter.take();
    world.clock.advance(60_000);
    // A streamed run until the same deadline, on scripted streams, kept busy: every second one
    // Polymarket book changes (never an edge), so a pair is decided and housekept as it would be.
    const fs = fakeStreams(world.clock);
    const instruments = GAMES.map(gameInstruments);
    for (const ids of instruments) {
      for (const i of ids.polymarket)
        fs.polymarket.snapshot(i, { asks: [{ priceMicros: 600_000, sizeCenti: 10_000 }] });
      for (const i of ids.kalshi) fs.kalshi.snapshot(i, { asks: [{ priceMicros: 600_000, sizeCenti: 10_000 }] });
    }
    let changes = 0;
    const busyClock = {
      now: () => world.clock.now(),
      sleep: async (ms: number) => {
        await world.clock.sleep(Math.min(ms, 1_000));
        changes += 1;
        const ids = instruments[changes % instruments.length]!;
        fs.polymarket.update(ids.polymarket[changes % 2]!, {
          asks: [{ priceMicros: 600_000 + (changes % 3) * 10_000, sizeCenti: 10_000 }],
        });
      },
    };
    const s0 = performance.now();
    const streamReport = await scan(
      {
        ...h.deps,
        config: { ...h.deps.config, marketData: 'stream' },
        bookStreams: fs.sources,
        clock: busyClock,
      },
      h.state,
      { eventId: 'cost-stream', loopUntilMs: world.clock.now() + loopWindowMs },
    );
    const streamWallMs = performance.now() - s0;
    const streamed = meter.take();
    if (streamReport.marketData !== 'stream') throw new Error('cost model: the streamed run did not stream');
    world.clock.advance(60_000);
    setArbBooks(world, 10_000, LAL_BOS);
    const tradeReport = await scan(h.deps, h.state, { eventId: 'cost-trade' });
    const trade = meter.take();
    clearBooks(world, LAL_BOS);
    const settleMs: number[] = [];
    const quietSettles: MeterReading[] = [];
    for (let i = 0; i < 5; i++) {
      world.clock.advance(60_000);
      const t0 = performance.now();
      await settle(h.deps, h.state, `cost-settle-${i}`);
      settleMs.push(performance.now() - t0);
      quietSettles.push(meter.take());
    }
    // Resolve the traded game (Lakers win) and settle the bet once.
    world.polymarketSim.control.resolve(LAL_BOS.conditionId, { winnerTokenId: LAL_BOS.away.tokenId });
    world.kalshiSim.control.settle(kalshiTicker(LAL_BOS, 'away'), 'yes');
    world.kalshiSim.control.settle(kalshiTicker(LAL_BOS, 'home'), 'no');
    world.clock.advance(60_000);
    const settled = await settle(h.deps, h.state, 'cost-settle-bet');
    const settleBet = meter.take();
    await reconcile(h.deps, h.state, 'cost-end', { drift: false });
    return {
      quietScan: quietScans[quietScans.length - 1]!,
      scanMs: median(scanMs),
      loop,
      loopRounds: loopReport.rounds,
      streamed,
      streamWallMs,
      streamDecisions: streamReport.stream?.decisions ?? 0,
      trade,
      traded: tradeReport.traded,
      quietSettle: quietSettles[quietSettles.length - 1]!,
      settleMs: median(settleMs),
      settleBet,
      settledBets: settled.bets.filter((b) => b.state === 'settled').length,
    };
  } finally {
    await world.close();
    await db.close();
  }
}

const usd = (n: number) => Math.round(n * 100) / 100;

/**
 * Peak RSS of the streaming engine process under the V8 limits the Lambda runtime gives a
 * function of `memoryMb` (bench/stream-scale.ts `lambdaMemoryMb`): this process's earlier
 * scale runs with the same limits, else fresh ones at 100 and 1,000 games (deployed setting).
 */
async function streamedMemory(memoryMb: number): Promise<{ runs: StreamScaleRun[]; fresh: boolean }> {
  const flags = v8Limits({ lambdaMemoryMb: memoryMb }).join(' ');
  const done = streamScaleRuns.filter((r) => r.scenario === 'deployed' && r.v8Flags.join(' ') === flags);
  if (done.length > 0) return { runs: done, fresh: false };
  return {
    runs: await streamScale({ sizes: [100, 1_000], scenarios: ['deployed'], lambdaMemoryMb: memoryMb }),
    fresh: true,
  };
}

/** Lambda memory is set in MB; RSS is measured in MiB. Compared in bytes, taking MB as 10^6 (the stricter reading). */
const holdsIn = (rssMiB: number, memoryMb: number) => rssMiB * 2 ** 20 <= memoryMb * 1e6;

export async function costModel(options: { streamedMemory?: boolean } = {}): Promise<BenchResult> {
  const { fns, count, rates } = stackFacts();
  const scanFn = fns.scan!;
  const settleFn = fns.settle!;
  const apiFn = fns.api!;
  const minutes = ASSUMED.daysPerMonth * 24 * 60;
  const [scanRate, settleRate] = [perMinute(rates[0] ?? 'rate(1 minute)'), perMinute(rates[1] ?? 'rate(1 minute)')];
  const scansPerMonth = minutes * scanRate;
  const settlesPerMonth = minutes * settleRate;
  const loopWindowMs = Math.max(1, scanFn.timeoutSec - HANDLER_DEADLINE_MARGIN_SEC) * 1_000;
  const m = await measureEngine(loopWindowMs, ASSUMED.subMinuteIntervalSec * 1_000);
  const tradesPerMonth = Number(scanFn.env.LIVE_TRADING_MAX_DAILY_TRADES ?? 10) * ASSUMED.daysPerMonth;
  if (m.traded !== 1 || m.settledBets !== 1)
    throw new Error(`cost model: expected one trade and one settlement, got ${m.traded} and ${m.settledBets}`);
  const tradeExtra = {
    r: Math.max(0, m.trade.readUnits - m.quietScan.readUnits),
    w: Math.max(0, m.trade.writeUnits - m.quietScan.writeUnits),
  };
  const settleExtra = {
    r: Math.max(0, m.settleBet.readUnits - m.quietSettle.readUnits),
    w: Math.max(0, m.settleBet.writeUnits - m.quietSettle.writeUnits),
  };

  const fixed =
    (count['AWS::KMS::Key'] ?? 0) * PRICES_USD.kmsKeyMonth +
    (count['AWS::SecretsManager::Secret'] ?? 0) * PRICES_USD.secretMonth +
    (count['AWS::CloudWatch::Alarm'] ?? 0) * PRICES_USD.alarmMonth;
  const apiCalls = ASSUMED.apiCallsPerDay * ASSUMED.daysPerMonth;
  const common = {
    settleLambda:
      settlesPerMonth *
      ((settleFn.memoryMb / 1024) * (m.settleMs / 1_000) * PRICES_USD.lambdaArmGbSecond + PRICES_USD.lambdaPerRequest),
    settleDynamo:
      settlesPerMonth *
        (m.quietSettle.readUnits * PRICES_USD.dynamoReadUnit + m.quietSettle.writeUnits * PRICES_USD.dynamoWriteUnit) +
      tradesPerMonth * (settleExtra.r * PRICES_USD.dynamoReadUnit + settleExtra.w * PRICES_USD.dynamoWriteUnit),
    tradeDynamo:
      tradesPerMonth * (tradeExtra.r * PRICES_USD.dynamoReadUnit + tradeExtra.w * PRICES_USD.dynamoWriteUnit),
    api:
      apiCalls *
      (PRICES_USD.apiGatewayRestPerRequest +
        PRICES_USD.lambdaPerRequest +
        (apiFn.memoryMb / 1024) * ASSUMED.apiDurationSec * PRICES_USD.lambdaArmGbSecond +
        ASSUMED.apiReadUnitsPerCall * PRICES_USD.dynamoReadUnit),
    sns: ASSUMED.notificationsPerDay * ASSUMED.daysPerMonth * PRICES_USD.snsPublish,
    fixed,
  };
  const modeRow = (mode: string, scanSec: number, scanReading: MeterReading): Row => {
    const scanGbS = scansPerMonth * (scanFn.memoryMb / 1024) * scanSec;
    const scanLambda = scanGbS * PRICES_USD.lambdaArmGbSecond + scansPerMonth * PRICES_USD.lambdaPerRequest;
    const scanDynamo =
      scansPerMonth *
      (scanReading.readUnits * PRICES_USD.dynamoReadUnit + scanReading.writeUnits * PRICES_USD.dynamoWriteUnit);
    const total =
      scanLambda +
      scanDynamo +
      common.settleLambda +
      common.settleDynamo +
      common.tradeDynamo +
      common.api +
      common.sns +
      common.fixed;
    return {
      mode,
      'scan s billed': scanSec,
      'scan GB-s/mo': Math.round(scanGbS),
      'scan RRU/inv': scanReading.readUnits,
      'scan WRU/inv': scanReading.writeUnits,
      'Lambda $': usd(scanLambda + common.settleLambda),
      'DynamoDB $': usd(scanDynamo + common.settleDynamo + common.tradeDynamo),
      'API+SNS $': usd(common.api + common.sns),
      'fixed $': usd(common.fixed),
      'total $/month': usd(total),
    };
  };
  const memory = options.streamedMemory === false ? null : await streamedMemory(scanFn.memoryMb);
  const mib = (n: number) => `${Math.round(n)} MiB`;
  const peak = (games: number) =>
    Math.max(0, ...(memory?.runs.filter((r) => r.games === games).map((r) => r.result.lifetimePeakRssMiB) ?? []));
  const cpuShare = (games: number) =>
    Math.max(0, ...(memory?.runs.filter((r) => r.games === games).map((r) => r.result.cpuMs / r.result.wallMs) ?? []));
  const sizes = [...new Set(memory?.runs.map((r) => r.games) ?? [])].sort((a, b) => a - b);
  const lambdaShare = scanFn.memoryMb / ASSUMED.lambdaMbPerVcpu;
  // As the loop: the window, plus one quiet scan's time for opening and closing.
  const streamSec = loopWindowMs / 1_000 + m.scanMs / 1_000;
  const rows: Row[] = [
    modeRow('one pass per minute', m.scanMs / 1_000, m.quietScan),
    // The loop runs until deadline − margin, then its last round: billed ≈ that window + one scan.
    modeRow(
      `sub-minute loop (${ASSUMED.subMinuteIntervalSec} s, ${m.loopRounds} rounds)`,
      loopWindowMs / 1_000 + m.scanMs / 1_000,
      m.loop,
    ),
    {
      ...modeRow(`streaming (${scanFn.memoryMb} MB, runs overlap)`, streamSec, m.streamed),
      ...Object.fromEntries(
        sizes.map((g) => [
          `peak RSS ${g.toLocaleString('en-US')} games`,
          `${mib(peak(g))} (${holdsIn(peak(g), scanFn.memoryMb) ? 'holds' : 'DOES NOT HOLD'})`,
        ]),
      ),
    },
  ];
  const streamRow = rows[2]!;
  const streamTotal = Number(streamRow['total $/month']);
  const scanOnly = usd(
    scansPerMonth * ((scanFn.memoryMb / 1024) * streamSec * PRICES_USD.lambdaArmGbSecond + PRICES_USD.lambdaPerRequest),
  );
  return {
    name: 'cost-model',
    title: 'Monthly AWS cost (us-east-1 list prices, before the free tier)',
    rows,
    notes: [
      `Streaming goal ≤ $10/month: ${streamTotal <= 10 ? 'MET' : 'NOT MET'} for the whole stack ($${streamTotal}); the scan function alone is $${scanOnly}/month.`,
      `From the synthesized stack: scan ${scanFn.memoryMb} MB/${scanFn.timeoutSec} s ${scanFn.arch}, settle ${settleFn.memoryMb} MB, api ${apiFn.memoryMb} MB; schedules ${rates.join(', ')}; ${count['AWS::CloudWatch::Alarm'] ?? 0} alarms, ${count['AWS::KMS::Key'] ?? 0} KMS keys, ${count['AWS::SecretsManager::Secret'] ?? 0} secrets.`,
      `MEASURED on dynalite: quiet scan ${m.quietScan.readCalls} reads/${m.quietScan.writeCalls} writes (${m.quietScan.readUnits} RRU, ${m.quietScan.writeUnits} WRU); a trade adds ${tradeExtra.r} RRU/${tradeExtra.w} WRU; quiet settle ${m.quietSettle.readUnits} RRU/${m.quietSettle.writeUnits} WRU; settling one bet adds ${settleExtra.r} RRU/${settleExtra.w} WRU; one loop invocation ${m.loop.readUnits} RRU/${m.loop.writeUnits} WRU over ${m.loopRounds} rounds.`,
      `MEASURED wall time with 40 ms per venue request (6 games): quiet scan ${Math.round(m.scanMs)} ms, quiet settle ${Math.round(m.settleMs)} ms; used as billed duration.`,
      `Streaming: billed ${streamSec.toFixed(2)} s per run = the window until the handler's deadline margin (${loopWindowMs / 1_000} s, about 5 s of it overlapping the next run) + one quiet scan's time for opening and closing; DynamoDB MEASURED on a streamed run to the same deadline on scripted streams and the manual clock, kept busy by one book change a second (${m.streamDecisions} decisions; ${Math.round(m.streamWallMs)} ms of real time): ${m.streamed.readUnits} RRU/${m.streamed.writeUnits} WRU (${JSON.stringify(m.streamed.calls)}).`,
      memory
        ? `Streaming memory: peak RSS of the engine process alone (bundled, bench/stream-scale.ts${memory.fresh ? ', run here for this table' : ', from the scale runs above'}): ${sizes.map((g) => `${g.toLocaleString('en-US')} games ${mib(peak(g))}`).join(', ')}, against the scan function's ${scanFn.memoryMb} MB (${mib((scanFn.memoryMb * 1e6) / 2 ** 20)}), run with the V8 limits the Lambda runtime sets at that size (${v8Limits({ lambdaMemoryMb: scanFn.memoryMb }).join(' ')}). CPU: the same runs used up to ${sizes.map((g) => `${Math.round(100 * cpuShare(g))} %`).join(' / ')} of one core of this machine; Lambda gives ${scanFn.memoryMb} MB about ${Math.round(100 * lambdaShare)} % of a vCPU (ASSUMED: 1 vCPU at ${ASSUMED.lambdaMbPerVcpu} MB; an arm64 vCPU is not this machine's core). Each extra 64 MB for a whole month of 65 s runs costs $${usd((64 / 1024) * streamSec * scansPerMonth * PRICES_USD.lambdaArmGbSecond)}; the scan function alone at ${[160, 176, 192, 256].map((mb) => `${mb} MB $${usd(scansPerMonth * ((mb / 1024) * streamSec * PRICES_USD.lambdaArmGbSecond + PRICES_USD.lambdaPerRequest))}`).join(', ')} (deploy setting scanMemoryMb, docs/deploy.md#scan-sizing-and-cost).`
        : 'Streaming memory: not measured (--no-stream-memory).',
      `ASSUMED: ${ASSUMED.daysPerMonth}-day month; trades at the daily limit (${tradesPerMonth}/month); ${ASSUMED.apiCallsPerDay} API calls/day; ${ASSUMED.notificationsPerDay} notifications/day; the loop bills its window (timeout − ${HANDLER_DEADLINE_MARGIN_SEC} s, as the scan handler) plus one scan; dynalite's capacity units stand for DynamoDB's (index writes are not in them, so writes are a lower bound).`,
      `NOT in the total: CloudWatch custom metrics. The functions publish ${Object.keys(METRIC).length} metric names (infra/metric-names.ts), each with the dimensions {service, mode}, so ${Object.keys(METRIC).length} metrics for a deployment that runs in one mode ($${usd(Object.keys(METRIC).length * PRICES_USD.customMetricMonth)}/month at $${PRICES_USD.customMetricMonth} each, ASSUMED price; the always-free tier's 10 metrics would leave $${usd(Math.max(0, Object.keys(METRIC).length - 10) * PRICES_USD.customMetricMonth)}), twice that if it switches between live and paper within a month.`,
      'Prices: Lambda arm64 $0.0000133334/GB-s + $0.20/M requests; DynamoDB on-demand $0.625/M WRU, $0.125/M RRU; API Gateway REST $3.50/M; SNS $0.50/M publishes; KMS key $1, secret $0.40, alarm $0.10 per month. Not modelled: CloudWatch Logs ingestion, data transfer, PITR storage (custom metrics: the note above).',
    ],
    extra: {
      prices: PRICES_USD,
      assumed: ASSUMED,
      measured: m,
      streamedMemory: memory?.runs.map((r) => ({
        scenario: r.scenario,
        games: r.games,
        peakRssMiB: r.result.lifetimePeakRssMiB,
        baselineRssMiB: r.baselineRssMiB,
        cpuShare: r.result.cpuMs / r.result.wallMs,
      })),
      stack: {
        fns: Object.fromEntries(
          Object.entries(fns).map(([k, v]) => [k, { memoryMb: v.memoryMb, timeoutSec: v.timeoutSec, arch: v.arch }]),
        ),
        count,
        rates,
      },
    },
  };
}
