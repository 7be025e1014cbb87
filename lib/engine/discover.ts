/**
 * Discovery for one invocation: both venues' listings (cached for the invocation, so a sub-minute
 * loop lists once), matched pairs with refusals, a pre-screen on listing prices, and order-book
 * depth fetched in one batch per venue for the candidates only.
 */

import { splitLiveLeagues } from '../core/league-rules';
import {
  type Book,
  type GamePair,
  type InstrumentRef,
  instrumentKey,
  isOutcomeEvent,
  type KalshiGame,
  type League,
  PAIR_VENUES,
  type PolymarketOutcomeEvent,
  type PolymarketSideGame,
  type PolymarketSideInstrumentRef,
  pairVenueOf,
} from '../core/market';
import { type MatchRefusal, matchGamesDetailed, type RefusalCode } from '../core/match';
import { isThreeWayLeague, matchOutcomeGames } from '../core/match/outcomes';
import { PAYOUT_MICROS, type PriceMicros } from '../core/money';
import { isOutcomePair, type OutcomePair, type TradePair } from '../core/outcome-arb';
import { PARTICIPANT_ALIASES, type ParticipantAliases } from '../core/teams/participants';
import type { EngineDeps, EngineState } from './deps';
import { recordFailure, venueFailed, venueSucceeded } from './failures';
import { BadResponse, type ItemProblemSink } from './ports';

/**
 * Each slot's games: the Polymarket side's (the pair's Polymarket venue) and Kalshi's, and the
 * Polymarket outcome events of three-way leagues (soccer: docs/adr/0012-three-way-markets.md).
 */
export interface Listings {
  readonly polymarket: PolymarketSideGame[];
  readonly kalshi: KalshiGame[];
  readonly outcomeEvents?: PolymarketOutcomeEvent[];
}

/**
 * Collects the items a venue left out of an answer (ItemProblemSink). Each distinct problem is
 * recorded once per container (the error log would otherwise repeat it every minute) and does
 * not count toward the circuit breaker: the rest of the answer was good, and the item left out
 * cannot be traded.
 */
class SkippedItems {
  readonly problems: BadResponse[] = [];
  readonly sink: ItemProblemSink = (p) => void this.problems.push(p);

  async record(deps: EngineDeps, state: EngineState, source: string): Promise<void> {
    for (const p of this.problems.splice(0)) {
      const key = `skipped:${p.message}`;
      if (state.alerted.has(key)) continue;
      state.alerted.add(key);
      await recordFailure(
        deps,
        source,
        new BadResponse(`item left out: ${p.message}`, {
          venue: p.venue,
          ...(p.endpoint ? { endpoint: p.endpoint } : {}),
        }),
        p.venue,
      );
    }
  }
}

/**
 * The leagues this run lists. Live mode leaves out every league beyond the four major ones whose
 * resolution rules are not known on both venues (`liveTradeable`, lib/core/league-rules.ts;
 * docs/rules.md#rules-per-league), whatever the rule policy allows, and says why once per
 * container. The major leagues keep the rule gate of the planner (lib/core/rules.ts `ruleGate`
 * under the operator's policy). Paper mode lists every selected league.
 */
export function listedLeagues(deps: Pick<EngineDeps, 'mode' | 'config' | 'logger'>, state: EngineState): League[] {
  const selected = [...deps.config.leagues];
  if (deps.mode !== 'live') return selected;
  const { live, paperOnly } = splitLiveLeagues(selected);
  for (const { league, reason } of paperOnly) {
    const key = `league-paper-only:${league}`;
    if (state.alerted.has(key)) continue;
    state.alerted.add(key);
    deps.logger.warn(`Live trading leaves out ${league}: ${reason}`);
  }
  return live;
}

export async function listBoth(deps: EngineDeps, state: EngineState): Promise<Listings | null> {
  const skipped = new SkippedItems();
  const leagues = listedLeagues(deps, state);
  try {
    const [pm, k] = await Promise.all([
      deps.venues.polymarket.listGames(leagues, skipped.sink),
      deps.venues.kalshi.listGames(leagues, skipped.sink),
    ]);
    venueSucceeded(state);
    await skipped.record(deps, state, 'discover');
    return {
      // The Polymarket slot lists its venue's games: Polymarket's or Polymarket US's.
      polymarket: pm.filter((g): g is PolymarketSideGame => g.venue !== 'kalshi' && !isOutcomeEvent(g) && g.tradable),
      // Outcome events trade market by market: every market must take orders.
      outcomeEvents: pm.filter(
        (g): g is PolymarketOutcomeEvent => isOutcomeEvent(g) && g.tradable && g.markets.every((m) => m.tradable),
      ),
      // Every market of the event must take orders: a leg planned on a paused, closed or
      // unopened Kalshi market would be refused, and as a second leg that means an unwind.
      kalshi: k.filter(
        (g): g is KalshiGame => g.venue === 'kalshi' && g.markets.length > 0 && g.markets.every((m) => m.tradable),
      ),
    };
  } catch (err) {
    await venueFailed(deps, state, 'discover', err);
    return null;
  }
}

