import fc from 'fast-check';
import type { BetForMetrics } from '../../../lib/core/metrics';
import { computeMetrics, MetricsInputError } from '../../../lib/core/metrics';

const USD = 1_000_000;
const INITIAL = 1_000 * USD;
const day = (iso: string): number => Date.parse(iso);

function closed(
  status: 'settled' | 'unwound' | 'failed',
  costMicros: number,
  realizedPnlMicros: number,
  closedAtIso: string,
): BetForMetrics {
  const closedAtMs = day(closedAtIso);
  return {
    status,
    costMicros,
    realizedPnlMicros,
    expectedProfitMicros: 0,
    admittedAtMs: closedAtMs - 3_600_000,
    closedAtMs,
  };
}
function open(costMicros: number, expectedProfitMicros: number): BetForMetrics {
  return { status: 'open', costMicros, expectedProfitMicros, admittedAtMs: day('2026-11-24T10:00:00Z') };
}

describe('computeMetrics', () => {
  it('reports an empty history without NaN: rates are null, amounts 0, no drawdown', () => {
    const m = computeMetrics([], INITIAL);
    expect(m).toEqual({
      totalTrades: 0,
      openTrades: 0,
      closedTrades: 0,
      wins: 0,
      losses: 0,
      flat: 0,
      winRate: null,
      averageRoi: null,
      aggregateRoi: null,
      totalRealizedPnlMicros: 0,
      realizedEquityMicros: INITIAL,
      dailyPnl: [],
      maxDrawdown: {
        micros: 0,
        ratio: null,
        peakMicros: INITIAL,
        troughMicros: INITIAL,
        peakAtMs: null,
        troughAtMs: null,
      },
      lockedCapitalMicros: 0,
      expectedOpenProfitMicros: 0,
    });
  });

  it('reports only open bets as locked capital with no win rate yet', () => {
    const m = computeMetrics([open(95 * USD, 2 * USD), open(50 * USD, 1 * USD)], INITIAL);
    expect(m).toMatchObject({
      totalTrades: 2,
      openTrades: 2,
      closedTrades: 0,
      winRate: null,
      averageRoi: null,
      lockedCapitalMicros: 145 * USD,
      expectedOpenProfitMicros: 3 * USD,
    });
  });

  const history: BetForMetrics[] = [
    closed('settled', 100 * USD, 4 * USD, '2026-11-20T23:00:00Z'), // win, +4%
    closed('settled', 50 * USD, 1 * USD, '2026-11-21T01:00:00Z'), // win, +2%
    closed('unwound', 80 * USD, -6 * USD, '2026-11-21T02:00:00Z'), // loss, −7.5%
    closed('failed', 0, 0, '2026-11-21T03:00:00Z'), // flat, nothing filled: no ROI
    closed('failed', 40 * USD, -2 * USD, '2026-11-22T12:00:00Z'), // loss, −5%
    closed('settled', 20 * USD, 0, '2026-11-22T13:00:00Z'), // flat, 0%
    open(70 * USD, 3 * USD),
  ];

  it('counts wins (P&L > 0), losses (< 0, unwound and failed included) and flats; open bets excluded', () => {
    const m = computeMetrics(history, INITIAL);
    expect(m).toMatchObject({ totalTrades: 7, openTrades: 1, closedTrades: 6, wins: 2, losses: 2, flat: 2 });
    expect(m.winRate).toBeCloseTo(2 / 6, 12);
  });

  it('averages ROI per bet over closed bets with a cost, and reports the capital-weighted ROI beside it', () => {
    const m = computeMetrics(history, INITIAL);
    expect(m.averageRoi).toBeCloseTo((0.04 + 0.02 - 0.075 - 0.05 + 0) / 5, 12);
    expect(m.aggregateRoi).toBeCloseTo((4 + 1 - 6 - 2 + 0) / (100 + 50 + 80 + 40 + 20), 12);
  });

  it('sums realised P&L exactly and per UTC day of closing', () => {
    const m = computeMetrics(history, INITIAL);
    expect(m.totalRealizedPnlMicros).toBe(-3 * USD);
    expect(m.realizedEquityMicros).toBe(997 * USD);
    expect(m.dailyPnl).toEqual([
      { day: '2026-11-20', pnlMicros: 4 * USD, closedTrades: 1 },
      { day: '2026-11-21', pnlMicros: -5 * USD, closedTrades: 3 },
      { day: '2026-11-22', pnlMicros: -2 * USD, closedTrades: 2 },
    ]);
    expect(m.lockedCapitalMicros).toBe(70 * USD);
  });

  it('measures max drawdown from the running peak of the equity curve that starts at the initial balance', () => {
    // Equity: 1000 → 1004 (peak) → 1005 (peak) → 999 → 999 → 997 → 997.
    const m = computeMetrics(history, INITIAL);
    expect(m.maxDrawdown).toEqual({
      micros: 8 * USD,
      ratio: 8 / 1005,
      peakMicros: 1_005 * USD,
      troughMicros: 997 * USD,
      peakAtMs: day('2026-11-21T01:00:00Z'),
      troughAtMs: day('2026-11-22T12:00:00Z'),
    });
  });

  it('counts a fall from the initial balance as drawdown, even before any gain', () => {
    const m = computeMetrics([closed('unwound', 100 * USD, -10 * USD, '2026-11-21T00:00:00Z')], INITIAL);
    expect(m.maxDrawdown).toMatchObject({ micros: 10 * USD, ratio: 0.01, peakMicros: INITIAL, peakAtMs: null });
  });

  it('keeps the LARGEST fall, not the latest', () => {
    const m = computeMetrics(
      [
        closed('unwound', 100 * USD, -50 * USD, '2026-11-20T00:00:00Z'),
        closed('settled', 100 * USD, 80 * USD, '2026-11-21T00:00:00Z'),
        closed('unwound', 100 * USD, -10 * USD, '2026-11-22T00:00:00Z'),
      ],
      INITIAL,
    );
    expect(m.maxDrawdown.micros).toBe(50 * USD);
  });

  it('does not depend on input order, even for bets that closed in the same millisecond', () => {
    const sameInstant = [
      closed('settled', 100 * USD, 10 * USD, '2026-11-21T00:00:00Z'),
      closed('unwound', 100 * USD, -10 * USD, '2026-11-21T00:00:00Z'),
    ];
    const a = computeMetrics(sameInstant, INITIAL);
    const b = computeMetrics([...sameInstant].reverse(), INITIAL);
    expect(a).toEqual(b);
    expect(a.maxDrawdown.micros).toBe(0);
  });

  it('gives no drawdown ratio when the peak it fell from is not positive', () => {
    const m = computeMetrics([closed('unwound', 10 * USD, -5 * USD, '2026-11-21T00:00:00Z')], 0);
    expect(m.maxDrawdown).toMatchObject({ micros: 5 * USD, ratio: null });
  });

  it.each<[string, unknown, RegExp]>([
    ['a float cost', { ...open(1, 0), costMicros: 1.5 }, /costMicros must be a safe integer/],
    ['a negative cost', { ...open(1, 0), costMicros: -1 }, /costMicros must be ≥ 0/],
    [
      'a closed bet without P&L',
      { ...closed('settled', 1, 0, '2026-11-21T00:00:00Z'), realizedPnlMicros: null },
      /realizedPnlMicros/,
    ],
    [
      'a closed bet without a close time',
      { ...closed('settled', 1, 0, '2026-11-21T00:00:00Z'), closedAtMs: undefined },
      /closedAtMs/,
    ],
    [
      'a NaN P&L',
      { ...closed('settled', 1, 0, '2026-11-21T00:00:00Z'), realizedPnlMicros: Number.NaN },
      /realizedPnlMicros/,
    ],
    ['an unknown status', { ...open(1, 0), status: 'placing' }, /unknown status "placing"/],
  ])('refuses %s with a clear error naming the bet', (_name, bet, message) => {
    const bets = [open(1, 0), bet as BetForMetrics];
    expect(() => computeMetrics(bets, INITIAL)).toThrow(MetricsInputError);
    expect(() => computeMetrics(bets, INITIAL)).toThrow(/^Bet 1 cannot be measured/);
    expect(() => computeMetrics(bets, INITIAL)).toThrow(message);
  });
});

