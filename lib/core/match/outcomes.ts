/**
 * Pair a three-way game (soccer: home, draw, away) across Polymarket and Kalshi, outcome by
 * outcome (docs/adr/0012-three-way-markets.md, docs/leagues.md#l-epl-english-premier-league):
 *
 * - Kalshi: an event of exactly three markets, one per club (`{EVENT}-{CODE}`) and `{EVENT}-TIE`
 *   for the draw; the ticker carries the US-Eastern date, optionally the start, and the clubs
 *   home first (lib/core/teams/league-tickers.ts).
 * - Polymarket: a negRisk event `{prefix}-{home}-{away}-{YYYY-MM-DD}` of exactly three binary
 *   markets, `{event}-{home}`, `{event}-{away}` and `{event}-draw`, each with a Yes and a No token.
 *
 * A pair needs the same league (a three-way league of the catalogue), the same two clubs with the
 * same one at home, the same US-Eastern date, agreeing start times (as lib/core/match.ts), and an
 * outcome list on each venue that is exactly the two clubs and the draw. Anything less certain is
 * refused with a reason: a swapped home and away, a market for a third club, a draw market whose
 * question is not a draw, a missing or repeated outcome. Every outcome is then mapped by identity
 * (club code or draw), never by position.
 */
import { LEAGUE_CATALOGUE } from '../leagues';
import type { KalshiGame, League, PolymarketOutcomeEvent, PolymarketOutcomeMarket, TeamRef } from '../market';
import type { MatchRefusal } from '../match';
import type { OutcomeMarkets, OutcomePair } from '../outcome-arb';
import { findClubByKalshiCode, findClubByName, findClubByPolymarketCode } from '../teams/clubs';
import { easternWallTimeToMs } from '../teams/game-ids';
import { KALSHI_DRAW_CODE, kalshiMarketCode, parseLeagueEventTicker } from '../teams/league-tickers';
import {
  type Checked,
  checkedDate,
  HOUR_MS,
  LOOSE_START_TOLERANCE_MS,
  MAX_INSTANT_MS,
  MINUTE_MS,
  refuse,
  START_TOLERANCE_MS,
} from './listings';

/** The outcome key of a draw (a club's key is its canonical code). */
export const DRAW_KEY = 'draw';
/** The Polymarket draw market's slug suffix (docs/leagues.md#l-mls-major-league-soccer). */
const POLYMARKET_DRAW_SUFFIX = 'draw';
const SLUG = /^([a-z0-9]+)-([a-z0-9]+)-([a-z0-9]+)-(\d{4}-\d{2}-\d{2})$/;
/** "Will Crystal Palace FC win on 2026-04-20?" */
const WIN_QUESTION = /^Will (.+) win on \d{4}-\d{2}-\d{2}\?$/;
const DRAW_QUESTION = /\bdraw\b/i;

export interface OutcomeMatchResult {
  readonly pairs: readonly OutcomePair[];
  readonly refusals: readonly MatchRefusal[];
}

/** Whether a league's games are three binary markets on both venues (the catalogue says). */
export function isThreeWayLeague(league: League): boolean {
  return LEAGUE_CATALOGUE[league].outcomes === 'three-way';
}

interface Side {
  readonly home: TeamRef;
  readonly away: TeamRef;
  readonly date: string;
}

interface PmChecked extends Side {
  readonly event: PolymarketOutcomeEvent;
  readonly startMs: number;
  /** Outcome key → its market. */
  readonly markets: ReadonlyMap<string, PolymarketOutcomeMarket>;
}

interface KalshiChecked extends Side {
  readonly game: KalshiGame;
  readonly tickerStartMs: number | null;
  readonly apiStartMs: number | null;
  /** Outcome key → market ticker. */
  readonly tickers: ReadonlyMap<string, string>;
}

const keyOf = (s: Side) => `${s.home.league} ${[s.home.code, s.away.code].sort().join('–')} on ${s.date}`;