/** Refusals of a listing on its own that the operator can act on: it did not parse, names no known participant, or its outcomes do not match its participants. */
const BAD_INPUT: ReadonlySet<RefusalCode> = new Set<RefusalCode>(['unparseable', 'unknown-team', 'outcome-mismatch']);

/**
 * What an operator can act on in a refusal, or null: the matcher's `cause` (a participant two
 * venues may name differently: docs/engine.md#matching), else, for a listing left out as bad
 * input, the listing and the reason.
 */
export function refusalCause(r: MatchRefusal): string | null {
  if (r.cause !== undefined) return r.cause;
  if (!BAD_INPUT.has(r.code)) return null;
  const ids = [
    r.kalshi === undefined ? null : `Kalshi ${r.kalshi}`,
    r.polymarket === undefined ? null : `Polymarket ${r.polymarket}`,
  ]
    .filter((x) => x !== null)
    .join(' / ');
  return `${ids || 'a listing'} left out (${r.code}): ${r.reason}`;
}

/** At most this many refusal causes are recorded per run; the rest wait for the next runs. */
export const MAX_REFUSAL_CAUSES_PER_RUN = 5;

/**
 * Record once per container each cause of refusal the operator can act on (`refusalCause`), in
 * the error log (GET /errors) and the log, whichever listings it concerns and however often they
 * are listed. It does not count toward the circuit breaker: the venue answered, the listing
 * cannot be traded. At most `MAX_REFUSAL_CAUSES_PER_RUN` per run, so a venue listing many
 * unreadable events neither slows one scan nor fills the error ring (the last 100) at once:
 * the rest are recorded by the following runs.
 */
export async function noteRefusalCauses(
  deps: EngineDeps,
  state: EngineState,
  refusals: readonly MatchRefusal[],
): Promise<void> {
  let recorded = 0;
  for (const r of refusals) {
    const cause = refusalCause(r);
    if (cause === null) continue;
    const key = `match-cause:${cause}`;
    if (state.alerted.has(key)) continue;
    if (recorded === MAX_REFUSAL_CAUSES_PER_RUN) return;
    state.alerted.add(key);
    recorded += 1;
    await recordFailure(deps, 'match', new MatchingRefused(cause), undefined, 'warn');
  }
}

/** A listing left out by matching, as recorded: "MatchingRefused: …". */
class MatchingRefused extends Error {
  override readonly name = 'MatchingRefused';
}

/**
 * Two-team pairs (lib/core/match.ts) and, for the three-way leagues, outcome pairs
 * (lib/core/match/outcomes.ts): each Kalshi event goes to the matcher of its league's structure.
 */
export function matchListings(
  listings: Listings,
  /** The alias groups in force (`EngineConfig.participantAliases`); default the built-in ones. */
  aliases: ParticipantAliases = PARTICIPANT_ALIASES,
): { pairs: TradePair[]; refusals: readonly MatchRefusal[] } {
  const threeWay = listings.kalshi.filter((g) => isThreeWayLeague(g.league));
  const twoWay = threeWay.length === 0 ? listings.kalshi : listings.kalshi.filter((g) => !isThreeWayLeague(g.league));
  const result = matchGamesDetailed(listings.polymarket, twoWay, aliases);
  const events = listings.outcomeEvents ?? [];
  if (events.length === 0 && threeWay.length === 0) return { pairs: [...result.pairs], refusals: result.refusals };
  const outcomes = matchOutcomeGames(events, threeWay, aliases);
  return { pairs: [...result.pairs, ...outcomes.pairs], refusals: [...result.refusals, ...outcomes.refusals] };
}

/** Each outcome's two covers as [Polymarket ask, Kalshi ask] listing prices (undefined or null: unknown). */
function outcomeListedAsks(pair: OutcomePair): Array<[PriceMicros | null | undefined, PriceMicros | null | undefined]> {
  const out: Array<[PriceMicros | null | undefined, PriceMicros | null | undefined]> = [];
  for (const o of pair.game.outcomes) {
    const pm = pair.polymarket.markets.find((m) => m.conditionId === o.polymarket.conditionId);
    const k = pair.kalshi.markets.find((m) => m.ticker === o.kalshiTicker);
    out.push([pm?.listedNoAskMicros, k?.listedYesAskMicros]);
    out.push([pm?.listedYesAskMicros, k?.listedNoAskMicros]);
  }
  return out;
}

