/**
 * The venue pair a deployment trades (docs/adr/0010-venue-pairs.md): Kalshi and one Polymarket,
 * Polymarket (international) by default or Polymarket US, whose exchange takes US residents'
 * orders where the international one refuses them (docs/venues-polymarket.md#p5-geoblock).
 *
 * One parser for every place the pair is written: `POLYMIX_VENUES` (lib/config/env.ts), the CDK
 * context of the same name (infra/settings.ts) and `npm start -- --venues` (local/runner/options.ts).
 */
import type { PairVenue, PolymarketSideVenue, VenueName } from '../core/market';

/** The accepted pairs, as written (names in any order, spaces around them tolerated). */
export const VENUE_PAIR_NAMES = ['kalshi,polymarket', 'kalshi,polymarket-us'] as const;
export type VenuePairName = (typeof VENUE_PAIR_NAMES)[number];

/** The default pair: Kalshi × Polymarket (international). */
export const DEFAULT_VENUE_PAIR_NAME: VenuePairName = 'kalshi,polymarket';

/**
 * The configured pair, slot → the venue trading in it (lib/core/market.ts `PairVenue`): the
 * `kalshi` slot is always Kalshi, the `polymarket` slot Polymarket or Polymarket US.
 */
export interface VenuePair {
  readonly kalshi: 'kalshi';
  readonly polymarket: PolymarketSideVenue;
}

export const DEFAULT_VENUE_PAIR: VenuePair = { kalshi: 'kalshi', polymarket: 'polymarket' };

/** What every refusal says is accepted. */
export const VENUE_PAIR_EXPECTED = `${VENUE_PAIR_NAMES.join(' or ')} (Kalshi and one Polymarket)`;

export class VenuePairError extends Error {
  /** `detail`: what is wrong, never quoting a name we do not know (it could be anything pasted there). */
  constructor(readonly detail: string) {
    super(`expected ${VENUE_PAIR_EXPECTED}; ${detail}`);
    this.name = 'VenuePairError';
  }
}

/** `kalshi,polymarket-us` (or `polymarket-us , kalshi`) → the pair; anything else a VenuePairError. */
export function parseVenuePair(raw: string): VenuePair {
  const names = raw.split(',').map((n) => n.trim().toLowerCase());
  const sorted = [...names].sort().join(',');
  const found = VENUE_PAIR_NAMES.find((p) => p.split(',').sort().join(',') === sorted);
  if (found) return { kalshi: 'kalshi', polymarket: found === 'kalshi,polymarket' ? 'polymarket' : 'polymarket-us' };
  // Only known venue names are quoted back: anything else could be anything pasted there.
  const known = new Set<string>(['kalshi', 'polymarket', 'polymarket-us']);
  const unknown = names.filter((n) => !known.has(n)).length;
  if (unknown > 0)
    throw new VenuePairError(unknown === 1 ? 'one name is not a venue' : `${unknown} names are not venues`);
  if (names.length !== 2)
    throw new VenuePairError(`got ${names.length} venue name${names.length === 1 ? '' : 's'}, not 2`);
  throw new VenuePairError(`got ${names.join(',')}`);
}

/** The pair as `POLYMIX_VENUES` writes it: `kalshi,polymarket` or `kalshi,polymarket-us`. */
export function venuePairName(pair: VenuePair): VenuePairName {
  return pair.polymarket === 'polymarket' ? 'kalshi,polymarket' : 'kalshi,polymarket-us';
}

/** How each venue is named to people (notices, the state API, the dashboard, the runner's lines). */
export const VENUE_LABELS: Readonly<Record<VenueName, string>> = {
  kalshi: 'Kalshi',
  polymarket: 'Polymarket',
  'polymarket-us': 'Polymarket US',
};

/** The venue in a slot of the pair, named for people: `Polymarket US` for the polymarket slot of kalshi,polymarket-us. */
export function slotLabel(pair: VenuePair, slot: PairVenue): string {
  return VENUE_LABELS[pair[slot]];
}
