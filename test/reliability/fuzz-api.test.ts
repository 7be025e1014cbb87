/**
 * Bad API input: arbitrary methods, paths, queries, headers and bodies through the trading
 * router (lib/api, the same object the Lambda handler and the local server use). Every answer
 * must be a deliberate one (a typed ApiError's status, never the INTERNAL fallback), valid
 * JSON without NaN/Infinity, and no input may trade (no order, no admission, no new bet).
 */
import fc from 'fast-check';
import { type ApiRequest, createTradingRouter } from '../../lib/api';
import { type ApiWorld, apiWorld, NOON, openBet, settledBet } from '../support/api/api-fixture';
import { useDynalite } from '../support/dynalite';

const db = useDynalite();
const API_KEY = 'fuzz-api-key-0123456789';
const RUNS = Number(process.env.FUZZ_RUNS ?? 25) * 8;

let w: ApiWorld;
beforeAll(async () => {
  w = await apiWorld(db(), { mode: 'paper' });
  await openBet(w, 'bet-open', NOON - 3_600_000);
  await settledBet(w, 'bet-settled', NOON - 7_200_000, NOON - 3_600_000);
});

const ROUTES = [
  '/trading/state',
  '/trading/mode',
  '/trading/metrics',
  '/trading/errors',
  '/trading/positions',
  '/trading/halt',
  '/trading/resume',
  '/trading/reset',
];
const QUERY_KEYS = ['limit', 'cursor', 'since', 'until', 'mode', 'days', 'status', 'venue', '__proto__', 'constructor'];

// Weighted towards real routes with the right key, so most requests reach the route code.
const path = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ROUTES) },
  fc.constantFrom(...ROUTES).map((p) => `/api${p}/`),
  fc.constantFrom(...ROUTES).chain((p) => fc.string().map((s) => `${p}${s}`)),
  fc.string().map((s) => `/${s}`),
  fc.webPath(),
);
const query = fc.dictionary(
  fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string()),
  fc.oneof(fc.string(), fc.constantFrom('-1', '0', '1e9', 'NaN', '1.5', '99999999999999999999', '')),
  { maxKeys: 4 },
);
const body = fc.option(
  fc.oneof(
    fc.json(),
    fc.string(),
    fc.constantFrom('{"key":"nope"}', '{"reason":"x"}', '{"resetKey":null}', '[]', 'null'),
  ),
  { nil: null },
);
const request: fc.Arbitrary<ApiRequest> = fc.record({
  method: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('GET', 'POST') },
    fc.constantFrom('get', 'PUT', 'DELETE', 'OPTIONS'),
    fc.string(),
  ),
  path,
  query,
  headers: fc.oneof(
    { weight: 6, arbitrary: fc.constant({ 'x-api-key': API_KEY, 'content-type': 'application/json' }) },
    fc.dictionary(fc.constantFrom('x-api-key', 'content-type', 'x-reset-key'), fc.string(), { maxKeys: 3 }),
  ),
  body,
});

describe('the trading API under arbitrary input', () => {
  it('answers every request deliberately, in valid JSON, and never trades', async () => {
    const unexpected: unknown[] = [];
    const statuses = new Set<number>();
    const router = createTradingRouter(w.deps, { apiKey: API_KEY, onUnexpectedError: (err) => unexpected.push(err) });
    const before = await w.store.getAccount('paper');
    const betsBefore = (await w.store.listBets('paper', { limit: 100 })).bets.length;
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const res = await router.handle(req);
        statuses.add(res.status);
        expect(unexpected).toEqual([]);
        expect(res.status).toBeLessThan(500);
        expect(() => JSON.parse(res.body)).not.toThrow();
        expect(res.body).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: RUNS, seed: 11 },
    );
    // The property reached the routes, not only the auth check.
    expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401, 404]));
    const after = await w.store.getAccount('paper');
    expect(after?.days).toEqual(before?.days);
    expect((await w.store.listBets('paper', { limit: 100 })).bets.length).toBe(betsBefore);
    expect(Object.keys(after?.intents ?? {})).toEqual(Object.keys(before?.intents ?? {}));
  }, 60_000);
});
