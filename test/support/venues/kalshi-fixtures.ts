/**
 * Kalshi response fixtures built from the documented shapes (kalshi-typescript 3.30.0
 * `docs/*.md`, docs.kalshi.com examples, docs/venues-kalshi.md#k1 to #k4). Each builder returns a fresh
 * object so tests can break one field at a time.
 */

export const EVENT = 'KXNBAGAME-25DEC27LALBOS';
export const LAL = `${EVENT}-LAL`;
export const BOS = `${EVENT}-BOS`;

export function market(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ticker: LAL,
    event_ticker: EVENT,
    market_type: 'binary',
    title: 'Los Angeles L at Boston Winner?',
    yes_sub_title: 'Los Angeles L',
    no_sub_title: 'Los Angeles L',
    created_time: '2025-12-20T15:00:00Z',
    updated_time: '2025-12-26T15:00:00Z',
    open_time: '2025-12-20T15:00:00Z',
    close_time: '2026-01-10T00:00:00Z',
    expected_expiration_time: '2025-12-28T04:00:00Z',
    latest_expiration_time: '2026-01-10T00:00:00Z',
    settlement_timer_seconds: 300,
    status: 'active',
    yes_bid_dollars: '0.4200',
    yes_bid_size_fp: '13.00',
    yes_ask_dollars: '0.4400',
    yes_ask_size_fp: '17.00',
    no_bid_dollars: '0.5600',
    no_ask_dollars: '0.5800',
    last_price_dollars: '0.4300',
    volume_fp: '1000.00',
    volume_24h_fp: '100.00',
    result: '',
    can_close_early: true,
    open_interest_fp: '500.00',
    notional_value_dollars: '1.0000',
    previous_yes_bid_dollars: '0.4100',
    previous_yes_ask_dollars: '0.4500',
    previous_price_dollars: '0.4200',
    expiration_value: '',
    rules_primary: 'If Los Angeles L wins …',
    rules_secondary: '',
    price_level_structure: 'linear_cent',
    price_ranges: [{ start: '0.0100', end: '0.9900', step: '0.0100' }],
    ...over,
  };
}

export function event(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_ticker: EVENT,
    series_ticker: 'KXNBAGAME',
    sub_title: 'LAL at BOS (Dec 27)',
    title: 'Los Angeles L at Boston',
    collateral_return_type: 'binary',
    mutually_exclusive: true,
    markets: [
      market(),
      market({
        ticker: BOS,
        yes_sub_title: 'Boston',
        yes_ask_dollars: '0.5800',
        no_ask_dollars: '0.4400',
        expected_expiration_time: '2025-12-28T05:00:00Z',
      }),
    ],
    settlement_sources: [],
    ...over,
  };
}

export function milestone(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'm-1',
    category: 'Sports',
    type: 'basketball_game',
    start_date: '2025-12-28T00:30:00Z',
    related_event_tickers: [EVENT],
    primary_event_tickers: [EVENT],
    title: 'Lakers at Celtics',
    notification_message: '',
    details: {},
    last_updated_ts: '2025-12-26T15:00:00Z',
    ...over,
  };
}

export function series(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    series: {
      ticker: 'KXNBAGAME',
      frequency: 'custom',
      title: 'Professional Basketball Game',
      category: 'Sports',
      categories: ['Sports'],
      tags: ['Basketball'],
      settlement_sources: [],
      contract_url: '',
      contract_terms_url: '',
      fee_type: 'quadratic_with_maker_fees',
      fee_multiplier: 1,
      additional_prohibitions: [],
      volume_fp: '0.00',
      ...over,
    },
  };
}

/** The docs.kalshi.com orderbook_responses example, trimmed: ascending, best bid LAST. */
export function orderbookFp(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    yes_dollars: [
      ['0.0100', '200.00'],
      ['0.4100', '10.00'],
      ['0.4200', '13.00'],
    ],
    no_dollars: [
      ['0.0100', '100.00'],
      ['0.4500', '20.00'],
      ['0.5600', '17.00'],
    ],
    ...over,
  };
}

export function createOrderResponse(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_id: 'ord-1',
    client_order_id: 'bet-1-leg-k-0',
    fill_count: '10.00',
    remaining_count: '0.00',
    average_fill_price: '0.5800',
    average_fee_paid: '0.0171',
    ts_ms: 1_766_880_000_000,
    ...over,
  };
}

export function fill(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fill_id: 'f-1',
    trade_id: 'f-1',
    exchange_index: 0,
    order_id: 'ord-1',
    ticker: LAL,
    market_ticker: LAL,
    outcome_side: 'no',
    book_side: 'ask',
    count_fp: '6.00',
    yes_price_dollars: '0.4400',
    no_price_dollars: '0.5600',
    is_taker: true,
    created_time: '2025-12-27T20:00:00Z',
    fee_cost: '0.1100',
    ...over,
  };
}

export function order(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_id: 'ord-1',
    user_id: 'u-1',
    client_order_id: 'bet-1-leg-k-0',
    ticker: LAL,
    outcome_side: 'no',
    book_side: 'ask',
    type: 'limit',
    status: 'executed',
    yes_price_dollars: '0.4200',
    no_price_dollars: '0.5800',
    fill_count_fp: '10.00',
    remaining_count_fp: '0.00',
    initial_count_fp: '10.00',
    taker_fill_cost_dollars: '5.6800',
    maker_fill_cost_dollars: '0.0000',
    taker_fees_dollars: '0.1800',
    maker_fees_dollars: '0.0000',
    created_time: '2025-12-27T20:00:00Z',
    ...over,
  };
}
