/**
 * The trading routes against a real store (dynalite): figures, pagination, halt/resume through
 * the engine, reset semantics, positions, errors and the local server's API key.
 */
import { type ApiRequest, createTradingRouter, type Router } from '../../../lib/api';
import {
  type ApiWorld,
  apiWorld,
  COST,
  failedBet,
  INITIAL,
  K_YES,
  NOON,
  newBet,
  openBet,
  PAYOUT,
  placingBet,
  RESET_KEY,
  ScriptedVenue,
  settledBet,
  settledSplitBet,
  venueDown,
} from '../../support/api/api-fixture';
import { useDynalite } from '../../support/dynalite';

const db = useDynalite();
const DAY = 86_400_000;

function routerOf(w: ApiWorld, apiKey: string | null = null): Router {
  return createTradingRouter(w.deps, { apiKey });
}

async function call(
  router: Router,
  method: string,
  path: string,
  opts: Partial<Omit<ApiRequest, 'method' | 'path'>> = {},
) {
  const res = await router.handle({
    method,
    path,
    query: opts.query ?? {},
    headers: opts.headers ?? {},
    body: opts.body ?? null,
  });
  return { status: res.status, json: JSON.parse(res.body), text: res.body };
}

describe('GET /trading/state', () => {
  it('reports the balance, realised and expected profit exactly, as decimal strings and micros', async () => {
    const w = await apiWorld(db());
    await settledBet(w, 'b1', NOON, NOON + 1_000); // +$0.35
    await openBet(w, 'b2', NOON + 2_000); // expected +$0.35, $9.65 reserved
    await failedBet(w, 'b3', NOON + 3_000); // nothing filled
    w.clock.set(NOON + 5_000);
    const { status, json } = await call(routerOf(w), 'GET', '/trading/state');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      mode: 'paper',
      balance: '990.700000', // 1000 + 0.35 − 9.65
      balance_micros: INITIAL + 350_000 - COST,
      initial_balance: '1000.000000',
      reserved_micros: COST,
      total_profit: '0.350000',
      total_profit_micros: 350_000,
      estimated_profit: '0.350000',
      total_trades: 3,
      daily_trades: 3,
      daily_loss: '0.000000',
      open_bets: 1,
      halted: false,
    });
    const settled = json.bets.find((b: { id: string }) => b.id === 'b1');
    expect(settled).toMatchObject({
      status: 'settled',
      cost: '9.650000',
      realised_profit: '0.350000',
      realised_profit_micros: 350_000,
      closed_at: new Date(NOON + 1_000).toISOString(),
    });
    expect(settled.roi).toBeCloseTo(350_000 / COST, 12);
    expect(settled.legs[0]).toMatchObject({
      venue: 'kalshi',
      side: 'buy',
      price: '0.450000',
      shares: '10.00',
      filled_centi: 1_000,
      fees: '0.100000',
    });
  });

  it('pages through every bet newest first without repeats, and refuses a forged cursor', async () => {
    const w = await apiWorld(db());
    for (let i = 0; i < 5; i++) await failedBet(w, `bet-${i}`, NOON + i * 1_000);
    const router = routerOf(w);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { json }: { json: { bets: { id: string }[]; next_cursor: string | null } } = await call(
        router,
        'GET',
        '/trading/state',
        {
          query: { limit: '2', ...(cursor ? { cursor } : {}) },
        },
      );
      expect(json.bets.length).toBeLessThanOrEqual(2);
      seen.push(...json.bets.map((b) => b.id));
      cursor = json.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['bet-4', 'bet-3', 'bet-2', 'bet-1', 'bet-0']);

    const forged = Buffer.from(JSON.stringify({ pk: 'ACCOUNT#live' }), 'utf8').toString('base64url');
    const bad = await call(router, 'GET', '/trading/state', { query: { cursor: forged } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('BAD_REQUEST');
  });

  it('validates limit and refuses unknown parameters', async () => {
    const router = routerOf(await apiWorld(db()));
    for (const query of [{ limit: '0' }, { limit: '101' }, { limit: '2.5' }, { limit: 'ten' }, { limt: '5' }]) {
      const { status, json } = await call(router, 'GET', '/trading/state', { query });
      expect(status).toBe(400);
      expect(json.error.code).toBe('BAD_REQUEST');
    }
  });

  it('works before the first scan created the account', async () => {
    const w = await apiWorld(db(), { account: false });
    const { json } = await call(routerOf(w), 'GET', '/api/trading/state');
    expect(json).toMatchObject({ account_exists: false, balance_micros: INITIAL, total_profit_micros: 0, bets: [] });
  });
});

