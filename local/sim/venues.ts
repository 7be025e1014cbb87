/**
 * Which venue simulators run: Kalshi always (every pair trades Kalshi against a Polymarket), with
 * Polymarket (international), Polymarket US, or both, each driven by the same slate
 * (local/sim/scenario). The names are the core's venue names (lib/core/market.ts `VenueName`).
 */
import type { VenueName } from '../../lib/core/market';

export type SimVenue = VenueName;
export const SIM_VENUES: readonly SimVenue[] = ['kalshi', 'polymarket', 'polymarket-us'];
/** What runs when nothing is asked: Kalshi × Polymarket (international). */
export const DEFAULT_SIM_VENUES: readonly SimVenue[] = ['kalshi', 'polymarket'];

/** The list as given, or an Error naming what is wrong with it. */
export function checkSimVenues(venues: readonly string[]): readonly SimVenue[] {
  const known = SIM_VENUES.join(', ');
  if (venues.length === 0) throw new Error(`no venue named: give kalshi and a Polymarket (known: ${known})`);
  const seen = new Set<string>();
  for (const v of venues) {
    if (!(SIM_VENUES as readonly string[]).includes(v)) throw new Error(`unknown venue "${v}" (known: ${known})`);
    if (seen.has(v)) throw new Error(`venue ${v} named twice`);
    seen.add(v);
  }
  if (!seen.has('kalshi')) throw new Error('the simulators need kalshi: every pair trades Kalshi against a Polymarket');
  if (!seen.has('polymarket') && !seen.has('polymarket-us')) {
    throw new Error('name a Polymarket beside kalshi: polymarket, polymarket-us or both');
  }
  // Always in one order, whatever order was given.
  return SIM_VENUES.filter((v) => seen.has(v));
}

/** `kalshi,polymarket-us` → `['kalshi', 'polymarket-us']` (spaces around names allowed), or an Error. */
export function parseSimVenues(text: string): readonly SimVenue[] {
  return checkSimVenues(
    text
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  );
}
