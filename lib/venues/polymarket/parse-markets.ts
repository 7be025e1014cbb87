/**
 * Gamma market → `PolymarketGame` (lib/core/market.ts) plus what order signing needs about the
 * market (`MarketInfo`). docs/venues-polymarket.md#p1 describes the shapes. Resolution at the end of the file.
 */
import type {
  League,
  PolymarketFeeSchedule,
  PolymarketGame,
  PolymarketOutcomeEvent,
  PolymarketOutcomeMarket,
  Resolution,
} from '../../core/market';
import { instrumentKey } from '../../core/market';
import { type Centishares, PAYOUT_MICROS, type PriceMicros } from '../../core/money';
import { isSupportedTick, LEAGUE_SLUG_PREFIX } from './constants';
import { ParseFailure, parseLooseTime, scaledFrom } from './parse';
import type { ClobMarket, GammaMarket } from './schemas';

/** What an order on one market needs: exchange choice, tick, minimum size, fee schedule. */
export interface MarketInfo {
  readonly conditionId: string;
  readonly negRisk: boolean;
  readonly protocolVersion: 'v1' | 'v2';
  readonly tickMicros: PriceMicros;
  readonly minSizeCenti: Centishares;
  readonly fee: PolymarketFeeSchedule;
  /** The ids we trade, in outcome order (`positionIds` for v2 markets). */
  readonly tokenIds: readonly [string, string];
  readonly outcomeNames: readonly [string, string];
}

/** League from the event's series slug, the event slug or the market slug (`nba-…`). */
export function leagueOf(market: Pick<GammaMarket, 'slug' | 'events'>): League | null {
  const slugs: string[] = [];
  for (const event of market.events ?? []) {
    if (event.seriesSlug) slugs.push(event.seriesSlug);
    for (const s of event.series ?? []) if (s.slug) slugs.push(s.slug);
    if (event.slug) slugs.push(event.slug);
  }
  slugs.push(market.slug);
  for (const slug of slugs) {
    const prefix = /^([a-z0-9]+)(?:-|$)/.exec(slug.toLowerCase())?.[1];
    const league = prefix ? LEAGUE_SLUG_PREFIX[prefix] : undefined;
    if (league) return league;
  }
  return null;
}

function pair(values: readonly string[] | null | undefined, what: string): readonly [string, string] {
  if (!values || values.length !== 2 || !values[0] || !values[1]) {
    throw new ParseFailure(`${what} must hold exactly two entries`);
  }
  return [values[0], values[1]];
}

/**
 * Fee schedule in ppm, read from THIS market (docs/venues-polymarket.md#p5-fee-schedule): never a constant. A
 * fee-charging market (or one that does not say) without a readable schedule is refused: discovery leaves it out
 * and records it, and no order is signed for it.
 */
export function feeScheduleOf(market: GammaMarket): PolymarketFeeSchedule {
  if (market.feesEnabled === false) return { ratePpm: 0, exponent: 1, takerOnly: true };
  const schedule = market.feeSchedule;
  if (!schedule) throw new ParseFailure(`market ${market.id} has no feeSchedule`);
  const ratePpm = scaledFrom(schedule.rate, 6);
  if (ratePpm > 1_000_000) throw new ParseFailure(`fee rate ${String(schedule.rate)} above 1`);
  return { ratePpm, exponent: schedule.exponent ?? 1, takerOnly: schedule.takerOnly ?? true };
}

/** Market facts an order needs, from a Gamma market of any sport. */
export function marketInfoOf(market: GammaMarket): MarketInfo {
  const protocolVersion = market.version ?? 'v1';
  // v2 markets trade `positionIds`; v1 markets trade `clobTokenIds` (docs/venues-polymarket.md#p1).
  const tokenIds =
    protocolVersion === 'v2' ? pair(market.positionIds, 'positionIds') : pair(market.clobTokenIds, 'clobTokenIds');
  if (market.orderPriceMinTickSize === null || market.orderPriceMinTickSize === undefined) {
    throw new ParseFailure(`market ${market.id} has no orderPriceMinTickSize`);
  }
  const tickMicros = scaledFrom(market.orderPriceMinTickSize, 6);
  if (!isSupportedTick(tickMicros))
    throw new ParseFailure(`unsupported tick size ${String(market.orderPriceMinTickSize)}`);
  if (market.orderMinSize === null || market.orderMinSize === undefined) {
    throw new ParseFailure(`market ${market.id} has no orderMinSize`);
  }
  return {
    conditionId: market.conditionId,
    negRisk: market.negRisk ?? false,
    protocolVersion,
    tickMicros,
    minSizeCenti: scaledFrom(market.orderMinSize, 2),
    fee: feeScheduleOf(market),
    tokenIds,
    outcomeNames: pair(market.outcomes, 'outcomes'),
  };
}

