/**
 * Fixtures of the outcome-market planner tests: a soccer game (home, draw, away) listed as three
 * binary markets on both venues, and rule tables written for the tests (not a league's rules).
 */

import type { Book, InstrumentRef } from '../../../lib/core/market';
import type { OutcomeGamePair } from '../../../lib/core/outcome-arb';
import type { OutcomeRules, VenueOutcomeRules } from '../../../lib/core/rules';

export const EVENT = 'KXEPLGAME-25DEC27CFCAVL';
export const KEYS = ['CFC', 'TIE', 'AVL'] as const;
export type Key = (typeof KEYS)[number];

/** Instruments per outcome: Kalshi YES/NO and Polymarket YES/NO. */
export function instrumentsOf(key: Key) {
  const lower = key.toLowerCase();
  return {
    kYes: { venue: 'kalshi', ticker: `${EVENT}-${key}`, side: 'yes' },
    kNo: { venue: 'kalshi', ticker: `${EVENT}-${key}`, side: 'no' },
    pmYes: { venue: 'polymarket', conditionId: `0x${lower}`, tokenId: `${lower}-yes` },
    pmNo: { venue: 'polymarket', conditionId: `0x${lower}`, tokenId: `${lower}-no` },
  } satisfies Record<string, InstrumentRef>;
}

export function soccerGame(ratePpm = 50_000, multiplierPpm = 1_000_000): OutcomeGamePair {
  return {
    id: `EPL:epl-che-avl-2025-12-27:${EVENT}`,
    league: 'EPL',
    outcomes: KEYS.map((key) => ({
      key,
      kind: key === 'TIE' ? 'draw' : 'participant',
      kalshiTicker: `${EVENT}-${key}`,
      polymarket: {
        conditionId: `0x${key.toLowerCase()}`,
        yesTokenId: `${key.toLowerCase()}-yes`,
        noTokenId: `${key.toLowerCase()}-no`,
      },
      polymarketFee: { ratePpm, exponent: 1 },
    })),
    kalshiFee: { feeType: 'quadratic_with_maker_fees', multiplierPpm },
  };
}

const decided = (source: string): VenueOutcomeRules['decided'] => ({ basis: 'regular-time', verified: true, source });

/**
 * Soccer-like: postponed and abandoned bounded on both venues; cancelled pays the draw on
 * Polymarket and a fair price on Kalshi.
 */
export const BOUNDED_RULES: OutcomeRules = {
  events: ['postponed', 'cancelled', 'abandoned'],
  polymarket: {
    decided: decided('test'),
    events: {
      postponed: { settlement: { kind: 'make-up-game' }, verified: true, source: 'test' },
      cancelled: { settlement: { kind: 'to-draw' }, verified: true, source: 'test' },
      abandoned: { settlement: { kind: 'to-draw' }, verified: true, source: 'test' },
    },
  },
  kalshi: {
    decided: decided('test'),
    events: {
      postponed: { settlement: { kind: 'fair-price' }, verified: true, source: 'test' },
      cancelled: { settlement: { kind: 'fair-price' }, verified: true, source: 'test' },
      abandoned: { settlement: { kind: 'fair-price' }, verified: true, source: 'test' },
    },
  },
};

/**
 * Every scenario exact, and one of them lopsided: on cancellation Polymarket pays the draw while
 * Kalshi resolves every market No, so "Kalshi YES draw + Polymarket NO draw" pays nothing there.
 */
export const EXACT_RULES: OutcomeRules = {
  events: ['cancelled'],
  polymarket: {
    decided: decided('test'),
    events: { cancelled: { settlement: { kind: 'to-draw' }, verified: true, source: 'test' } },
  },
  kalshi: {
    decided: decided('test'),
    events: { cancelled: { settlement: { kind: 'all-no' }, verified: true, source: 'test' } },
  },
};

/** An independent reading of EXACT_RULES: what one share of a leg pays in a scenario. */
export function exactRulesPays(
  venue: 'polymarket' | 'kalshi',
  outcome: Key,
  side: 'yes' | 'no',
  scenario: Key | 'cancelled',
): number {
  let yes: boolean;
  if (scenario !== 'cancelled') yes = scenario === outcome;
  else yes = venue === 'polymarket' ? outcome === 'TIE' : false;
  return (side === 'yes') === yes ? 1_000_000 : 0;
}

/** asks as [price in cents, whole shares]. */
export function book(instrument: InstrumentRef, asks: [number, number][], over: Partial<Book> = {}): Book {
  return {
    instrument,
    asks: asks.map(([c, s]) => ({ priceMicros: c * 10_000, sizeCenti: s * 100 })),
    bids: [],
    tickMicros: 10_000,
    minSizeCenti: instrument.venue === 'polymarket' ? 500 : 100,
    observedAtMs: 1_000_000,
    ...over,
  };
}
