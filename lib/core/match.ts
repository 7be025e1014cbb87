/**
 * Pair the same game across the Polymarket side (Polymarket or Polymarket US) and Kalshi, oriented
 * team by team: every pair with its orientation, never a pair of different games.
 *
 * A pair needs: the same league, the same two teams (resolved through lib/core/teams where the
 * league has a team table, else by the venues' own labels and codes: match/open-listings.ts; in either
 * order), the same US-Eastern calendar date and, where the venues give start times, agreeing
 * starts. Anything less certain is refused with a reason; a missing pair costs an opportunity, a
 * wrong pair costs money.
 *
 * The date rule (the heart of "same teams on consecutive days never pair"):
 * - Kalshi: the ticker date, which is the US-Eastern date (game-ids.ts).
 * - Polymarket and Polymarket US: the US-Eastern date of `gameStartMs`. The slug date must equal
 *   that date (or, for slugs of late 2025, the UTC date of the start: game-ids.ts); anything else
 *   means the game moved and is refused. Without a start time the slug date alone is not trusted.
 *
 * Start times: Kalshi's ticker `HHMM` (US Eastern) is exact and trusted to ±90 min. Kalshi's API
 * start field has been seen 3 h off the real start (a public comparison of
 * `KXMLBGAME-26AUG222040MINSD` with Polymarket), so it only guards against gross errors (±6 h)
 * and never decides between two games. Several listings of the same teams on one date (MLB
 * doubleheaders, duplicates) pair only one-to-one by trusted start times; otherwise all refused.
 */
import { type GamePair, type KalshiGame, type PairSide, type PolymarketSideGame, polymarketSideGameId } from './market';
import {
  type Checked,
  checkKalshi,
  checkPolymarketSide,
  compare,
  compareRefusals,
  countIds,
  HOUR_MS,
  type KalshiListing,
  LOOSE_START_TOLERANCE_MS,
  MINUTE_MS,
  type PmListing,
  type RefusalCode,
  START_TOLERANCE_MS,
} from './match/listings';
import { checkKalshiOpen, checkPolymarketOpen, checkPolymarketUsOpen } from './match/open-listings';
import { hasTeamTable, normalizeName } from './teams';
import { PARTICIPANT_ALIASES, type ParticipantAliases } from './teams/participants';
import { firstWordOf } from './teams/team';
import { parseUtcDay, utcDay } from './time';

export { LOOSE_START_TOLERANCE_MS, type RefusalCode, START_TOLERANCE_MS } from './match/listings';
export { findTeam, parseKalshiEventTicker, parsePolymarketSlug } from './teams';

/**
 * Why a listing was not paired. `polymarket` is the Polymarket side's id (conditionId, or the
 * Polymarket US market slug), `kalshi` the event ticker.
 */
export interface MatchRefusal {
  readonly polymarket?: string;
  readonly kalshi?: string;
  readonly code: RefusalCode;
  readonly reason: string;
  /**
   * What the operator could add so such listings pair (a participant alias: docs/engine.md#matching);
   * the same for every listing it concerns, so it can be recorded once.
   */
  readonly cause?: string;
}

export interface MatchResult {
  readonly pairs: readonly GamePair[];
  readonly refusals: readonly MatchRefusal[];
}

function makePair(p: PmListing, k: KalshiListing): GamePair {
  const side = (i: 0 | 1): PairSide => {
    const team = p.teams[i];
    const kalshiTicker = k.marketOf.get(team.code);
    if (kalshiTicker === undefined) throw new Error(`internal: ${team.code} has no Kalshi market after checks`);
    return { team, polymarket: p.instruments[i], polymarketName: p.names[i], kalshiTicker };
  };
  const league = p.game.league;
  return {
    id: `${league}:${p.id}:${k.game.eventTicker}`,
    league,
    polymarket: p.game,
    kalshi: k.game,
    sides: [side(0), side(1)],
    kalshiTieTicker: k.tieTicker,
  };
}

interface GroupResult {
  readonly pairs: Array<readonly [PmListing, KalshiListing]>;
  readonly refusals: MatchRefusal[];
}

