/**
 * Secrets never leak: a paper session and a simulated-live session (live mode against the
 * simulators, with KNOWN secret values: Polymarket private key, API secret and passphrase,
 * Kalshi RSA key, reset key), each with trades, venue faults, unwinds, reconcile, settle and
 * every API route. No secret may appear in any log line (the engine's raw, unredacted logger,
 * and anything written to the console or stdout/stderr), error record, scan report, API
 * response or notification.
 */
import { type ApiDeps, type ApiRequest, createTradingRouter } from '../../lib/api';
import { reconcile, scan, settle } from '../../lib/engine';
import { PaperVenue } from '../../lib/venues/paper';
import type { FaultRuleInput } from '../../local/sim/faults';
import { useDynalite } from '../support/dynalite';
import { engineHarness, setArbBooks } from '../support/engine/engine-fixture';
import { type GameSpec, LAL_BOS, MORE_GAMES, NYK_MIA, type SimWorld, startSimWorld } from '../support/engine/sim-world';
import { KNOWN, knownClients, registerKnownAccounts, secretNeedles } from './known-secrets';

const db = useDynalite();
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld();
  for (const g of [LAL_BOS, NYK_MIA, ...MORE_GAMES]) world.addGame(g);
  registerKnownAccounts(world);
});
afterAll(() => world.close());

const API_KEY = 'api-key-for-the-secrets-test';

/** Everything written to the console or the process streams while `fn` runs. */
async function capturingConsole<T>(fn: () => Promise<T>): Promise<{ value: T; text: string[] }> {
  const text: string[] = [];
  const grab = (...args: unknown[]) =>
    void text.push(args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '));
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    jest.spyOn(console, m).mockImplementation(grab),
  );
  const out = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => (grab(String(chunk)), true));
  const err = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => (grab(String(chunk)), true));
  try {
    return { value: await fn(), text };
  } finally {
    for (const s of [...spies, out, err]) s.mockRestore();
  }
}

interface Step {
  readonly game: GameSpec;
  readonly faults?: ReadonlyArray<{ sim: 'kalshi' | 'polymarket'; rule: FaultRuleInput }>;
}

const STEPS: readonly Step[] = [
  { game: LAL_BOS },
  // Second leg rejected: unwind, loss, critical notices.
  {
    game: NYK_MIA,
    faults: [{ sim: 'polymarket', rule: { endpoint: 'POST /order', kind: 'error', status: 400, times: 1 } }],
  },
  // Venue errors of every kind: recorded, notified, logged.
  {
    game: MORE_GAMES[0]!,
    faults: [{ sim: 'kalshi', rule: { endpoint: 'GET /markets/orderbooks', kind: 'error', status: 500 } }],
  },
  { game: MORE_GAMES[1]!, faults: [{ sim: 'polymarket', rule: { endpoint: 'POST /books', kind: 'malformed' } }] },
  {
    game: MORE_GAMES[2]!,
    faults: [{ sim: 'kalshi', rule: { endpoint: 'GET /events', kind: 'error', status: 429, retryAfterSec: 0 } }],
  },
  {
    game: MORE_GAMES[3]!,
    faults: [{ sim: 'polymarket', rule: { endpoint: 'POST /order', kind: 'timeout', times: 1 } }],
  },
];