/** A Polymarket outcome event, checked on its own. */
export function checkPolymarketOutcomeEvent(event: PolymarketOutcomeEvent): Checked<PmChecked> {
  const m = SLUG.exec(event.slug);
  if (!m) return refuse('unparseable', `event slug "${event.slug}" is not {prefix}-{home}-{away}-{YYYY-MM-DD}`);
  const [, prefix = '', homeCode = '', awayCode = '', slugDate = ''] = m;
  if (LEAGUE_CATALOGUE[event.league].polymarket.prefix !== prefix)
    return refuse('inconsistent', `slug "${event.slug}" is not a ${event.league} slug`);
  if (!isThreeWayLeague(event.league)) return refuse('inconsistent', `${event.league} is not a three-way league`);
  if (!event.negRisk)
    return refuse('outcome-mismatch', `event ${event.slug} is not negRisk: its markets are not exclusive outcomes`);
  const home = findClubByPolymarketCode(event.league, homeCode);
  const away = findClubByPolymarketCode(event.league, awayCode);
  if (!home || !away) {
    const unknown = home ? awayCode : homeCode;
    return refuse('unknown-team', `unknown ${event.league} Polymarket club code "${unknown}" in ${event.slug}`);
  }
  if (home.code === away.code) return refuse('inconsistent', `slug "${event.slug}" names one club twice`);
  const dated = checkedDate(slugDate, event.gameStartMs);
  if (!dated.ok) return dated;

  const markets = new Map<string, PolymarketOutcomeMarket>();
  const tokens = new Set<string>();
  for (const market of event.markets) {
    const suffix = market.slug.startsWith(`${event.slug}-`) ? market.slug.slice(event.slug.length + 1) : null;
    if (suffix === null) return refuse('outcome-mismatch', `market ${market.slug} is not of event ${event.slug}`);
    let key: string;
    if (suffix === POLYMARKET_DRAW_SUFFIX) {
      if (!DRAW_QUESTION.test(market.question))
        return refuse('outcome-mismatch', `draw market ${market.slug} asks "${market.question}"`);
      key = DRAW_KEY;
    } else {
      const club = findClubByPolymarketCode(event.league, suffix);
      if (!club || (club.code !== home.code && club.code !== away.code))
        return refuse('outcome-mismatch', `market ${market.slug} is for neither club of ${event.slug}`);
      const asked = WIN_QUESTION.exec(market.question)?.[1];
      if (asked === undefined)
        return refuse('outcome-mismatch', `market ${market.slug} asks "${market.question}", not a club's win`);
      const named = findClubByName(event.league, asked);
      if (named && named.code !== club.code)
        return refuse(
          'outcome-mismatch',
          `market ${market.slug} asks about "${asked}" (${named.code}), not ${club.code}`,
        );
      key = club.code;
    }
    if (markets.has(key)) return refuse('outcome-mismatch', `two markets for outcome ${key} in ${event.slug}`);
    for (const token of [market.yesTokenId, market.noTokenId]) {
      if (tokens.has(token)) return refuse('outcome-mismatch', `token ${token} appears twice in ${event.slug}`);
      tokens.add(token);
    }
    markets.set(key, market);
  }
  const missing = [home.code, away.code, DRAW_KEY].filter((k) => !markets.has(k));
  if (missing.length > 0 || markets.size !== 3)
    return refuse(
      'outcome-mismatch',
      `event ${event.slug} lists ${event.markets.length} markets; missing ${missing.join(', ') || 'none'}`,
    );
  return {
    ok: true,
    value: { event, home, away, date: dated.value, startMs: event.gameStartMs as number, markets },
  };
}

