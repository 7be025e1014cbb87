/**
 * The dashboard in headless Chromium against a local server holding real engine results (the
 * quick slate played on a stepped clock until bets are both open and settled). Skipped, with a
 * message, where Debian's chromium is not installed (`apt-get install -y chromium`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { usd } from '../../local/cli/render';
import { steppedRunClock } from '../../local/runner/clocks';
import { parseStartOptions, type StartOptions } from '../../local/runner/options';
import { createOutput } from '../../local/runner/output';
import { type LocalServer, startLocalServer } from '../../local/runner/server';
import { loadLocalConfig, localRedactor, openSession, type Session } from '../../local/runner/session';
import { QUICK_SLATE } from './runner-process';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `SKIPPED: dashboard browser test — ${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium)`,
  );
const maybe = hasChromium ? describe : describe.skip;

const API_KEY = 'dashboard-e2e-key-123';
const FINISHED = new Set(['settled', 'unwound', 'failed']);

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

interface BetJson {
  status: string;
  realised_profit_micros: number | null;
}

maybe('dashboard (headless Chromium)', () => {
  let session: Session;
  let server: LocalServer;
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;

  async function api(path: string): Promise<Record<string, unknown>> {
    const res = await fetch(`${server.url}/api${path}`, { headers: { 'x-api-key': API_KEY } });
    return (await res.json()) as Record<string, unknown>;
  }

  const text = (selector: string) => page.locator(selector).first().textContent();

  /**
   * Polls an element's text from the test side. (page.waitForFunction with a string would be
   * an eval in the page, which the dashboard's Content-Security-Policy rightly refuses.)
   */
  async function waitForText(selector: string, ok: (t: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const started = Date.now();
    let last = '';
    while (Date.now() - started < timeoutMs) {
      last =
        (await page
          .locator(selector)
          .first()
          .textContent()
          .catch(() => null)) ?? '';
      if (ok(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${selector} never matched; last text ${JSON.stringify(last)}`);
  }

  beforeAll(async () => {
    const options = parseStartOptions(['--slate', QUICK_SLATE, '--seed', '2', '--api-key', API_KEY]) as StartOptions;
    const clock = steppedRunClock(Date.UTC(2026, 10, 25, 22, 0, 0));
    const output = createOutput({ now: () => clock.now(), write: () => undefined });
    session = await openSession({
      options,
      config: loadLocalConfig({}),
      env: {},
      clock,
      output,
      redactor: localRedactor({}, API_KEY),
      driverTickMs: 60_000,
    });
    const driver = session.sims!.scenario.driver;
    clock.onAdvance = (t) => driver.tick(t);
    // Play minute by minute until some bets are settled and some still open.
    for (let minute = 0; minute < 40; minute++) {
      await session.cycles.scan();
      await session.cycles.settle();
      const active = (await session.store.store.listActiveBets('paper')).length;
      if (session.cycles.tally.settled >= 1 && active >= 1) break;
      clock.advanceTo(clock.now() + 60_000);
    }
    await session.store.store.recordError({
      atMs: clock.now(),
      source: 'test',
      message: 'Unavailable: <b>not html</b> & more',
    });
    await session.store.store.recordPreflight({
      atMs: clock.now(),
      ok: true,
      runner: 'cli',
      orderTest: false,
      checks: [
        { id: 'auth', venue: 'kalshi', required: true, result: 'pass', detail: 'authenticated; <i>$10</i>', fix: '' },
      ],
    });
    server = await startLocalServer({ router: session.wiring.router, port: 0, host: '127.0.0.1' });
    profileDir = mkdtempSync(join(tmpdir(), 'polymix-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await session?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('asks for the API key when the server requires one, then loads and remembers it', async () => {
    await page.goto(`${server.url}/`);
    await waitForText('#status', (t) => t.includes('HTTP 401'));
    expect(await text('#status')).toContain('HTTP 401 UNAUTHORIZED: Missing x-api-key header');
    expect(await page.locator('#settings-panel').getAttribute('open')).not.toBeNull();
    expect(await page.inputValue('#base-url')).toBe(`${server.url}/api`);

    await page.fill('#api-key', API_KEY);
    await page.click('#settings button[type=submit]');
    const state = await api('/trading/state?limit=100');
    await waitForText('[data-field=balance]', (t) => t === usd(state.balance));
    expect(await page.evaluate("JSON.parse(localStorage.getItem('polymix.dashboard.v1')).apiKey")).toBe(API_KEY);

    await page.reload();
    await waitForText('[data-field=balance]', (t) => t === usd(state.balance));
    expect(await text('#status')).toMatch(/^updated /);
  }, 30_000);

  it('shows the state, open bets, P&L curve, drawdown and errors the API reports', async () => {
    const state = await api('/trading/state?limit=100');
    const metrics = await api('/trading/metrics');
    const bets = state.bets as BetJson[];
    const open = bets.filter((b) => !FINISHED.has(b.status));
    const closed = bets.filter((b) => FINISHED.has(b.status) && b.realised_profit_micros !== null);
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(closed.length).toBeGreaterThanOrEqual(1);

    expect(await text('#banner')).toBe('📄 Paper Trading Mode');
    expect(await text('[data-field=total_profit]')).toBe(usd(state.total_profit));
    expect(await text('[data-field=estimated_profit]')).toBe(usd(state.estimated_profit));
    expect(await text('[data-field=open_bets]')).toBe(String(state.open_bets));
    expect(await page.locator('#open-bets tbody tr').count()).toBe(open.length);
    expect(await page.locator('#pnl-chart polyline').getAttribute('data-points')).toBe(String(closed.length + 1));
    const dd = metrics.max_drawdown as { amount: string };
    expect(await text('[data-field=max_drawdown]')).toMatch(
      new RegExp(`^${usd(dd.amount).replace(/[$.]/g, '\\$&')} \\(`),
    );
    // Capital per venue and the return on locked capital (docs/capital.md).
    const capital = metrics.capital as { venues: { venue: string; cash: string; runway_trades: number }[] };
    expect(await page.locator('#capital tbody tr').count()).toBe(capital.venues.length);
    for (const v of capital.venues) {
      const row = await text(`#capital tr[data-venue=${v.venue}]`);
      expect(row).toContain(usd(v.cash));
      expect(row).toContain(String(v.runway_trades));
    }
    expect(await text('#capital-note')).toContain('paper: cash is the ledger balance');
    expect(await text('[data-field=rolc]')).toMatch(/% a day, .*% a year \(simple\), \d+ bets$/);
    // API text is shown as text, never parsed as HTML.
    expect(await text('#errors tbody')).toContain('Unavailable: <b>not html</b> & more');
    expect(await page.locator('#errors tbody b').count()).toBe(0);
    // The last preflight run, as text.
    expect(await text('#preflight-summary')).toMatch(/^passed /);
    expect(await text('#preflight tbody')).toContain('authenticated; <i>$10</i>');
    expect(await page.locator('#preflight tbody i').count()).toBe(0);
  }, 30_000);

  it('says so when the configured API cannot be reached', async () => {
    const port = await closedPort();
    await page.click('#settings-panel summary'); // the connection form is folded once connected
    await page.fill('#base-url', `http://127.0.0.1:${port}/api`);
    await page.click('#settings button[type=submit]');
    await waitForText('#status', (t) => t.startsWith('Cannot reach'));
    expect(await text('#status')).toBe(`Cannot reach http://127.0.0.1:${port}/api (server down, wrong URL, or CORS)`);
  }, 30_000);
});
