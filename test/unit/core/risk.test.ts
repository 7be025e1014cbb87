import fc from 'fast-check';
import type { AccountState, RiskInput, RiskPolicy, TradeCandidate } from '../../../lib/core/risk';
import {
  admissionAllows,
  admissionBounds,
  checkRisk,
  oldestBookAgeMs,
  percentForMessage,
  usdForMessage,
} from '../../../lib/core/risk';

const NOW = Date.parse('2026-11-24T18:00:00Z');
const USD = 1_000_000;

const policy: RiskPolicy = {
  minRoiPpm: 20_000, // 2%
  maxPositionMicros: 100 * USD,
  maxDailyTrades: 10,
  dailyLossLimitMicros: 50 * USD,
  maxBookAgeMs: 3_000,
};
const account: AccountState = { balanceMicros: 1_000 * USD, tradesToday: 0, lossTodayMicros: 0, halted: false };
const candidate: TradeCandidate = {
  costMicros: 95 * USD,
  worstCaseLossMicros: 5 * USD,
  roiPpm: 25_000,
  booksObservedAtMs: [NOW - 500, NOW - 800],
};

function input(over: {
  candidate?: Partial<TradeCandidate>;
  account?: Partial<AccountState>;
  policy?: Partial<RiskPolicy>;
  nowMs?: number;
}): RiskInput {
  return {
    candidate: { ...candidate, ...over.candidate },
    account: { ...account, ...over.account },
    policy: { ...policy, ...over.policy },
    nowMs: over.nowMs ?? NOW,
  };
}

