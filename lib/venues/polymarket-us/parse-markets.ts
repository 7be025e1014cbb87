/**
 * League events → `PolymarketUsGame`, a market's trading facts, and `Resolution`
 * (docs/venues-polymarket-us.md#u-discovery, #u-slugs, #u-sides, #u-settlement). Everything that
 * cannot be read exactly is a BadResponse naming the market; callers decide whether that costs one
 * game (item sink) or the call.
 */
import type { League, Resolution } from '../../core/market';
import { PAYOUT_MICROS, type PriceMicros, parseMicros } from '../../core/money';
import { MONEYLINE_SLUG } from './constants';
import { badResponse } from './errors';
import { event as eventSchema, market as marketSchema, type WireMarket, type WireMarketSide } from './schemas';
import {
  PMUS,
  type PolymarketUsGame,
  type PolymarketUsInstrument,
  type PolymarketUsTeam,
  pmusInstrumentKey,
} from './types';

/** What an order on a market must respect, and what it pays (docs/venues-polymarket-us.md#u-orders, #u-fees). */
export interface MarketFacts {
  readonly marketSlug: string;
  readonly tickMicros: PriceMicros;
  /** Smallest order, in centishares. */
  readonly minSizeCenti: number;
  /** Every order size is a multiple of this (centishares). */
  readonly stepCenti: number;
  readonly takerThetaPpm: number;
  readonly tradable: boolean;
}

/** Where a market states no tick: $0.01, valid on every finer grid too (docs/venues-polymarket-us.md#u-orders). */
export const FALLBACK_TICK_MICROS = 10_000;
/** Where a market states no `minimumTradeQty`: whole contracts, valid on every finer step too. */
export const FALLBACK_MIN_QTY_CENTI = 100;

/** A JSON number (dollars or contracts) as an exact count of millionths, or null when it is not exact. */
function millionths(n: number): number | null {
  try {
    return parseMicros(String(n));
  } catch {
    return null;
  }
}

/** `orderPriceMinTickSize` → micros: a positive whole number of micros that divides $1. */
export function tickOf(m: WireMarket, endpoint: string): PriceMicros {
  if (m.orderPriceMinTickSize === null || m.orderPriceMinTickSize === undefined) return FALLBACK_TICK_MICROS;
  const tick = millionths(m.orderPriceMinTickSize);
  if (tick === null || tick <= 0 || PAYOUT_MICROS % tick !== 0) {
    throw badResponse(endpoint, `market ${m.slug}: unusable orderPriceMinTickSize ${m.orderPriceMinTickSize}`);
  }
  return tick;
}

/**
 * `minimumTradeQty` → the smallest order and the order step, in centishares. A minimum finer than
 * 0.01 contract that divides 0.01 gives a step of 0.01 (our finest unit); one that is a whole
 * number of hundredths is both minimum and step; anything else cannot be traded exactly.
 */
export function sizeRulesOf(m: WireMarket, endpoint: string): { minSizeCenti: number; stepCenti: number } {
  if (m.minimumTradeQty === null || m.minimumTradeQty === undefined) {
    return { minSizeCenti: FALLBACK_MIN_QTY_CENTI, stepCenti: FALLBACK_MIN_QTY_CENTI };
  }
  const q = millionths(m.minimumTradeQty); // millionths of a contract
  const CENTI = 10_000; // millionths in one centishare
  if (q !== null && q > 0) {
    if (q <= CENTI && CENTI % q === 0) return { minSizeCenti: 1, stepCenti: 1 };
    if (q % CENTI === 0) return { minSizeCenti: q / CENTI, stepCenti: q / CENTI };
  }
  throw badResponse(endpoint, `market ${m.slug}: unusable minimumTradeQty ${m.minimumTradeQty}`);
}

/**
 * The taker Θ of a market: the configured one, or the market's `feeCoefficient` when that is a
 * larger coefficient in (0, 1] (what the field means is unverified: docs/venues-polymarket-us.md#u-fees).
 */
export function thetaOf(m: WireMarket, configuredPpm: number): number {
  if (m.feeCoefficient === null || m.feeCoefficient === undefined) return configuredPpm;
  const ppm = millionths(m.feeCoefficient);
  if (ppm === null || ppm <= 0 || ppm > 1_000_000) return configuredPpm;
  return Math.max(configuredPpm, ppm);
}

/**
 * Open for trading: status open, or (status absent) `active` and not `closed`. proto3 JSON leaves
 * `false` out, so an absent `active` is not "active" (docs/venues-polymarket-us.md#u-proto-json).
 */
export function isTradable(m: WireMarket): boolean {
  if (m.closed === true) return false;
  if (m.status) return m.status === 'MARKET_STATUS_OPEN';
  return m.active === true;
}

export function marketFactsOf(m: WireMarket, configuredThetaPpm: number, endpoint: string): MarketFacts {
  return {
    marketSlug: m.slug,
    tickMicros: tickOf(m, endpoint),
    ...sizeRulesOf(m, endpoint),
    takerThetaPpm: thetaOf(m, configuredThetaPpm),
    tradable: isTradable(m),
  };
}

export interface ParsedSlug {
  readonly leagueSlug: string;
  readonly awayCode: string;
  readonly homeCode: string;
  readonly date: string;
}

/** `aec-nba-lal-bos-2026-11-25` → its parts, or null for any other slug (totals, spreads, props). */
export function parseMoneylineSlug(slug: string): ParsedSlug | null {
  const m = MONEYLINE_SLUG.exec(slug);
  if (!m) return null;
  return { leagueSlug: m[1] as string, awayCode: m[2] as string, homeCode: m[3] as string, date: m[4] as string };
}

