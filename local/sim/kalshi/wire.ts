/**
 * JSON shapes of the simulated Kalshi, field names as in kalshi-typescript 3.30.0
 * (docs/Market.md, EventData.md, Series.md, Order.md, Fill.md, MarketPosition.md,
 * Settlement.md, GetBalanceResponse.md): `_dollars` strings and `_fp` counts only (docs/venues-kalshi.md#k1).
 */
import { PAYOUT_MICROS } from '../../../lib/core/money';
import type { SimLevel } from '../control';
import type {
  KalshiSimState,
  SimAccount,
  SimEvent,
  SimFill,
  SimMarket,
  SimOrder,
  SimPosition,
  SimSeries,
  SimSettlement,
} from './state';
import { countFp, dollars, isoTime } from './wire-units';

const SPORT_TAG: Record<string, string> = { NBA: 'Basketball', NFL: 'Football', NHL: 'Hockey', MLB: 'Baseball' };

export function seriesJson(s: SimSeries): Record<string, unknown> {
  return {
    ticker: s.ticker,
    frequency: 'custom',
    title: s.league ? `${s.league} Game` : s.ticker,
    category: 'Sports',
    categories: ['Sports'],
    tags: s.league ? [SPORT_TAG[s.league] ?? 'Sports'] : [],
    settlement_sources: [],
    contract_url: '',
    contract_terms_url: '',
    fee_type: s.fee.feeType,
    fee_multiplier: s.fee.multiplierPpm / 1_000_000,
    additional_prohibitions: [],
  };
}

/** Market `status` words (docs/venues-kalshi.md#k1) — the list filter uses other words, see `statusFilterMatches`. */
export function marketJson(state: KalshiSimState, m: SimMarket): Record<string, unknown> {
  const event = state.events.get(m.eventTicker);
  const spec = event?.spec;
  const bestYes = m.yesBids[0];
  const bestNo = m.noBids[0];
  const tick = m.spec.tickMicros;
  const closeMs = spec ? spec.expectedExpirationMs + 7 * 24 * 3_600_000 : m.createdMs;
  return {
    ticker: m.spec.ticker,
    event_ticker: m.eventTicker,
    market_type: 'binary',
    title: spec?.title ?? '',
    subtitle: '',
    yes_sub_title: m.spec.yesSubTitle,
    no_sub_title: m.spec.yesSubTitle,
    created_time: isoTime(m.createdMs),
    updated_time: isoTime(m.createdMs),
    open_time: isoTime(m.createdMs),
    close_time: isoTime(m.closedMs ?? closeMs),
    expected_expiration_time: spec ? isoTime(spec.expectedExpirationMs) : null,
    expiration_time: isoTime(closeMs),
    latest_expiration_time: isoTime(closeMs),
    settlement_timer_seconds: 300,
    status: m.spec.wireStatus ?? m.status,
    yes_bid_dollars: dollars(bestYes?.priceMicros ?? 0),
    yes_bid_size_fp: countFp(bestYes?.sizeCenti ?? 0),
    yes_ask_dollars: dollars(bestNo ? PAYOUT_MICROS - bestNo.priceMicros : PAYOUT_MICROS),
    yes_ask_size_fp: countFp(bestNo?.sizeCenti ?? 0),
    no_bid_dollars: dollars(bestNo?.priceMicros ?? 0),
    no_ask_dollars: dollars(bestYes ? PAYOUT_MICROS - bestYes.priceMicros : PAYOUT_MICROS),
    last_price_dollars: dollars(m.lastPriceMicros),
    volume_fp: countFp(m.volumeCenti),
    volume_24h_fp: countFp(m.volumeCenti),
    result: m.result,
    can_close_early: true,
    early_close_condition: 'This market will close and expire early after the game ends.',
    open_interest_fp: countFp(0),
    notional_value_dollars: dollars(PAYOUT_MICROS),
    previous_yes_bid_dollars: dollars(0),
    previous_yes_ask_dollars: dollars(0),
    previous_price_dollars: dollars(0),
    liquidity_dollars: dollars(0),
    ...(m.settlementValueMicros !== null ? { settlement_value_dollars: dollars(m.settlementValueMicros) } : {}),
    ...(m.settledMs !== null ? { settlement_ts: isoTime(m.settledMs) } : {}),
    expiration_value: '',
    rules_primary: `If ${m.spec.yesSubTitle} wins the ${spec?.title ?? 'game'}, the market resolves to Yes.`,
    rules_secondary: 'Tie: each team market resolves to $0.50. Postponed beyond 48 hours: last fair price.',
    price_level_structure: tick === 10_000 ? 'linear_cent' : 'deci_cent',
    price_ranges: [{ start: dollars(0), end: dollars(PAYOUT_MICROS), step: dollars(tick) }],
    fractional_trading_enabled: m.spec.fractional ?? false,
  };
}

