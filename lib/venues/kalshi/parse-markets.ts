/**
 * Kalshi series / events / markets → core `KalshiGame`, tick sizes and `Resolution`
 * (docs/venues-kalshi.md#k1, #k5). Input is already validated and amounts are exact integers (schemas.ts).
 */
import type { z } from 'zod';
import type { KalshiFeeType, KalshiGame, KalshiGameMarket, League, Resolution } from '../../core/market';
import { instrumentKey } from '../../core/market';
import { CENTI_PER_SHARE, type Centishares, PAYOUT_MICROS, type PriceMicros } from '../../core/money';
import { kalshiMarketCode } from '../../core/teams/league-tickers';
import { GAME_MILESTONE_TYPES, LINEAR_CENT, LINEAR_CENT_TICK_MICROS } from './constants';
import { badResponse } from './errors';
import { milestone, type WireEvent, type WireMarket } from './schemas';

/** One item of a page: the parsed value, or a BadResponse naming the item and the first issue. */
export function parseItem<S extends z.ZodType>(schema: S, raw: unknown, endpoint: string, what: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data as z.infer<S>;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'schema mismatch';
  const named = raw as { event_ticker?: unknown; ticker?: unknown } | null;
  const ticker = named?.ticker ?? named?.event_ticker;
  const name = typeof ticker === 'string' ? ` ${ticker.slice(0, 80)}` : '';
  throw badResponse(endpoint, `${what}${name} unusable (${where})`);
}

export interface SeriesFee {
  /** `'unknown'`: a fee type we cannot price; only events that override it are usable. */
  readonly feeType: KalshiFeeType | 'unknown';
  readonly feeMultiplierPpm: number;
}

/**
 * The tick of a market. `linear_cent` is $0.01 everywhere. Other structures (`deci_cent`,
 * `tapered_deci_cent`) list `price_ranges`, possibly with different steps per range; one tick
 * must be valid in EVERY range, so we take the coarsest step and require that each finer step
 * divides it (a price on the coarse grid is then on every range's grid). Finer levels near the
 * extremes are still tradable by the venue but our limit prices stay on the coarse grid.
 */
export function tickOf(m: WireMarket, endpoint: string): PriceMicros {
  if (m.price_level_structure === LINEAR_CENT) return LINEAR_CENT_TICK_MICROS;
  const steps = m.price_ranges.map((r) => r.step);
  if (steps.length === 0 || steps.some((s) => s <= 0)) {
    throw badResponse(endpoint, `market ${m.ticker}: structure ${m.price_level_structure} without usable price_ranges`);
  }
  const coarsest = Math.max(...steps);
  if (steps.some((s) => coarsest % s !== 0)) {
    throw badResponse(endpoint, `market ${m.ticker}: price range steps do not nest`);
  }
  return coarsest;
}

/**
 * The market's code: `LAL` in `KXNBAGAME-25DEC27LALBOS-LAL` (docs/venues-kalshi.md#k1). With the
 * event ticker, the ticker minus the event ticker and one hyphen (a code can hold a hyphen:
 * `M-OH` in `KXNCAAFGAME-25DEC27M-OHFRES-M-OH`, docs/leagues.md#l-ncaaf-ncaa-football); without
 * it, the part after the last `-`.
 */
export function suffixOf(ticker: string, eventTicker?: string): string {
  if (eventTicker !== undefined) {
    const code = kalshiMarketCode(ticker, eventTicker);
    if (code !== null) return code;
  }
  const i = ticker.lastIndexOf('-');
  return i >= 0 ? ticker.slice(i + 1) : ticker;
}

/** A listed ask of 0 or 1 means "no ask" rather than a price anyone can trade at. */
function listedAsk(p: PriceMicros | null): PriceMicros | null {
  return p === null || p <= 0 || p >= PAYOUT_MICROS ? null : p;
}

/**
 * The order size step of a market: 1 centishare where `fractional_trading_enabled` is true, 100
 * (whole contracts) where it is false, `fallback` (the configured step) where the field is absent
 * (docs/venues-kalshi.md#k1-fractional).
 */
export function sizeStepOf(m: Pick<WireMarket, 'fractional_trading_enabled'>, fallback: Centishares): Centishares {
  if (m.fractional_trading_enabled === true) return 1;
  if (m.fractional_trading_enabled === false) return CENTI_PER_SHARE;
  return fallback;
}

