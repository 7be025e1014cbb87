/**
 * Fixtures in the documented shapes (docs/venues-polymarket.md#p1, #p2, #p5, #p6): JSON-encoded string fields,
 * string numbers on the CLOB, best bid and best ask LAST. Builders return fresh objects so each
 * test can break one field.
 */
export const CONDITION = `0x${'ab'.repeat(32)}`;
export const TOKEN_A = '71321045679252212594626385532706912750332728571942532289631379312455583992563';
export const TOKEN_B = '52114319501245915516055106046884209969926127482827954674443846427813813222426';
export const POSITION_A = '1111111111111111111111111111111111111111111111111111111111111111111111111111';
export const POSITION_B = '2222222222222222222222222222222222222222222222222222222222222222222222222222';

export function gammaMoneyline(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '540816',
    conditionId: CONDITION,
    slug: 'nba-lal-bos-2026-12-27',
    question: 'Lakers vs. Celtics',
    outcomes: '["Lakers", "Celtics"]',
    outcomePrices: '["0.455", "0.545"]',
    clobTokenIds: `["${TOKEN_A}", "${TOKEN_B}"]`,
    version: 'v1',
    negRisk: false,
    active: true,
    closed: false,
    acceptingOrders: true,
    enableOrderBook: true,
    orderPriceMinTickSize: 0.001,
    orderMinSize: 5,
    gameStartTime: '2026-12-28 00:30:00+00',
    sportsMarketType: 'moneyline',
    feesEnabled: true,
    feeSchedule: { rate: 0.03, exponent: 1, takerOnly: true, rebateRate: 0.25 },
    umaResolutionStatus: null,
    events: [{ slug: 'nba-lal-bos-2026-12-27', seriesSlug: 'nba' }],
    ...over,
  };
}

export function clobBook(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    market: CONDITION,
    asset_id: TOKEN_A,
    timestamp: '1764000000000',
    // Venue order: bids ascending, asks descending (best LAST).
    bids: [
      { price: '0.44', size: '300' },
      { price: '0.45', size: '120.5' },
    ],
    asks: [
      { price: '0.48', size: '50' },
      { price: '0.47', size: '80.129' },
      { price: '0.46', size: '10' },
    ],
    min_order_size: '5',
    tick_size: '0.01',
    neg_risk: false,
    last_trade_price: '0.45',
    hash: 'ignored',
    ...over,
  };
}

export function clobMarket(winner: 'A' | 'B' | null, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    condition_id: CONDITION,
    closed: true,
    accepting_orders: false,
    tokens: [
      { token_id: TOKEN_A, outcome: 'Lakers', price: winner === 'A' ? 1 : 0, winner: winner === 'A' },
      { token_id: TOKEN_B, outcome: 'Celtics', price: winner === 'B' ? 1 : 0, winner: winner === 'B' },
    ],
    ...over,
  };
}

export function openOrder(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `0x${'cd'.repeat(32)}`,
    status: 'MATCHED',
    owner: 'api-key',
    maker_address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    market: CONDITION,
    asset_id: TOKEN_A,
    side: 'BUY',
    original_size: '10',
    size_matched: '10',
    price: '0.47',
    associate_trades: ['trade-1'],
    outcome: 'Lakers',
    created_at: 1764000000,
    expiration: '0',
    order_type: 'FOK',
    ...over,
  };
}