export function eventStatus(state: KalshiSimState, e: SimEvent): 'open' | 'closed' | 'settled' {
  const statuses = e.spec.markets.map((m) => state.markets.get(m.ticker)?.status);
  if (statuses.some((s) => s === 'active')) return 'open';
  if (statuses.every((s) => s === 'finalized')) return 'settled';
  return 'closed';
}

export function eventJson(state: KalshiSimState, e: SimEvent, withMarkets: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    event_ticker: e.spec.eventTicker,
    series_ticker: e.spec.seriesTicker,
    sub_title: e.spec.title,
    title: e.spec.title,
    collateral_return_type: '',
    mutually_exclusive: true,
    category: 'Sports',
    strike_date: isoTime(e.spec.gameStartMs),
    settlement_sources: [],
    product_metadata: {},
  };
  if (withMarkets) base.markets = eventMarkets(state, e);
  return base;
}

export function eventMarkets(state: KalshiSimState, e: SimEvent): Array<Record<string, unknown>> {
  return e.spec.markets.flatMap((spec) => {
    const m = state.markets.get(spec.ticker);
    return m ? [marketJson(state, m)] : [];
  });
}

/** List filter words (unopened|open|paused|closed|settled) against market status words. */
export function statusFilterMatches(filter: string, m: SimMarket): boolean {
  if (filter === 'open') return m.status === 'active';
  if (filter === 'closed') return m.status === 'closed';
  if (filter === 'settled') return m.status === 'finalized';
  return false; // unopened, paused: the simulator never has them
}

/** Bids only, ascending: the best bid is the LAST element (docs/venues-kalshi.md#k2). */
export function orderbookJson(m: SimMarket, depth: number): Record<string, unknown> {
  const side = (levels: readonly SimLevel[]) =>
    (depth > 0 ? levels.slice(0, depth) : levels)
      .slice()
      .reverse()
      .map((l) => [dollars(l.priceMicros), countFp(l.sizeCenti)]);
  return { yes_dollars: side(m.yesBids), no_dollars: side(m.noBids) };
}

/** An order as reads show it: before a late report is due, it looks resting and unfilled. */
export function orderJson(account: SimAccount, o: SimOrder, nowMs: number): Record<string, unknown> {
  const hidden = nowMs < o.reportAtMs;
  return {
    order_id: o.orderId,
    user_id: account.userId,
    client_order_id: o.clientOrderId,
    ticker: o.ticker,
    outcome_side: o.bookSide === 'bid' ? 'yes' : 'no',
    book_side: o.bookSide,
    type: 'limit',
    status: hidden ? 'resting' : o.status,
    yes_price_dollars: dollars(o.yesPriceMicros),
    no_price_dollars: dollars(PAYOUT_MICROS - o.yesPriceMicros),
    fill_count_fp: countFp(hidden ? 0 : o.fillCenti),
    remaining_count_fp: countFp(hidden ? o.initialCenti : o.remainingCenti),
    initial_count_fp: countFp(o.initialCenti),
    taker_fill_cost_dollars: dollars(hidden ? 0 : o.takerFillCostMicros),
    maker_fill_cost_dollars: dollars(0),
    taker_fees_dollars: dollars(hidden ? 0 : o.takerFeesMicros),
    maker_fees_dollars: dollars(0),
    created_time: isoTime(o.createdMs),
    last_update_time: isoTime(hidden ? o.createdMs : o.updatedMs),
    self_trade_prevention_type: o.selfTradePrevention,
  };
}

