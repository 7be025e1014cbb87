/**
 * Three-way (soccer) listings for the outcome matcher's tests: a Kalshi event of three markets
 * (two clubs and TIE) and a Polymarket negRisk event of three binary markets, built from the EPL
 * club table. Ids encode the truth (`<slug>-<outcome>` markets, `…-<CODE>` tickers) so a test
 * can check every mapping.
 */
import type { KalshiGame, PolymarketOutcomeEvent, PolymarketOutcomeMarket } from '../../../lib/core/market';
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

/** A Kalshi soccer event: `KXEPLGAME-{YYMONDD}[HHMM]{HOME}{AWAY}` with markets HOME, AWAY, TIE. */
export function kalshiEvent(home: string, away: string, date: string, startMs: number, o: KalshiOpts = {}): KalshiGame {
  const h = club(home).kalshiCodes[0]!;
  const a = club(away).kalshiCodes[0]!;
  const event = `${o.series ?? 'KXEPLGAME'}-${tickerDate(date)}${o.time ?? ''}${h}${a}`;
  const codes = o.codes ?? [h, a, 'TIE'];
  const sub = (code: string) =>
    o.subTitles?.[code] ??
    (code === 'TIE' ? 'Tie' : code === h ? club(home).kalshiSubTitle : code === a ? club(away).kalshiSubTitle : code);
  return {
    venue: 'kalshi',
    league: o.league ?? 'EPL',
    seriesTicker: o.series ?? 'KXEPLGAME',
    eventTicker: event,
    title: `${club(home).city} vs ${club(away).city}`,
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
  const h = club(home).polymarketCodes[0]!;
  const a = club(away).polymarketCodes[0]!;
  const slug = `${o.prefix ?? 'epl'}-${h}-${a}-${o.slugDate ?? date}`;
  const suffixes = o.suffixes ?? [h, 'draw', a];
  const question = (s: string) =>
    o.questions?.[s] ??
    (s === 'draw'
      ? `Will ${club(home).fullName} vs. ${club(away).fullName} end in a draw?`
      : `Will ${s === h ? club(home).fullName : s === a ? club(away).fullName : s} win on ${date}?`);
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
    league: o.league ?? 'EPL',
    eventId: `${slug}#event`,
    slug,
    title: `${club(home).fullName} vs. ${club(away).fullName}`,
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