/** A Kalshi event of a three-way league, checked on its own. */
export function checkKalshiOutcomeEvent(game: KalshiGame): Checked<KalshiChecked> {
  const codes: string[] = [];
  for (const market of game.markets) {
    const code = kalshiMarketCode(market.ticker, game.eventTicker);
    if (code === null || code !== market.suffix)
      return refuse('inconsistent', `market ${market.ticker} is not ${game.eventTicker}-${market.suffix}`);
    codes.push(code);
  }
  if (codes.length !== 3 || codes.filter((c) => c === KALSHI_DRAW_CODE).length !== 1)
    return refuse(
      'outcome-mismatch',
      `event ${game.eventTicker} lists ${codes.join(', ') || 'no markets'}: two clubs and ${KALSHI_DRAW_CODE} expected`,
    );
  const parsed = parseLeagueEventTicker(game.eventTicker, codes);
  if (!parsed.ok) return refuse(parsed.unknown === undefined ? 'unparseable' : 'unknown-team', parsed.reason);
  const { league, date, codes: ordered } = parsed.value;
  if (parsed.value.series !== game.seriesTicker || league !== game.league)
    return refuse(
      'inconsistent',
      `ticker is ${parsed.value.series} (${league}), the listing says ${game.seriesTicker} (${game.league})`,
    );
  if (!isThreeWayLeague(league)) return refuse('inconsistent', `${league} is not a three-way league`);
  if (ordered === null) return refuse('unparseable', `the clubs of ${game.eventTicker} cannot be read`);
  const home = findClubByKalshiCode(league, ordered[0]);
  const away = findClubByKalshiCode(league, ordered[1]);
  if (!home || !away) {
    const unknown = home ? ordered[1] : ordered[0];
    return refuse('unknown-team', `unknown ${league} Kalshi club code "${unknown}" in ${game.eventTicker}`);
  }
  if (home.code === away.code) return refuse('inconsistent', `${game.eventTicker} names one club twice`);
  const tickers = new Map<string, string>();
  for (const market of game.markets) {
    const named = findClubByName(league, market.yesSubTitle);
    if (market.suffix === KALSHI_DRAW_CODE) {
      if (named) return refuse('outcome-mismatch', `tie market ${market.ticker} says "${market.yesSubTitle}"`);
      tickers.set(DRAW_KEY, market.ticker);
      continue;
    }
    const club = market.suffix === ordered[0] ? home : away;
    if (named && named.code !== club.code)
      return refuse(
        'outcome-mismatch',
        `market ${market.ticker} says "${market.yesSubTitle}" (${named.code}) but its ticker is ${club.code}`,
      );
    tickers.set(club.code, market.ticker);
  }
  const apiStartMs = game.gameStartMs;
  if (apiStartMs !== null) {
    if (!(Number.isSafeInteger(apiStartMs) && Math.abs(apiStartMs) <= MAX_INSTANT_MS))
      return refuse('inconsistent', `start time ${String(apiStartMs)} is not a usable instant`);
    const dayStart = easternWallTimeToMs(date, 0, 0);
    const nextDayStart = dayStart + 25 * HOUR_MS; // an hour of slack for DST-change days
    if (apiStartMs < dayStart - LOOSE_START_TOLERANCE_MS || apiStartMs >= nextDayStart + LOOSE_START_TOLERANCE_MS)
      return refuse(
        'inconsistent',
        `start time ${new Date(apiStartMs).toISOString()} is far from the ticker date ${date}`,
      );
  }
  return {
    ok: true,
    value: { game, home, away, date, tickerStartMs: parsed.value.startMs, apiStartMs, tickers },
  };
}

/** The planner's input and the engine's pair, outcomes in 1X2 order (home, draw, away). */
function makePair(p: PmChecked, k: KalshiChecked): OutcomePair {
  const outcome = (key: string, kind: 'participant' | 'draw'): OutcomeMarkets => {
    const market = p.markets.get(key);
    const ticker = k.tickers.get(key);
    if (!market || !ticker) throw new Error(`internal: outcome ${key} unmapped after checks`);
    return {
      key,
      kind,
      kalshiTicker: ticker,
      polymarket: { conditionId: market.conditionId, yesTokenId: market.yesTokenId, noTokenId: market.noTokenId },
      polymarketFee: { ratePpm: market.fee.ratePpm, exponent: market.fee.exponent },
    };
  };
  const league = p.event.league;
  const id = `${league}:${p.event.slug}:${k.game.eventTicker}`;
  const nameOf = (ref: TeamRef) => {
    const market = k.game.markets.find((m) => m.ticker === k.tickers.get(ref.code));
    return market?.yesSubTitle || ref.code;
  };
  return {
    kind: 'outcome',
    id,
    league,
    game: {
      id,
      league,
      outcomes: [outcome(p.home.code, 'participant'), outcome(DRAW_KEY, 'draw'), outcome(p.away.code, 'participant')],
      kalshiFee: { feeType: k.game.feeType, multiplierPpm: k.game.feeMultiplierPpm },
    },
    polymarket: p.event,
    kalshi: k.game,
    home: p.home,
    away: p.away,
    names: { [p.home.code]: nameOf(p.home), [p.away.code]: nameOf(p.away), [DRAW_KEY]: 'Draw' },
  };
}