export function toGameMarket(
  m: WireMarket,
  endpoint: string,
  fallbackStep: Centishares = CENTI_PER_SHARE,
  eventTicker?: string,
): KalshiGameMarket {
  return {
    ticker: m.ticker,
    suffix: suffixOf(m.ticker, eventTicker),
    yesSubTitle: m.yes_sub_title,
    tickMicros: tickOf(m, endpoint),
    sizeStepCenti: sizeStepOf(m, fallbackStep),
    // Only `active` markets take orders (Market.md status lifecycle); an unknown status never
    // trades (docs/venues-kalshi.md#k1-enums).
    tradable: m.status === 'active',
    listedYesAskMicros: listedAsk(m.yes_ask_dollars),
    listedNoAskMicros: listedAsk(m.no_ask_dollars),
  };
}

/**
 * Scheduled game starts by event ticker, from the milestones `GET /events?with_milestones=true`
 * returns. The milestone is a game of a known type whose `primary_event_tickers` (else
 * `related_event_tickers`) names the event. Malformed milestones are skipped: the start time is
 * optional, the ticker date still applies.
 */
export function gameStartsByEvent(milestones: readonly unknown[]): Map<string, number> {
  const starts = new Map<string, number>();
  for (const raw of milestones) {
    const parsed = milestone.safeParse(raw);
    if (!parsed.success || !GAME_MILESTONE_TYPES.has(parsed.data.type)) continue;
    const events = parsed.data.primary_event_tickers?.length
      ? parsed.data.primary_event_tickers
      : (parsed.data.related_event_tickers ?? []);
    for (const e of events) if (!starts.has(e)) starts.set(e, parsed.data.start_date);
  }
  return starts;
}

export function toKalshiGame(
  ev: WireEvent,
  league: League,
  seriesTicker: string,
  seriesFee: SeriesFee,
  gameStartMs: number | null,
  endpoint: string,
  fallbackStep: Centishares = CENTI_PER_SHARE,
): KalshiGame {
  const feeType = ev.fee_type_override ? ev.fee_type_override : seriesFee.feeType;
  // A fee type we do not know cannot be priced: this event is left out, not the league.
  if (feeType === 'unknown') throw badResponse(endpoint, `event ${ev.event_ticker}: unknown fee type`);
  const feeMultiplierPpm =
    ev.fee_type_override && typeof ev.fee_multiplier_override === 'number'
      ? ev.fee_multiplier_override
      : seriesFee.feeMultiplierPpm;
  const expirations = ev.markets.map((m) => m.expected_expiration_time).filter((t): t is number => t !== null);
  return {
    venue: 'kalshi',
    league,
    seriesTicker,
    eventTicker: ev.event_ticker,
    title: ev.title,
    markets: ev.markets.map((m) => toGameMarket(m, endpoint, fallbackStep, ev.event_ticker)),
    gameStartMs,
    // The latest one: capital is locked until every market of the game has expired.
    expectedExpirationMs: expirations.length > 0 ? Math.max(...expirations) : null,
    feeType,
    feeMultiplierPpm,
  };
}

/**
 * Market → `Resolution` of both its instruments. Only `finalized` is final: `determined` can
 * still be disputed or amended (Market.md lifecycle), so it reads as unresolved and the settle
 * loop asks again later. A finalized market must carry a consistent result, else BadResponse.
 */
export function toResolution(m: WireMarket, endpoint: string): Resolution {
  if (m.status === 'disputed') return { state: 'disputed', detail: `kalshi market ${m.ticker} is disputed` };
  if (m.status !== 'finalized') return { state: 'unresolved' };
  const yesKey = instrumentKey({ venue: 'kalshi', ticker: m.ticker, side: 'yes' });
  const noKey = instrumentKey({ venue: 'kalshi', ticker: m.ticker, side: 'no' });
  const value = m.settlement_value_dollars;
  const pay = (yes: PriceMicros) => ({ [yesKey]: yes, [noKey]: PAYOUT_MICROS - yes });
  switch (m.result) {
    case 'yes':
    case 'no': {
      const yes = m.result === 'yes' ? PAYOUT_MICROS : 0;
      if (value !== null && value !== yes) {
        throw badResponse(endpoint, `market ${m.ticker}: result ${m.result} but settlement value ${value} micros`);
      }
      return { state: 'final', kind: 'won', payoutMicros: pay(yes) };
    }
    case 'scalar':
    case 'void':
      if (value === null)
        throw badResponse(endpoint, `market ${m.ticker}: ${m.result} result without settlement value`);
      return { state: 'final', kind: m.result === 'void' ? 'void' : 'split', payoutMicros: pay(value) };
    case '':
      throw badResponse(endpoint, `market ${m.ticker}: finalized without a result`);
    case 'unknown':
      throw badResponse(endpoint, `market ${m.ticker}: finalized with a result we do not know`);
  }
}