describe('checkRisk', () => {
  it('admits a trade inside every limit', () => {
    expect(checkRisk(input({}))).toEqual({ ok: true });
  });

  it.each<[string, Parameters<typeof input>[0], string, string]>([
    ['halted', { account: { halted: true } }, 'HALTED', 'Trading halted'],
    [
      'the 11th trade of the day',
      { account: { tradesToday: 10 } },
      'DAILY_TRADE_LIMIT',
      'Daily trade limit reached (10)',
    ],
    [
      'any trade when the max is 0',
      { policy: { maxDailyTrades: 0 } },
      'DAILY_TRADE_LIMIT',
      'Daily trade limit reached (0)',
    ],
    [
      'a trade once the loss limit is reached',
      { account: { lossTodayMicros: 50 * USD } },
      'DAILY_LOSS_LIMIT',
      'Daily loss limit reached',
    ],
    [
      'a trade whose worst case would cross the loss limit',
      { account: { lossTodayMicros: 46 * USD } },
      'DAILY_LOSS_LIMIT',
      "Daily loss limit would be exceeded: worst-case loss $5.00 + today's loss $46.00 > limit $50.00",
    ],
    [
      'more than the balance',
      { account: { balanceMicros: 94_999_999 } },
      'INSUFFICIENT_BALANCE',
      'Insufficient balance',
    ],
    [
      'a position over the maximum',
      { candidate: { costMicros: 120 * USD }, account: { balanceMicros: 500 * USD } },
      'POSITION_TOO_LARGE',
      'Position size $120.00 exceeds maximum $100.00',
    ],
    [
      'a position a fraction of a cent over the maximum, showing the difference',
      { candidate: { costMicros: 100 * USD + 1 } },
      'POSITION_TOO_LARGE',
      'Position size $100.000001 exceeds maximum $100.00',
    ],
    ['an ROI below the minimum', { candidate: { roiPpm: 12_000 } }, 'ROI_TOO_LOW', 'ROI 1.20% below minimum 2.00%'],
    [
      'an ROI one ppm below the minimum',
      { candidate: { roiPpm: 19_999 } },
      'ROI_TOO_LOW',
      'ROI 1.9999% below minimum 2.00%',
    ],
    ['a negative ROI', { candidate: { roiPpm: -5_000 } }, 'ROI_TOO_LOW', 'ROI -0.50% below minimum 2.00%'],
    [
      'a stale book on either leg',
      { candidate: { booksObservedAtMs: [NOW - 100, NOW - 4_200] } },
      'QUOTE_STALE',
      'Quote too old: 4200 ms > 3000 ms',
    ],
  ])('refuses %s', (_name, over, code, message) => {
    expect(checkRisk(input(over))).toEqual({ ok: false, code, message });
  });

  it.each<[string, Parameters<typeof input>[0]]>([
    ['the 10th trade of the day', { account: { tradesToday: 9 } }],
    ['a worst case that lands exactly on the loss limit', { account: { lossTodayMicros: 45 * USD } }],
    ['a cost equal to the balance', { account: { balanceMicros: 95 * USD } }],
    ['a cost equal to the maximum position', { candidate: { costMicros: 100 * USD } }],
    ['an ROI equal to the minimum', { candidate: { roiPpm: 20_000 } }],
    ['a book exactly max age old', { candidate: { booksObservedAtMs: [NOW - 3_000] } }],
    ['a book stamped after now (clock read earlier)', { candidate: { booksObservedAtMs: [NOW + 50] } }],
    [
      'a zero worst case with a zero loss limit',
      { candidate: { worstCaseLossMicros: 0 }, policy: { dailyLossLimitMicros: 0 } },
    ],
  ])('admits %s (limits are inclusive where the condition is ≤)', (_name, over) => {
    expect(checkRisk(input(over))).toEqual({ ok: true });
  });

  it('reports in the documented order: halted, trades, loss, balance, size, ROI, staleness', () => {
    const everythingWrong = {
      candidate: { costMicros: 500 * USD, roiPpm: 0, booksObservedAtMs: [NOW - 60_000] },
      account: { halted: true, tradesToday: 10, lossTodayMicros: 50 * USD, balanceMicros: 10 * USD },
    };
    const codes: string[] = [];
    const fixes: Parameters<typeof input>[0][] = [
      { account: { halted: false } },
      { account: { tradesToday: 0 } },
      { account: { lossTodayMicros: 0 } },
      { account: { balanceMicros: 1_000 * USD } },
      { candidate: { costMicros: 50 * USD } },
      { candidate: { roiPpm: 30_000 } },
      { candidate: { booksObservedAtMs: [NOW] } },
    ];
    let current = everythingWrong as Parameters<typeof input>[0];
    for (const fix of fixes) {
      const result = checkRisk(input(current));
      codes.push(result.ok ? 'OK' : result.code);
      current = {
        candidate: { ...current.candidate, ...fix.candidate },
        account: { ...current.account, ...fix.account },
      };
    }
    codes.push(checkRisk(input(current)).ok ? 'OK' : 'still refused');
    expect(codes).toEqual([
      'HALTED',
      'DAILY_TRADE_LIMIT',
      'DAILY_LOSS_LIMIT',
      'INSUFFICIENT_BALANCE',
      'POSITION_TOO_LARGE',
      'ROI_TOO_LOW',
      'QUOTE_STALE',
      'OK',
    ]);
  });

  it.each<[string, Parameters<typeof input>[0], RegExp]>([
    ['a NaN cost', { candidate: { costMicros: Number.NaN } }, /costMicros must be a safe integer/],
    ['a fractional cost', { candidate: { costMicros: 1.5 } }, /costMicros must be a safe integer/],
    ['a zero cost', { candidate: { costMicros: 0 } }, /costMicros must be ≥ 1/],
    ['a negative worst case', { candidate: { worstCaseLossMicros: -1 } }, /worstCaseLossMicros must be ≥ 0/],
    ['no books', { candidate: { booksObservedAtMs: [] } }, /at least one book/],
    ['an Infinity book time', { candidate: { booksObservedAtMs: [NOW, Infinity] } }, /booksObservedAtMs\[1\]/],
    ['a negative loss today', { account: { lossTodayMicros: -1 } }, /lossTodayMicros must be ≥ 0/],
    ['a float ROI', { candidate: { roiPpm: 0.02 } }, /roiPpm must be a safe integer/],
    ['a missing policy figure', { policy: { maxDailyTrades: undefined as unknown as number } }, /maxDailyTrades/],
    ['a NaN clock', { nowMs: Number.NaN }, /nowMs/],
  ])('refuses, never crashes, on %s', (_name, over, message) => {
    const result = checkRisk(input(over));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('INVALID_INPUT');
      expect(result.message).toMatch(message);
    }
  });

  it('refuses a non-boolean halted flag (a store returning "false" as a string stops trading)', () => {
    const result = checkRisk(input({ account: { halted: 'false' as unknown as boolean } }));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  const money = fc.integer({ min: 0, max: 2_000 * USD });
  const arbInput = fc.record({
    candidate: fc.record({
      costMicros: fc.integer({ min: 1, max: 2_000 * USD }),
      worstCaseLossMicros: money,
      roiPpm: fc.integer({ min: -100_000, max: 200_000 }),
      booksObservedAtMs: fc.array(fc.integer({ min: NOW - 10_000, max: NOW + 100 }), { minLength: 1, maxLength: 3 }),
    }),
    account: fc.record({
      balanceMicros: fc.integer({ min: -10 * USD, max: 3_000 * USD }),
      tradesToday: fc.integer({ min: 0, max: 20 }),
      lossTodayMicros: money,
      halted: fc.boolean(),
    }),
    policy: fc.record({
      minRoiPpm: fc.integer({ min: 0, max: 100_000 }),
      maxPositionMicros: money,
      maxDailyTrades: fc.integer({ min: 0, max: 20 }),
      dailyLossLimitMicros: money,
      maxBookAgeMs: fc.integer({ min: 0, max: 10_000 }),
    }),
    nowMs: fc.constant(NOW),
  });

  // Inputs that hug every limit (−3…+1 units from it), so about a fifth of them pass and the
  // off-by-one side of each comparison is exercised.
  const near = fc.integer({ min: -3, max: 1 });
  const hugging = fc
    .record({
      policy: arbInput.map((i) => i.policy),
      costMicros: fc.integer({ min: 1, max: 2_000 * USD }),
      worstCaseLossMicros: money,
      halted: fc.constantFrom(false, false, false, true),
      d: fc.tuple(near, near, near, near, near, near, near),
    })
    .map(({ policy: p, costMicros, worstCaseLossMicros, halted, d }): RiskInput => {
      const cost = Math.max(1, Math.min(costMicros, p.maxPositionMicros + d[0]));
      const worst = Math.min(worstCaseLossMicros, p.dailyLossLimitMicros);
      return {
        candidate: {
          costMicros: cost,
          worstCaseLossMicros: worst,
          roiPpm: p.minRoiPpm - d[1],
          booksObservedAtMs: [NOW - p.maxBookAgeMs - d[2], NOW - 1],
        },
        account: {
          balanceMicros: cost - d[3],
          tradesToday: Math.max(0, p.maxDailyTrades - 1 + d[4]),
          lossTodayMicros: Math.max(0, p.dailyLossLimitMicros - worst + d[5]),
          halted,
        },
        policy: p,
        nowMs: NOW,
      };
    });

  it('never admits a trade that breaks any limit, even in its worst case', () => {
    let admitted = 0;
    fc.assert(
      fc.property(fc.oneof(hugging, arbInput), ({ candidate: c, account: a, policy: p, nowMs }) => {
        if (!checkRisk({ candidate: c, account: a, policy: p, nowMs }).ok) return;
        admitted++;
        expect(a.halted).toBe(false);
        expect(a.tradesToday + 1).toBeLessThanOrEqual(p.maxDailyTrades);
        expect(a.lossTodayMicros + c.worstCaseLossMicros).toBeLessThanOrEqual(p.dailyLossLimitMicros);
        expect(a.balanceMicros - c.costMicros).toBeGreaterThanOrEqual(0);
        expect(c.costMicros).toBeLessThanOrEqual(p.maxPositionMicros);
        expect(c.roiPpm).toBeGreaterThanOrEqual(p.minRoiPpm);
        for (const t of c.booksObservedAtMs) expect(nowMs - t).toBeLessThanOrEqual(p.maxBookAgeMs);
      }),
      { numRuns: 4000 },
    );
    expect(admitted).toBeGreaterThan(100); // the property was not vacuous
  });

  it('agrees with the store condition on every account-level limit', () => {
    fc.assert(
      fc.property(fc.oneof(hugging, arbInput), (i) => {
        const bounds = admissionBounds(i.candidate, i.policy, i.nowMs);
        const storeWouldAdmit = bounds.ok && admissionAllows(bounds.bounds, i.account);
        // Make every trade-level check pass, so only account-level limits remain.
        const accountOnly = checkRisk({
          ...i,
          candidate: { ...i.candidate, roiPpm: i.policy.minRoiPpm, booksObservedAtMs: [i.nowMs] },
          policy: { ...i.policy, maxPositionMicros: i.candidate.costMicros },
        });
        expect(storeWouldAdmit).toBe(accountOnly.ok);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('admissionBounds', () => {
  it('gives the values of the one conditional write, with the loss ceiling pre-subtracted', () => {
    expect(admissionBounds(candidate, policy, NOW)).toEqual({
      ok: true,
      bounds: {
        day: '2026-11-24',
        minBalanceMicros: 95 * USD,
        maxTradesBefore: 10,
        lossCeilingMicros: 45 * USD,
        debitMicros: 95 * USD,
      },
    });
  });

  it('keys the counters by the UTC day, not the local day', () => {
    const lateEvening = Date.parse('2026-11-25T03:30:00Z'); // 22:30 in New York on the 24th
    const result = admissionBounds(candidate, policy, lateEvening);
    expect(result.ok && result.bounds.day).toBe('2026-11-25');
  });

  it('refuses when the worst case alone exceeds the limit, since an absent loss counter would pass', () => {
    expect(admissionBounds({ costMicros: 95 * USD, worstCaseLossMicros: 51 * USD }, policy, NOW)).toMatchObject({
      ok: false,
      code: 'DAILY_LOSS_LIMIT',
    });
  });

  it('refuses a zero trade limit, since an absent trade counter would pass', () => {
    expect(admissionBounds(candidate, { ...policy, maxDailyTrades: 0 }, NOW)).toEqual({
      ok: false,
      code: 'DAILY_TRADE_LIMIT',
      message: 'Daily trade limit reached (0)',
    });
  });

  it('refuses malformed figures', () => {
    expect(admissionBounds({ costMicros: 1.5, worstCaseLossMicros: 0 }, policy, NOW)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});

describe('admissionAllows', () => {
  const { bounds } = admissionBounds(candidate, policy, NOW) as Extract<
    ReturnType<typeof admissionBounds>,
    { ok: true }
  >;

  it.each<[string, Partial<AccountState>, boolean]>([
    ['a fresh account', {}, true],
    ['a halted account', { halted: true }, false],
    ['the last trade of the day', { tradesToday: 9 }, true],
    ['one trade too many', { tradesToday: 10 }, false],
    ['a loss exactly at the ceiling', { lossTodayMicros: 45 * USD }, true],
    ['a loss one micro over the ceiling', { lossTodayMicros: 45 * USD + 1 }, false],
    ['a balance exactly the cost', { balanceMicros: 95 * USD }, true],
    ['a balance one micro short', { balanceMicros: 95 * USD - 1 }, false],
  ])('evaluates the store condition for %s', (_name, over, expected) => {
    expect(admissionAllows(bounds, { ...account, ...over })).toBe(expected);
  });
});

describe('message formatting', () => {
  it.each([
    [0, '$0.00'],
    [120 * USD, '$120.00'],
    [1_234_567_891, '$1,234.567891'],
    [-1_500_000, '-$1.50'],
    [-1_500_001, '-$1.500001'],
    [10, '$0.00001'],
  ])('usdForMessage(%i) → %s', (micros, text) => {
    expect(usdForMessage(micros)).toBe(text);
  });

  it.each([
    [20_000, '2.00%'],
    [12_000, '1.20%'],
    [19_999, '1.9999%'],
    [12_340, '1.234%'],
    [0, '0.00%'],
    [1_000_000, '100.00%'],
  ])('percentForMessage(%i) → %s', (ppm, text) => {
    expect(percentForMessage(ppm)).toBe(text);
  });

  it('oldestBookAgeMs takes the oldest leg', () => {
    expect(oldestBookAgeMs([NOW - 10, NOW - 2_000, NOW + 5], NOW)).toBe(2_000);
  });
});

describe('checkRisk VENUE_RULE (docs/venues-polymarket.md#p5-minimums)', () => {
  const pm = { venue: 'polymarket' as const, side: 'buy' as const, limitPriceMicros: 420_000, sizeCenti: 2_500 };
  const kalshi = { venue: 'kalshi' as const, side: 'buy' as const, limitPriceMicros: 500_000, sizeCenti: 200 };

  it('admits a plan whose Polymarket buy spends whole cents, at least $1, within size × limit', () => {
    expect(
      checkRisk(
        input({
          candidate: {
            orders: [
              { ...pm, spendMicros: 10_300_000 },
              { ...kalshi, spendMicros: 1_000_000 },
            ],
          },
        }),
      ),
    ).toEqual({ ok: true });
  });

  it.each([
    [990_000, /marketable BUY order \(\$0\.99\), min size: \$1/],
    [10_300_100, /whole cents/],
    [10_510_000, /more than/],
  ])('refuses a Polymarket buy spending %i micros before any leg is sent', (spendMicros, text) => {
    const r = checkRisk(input({ candidate: { orders: [{ ...pm, spendMicros }] } }));
    expect(r).toMatchObject({ ok: false, code: 'VENUE_RULE' });
    expect(!r.ok && r.message).toMatch(text);
  });

  it('leaves Kalshi orders to their own venue checks, and reports account stops first', () => {
    expect(checkRisk(input({ candidate: { orders: [{ ...kalshi, spendMicros: 1 }] } }))).toEqual({ ok: true });
    const halted = checkRisk(input({ account: { halted: true }, candidate: { orders: [{ ...pm, spendMicros: 1 }] } }));
    expect(halted).toMatchObject({ code: 'HALTED' });
  });
});