/** Same league, teams and date on both sides: decide which listings are the same game. */
function pairGroup(pm: readonly PmListing[], ks: readonly KalshiListing[], what: string, out: GroupResult): void {
  const [p] = pm;
  const [k] = ks;
  if (pm.length === 1 && ks.length === 1 && p && k) {
    const ids = { polymarket: p.id, kalshi: k.game.eventTicker };
    if ((k.gameNumber !== null || p.gameNumber !== null) && k.tickerStartMs === null) {
      const reason = `${what} is marked as one game of a doubleheader, and Kalshi gives no start time in the ticker to tell which`;
      out.refusals.push({ ...ids, code: 'ambiguous', reason });
      return;
    }
    const kStart = k.tickerStartMs ?? k.apiStartMs;
    if (k.needsConfirmedStart === true && kStart === null) {
      const reason = `${what}: Kalshi gives no start time, and matchups of this league can repeat on one day`;
      out.refusals.push({ ...ids, code: 'no-start-time', reason });
      return;
    }
    // Where matchups repeat on one day, any Kalshi start must confirm the start within the tight tolerance.
    const tolerance =
      k.tickerStartMs !== null || k.needsConfirmedStart === true ? START_TOLERANCE_MS : LOOSE_START_TOLERANCE_MS;
    if (kStart !== null && Math.abs(p.startMs - kStart) > tolerance) {
      const gap = Math.round(Math.abs(p.startMs - kStart) / MINUTE_MS);
      out.refusals.push({
        ...ids,
        code: 'start-mismatch',
        reason: `${what}: start times differ by ${gap} min (another game of a doubleheader?)`,
      });
      return;
    }
    out.pairs.push([p, k]);
    return;
  }
  // Several listings of one matchup on one date: only trusted start times can tell them apart.
  if (ks.some((c) => c.tickerStartMs === null)) {
    const reason = `${pm.length} Polymarket and ${ks.length} Kalshi listings of ${what}, and Kalshi gives no start time in the ticker to tell them apart`;
    for (const c of pm) out.refusals.push({ polymarket: c.id, code: 'ambiguous', reason });
    for (const c of ks) out.refusals.push({ kalshi: c.game.eventTicker, code: 'ambiguous', reason });
    return;
  }
  const fits = (a: PmListing, b: KalshiListing) => Math.abs(a.startMs - (b.tickerStartMs ?? NaN)) <= START_TOLERANCE_MS;
  const pairedK = new Set<KalshiListing>();
  for (const c of pm) {
    const options = ks.filter((b) => fits(c, b));
    const [only] = options;
    if (only && options.length === 1 && pm.filter((a) => fits(a, only)).length === 1) {
      out.pairs.push([c, only]);
      pairedK.add(only);
    } else {
      const code = options.length === 0 ? 'no-counterpart' : 'ambiguous';
      const reason = `${what}: ${options.length} Kalshi listings start within ${START_TOLERANCE_MS / MINUTE_MS} min, and one is needed`;
      out.refusals.push({ polymarket: c.id, code, reason });
    }
  }
  for (const b of ks) {
    if (pairedK.has(b)) continue;
    const n = pm.filter((a) => fits(a, b)).length;
    const reason = `${what}: ${n} Polymarket listings start within ${START_TOLERANCE_MS / MINUTE_MS} min, and one is needed`;
    out.refusals.push({ kalshi: b.game.eventTicker, code: n === 0 ? 'no-counterpart' : 'ambiguous', reason });
  }
}

function shiftDay(date: string, days: number): string {
  return utcDay(parseUtcDay(date) + days * 24 * HOUR_MS);
}

