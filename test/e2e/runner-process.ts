/**
 * Runs `npm start` (local/start.ts) or the CLI as a child process, the way a user does
 * (`npx tsx local/start.ts …` without npm's own start-up cost), and watches its output.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
export const QUICK_SLATE = join(__dirname, 'fixtures', 'quick-slate.json');

/** The environment a child gets: ours minus anything that would change the run. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(LIVE_TRADING|POLYMIX_|POLYMARKET_|KALSHI_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NODE_NO_WARNINGS: '1', ...extra };
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class Child {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private readonly proc: ChildProcess;

  /**
   * `viaTsxCli`: `tsx local/start.ts` as `npx tsx` runs it (a wrapper process that relays
   * signals to the real one); otherwise `node --import tsx`, one process, so a signal sent by
   * the test reaches the runner itself, as Ctrl-C in a terminal does.
   */
  constructor(script: string, args: readonly string[], env: NodeJS.ProcessEnv, viaTsxCli: boolean) {
    const node = viaTsxCli ? [TSX_CLI] : ['--import', 'tsx'];
    this.proc = spawn(process.execPath, [...node, join(ROOT, script), ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stdout!.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.proc.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.exited = new Promise((done) => this.proc.on('exit', (code, signal) => done({ code, signal })));
  }

  /** Resolves with the first match of `re` in stdout; rejects on exit or after `timeoutMs`. */
  waitFor(re: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return new Promise((done, fail) => {
      const started = Date.now();
      const look = () => {
        const m = this.stdout.match(re);
        if (m) return done(m);
        if (this.proc.exitCode !== null || this.proc.signalCode !== null)
          return fail(new Error(`exited before ${re}:\n${this.stdout}\n${this.stderr}`));
        if (Date.now() - started > timeoutMs)
          return fail(new Error(`no ${re} within ${timeoutMs} ms:\n${this.stdout}\n${this.stderr}`));
        setTimeout(look, 50);
      };
      look();
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.proc.kill(signal);
  }
}

export function startRunner(args: readonly string[], env: Record<string, string> = {}, viaTsxCli = false): Child {
  return new Child('local/start.ts', args, cleanEnv(env), viaTsxCli);
}

/** The JSON block that ends stdout (the first line that is exactly "{" up to the end). */
export function lastJsonBlock(stdout: string): unknown {
  const lines = stdout.trimEnd().split('\n');
  const start = lines.lastIndexOf('{');
  if (start < 0) throw new Error(`no JSON block at the end of stdout:\n${stdout.slice(-2000)}`);
  return JSON.parse(lines.slice(start).join('\n'));
}
