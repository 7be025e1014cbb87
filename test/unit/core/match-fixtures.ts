/**
 * Builders of venue listings in the real formats (slugs, tickers, sub-titles), for the matching
 * tests. Only the fields matching reads are meaningful; the rest are plausible constants.
 */
import type { KalshiGame, KalshiGameMarket, League, PolymarketGame } from '../../../lib/core/market';
import { parseKalshiEventTicker } from '../../../lib/core/teams';

const LEAGUE_OF_PREFIX: Record<string, League> = { nba: 'NBA', nfl: 'NFL', nhl: 'NHL', mlb: 'MLB' };

export function pmGame(opts: {
  slug: string;
  outcomes: readonly [string, string];
  /** ISO instant, or null for a listing without `gameStartTime`. */
  start: string | null;
  conditionId?: string;
  league?: League;
}): PolymarketGame {
  const conditionId = opts.conditionId ?? `0x${opts.slug}`;
  const league = opts.league ?? LEAGUE_OF_PREFIX[opts.slug.split('-')[0] ?? ''] ?? 'NBA';
  return {
    venue: 'polymarket',
    league,
    marketId: `m-${conditionId}`,
    conditionId,
    slug: opts.slug,
    question: `${opts.outcomes[0]} vs. ${opts.outcomes[1]}`,
    outcomes: [
      { name: opts.outcomes[0], tokenId: `${conditionId}:t0` },
      { name: opts.outcomes[1], tokenId: `${conditionId}:t1` },
    ],
    gameStartMs: opts.start === null ? null : Date.parse(opts.start),
    negRisk: false,
    protocolVersion: 'v1',
    tickMicros: 10_000,
    minSizeCenti: 500,
    fee: { ratePpm: 30_000, exponent: 1, takerOnly: true },
    tradable: true,
  };
}

export function kalshiGame(
  eventTicker: string,
  opts: {
    /** yes_sub_title per market suffix; defaults to the suffix itself (resolves to nothing by name). */
    subs?: Record<string, string>;
    start?: string | null;
    tie?: boolean;
    /** Override the markets entirely. */
    markets?: KalshiGameMarket[];
    league?: League;
    seriesTicker?: string;
  } = {},
): KalshiGame {
  const parsed = parseKalshiEventTicker(eventTicker);
  const codes = parsed.ok ? parsed.value.codes : [];
  const market = (suffix: string): KalshiGameMarket => ({
    ticker: `${eventTicker}-${suffix}`,
    suffix,
    yesSubTitle: opts.subs?.[suffix] ?? (suffix === 'TIE' ? 'Tie' : suffix),
    tickMicros: 10_000,
    tradable: true,
  });
  const markets = opts.markets ?? [...codes.map(market), ...(opts.tie ? [market('TIE')] : [])];
  const series = eventTicker.split('-')[0] ?? '';
  return {
    venue: 'kalshi',
    league: opts.league ?? (parsed.ok ? parsed.value.league : 'NBA'),
    seriesTicker: opts.seriesTicker ?? series,
    eventTicker,
    title: 'game',
    markets,
    gameStartMs: opts.start ? Date.parse(opts.start) : null,
    expectedExpirationMs: null,
    feeType: 'quadratic_with_maker_fees',
    feeMultiplierPpm: 1_000_000,
  };
}