describe('GET /trading/metrics', () => {
  it('computes win rate, daily P&L and drawdown over every bet, agreeing with the state totals', async () => {
    const w = await apiWorld(db());
    await settledBet(w, 'win', NOON, NOON + 1_000); // +0.35
    await settledBet(w, 'loss', NOON + DAY, NOON + DAY + 1_000, 0); // −9.65
    await openBet(w, 'open', NOON + 2 * DAY);
    const router = routerOf(w);
    const { json } = await call(router, 'GET', '/trading/metrics');
    expect(json).toMatchObject({
      complete: true,
      bets_counted: 3,
      closed_trades: 2,
      wins: 1,
      losses: 1,
      win_rate: 0.5,
      total_realised_pnl_micros: 350_000 - COST,
      locked_capital_micros: COST,
      daily_pnl: [
        { day: '2026-11-24', pnl: '0.350000', pnl_micros: 350_000, closed_trades: 1 },
        { day: '2026-11-25', pnl: '-9.650000', pnl_micros: -COST, closed_trades: 1 },
      ],
    });
    expect(json.max_drawdown.amount_micros).toBe(COST);
    const state = await call(router, 'GET', '/trading/state');
    expect(state.json.total_profit_micros).toBe(json.total_realised_pnl_micros);
  });
});

