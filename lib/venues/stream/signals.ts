/**
 * Listeners of a stream and its problem record. Listeners never throw into the stream (a bad
 * listener is isolated), nothing is called after `close()`, and a problem with the same cause is
 * passed on at most once per `dedupeMs` (the engine records each distinct cause once anyway; this
 * keeps a flapping feed from flooding the log).
 */
import type { VenueName } from '../../core/market';
import type { BookChangeListener, StreamProblem, StreamProblemListener } from '../../engine/ports';

export class StreamSignals {
  private readonly books = new Set<BookChangeListener>();
  private readonly problems = new Set<StreamProblemListener>();
  private readonly lastSent = new Map<string, number>();
  /** Problems seen, including the ones de-duplicated away. */
  problemCount = 0;
  private closed = false;

  constructor(
    private readonly venue: VenueName,
    private readonly now: () => number,
    private readonly dedupeMs: number,
  ) {}

  onBookChange(listener: BookChangeListener): () => void {
    this.books.add(listener);
    return () => this.books.delete(listener);
  }

  onProblem(listener: StreamProblemListener): () => void {
    this.problems.add(listener);
    return () => this.problems.delete(listener);
  }

  changed(keys: Iterable<string>): void {
    if (this.closed) return;
    const list = [...new Set(keys)];
    if (list.length === 0) return;
    for (const l of this.books) {
      try {
        l(list);
      } catch {
        // a listener's failure is its own
      }
    }
  }

  problem(cause: string, message: string): void {
    if (this.closed) return;
    this.problemCount++;
    const at = this.now();
    const last = this.lastSent.get(cause);
    if (last !== undefined && at - last < this.dedupeMs) return;
    this.lastSent.set(cause, at);
    const problem: StreamProblem = { venue: this.venue, cause, message: message.slice(0, 300) };
    for (const l of this.problems) {
      try {
        l(problem);
      } catch {
        // idem
      }
    }
  }

  close(): void {
    this.closed = true;
    this.books.clear();
    this.problems.clear();
  }
}

/** A short, printable excerpt of a venue frame for a problem record (venue data, never our secrets). */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
