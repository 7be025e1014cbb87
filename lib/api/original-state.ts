/**
 * `GET /trading/state?format=original` (or `Accept: application/vnd.polymix.original+json`):
 * the state answer in the original PolyMix's shape (docs/api.md#original-format,
 * docs/migrating.md#endpoints): its field names, amounts as JSON numbers in dollars, and
 * `"mode": "real" | "paper"`.
 *
 * Every amount is computed exactly in micro-dollars first, rounded to the cent half away from
 * zero with integer arithmetic, and converted to a JSON number once (cents / 100), so `25.5`
 * is the nearest number to exactly $25.50. Prices are per-share dollars with up to 6 decimals
 * (a cent is too coarse for a price); share counts have up to 2.
 */
import type { BetRecord } from '../core/bet';
import { isTerminal } from '../core/bet';
import { instrumentKey, pairVenueOf, type VenueName } from '../core/market';
import type { TradingMode } from '../core/mode';
import { type Centishares, divRound, type Micros } from '../core/money';
import type { ImportedBet } from '../store';
import { betFigures } from './bet-view';

/** Exact micros → dollars rounded to the cent (half away from zero), as one JSON number. */
export function centsNumber(micros: Micros): number {
  return divRound(micros, 10_000, 'half-up') / 100;
}

/** Exact micros → dollars with up to 6 decimals (prices). */
const priceNumber = (micros: Micros): number => micros / 1_000_000;
const sharesNumber = (centi: Centishares): number => centi / 100;

const VENUE_NAME: Readonly<Record<VenueName, string>> = {
  polymarket: 'Polymarket',
  kalshi: 'Kalshi',
  'polymarket-us': 'Polymarket US',
};

/** A PolyMix bet in the original's shape; `polymix_status` keeps the exact lifecycle status. */
export function originalBet(bet: BetRecord) {
  const f = betFigures(bet);
  const orderIds: Record<'Polymarket' | 'Kalshi', string | null> = { Polymarket: null, Kalshi: null };
  // The original's two order ids are by slot: either Polymarket's is the `Polymarket` one.
  for (const leg of bet.legs)
    orderIds[pairVenueOf(leg.venue) === 'kalshi' ? 'Kalshi' : 'Polymarket'] ??= leg.venueOrderId;
  return {
    id: bet.id,
    game: bet.title,
    sport: bet.league,
    timestamp: new Date(bet.createdAtMs).toISOString(),
    status: isTerminal(bet.status) ? 'settled' : 'pending',
    legs: bet.legs.map((leg) => ({
      platform: VENUE_NAME[leg.venue],
      instrument: instrumentKey(leg.instrument),
      side: leg.side,
      price: priceNumber(leg.limitPriceMicros),
      shares: sharesNumber(leg.sizeCenti),
      filled: sharesNumber(leg.filledCenti),
      cost: centsNumber(leg.filledNotionalMicros + leg.filledFeeMicros),
      order_id: leg.venueOrderId,
    })),
    order_ids: orderIds,
    cost: centsNumber(f.costMicros),
    // Realised once finished; until then the expected profit, as the original showed it.
    profit: centsNumber(f.realisedProfitMicros ?? f.expectedProfitMicros),
    polymix_status: bet.status,
  };
}

/** A bet imported from the original's file, as the original wrote it (its other fields included). */
export function originalImportedBet(bet: ImportedBet) {
  const extra = bet.extraJson === null ? {} : (JSON.parse(bet.extraJson) as Record<string, unknown>);
  return {
    ...extra,
    id: bet.originalId,
    game: bet.game,
    sport: bet.sport,
    timestamp: bet.timestamp,
    status: bet.status,
    legs: JSON.parse(bet.legsJson) as unknown,
    order_ids: bet.orderIds,
    cost: centsNumber(bet.costMicros),
    profit: centsNumber(bet.profitMicros),
    polymix_status: 'imported' as const,
  };
}

export interface StateFigures {
  readonly mode: TradingMode;
  readonly balanceMicros: Micros;
  readonly initialBalanceMicros: Micros;
  readonly reservedMicros: Micros;
  readonly estimatedMicros: Micros;
  readonly totalTrades: number;
  readonly dailyLossMicros: Micros;
  readonly dailyTrades: number;
  readonly bets: readonly BetRecord[];
  readonly nextCursor: string | null;
  /** Imported history: shown after PolyMix's own bets, on their last page. */
  readonly imported: readonly ImportedBet[];
}

export function originalState(s: StateFigures) {
  const importedPending = s.imported.filter((b) => b.status === 'pending');
  // An imported pending bet is out of the balance by its cost, like a reservation.
  const realised =
    s.balanceMicros - s.initialBalanceMicros + s.reservedMicros + importedPending.reduce((t, b) => t + b.costMicros, 0);
  const estimated = s.estimatedMicros + importedPending.reduce((t, b) => t + b.profitMicros, 0);
  return {
    balance: centsNumber(s.balanceMicros),
    initial_balance: centsNumber(s.initialBalanceMicros),
    total_profit: centsNumber(realised),
    estimated_profit: centsNumber(estimated),
    total_trades: s.totalTrades,
    daily_loss: centsNumber(s.dailyLossMicros),
    daily_trades: s.dailyTrades,
    mode: s.mode === 'live' ? 'real' : 'paper',
    bets: [...s.bets.map(originalBet), ...(s.nextCursor === null ? s.imported.map(originalImportedBet) : [])],
    next_cursor: s.nextCursor,
  };
}