describe('GET /trading/metrics: capital per venue and return on locked capital (docs/capital.md)', () => {
  const USD = 1_000_000;

  it('paper: the ledger balance on both venues, each open leg locked on its venue, the return per day', async () => {
    const w = await apiWorld(db());
    await settledBet(w, 'win', NOON, NOON + DAY); // +$0.35 over one day
    await settledBet(w, 'loss', NOON + DAY, NOON + DAY + DAY / 2, 0); // −$9.65 over half a day
    await openBet(w, 'open', NOON + 2 * DAY);
    const { status, json } = await call(routerOf(w), 'GET', '/trading/metrics');
    expect(status).toBe(200);
    const ledger = INITIAL + 350_000 - COST - COST; // $981.05
    expect(json.capital).toEqual({
      cash_source: 'ledger',
      cash_available: true,
      cash_problem: null,
      per_trade_spend: '50.000000', // min($50 bet amount, $100 max position)
      per_trade_spend_micros: 50 * USD,
      runway_alert_trades: 5,
      redemptions: {
        enabled: false,
        wallet_kind: null,
        confirmed: 0,
        open: 0,
        attention: 0,
        paid: '0.000000',
        paid_micros: 0,
        gas_cost_wei: '0',
        gas_cost_pol: '0',
      },
      venues: [
        {
          venue: 'polymarket',
          cash: '981.050000',
          cash_micros: ledger,
          locked: '5.050000',
          locked_micros: 5_050_000,
          locked_bets: 1,
          won_not_redeemed: '0.000000',
          won_not_redeemed_micros: 0,
          won_not_redeemed_bets: 0,
          unsplit_settled_bets: 0,
          runway_trades: 19,
          runway_low: false,
        },
        {
          venue: 'kalshi',
          cash: '981.050000',
          cash_micros: ledger,
          locked: '4.600000',
          locked_micros: 4_600_000,
          locked_bets: 1,
          won_not_redeemed: '0.000000',
          won_not_redeemed_micros: 0,
          won_not_redeemed_bets: 0,
          unsplit_settled_bets: 0,
          runway_trades: 19,
          runway_low: false,
        },
      ],
    });
    // Σ profit ÷ Σ (capital × days): −9.30 ÷ (9.65 × 1.5) per day = −642,487.05 ppm.
    expect(json.return_on_locked_capital).toEqual({
      bets: 2,
      profit: '-9.300000',
      profit_micros: -9_300_000,
      capital: '19.300000',
      capital_micros: 2 * COST,
      per_day_ppm: -642_487,
      per_year_ppm: -234_507_772,
      min_locked_ms: 3_600_000,
    });
    // The existing figures are unchanged.
    expect(json).toMatchObject({ locked_capital_micros: COST, closed_trades: 2 });
    // Per bet, in the state's bet view.
    const state = await call(routerOf(w), 'GET', '/trading/state');
    const byId = (id: string) => state.json.bets.find((b: { id: string }) => b.id === id);
    expect(byId('win')).toMatchObject({ locked_ms: DAY, rolc_per_day_ppm: 36_269 });
    expect(byId('loss')).toMatchObject({ locked_ms: DAY / 2, rolc_per_day_ppm: -2_000_000 });
    expect(byId('open')).toMatchObject({ locked_ms: null, rolc_per_day_ppm: null });
  });

  it("live: each venue's own cash; a Polymarket win counts as won but not redeemed, a Kalshi win does not", async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    w.venues.kalshi.balanceMicros = 500 * USD;
    w.venues.polymarket.balanceMicros = 120 * USD;
    await settledSplitBet(w, 'pm-won', NOON, NOON + DAY, [0, PAYOUT]);
    await settledSplitBet(w, 'k-won', NOON + 1, NOON + DAY, [PAYOUT, 0]);
    await settledBet(w, 'unsplit', NOON + 2, NOON + DAY); // settled without the per-leg record
    const { json } = await call(routerOf(w), 'GET', '/trading/metrics');
    const [polymarket, kalshi] = json.capital.venues;
    expect(json.capital).toMatchObject({ cash_source: 'venue', cash_available: true });
    expect(polymarket).toMatchObject({
      venue: 'polymarket',
      cash: '120.000000',
      won_not_redeemed: '10.000000',
      won_not_redeemed_micros: PAYOUT,
      won_not_redeemed_bets: 1,
      unsplit_settled_bets: 1,
      runway_trades: 2,
      runway_low: true,
    });
    expect(kalshi).toMatchObject({
      venue: 'kalshi',
      cash_micros: 500 * USD,
      won_not_redeemed_micros: 0,
      unsplit_settled_bets: 0,
      runway_trades: 10,
      runway_low: false,
    });
  });

  it('live: a confirmed redemption drops the bet from won-not-redeemed and shows in the bet view', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    w.venues.kalshi.balanceMicros = 500 * USD;
    w.venues.polymarket.balanceMicros = 120 * USD;
    await settledSplitBet(w, 'pm-redeemed', NOON, NOON + DAY, [0, PAYOUT]);
    await settledSplitBet(w, 'pm-waiting', NOON + 1, NOON + DAY, [0, PAYOUT]);
    const note = (betId: string, conditionId: string) =>
      w.store.noteRedemption({
        mode: 'live',
        holder: '0x00000000000000000000000000000000000000aa',
        walletKind: 'eoa',
        conditionId,
        betId,
        expectedMicros: PAYOUT,
        nowMs: NOON + DAY,
      });
    const done = await note('pm-redeemed', `0x${'1'.repeat(64)}`);
    await note('pm-waiting', `0x${'2'.repeat(64)}`);
    await w.store.advanceRedemption(
      done,
      { status: 'confirmed', paidMicros: PAYOUT, gasCostWei: '4500000000000000', confirmedAtMs: NOON + DAY },
      NOON + DAY,
    );
    const { json } = await call(routerOf(w), 'GET', '/trading/metrics');
    expect(json.capital.venues[0]).toMatchObject({
      venue: 'polymarket',
      won_not_redeemed_micros: PAYOUT,
      won_not_redeemed_bets: 1,
    });
    expect(json.capital.redemptions).toMatchObject({
      confirmed: 1,
      open: 1,
      paid_micros: PAYOUT,
      gas_cost_wei: '4500000000000000',
      gas_cost_pol: '0.0045',
    });
    const state = await call(routerOf(w), 'GET', '/trading/state');
    const bet = state.json.bets.find((b: { id: string }) => b.id === 'pm-redeemed');
    expect(bet.redemptions).toEqual([
      expect.objectContaining({
        status: 'confirmed',
        paid_micros: PAYOUT,
        expected_micros: PAYOUT,
        gas_cost_pol: '0.0045',
      }),
    ]);
  });

  it('live, a venue down: cash and runway are null (not 0), the rest is still answered', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    w.venues.polymarket.balanceMicros = venueDown();
    await openBet(w, 'open', NOON);
    const { status, json } = await call(routerOf(w), 'GET', '/trading/metrics');
    expect(status).toBe(200);
    expect(json.capital).toMatchObject({ cash_available: false, cash_problem: expect.stringContaining('errors') });
    for (const v of json.capital.venues)
      expect(v).toMatchObject({ cash: null, cash_micros: null, runway_trades: null, runway_low: null });
    expect(json.capital.venues[1]).toMatchObject({ venue: 'kalshi', locked_micros: 4_600_000 });
    expect(json.open_trades).toBe(1);
  });

  it('with no bets: nothing locked or won, and no return (null, not 0)', async () => {
    const { json } = await call(routerOf(await apiWorld(db())), 'GET', '/trading/metrics');
    expect(json.return_on_locked_capital).toMatchObject({
      bets: 0,
      profit_micros: 0,
      per_day_ppm: null,
      per_year_ppm: null,
    });
    expect(json.capital.venues.map((v: { locked_micros: number }) => v.locked_micros)).toEqual([0, 0]);
  });
});

