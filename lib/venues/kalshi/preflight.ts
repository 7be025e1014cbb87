/**
 * Kalshi's own preflight checks (docs/engine.md#preflight), behind the optional
 * `Venue.preflightChecks`: whether the exchange takes trades now (`GET /exchange/status`) and the
 * account's API tier against the limits this client runs with (`GET /account/limits`), both
 * informational (a closed exchange or an unreadable tier does not fail the run), and the
 * game-winner series of each configured league (`GET /series/{ticker}`), required. Authentication
 * itself is the engine's `auth` check (the balance read).
 */
import { z } from 'zod';
import type { League } from '../../core/market';
import { type PreflightCheck, VenueError } from '../../engine/ports';
import { check, explainError } from '../../engine/preflight-checks';
import { ENDPOINTS, PATHS } from './constants';
import type { KalshiRest } from './rest';
import { seriesResponse } from './schemas';

/** docs/venues-kalshi.md#k-preflight-status. */
const EXCHANGE_STATUS_PATH = '/exchange/status';
/** docs/venues-kalshi.md#k-preflight-limits. */
const ACCOUNT_LIMITS_PATH = '/account/limits';

const exchangeStatus = z.object({ exchange_active: z.boolean(), trading_active: z.boolean() });
const bucket = z.object({ refill_rate: z.number().nonnegative(), bucket_capacity: z.number().nonnegative() });
/** The documented nested shape, and the older flat `read_limit`/`write_limit` one. */
const accountLimits = z.union([
  z.object({ usage_tier: z.string(), read: bucket, write: bucket }),
  z.object({ usage_tier: z.string(), read_limit: z.number(), write_limit: z.number() }),
]);

/** A default request costs 10 tokens (docs/venues-kalshi.md#k6). */
const DEFAULT_COST = 10;

async function statusCheck(rest: KalshiRest): Promise<PreflightCheck> {
  try {
    const { data } = await rest.request({
      method: 'GET',
      path: EXCHANGE_STATUS_PATH,
      schema: exchangeStatus,
      idempotent: true,
    });
    if (data.exchange_active && data.trading_active)
      return check('kalshi.exchange', 'kalshi', false, 'pass', 'the exchange is up and taking trades');
    return check(
      'kalshi.exchange',
      'kalshi',
      false,
      'warn',
      data.exchange_active
        ? 'the exchange is up but not taking trades now (outside trading hours or paused)'
        : 'the exchange is in maintenance',
      'Nothing to fix on our side; orders are refused until it reopens.',
    );
  } catch (err) {
    const e = explainError('kalshi', err, {}, 'the exchange status');
    return check('kalshi.exchange', 'kalshi', false, 'warn', e.detail, e.fix);
  }
}

async function tierCheck(rest: KalshiRest): Promise<PreflightCheck> {
  if (!rest.authenticated)
    return check('kalshi.rate-tier', 'kalshi', false, 'skip', 'no credentials: the tier is per account');
  try {
    const { data } = await rest.request({
      method: 'GET',
      path: ACCOUNT_LIMITS_PATH,
      schema: accountLimits,
      idempotent: true,
    });
    const [readPerSec, writePerSec] =
      'read' in data
        ? [data.read.refill_rate / DEFAULT_COST, data.write.refill_rate / DEFAULT_COST]
        : [data.read_limit, data.write_limit];
    const ours = rest.config;
    const text = `API tier "${data.usage_tier}": about ${readPerSec} reads/s and ${writePerSec} writes/s at the default cost; this client sends at most ${ours.readLimit.ratePerSec} reads/s and ${ours.writeLimit.ratePerSec} writes/s`;
    if (ours.readLimit.ratePerSec > readPerSec || ours.writeLimit.ratePerSec > writePerSec)
      return check(
        'kalshi.rate-tier',
        'kalshi',
        false,
        'warn',
        `${text}: more than the tier allows, so some requests will be answered 429`,
        "Set POLYMIX_KALSHI_TIER to the account's tier (KalshiConfig tier / readLimit / writeLimit), or ask Kalshi for a higher tier.",
      );
    return check('kalshi.rate-tier', 'kalshi', false, 'pass', text);
  } catch (err) {
    const e = explainError('kalshi', err, {}, 'the API tier read');
    return check(
      'kalshi.rate-tier',
      'kalshi',
      false,
      'warn',
      e.detail,
      'The tier could not be read; the client assumes the Basic tier.',
    );
  }
}

/**
 * `GET /series/{ticker}` of each configured league's game-winner series (docs/venues-kalshi.md#k1,
 * #k1-series): discovery lists a league's games from it, so a series that cannot be read fails.
 */
async function seriesCheck(rest: KalshiRest, leagues: readonly League[]): Promise<PreflightCheck> {
  if (leagues.length === 0) return check('kalshi.series', 'kalshi', true, 'skip', 'no leagues are configured');
  const found: string[] = [];
  const failed: { league: League; ticker: string; detail: string; fix: string; missing: boolean }[] = [];
  for (const league of new Set(leagues)) {
    const ticker = rest.config.seriesTickers[league];
    try {
      const { data } = await rest.request({
        method: 'GET',
        path: PATHS.series(ticker),
        endpoint: ENDPOINTS.series,
        schema: seriesResponse,
        idempotent: true,
      });
      found.push(`${league}: Kalshi ${data.series.ticker}`);
    } catch (err) {
      const e = explainError('kalshi', err, {}, `the ${league} series ${ticker}`);
      const missing = err instanceof VenueError && err.status === 404;
      failed.push({ league, ticker, missing, ...e });
    }
  }
  if (failed.length === 0) return check('kalshi.series', 'kalshi', true, 'pass', found.join('; '));
  const detail = [
    ...failed.map((f) =>
      f.missing ? `${f.league}: Kalshi has no series ${f.ticker}` : `${f.league}: series ${f.ticker}: ${f.detail}`,
    ),
    ...found,
  ].join('; ');
  const fix = failed.some((f) => f.missing)
    ? `The games of ${failed.map((f) => f.league).join(', ')} cannot be listed on Kalshi. Set the league's game-winner series ticker (KalshiConfig.seriesTickers) to the one Kalshi lists, or remove the league from POLYMIX_LEAGUES.`
    : (failed[0]?.fix ?? '');
  return check('kalshi.series', 'kalshi', true, 'fail', detail, fix);
}

export async function kalshiPreflightChecks(
  rest: KalshiRest,
  leagues: readonly League[] = [],
): Promise<PreflightCheck[]> {
  return [await statusCheck(rest), await tierCheck(rest), await seriesCheck(rest, leagues)];
}
