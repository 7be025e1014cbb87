/**
 * What `npm start` prints: the engine's log lines and notifications as they happen, in the
 * seed's wording (`📄 Paper Trading Mode`, `Processing 17 games for arbitrage
 * opportunities...`, `💰 New Arb: …`), each stamped with the SIMULATED time so a fast-forwarded
 * run reads like a day of trading. Everything goes to stdout in order; `--once` prints its JSON
 * after the last of these lines.
 */
import type { Logger } from '../../lib/engine';
import type { Notification, Notifier } from '../../lib/engine/ports';

export interface Output {
  /** A line stamped with the simulated time. */
  line(text: string): void;
  /** A line without a stamp (banners, the final JSON). */
  plain(text: string): void;
  readonly logger: Logger;
  readonly notifier: Notifier;
}

export interface OutputOptions {
  readonly now: () => number;
  readonly write?: (text: string) => void;
  /**
   * Print a run of identical engine lines once, then how often it repeated: `--once` scans
   * hundreds of times and "Processing 17 games…" every time is noise.
   */
  readonly collapseRepeats?: boolean;
  /** Last guard on every line (known secret values replaced: lib/runtime/redact.ts). */
  readonly redact?: (text: string) => string;
}

function stamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `[${iso.slice(0, 10)} ${iso.slice(11, 19)}Z]`;
}

/** The notification's first line, plus its figures on one indented line (arbs, settlements). */
function describe(n: Notification): string[] {
  const [subject, ...rest] = n.text.split('\n');
  const facts = rest.filter((l) => !/^(Mode|Time):/.test(l)).join(' · ');
  return facts ? [subject ?? n.subject, `    ${facts}`] : [subject ?? n.subject];
}

export function createOutput(options: OutputOptions): Output {
  const sink = options.write ?? ((text: string) => void process.stdout.write(`${text}\n`));
  const write = options.redact ? (text: string) => sink(options.redact!(text)) : sink;
  let last: string | null = null;
  let repeats = 0;
  const emit = (text: string) => write(`${stamp(options.now())} ${text}`);
  /** Says how often the last engine line repeated, before anything else is printed. */
  const flush = () => {
    if (repeats > 0) emit(`  (the line "${last}" repeated ${repeats} more time${repeats === 1 ? '' : 's'})`);
    repeats = 0;
    last = null;
  };
  const line = (text: string) => {
    flush();
    emit(text);
  };
  const engineLine = (prefix: string) => (text: string) => {
    const full = `${prefix}${text}`;
    if (options.collapseRepeats && full === last) {
      repeats += 1;
      return;
    }
    flush();
    emit(full);
    last = full;
  };
  return {
    line,
    plain: (text) => {
      flush();
      write(text);
    },
    logger: { info: engineLine(''), warn: engineLine('⚠️  '), error: engineLine('❌ ') },
    notifier: {
      async notify(n: Notification) {
        // The engine already logs `💰 New Arb: <title> (paper)`: print only the figures then.
        const lines = describe(n);
        if (/💰 New Arb/.test(n.subject)) lines.shift();
        for (const l of lines) line(l);
      },
    },
  };
}