export function fillJson(f: SimFill): Record<string, unknown> {
  return {
    fill_id: f.fillId,
    trade_id: f.fillId,
    order_id: f.orderId,
    ticker: f.ticker,
    market_ticker: f.ticker,
    outcome_side: f.bookSide === 'bid' ? 'yes' : 'no',
    book_side: f.bookSide,
    count_fp: countFp(f.countCenti),
    yes_price_dollars: dollars(f.yesPriceMicros),
    no_price_dollars: dollars(PAYOUT_MICROS - f.yesPriceMicros),
    is_taker: true,
    fee_cost: dollars(f.feeMicros),
    created_time: isoTime(f.createdMs),
    ts: Math.floor(f.createdMs / 1000),
  };
}

export function positionJson(p: SimPosition): Record<string, unknown> {
  return {
    ticker: p.ticker,
    total_traded_dollars: dollars(p.totalTradedMicros),
    position_fp: countFp(p.positionCenti),
    market_exposure_dollars: dollars(p.costBasisMicros),
    realized_pnl_dollars: dollars(p.realizedPnlMicros),
    fees_paid_dollars: dollars(p.feesPaidMicros),
    last_updated_ts: isoTime(p.updatedMs),
  };
}

export function eventPositionsJson(positions: readonly SimPosition[]): Array<Record<string, unknown>> {
  const byEvent = new Map<string, SimPosition[]>();
  for (const p of positions) byEvent.set(p.eventTicker, [...(byEvent.get(p.eventTicker) ?? []), p]);
  return [...byEvent.entries()].map(([eventTicker, ps]) => {
    const sum = (f: (p: SimPosition) => number) => ps.reduce((s, p) => s + f(p), 0);
    return {
      event_ticker: eventTicker,
      total_cost_dollars: dollars(sum((p) => p.totalTradedMicros)),
      total_cost_shares_fp: countFp(sum((p) => Math.abs(p.positionCenti))),
      event_exposure_dollars: dollars(sum((p) => p.costBasisMicros)),
      realized_pnl_dollars: dollars(sum((p) => p.realizedPnlMicros)),
      fees_paid_dollars: dollars(sum((p) => p.feesPaidMicros)),
    };
  });
}

export function settlementJson(s: SimSettlement): Record<string, unknown> {
  return {
    ticker: s.ticker,
    event_ticker: s.eventTicker,
    market_result: s.result,
    yes_count_fp: countFp(s.yesCountCenti),
    yes_total_cost_dollars: dollars(s.yesCostMicros),
    no_count_fp: countFp(s.noCountCenti),
    no_total_cost_dollars: dollars(s.noCostMicros),
    revenue: Math.floor(s.revenueMicros / 10_000),
    settled_time: isoTime(s.settledMs),
    fee_cost: dollars(0),
    value: s.valueMicros / 10_000,
  };
}

export function balanceJson(a: SimAccount): Record<string, unknown> {
  const exposure = [...a.positions.values()].reduce((s, p) => s + p.costBasisMicros, 0);
  return {
    balance: Math.floor(a.balanceMicros / 10_000),
    balance_dollars: dollars(a.balanceMicros),
    // Value of open positions (at cost: the simulator has no mark price), cash excluded.
    portfolio_value: Math.floor(exposure / 10_000),
    updated_ts: Math.floor(a.updatedMs / 1000),
  };
}
