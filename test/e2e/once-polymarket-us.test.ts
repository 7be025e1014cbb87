/**
 * `npm start -- --once --venues kalshi,polymarket-us`, end to end as a child process: the quick
 * test slate plays on Kalshi × the Polymarket US simulator (docs/local.md#polymarket-us-sim),
 * paper, both venues streamed; every bet pairs a Kalshi leg with a Polymarket US leg, settles, and
 * the balances add up to the micro-dollar. The same seed gives the same run, figure for figure.
 */
import { lastJsonBlock, QUICK_SLATE, startRunner } from './runner-process';

interface LegJson {
  venue: string;
  instrument: string;
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
  balance_micros: number;
  initial_balance_micros: number;
  total_profit_micros: number;
  reserved_micros: number;
  total_trades: number;
  open_bets: number;
  bets: BetJson[];
}

const ARGS = ['--once', '--venues', 'kalshi,polymarket-us', '--slate', QUICK_SLATE, '--seed', '1'];
const START = ['--start', '2026-11-25T22:00:00Z'];

async function play(args: readonly string[]): Promise<{ stdout: string; state: StateJson; wallMs: number }> {
  const t = Date.now();
  const run = startRunner(args);
  const exit = await run.exited;
  const wallMs = Date.now() - t;
  if (exit.code !== 0) throw new Error(`exit ${JSON.stringify(exit)}\n${run.stderr}\n${run.stdout.slice(-3000)}`);
  return { stdout: run.stdout, state: lastJsonBlock(run.stdout) as StateJson, wallMs };
}

describe('npm start -- --once --venues kalshi,polymarket-us (quick slate, seed 1)', () => {
  let first: Awaited<ReturnType<typeof play>>;
  let second: Awaited<ReturnType<typeof play>>;

  beforeAll(async () => {
    first = await play([...ARGS, ...START]);
    // The venues in the other order, the same pair: the same run.
    second = await play([...ARGS.map((a) => (a === 'kalshi,polymarket-us' ? 'polymarket-us,kalshi' : a)), ...START]);
    console.log(
      `--once --venues kalshi,polymarket-us (quick slate, seed 1): ${(first.wallMs / 1000).toFixed(1)} s wall; ${first.stdout.match(/Done: .*/)?.[0] ?? ''}`,
    );
  }, 60_000);

  it('plays the slate on Kalshi × the Polymarket US simulator, streaming both', () => {
    const { stdout } = first;
    expect(stdout.split('\n')[0]).toBe('📄 Paper Trading Mode');
    expect(stdout).toContain('scenario: listed 6 games on Kalshi and Polymarket US');
    expect(stdout).toContain('Venue pair kalshi,polymarket-us: Kalshi × Polymarket US');
    expect(stdout).toMatch(
      /order books streamed from the simulators' feeds: Kalshi ws:\S+ · Polymarket US ws:\S+\/v1\/ws\/markets/,
    );
    expect(stdout).toMatch(
      /↳ placing buy \d+\.\d\d × Polymarket US aec-[a-z]+-[a-z]+-[a-z]+-2026-11-25 (long|short) @ \$0\.\d{4} FOK/,
    );
    expect(stdout).toMatch(/💰 New Arb: .+ vs .+ \(paper\)\n.*Type: Kalshi KX\S+ (YES|NO) \+ Polymarket US /);
    expect(stdout).toMatch(/Done: .* 0 errors/);
  });

  it('trades and settles every bet, each a Kalshi leg and a Polymarket US leg of equal contracts', () => {
    const { state } = first;
    expect(state.mode).toBe('paper');
    expect(state.total_trades).toBeGreaterThanOrEqual(3);
    expect(state.open_bets).toBe(0);
    for (const bet of state.bets) {
      expect(bet.status).toBe('settled');
      expect(bet.legs.map((l) => l.venue)).toEqual(['kalshi', 'polymarket-us']);
      expect(bet.legs[1]!.instrument).toMatch(/^polymarket-us:aec-[a-z]+-[a-z]+-[a-z]+-2026-11-25:(long|short)$/);
      expect(bet.legs[0]!.filled_centi).toBeGreaterThan(0);
      expect(bet.legs[0]!.filled_centi).toBe(bet.legs[1]!.filled_centi);
      expect(bet.cost_micros).toBe(bet.legs.reduce((s, l) => s + l.filled_cost_micros + l.fees_micros, 0));
    }
  });

  it('balances add up exactly: balance = initial + realised P&L, nothing reserved', () => {
    const { state } = first;
    const realised = state.bets.reduce((s, b) => s + (b.realised_profit_micros ?? 0), 0);
    expect(state.total_profit_micros).toBe(realised);
    expect(state.reserved_micros).toBe(0);
    expect(state.balance_micros).toBe(state.initial_balance_micros + realised);
    // Seed 1 on the quick slate from this start: these exact figures (a change to them is a change to the run).
    expect({ trades: state.total_trades, profit: state.total_profit_micros, balance: state.balance_micros }).toEqual({
      trades: 5,
      profit: 980_000,
      balance: 1_000_980_000,
    });
  });

  it('is deterministic for a seed: the same run again gives the same bets and figures (ids aside: they are random)', () => {
    const withoutIds = (state: StateJson) =>
      JSON.parse(JSON.stringify(state).replace(/b-[0-9a-f]{24}/g, 'b-(id)')) as StateJson;
    expect(withoutIds(second.state)).toEqual(withoutIds(first.state));
  });

  it('refuses a --venues value that is not a pair, naming both accepted values', async () => {
    const run = startRunner(['--once', '--venues', 'kalshi,polymarket,polymarket-us']);
    expect((await run.exited).code).toBe(2);
    expect(run.stderr).toContain(
      '--venues: expected kalshi,polymarket or kalshi,polymarket-us (Kalshi and one Polymarket); got 3 venue names, not 2',
    );
  });
});
