/**
 * Builders of venue listings in the real formats (slugs, tickers, sub-titles), for the matching
 * tests. Only the fields matching reads are meaningful; the rest are plausible constants.
 */
import type { KalshiGame, KalshiGameMarket, League, PolymarketGame, PolymarketUsGame } from '../../../lib/core/market';
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

/**
 * A Polymarket US moneyline listing as the client builds it (lib/venues/polymarket-us/parse-markets.ts):
 * `aec-{league}-{first}-{second}-{date}`, long = the first team, codes upper-cased from the slug.
 */
export function pmUsGame(opts: {
  slug: string;
  /** Side labels (long, short); default the slug's codes. */
  names?: readonly [string, string];
  /** ISO instant, or null for a listing without a start. */
  start: string | null;
  league?: League;
  slugDate?: string;
  codes?: readonly [string, string];
}): PolymarketUsGame {
  const parts = /^aec-([a-z]+)-([a-z0-9]+)-([a-z0-9]+)-(\d{4}-\d{2}-\d{2})/.exec(opts.slug);
  const [, prefix = '', first = '', second = '', date = ''] = parts ?? [];
  const codes = opts.codes ?? [first.toUpperCase(), second.toUpperCase()];
  const names = opts.names ?? codes;
  const team = (i: 0 | 1) => ({ name: names[i], code: codes[i], abbreviation: null, listedPriceMicros: null });
  return {
    venue: 'polymarket-us',
    league: opts.league ?? LEAGUE_OF_PREFIX[prefix] ?? 'NBA',
    eventId: `e-${opts.slug}`,
    eventSlug: opts.slug.replace(/^aec-/, ''),
    marketSlug: opts.slug,
    marketId: `m-${opts.slug}`,
    title: `${names[0]} vs. ${names[1]}`,
    slugDate: opts.slugDate ?? date,
    long: team(0),
    short: team(1),
    gameStartMs: opts.start === null ? null : Date.parse(opts.start),
    tickMicros: 10_000,
    minSizeCenti: 100,
    sizeStepCenti: 100,
    takerThetaPpm: 69_500,
    tradable: true,
    listedLongAskMicros: null,
    listedShortAskMicros: null,
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
