/**
 * The venue-agnostic preflight checks (docs/engine.md#preflight), each through the Venue port:
 * reachable (a public listing), clock skew against the venue's time, authentication (balance),
 * games per league, matched pairs, fee schedules. A failure is a check result with a fix in
 * plain words, never a thrown error; texts carry the adapter's secret-free error text only.
 */
import {
  type GamePair,
  isOutcomeEvent,
  type KalshiGame,
  type League,
  type PairVenue,
  type PolymarketGame,
  type PolymarketOutcomeEvent,
  type PolymarketSideGame,
  type VenueGame,
  type VenueName,
} from '../core/market';
import { matchGamesDetailed } from '../core/match';
import { displayUsd } from '../core/money';
import {
  AuthError,
  BadResponse,
  type Clock,
  excerptOf,
  InsufficientFunds,
  type PreflightCheck,
  RateLimited,
  Rejected,
  Timeout,
  Unavailable,
  type Venue,
  VenueError,
} from './ports';

/** Words the caller knows (settings' names) to make a fix concrete; the engine knows no env names. */
export interface VenueHints {
  /** Where the venue's host is set, e.g. `KALSHI_API_URL`. */
  readonly urlSetting?: string;
  /** Where the credentials live, e.g. `kalshiKeyId and kalshiPrivateKeyPem in the secret`. */
  readonly credentials?: string;
}

/** The venues preflight checks, in the order it reports them: the pair the engine trades (docs/adr/0010-venue-pairs.md). */
export const PREFLIGHT_VENUES: readonly PairVenue[] = ['kalshi', 'polymarket'];

export const VENUE_TITLE: Readonly<Record<VenueName, string>> = {
  kalshi: 'Kalshi',
  polymarket: 'Polymarket',
  'polymarket-us': 'Polymarket US',
};

export function check(
  id: string,
  venue: VenueName | null,
  required: boolean,
  result: PreflightCheck['result'],
  detail: string,
  fix = '',
): PreflightCheck {
  return { id, venue, required, result, detail, fix };
}

/** An error in plain words, and what to do about it. Only adapter-built text is shown. */
export function explainError(
  venue: VenueName,
  err: unknown,
  hints: VenueHints = {},
  what = 'the request',
): { detail: string; fix: string } {
  const name = VENUE_TITLE[venue];
  const where = err instanceof VenueError && err.endpoint ? ` (${err.endpoint}${httpOf(err)})` : '';
  const url = hints.urlSetting ? ` (${hints.urlSetting})` : '';
  const creds = hints.credentials ?? `the ${name} credentials`;
  if (err instanceof AuthError)
    return {
      detail: `${name} refused our credentials for ${what}${where}: ${err.message}`,
      fix: `Check ${creds}: the key must belong to this environment (production keys on production hosts), be active and not expired or revoked. A 403 can also mean the venue blocks this region.`,
    };
  if (err instanceof InsufficientFunds)
    return {
      detail: `${name} answered not enough cash or allowance for ${what}${where}`,
      fix: `Deposit funds on ${name} (and for Polymarket approve the collateral for the exchange) before trading.`,
    };
  if (err instanceof RateLimited)
    return {
      detail: `${name} throttled ${what}${where}`,
      fix: 'Wait a minute and run preflight again; if it persists, another process is using the same key heavily.',
    };
  if (err instanceof Timeout)
    return {
      detail: `${name} did not answer ${what} in time${where}`,
      fix: `Check this machine's network egress to ${name}${url} and run preflight again.`,
    };
  if (err instanceof Unavailable)
    return {
      detail: `${name} is not serving ${what}${where}: ${err.message}`,
      fix: `Retry later (the venue may be down or in maintenance); if it persists check the host${url}.`,
    };
  if (err instanceof BadResponse)
    return {
      detail: `${name} answered ${what} with something that is not its API${where}: ${err.message}`,
      fix: `Check that the host${url} is the venue's API and not a web page, proxy or captive portal; an HTML answer often means a block page.`,
    };
  if (err instanceof Rejected)
    return {
      detail: `${name} refused ${what}${where}: ${err.message}`,
      fix: `Read the venue's reason above; check the account can trade (${creds}).`,
    };
  return {
    detail: `${what} on ${name} failed: ${err instanceof Error ? `${err.name}: ${excerptOf(err.message)}` : 'unknown error'}`,
    fix: `Check the ${name} settings${url}; run preflight again, and report the error if it repeats.`,
  };
}