async function session(
  mode: 'paper' | 'live',
): Promise<{ outputs: Array<[string, string]>; facts: Record<string, number> }> {
  const h = await engineHarness(db(), world, { mode, config: { followDelayMs: 10 } });
  const clients = knownClients(world);
  const venues =
    mode === 'live'
      ? clients
      : {
          polymarket: new PaperVenue(clients.polymarket, { startingBalanceMicros: 1_000_000_000 }),
          kalshi: new PaperVenue(clients.kalshi, { startingBalanceMicros: 1_000_000_000 }),
        };
  const deps = { ...h.deps, venues };
  const outputs: Array<[string, string]> = [];
  const facts = { trades: 0, errors: 0, notifications: 0, apiCalls: 0 };

  const { text } = await capturingConsole(async () => {
    for (const [i, step] of STEPS.entries()) {
      world.kalshiSim.faults.clear();
      world.polymarketSim.faults.clear();
      setArbBooks(world, 4_000, step.game);
      for (const f of step.faults ?? [])
        (f.sim === 'kalshi' ? world.kalshiSim : world.polymarketSim).faults.add(f.rule);
      const report = await scan(deps, h.state, { eventId: `secrets-${mode}-${i}` });
      facts.trades += report.admitted;
      outputs.push([`scan report ${i}`, JSON.stringify(report)]);
      world.clock.advance(1_000);
    }
    world.kalshiSim.faults.clear();
    world.polymarketSim.faults.clear();
    world.clock.advance(deps.config.staleIntentMs + 1_000);
    outputs.push(['reconcile', JSON.stringify(await reconcile(deps, h.state, `secrets-${mode}-reconcile`))]);
    outputs.push(['settle', JSON.stringify(await settle(deps, h.state, `secrets-${mode}-settle`))]);

    const apiDeps: ApiDeps = {
      engine: deps,
      state: h.state,
      store: h.store,
      initialBalanceMicros: 1_000_000_000,
      modeReason:
        mode === 'live' ? 'LIVE_TRADING is "true" and the secrets are complete' : 'LIVE_TRADING is not "true"',
      liveRequested: mode === 'live',
      rules: { policy: deps.config.rules, maxTailLossMicros: 100_000_000, note: 'secrets test' },
      resetKey: async () => KNOWN.resetKey,
    };
    const router = createTradingRouter(apiDeps, {
      apiKey: API_KEY,
      onUnexpectedError: (e) => outputs.push(['api unexpected', String(e)]),
    });
    const call = async (method: string, path: string, body: unknown = null, headers: Record<string, string> = {}) => {
      const req: ApiRequest = {
        method,
        path,
        query: { limit: '100' },
        headers: { 'x-api-key': API_KEY, ...headers },
        body: body === null ? null : JSON.stringify(body),
      };
      const res = await router.handle(req);
      facts.apiCalls += 1;
      outputs.push([`api ${method} ${path} ${res.status}`, res.body]);
    };
    for (const p of ['/trading/state', '/trading/mode', '/trading/metrics', '/trading/errors', '/trading/positions'])
      await call('GET', p);
    await call('POST', '/trading/halt', { reason: 'secrets test' });
    await call('POST', '/trading/resume', {});
    await call('POST', '/trading/reset', { key: `${KNOWN.resetKey}-wrong` });
    await call('POST', '/trading/reset', {}, { 'x-reset-key': KNOWN.resetKey });
  });

  const errors = await h.store.listErrors(100);
  facts.errors = errors.length;
  facts.notifications = h.notifier.sent.length;
  outputs.push(['error records', JSON.stringify(errors)]);
  for (const n of h.notifier.sent) outputs.push([`notification ${n.subject}`, `${n.subject}\n${n.text}`]);
  for (const l of h.logger.lines) outputs.push(['log line', l]);
  for (const t of text) outputs.push(['console', t]);
  return { outputs, facts };
}

function leaks(outputs: ReadonlyArray<[string, string]>): string[] {
  const needles = secretNeedles();
  return outputs.flatMap(([where, text]) =>
    needles.filter((n) => text.includes(n)).map((n) => `${where} contains ${n.slice(0, 6)}…`),
  );
}

describe('secrets never leak', () => {
  it.each(['paper', 'live'] as const)(
    'a full %s session: no secret in logs, errors, reports, API answers or notifications',
    async (mode) => {
      const { outputs, facts } = await session(mode);
      // The session really produced the outputs it is checked on.
      expect(facts.trades).toBeGreaterThan(0);
      expect(facts.errors).toBeGreaterThan(0);
      expect(facts.notifications).toBeGreaterThan(0);
      expect(facts.apiCalls).toBe(9);
      expect(outputs.filter(([w]) => w === 'log line').length).toBeGreaterThan(0);
      expect(leaks(outputs)).toEqual([]);
    },
    60_000,
  );

  it('the check itself finds a secret that does leak', () => {
    expect(leaks([['log line', `signing with ${KNOWN.polymarketPrivateKey}`]]).length).toBeGreaterThan(0);
    expect(leaks([['api', JSON.stringify({ pem: KNOWN.kalshiPrivateKeyPem })]]).length).toBeGreaterThan(0);
  });
});
