/**
 * The preflight use case (docs/engine.md#preflight): prove the live path with the operator's own
 * keys before the first trade, at zero cost, and say in plain words what to fix. The CLI
 * (`npx polymix preflight`), the deployment's preflight function and the API all run this one
 * function over the Venue port; venue-specific checks come from the optional
 * `Venue.preflightChecks`. The run is recorded (`TradeStore.recordPreflight`) and every failed
 * check goes to the error log; the live gate (./preflight-gate.ts) reads the last run.
 */
import type { League, PairVenue } from '../core/market';
import {
  type Clock,
  type Logger,
  type Notifier,
  type PreflightCheck,
  type PreflightRun,
  type PreflightRunner,
  preflightOk,
  type TradeStore,
  type Venue,
} from './ports';
import {
  check,
  checkAuth,
  checkClock,
  checkFees,
  checkGames,
  checkPairs,
  checkReachable,
  explainError,
  type Listing,
  PREFLIGHT_VENUES,
  type VenueHints,
} from './preflight-checks';
import { orderTest } from './preflight-order-test';

export { explainError, type VenueHints } from './preflight-checks';

export interface PreflightDeps {
  /** LIVE venue clients (with credentials), whatever mode the deployment trades in. */
  readonly venues: Readonly<Record<PairVenue, Venue>>;
  readonly leagues: readonly League[];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly notifier: Notifier;
  /** Where the run is recorded; null = not recorded (a local CLI run without the table). */
  readonly store: TradeStore | null;
}

export interface PreflightOptions {
  readonly runner: PreflightRunner;
  /** Send one killed FOK buy per venue (./preflight-order-test.ts). Off by default. */
  readonly orderTest?: boolean;
  /** Checks the caller already made (configuration, secrets, AWS region), listed first. */
  readonly before?: readonly PreflightCheck[];
  /** Games count when they start within this long. Default 3 days. */
  readonly horizonMs?: number;
  /** Largest clock difference with a venue that passes. Default 5 s. */
  readonly maxSkewMs?: number;
  readonly hints?: Partial<Record<PairVenue, VenueHints>>;
}

export const DEFAULT_PREFLIGHT_HORIZON_MS = 3 * 86_400_000;
export const DEFAULT_MAX_SKEW_MS = 5_000;

async function venueSpecific(venue: Venue, hints: VenueHints, leagues: readonly League[]): Promise<PreflightCheck[]> {
  if (!venue.preflightChecks) return [];
  try {
    return await venue.preflightChecks({ leagues });
  } catch (err) {
    const e = explainError(venue.name, err, hints, 'the venue-specific checks');
    return [check(`${venue.name}.checks`, venue.name, true, 'fail', e.detail, e.fix)];
  }
}

/** Runs every check, records the run (when a store is given) and returns it. Never throws for a failed check. */
export async function preflight(deps: PreflightDeps, options: PreflightOptions): Promise<PreflightRun> {
  const atMs = deps.clock.now();
  const horizonMs = options.horizonMs ?? DEFAULT_PREFLIGHT_HORIZON_MS;
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const hintsOf = (v: PairVenue): VenueHints => options.hints?.[v] ?? {};
  const checks: PreflightCheck[] = [...(options.before ?? [])];

  const perVenue = await Promise.all(
    PREFLIGHT_VENUES.map(async (name) => {
      const venue = deps.venues[name];
      const hints = hintsOf(name);
      const reachable = await checkReachable(venue, deps.leagues, deps.clock, hints);
      const clock = await checkClock(venue, deps.clock, maxSkewMs, hints);
      const auth = await checkAuth(venue, hints);
      const specific = await venueSpecific(venue, hints, deps.leagues);
      return {
        name,
        venueName: venue.name,
        listing: reachable.listing,
        checks: [reachable.check, clock, auth, ...specific],
      };
    }),
  );
  const listings = Object.fromEntries(perVenue.map((v) => [v.name, v.listing])) as Record<PairVenue, Listing | null>;
  for (const v of perVenue) {
    checks.push(...v.checks);
    // Checks name the venue in the slot (Polymarket or Polymarket US), as its own checks do.
    checks.push(...checkGames(v.venueName, v.listing, deps.leagues, atMs, horizonMs));
    checks.push(checkFees(v.venueName, v.listing));
  }
  const pairs = checkPairs(listings, atMs, horizonMs);
  checks.push(pairs.check);

  if (options.orderTest) {
    for (const name of PREFLIGHT_VENUES) {
      const venueName = deps.venues[name].name;
      const authFailed = checks.some((c) => c.venue === venueName && c.id === 'auth' && c.result === 'fail');
      checks.push(
        authFailed
          ? check(
              'order-test',
              venueName,
              true,
              'fail',
              'not sent: authentication failed (see auth)',
              'Fix auth first.',
            )
          : await orderTest(deps, deps.venues[name], pairs.pairs, listings[name], hintsOf(name)),
      );
    }
  }

  const run: PreflightRun = {
    atMs,
    ok: preflightOk(checks),
    runner: options.runner,
    orderTest: options.orderTest === true,
    checks,
  };
  await recordPreflightRun(deps, run);
  return run;
}

/**
 * Logs the run, keeps it as the last run and puts each failed check in the error log. A store
 * failure is logged, never thrown: the caller still shows the run.
 */
export async function recordPreflightRun(
  deps: Pick<PreflightDeps, 'store' | 'logger'>,
  run: PreflightRun,
): Promise<void> {
  const failed = run.checks.filter((c) => c.result === 'fail');
  const line = `Preflight (${run.runner}): ${run.ok ? 'PASSED' : 'FAILED'}, ${failed.length} failed check(s) of ${run.checks.length}`;
  if (run.ok) deps.logger.info(line);
  else deps.logger.error(line);
  if (!deps.store) return;
  try {
    await deps.store.recordPreflight(run);
    for (const c of failed)
      await deps.store.recordError({
        atMs: run.atMs,
        source: 'preflight',
        message: `${c.id}: ${c.detail}`,
        detail: c.fix,
        ...(c.venue ? { venue: c.venue } : {}),
      });
  } catch (err) {
    deps.logger.error(`Preflight could not be recorded: ${err instanceof Error ? err.name : 'error'}`);
  }
}

/** One line per check, for logs and plain output: `FAIL  kalshi auth — detail → fix`. */
export function formatPreflightRun(run: PreflightRun): string {
  const lines = run.checks.map((c) => {
    const tag = c.result.toUpperCase().padEnd(4);
    const fix = c.fix && c.result !== 'pass' ? ` → ${c.fix}` : '';
    return `${tag}  ${(c.venue ?? '-').padEnd(10)} ${c.id}${c.required ? '' : ' (info)'}: ${c.detail}${fix}`;
  });
  lines.push(run.ok ? 'Preflight PASSED: no required check failed.' : 'Preflight FAILED: fix the FAIL lines above.');
  return lines.join('\n');
}
