/** Kalshi portfolio response schemas (docs/venues-kalshi.md#k4). */
import {
  cancelOrderResponse,
  fillsResponse,
  ordersResponse,
  positionsResponse,
  settlementsResponse,
} from '../../../../lib/venues/kalshi/schemas';
import { fill, LAL, order } from '../../../support/venues/kalshi-fixtures';

describe('Kalshi portfolio schemas refuse malformed bodies', () => {
  const settlementRow = {
    ticker: LAL,
    event_ticker: 'E',
    market_result: 'yes',
    yes_count_fp: '1.00',
    no_count_fp: '0.00',
    yes_total_cost_dollars: '0.4200',
    no_total_cost_dollars: '0.0000',
    revenue: 100,
    value: 100,
    fee_cost: '0.0200',
    settled_time: '2025-12-28T06:00:00Z',
  };
  it.each([
    ['fills: missing fee_cost', fillsResponse, { fills: [(({ fee_cost: _f, ...r }) => r)(fill())], cursor: '' }],
    ['fills: number count', fillsResponse, { fills: [fill({ count_fp: 6 })], cursor: '' }],
    ['fills: unknown book side', fillsResponse, { fills: [fill({ book_side: 'buy' })], cursor: '' }],
    [
      'positions: 3-decimal count',
      positionsResponse,
      { market_positions: [{ ticker: LAL, position_fp: '1.005' }], cursor: '' },
    ],
    ['positions: missing list', positionsResponse, { event_positions: [] }],
    [
      'settlements: unknown result',
      settlementsResponse,
      { settlements: [{ ...settlementRow, market_result: 'maybe' }], cursor: '' },
    ],
    [
      'settlements: revenue as string',
      settlementsResponse,
      { settlements: [{ ...settlementRow, revenue: '100' }], cursor: '' },
    ],
    ['cancel: missing reduced_by', cancelOrderResponse, { order_id: 'ord-1' }],
    ['orders: unknown status', ordersResponse, { orders: [order({ status: 'open' })], cursor: '' }],
  ] as const)('%s', (_what, schema, body) => {
    expect(schema.safeParse(body).success).toBe(false);
  });

  it('accepts the documented shapes', () => {
    expect(fillsResponse.parse({ fills: [fill()], cursor: '' }).fills[0]?.fee_cost).toBe(110_000);
    expect(
      positionsResponse.parse({ market_positions: [{ ticker: LAL, position_fp: '-3.00' }], event_positions: [] })
        .market_positions[0]?.position_fp,
    ).toBe(-300);
    expect(settlementsResponse.parse({ settlements: [settlementRow] }).settlements[0]?.settled_time).toBe(
      Date.parse('2025-12-28T06:00:00Z'),
    );
    expect(cancelOrderResponse.parse({ order_id: 'ord-1', reduced_by: '10.00' }).reduced_by).toBe(1000);
  });
});

describe('Kalshi order and fill direction: new and legacy field names (docs/venues-kalshi.md#k4-direction)', () => {
  const without = <T extends Record<string, unknown>>(o: T, ...keys: string[]) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

  it.each([
    ['yes', 'buy', 'bid', 'yes'],
    ['no', 'sell', 'bid', 'yes'],
    ['no', 'buy', 'ask', 'no'],
    ['yes', 'sell', 'ask', 'no'],
  ] as const)('reads legacy side %s + action %s as book_side %s, outcome %s', (side, action, book, outcome) => {
    const o = ordersResponse.parse({
      orders: [{ ...without(order(), 'book_side', 'outcome_side'), side, action }],
      cursor: '',
    }).orders[0];
    expect([o?.book_side, o?.outcome_side]).toEqual([book, outcome]);
    const f = fillsResponse.parse({
      fills: [{ ...without(fill(), 'book_side', 'outcome_side'), side, action }],
      cursor: '',
    }).fills[0];
    expect([f?.book_side, f?.outcome_side]).toEqual([book, outcome]);
  });

  it('prefers book_side and outcome_side when both generations are present', () => {
    const o = ordersResponse.parse({ orders: [{ ...order(), side: 'yes', action: 'buy' }], cursor: '' }).orders[0];
    expect([o?.book_side, o?.outcome_side]).toEqual(['ask', 'no']);
  });

  it('refuses an order or fill with no direction at all', () => {
    expect(
      ordersResponse.safeParse({ orders: [without(order(), 'book_side', 'outcome_side')], cursor: '' }).success,
    ).toBe(false);
    expect(fillsResponse.safeParse({ fills: [without(fill(), 'book_side')], cursor: '' }).success).toBe(false);
  });
});