function httpOf(err: VenueError): string {
  return err.status === undefined ? '' : ` HTTP ${err.status}`;
}

export interface Listing {
  readonly games: readonly VenueGame[];
  /** Items the venue left out as unreadable (ItemProblemSink). */
  readonly leftOut: readonly BadResponse[];
}

/** `reachable`: the public listing of the configured leagues. */
export async function checkReachable(
  venue: Venue,
  leagues: readonly League[],
  clock: Clock,
  hints: VenueHints,
): Promise<{ check: PreflightCheck; listing: Listing | null }> {
  const leftOut: BadResponse[] = [];
  const started = clock.now();
  try {
    const games = await venue.listGames(leagues, (p) => void leftOut.push(p));
    const ms = clock.now() - started;
    return {
      check: check(
        'reachable',
        venue.name,
        true,
        'pass',
        `listed ${games.length} game(s) of ${leagues.join(', ')} in ${ms} ms`,
      ),
      listing: { games, leftOut },
    };
  } catch (err) {
    const e = explainError(venue.name, err, hints, 'the public game listing');
    return { check: check('reachable', venue.name, true, 'fail', e.detail, e.fix), listing: null };
  }
}

/** `clock`: our clock against the venue's, where the venue exposes one. */
export async function checkClock(venue: Venue, clock: Clock, maxSkewMs: number, hints: VenueHints) {
  if (!venue.serverTimeMs)
    return check(
      'clock',
      venue.name,
      false,
      'skip',
      `${VENUE_TITLE[venue.name]} exposes no server time to compare with; a skewed clock shows up as an authentication failure`,
    );
  try {
    const before = clock.now();
    const server = await venue.serverTimeMs();
    const after = clock.now();
    // The venue's second-resolution time is compared with the middle of the round trip.
    const skew = server - Math.round((before + after) / 2);
    const text = `our clock is ${Math.abs(skew)} ms ${skew > 0 ? 'behind' : 'ahead of'} ${VENUE_TITLE[venue.name]}`;
    if (Math.abs(skew) <= maxSkewMs) return check('clock', venue.name, true, 'pass', text);
    return check(
      'clock',
      venue.name,
      true,
      'fail',
      `${text} (more than ${maxSkewMs} ms): signed requests and orders carry timestamps the venue refuses`,
      'Synchronise this machine with NTP (e.g. `timedatectl set-ntp true`, or chrony), then run preflight again.',
    );
  } catch (err) {
    const e = explainError(venue.name, err, hints, 'the server time');
    return check('clock', venue.name, false, 'warn', e.detail, e.fix);
  }
}

/** `auth`: the balance read, which every trade needs. */
export async function checkAuth(venue: Venue, hints: VenueHints): Promise<PreflightCheck> {
  try {
    const { availableMicros } = await venue.getBalance();
    if (availableMicros <= 0)
      return check(
        'auth',
        venue.name,
        true,
        'warn',
        `authenticated; the account holds ${displayUsd(availableMicros)} to trade`,
        `Deposit funds on ${VENUE_TITLE[venue.name]}: with no cash every trade is refused.`,
      );
    return check('auth', venue.name, true, 'pass', `authenticated; ${displayUsd(availableMicros)} available`);
  } catch (err) {
    const e = explainError(venue.name, err, hints, 'the balance read');
    return check('auth', venue.name, true, 'fail', e.detail, e.fix);
  }
}

function startsWithin(game: VenueGame, nowMs: number, horizonMs: number): boolean {
  // Kalshi gives a start only through milestones: its markets' expected expiration stands in.
  const t = game.gameStartMs ?? (game.venue === 'kalshi' ? game.expectedExpirationMs : null);
  return t === null || (t >= nowMs - 6 * 3_600_000 && t <= nowMs + horizonMs + 6 * 3_600_000);
}

function tradable(game: VenueGame): boolean {
  return game.venue === 'kalshi' ? game.markets.length > 0 && game.markets.every((m) => m.tradable) : game.tradable;
}

