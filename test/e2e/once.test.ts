/**
 * `npm start -- --once`, end to end as a child process: the bundled slate plays on the stepped
 * simulated clock — scanning, paper trading, games ending, settling — and the final state is
 * the last thing on stdout, in the original PolyMix's shape, with figures that add up to the micro-dollar.
 */
import { lastJsonBlock, startRunner } from './runner-process';

interface LegJson {
  filled_centi: number;
  filled_cost_micros: number;
  fees_micros: number;
}
interface BetJson {
  status: string;
  cost_micros: number;
  realised_profit_micros: number | null;
  legs: LegJson[];
}
interface StateJson {
  mode: string;
  balance: string;
  balance_micros: number;
  initial_balance_micros: number;
  total_profit_micros: number;
  reserved_micros: number;
  estimated_profit: string;
  total_trades: number;
  daily_loss: string;
  daily_trades: number;
  open_bets: number;
  bets: BetJson[];
}

const SEED_KEYS = [
  'balance',
  'initial_balance',
  'total_profit',
  'estimated_profit',
  'total_trades',
  'daily_loss',
  'daily_trades',
  'mode',
  'bets',
];
const FINISHED = new Set(['settled', 'unwound', 'failed']);

describe('npm start -- --once (bundled slate, default seed)', () => {
  let stdout = '';
  let state: StateJson;
  let wallMs = 0;

  beforeAll(async () => {
    const t = Date.now();
    // As `npx tsx local/start.ts --once --seed 1` runs it (the tsx CLI wrapper included).
    const run = startRunner(['--once', '--seed', '1', '--start', '2026-11-25T22:00:00Z'], {}, true);
    const exit = await run.exited;
    wallMs = Date.now() - t;
    stdout = run.stdout;
    if (exit.code !== 0) throw new Error(`exit ${JSON.stringify(exit)}\n${run.stderr}\n${stdout.slice(-3000)}`);
    state = lastJsonBlock(stdout) as StateJson;
    console.log(
      `--once (bundled slate, seed 1): ${(wallMs / 1000).toFixed(1)} s wall; ${stdout.match(/Done: .*/)?.[0] ?? ''}`,
    );
  }, 120_000);

  // About 30 s alone on the loaded 2-core build machine (docs/local.md); the bound is looser
  // because `npm test` runs other suites beside it on the same two cores.
  it('finishes in well under a minute alone (asserts < 90 s: CI shares its cores)', () => {
    expect(wallMs).toBeLessThan(90_000);
  });

  it("prints the original PolyMix's lines as things happen: paper banner, processing, orders, arbs, games ending, settlements", () => {
    expect(stdout.split('\n')[0]).toBe('📄 Paper Trading Mode');
    expect(stdout).toContain('Rule policy: accept bounded tail risk');
    expect(stdout).toMatch(/Processing 17 games for arbitrage opportunities\.\.\./);
    expect(stdout).toMatch(/↳ placing buy \d+\.\d\d × Kalshi KX\w+GAME-\S+ (YES|NO) @ \$0\.\d{4} FOK/);
    expect(stdout).toMatch(/💰 New Arb: .+ vs .+ \(paper\)/);
    expect(stdout).toMatch(/scenario: \S+ over, markets closed/);
    expect(stdout).toMatch(/📄 PAPER ✅ Settled: .+ vs .+/);
    expect(stdout).toMatch(/⏩ 50% of the slate · ── balance \$/);
  });

  it("ends stdout with the final state as JSON in the original PolyMix's shape, in paper mode", () => {
    for (const key of SEED_KEYS) expect(state).toHaveProperty(key);
    expect(state.mode).toBe('paper');
    expect(typeof state.balance).toBe('string');
    expect(Array.isArray(state.bets)).toBe(true);
  });

  it('traded at least one paper arbitrage and settled it, with equal shares on both legs', () => {
    const settled = state.bets.filter((b) => b.status === 'settled');
    expect(state.total_trades).toBeGreaterThanOrEqual(1);
    expect(settled.length).toBeGreaterThanOrEqual(1);
    for (const bet of settled) {
      expect(bet.legs).toHaveLength(2);
      expect(bet.legs[0]!.filled_centi).toBeGreaterThan(0);
      expect(bet.legs[0]!.filled_centi).toBe(bet.legs[1]!.filled_centi);
      // What a settled bet cost is exactly what its two fills took, fees included.
      expect(bet.cost_micros).toBe(bet.legs.reduce((s, l) => s + l.filled_cost_micros + l.fees_micros, 0));
    }
  });

  it('balances add up exactly: balance = initial + realised P&L − cost locked in unfinished bets', () => {
    const realised = state.bets
      .filter((b) => FINISHED.has(b.status))
      .reduce((s, b) => s + (b.realised_profit_micros ?? 0), 0);
    expect(state.total_profit_micros).toBe(realised);
    expect(state.balance_micros).toBe(state.initial_balance_micros + realised - state.reserved_micros);
    if (state.open_bets === 0) expect(state.reserved_micros).toBe(0);
    expect(Number.isInteger(state.balance_micros)).toBe(true);
  });
});
