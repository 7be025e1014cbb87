import { render, usd } from '../../../local/cli/render';
import { table } from '../../../local/cli/table';

describe('usd (CLI money display)', () => {
  it('shows the exact API string to the cent without rounding up, with thousands separators', () => {
    expect(usd('1004.893680')).toBe('$1,004.89');
    expect(usd('0.999999')).toBe('$0.99');
    expect(usd('-12.345678')).toBe('-$12.34');
    expect(usd('-0.001000')).toBe('$0.00');
    expect(usd('7')).toBe('$7.00');
  });

  it('prints "-" for anything that is not a decimal string (never NaN)', () => {
    expect(usd(12.5)).toBe('-');
    expect(usd(null)).toBe('-');
    expect(usd('1e3')).toBe('-');
  });
});

describe('table', () => {
  it('aligns columns and right-aligns the numeric ones', () => {
    expect(
      table(
        ['game', 'cost'],
        [
          ['Lakers vs Celtics', '$9.50'],
          ['Heat vs Knicks', '$10.25'],
        ],
        new Set([1]),
      ),
    ).toBe(
      [
        'game                 cost',
        '-----------------  ------',
        'Lakers vs Celtics   $9.50',
        'Heat vs Knicks     $10.25',
      ].join('\n'),
    );
  });
});

describe('render', () => {
  const state = {
    mode: 'paper',
    balance: '990.500000',
    initial_balance: '1000.000000',
    total_profit: '0.500000',
    estimated_profit: '0.250000',
    reserved: '10.000000',
    open_bets: 1,
    total_trades: 2,
    daily_trades: 2,
    max_daily_trades: 10,
    daily_loss: '0.000000',
    daily_loss_limit: '50.000000',
    halted: true,
    halt_reason: 'API: test',
    as_of: '2026-11-25T22:00:00.000Z',
    bets: [
      {
        created_at: '2026-11-25T21:00:00.000Z',
        title: 'Lakers vs Celtics',
        status: 'open',
        cost: '10.000000',
        expected_profit: '0.250000',
        realised_profit: null,
      },
      {
        created_at: '2026-11-25T20:00:00.000Z',
        title: 'Heat vs Knicks',
        status: 'settled',
        cost: '9.500000',
        expected_profit: '0.500000',
        realised_profit: '0.500000',
      },
    ],
  };

  it('shows the account, the halt, and one row per bet', () => {
    const out = render('state', state);
    expect(out).toMatch(/^mode\s+paper {2}HALTED: API: test$/m);
    expect(out).toMatch(/^balance\s+\$990\.50$/m);
    expect(out).toMatch(/^today\s+2\/10 trades, loss \$0\.00 of \$50\.00$/m);
    expect(out).toMatch(/Lakers vs Celtics\s+open\s+\$10\.00\s+\$0\.25\s+-/);
    expect(out).toMatch(/Heat vs Knicks\s+settled\s+\$9\.50\s+\$0\.50\s+\$0\.50/);
  });

  it('says what halt, resume and reset did', () => {
    expect(render('halt', { mode: 'paper', reason: 'API: x', cancelled_orders: 0 })).toBe(
      '🛑 halted (paper): API: x; 0 resting order(s) cancelled',
    );
    expect(render('resume', { mode: 'paper' })).toBe('▶ trading resumed (paper)');
    expect(render('reset', { archived_bets: 3, balance: '1000.000000', halted: false })).toBe(
      'paper account reset: 3 bet(s) archived, balance $1,000.00',
    );
    expect(render('reset', { deleted_bets: 2, balance: '1000.000000', halted: true })).toBe(
      'paper account reset: 2 bet(s) removed, balance $1,000.00 (still halted)',
    );
  });
});

describe('render metrics: capital per venue (docs/capital.md)', () => {
  const venue = (over: Record<string, unknown>) => ({
    venue: 'kalshi',
    cash: '105.000000',
    locked: '4.600000',
    won_not_redeemed: '0.000000',
    runway_trades: 10,
    runway_low: false,
    unsplit_settled_bets: 0,
    ...over,
  });
  const metrics = {
    mode: 'live',
    total_trades: 3,
    max_drawdown: {},
    daily_pnl: [],
    capital: {
      cash_source: 'venue',
      cash_available: true,
      per_trade_spend: '10.000000',
      runway_alert_trades: 5,
      venues: [
        venue({
          venue: 'polymarket',
          cash: '25.500000',
          locked: '5.050000',
          won_not_redeemed: '10.000000',
          runway_trades: 2,
          runway_low: true,
          unsplit_settled_bets: 1,
        }),
        venue({}),
      ],
    },
    return_on_locked_capital: { bets: 2, per_day_ppm: 36_269, per_year_ppm: 13_238_342 },
  };

  it('shows one row per venue with cash, locked, won-not-redeemed and runway, LOW when below the alert', () => {
    const out = render('metrics', metrics);
    expect(out).toMatch(/^venue\s+cash\s+locked\s+won, not redeemed\s+runway$/m);
    expect(out).toMatch(/^polymarket\s+\$25\.50\s+\$5\.05\s+\$10\.00\s+2 LOW$/m);
    expect(out).toMatch(/^kalshi\s+\$105\.00\s+\$4\.60\s+\$0\.00\s+10$/m);
    expect(out).toContain('runway = trades the cash funds at $10.00 a trade; alert below 5');
    expect(out).toContain('1 settled bet(s) without a per-leg payout are not in "won, not redeemed"');
    expect(out).toMatch(/^return on locked capital\s+3\.63% a day, 1323\.83% a year \(simple\) over 2 bet\(s\)$/m);
  });

  it('says when the cash is unknown or is the paper ledger, and prints "-" for a null cash or return', () => {
    const out = render('metrics', {
      ...metrics,
      capital: {
        ...metrics.capital,
        cash_source: 'ledger',
        cash_available: false,
        cash_problem: 'a venue did not answer',
        venues: [venue({ cash: null, runway_trades: null, runway_low: null })],
      },
      return_on_locked_capital: { bets: 0, per_day_ppm: null, per_year_ppm: null },
    });
    expect(out).toMatch(/^kalshi\s+-\s+\$4\.60\s+\$0\.00\s+-$/m);
    expect(out).toContain('paper: cash is the ledger balance, shared by both venues');
    expect(out).toContain('cash unknown: a venue did not answer');
    expect(out).toMatch(/^return on locked capital\s+- a day, - a year/m);
  });

  it('an older server without the capital fields: the metrics print as before', () => {
    const { capital: _c, return_on_locked_capital: _r, ...old } = metrics;
    expect(render('metrics', old)).not.toContain('capital per venue');
  });
});
