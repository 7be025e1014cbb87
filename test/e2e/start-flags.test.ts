/**
 * `npm start` refusals as a user sees them: a bad flag prints the usage and exits 2; with
 * --source live and the venues unreachable it says which venue failed and exits 1. (The venue
 * URLs are pointed at closed local ports: tests never reach the internet.)
 */
import { createServer } from 'node:net';
import { startRunner } from './runner-process';

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('npm start refusals', () => {
  it('answers a bad flag with the usage and exit code 2, before starting anything', async () => {
    const run = startRunner(['--sped', '60']);
    const exit = await run.exited;
    expect(exit.code).toBe(2);
    expect(run.stderr).toContain('npm start: unknown option --sped');
    expect(run.stderr).toContain('usage: npm start -- [options]');
    expect(run.stdout).toBe('');
  }, 30_000);

  it('with --source live and no reachable venue, names each venue and exits 1', async () => {
    const port = await closedPort();
    const run = startRunner(['--source', 'live', '--port', '0'], {
      POLYMARKET_GAMMA_URL: `http://127.0.0.1:${port}`,
      POLYMARKET_CLOB_URL: `http://127.0.0.1:${port}`,
      POLYMARKET_DATA_URL: `http://127.0.0.1:${port}`,
      KALSHI_API_URL: `http://127.0.0.1:${port}/trade-api/v2`,
    });
    const exit = await run.exited;
    expect(exit.code).toBe(1);
    expect(run.stdout).toContain(
      `Market data from the real venues (public endpoints, no keys): Polymarket http://127.0.0.1:${port}`,
    );
    expect(run.stderr).toContain('--source live could not read market data:');
    expect(run.stderr).toMatch(/- polymarket: \w+/);
    expect(run.stderr).toMatch(/- kalshi: \w+/);
    expect(run.stderr).toContain('Without network, run the simulators instead: npm start');
  }, 60_000);
});
