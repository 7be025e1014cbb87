/**
 * The shared stream pieces (lib/venues/stream): level maps, trust with lazy staleness, timers,
 * backoff and the problem record.
 */
import { BookTrust, backoffMs, Levels, ManualTimers, StreamSignals, viewOf } from '../../../../lib/venues/stream';
import { seededRandom } from '../../../../local/sim/clock';

describe('Levels', () => {
  it('applying random signed deltas equals the final snapshot (property, 200 runs)', () => {
    const random = seededRandom(3);
    for (let run = 0; run < 200; run++) {
      const truth = new Map<number, number>();
      const levels = new Levels();
      for (let i = 0; i < 40; i++) {
        const price = (1 + Math.floor(random() * 20)) * 10_000;
        const have = truth.get(price) ?? 0;
        const delta = random() < 0.4 && have > 0 ? -Math.ceil(random() * have) : Math.ceil(random() * 500);
        truth.set(price, have + delta);
        if (truth.get(price) === 0) truth.delete(price);
        expect(levels.add(price, delta)).toBe(have + delta);
      }
      const snapshot = [...truth.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([priceMicros, sizeCenti]) => ({ priceMicros, sizeCenti }));
      expect(levels.sorted(true)).toEqual(snapshot);
      expect(levels.best(true)).toBe(snapshot[0]?.priceMicros ?? null);
    }
  });

  it('refuses a delta that would go negative; absolute sets keep sub-centishare levels present but untradable', () => {
    const l = new Levels();
    l.add(500_000, 100);
    expect(l.add(500_000, -101)).toBeNull();
    l.set(400_000, 0, true);
    expect(l.best(false)).toBe(400_000);
    expect(l.sorted(false)).toEqual([{ priceMicros: 500_000, sizeCenti: 100 }]);
    l.set(400_000, 0, false);
    expect(l.best(false)).toBe(500_000);
  });
});

describe('BookTrust', () => {
  it('no snapshot → untrusted; snapshot → trusted; stale lazily from the clock; sticky doubts until the next snapshot', () => {
    const t = new BookTrust();
    expect(viewOf(null, t, 0, 1_000)).toMatchObject({ trusted: false, distrust: 'no-snapshot' });
    t.snapshot(10);
    const book = { observedAtMs: 10 } as never;
    expect(viewOf(book, t, 1_010, 1_000)).toMatchObject({ trusted: true, distrust: null });
    expect(viewOf(book, t, 1_011, 1_000)).toMatchObject({ trusted: false, distrust: 'stale' });
    t.vouch(1_011);
    expect(viewOf(book, t, 1_011, 1_000).trusted).toBe(true);
    expect(t.lose('gap')).toBe(true);
    expect(t.lose('gap')).toBe(false);
    t.vouch(5_000); // a doubtful book is not vouched for
    expect(t.vouchedAtMs).toBe(1_011);
    expect(viewOf(book, t, 1_012, 1_000)).toMatchObject({ trusted: false, distrust: 'gap' });
    t.snapshot(2_000);
    expect(viewOf(book, t, 2_000, 1_000).trusted).toBe(true);
  });
});

describe('timers and backoff', () => {
  it('ManualTimers fires due timers in order, including ones set while firing', () => {
    const timers = new ManualTimers(0);
    const fired: string[] = [];
    timers.setTimeout(() => fired.push('b@20'), 20);
    timers.setTimeout(() => {
      fired.push('a@10');
      timers.setTimeout(() => fired.push('c@15'), 5);
    }, 10);
    const gone = timers.setTimeout(() => fired.push('never'), 12);
    timers.clearTimeout(gone);
    timers.advance(30);
    expect(fired).toEqual(['a@10', 'c@15', 'b@20']);
    expect(timers.now()).toBe(30);
  });

  it('backoff doubles to its cap, with jitter in [½, 1]', () => {
    expect([0, 1, 2, 3, 10].map((n) => backoffMs(n, 100, 1_000, () => 0.999999))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoffMs(3, 100, 1_000, () => 0)).toBe(400);
  });
});

describe('StreamSignals', () => {
  it('passes each cause on once per window, isolates listeners, and says nothing after close', () => {
    let now = 0;
    const s = new StreamSignals('kalshi', () => now, 1_000);
    const got: string[] = [];
    s.onProblem(() => {
      throw new Error('bad listener');
    });
    s.onProblem((p) => got.push(p.cause));
    s.problem('seq-gap', 'x');
    s.problem('seq-gap', 'x');
    now = 1_000;
    s.problem('seq-gap', 'x');
    s.problem('frozen', 'y');
    s.close();
    s.problem('crossed', 'z');
    expect(got).toEqual(['seq-gap', 'seq-gap', 'frozen']);
    expect(s.problemCount).toBe(4); // nothing is counted once closed
  });
});