describe('computeMetrics properties', () => {
  const t0 = day('2026-11-01T00:00:00Z');
  const betArb: fc.Arbitrary<BetForMetrics> = fc.oneof(
    fc.record({
      status: fc.constant('open' as const),
      costMicros: fc.integer({ min: 0, max: 200 * USD }),
      expectedProfitMicros: fc.integer({ min: 0, max: 10 * USD }),
      admittedAtMs: fc.integer({ min: t0, max: t0 + 30 * 86_400_000 }),
    }),
    fc
      .record({
        status: fc.constantFrom('settled' as const, 'unwound' as const, 'failed' as const),
        costMicros: fc.integer({ min: 0, max: 200 * USD }),
        pnlFraction: fc.integer({ min: -1_000, max: 300 }), // per mille of cost: at most the whole cost lost
        expectedProfitMicros: fc.integer({ min: 0, max: 10 * USD }),
        admittedAtMs: fc.integer({ min: t0, max: t0 + 30 * 86_400_000 }),
        // Coarse times so that several bets often close in the same millisecond or day.
        closedAfterMinutes: fc.integer({ min: 0, max: 3_000 }),
      })
      .map((r) => ({
        status: r.status,
        costMicros: r.costMicros,
        realizedPnlMicros: Math.trunc((r.costMicros * r.pnlFraction) / 1_000),
        expectedProfitMicros: r.expectedProfitMicros,
        admittedAtMs: r.admittedAtMs,
        closedAtMs: t0 + r.closedAfterMinutes * 60_000 * 15,
      })),
  );
  const initialArb = fc.integer({ min: 0, max: 100_000 * USD });

  it('daily P&L sums to total realised P&L, and equity = initial + total', () => {
    fc.assert(
      fc.property(fc.array(betArb, { maxLength: 60 }), initialArb, (bets, initial) => {
        const m = computeMetrics(bets, initial);
        expect(m.dailyPnl.reduce((s, d) => s + d.pnlMicros, 0)).toBe(m.totalRealizedPnlMicros);
        expect(m.dailyPnl.reduce((s, d) => s + d.closedTrades, 0)).toBe(m.closedTrades);
        expect(m.realizedEquityMicros).toBe(initial + m.totalRealizedPnlMicros);
        const days = m.dailyPnl.map((d) => d.day);
        expect(days).toEqual([...new Set(days)].sort());
      }),
    );
  });

  it('max drawdown is ≥ 0, never more than the peak it fell from, and the ratio lies in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(betArb, { maxLength: 60 }), initialArb, (bets, initial) => {
        // Losses are bounded by cost; keep the curve non-negative as a real balance would be.
        const totalCost = bets.reduce((s, b) => s + b.costMicros, 0);
        const dd = computeMetrics(bets, initial + totalCost).maxDrawdown;
        expect(dd.micros).toBeGreaterThanOrEqual(0);
        expect(dd.micros).toBeLessThanOrEqual(dd.peakMicros);
        expect(dd.micros).toBe(dd.peakMicros - dd.troughMicros);
        if (dd.ratio !== null) {
          expect(dd.ratio).toBeGreaterThan(0);
          expect(dd.ratio).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('max drawdown equals a brute-force search over every pair of equity points', () => {
    fc.assert(
      fc.property(fc.array(betArb, { maxLength: 30 }), initialArb, (bets, initial) => {
        const closedBets = bets.filter((b) => b.status !== 'open') as Extract<BetForMetrics, { closedAtMs: number }>[];
        const times = [...new Set(closedBets.map((b) => b.closedAtMs))].sort((a, b) => a - b);
        const curve = [initial];
        for (const t of times) {
          const step = closedBets.filter((b) => b.closedAtMs === t).reduce((s, b) => s + b.realizedPnlMicros, 0);
          curve.push((curve[curve.length - 1] ?? 0) + step);
        }
        let expected = 0;
        curve.forEach((hi, i) => curve.slice(i).forEach((lo) => (expected = Math.max(expected, hi - lo))));
        expect(computeMetrics(bets, initial).maxDrawdown.micros).toBe(expected);
      }),
    );
  });

  it('never yields NaN or a non-finite figure, and every count adds up', () => {
    fc.assert(
      fc.property(fc.array(betArb, { maxLength: 40 }), initialArb, (bets, initial) => {
        const m = computeMetrics(bets, initial);
        for (const v of [m.winRate, m.averageRoi, m.aggregateRoi, m.maxDrawdown.ratio]) {
          if (v !== null) expect(Number.isFinite(v)).toBe(true);
        }
        expect(m.wins + m.losses + m.flat).toBe(m.closedTrades);
        expect(m.openTrades + m.closedTrades).toBe(m.totalTrades);
        expect(m.lockedCapitalMicros).toBe(
          bets.filter((b) => b.status === 'open').reduce((s, b) => s + b.costMicros, 0),
        );
      }),
    );
  });
});
