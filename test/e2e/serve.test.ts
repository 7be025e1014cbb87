/**
 * The long-running `npm start` as a child process: it serves the API Gateway routes on its
 * port (with and without `/api`), the dashboard at `/`, prints the original PolyMix's lines and a periodic
 * summary, answers the operator CLI, refuses a second run on the same port, and stops cleanly
 * on SIGINT.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { runCli } from '../../local/cli';
import { type Child, cleanEnv, QUICK_SLATE, ROOT, startRunner } from './runner-process';

const RESET_KEY = 'e2e-reset-key-0123456789abcdef0123';
let runner: Child;
let base: string;

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    argv,
    {},
    (s) => (out += `${s}\n`),
    (s) => (err += `${s}\n`),
  );
  return { code, out, err };
}

beforeAll(async () => {
  runner = startRunner(
    ['--port', '0', '--slate', QUICK_SLATE, '--speed', '30', '--seed', '2', '--summary-every', '1'],
    { POLYMIX_RESET_KEY: RESET_KEY },
  );
  const m = await runner.waitFor(/API (http:\/\/localhost:\d+)\/api\/trading\/state/, 40_000);
  base = m[1]!;
}, 60_000);

afterAll(async () => {
  runner.kill('SIGKILL'); // only if a test failed before the SIGINT test
  await runner.exited;
});

describe('npm start (long-running)', () => {
  it('serves GET /api/trading/state and /trading/metrics as API Gateway does', async () => {
    const state = await fetch(`${base}/api/trading/state`);
    expect(state.status).toBe(200);
    const s = (await state.json()) as Record<string, unknown>;
    expect(s).toMatchObject({ mode: 'paper', initial_balance: '1000.000000', account_exists: true });
    for (const k of [
      'balance',
      'total_profit',
      'estimated_profit',
      'total_trades',
      'daily_loss',
      'daily_trades',
      'bets',
    ])
      expect(s).toHaveProperty(k);

    const metrics = await fetch(`${base}/trading/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.json()).toMatchObject({ mode: 'paper', complete: true, max_drawdown: expect.any(Object) });

    const mode = (await (await fetch(`${base}/api/trading/mode`)).json()) as {
      reason: string;
      rule_policy: { note: string };
    };
    expect(mode.reason).toMatch(/always paper/);
    expect(mode.rule_policy.note).toMatch(/^Rule policy:/);

    const missing = await fetch(`${base}/api/trading/nope`);
    expect(missing.status).toBe(404);
  });

  it('serves the dashboard at /', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<title>PolyMix dashboard</title>');
    expect((await fetch(`${base}/app.js`)).status).toBe(200);
  });

  it('prints the paper banner, the rule policy, the scans and a compact periodic summary', async () => {
    await runner.waitFor(/Processing 6 games for arbitrage opportunities\.\.\./, 20_000);
    await runner.waitFor(/── balance \$[\d,]+\.\d\d · realised .* · scans \d+/, 20_000);
    expect(runner.stdout.split('\n')[0]).toBe('📄 Paper Trading Mode');
    expect(runner.stdout).toMatch(/Rule policy: /);
  });

  describe('operator CLI against it', () => {
    it('prints state as a table and as JSON', async () => {
      const table = await cli('state', '--url', base);
      expect(table.code).toBe(0);
      expect(table.out).toMatch(/^mode\s+paper/m);
      expect(table.out).toMatch(/^initial balance\s+\$1,000\.00$/m);
      const json = await cli('state', '--url', base, '--json', '--limit', '5');
      expect(json.code).toBe(0);
      expect(JSON.parse(json.out)).toMatchObject({ mode: 'paper', initial_balance_micros: 1_000_000_000 });
    });

    it('halts and resumes trading through the API', async () => {
      const halt = await cli('halt', '--url', base, '--reason', 'e2e check');
      expect(halt.code).toBe(0);
      expect(halt.out).toContain('🛑 halted (paper): API: e2e check');
      expect((await cli('state', '--url', base)).out).toMatch(/HALTED: API: e2e check/);
      const resume = await cli('resume', '--url', base);
      expect(resume.out).toContain('trading resumed');
      expect((await cli('state', '--url', base)).out).not.toMatch(/HALTED/);
    });

    it('refuses a reset with a wrong key and says why', async () => {
      const r = await cli('reset', '--url', base, '--key', 'not-the-key');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/reset failed: HTTP 403 FORBIDDEN: Invalid reset key/);
    });

    it('resets the paper account with the right key, or says which bets hold it (halted first)', async () => {
      // As the reset refusal says: halt, let the trades finish, then reset. A bet keeps its
      // reservation until its game settles (docs/store.md), and streamed runs trade from the first
      // book change, so an open bet may hold the reset for the rest of this slate: then the
      // refusal must say so. The successful reset itself is tested on the store and the API.
      expect((await cli('halt', '--url', base, '--reason', 'reset')).code).toBe(0);
      let r = await cli('reset', '--url', base, '--key', RESET_KEY);
      for (let i = 0; i < 10 && r.code !== 0 && /409 CONFLICT/.test(r.err); i++) {
        await new Promise((done) => setTimeout(done, 200));
        r = await cli('reset', '--url', base, '--key', RESET_KEY);
      }
      if (r.code === 0) {
        expect(r.out).toMatch(/^paper account reset: \d+ bet\(s\) (archived|removed), balance \$1,000\.00$/m);
        expect((await cli('state', '--url', base)).out).not.toMatch(/HALTED/); // the reset lifts the kill switch
        return;
      }
      expect(r.err).toMatch(/reset failed: HTTP 409 CONFLICT: Reset refused: \d+ bet\(s\) not finished/);
      const state = JSON.parse((await cli('state', '--url', base, '--json')).out) as { open_bets: number };
      expect(state.open_bets).toBeGreaterThan(0);
      expect((await cli('resume', '--url', base)).code).toBe(0);
    });

    it('shows metrics and positions tables', async () => {
      const m = await cli('metrics', '--url', base);
      expect(m.code).toBe(0);
      expect(m.out).toMatch(/^max drawdown\s+\$\d/m);
      const p = await cli('positions', '--url', base);
      expect(p.code).toBe(0);
      expect(p.out).toMatch(/paper mode: fills are simulated/);
    });

    it('runs as `npx polymix` through its bin shim', async () => {
      const child = spawn(
        process.execPath,
        [join(ROOT, 'local', 'cli', 'polymix.js'), 'metrics', '--json', '--url', base],
        { cwd: ROOT, env: cleanEnv() },
      );
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ mode: 'paper' });
    }, 30_000);

    it('says clearly when the server cannot be reached', async () => {
      const port = await closedPort();
      const r = await cli('state', '--url', `http://127.0.0.1:${port}`, '--timeout', '5');
      expect(r.code).toBe(1);
      expect(r.err).toContain(
        `Cannot reach the PolyMix API at http://127.0.0.1:${port}: connection refused — is \`npm start\` running on that port?`,
      );
    });

    it('answers a bad command with the usage and exit code 2', async () => {
      const r = await cli('stats', '--url', base);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/unknown command "stats"/);
      expect(r.err).toMatch(/usage: npx polymix <command>/);
    });
  });

  it('refuses to start a second run on a port that is taken, with exit code 1', async () => {
    const port = new URL(base).port;
    const second = startRunner(['--port', port, '--slate', QUICK_SLATE]);
    const exit = await second.exited;
    expect(exit.code).toBe(1);
    expect(second.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  }, 30_000);

  it('stops cleanly on SIGINT within a couple of seconds', async () => {
    const t = Date.now();
    runner.kill('SIGINT');
    const exit = await runner.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(runner.stdout).toMatch(/SIGINT: stopping/);
    expect(runner.stdout).toMatch(/Stopped cleanly in \d+ ms\./);
    await expect(fetch(`${base}/api/trading/state`)).rejects.toThrow();
  });
});
