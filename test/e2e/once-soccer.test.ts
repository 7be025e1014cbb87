/**
 * `npm start -- --once --leagues all` with three-way (soccer) games, end to end as a child process:
 * a short slate (test/e2e/fixtures/soccer-slate.json: one NBA game and two EPL games, a home win
 * and a draw) plays on the stepped clock; each EPL game is matched outcome by outcome, traded as
 * a two-leg cover (YES on one venue, NO on the other) and settled on its result, with figures
 * that add up to the micro-dollar (docs/adr/0012-three-way-markets.md).
 */
import { join } from 'node:path';
import { lastJsonBlock, startRunner } from './runner-process';

const SOCCER_SLATE = join(__dirname, 'fixtures', 'soccer-slate.json');

interface BetJson {
  title: string;
  league: string;
  status: string;
  teams: string[];
  cost_micros: number;
  realised_profit_micros: number | null;
  legs: Array<{ instrument: string; filled_centi: number; filled_cost_micros: number; fees_micros: number }>;
}

describe('npm start -- --once --leagues all (soccer slate)', () => {
  let stdout = '';
  let bets: BetJson[] = [];

  beforeAll(async () => {
    const run = startRunner([
      '--once',
      '--seed',
      '1',
      '--start',
      '2026-11-25T22:00:00Z',
      '--slate',
      SOCCER_SLATE,
      '--leagues',
      'all',
    ]);
    const exit = await run.exited;
    stdout = run.stdout;
    if (exit.code !== 0) throw new Error(`exit ${JSON.stringify(exit)}\n${run.stderr}\n${stdout.slice(-3000)}`);
    bets = (lastJsonBlock(stdout) as { bets: BetJson[] }).bets;
  }, 60_000);

  it('trades and settles both EPL games (a home win and a draw) as two-leg outcome covers', () => {
    expect(stdout).toMatch(/Sport: EPL · Type: Kalshi KXEPLGAME-26NOV25CFCAVL-TIE NO \+ Polymarket Draw/);
    expect(stdout).toMatch(/scenario: epl-che-avl settled \(home\)/);
    expect(stdout).toMatch(/scenario: epl-cry-whu settled \(draw\)/);
    const soccer = bets.filter((b) => b.league === 'EPL');
    expect(soccer.map((b) => b.title).sort()).toEqual(['Chelsea vs Aston Villa', 'Crystal Palace vs West Ham']);
    for (const bet of soccer) {
      expect(bet.status).toBe('settled');
      expect(bet.legs).toHaveLength(2);
      const [k, pm] = bet.legs;
      expect(k!.instrument).toMatch(/^kalshi:KXEPLGAME-26NOV25\w+-\w+:(yes|no)$/);
      expect(pm!.instrument).toMatch(/^polymarket:\d+$/);
      expect(k!.filled_centi).toBeGreaterThan(0);
      expect(pm!.filled_centi).toBe(k!.filled_centi);
      // Exactly one leg pays $1 a share whatever the result: profit = shares − cost, to the micro.
      const cost = bet.legs.reduce((s, l) => s + l.filled_cost_micros + l.fees_micros, 0);
      expect(bet.cost_micros).toBe(cost);
      expect(bet.realised_profit_micros).toBe(k!.filled_centi * 10_000 - cost);
      expect(bet.realised_profit_micros).toBeGreaterThan(0);
    }
  });
});