function teamOf(side: WireMarketSide, code: string): PolymarketUsTeam {
  const name = side.description?.trim() || side.team?.name?.trim() || code.toUpperCase();
  return {
    name,
    code: code.toUpperCase(),
    abbreviation: side.team?.abbreviation?.trim() || null,
    listedPriceMicros: side.quote ?? null,
  };
}

const MONEYLINE_TYPES_V2: ReadonlySet<string> = new Set(['SPORTS_MARKET_TYPE_MONEYLINE']);

/**
 * The moneyline market of one league event as a game, or null when the event has none (futures,
 * props). Throws BadResponse when the event or its moneyline cannot be read: a malformed event,
 * two moneylines, a slug of another league, a market type that contradicts the slug, sides that
 * do not say which is long.
 */
export function toGame(
  raw: unknown,
  league: League,
  leagueSlug: string,
  configuredThetaPpm: number,
  endpoint: string,
): PolymarketUsGame | null {
  const parsedEvent = eventSchema.safeParse(raw);
  if (!parsedEvent.success) {
    throw badResponse(endpoint, `unreadable event (${parsedEvent.error.issues[0]?.message ?? 'schema'})`);
  }
  const ev = parsedEvent.data;
  const candidates = (ev.markets ?? []).filter((m) => {
    const slug = (m as { slug?: unknown } | null)?.slug;
    return typeof slug === 'string' && parseMoneylineSlug(slug) !== null;
  });
  if (candidates.length === 0) return null;
  if (candidates.length > 1) throw badResponse(endpoint, `event ${ev.slug}: ${candidates.length} moneyline markets`);
  const parsedMarket = marketSchema.safeParse(candidates[0]);
  if (!parsedMarket.success) {
    throw badResponse(endpoint, `event ${ev.slug}: unreadable market (${parsedMarket.error.issues[0]?.message})`);
  }
  const m = parsedMarket.data;
  const slug = parseMoneylineSlug(m.slug) as ParsedSlug;
  if (slug.leagueSlug !== leagueSlug) {
    throw badResponse(endpoint, `market ${m.slug} is listed under league ${leagueSlug}`);
  }
  if (m.sportsMarketTypeV2 && !MONEYLINE_TYPES_V2.has(m.sportsMarketTypeV2)) {
    throw badResponse(endpoint, `market ${m.slug}: slug says moneyline, type says ${m.sportsMarketTypeV2}`);
  }
  if (m.marketType && m.marketType !== 'moneyline') {
    throw badResponse(endpoint, `market ${m.slug}: slug says moneyline, marketType says ${m.marketType}`);
  }
  const sides = m.marketSides ?? [];
  const longSides = sides.filter((s) => s.long === true);
  const shortSides = sides.filter((s) => s.long !== true);
  if (sides.length !== 2 || longSides.length !== 1 || shortSides.length !== 1) {
    throw badResponse(endpoint, `market ${m.slug}: sides do not name one long and one short side`);
  }
  const facts = marketFactsOf(m, configuredThetaPpm, endpoint);
  return {
    venue: PMUS,
    league,
    eventId: ev.id,
    eventSlug: ev.slug,
    marketSlug: m.slug,
    marketId: m.id,
    title: m.question ?? m.title ?? ev.title ?? m.slug,
    slugDate: slug.date,
    long: teamOf(longSides[0] as WireMarketSide, slug.awayCode),
    short: teamOf(shortSides[0] as WireMarketSide, slug.homeCode),
    gameStartMs: firstTime(ev.startTime, m.gameStartTime, ev.startDate),
    tickMicros: facts.tickMicros,
    minSizeCenti: facts.minSizeCenti,
    sizeStepCenti: facts.stepCenti,
    takerThetaPpm: facts.takerThetaPpm,
    tradable: facts.tradable,
    listedLongAskMicros: m.bestAskQuote ?? null,
    listedShortAskMicros:
      m.bestBidQuote === null || m.bestBidQuote === undefined ? null : PAYOUT_MICROS - m.bestBidQuote,
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
function firstTime(...values: Array<string | null | undefined>): number | null {
  for (const v of values) {
    if (!v || !ISO.test(v)) continue;
    const ms = Date.parse(v.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return ms;
  }
  return null;
}

/**
 * The final resolution from the long side's settlement price (docs/venues-polymarket-us.md#u-settlement):
 * $1 → long won, $0 → short won, anything between → each side pays its part (long s, short 1 − s).
 */
export function toResolution(marketSlug: string, longPayoutMicros: PriceMicros, endpoint: string): Resolution {
  if (!Number.isSafeInteger(longPayoutMicros) || longPayoutMicros < 0 || longPayoutMicros > PAYOUT_MICROS) {
    throw badResponse(endpoint, `market ${marketSlug}: settlement ${longPayoutMicros} micros outside [0, 1]`);
  }
  const key = (side: PolymarketUsInstrument['side']) => pmusInstrumentKey({ venue: PMUS, marketSlug, side });
  const payoutMicros = { [key('long')]: longPayoutMicros, [key('short')]: PAYOUT_MICROS - longPayoutMicros };
  const decided = longPayoutMicros === 0 || longPayoutMicros === PAYOUT_MICROS;
  return { state: 'final', kind: decided ? 'won' : 'split', payoutMicros };
}