/**
 * A listing price in (0, 1) as micros, or null (absent, 0, 1, or finer than a micro). Listing
 * prices only let the engine skip a pair whose every combination already costs $1 or more;
 * a bad one can cost an opportunity, never cause a trade.
 */
function listedPrice(value: number | string | null | undefined): PriceMicros | null {
  if (value === null || value === undefined) return null;
  try {
    const micros = scaledFrom(value, 6);
    return micros > 0 && micros < PAYOUT_MICROS ? micros : null;
  } catch {
    return null;
  }
}

const complement = (p: PriceMicros | null): PriceMicros | null => (p === null ? null : PAYOUT_MICROS - p);

/**
 * A two-team moneyline game, or null when the market is something else (another sport, another
 * market type, a Yes/No market). `tradable` reflects the market only: discovery also leaves out
 * events that have ended (docs/venues-polymarket.md#p1-ended). Throws `ParseFailure` when a wanted game is malformed.
 */
export function gameOf(market: GammaMarket, leagues: ReadonlySet<League>, knownLeague?: League): PolymarketGame | null {
  if (market.sportsMarketType !== 'moneyline') return null;
  // Discovery knows the league from the series it asked for (docs/venues-polymarket.md#p1-sports).
  const league = knownLeague ?? leagueOf(market);
  if (!league || !leagues.has(league)) return null;
  const names = pair(market.outcomes, 'outcomes');
  if (names.every((n) => /^(yes|no)$/i.test(n))) return null;
  const info = marketInfoOf(market);
  const start = market.gameStartTime ?? market.eventStartTime ?? null;
  const eventSlug = market.events?.find((e) => e.slug)?.slug ?? market.slug;
  return {
    venue: 'polymarket',
    league,
    marketId: market.id,
    conditionId: market.conditionId,
    slug: eventSlug,
    question: market.question,
    outcomes: [
      { name: names[0], tokenId: info.tokenIds[0], listedAskMicros: listedPrice(market.bestAsk) },
      // Buying the second outcome at p is selling the first at 1 − p: its ask mirrors the first's bid.
      { name: names[1], tokenId: info.tokenIds[1], listedAskMicros: complement(listedPrice(market.bestBid)) },
    ],
    gameStartMs: start === null ? null : parseLooseTime(start),
    negRisk: info.negRisk,
    protocolVersion: info.protocolVersion,
    tickMicros: info.tickMicros,
    minSizeCenti: info.minSizeCenti,
    fee: info.fee,
    tradable:
      market.active === true &&
      market.closed !== true &&
      market.acceptingOrders === true &&
      market.enableOrderBook === true,
  };
}

// ---- outcome events (soccer) ------------------------------------------------------------------

/**
 * A market of an outcome event: only `{event slug}-{one word}` markets (a club's code or `draw`;
 * docs/leagues.md#l-epl-english-premier-league) whose outcomes are `Yes` and `No`. Spreads,
 * totals and exact scores (`…-spread-away-1pt5`, `…-exact-score-…`) are not outcome markets.
 */
export function isOutcomeMarketOf(eventSlug: string, market: Pick<GammaMarket, 'slug'>): boolean {
  return market.slug.startsWith(`${eventSlug}-`) && /^[a-z0-9]+$/.test(market.slug.slice(eventSlug.length + 1));
}

/** One binary market of an outcome event, its tokens read by outcome name (`Yes`, `No`), never by position. */
export function outcomeMarketOf(market: GammaMarket, info: MarketInfo): PolymarketOutcomeMarket {
  const yes = info.outcomeNames.findIndex((n) => /^yes$/i.test(n));
  const no = info.outcomeNames.findIndex((n) => /^no$/i.test(n));
  if (yes < 0 || no < 0 || yes === no)
    throw new ParseFailure(`market ${market.slug} outcomes are ${info.outcomeNames.join('/')}, not Yes/No`);
  const bestAsk = listedPrice(market.bestAsk);
  const bestBid = listedPrice(market.bestBid);
  // `bestBid`/`bestAsk` are the first outcome's book: the other outcome's ask mirrors its bid.
  const askOf = (i: number) => (i === 0 ? bestAsk : complement(bestBid));
  return {
    marketId: market.id,
    conditionId: market.conditionId,
    slug: market.slug,
    question: market.question,
    yesTokenId: info.tokenIds[yes]!,
    noTokenId: info.tokenIds[no]!,
    listedYesAskMicros: askOf(yes),
    listedNoAskMicros: askOf(no),
    protocolVersion: info.protocolVersion,
    tickMicros: info.tickMicros,
    minSizeCenti: info.minSizeCenti,
    fee: info.fee,
    tradable:
      market.active === true &&
      market.closed !== true &&
      market.acceptingOrders === true &&
      market.enableOrderBook === true,
  };
}

