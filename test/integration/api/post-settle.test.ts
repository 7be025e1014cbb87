/**
 * POST /trading/bets/{id}/settle against a real store (dynalite): the reset key exactly as reset
 * checks it, exact dollar strings, the settled bet's view, and refusals that change nothing.
 */
import { type ApiRequest, createTradingRouter } from '../../../lib/api';
import {
  type ApiWorld,
  apiWorld,
  COST,
  failedBet,
  INITIAL,
  NOON,
  openBet,
  RESET_KEY,
} from '../../support/api/api-fixture';
import { useDynalite } from '../../support/dynalite';

const db = useDynalite();
const NOTE = 'ops (Ann): Kalshi paid YES, Polymarket voided';

async function call(w: ApiWorld, path: string, opts: Partial<Omit<ApiRequest, 'path'>> = {}) {
  const res = await createTradingRouter(w.deps, { apiKey: null }).handle({
    method: opts.method ?? 'POST',
    path,
    query: opts.query ?? {},
    headers: opts.headers ?? {},
    body: opts.body ?? null,
  });
  return { status: res.status, json: JSON.parse(res.body) };
}

const settleBody = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ key: RESET_KEY, legPayouts: ['10', '5.000000'], note: NOTE, ...extra });

async function unchanged(w: ApiWorld, id: string) {
  return { bet: await w.store.getBet(id), account: await w.store.getAccount(w.deps.engine.mode) };
}

describe('POST /trading/bets/{id}/settle', () => {
  it('settles an open bet with the reset key and answers the settled bet', async () => {
    const w = await apiWorld(db(), { mode: 'live' });
    await openBet(w, 'b1', NOON);
    w.clock.set(NOON + 60_000);
    const { status, json } = await call(w, '/api/trading/bets/b1/settle', { body: settleBody() });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      id: 'b1',
      status: 'settled',
      realised_profit: '5.350000',
      realised_profit_micros: 15_000_000 - COST,
      note: `settled by hand: ${NOTE}`,
      closed_at: new Date(NOON + 60_000).toISOString(),
    });
    const account = (await w.store.getAccount('live'))!;
    expect(account.balanceMicros).toBe(INITIAL - COST + 15_000_000);
    expect(account.intents.b1).toBeUndefined();

    // Again: 409, nothing changes.
    const before = await unchanged(w, 'b1');
    const again = await call(w, '/trading/bets/b1/settle', { body: settleBody({ legPayouts: ['0', '0'] }) });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('bet b1 is settled');
    expect(await unchanged(w, 'b1')).toEqual(before);
  });

  it('takes the key from the x-reset-key header too', async () => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const body = JSON.stringify({ legPayouts: ['0', '10'], note: NOTE });
    const res = await call(w, '/trading/bets/b1/settle', { body, headers: { 'x-reset-key': RESET_KEY } });
    expect(res.status).toBe(200);
    expect(res.json.realised_profit_micros).toBe(10_000_000 - COST);
  });

  it.each([
    ['no key', JSON.stringify({ legPayouts: ['0', '0'], note: NOTE }), 401, 'UNAUTHORIZED'],
    ['an empty key', settleBody({ key: '' }), 401, 'UNAUTHORIZED'],
    ['a wrong key', settleBody({ key: RESET_KEY.replace(/.$/, '!') }), 403, 'FORBIDDEN'],
    ['a wrong key and a bad body', settleBody({ key: 'wrong', legPayouts: 'x' }), 403, 'FORBIDDEN'],
  ])('refuses %s; nothing changes', async (_name, body, status, code) => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const before = await unchanged(w, 'b1');
    const res = await call(w, '/trading/bets/b1/settle', { body });
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(await unchanged(w, 'b1')).toEqual(before);
  });

  it('is disabled when no reset key is configured', async () => {
    const w = await apiWorld(db(), { resetKey: null });
    await openBet(w, 'b1', NOON);
    const res = await call(w, '/trading/bets/b1/settle', { body: settleBody({ key: 'anything-at-all' }) });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toBe('Settling by hand is disabled: no reset key is configured');
    expect((await w.store.getBet('b1'))!.status).toBe('open');
  });

  it.each([
    ['a payout with too many decimals', { legPayouts: ['10.0000001', '0'] }, 400, 'legPayouts.0'],
    ['a negative payout', { legPayouts: ['-1', '0'] }, 400, 'legPayouts.0'],
    ['a payout as a number', { legPayouts: [10, 0] }, 400, 'legPayouts.0'],
    ['exponent notation', { legPayouts: ['1e1', '0'] }, 400, 'legPayouts.0'],
    [
      'a payout above the leg can pay',
      { legPayouts: ['10.000001', '0'] },
      400,
      'above the most it can pay, $10.000000',
    ],
    ['one payout for two legs', { legPayouts: ['10'] }, 400, 'give one payout per leg'],
    ['no note', { note: undefined }, 400, 'note'],
    ['a blank note', { note: '  ' }, 400, 'note: is required'],
    ['a note over 500 characters', { note: 'x'.repeat(501) }, 400, 'at most 500'],
    ['an unknown field', { amount: '1' }, 400, 'unknown "amount"'],
  ])('refuses %s (400); nothing changes', async (_name, extra, status, text) => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const before = await unchanged(w, 'b1');
    const res = await call(w, '/trading/bets/b1/settle', { body: settleBody(extra) });
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe('BAD_REQUEST');
    expect(res.json.error.message).toContain(text);
    expect(await unchanged(w, 'b1')).toEqual(before);
  });

  it('answers 409 for a bet that is not open, 404 for no such bet, 400 for a bad id, 405 for GET', async () => {
    const w = await apiWorld(db());
    await failedBet(w, 'f1', NOON);
    const failed = await call(w, '/trading/bets/f1/settle', { body: settleBody({ legPayouts: ['0', '0'] }) });
    expect(failed.status).toBe(409);
    expect(failed.json.error.message).toBe('Settle refused: bet f1 is failed: only an open bet can be settled by hand');
    expect((await call(w, '/trading/bets/nope/settle', { body: settleBody() })).status).toBe(404);
    expect((await call(w, '/trading/bets/a%20b/settle', { body: settleBody() })).status).toBe(400);
    expect((await call(w, '/trading/bets/%E0%A4%A/settle', { body: settleBody() })).status).toBe(400);
    expect((await call(w, '/trading/bets/b1/settle', { method: 'GET' })).status).toBe(405);
    expect((await call(w, '/trading/bets//settle', { body: settleBody() })).status).toBe(404);
    expect((await call(w, '/trading/bets/b1/other', { body: settleBody() })).status).toBe(404);
  });

  it('refuses a paper bet in a container that runs live (409), leaving it open', async () => {
    const paper = await apiWorld(db());
    await openBet(paper, 'b1', NOON);
    const w = { ...paper, deps: { ...paper.deps, engine: { ...paper.deps.engine, mode: 'live' as const } } };
    const res = await call(w, '/trading/bets/b1/settle', { body: settleBody() });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain('is a paper bet');
    expect((await paper.store.getBet('b1'))!.status).toBe('open');
  });

  it('needs the API key before anything else when the server has one', async () => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const router = createTradingRouter(w.deps, { apiKey: 'api-key-0123456789' });
    const res = await router.handle({
      method: 'POST',
      path: '/trading/bets/%E0/settle',
      query: {},
      headers: {},
      body: settleBody(),
    });
    expect(res.status).toBe(401);
    expect((await w.store.getBet('b1'))!.status).toBe('open');
  });
});
