/**
 * `npm run sim` as a user runs it: both simulators start, print their base URLs, answer on
 * them (a public Kalshi read and a Gamma listing of the bundled slate), and stop cleanly on
 * Ctrl-C (SIGINT).
 */
import { Child, cleanEnv } from './runner-process';

describe('npm run sim', () => {
  it('prints the base URLs, serves the bundled slate on them, and stops on SIGINT', async () => {
    const sim = new Child(
      'local/sim/main.ts',
      ['--port-kalshi', '0', '--port-polymarket', '0', '--port-gamma', '0'],
      cleanEnv(),
      false,
    );
    try {
      const [, kalshi] = await sim.waitFor(/Kalshi trade API\s+(http:\/\/127\.0\.0\.1:\d+\S*)/);
      const [, gamma] = await sim.waitFor(/Polymarket Gamma\s+(http:\/\/127\.0\.0\.1:\d+\S*)/);
      await sim.waitFor(/Ctrl-C to stop/);
      const series = (await (await fetch(`${kalshi}/series/KXNBAGAME`)).json()) as { series?: { ticker?: string } };
      expect(series.series?.ticker).toBe('KXNBAGAME');
      const markets = (await (
        await fetch(`${gamma}/markets?sports_market_types=moneyline&closed=false`)
      ).json()) as unknown[];
      expect(markets.length).toBeGreaterThan(0);
      sim.kill('SIGINT');
      expect(await sim.exited).toEqual({ code: 0, signal: null });
      expect(sim.stdout).toMatch(/SIGINT: shutting the simulators down/);
    } finally {
      sim.kill('SIGKILL');
    }
  }, 60_000);

  it('--venues kalshi,polymarket-us starts Polymarket US instead of Polymarket and serves the slate on it', async () => {
    const sim = new Child(
      'local/sim/main.ts',
      [
        '--venues',
        'kalshi,polymarket-us',
        '--port-kalshi',
        '0',
        '--port-polymarket-us',
        '0',
        '--port-polymarket-us-gateway',
        '0',
      ],
      cleanEnv(),
      false,
    );
    try {
      const [, gateway] = await sim.waitFor(/Polymarket US gateway\s+(http:\/\/127\.0\.0\.1:\d+\S*)/);
      await sim.waitFor(/Ctrl-C to stop/);
      const nba = (await (await fetch(`${gateway}/v2/leagues/nba/events?limit=100`)).json()) as {
        events: Array<{ markets: Array<{ slug: string }> }>;
      };
      const slugs = nba.events.flatMap((e) => e.markets.map((m) => m.slug));
      expect(slugs.some((s) => /^aec-nba-lal-bos-\d{4}-\d{2}-\d{2}$/.test(s))).toBe(true);
      expect(sim.stdout).toMatch(/venues kalshi,polymarket-us/);
      expect(sim.stdout).toMatch(/Polymarket US WebSocket\s+ws:\/\/127\.0\.0\.1:\d+\/v1\/ws\/markets/);
      expect(sim.stdout).not.toMatch(/Polymarket CLOB/);
      sim.kill('SIGINT');
      expect(await sim.exited).toEqual({ code: 0, signal: null });
    } finally {
      sim.kill('SIGKILL');
    }
  }, 60_000);
});
