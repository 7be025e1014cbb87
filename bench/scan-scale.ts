/**
 * Scan scale: 100, 1,000 and 5,000 games per venue in the simulators (synthetic slates in the
 * real formats), one real scan each, in two scenarios:
 * - quiet: no listing price shows an edge, so the pre-screen keeps every pair off the books
 *   (the usual minute);
 * - all candidates: every pair's listing prices sum under $1 but fees remove the edge, so the
 *   engine fetches every book and plans every pair (the worst case for requests), and trades
 *   nothing.
 * Reported: requests per venue as the simulators received them, wall time of the scan, whether
 * the documented limits held (bench/rate-check.ts), and the pure compute of matching and
 * planning on the same listings and books, without I/O.
 */
import { performance } from 'node:perf_hooks';
import { type Book, type GamePair, instrumentKey, type KalshiGame, type PolymarketGame } from '../lib/core/market';
import { isOutcomePair } from '../lib/core/outcome-arb';
import { scan } from '../lib/engine';
import { instrumentsOf, type Listings, matchListings, passesPreScreen } from '../lib/engine/discover';
import { planAligned } from '../lib/engine/planning';
import { startDynalite } from '../test/support/dynalite';
import { CapturingVenue } from './capturing-venue';
import { checkKalshi, checkPolymarket } from './rate-check';
import type { BenchResult, Row } from './report';
import { median, timeRuns } from './stats';
import { syntheticGames } from './synthetic-games';
import { benchEngine, NEAR_MISS_BOOKS, QUIET_BOOKS, startBenchWorld } from './world';

export interface ScanScaleOptions {
  /**
   * Default 100 and 1,000: at 5,000 games the "all candidates" scan is paced by Kalshi's read
   * budget for about 500 s (docs/performance.md), so it runs only when asked (`--sizes`).
   */
  readonly sizes?: readonly number[];
  /** Also the quiet scenario at 5,000 games. */
  readonly everyScenario?: boolean;
}

type Scenario = 'quiet' | 'all candidates';

async function measure(size: number, scenario: Scenario, runId: string): Promise<Row> {
  const db = await startDynalite();
  const world = await startBenchWorld();
  try {
    const games = syntheticGames(size, Date.now());
    for (const g of games) {
      world.addGame(g);
      world.setBooks(g, scenario === 'quiet' ? QUIET_BOOKS : NEAR_MISS_BOOKS);
    }
    const venues = { polymarket: new CapturingVenue(world.polymarket), kalshi: new CapturingVenue(world.kalshi) };
    const engine = await benchEngine(db, venues);
    const k0 = world.kalshiLog.mark;
    const p0 = world.polymarketLog.mark;
    const t0 = performance.now();
    const report = await scan(engine.deps, engine.state, { eventId: `scale-${runId}` });
    const wallMs = performance.now() - t0;
    const kalshi = world.kalshiLog.since(k0);
    const polymarket = world.polymarketLog.since(p0);
    const limits = [...checkKalshi(kalshi), ...checkPolymarket(polymarket)];
    const over = limits.filter((l) => l.overLimit > 0);

    // The pure part, on exactly the listings and books the scan saw.
    const listings: Listings = {
      polymarket: venues.polymarket.listed.filter((g): g is PolymarketGame => g.venue === 'polymarket' && g.tradable),
      kalshi: venues.kalshi.listed.filter((g): g is KalshiGame => g.venue === 'kalshi'),
    };
    const matchMs = median(timeRuns(3, () => matchListings(listings)));
    const { pairs } = matchListings(listings);
    // The synthetic slate is two-team games only.
    const candidates = pairs.filter((p): p is GamePair => !isOutcomePair(p)).filter(passesPreScreen);
    const books = new Map<string, Book>([...venues.polymarket.books, ...venues.kalshi.books]);
    const nowMs = Date.now();
    const { config } = engine.deps;
    const limitsFor = {
      minRoiPpm: config.risk.minRoiPpm,
      maxPositionMicros: config.betAmountMicros,
      balanceMicros: { polymarket: 1e11, kalshi: 1e11 },
      nowMs,
      maxBookAgeMs: 60_000,
      rules: config.rules,
    };
    let planned = 0;
    const planMs = median(
      timeRuns(3, () => {
        planned = 0;
        for (const pair of candidates) if (planAligned(pair, books, limitsFor, config).kind === 'plan') planned++;
      }),
    );
    const missingBooks = candidates.flatMap(instrumentsOf).filter((i) => !books.has(instrumentKey(i))).length;
    return {
      'games/venue': size,
      scenario,
      pairs: report.pairs,
      candidates: report.candidates,
      'plans (must be 0)': report.plans + planned,
      'Kalshi req': kalshi.length,
      'Polymarket req': polymarket.length,
      'total req': kalshi.length + polymarket.length,
      'scan wall s': wallMs / 1_000,
      'limits held':
        over.length === 0 ? 'yes' : `NO: ${over.map((l) => `${l.venue} ${l.scope} +${l.overLimit}`).join(', ')}`,
      'Kalshi peak reads/1s': limits.find((l) => l.venue === 'kalshi' && l.scope === 'reads')!.peak,
      'match ms': matchMs,
      'match+plan ms': matchMs + planMs,
      'books missing': missingBooks,
      errors: report.errors,
      _endpoints: JSON.stringify(
        countBy([...kalshi.map((a) => `K ${a.endpoint}`), ...polymarket.map((a) => `P ${a.endpoint}`)]),
      ),
    };
  } finally {
    await world.close();
    await db.close();
  }
}

function countBy(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i] = (out[i] ?? 0) + 1;
  return out;
}

export async function scanScale(options: ScanScaleOptions = {}): Promise<BenchResult> {
  const sizes = options.sizes ?? [100, 1_000];
  const rows: Row[] = [];
  for (const size of sizes) {
    // At the largest size only the worst case, to keep `npm run bench` within minutes.
    const scenarios: Scenario[] =
      size >= 5_000 && !options.everyScenario ? ['all candidates'] : ['quiet', 'all candidates'];
    for (const scenario of scenarios) rows.push(await measure(size, scenario, `${size}-${scenario}`));
  }
  const endpoints = rows.map((r) => ({
    size: r['games/venue'],
    scenario: r.scenario,
    requests: JSON.parse(String(r._endpoints)) as unknown,
  }));
  return {
    name: 'scan-scale',
    title: 'Scan scale (one real scan against the simulators, live mode, no injected latency)',
    rows: rows.map(({ _endpoints: _, ...rest }) => rest),
    notes: [
      'Measured: requests as the simulators received them; scan wall time (claim, reconcile, lease, discovery, books, planning); match/plan compute (median of 3, pure, no I/O).',
      'Token buckets are the clients\' defaults, sized to docs/venues-kalshi.md#k6 (Kalshi 20 reads/s, 10 writes/s) and docs/venues-polymarket.md#p5-rate-limits (Polymarket per-endpoint 10 s limits); "limits held" replays the arrivals through those limits.',
      'Every request in a scan is on its critical path: the engine awaits discovery, then books, then each plan in turn.',
      'quiet vs all candidates: the pre-screen can only drop a pair when every listing price is known; if both rows show the same requests, listing prices were missing (see docs/performance.md).',
      'Leagues NBA, NHL, MLB; one game per team per evening, so 5,000 games span about 110 days of schedule.',
    ],
    extra: { endpoints },
  };
}