const days = (ms: number) => `${Math.round(ms / 86_400_000)} day(s)`;

/** `games.<league>`: tradable games per configured league in the coming days. */
export function checkGames(
  venue: VenueName,
  listing: Listing | null,
  leagues: readonly League[],
  nowMs: number,
  horizonMs: number,
): PreflightCheck[] {
  return leagues.map((league) => {
    const id = `games.${league}`;
    if (!listing) return check(id, venue, false, 'skip', 'the listing could not be read (see reachable)');
    const games = listing.games.filter((g) => g.league === league && tradable(g) && startsWithin(g, nowMs, horizonMs));
    if (games.length > 0)
      return check(
        id,
        venue,
        false,
        'pass',
        `${games.length} tradable ${league} game(s) in the next ${days(horizonMs)}`,
      );
    return check(
      id,
      venue,
      false,
      'warn',
      `no tradable ${league} games on ${VENUE_TITLE[venue]} in the next ${days(horizonMs)} (no games today, or the off-season)`,
      'Nothing to do if the league is not playing; otherwise check the league list (POLYMIX_LEAGUES) and the venue host.',
    );
  });
}

/** `pairs`: games listed on both venues that match, in the coming days. */
export function checkPairs(
  listings: Readonly<Record<PairVenue, Listing | null>>,
  nowMs: number,
  horizonMs: number,
): { check: PreflightCheck; pairs: GamePair[] } {
  const pm = listings.polymarket;
  const k = listings.kalshi;
  if (!pm || !k) return { check: check('pairs', null, false, 'skip', 'a venue listing could not be read'), pairs: [] };
  const soon = (g: VenueGame) => tradable(g) && startsWithin(g, nowMs, horizonMs);
  const { pairs } = matchGamesDetailed(
    pm.games.filter((g): g is PolymarketSideGame => g.venue !== 'kalshi' && soon(g)),
    k.games.filter((g): g is KalshiGame => g.venue === 'kalshi' && soon(g)),
  );
  if (pairs.length > 0)
    return {
      check: check(
        'pairs',
        null,
        false,
        'pass',
        `${pairs.length} game(s) matched on both venues in the next ${days(horizonMs)}`,
      ),
      pairs: [...pairs],
    };
  return {
    check: check(
      'pairs',
      null,
      false,
      'warn',
      `no game is listed on both venues in the next ${days(horizonMs)}: nothing to trade yet (no games today?)`,
      'Nothing to do when no games are scheduled; run preflight again on a game day to see pairs.',
    ),
    pairs: [],
  };
}

/** `fees`: the fee schedule of the listed games was read (a game whose schedule is unreadable is left out). */
export function checkFees(venue: VenueName, listing: Listing | null): PreflightCheck {
  if (!listing) return check('fees', venue, true, 'skip', 'the listing could not be read (see reachable)');
  const games = listing.games.filter(tradable);
  const problems = listing.leftOut.length;
  if (games.length === 0 && problems === 0)
    return check('fees', venue, true, 'skip', 'no tradable games listed to read fees from');
  const example = games[0];
  const feeOf = (g: PolymarketGame | PolymarketOutcomeEvent) =>
    isOutcomeEvent(g) ? (g.markets[0]?.fee ?? { ratePpm: 0, exponent: 1 }) : g.fee;
  const schedule =
    example === undefined
      ? ''
      : example.venue === 'polymarket'
        ? ` (e.g. rate ${feeOf(example).ratePpm / 10_000}%, exponent ${feeOf(example).exponent})`
        : example.venue === 'polymarket-us'
          ? ` (e.g. taker Θ ${example.takerThetaPpm / 1_000_000})`
          : ` (e.g. ${example.feeType}, multiplier ${example.feeMultiplierPpm / 1_000_000})`;
  const read = `fee schedule read on ${games.length} tradable game(s)${schedule}`;
  if (problems === 0) return check('fees', venue, true, 'pass', read);
  return check(
    'fees',
    venue,
    true,
    'warn',
    `${read}; ${problems} item(s) left out as unreadable, e.g. ${listing.leftOut[0]!.message}`,
    'Items left out are never traded; if many are, the venue changed its format: report it.',
  );
}