/**
 * A three-way game (soccer) as Polymarket lists it: a negRisk event with one Yes/No market per
 * outcome (docs/adr/0012-three-way-markets.md). Which markets are the clubs and which the draw is
 * the matcher's to check (lib/core/match/outcomes.ts); here every outcome market is read. The
 * start is the markets' `gameStartTime` (all must agree), else the event's `startTime`.
 */
export function outcomeEventOf(
  event: { id: string; slug: string; title: string; negRisk: boolean; startTime: string | null },
  markets: ReadonlyArray<{ market: GammaMarket; info: MarketInfo }>,
  league: League,
): PolymarketOutcomeEvent {
  const outcome = markets.filter(({ market }) => isOutcomeMarketOf(event.slug, market));
  const starts = new Set(outcome.map(({ market }) => market.gameStartTime ?? market.eventStartTime ?? event.startTime));
  if (starts.size > 1) throw new ParseFailure(`event ${event.slug}: its markets give different start times`);
  const start = [...starts][0] ?? event.startTime;
  const parsed = outcome.map(({ market, info }) => outcomeMarketOf(market, info));
  return {
    venue: 'polymarket',
    kind: 'outcome-event',
    league,
    eventId: event.id,
    slug: event.slug,
    title: event.title,
    negRisk: event.negRisk,
    gameStartMs: start === null || start === undefined ? null : parseLooseTime(start),
    markets: parsed,
    tradable: parsed.length > 0 && parsed.every((m) => m.tradable),
  };
}

// ---- resolution ------------------------------------------------------------------------------

/**
 * Market resolution (docs/venues-polymarket.md#p6). The CLOB market's `tokens[].winner` is the authority for a
 * winner; Gamma tells whether the market is closed, whether the UMA process is disputed, and,
 * for a 50-50 resolution (no winner), the final `outcomePrices` ["0.5","0.5"].
 */
const FINAL_UMA = new Set(['resolved', 'settled']);

function payouts(info: MarketInfo, perOutcome: readonly [number, number]): Record<string, number> {
  const out: Record<string, number> = {};
  info.tokenIds.forEach((tokenId, i) => {
    out[instrumentKey({ venue: 'polymarket', conditionId: info.conditionId, tokenId })] = perOutcome[i] ?? 0;
  });
  return out;
}

/** Needs the CLOB market only once Gamma says the market is closed. */
export function resolutionOf(gamma: GammaMarket, info: MarketInfo, clob: ClobMarket | null): Resolution {
  const uma = (gamma.umaResolutionStatus ?? '').toLowerCase();
  if (uma === 'disputed') return { state: 'disputed', detail: 'UMA resolution disputed' };
  if (gamma.closed !== true || !clob) return { state: 'unresolved' };
  if (clob.condition_id.toLowerCase() !== info.conditionId.toLowerCase()) {
    throw new ParseFailure(`CLOB market ${clob.condition_id} is not ${info.conditionId}`);
  }
  const winners = clob.tokens.filter((t) => t.winner);
  if (winners.length > 1) throw new ParseFailure('more than one winning token');
  const winner = winners[0];
  if (winner) {
    // Match by outcome name: v2 markets trade positionIds, which need not equal the CLOB token ids.
    const index = info.outcomeNames.findIndex((n) => n === winner.outcome);
    const byToken = info.tokenIds.findIndex((t) => t === winner.token_id);
    const i = byToken >= 0 ? byToken : index;
    if (i < 0) throw new ParseFailure(`winning outcome ${winner.outcome} is not one of the market's outcomes`);
    return {
      state: 'final',
      kind: 'won',
      payoutMicros: payouts(info, i === 0 ? [PAYOUT_MICROS, 0] : [0, PAYOUT_MICROS]),
    };
  }
  // No winner: a final 50-50 shows as outcomePrices 0.5/0.5 once UMA has resolved.
  const prices = gamma.outcomePrices;
  if (FINAL_UMA.has(uma) && prices && prices.length === 2) {
    const micros = prices.map((p) => scaledFrom(p, 6, 'reject'));
    if (micros[0] === PAYOUT_MICROS / 2 && micros[1] === PAYOUT_MICROS / 2) {
      return { state: 'final', kind: 'split', payoutMicros: payouts(info, [PAYOUT_MICROS / 2, PAYOUT_MICROS / 2]) };
    }
  }
  // Closed but no authoritative outcome yet (proposal window, or prices say 1/0 before the
  // CLOB flags a winner): wait rather than guess.
  return { state: 'unresolved' };
}