describe('GET /trading/mode', () => {
  it('says which mode, why, and the rule policy', async () => {
    const { json } = await call(routerOf(await apiWorld(db())), 'GET', '/trading/mode');
    expect(json).toMatchObject({
      mode: 'paper',
      banner: '📄 Paper Trading Mode',
      reason: 'LIVE_TRADING is not "true"',
      degraded: false,
    });
    expect(json.rule_policy).toMatchObject({ tail: 'accept-bounded', max_tail_loss: '100.000000' });
    expect(json.venues).toEqual(['kalshi', 'polymarket']);
  });

  it('names the venue pair in use: Kalshi × Polymarket US (docs/adr/0010-venue-pairs.md)', async () => {
    const w = await apiWorld(db());
    const us = {
      ...w,
      deps: {
        ...w.deps,
        engine: {
          ...w.deps.engine,
          venues: { kalshi: w.venues.kalshi, polymarket: new ScriptedVenue('polymarket-us') },
        },
      },
    };
    const { json } = await call(routerOf(us), 'GET', '/trading/mode');
    expect(json).toMatchObject({ mode: 'paper', venues: ['kalshi', 'polymarket-us'] });
    // The original-format state answer keeps the original's fields only (docs/migrating.md).
    const original = await call(routerOf(us), 'GET', '/trading/state', { query: { format: 'original' } });
    expect(original.json).not.toHaveProperty('venues');
    expect(original.json).toMatchObject({ mode: 'paper' });
  });
});

describe('GET /trading/errors', () => {
  it('lists the newest errors first, up to limit', async () => {
    const w = await apiWorld(db());
    for (let i = 1; i <= 3; i++)
      await w.store.recordError({ atMs: NOON + i, source: 'scan', venue: 'kalshi', message: `error ${i}` });
    const { json } = await call(routerOf(w), 'GET', '/trading/errors', { query: { limit: '2' } });
    expect(json.errors.map((e: { message: string }) => e.message)).toEqual(['error 3', 'error 2']);
    expect(json.errors[0]).toMatchObject({
      source: 'scan',
      venue: 'kalshi',
      at: new Date(NOON + 3).toISOString(),
      detail: null,
    });
  });
});

