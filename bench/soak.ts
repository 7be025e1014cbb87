/**
 * `npm run soak`: the engine against both simulators, at full speed on a manual clock, for a
 * whole slate (the bundled demo slate: every game listed, traded, closed and settled), live
 * mode with the real clients. Reported: heap samples (after a forced GC) and their slope, and
 * whether the ledger balances to the micro-dollar against the simulators' accounts, per venue:
 * the Polymarket simulator keeps won positions until they are redeemed on its chain emulation
 * (an EOA redeemer, docs/redemption.md#in-polymix), so Polymarket cash returns to the ledger only
 * if every won condition was redeemed exactly once.
 *
 *   npm run soak                    scan every 5 s of slate time, settle every 60 s
 *   npm run soak -- --step-sec 10   coarser steps (faster)
 *   npm run soak -- --store in-process   dynalite in this process (its table then counts in the heap)
 */

import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { scan, settle } from '../lib/engine';
import { loadSlate, ScenarioDriver } from '../local/sim/scenario';
import { startDynalite } from '../test/support/dynalite';
import { engineHarness } from '../test/support/engine/engine-fixture';
import { allBets } from '../test/support/engine/invariants';
import { eoaRedeemer, withRedemption } from '../test/support/engine/redeem-world';
import { startSimWorld } from '../test/support/engine/sim-world';
import { startDynaliteProcess } from './dynalite-process';
import { publish, type Row } from './report';
import { slope } from './stats';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const stepMs = flag('step-sec', 5) * 1_000;
  const settleEveryMs = 60_000;
  const slate = loadSlate();
  const inProcess =
    process.argv.includes('--store') && process.argv[process.argv.indexOf('--store') + 1] === 'in-process';
  // By default the table lives in a child process, so the heap measured here is not the table's.
  const db = inProcess ? await startDynalite() : await startDynaliteProcess();
  const world = await startSimWorld({
    kalshiBalanceMicros: 10_000_000_000,
    polymarketBalanceMicros: 10_000_000_000,
    redemption: 'onchain',
  });
  const startMs = world.clock.now();
  const driver = new ScenarioDriver({
    slate,
    seed: 1,
    slateStartMs: startMs,
    kalshi: world.kalshiSim.control,
    polymarket: world.polymarketSim.control,
  });
  const endMs = Math.max(...driver.games.map((g) => g.settleMs)) + 10 * 60_000;
  const h = await engineHarness(db, world, {
    mode: 'live',
    ledgerMicros: 10_000_000_000,
    config: {
      leagues: ['NBA', 'NFL', 'NHL', 'MLB'],
      risk: {
        minRoiPpm: 10_000,
        maxPositionMicros: 100_000_000,
        maxDailyTrades: 10_000,
        dailyLossLimitMicros: 10_000_000_000,
        maxBookAgeMs: 3_000,
      },
    },
  });
  // Settle redeems won Polymarket conditions from the EOA (POL for gas on the emulated chain).
  const deps = withRedemption(h, eoaRedeemer(world, 1_000n * 10n ** 18n));
  const ledger0 = (await h.store.getAccount('live'))!.balanceMicros;
  const cash0 = world.kalshiCash() + world.polymarketCash();
  const pmCash0 = world.polymarketCash();

  const heap: Array<[number, number]> = [];
  let scans = 0;
  let errors = 0;
  let admitted = 0;
  let nextSettle = startMs;
  const t0 = performance.now();
  for (let now = startMs; now <= endMs; now += stepMs) {
    world.clock.set(now);
    driver.tick(now);
    const report = await scan(deps, h.state, { eventId: `soak-${now}` });
    scans += 1;
    errors += report.errors;
    admitted += report.admitted;
    if (now >= nextSettle) {
      await settle(deps, h.state, `soak-settle-${now}`);
      nextSettle += settleEveryMs;
    }
    if (scans % 50 === 0) {
      gc();
      heap.push([scans, process.memoryUsage().heapUsed]);
      if (scans % 500 === 0)
        console.log(
          `  ${scans} scans, slate minute ${Math.round((now - startMs) / 60_000)}, ${admitted} admitted, heap ${(heap.at(-1)![1] / 2 ** 20).toFixed(1)} MiB`,
        );
    }
  }
  const wallS = (performance.now() - t0) / 1_000;
  const bets = await allBets(h.store, 'live');
  const byStatus: Record<string, number> = {};
  for (const b of bets) byStatus[b.status] = (byStatus[b.status] ?? 0) + 1;
  const ledgerDelta = (await h.store.getAccount('live'))!.balanceMicros - ledger0;
  const cashDelta = world.kalshiCash() + world.polymarketCash() - cash0;
  // Polymarket alone: what the bets say its cash should have moved (fills, fees, unwinds, its legs' payouts).
  const pmLedgerDelta = bets.reduce((sum, b) => {
    let d = 0;
    b.legs.forEach((leg, i) => {
      if (leg.venue !== 'polymarket') return;
      d -= leg.filledNotionalMicros + leg.filledFeeMicros;
      for (const u of b.unwinds) if (u.legIndex === i) d += u.proceedsMicros - u.feeMicros;
      if (b.status === 'settled') d += b.result?.legPayoutsMicros?.[i] ?? 0;
    });
    return sum + d;
  }, 0);
  const pmCashDelta = world.polymarketCash() - pmCash0;
  const redemptions = await h.store.listRedemptions('live', 10_000);
  const chain = world.polymarketSim.chain;
  const byCondition = new Map<string, number>();
  for (const r of chain.redemptions) byCondition.set(r.conditionId, (byCondition.get(r.conditionId) ?? 0) + 1);
  const redeemedTwice = [...byCondition.values()].filter((n) => n > 1).length;
  const gasWei = redemptions.reduce((s, r) => s + BigInt(r.gasCostWei), 0n);
  const warm = heap.slice(Math.floor(heap.length / 4));
  const slopeKiBPer1k =
    (slope(
      warm.map(([s]) => s),
      warm.map(([, b]) => b),
    ) *
      1_000) /
    1024;
  const mib = (b: number) => b / 2 ** 20;
  const rows: Row[] = [
    {
      store: inProcess ? 'in-process' : 'child process',
      'slate games': driver.games.length,
      'slate hours': (endMs - startMs) / 3_600_000,
      'step s': stepMs / 1_000,
      scans,
      'wall s': wallS,
      bets: bets.length,
      statuses: JSON.stringify(byStatus),
      'scan errors': errors,
      'heap first MiB': mib(warm[0]?.[1] ?? 0),
      'heap last MiB': mib(warm.at(-1)?.[1] ?? 0),
      'heap slope KiB/1k scans': slopeKiBPer1k,
      'ledger Δ $': ledgerDelta / 1e6,
      'venues Δ $': cashDelta / 1e6,
      'ledger − venues (micros)': ledgerDelta - cashDelta,
      'polymarket: bets Δ $': pmLedgerDelta / 1e6,
      'polymarket: cash Δ $': pmCashDelta / 1e6,
      'polymarket: bets − cash (micros)': pmLedgerDelta - pmCashDelta,
      redemptions: redemptions.length,
      'redemptions confirmed': redemptions.filter((r) => r.status === 'confirmed').length,
      'conditions redeemed twice': redeemedTwice,
      'redeem txs sent': chain.calls.get('eth_sendRawTransaction') ?? 0,
      'redeem gas POL': Number(gasWei) / 1e18,
    },
  ];
  publish({
    name: 'soak',
    title: 'Soak: the engine against both simulators for a whole slate (manual clock, live mode)',
    rows,
    notes: [
      'Heap: heapUsed after a forced GC every 50 scans; slope by least squares over the samples after the first quarter (warm-up).',
      "Ledger − venues: what the ledger moved minus what the venues' cash moved (fills, fees, unwinds, payouts). Pass bar: under one cent; exact micros shown.",
      inProcess
        ? "Heap growth includes the in-process dynalite table (an invocation-claim item per scan, no TTL expiry) and the simulators' order records, not only the engine."
        : 'dynalite ran in a child process: the heap is the engine, both clients and both simulators (whose order and fill records grow with every trade).',
      `Unfinished bets at the end: ${bets.filter((b) => !['settled', 'failed', 'unwound'].includes(b.status)).length}.`,
      'Polymarket: the simulator pays a won position only when it is redeemed on its chain emulation; bets − cash under one cent means every won condition was redeemed, exactly once (conditions redeemed twice must be 0).',
    ],
    extra: { heap },
  });
  await world.close();
  await db.close();
  // The bar is the cent (the brief's "balances to the cent"); any non-zero micros are reported above.
  const pmOk =
    Math.abs(pmLedgerDelta - pmCashDelta) < 10_000 &&
    redeemedTwice === 0 &&
    redemptions.every((r) => r.status === 'confirmed');
  console.log(
    `Polymarket cash vs ledger: ${pmOk ? 'OK' : 'MISMATCH'} (bets − cash ${pmLedgerDelta - pmCashDelta} micros, ${redemptions.length} redemptions, ${redeemedTwice} redeemed twice)`,
  );
  process.exitCode =
    Math.abs(ledgerDelta - cashDelta) < 10_000 &&
    pmOk &&
    bets.every((b) => ['settled', 'failed', 'unwound'].includes(b.status))
      ? 0
      : 1;
}

void main();