/** Why these two listings of the same clubs on the same date are not one game, or null. */
function pairProblem(p: PmChecked, k: KalshiChecked): MatchRefusal | null {
  const ids = { polymarket: p.event.slug, kalshi: k.game.eventTicker };
  if (p.home.code !== k.home.code)
    return {
      ...ids,
      code: 'inconsistent',
      reason: `home and away differ: Polymarket has ${p.home.code} at home, Kalshi ${k.home.code} (another leg?)`,
    };
  const kStart = k.tickerStartMs ?? k.apiStartMs;
  const tolerance = k.tickerStartMs !== null ? START_TOLERANCE_MS : LOOSE_START_TOLERANCE_MS;
  if (kStart !== null && Math.abs(p.startMs - kStart) > tolerance) {
    const gap = Math.round(Math.abs(p.startMs - kStart) / MINUTE_MS);
    return { ...ids, code: 'start-mismatch', reason: `${keyOf(p)}: start times differ by ${gap} min` };
  }
  return null;
}

/**
 * A refused listing's code and reason; an outcome list that does not match its clubs also names
 * the cause, which the engine says once per container (lib/engine/discover.ts `noteRefusalCauses`).
 */
function refusalOf(checked: {
  code: MatchRefusal['code'];
  reason: string;
}): Omit<MatchRefusal, 'polymarket' | 'kalshi'> {
  const { code, reason } = checked;
  return code === 'outcome-mismatch'
    ? { code, reason, cause: `three-way listing refused: ${reason}` }
    : { code, reason };
}

/** Every three-way pair and every refusal, in a deterministic order whatever the input order. */
export function matchOutcomeGames(
  polymarket: readonly PolymarketOutcomeEvent[],
  kalshi: readonly KalshiGame[],
): OutcomeMatchResult {
  const refusals: MatchRefusal[] = [];
  const count = (ids: readonly string[]) => {
    const n = new Map<string, number>();
    for (const id of ids) n.set(id, (n.get(id) ?? 0) + 1);
    return n;
  };
  const pmIds = count(polymarket.map((e) => e.slug));
  const kIds = count(kalshi.map((g) => g.eventTicker));
  const groups = new Map<string, { pm: PmChecked[]; ks: KalshiChecked[] }>();
  const group = (s: Side) => {
    const key = keyOf(s);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { pm: [], ks: [] }));
    return g;
  };
  for (const event of polymarket) {
    if ((pmIds.get(event.slug) ?? 0) > 1) {
      refusals.push({ polymarket: event.slug, code: 'duplicate', reason: 'event slug listed more than once' });
      continue;
    }
    const checked = checkPolymarketOutcomeEvent(event);
    if (checked.ok) group(checked.value).pm.push(checked.value);
    else refusals.push({ polymarket: event.slug, ...refusalOf(checked) });
  }
  for (const game of kalshi) {
    if ((kIds.get(game.eventTicker) ?? 0) > 1) {
      refusals.push({ kalshi: game.eventTicker, code: 'duplicate', reason: 'event ticker listed more than once' });
      continue;
    }
    const checked = checkKalshiOutcomeEvent(game);
    if (checked.ok) group(checked.value).ks.push(checked.value);
    else refusals.push({ kalshi: game.eventTicker, ...refusalOf(checked) });
  }
  const pairs: OutcomePair[] = [];
  for (const [what, g] of groups) {
    const [p] = g.pm;
    const [k] = g.ks;
    if (g.pm.length === 1 && g.ks.length === 1 && p && k) {
      const problem = pairProblem(p, k);
      if (problem) refusals.push(problem);
      else pairs.push(makePair(p, k));
      continue;
    }
    // Soccer has no doubleheaders: several listings of one pairing on one date cannot be told apart.
    const code = g.pm.length === 0 || g.ks.length === 0 ? 'no-counterpart' : 'ambiguous';
    const reason =
      code === 'no-counterpart'
        ? `no ${g.pm.length === 0 ? 'Polymarket' : 'Kalshi'} listing of ${what}`
        : `${g.pm.length} Polymarket and ${g.ks.length} Kalshi listings of ${what}`;
    for (const c of g.pm) refusals.push({ polymarket: c.event.slug, code, reason });
    for (const c of g.ks) refusals.push({ kalshi: c.game.eventTicker, code, reason });
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  pairs.sort((a, b) => compare(a.id, b.id));
  refusals.sort(
    (a, b) =>
      compare(a.polymarket ?? '', b.polymarket ?? '') ||
      compare(a.kalshi ?? '', b.kalshi ?? '') ||
      compare(a.code, b.code) ||
      compare(a.reason, b.reason),
  );
  return { pairs, refusals };
}
