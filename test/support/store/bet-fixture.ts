import type { AdmissionLimits } from '../../../lib/core/account';
import type { NewBet } from '../../../lib/engine/ports';
/**
 * A realistic two-leg arb bet for store tests: 10 shares of each side of one NBA game,
 * Kalshi YES at $0.45 and the other team on Polymarket at $0.50.
 */

export const LEG_KALSHI = {
  venue: 'kalshi',
  instrument: { venue: 'kalshi', ticker: 'KXNBAGAME-26NOV24LALBOS-LAL', side: 'yes' },
  side: 'buy',
  limitPriceMicros: 450_000,
  sizeCenti: 1_000,
  notionalMicros: 4_500_000,
  feeMicros: 100_000,
} as const;

export const LEG_POLYMARKET = {
  venue: 'polymarket',
  instrument: { venue: 'polymarket', conditionId: '0xabc', tokenId: '7132' },
  side: 'buy',
  limitPriceMicros: 500_000,
  sizeCenti: 1_000,
  notionalMicros: 5_000_000,
  feeMicros: 50_000,
} as const;

/** Cost of the plan, fees included. */
export const COST = 9_650_000;
export const WORST_CASE_LOSS = 600_000;

export function newBet(id: string, mode: 'paper' | 'live' = 'paper'): NewBet {
  return {
    id,
    mode,
    pairId: 'NBA:0xabc:KXNBAGAME-26NOV24LALBOS',
    league: 'NBA',
    title: 'Lakers vs. Celtics',
    teams: ['LAL', 'BOS'],
    legs: [LEG_KALSHI, LEG_POLYMARKET],
    costMicros: COST,
    worstCaseLossMicros: WORST_CASE_LOSS,
  };
}

export const ROOMY: AdmissionLimits = { maxDailyTrades: 1_000, dailyLossLimitMicros: 1_000_000_000 };

/** The run id tests act as. */
export const RUN = 'run-1';

/** 2026-11-24T12:00:00Z */
export const NOON = Date.UTC(2026, 10, 24, 12);
