/**
 * Three-way (soccer) listings for the outcome matcher's tests: a Kalshi event of three markets
 * (two clubs and TIE) and a Polymarket negRisk event of three binary markets, built from the EPL
 * club table (`kalshiEvent`, `pmEvent`) or from each venue's own codes and labels
 * (`kalshiClubsEvent`, `pmClubsEvent`: the leagues without a table). Ids encode the truth
 * (`<slug>-<outcome>` markets, `…-<CODE>` tickers) so a test can check every mapping.
 */
import { LEAGUE_CATALOGUE } from '../../../lib/core/leagues';
import type { KalshiGame, League, PolymarketOutcomeEvent, PolymarketOutcomeMarket } from '../../../lib/core/market';
import { clubsOf } from '../../../lib/core/teams/clubs';
import { easternWallTimeToMs } from '../../../lib/core/teams/game-ids';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export function club(code: string) {
  const c = clubsOf('EPL').find((t) => t.code === code);
  if (!c) throw new Error(`no EPL club ${code}`);
  return c;
}

/** `2026-04-20` → `26APR20`. */
export function tickerDate(date: string): string {
  const [y = '', m = '', d = ''] = date.split('-');
  return `${y.slice(2)}${MONTHS[Number(m) - 1]}${d}`;
}

export interface KalshiOpts {
  readonly time?: string | null;
  readonly apiStartMs?: number | null;
  readonly subTitles?: Partial<Record<string, string>>;
  readonly codes?: readonly string[];
  readonly league?: KalshiGame['league'];
  readonly series?: string;
}

/** A club as each venue lists it: its code and its label (Kalshi `yes_sub_title`, the club in Polymarket's question). */
export interface ClubSpec {
  readonly kalshiCode: string;
  readonly kalshiLabel: string;
  readonly pmCode: string;
  readonly pmLabel: string;
}

/** The EPL table's club as the venues list it: first codes, Kalshi's short name, the full name. */
export function eplSpec(code: string): ClubSpec {
  const c = club(code);
  return {
    kalshiCode: c.kalshiCodes[0]!,
    kalshiLabel: c.kalshiSubTitle,
    pmCode: c.polymarketCodes[0]!,
    pmLabel: c.fullName,
  };
}

/** A Kalshi soccer event: `KXEPLGAME-{YYMONDD}[HHMM]{HOME}{AWAY}` with markets HOME, AWAY, TIE. */
export function kalshiEvent(home: string, away: string, date: string, startMs: number, o: KalshiOpts = {}): KalshiGame {
  return kalshiClubsEvent(o.league ?? 'EPL', eplSpec(home), eplSpec(away), date, startMs, {
    ...o,
    series: o.series ?? 'KXEPLGAME',
  });
}

/** A Kalshi event of any three-way league, `{SERIES}-{YYMONDD}[HHMM]{HOME}{AWAY}`, from each club's Kalshi code and label. */
export function kalshiClubsEvent(
  league: League,
  home: ClubSpec,
  away: ClubSpec,
  date: string,
  startMs: number,
  o: KalshiOpts = {},
): KalshiGame {
  const h = home.kalshiCode;
  const a = away.kalshiCode;
  const series = o.series ?? LEAGUE_CATALOGUE[league].kalshi.series;
  const event = `${series}-${tickerDate(date)}${o.time ?? ''}${h}${a}`;
  const codes = o.codes ?? [h, a, 'TIE'];
  const sub = (code: string) =>
    o.subTitles?.[code] ??
    (code === 'TIE' ? 'Tie' : code === h ? home.kalshiLabel : code === a ? away.kalshiLabel : code);
  return {
    venue: 'kalshi',
    league: o.league ?? league,
    seriesTicker: series,
    eventTicker: event,
    title: `${home.kalshiLabel} vs ${away.kalshiLabel}`,
    markets: codes.map((code) => ({
      ticker: `${event}-${code}`,
      suffix: code,
      yesSubTitle: sub(code),
      tickMicros: 10_000,
      tradable: true,
    })),
    gameStartMs: o.apiStartMs === undefined ? startMs : o.apiStartMs,
    expectedExpirationMs: null,
    feeType: 'quadratic',
    feeMultiplierPpm: 1_000_000,
  };
}

export interface PmOpts {
  readonly negRisk?: boolean;
  /** Outcome suffixes of the markets (`che`, `draw`, …), in listing order. */
  readonly suffixes?: readonly string[];
  readonly questions?: Partial<Record<string, string>>;
  readonly league?: PolymarketOutcomeEvent['league'];
  readonly prefix?: string;
  readonly slugDate?: string;
}

let tokenSeq = 0;

/** A Polymarket soccer event `{prefix}-{home}-{away}-{date}` with markets `-home`, `-draw`, `-away`. */
export function pmEvent(
  home: string,
  away: string,
  date: string,
  startMs: number,
  o: PmOpts = {},
): PolymarketOutcomeEvent {
  return pmClubsEvent(o.league ?? 'EPL', eplSpec(home), eplSpec(away), date, startMs, {
    ...o,
    prefix: o.prefix ?? 'epl',
  });
}

/** A Polymarket event of any three-way league, from each club's slug code and the name its question gives. */
export function pmClubsEvent(
  league: League,
  home: ClubSpec,
  away: ClubSpec,
  date: string,
  startMs: number,
  o: PmOpts = {},
): PolymarketOutcomeEvent {
  const h = home.pmCode;
  const a = away.pmCode;
  const slug = `${o.prefix ?? LEAGUE_CATALOGUE[league].polymarket.prefix}-${h}-${a}-${o.slugDate ?? date}`;
  const suffixes = o.suffixes ?? [h, 'draw', a];
  const question = (s: string) =>
    o.questions?.[s] ??
    (s === 'draw'
      ? `Will ${home.pmLabel} vs. ${away.pmLabel} end in a draw?`
      : `Will ${s === h ? home.pmLabel : s === a ? away.pmLabel : s} win on ${date}?`);
  const market = (s: string): PolymarketOutcomeMarket => {
    tokenSeq += 1;
    return {
      marketId: `${slug}-${s}#m`,
      conditionId: `${slug}-${s}#c`,
      slug: `${slug}-${s}`,
      question: question(s),
      yesTokenId: `${slug}-${s}#yes${tokenSeq}`,
      noTokenId: `${slug}-${s}#no${tokenSeq}`,
      listedYesAskMicros: null,
      listedNoAskMicros: null,
      protocolVersion: 'v1',
      tickMicros: 10_000,
      minSizeCenti: 500,
      fee: { ratePpm: 50_000, exponent: 1, takerOnly: true },
      tradable: true,
    };
  };
  return {
    venue: 'polymarket',
    kind: 'outcome-event',
    league: o.league ?? league,
    eventId: `${slug}#event`,
    slug,
    title: `${home.pmLabel} vs. ${away.pmLabel}`,
    negRisk: o.negRisk ?? true,
    gameStartMs: startMs,
    markets: suffixes.map(market),
    tradable: true,
  };
}

/** 15:00 US Eastern on `date` (a Saturday kick-off in England is 10:00 ET; any time works). */
export function startAt(date: string, hour = 10, minute = 0): number {
  return easternWallTimeToMs(date, hour, minute);
}
