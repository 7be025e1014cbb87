/**
 * `POLYMIX_ALIASES` end to end: the bundled slate's UCL game names its away club "Arsenal" on
 * Kalshi and "Arsenal FC" on Polymarket, so it is refused (test/integration/sim-leagues.test.ts)
 * until the operator joins the two names. With the group in the environment, `npm start -- --once
 * --leagues UCL` pairs the game outcome by outcome, trades it and settles it
 * (docs/engine.md#matching).
 */
import { lastJsonBlock, startRunner } from './runner-process';

interface BetJson {
  title: string;
  league: string;
  status: string;
  legs: Array<{ instrument: string; filled_centi: number }>;
}

describe('npm start -- --once --leagues UCL with POLYMIX_ALIASES', () => {
  let stdout = '';
  let bets: BetJson[] = [];

  beforeAll(async () => {
    const run = startRunner(['--once', '--seed', '1', '--start', '2026-11-25T22:00:00Z', '--leagues', 'UCL'], {
      POLYMIX_ALIASES: '{"ucl": [["Arsenal FC", "Arsenal"]]}',
    });
    const exit = await run.exited;
    stdout = run.stdout;
    if (exit.code !== 0) throw new Error(`exit ${JSON.stringify(exit)}\n${run.stderr}\n${stdout.slice(-3000)}`);
    bets = (lastJsonBlock(stdout) as { bets: BetJson[] }).bets;
  }, 90_000);

  it('pairs the game the labels alone refuse, trades it as a two-leg outcome cover and settles it', () => {
    expect(stdout).not.toMatch(/unknown UCL club/);
    expect(bets.map((b) => [b.league, b.title, b.status])).toEqual([['UCL', 'Atletico Madrid vs Arsenal', 'settled']]);
    const [k, pm] = bets[0]!.legs;
    expect(k!.instrument).toMatch(/^kalshi:KXUCLGAME-26NOV25ATMARS-\w+:(yes|no)$/);
    expect(pm!.instrument).toMatch(/^polymarket:\d+$/);
    expect(pm!.filled_centi).toBe(k!.filled_centi);
    expect(stdout).toMatch(/1 traded, 1 settled, 0 errors/);
  });
});