describe('GET /trading/positions', () => {
  it('in paper mode shows ledger positions and marks the venue side unavailable', async () => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    await openBet(w, 'b2', NOON + 1);
    const { json } = await call(routerOf(w), 'GET', '/trading/positions');
    expect(json.ledger).toEqual([
      {
        instrument: 'kalshi:KXNBAGAME-26NOV24LALBOS-LAL:yes',
        venue: 'kalshi',
        held: '20.00',
        held_centi: 2_000,
        bets: ['b1', 'b2'],
      },
      { instrument: 'polymarket:7132', venue: 'polymarket', held: '20.00', held_centi: 2_000, bets: ['b1', 'b2'] },
    ]);
    expect(json.venue).toMatchObject({ available: false, drift: null });
  });

  it('in live mode reports drift between the ledger and the venues', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    await openBet(w, 'b1', NOON);
    w.venues.kalshi.positions = [{ instrument: K_YES, sizeCenti: 1_000 }];
    w.venues.polymarket.positions = [];
    const { json } = await call(routerOf(w), 'GET', '/trading/positions');
    expect(json.venue).toEqual({
      available: true,
      in_sync: false,
      drift: [{ instrument: 'polymarket:7132', ledger: '10.00', ledger_centi: 1_000, venue: '0.00', venue_centi: 0 }],
    });
  });

  it('says unavailable, not "in sync", when a venue cannot answer', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    w.venues.kalshi.positions = venueDown();
    const { json } = await call(routerOf(w), 'GET', '/trading/positions');
    expect(json.venue).toMatchObject({ available: false });
  });
});

describe('POST /trading/halt and /trading/resume', () => {
  it('halts at once, cancels resting orders of unfinished bets, notifies; resume lifts it', async () => {
    const w = await apiWorld(db());
    await placingBet(w, 'b1', NOON);
    const clientOrderId = 'b1-L0-A0';
    w.venues.kalshi.orders.set(clientOrderId, {
      venue: 'kalshi',
      clientOrderId,
      venueOrderId: 'k1',
      status: 'resting',
      instrument: K_YES,
      side: 'buy',
      filledCenti: 0,
      notionalMicros: 0,
      feeMicros: 0,
    });
    const router = routerOf(w);
    const halted = await call(router, 'POST', '/trading/halt', { body: JSON.stringify({ reason: 'manual check' }) });
    expect(halted.status).toBe(200);
    expect(halted.json).toMatchObject({ halted: true, reason: 'API: manual check', cancelled_orders: 1 });
    expect(w.venues.kalshi.cancelled).toEqual([clientOrderId]);
    expect(await w.store.getAccount('paper')).toMatchObject({ halted: true, haltReason: 'API: manual check' });
    expect(w.notifier.sent.some((n) => n.text.includes('manual check'))).toBe(true);
    // The admission condition reads the same flag: the next trade is refused.
    const refused = await w.store.admitBet(
      newBet('b2', 'paper'),
      { maxDailyTrades: 10, dailyLossLimitMicros: 1_000_000_000 },
      NOON,
      'r',
    );
    expect(refused).toMatchObject({ admitted: false, code: 'HALTED' });

    const resumed = await call(router, 'POST', '/trading/resume');
    expect(resumed.json).toEqual({ mode: 'paper', halted: false });
    expect((await w.store.getAccount('paper'))?.halted).toBe(false);
  });

  it('accepts a bare POST, refuses a malformed body and a reason with control characters', async () => {
    const router = routerOf(await apiWorld(db()));
    expect((await call(router, 'POST', '/trading/halt')).json.reason).toBe('API: halted by operator');
    for (const body of [
      '{not json',
      JSON.stringify({ reason: 'a\nb' }),
      JSON.stringify({ reason: 'x'.repeat(201) }),
      JSON.stringify({ why: 'x' }),
    ]) {
      const { status, json } = await call(router, 'POST', '/trading/halt', { body });
      expect(status).toBe(400);
      expect(json.error.code).toBe('BAD_REQUEST');
    }
  });

  it('creates the account if the first scan has not, so the kill switch always works', async () => {
    const w = await apiWorld(db(), { account: false });
    await call(routerOf(w), 'POST', '/trading/halt');
    expect((await w.store.getAccount('paper'))?.halted).toBe(true);
  });

  it('when LIVE_TRADING=true degraded to paper, halts the live account too and refuses to resume', async () => {
    const w = await apiWorld(db(), { mode: 'paper', liveRequested: true });
    await w.store.ensureAccount('live', INITIAL);
    const router = routerOf(w);
    expect((await call(router, 'POST', '/trading/halt')).json.live_account_halted).toBe(true);
    expect((await w.store.getAccount('live'))?.halted).toBe(true);
    const resumed = await call(router, 'POST', '/trading/resume');
    expect(resumed.status).toBe(409);
    expect(resumed.json.error.code).toBe('CONFLICT');
  });
});

