/**
 * The bet item codec: a record written before Polymarket US joined the pair reads exactly as it
 * was written, and a Polymarket US leg reads with its own instrument (docs/adr/0010-venue-pairs.md).
 */
import { decodeBet } from '../../../lib/store/bet-record';
import { CorruptItem } from '../../../lib/store/errors';

/** A bet item in the shape the store wrote before the change (Kalshi × Polymarket, no leg steps). */
function oldItem(): Record<string, unknown> {
  const leg = (venue: string, instrument: Record<string, unknown>, i: number) => ({
    venue,
    instrument,
    side: 'buy',
    limitPriceMicros: 450_000 + i * 10_000,
    sizeCenti: 1_000,
    notionalMicros: 4_500_000,
    feeMicros: 70_000,
    attempt: 0,
    clientOrderId: `b-1-${i}-0`,
    venueOrderId: `o-${i}`,
    filledCenti: 1_000,
    filledNotionalMicros: 4_500_000,
    filledFeeMicros: 70_000,
  });
  return {
    id: 'b-1',
    mode: 'paper',
    pairId: 'NBA:0xcond:KXNBAGAME-26NOV25LALBOS',
    league: 'NBA',
    title: 'Lakers vs Celtics',
    teams: ['Lakers', 'Celtics'],
    status: 'open',
    ledger: 'reserved',
    reservedMicros: 9_140_000,
    worstCaseLossMicros: 600_000,
    admittedDay: '2026-11-25',
    legs: [
      leg('kalshi', { venue: 'kalshi', ticker: 'KXNBAGAME-26NOV25LALBOS-BOS', side: 'yes' }, 0),
      leg('polymarket', { venue: 'polymarket', conditionId: '0xcond', tokenId: '7132' }, 1),
    ],
    unwinds: [],
    result: null,
    cooldownUntilMs: null,
    note: null,
    createdAtMs: 1_000,
    updatedAtMs: 2_000,
    admittedBy: 'run-1',
    statusTimes: { admitted: 1_000, placing: 1_100, open: 2_000 },
    statusBy: { admitted: 'run-1' },
    version: 3,
  };
}

describe('decodeBet', () => {
  it('reads a record written before Polymarket US joined exactly as it was written', () => {
    const item = oldItem();
    expect(decodeBet(structuredClone(item))).toEqual(item);
  });

  it('reads a Polymarket US leg with its market slug and side', () => {
    const item = oldItem();
    const legs = item.legs as Array<Record<string, unknown>>;
    legs[1] = {
      ...legs[1],
      venue: 'polymarket-us',
      instrument: { venue: 'polymarket-us', marketSlug: 'aec-nba-lal-bos-2026-11-25', side: 'short' },
      sizeStepCenti: 100,
    };
    const bet = decodeBet(structuredClone(item));
    expect(bet.legs[1]?.venue).toBe('polymarket-us');
    expect(bet.legs[1]?.instrument).toEqual({
      venue: 'polymarket-us',
      marketSlug: 'aec-nba-lal-bos-2026-11-25',
      side: 'short',
    });
  });

  it('refuses a leg whose instrument mixes the venues', () => {
    const item = oldItem();
    const legs = item.legs as Array<Record<string, unknown>>;
    legs[1] = {
      ...legs[1],
      instrument: { venue: 'polymarket-us', marketSlug: 'aec-nba-lal-bos-2026-11-25', side: 'yes' },
    };
    expect(() => decodeBet(item)).toThrow(CorruptItem);
  });
});