/** The four leg combinations of a pair (docs/planner.md §1) as [Polymarket side, Kalshi ticker, Kalshi side]. */
function combos(pair: GamePair): Array<[0 | 1, string, 'yes' | 'no']> {
  const [a, b] = pair.sides;
  return [
    [0, b.kalshiTicker, 'yes'],
    [0, a.kalshiTicker, 'no'],
    [1, a.kalshiTicker, 'yes'],
    [1, b.kalshiTicker, 'no'],
  ];
}

/** The listing-time ask of a Polymarket-side instrument of this game; null or undefined when unknown. */
function listedAsk(game: PolymarketSideGame, instrument: PolymarketSideInstrumentRef): PriceMicros | null | undefined {
  if (game.venue === 'polymarket') {
    if (instrument.venue !== 'polymarket') return null;
    return game.outcomes.find((o) => o.tokenId === instrument.tokenId)?.listedAskMicros;
  }
  if (instrument.venue !== 'polymarket-us') return null;
  return instrument.side === 'long' ? game.listedLongAskMicros : game.listedShortAskMicros;
}

/**
 * False only when every listing price is known and no combination's two asks sum below $1:
 * then depth cannot show an edge either (fees only add). Unknown prices keep the pair.
 */
export function passesPreScreen(pair: TradePair): boolean {
  if (isOutcomePair(pair)) {
    for (const [pmAsk, kAsk] of outcomeListedAsks(pair)) {
      if (pmAsk === undefined || pmAsk === null || kAsk === undefined || kAsk === null) return true;
      if (pmAsk + kAsk < PAYOUT_MICROS) return true;
    }
    return false;
  }
  for (const [pmSide, ticker, kSide] of combos(pair)) {
    const pmAsk = listedAsk(pair.polymarket, pair.sides[pmSide].polymarket);
    const market = pair.kalshi.markets.find((m) => m.ticker === ticker);
    const kAsk = kSide === 'yes' ? market?.listedYesAskMicros : market?.listedNoAskMicros;
    if (pmAsk === undefined || pmAsk === null || kAsk === undefined || kAsk === null) return true;
    if (pmAsk + kAsk < PAYOUT_MICROS) return true;
  }
  return false;
}

export function instrumentsOf(pair: TradePair): InstrumentRef[] {
  const out: InstrumentRef[] = [];
  if (isOutcomePair(pair)) {
    // Every outcome's market on both venues, both sides: YES and NO are each a cover's leg.
    for (const o of pair.game.outcomes) {
      const { conditionId, yesTokenId, noTokenId } = o.polymarket;
      out.push({ venue: 'polymarket', conditionId, tokenId: yesTokenId });
      out.push({ venue: 'polymarket', conditionId, tokenId: noTokenId });
      out.push({ venue: 'kalshi', ticker: o.kalshiTicker, side: 'yes' });
      out.push({ venue: 'kalshi', ticker: o.kalshiTicker, side: 'no' });
    }
    return out;
  }
  for (const side of pair.sides) {
    out.push(side.polymarket);
    out.push({ venue: 'kalshi', ticker: side.kalshiTicker, side: 'yes' });
    out.push({ venue: 'kalshi', ticker: side.kalshiTicker, side: 'no' });
  }
  return out;
}

/** Books of every candidate's instruments, one batch per venue; a failed venue gives no books. */
export async function fetchBooks(
  deps: EngineDeps,
  state: EngineState,
  pairs: readonly TradePair[],
): Promise<Map<string, Book>> {
  return fetchInstrumentBooks(
    deps,
    state,
    pairs.flatMap((pair) => instrumentsOf(pair)),
  );
}

/**
 * Books of these instruments, one `getBooks` batch per venue (duplicates asked once); a venue
 * whose call fails gives no books and counts toward the circuit breaker. `calls` counts the
 * batches sent.
 */
export async function fetchInstrumentBooks(
  deps: EngineDeps,
  state: EngineState,
  instruments: readonly InstrumentRef[],
  calls?: { count: number },
): Promise<Map<string, Book>> {
  const wanted = new Map<string, InstrumentRef>();
  for (const i of instruments) wanted.set(instrumentKey(i), i);
  const books = new Map<string, Book>();
  for (const venue of PAIR_VENUES) {
    const ids = [...wanted.values()].filter((i) => pairVenueOf(i.venue) === venue);
    if (ids.length === 0) continue;
    const skipped = new SkippedItems();
    if (calls) calls.count += 1;
    try {
      for (const [k, b] of await deps.venues[venue].getBooks(ids, skipped.sink)) books.set(k, b);
      venueSucceeded(state);
      await skipped.record(deps, state, 'books');
    } catch (err) {
      await venueFailed(deps, state, 'books', err, deps.venues[venue].name);
    }
  }
  return books;
}