/** Group by league, teams and date; say where a listing's matchup exists on a neighbouring day. */
function pairListings(pm: readonly PmListing[], ks: readonly KalshiListing[]): GroupResult {
  const groups = new Map<string, { pm: PmListing[]; ks: KalshiListing[] }>();
  const group = (teams: string, date: string) => {
    const key = `${teams} on ${date}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { pm: [], ks: [] }));
    return g;
  };
  for (const p of pm) group(p.teamsKey, p.date).pm.push(p);
  for (const k of ks) group(k.teamsKey, k.date).ks.push(k);
  const nearby = (teams: string, date: string, side: 'pm' | 'ks') =>
    [shiftDay(date, -1), shiftDay(date, 1)].filter((d) => (groups.get(`${teams} on ${d}`)?.[side].length ?? 0) > 0);
  const out: GroupResult = { pairs: [], refusals: [] };
  for (const [what, g] of groups) {
    if (g.pm.length > 0 && g.ks.length > 0) {
      pairGroup(g.pm, g.ks, what, out);
      continue;
    }
    const [first] = g.pm.length > 0 ? g.pm : g.ks;
    if (!first) continue;
    const other = g.pm.length > 0 ? 'ks' : 'pm';
    const days = nearby(first.teamsKey, first.date, other);
    // The Polymarket side of a run is one venue: Polymarket, or Polymarket US on that pair.
    const venue = other === 'ks' ? 'Kalshi' : pm[0]?.game.venue === 'polymarket-us' ? 'Polymarket US' : 'Polymarket';
    const hint =
      days.length > 0 ? ` (${venue} lists it on ${days.join(' and ')}: a different day is a different game)` : '';
    const reason = `no ${venue} listing of ${what}${hint}`;
    for (const p of g.pm) {
      const cause = nameCause(p, ks, 'kalshi');
      out.refusals.push({
        polymarket: p.id,
        code: 'no-counterpart',
        reason: cause ? `${reason}; ${cause}` : reason,
        ...(cause ? { cause } : {}),
      });
    }
    for (const k of g.ks) {
      const cause = nameCause(k, pm, 'polymarket');
      out.refusals.push({
        kalshi: k.game.eventTicker,
        code: 'no-counterpart',
        reason: cause ? `${reason}; ${cause}` : reason,
        ...(cause ? { cause } : {}),
      });
    }
  }
  return out;
}

type Named = Pick<PmListing | KalshiListing, 'teamsKey' | 'date' | 'participantNames'> & {
  readonly game: { readonly league: string };
};

/** Starts this close make two unpaired listings worth an alias hint (a hint only: pairing uses START_TOLERANCE_MS). */
const HINT_START_MS = 30 * MINUTE_MS;

/** When a listing starts, as far as its venue says: Polymarket's start, Kalshi's ticker or API start. */
function startOf(listing: PmListing | KalshiListing): number | null {
  return 'startMs' in listing ? listing.startMs : (listing.tickerStartMs ?? listing.apiStartMs);
}

/**
 * For a listing named by venue labels with no counterpart, another venue's listing of the same
 * league and date that may be the same game under other names, so the cause says which labels to
 * join with an alias (lib/core/teams/participants.ts). Two shapes:
 * - one participant label is shared exactly and the other differs;
 * - neither is shared, but the listings do not give starts more than 30 minutes apart and each label
 *   begins with the same word as a different label of the other listing ("Missouri St." and
 *   "Missouri State Bears").
 * A hint only; it never pairs anything. The text names Kalshi's labels first, in each venue's
 * order, so the Kalshi and the Polymarket listing give the same cause and it is recorded once.
 */
function nameCause(
  self: Named & (PmListing | KalshiListing),
  others: readonly (Named & (PmListing | KalshiListing))[],
  otherVenue: 'kalshi' | 'polymarket',
): string | null {
  const mine = self.participantNames;
  if (!mine) return null;
  const key = normalizeName;
  const causes: string[] = [];
  const selfStart = startOf(self);
  for (const o of others) {
    const theirs = o.participantNames;
    if (!theirs || o.game.league !== self.game.league || o.date !== self.date || o.teamsKey === self.teamsKey) continue;
    let shared = false;
    for (const [i, j] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const at = mine.findIndex((n) => key(n) === key(theirs[i]));
      if (at < 0) continue;
      shared = true;
      const mineOther = mine[at === 0 ? 1 : 0];
      const theirOther = theirs[j];
      if (key(mineOther) === key(theirOther)) continue;
      const [k, p] = otherVenue === 'kalshi' ? [theirOther, mineOther] : [mineOther, theirOther];
      causes.push(
        `unknown ${self.game.league} participant: Kalshi "${k}" and Polymarket "${p}" both face "${key(theirs[i])}" on ${self.date}; if they are the same, add an alias (POLYMIX_ALIASES)`,
      );
    }
    if (shared) continue;
    const otherStart = startOf(o);
    if (selfStart !== null && otherStart !== null && Math.abs(selfStart - otherStart) > HINT_START_MS) continue;
    const [m0, m1] = mine.map(firstWordOf);
    const [t0, t1] = theirs.map(firstWordOf);
    if (!((m0 === t0 && m1 === t1) || (m0 === t1 && m1 === t0)) || m0 === m1) continue;
    const [k, p] = otherVenue === 'kalshi' ? [theirs, mine] : [mine, theirs];
    causes.push(
      `unknown ${self.game.league} participants: Kalshi "${k[0]}" v "${k[1]}" and Polymarket "${p[0]}" v "${p[1]}" may be one game on ${self.date}; if so, add aliases (POLYMIX_ALIASES)`,
    );
  }
  // Deterministic whatever the input order: the first in text order.
  return causes.sort()[0] ?? null;
}

/** A Polymarket-side listing: through the team tables where the league has one, else by the venue's labels. */
function checkPolymarketListing(game: PolymarketSideGame, aliases: ParticipantAliases): Checked<PmListing> {
  if (hasTeamTable(game.league)) return checkPolymarketSide(game);
  return game.venue === 'polymarket' ? checkPolymarketOpen(game, aliases) : checkPolymarketUsOpen(game, aliases);
}

/** Every pair and every refusal, in a deterministic order whatever the input order. */
export function matchGamesDetailed(
  polymarket: readonly PolymarketSideGame[],
  kalshi: readonly KalshiGame[],
  /** Alias groups of the leagues matched by labels: the built-in ones, or with the operator's (`withAliases`). */
  aliases: ParticipantAliases = PARTICIPANT_ALIASES,
): MatchResult {
  const refusals: MatchRefusal[] = [];
  const pmIds = countIds(polymarket.map(polymarketSideGameId));
  const kIds = countIds(kalshi.map((g) => g.eventTicker));
  const pm: PmListing[] = [];
  for (const game of polymarket) {
    const id = polymarketSideGameId(game);
    if ((pmIds.get(id) ?? 0) > 1) {
      const what = game.venue === 'polymarket' ? 'conditionId' : 'market slug';
      refusals.push({ polymarket: id, code: 'duplicate', reason: `${what} listed more than once` });
      continue;
    }
    const checked = checkPolymarketListing(game, aliases);
    if (checked.ok) pm.push(checked.value);
    else refusals.push({ polymarket: id, code: checked.code, reason: checked.reason });
  }
  const ks: KalshiListing[] = [];
  for (const game of kalshi) {
    if ((kIds.get(game.eventTicker) ?? 0) > 1) {
      refusals.push({ kalshi: game.eventTicker, code: 'duplicate', reason: 'event ticker listed more than once' });
      continue;
    }
    const checked = hasTeamTable(game.league) ? checkKalshi(game) : checkKalshiOpen(game, aliases);
    if (checked.ok) ks.push(checked.value);
    else refusals.push({ kalshi: game.eventTicker, code: checked.code, reason: checked.reason });
  }
  const grouped = pairListings(pm, ks);
  const pairs = grouped.pairs.map(([p, k]) => makePair(p, k)).sort((a, b) => compare(a.id, b.id));
  refusals.push(...grouped.refusals);
  refusals.sort(compareRefusals);
  return { pairs, refusals };
}

/** Every pair with its orientation; never a pair of different games. */
export function matchGames(polymarket: readonly PolymarketSideGame[], kalshi: readonly KalshiGame[]): GamePair[] {
  return [...matchGamesDetailed(polymarket, kalshi).pairs];
}
