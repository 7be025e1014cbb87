/**
 * Book streams as the engine gets them (`EngineDeps.bookStreams`), each wrapped so a benchmark
 * can see when a book change reached the engine and whether the books are warm. The tap's own
 * listener is registered before the engine's, so the time it notes is the moment the stream
 * client handed the change over, before the engine did anything with it. It changes nothing it
 * forwards.
 */
import { performance } from 'node:perf_hooks';
import type { InstrumentRef, PairVenue, VenueName } from '../lib/core/market';
import type { EngineDeps } from '../lib/engine';
import type {
  BookChangeListener,
  BookStream,
  StreamedBook,
  StreamHealth,
  StreamProblemListener,
} from '../lib/engine/ports';

/** Called with the changed instrument keys and performance.now() when the stream reported them. */
export type ChangeTap = (venue: VenueName, keys: readonly string[], atMs: number) => void;

class TappedStream implements BookStream {
  readonly venue: VenueName;
  closed = false;

  constructor(
    private readonly inner: BookStream,
    tap: ChangeTap | null,
  ) {
    this.venue = inner.venue;
    if (tap) inner.onBookChange((keys) => tap(this.venue, keys, performance.now()));
  }
  watch = (instruments: readonly InstrumentRef[]) => this.inner.watch(instruments);
  get = (instrument: InstrumentRef): StreamedBook => this.inner.get(instrument);
  onBookChange = (listener: BookChangeListener) => this.inner.onBookChange(listener);
  onProblem = (listener: StreamProblemListener) => this.inner.onProblem(listener);
  health = (): StreamHealth => this.inner.health();
  close = async (): Promise<void> => {
    this.closed = true;
    await this.inner.close();
  };
}

export class StreamTaps {
  private readonly streams: TappedStream[] = [];

  constructor(
    private readonly openers: Readonly<Record<PairVenue, () => BookStream>>,
    private readonly tap: ChangeTap | null = null,
  ) {}

  /** What `EngineDeps.bookStreams` is given: every stream the engine opens is tapped. */
  get sources(): NonNullable<EngineDeps['bookStreams']> {
    const open = (venue: PairVenue) => () => {
      const s = new TappedStream(this.openers[venue](), this.tap);
      this.streams.push(s);
      return s;
    };
    return { polymarket: open('polymarket'), kalshi: open('kalshi') };
  }

  /** Summed over the open streams of `venue` (both when absent). */
  health(venue?: PairVenue): StreamHealth {
    const open = this.streams.filter((s) => !s.closed && (venue === undefined || s.venue === venue));
    const all = open.map((s) => s.health());
    return {
      connected: all.length > 0 && all.every((h) => h.connected),
      watched: all.reduce((n, h) => n + h.watched, 0),
      trusted: all.reduce((n, h) => n + h.trusted, 0),
      reconnects: all.reduce((n, h) => n + h.reconnects, 0),
      messages: all.reduce((n, h) => n + h.messages, 0),
    };
  }

  /**
   * Resolves once both venues have an open stream, each watching at least `minWatched`
   * instruments and trusting every one of them; rejects after `timeoutMs`.
   */
  async warm(minWatched: Readonly<Record<PairVenue, number>>, timeoutMs: number): Promise<number> {
    const t0 = performance.now();
    for (;;) {
      const ok = (['polymarket', 'kalshi'] as const).every((v) => {
        const h = this.health(v);
        return h.connected && h.watched >= minWatched[v] && h.trusted === h.watched;
      });
      if (ok) return performance.now() - t0;
      if (performance.now() - t0 > timeoutMs) {
        const show = (v: PairVenue) => JSON.stringify(this.health(v));
        throw new Error(
          `streams not warm after ${timeoutMs} ms: polymarket ${show('polymarket')}, kalshi ${show('kalshi')}`,
        );
      }
      // health() walks every watched book: not asked more often than this.
      await new Promise<void>((resolve) => setTimeout(resolve, 200));
    }
  }
}
