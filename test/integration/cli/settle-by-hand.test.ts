/**
 * `npx polymix settle-by-hand` against the local server (127.0.0.1) over a real store
 * (dynalite): exit 0 and the settled bet, 1 when the API refuses, 2 on bad usage (nothing sent).
 */
import { createTradingRouter } from '../../../lib/api';
import { runCli } from '../../../local/cli';
import { type LocalServer, startLocalServer } from '../../../local/runner/server';
import { type ApiWorld, apiWorld, COST, INITIAL, NOON, openBet, RESET_KEY } from '../../support/api/api-fixture';
import { useDynalite } from '../../support/dynalite';

const db = useDynalite();
let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(w: ApiWorld): Promise<string> {
  server = await startLocalServer({
    router: createTradingRouter(w.deps, { apiKey: null }),
    port: 0,
    host: '127.0.0.1',
  });
  return `http://127.0.0.1:${server.port}`;
}

async function cli(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(
    argv,
    env,
    (s) => (out += `${s}\n`),
    (s) => (err += `${s}\n`),
  );
  return { code, out, err };
}

describe('polymix settle-by-hand', () => {
  it('settles the open bet (exit 0, the settled bet shown); a second run exits 1 and changes nothing', async () => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const url = await serve(w);
    const args = [
      'settle-by-hand',
      'b1',
      '--leg-payout',
      '10',
      '--leg-payout',
      '5.005',
      '--note',
      'ops: Kalshi YES, PM void',
    ];
    const first = await cli([...args, '--url', url, '--reset-key', RESET_KEY]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('settled');
    expect(first.out).toContain('exact: 5.355000');
    expect(first.out).toContain('settled by hand: ops: Kalshi YES, PM void');
    const account = (await w.store.getAccount('paper'))!;
    expect(account.balanceMicros).toBe(INITIAL - COST + 15_005_000);

    const again = await cli([...args, '--url', url], { POLYMIX_RESET_KEY: RESET_KEY });
    expect(again.code).toBe(1);
    expect(again.err).toContain('HTTP 409 CONFLICT');
    expect((await w.store.getAccount('paper'))!).toEqual(account);
  });

  it('exits 1 on a wrong reset key, the bet still open', async () => {
    const w = await apiWorld(db());
    await openBet(w, 'b1', NOON);
    const url = await serve(w);
    const r = await cli([
      'settle-by-hand',
      'b1',
      '--leg-payout',
      '0',
      '--leg-payout',
      '0',
      '--note',
      'x',
      '--url',
      url,
      '--reset-key',
      'wrong',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('HTTP 403 FORBIDDEN');
    expect((await w.store.getBet('b1'))!.status).toBe('open');
  });

  it.each([
    [['settle-by-hand', '--leg-payout', '1', '--note', 'x', '--reset-key', 'k'], 'needs the bet id first'],
    [['settle-by-hand', 'b1', '--note', 'x', '--reset-key', 'k'], 'one --leg-payout DOLLARS per leg'],
    [['settle-by-hand', 'b1', '--leg-payout', '1', '--reset-key', 'k'], 'needs --note TEXT'],
    [['settle-by-hand', 'b1', '--leg-payout', '1', '--note', '  ', '--reset-key', 'k'], 'needs --note TEXT'],
    [['settle-by-hand', 'b1', '--leg-payout', '1', '--note', 'x'.repeat(501), '--reset-key', 'k'], 'at most 500'],
    [['settle-by-hand', 'b1', '--leg-payout', '1', '--note', 'x'], 'settle-by-hand needs the reset key: --reset-key'],
    [['settle-by-hand', 'b1', '--leg-payout', '-1', '--note', 'x', '--reset-key', 'k'], '--leg-payout must be'],
    [['settle-by-hand', 'b1', '--leg-payout', '1.0000001', '--note', 'x', '--reset-key', 'k'], '--leg-payout must be'],
    [['settle-by-hand', 'b1', '--leg-payout', '1e3', '--note', 'x', '--reset-key', 'k'], '--leg-payout must be'],
    [['settle-by-hand', 'b/1', '--leg-payout', '1', '--note', 'x', '--reset-key', 'k'], 'not a bet id'],
    [
      ['settle-by-hand', 'b1', 'b2', '--leg-payout', '1', '--note', 'x', '--reset-key', 'k'],
      'unexpected argument "b2"',
    ],
    [['settle-by-hand', 'b1', '--leg-payout', '1', '--note', 'x', '--key', 'k', '--reset-key', 'k'], 'not both'],
    [
      ['settle-by-hand', 'b1', '--leg-payout', '1', '--note', 'x', '--note', 'y', '--reset-key', 'k'],
      '--note is given twice',
    ],
    [['state', '--leg-payout', '1'], '--leg-payout does not apply to state'],
    [['halt', '--note', 'x'], '--note does not apply to halt'],
  ])('exits 2 on %j, sending nothing', async (argv, message) => {
    // No server: a request would exit 1 (unreachable), so 2 proves nothing was sent.
    const r = await cli([...argv, '--url', 'http://127.0.0.1:9']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain('settle-by-hand BET_ID --leg-payout DOLLARS');
  });
});