describe('POST /trading/reset', () => {
  it('needs a key: missing or empty is UNAUTHORIZED, wrong is FORBIDDEN, and nothing changes', async () => {
    const w = await apiWorld(db());
    await failedBet(w, 'b1', NOON);
    const router = routerOf(w);
    const cases: [Partial<ApiRequest>, number, string][] = [
      [{}, 401, 'UNAUTHORIZED'],
      [{ body: JSON.stringify({ key: '' }) }, 401, 'UNAUTHORIZED'],
      [{ headers: { 'x-reset-key': '' } }, 401, 'UNAUTHORIZED'],
      [{ body: JSON.stringify({ key: `${RESET_KEY}x` }) }, 403, 'FORBIDDEN'],
      [{ headers: { 'x-reset-key': RESET_KEY.replace(/.$/, '!') } }, 403, 'FORBIDDEN'],
    ];
    for (const [req, status, code] of cases) {
      const res = await call(router, 'POST', '/trading/reset', req);
      expect([res.status, res.json.error.code]).toEqual([status, code]);
      expect(res.text).not.toContain(RESET_KEY);
    }
    expect((await w.store.getAccount('paper'))?.days['2026-11-24']?.trades).toBe(1);
  });

  it('is disabled when no reset key is configured, even for an empty key', async () => {
    const router = routerOf(await apiWorld(db(), { resetKey: null }));
    expect(
      (await call(router, 'POST', '/trading/reset', { body: JSON.stringify({ key: 'anything-at-all' }) })).json.error
        .code,
    ).toBe('FORBIDDEN');
    expect((await call(router, 'POST', '/trading/reset', { body: JSON.stringify({ key: '' }) })).status).toBe(401);
  });

  it('with the key, resets the paper ledger: balance back, counters cleared, finished bets deleted', async () => {
    const w = await apiWorld(db());
    await settledBet(w, 'b1', NOON, NOON + 1);
    await failedBet(w, 'b2', NOON + 2);
    await w.store.setHalted('paper', true, 'operator', NOON);
    const { status, json } = await call(routerOf(w), 'POST', '/trading/reset', {
      headers: { 'x-reset-key': RESET_KEY },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      reset: true,
      deleted_bets: 2,
      cancelled_orders: 0,
      balance: '1000.000000',
      halted: false,
    });
    const account = await w.store.getAccount('paper');
    expect(account).toMatchObject({ balanceMicros: INITIAL, halted: false, intents: {} });
    expect(account?.days).toEqual({});
    expect((await w.store.listBets('paper', { limit: 10 })).bets).toEqual([]);
  });

  it('is refused while a reservation is held, and changes nothing', async () => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const res = await call(routerOf(w), 'POST', '/trading/reset', { body: JSON.stringify({ key: RESET_KEY }) });
    expect([res.status, res.json.error.code]).toEqual([409, 'CONFLICT']);
    expect((await w.store.getAccount('paper'))?.balanceMicros).toBe(INITIAL - COST);
    expect(await w.store.getBet('b1')).not.toBeNull();
  });

  it('never resets live history, even with the right key', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    await settledBet(w, 'b1', NOON, NOON + 1, PAYOUT);
    const res = await call(routerOf(w), 'POST', '/trading/reset', { body: JSON.stringify({ key: RESET_KEY }) });
    expect([res.status, res.json.error.code]).toEqual([409, 'CONFLICT']);
    expect(await w.store.getBet('b1')).not.toBeNull();
    expect((await w.store.getAccount('live'))?.balanceMicros).toBe(INITIAL + 350_000);
  });
});

