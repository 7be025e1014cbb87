import { betFigures, betForMetrics, betJson } from '../../../lib/api';
import type { BetLeg, BetRecord } from '../../../lib/core/bet';

const T0 = Date.UTC(2026, 10, 24, 12);

function leg(venue: 'kalshi' | 'polymarket', priceMicros: number, feeMicros: number, filledCenti: number): BetLeg {
  return {
    venue,
    instrument:
      venue === 'kalshi'
        ? { venue, ticker: 'KXNBAGAME-26NOV24LALBOS-LAL', side: 'yes' }
        : { venue, conditionId: '0xabc', tokenId: '7132' },
    side: 'buy',
    limitPriceMicros: priceMicros,
    sizeCenti: 1_000,
    notionalMicros: priceMicros * 10,
    feeMicros,
    attempt: 0,
    clientOrderId: `b-${venue}`,
    venueOrderId: filledCenti > 0 ? `v-${venue}` : null,
    filledCenti,
    filledNotionalMicros: (priceMicros * filledCenti) / 100,
    filledFeeMicros: filledCenti > 0 ? feeMicros : 0,
  };
}

function bet(over: Partial<BetRecord>): BetRecord {
  return {
    id: 'b',
    mode: 'paper',
    pairId: 'p',
    league: 'NBA',
    title: 'Lakers vs. Celtics',
    teams: ['LAL', 'BOS'],
    status: 'open',
    ledger: 'reserved',
    reservedMicros: 9_650_000,
    worstCaseLossMicros: 600_000,
    admittedDay: '2026-11-24',
    legs: [leg('kalshi', 450_000, 100_000, 1_000), leg('polymarket', 500_000, 50_000, 1_000)],
    unwinds: [],
    result: null,
    cooldownUntilMs: null,
    note: null,
    createdAtMs: T0,
    updatedAtMs: T0,
    admittedBy: 'r',
    statusTimes: {},
    statusBy: {},
    version: 1,
    ...over,
  };
}

describe('betFigures', () => {
  it("before any fill, shows the reservation as cost and the plan's profit", () => {
    const f = betFigures(
      bet({ status: 'placing', legs: [leg('kalshi', 450_000, 100_000, 0), leg('polymarket', 500_000, 50_000, 0)] }),
    );
    expect(f).toEqual({
      costMicros: 9_650_000,
      expectedProfitMicros: 350_000,
      realisedProfitMicros: null,
      closedAtMs: null,
    });
  });

  it('for an open bet, values the hedged shares at $1 each, net of what the fills cost', () => {
    expect(betFigures(bet({}))).toMatchObject({ costMicros: 9_650_000, expectedProfitMicros: 350_000 });
  });

  it('values shares held beyond the hedge at 0 and counts unwind proceeds (a one-legged bet held open)', () => {
    const oneLegged = bet({
      legs: [leg('kalshi', 450_000, 100_000, 1_000), leg('polymarket', 500_000, 50_000, 0)],
      unwinds: [
        {
          legIndex: 0,
          attempt: 0,
          clientOrderId: 'u',
          venueOrderId: 'vu',
          limitPriceMicros: 400_000,
          sizeCenti: 1_000,
          filledCenti: 400,
          proceedsMicros: 1_600_000,
          feeMicros: 20_000,
          atMs: T0,
        },
      ],
    });
    // spent 4.60; received 1.58; hedge 0 shares: expected = 1.58 − 4.60.
    expect(betFigures(oneLegged).expectedProfitMicros).toBe(1_580_000 - 4_600_000);
  });

  it('for a finished bet, reports the stored result and when it closed', () => {
    const settled = bet({
      status: 'settled',
      ledger: 'applied',
      statusTimes: { settled: T0 + 5 },
      result: {
        spentMicros: 9_650_000,
        receivedMicros: 10_000_000,
        payoutMicros: 10_000_000,
        pnlMicros: 350_000,
        lossMicros: 0,
        creditMicros: 10_000_000,
        realisedDay: '2026-11-24',
      },
    });
    expect(betFigures(settled)).toEqual({
      costMicros: 9_650_000,
      expectedProfitMicros: 350_000,
      realisedProfitMicros: 350_000,
      closedAtMs: T0 + 5,
    });
    expect(betForMetrics(settled)).toMatchObject({ status: 'settled', realizedPnlMicros: 350_000, closedAtMs: T0 + 5 });
  });
});

describe('betJson', () => {
  it('writes every amount as an exact 6-decimal string next to integer micros', () => {
    const json = betJson(bet({ legs: [leg('kalshi', 456_700, 123_457, 1_000), leg('polymarket', 500_000, 1, 1_000)] }));
    expect(json.legs[0]).toMatchObject({
      price: '0.456700',
      price_micros: 456_700,
      fees: '0.123457',
      fees_micros: 123_457,
      filled_cost: '4.567000',
    });
    expect(json.cost).toBe('9.690458');
    expect(json.cost_micros).toBe(9_690_458);
    expect(json.roi).toBeNull();
  });
});
