/**
 * Pair a three-way game (soccer: home, draw, away) across Polymarket and Kalshi, outcome by
 * outcome (docs/adr/0012-three-way-markets.md, docs/engine.md#three-way):
 *
 * - Kalshi: an event of exactly three markets, one per club (`{EVENT}-{CODE}`) and `{EVENT}-TIE`
 *   for the draw; the ticker carries the US-Eastern date, optionally the start, and the clubs
 *   home first (lib/core/teams/league-tickers.ts).
 * - Polymarket: a negRisk event `{prefix}-{home}-{away}-{YYYY-MM-DD}` of exactly three binary
 *   markets, `{event}-{home}`, `{event}-{away}` and `{event}-draw`, each with a Yes and a No token.
 *
 * Each listing is checked on its own first (./outcome-listings.ts), its clubs identified from the
 * venue's own data: the club table where the league has one that knows the club (cross-checked by
 * every name the venue gives), else the participant key of the venue's label (Kalshi
 * `yes_sub_title`, the club in Polymarket's "Will X win on …?"). A pair needs the same league,
 * the same two clubs with the same one at home, the same US-Eastern date, agreeing start times
 * (as lib/core/match.ts), and an outcome list on each venue that is exactly the two clubs and the
 * draw. Anything less certain is refused with a reason: a swapped home and away, a market for a
 * third club, a draw market whose question is not a draw, a missing or repeated outcome, a
 * placeholder label. Two listings that agree on all but one club's name are refused with a
 * `cause` naming both labels, so the operator can add an alias. Every outcome is then mapped by
 * identity (club or draw), never by position.
 */
import type { KalshiGame, PolymarketOutcomeEvent } from '../market';
import type { MatchRefusal } from '../match';
import type { OutcomeMarkets, OutcomePair } from '../outcome-arb';
import { PARTICIPANT_ALIASES } from '../teams/participants';
import { firstWordOf } from '../teams/team';
import {
  compare,
  compareRefusals,
  countIds,
  LOOSE_START_TOLERANCE_MS,
  MINUTE_MS,
  START_TOLERANCE_MS,
} from './listings';
import {
  type AliasTable,
  checkKalshiOutcomeEvent,
  checkPolymarketOutcomeEvent,
  DRAW_KEY,
  type KalshiChecked,
  type ListedClub,
  type PmChecked,
  type Side,
} from './outcome-listings';

export { DRAW_KEY, isThreeWayLeague } from './outcome-listings';

export interface OutcomeMatchResult {
  readonly pairs: readonly OutcomePair[];
  readonly refusals: readonly MatchRefusal[];
}

const keyOf = (s: Side) => `${s.home.ref.league} ${[s.home.ref.code, s.away.ref.code].sort().join('–')} on ${s.date}`;

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
  const [home, away] = [p.home.ref, p.away.ref];
  const nameOf = (club: ListedClub) => club.label || club.ref.code;
  return {
    kind: 'outcome',
    id,
    league,
    game: {
      id,
      league,
      outcomes: [outcome(home.code, 'participant'), outcome(DRAW_KEY, 'draw'), outcome(away.code, 'participant')],
      kalshiFee: { feeType: k.game.feeType, multiplierPpm: k.game.feeMultiplierPpm },
    },
    polymarket: p.event,
    kalshi: k.game,
    home,
    away,
    // Kalshi's names (its `yes_sub_title`s), as the two-team pairs show Kalshi's side.
    names: { [home.code]: nameOf(k.home), [away.code]: nameOf(k.away), [DRAW_KEY]: 'Draw' },
  };
}

/** How far apart the two venues' starts are, or null when they agree (Kalshi's tolerance: listings.ts). */
function startGapMin(p: PmChecked, k: KalshiChecked): number | null {
  const kStart = k.tickerStartMs ?? k.apiStartMs;
  const tolerance = k.tickerStartMs !== null ? START_TOLERANCE_MS : LOOSE_START_TOLERANCE_MS;
  if (kStart === null || Math.abs(p.startMs - kStart) <= tolerance) return null;
  return Math.round(Math.abs(p.startMs - kStart) / MINUTE_MS);
}

/** Why these two listings of the same clubs on the same date are not one game, or null. */
function pairProblem(p: PmChecked, k: KalshiChecked): MatchRefusal | null {
  const ids = { polymarket: p.event.slug, kalshi: k.game.eventTicker };
  if (p.home.ref.code !== k.home.ref.code)
    return {
      ...ids,
      code: 'inconsistent',
      reason: `home and away differ: Polymarket has ${p.home.ref.code} at home, Kalshi ${k.home.ref.code} (another leg?)`,
    };
  const gap = startGapMin(p, k);
  if (gap !== null) return { ...ids, code: 'start-mismatch', reason: `${keyOf(p)}: start times differ by ${gap} min` };
  return null;
}

/**
 * For a listing with no counterpart: the other venue's listing of the same league, date and start
 * with the same club at home (or away) and, in the other slot, a club named differently and known
 * to no table on at least one side. The two labels may name one club: the cause says which, so an
 * alias can be added (lib/core/teams/participants.ts, or the league's club table). Or, neither club
 * shared, each slot's two labels begin with the same word ("Toronto" and "Toronto FC"): the cause
 * names all four. A hint only; it never pairs anything. The same text for both listings, so it is
 * said once.
 */
