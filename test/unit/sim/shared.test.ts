import { ManualClock, ScaledClock, seededRandom } from '../../../local/sim/clock';
import { FaultInjector } from '../../../local/sim/faults';
import { matchTaker } from '../../../local/sim/matching';

describe('simulator clocks', () => {
  it('manual clock moves only when told', () => {
    const c = new ManualClock(1000);
    c.advance(500);
    expect(c.now()).toBe(1500);
    c.set(10);
    expect(c.now()).toBe(10);
  });
  it('scaled clock runs N times faster than real time and can jump', () => {
    let real = 0;
    const c = new ScaledClock(1_000_000, 60, () => real);
    real = 1000;
    expect(c.now()).toBe(1_060_000);
    c.advance(5);
    expect(c.now()).toBe(1_060_005);
    expect(() => new ScaledClock(0, 0)).toThrow(RangeError);
  });
  it('seeded random is reproducible and in [0,1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(xs[0]);
  });
});

describe('FaultInjector', () => {
  it('fires at an exact step with skip and times, then expires', () => {
    const f = new FaultInjector(seededRandom(1));
    f.add({ endpoint: 'POST /order', kind: 'error', status: 500, skip: 1, times: 1 });
    expect(f.decide('POST /order').rule).toBeNull();
    expect(f.decide('POST /order').rule?.status).toBe(500);
    expect(f.decide('POST /order').rule).toBeNull();
    expect(f.decide('GET /book').rule).toBeNull();
  });
  it('adds latency from every matching rule, wildcard included', () => {
    const f = new FaultInjector(seededRandom(1));
    f.add({ endpoint: '*', latencyMs: 40 });
    f.add({ endpoint: 'GET /book', latencyMs: 10, kind: 'malformed' });
    const d = f.decide('GET /book');
    expect(d.latencyMs).toBe(50);
    expect(d.rule?.kind).toBe('malformed');
    expect(f.decide('POST /order').latencyMs).toBe(40);
  });
  it('applies a rate with the seeded random source', () => {
    const f = new FaultInjector(seededRandom(7));
    f.add({ endpoint: 'GET /book', kind: 'error', status: 503, rate: 0.3 });
    const fired = Array.from({ length: 1000 }, () => f.decide('GET /book').rule !== null).filter(Boolean).length;
    expect(fired).toBeGreaterThan(230);
    expect(fired).toBeLessThan(370);
  });
  it('validates rules and can be cleared', () => {
    const f = new FaultInjector(seededRandom(1));
    expect(() => f.add({ endpoint: '', kind: 'error' })).toThrow();
    f.add({ endpoint: '*', kind: 'timeout' });
    expect(f.list()).toHaveLength(1);
    f.clear();
    expect(f.decide('GET /x').rule).toBeNull();
  });
});

describe('matchTaker', () => {
  const asks = [
    { priceMicros: 400_000, sizeCenti: 1000 },
    { priceMicros: 410_000, sizeCenti: 500 },
    { priceMicros: 450_000, sizeCenti: 5000 },
  ];
  it('walks levels up to the limit price', () => {
    const r = matchTaker(asks, { side: 'buy', limitPriceMicros: 410_000, sizeCenti: 1200, tif: 'IOC' });
    expect(r.fills).toEqual([
      { priceMicros: 400_000, sizeCenti: 1000 },
      { priceMicros: 410_000, sizeCenti: 200 },
    ]);
    expect(r.remaining).toEqual([
      { priceMicros: 410_000, sizeCenti: 300 },
      { priceMicros: 450_000, sizeCenti: 5000 },
    ]);
  });
  it('kills a FOK that cannot fill completely and leaves the book untouched', () => {
    const r = matchTaker(asks, { side: 'buy', limitPriceMicros: 410_000, sizeCenti: 1600, tif: 'FOK' });
    expect(r.killed).toBe(true);
    expect(r.filledCenti).toBe(0);
    expect(r.remaining).toEqual(asks);
  });
  it('IOC fills what crosses and cancels the rest', () => {
    const r = matchTaker(asks, { side: 'buy', limitPriceMicros: 410_000, sizeCenti: 9999, tif: 'IOC' });
    expect(r.filledCenti).toBe(1500);
  });
  it('sells walk bids downward to the limit', () => {
    const bids = [
      { priceMicros: 390_000, sizeCenti: 100 },
      { priceMicros: 380_000, sizeCenti: 100 },
    ];
    const r = matchTaker(bids, { side: 'sell', limitPriceMicros: 385_000, sizeCenti: 150, tif: 'IOC' });
    expect(r.filledCenti).toBe(100);
  });
  it('caps fills with a partial-fill ratio (a FOK then dies)', () => {
    expect(
      matchTaker(asks, { side: 'buy', limitPriceMicros: 450_000, sizeCenti: 1000, tif: 'FAK', fillRatio: 0.5 })
        .filledCenti,
    ).toBe(500);
    expect(
      matchTaker(asks, { side: 'buy', limitPriceMicros: 450_000, sizeCenti: 1000, tif: 'FOK', fillRatio: 0.5 }).killed,
    ).toBe(true);
  });
});