describe('routing and the local API key', () => {
  it('requires x-api-key on every route when one is configured, before telling routes apart', async () => {
    const router = routerOf(await apiWorld(db()), 'local-api-key-0123456789');
    for (const [method, path] of [
      ['GET', '/trading/state'],
      ['POST', '/trading/halt'],
      ['GET', '/nope'],
    ]) {
      const res = await call(router, method!, path!);
      expect([res.status, res.json.error.code]).toEqual([401, 'UNAUTHORIZED']);
    }
    expect(
      (await call(router, 'GET', '/trading/state', { headers: { 'x-api-key': 'wrong-key-0123456789abc' } })).status,
    ).toBe(401);
    expect(
      (await call(router, 'GET', '/api/trading/state', { headers: { 'x-api-key': 'local-api-key-0123456789' } }))
        .status,
    ).toBe(200);
  });

  it('answers unknown routes and wrong methods with stable codes', async () => {
    const router = routerOf(await apiWorld(db()));
    expect((await call(router, 'GET', '/trading/nope')).json.error.code).toBe('NOT_FOUND');
    const wrong = await call(router, 'GET', '/trading/halt');
    expect([wrong.status, wrong.json.error.code]).toEqual([405, 'METHOD_NOT_ALLOWED']);
  });
});

describe('GET /trading/preflight', () => {
  const gated = (w: ApiWorld) =>
    createTradingRouter(
      {
        ...w.deps,
        engine: {
          ...w.deps.engine,
          config: { ...w.deps.engine.config, preflightGate: { maxAgeMs: DAY, override: false } },
        },
      },
      { apiKey: null },
    );

  it('live with no run: no run, and the gate does not admit', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    const { status, json } = await call(gated(w), 'GET', '/trading/preflight');
    expect(status).toBe(200);
    expect(json.run).toBeNull();
    expect(json.gate).toMatchObject({ gated: true, admits: false, max_age_hours: 24, override: false });
    expect(json.gate.problem).toMatch(/no preflight run/);
  });

  it('shows the last run with its checks; a fresh passing run admits', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    const check = {
      id: 'auth',
      venue: 'kalshi',
      required: true,
      result: 'pass',
      detail: 'authenticated',
      fix: '',
    } as const;
    await w.store.recordPreflight({
      atMs: NOON - 60_000,
      ok: true,
      runner: 'lambda',
      orderTest: true,
      checks: [check],
    });
    const { json } = await call(gated(w), 'GET', '/trading/preflight');
    expect(json.run).toEqual({
      at: new Date(NOON - 60_000).toISOString(),
      ok: true,
      runner: 'lambda',
      order_test: true,
      checks: [check],
    });
    expect(json.gate).toMatchObject({ gated: true, admits: true, problem: null });
  });

  it('paper is not gated', async () => {
    const w = await apiWorld(db());
    const { json } = await call(gated(w), 'GET', '/trading/preflight');
    expect(json.gate).toMatchObject({ gated: false, admits: true });
  });
});

describe('POST /trading/preflight', () => {
  it('paper: 409 CONFLICT saying how to run preflight, and nothing is run or recorded', async () => {
    const w = await apiWorld(db());
    const { status, json } = await call(routerOf(w), 'POST', '/trading/preflight', { body: '{"order_test": true}' });
    expect([status, json.error.code]).toEqual([409, 'CONFLICT']);
    expect(json.error.message).toMatch(/live venue clients/);
    expect(json.error.message).toContain('npx polymix preflight --secret-id <id>');
    expect(json.error.message).toContain('docs/deploy.md#before-going-live-preflight');
    expect(await w.store.getLastPreflight()).toBeNull();
    expect(await w.store.listErrors(100)).toEqual([]);
    expect((await call(routerOf(w), 'GET', '/trading/preflight')).json.run).toBeNull();
  });

  it.each([
    ['an unknown field', '{"orderTest": true}', /unknown "orderTest"/],
    ['a non-boolean order_test', '{"order_test": "yes"}', /order_test:/],
    ['not JSON', '{order_test', /not valid JSON/],
  ])('refuses %s with 400 BAD_REQUEST before anything else', async (_what, body, message) => {
    const w = await apiWorld(db(), { mode: 'live' });
    const { status, json } = await call(routerOf(w), 'POST', '/trading/preflight', { body });
    expect([status, json.error.code]).toEqual([400, 'BAD_REQUEST']);
    expect(json.error.message).toMatch(message);
    expect(await w.store.getLastPreflight()).toBeNull();
  });
});