function clubCause(p: PmChecked, k: KalshiChecked): string | null {
  if (p.home.ref.league !== k.home.ref.league || p.date !== k.date || startGapMin(p, k) !== null) return null;
  const slots = [
    [p.home, k.home, p.away, k.away],
    [p.away, k.away, p.home, k.home],
  ] as const;
  for (const [pSame, kSame, pOther, kOther] of slots) {
    if (pSame.ref.code !== kSame.ref.code || pOther.ref.code === kOther.ref.code) continue;
    if (pOther.byTable && kOther.byTable) continue; // two clubs the table knows apart: different games
    return (
      `unknown ${p.home.ref.league} club: Kalshi "${kOther.label}" and Polymarket "${pOther.label}" both face ` +
      `"${kSame.label}" on ${p.date}; if they are the same club, add an alias (POLYMIX_ALIASES)`
    );
  }
  // Neither club shared: a hint only when each slot's labels begin with the same word ("Toronto"
  // and "Toronto FC") and no table tells the two clubs of a slot apart.
  const alike = (a: ListedClub, b: ListedClub) =>
    a.ref.code !== b.ref.code && !(a.byTable && b.byTable) && firstWordOf(a.label) === firstWordOf(b.label);
  if (alike(p.home, k.home) && alike(p.away, k.away))
    return (
      `unknown ${p.home.ref.league} clubs: Kalshi "${k.home.label}" v "${k.away.label}" and Polymarket ` +
      `"${p.home.label}" v "${p.away.label}" may be one game on ${p.date}; if so, add aliases (POLYMIX_ALIASES)`
    );
  return null;
}

/**
 * A refused listing's code and reason; an outcome list that does not match its clubs, or a club
 * no table and no label identifies, also names the cause, which the engine says once per
 * container (lib/engine/discover.ts `noteRefusalCauses`).
 */
function refusalOf(checked: {
  code: MatchRefusal['code'];
  reason: string;
}): Omit<MatchRefusal, 'polymarket' | 'kalshi'> {
  const { code, reason } = checked;
  return code === 'outcome-mismatch' || code === 'unknown-team'
    ? { code, reason, cause: `three-way listing refused: ${reason}` }
    : { code, reason };
}

/**
 * Every three-way pair and every refusal, in a deterministic order whatever the input order.
 * `aliases`: the participant alias groups of the clubs no table knows (tests pass their own).
 */
export function matchOutcomeGames(
  polymarket: readonly PolymarketOutcomeEvent[],
  kalshi: readonly KalshiGame[],
  aliases: AliasTable = PARTICIPANT_ALIASES,
): OutcomeMatchResult {
  const refusals: MatchRefusal[] = [];
  const pmIds = countIds(polymarket.map((e) => e.slug));
  const kIds = countIds(kalshi.map((g) => g.eventTicker));
  const groups = new Map<string, { pm: PmChecked[]; ks: KalshiChecked[] }>();
  const group = (s: Side) => {
    const key = keyOf(s);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { pm: [], ks: [] }));
    return g;
  };
  const pms: PmChecked[] = [];
  const ks: KalshiChecked[] = [];
  for (const event of polymarket) {
    if ((pmIds.get(event.slug) ?? 0) > 1) {
      refusals.push({ polymarket: event.slug, code: 'duplicate', reason: 'event slug listed more than once' });
      continue;
    }
    const checked = checkPolymarketOutcomeEvent(event, aliases);
    if (checked.ok) pms.push(checked.value);
    else refusals.push({ polymarket: event.slug, ...refusalOf(checked) });
  }
  for (const game of kalshi) {
    if ((kIds.get(game.eventTicker) ?? 0) > 1) {
      refusals.push({ kalshi: game.eventTicker, code: 'duplicate', reason: 'event ticker listed more than once' });
      continue;
    }
    const checked = checkKalshiOutcomeEvent(game, aliases);
    if (checked.ok) ks.push(checked.value);
    else refusals.push({ kalshi: game.eventTicker, ...refusalOf(checked) });
  }
  for (const p of pms) group(p).pm.push(p);
  for (const k of ks) group(k).ks.push(k);
  const pairs: OutcomePair[] = [];
  // A listing whose clubs the other venue does not list: a name cause is looked for among these only.
  const lonely = (s: Side) => {
    const g = groups.get(keyOf(s));
    return !g || g.pm.length === 0 || g.ks.length === 0;
  };
  const withCause = (reason: string, causes: ReadonlyArray<string | null>) => {
    // Deterministic whatever the input order: the first in text order.
    const cause = causes.filter((c): c is string => c !== null).sort()[0];
    return cause === undefined ? { reason } : { reason: `${reason}; ${cause}`, cause };
  };
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
    if (g.pm.length > 0 && g.ks.length > 0) {
      const reason = `${g.pm.length} Polymarket and ${g.ks.length} Kalshi listings of ${what}`;
      for (const c of g.pm) refusals.push({ polymarket: c.event.slug, code: 'ambiguous', reason });
      for (const c of g.ks) refusals.push({ kalshi: c.game.eventTicker, code: 'ambiguous', reason });
      continue;
    }
    const reason = `no ${g.pm.length === 0 ? 'Polymarket' : 'Kalshi'} listing of ${what}`;
    for (const c of g.pm) {
      const causes = ks.filter(lonely).map((o) => clubCause(c, o));
      refusals.push({ polymarket: c.event.slug, code: 'no-counterpart', ...withCause(reason, causes) });
    }
    for (const c of g.ks) {
      const causes = pms.filter(lonely).map((o) => clubCause(o, c));
      refusals.push({ kalshi: c.game.eventTicker, code: 'no-counterpart', ...withCause(reason, causes) });
    }
  }
  pairs.sort((a, b) => compare(a.id, b.id));
  refusals.sort(compareRefusals);
  return { pairs, refusals };
}
