/**
 * One three-way (soccer) listing checked on its own before pairing (./outcomes.ts): its league,
 * date, start and outcome markets, and its two clubs identified from the venue's own data
 * (docs/engine.md#three-way):
 *
 * - Kalshi: each club is a market `{EVENT}-{CODE}` whose code spells the ticker's club block
 *   (home first) and whose `yes_sub_title` names the club; `{EVENT}-TIE` is the draw.
 * - Polymarket: each club is a slug code (`{prefix}-{home}-{away}-{date}`) with the market
 *   `{event}-{code}` asking "Will {club} win on {date}?"; `{event}-draw` is the draw.
 *
 * A club's identity is the league's club table entry where the table knows the venue's code
 * (every name the venue gives must then agree with it), or the table's club of that name; else
 * the participant key of the venue's label (lib/core/teams/participants.ts: normalised, alias
 * groups applied). A placeholder label (TBD, Yes, Draw …) or a name two clubs share identifies
 * nothing: the listing is refused as an unknown team.
 */
import { LEAGUE_CATALOGUE } from '../leagues';
import type {
  KalshiGame,
  KalshiGameMarket,
  League,
  PolymarketOutcomeEvent,
  PolymarketOutcomeMarket,
  TeamRef,
} from '../market';
import { clubOfName, findClubByKalshiCode, findClubByPolymarketCode } from '../teams/clubs';
import { KALSHI_DRAW_CODE, kalshiMarketCode, parseLeagueEventTicker } from '../teams/league-tickers';
import { PARTICIPANT_ALIASES, participantKey } from '../teams/participants';
import { normalizeName } from '../teams/team';
import { type Checked, checkedDate, checkKalshiApiStart, refuse } from './listings';

/** The outcome key of a draw (a club's key is its identity: table code or label key). */
export const DRAW_KEY = 'draw';
/** The Polymarket draw market's slug suffix (docs/leagues.md#l-mls-major-league-soccer). */
const POLYMARKET_DRAW_SUFFIX = 'draw';
const SLUG = /^([a-z0-9]+)-([a-z0-9]+)-([a-z0-9]+)-(\d{4}-\d{2}-\d{2})$/;
/** "Will Crystal Palace FC win on 2026-04-20?" */
const WIN_QUESTION = /^Will (.+) win on \d{4}-\d{2}-\d{2}\?$/;
const DRAW_QUESTION = /\bdraw\b/i;

/** Whether a league's games are three binary markets on both venues (the catalogue says). */
export function isThreeWayLeague(league: League): boolean {
  return LEAGUE_CATALOGUE[league].outcomes === 'three-way';
}

/** A club of a checked listing. */
export interface ListedClub {
  /** The table's club, or (a club the table does not know) `{ league, code: <participant key of the label> }`. */
  readonly ref: TeamRef;
  /** How the venue names it: Kalshi's `yes_sub_title`, the club in Polymarket's question. */
  readonly label: string;
  /** Identified through the league's club table (else by the label alone). */
  readonly byTable: boolean;
}

export interface Side {
  readonly home: ListedClub;
  readonly away: ListedClub;
  readonly date: string;
}

export interface PmChecked extends Side {
  readonly event: PolymarketOutcomeEvent;
  readonly startMs: number;
  /** Outcome key → its market. */
  readonly markets: ReadonlyMap<string, PolymarketOutcomeMarket>;
}

export interface KalshiChecked extends Side {
  readonly game: KalshiGame;
  readonly tickerStartMs: number | null;
  readonly apiStartMs: number | null;
  /** Outcome key → market ticker. */
  readonly tickers: ReadonlyMap<string, string>;
}

const ok = <T>(value: T) => ({ ok: true, value }) as const;

/** Groups of names that denote one participant, per league (lib/core/teams/participants.ts). */
export type AliasTable = typeof PARTICIPANT_ALIASES;

/**
 * A club the table does not know by the venue's code: the table's club of that name, else the
 * label's participant key. `where` says which market gave the label.
 */
function clubOfLabel(league: League, label: string, where: string, aliases: AliasTable): Checked<ListedClub> {
  const named = clubOfName(league, label);
  if (named === 'shared') return refuse('unknown-team', `${where} names "${label}", which two ${league} clubs share`);
  if (named) return ok({ ref: named, label, byTable: true });
  const key = participantKey(league, label, aliases);
  if (!key.ok) return refuse('unknown-team', `${where}: ${key.reason}`);
  return ok({ ref: Object.freeze({ league, code: key.key }), label, byTable: false });
}

/** Whether a label names this club: the table's name check for a table club, the label's identity otherwise. */
function namesClub(
  league: League,
  label: string,
  club: ListedClub,
  aliases: AliasTable,
): { ok: true } | { ok: false; named: string } {
  const named = clubOfName(league, label);
  if (club.byTable) {
    // As the table-only matcher: a name the table gives to another club contradicts; an unknown name does not.
    return named && named !== 'shared' && named.code !== club.ref.code
      ? { ok: false, named: named.code }
      : { ok: true };
  }
  const id = clubOfLabel(league, label, '', aliases);
  if (id.ok && id.value.ref.code === club.ref.code) return { ok: true };
  return { ok: false, named: id.ok ? id.value.ref.code : 'no club' };
}

/** A Polymarket outcome event, checked on its own. */
export function checkPolymarketOutcomeEvent(
  event: PolymarketOutcomeEvent,
  aliases: AliasTable = PARTICIPANT_ALIASES,
): Checked<PmChecked> {
  const m = SLUG.exec(event.slug);
  if (!m) return refuse('unparseable', `event slug "${event.slug}" is not {prefix}-{home}-{away}-{YYYY-MM-DD}`);
  const [, prefix = '', homeCode = '', awayCode = '', slugDate = ''] = m;
  const { league } = event;
  if (LEAGUE_CATALOGUE[league].polymarket.prefix !== prefix)
    return refuse('inconsistent', `slug "${event.slug}" is not a ${league} slug`);
  if (!isThreeWayLeague(league)) return refuse('inconsistent', `${league} is not a three-way league`);
  if (!event.negRisk)
    return refuse('outcome-mismatch', `event ${event.slug} is not negRisk: its markets are not exclusive outcomes`);
  if (homeCode === awayCode) return refuse('inconsistent', `slug "${event.slug}" names one club twice`);

  const marketSlug = (code: string) => `${event.slug}-${code}`;
  const clubOfCode = (code: string): Checked<ListedClub> => {
    const market = event.markets.find((x) => x.slug === marketSlug(code));
    const asked = market ? WIN_QUESTION.exec(market.question)?.[1] : undefined;
    const byCode = findClubByPolymarketCode(league, code);
    // The market's question is checked against the table's club below, market by market.
    if (byCode) return ok({ ref: byCode, label: asked ?? code, byTable: true });
    if (!market)
      return refuse(
        'unknown-team',
        `unknown ${league} Polymarket club code "${code}" in ${event.slug}: no market names it`,
      );
    if (asked === undefined)
      return refuse('outcome-mismatch', `market ${market.slug} asks "${market.question}", not a club's win`);
    return clubOfLabel(league, asked, `market ${market.slug}`, aliases);
  };
  const home = clubOfCode(homeCode);
  if (!home.ok) return home;
  const away = clubOfCode(awayCode);
  if (!away.ok) return away;
  if (home.value.ref.code === away.value.ref.code)
    return refuse('inconsistent', `event ${event.slug} names one club twice (${home.value.ref.code})`);
  const dated = checkedDate(slugDate, event.gameStartMs);
  if (!dated.ok) return dated;

  const clubs = [home.value, away.value];
  const clubOfSuffix = (suffix: string) => {
    if (suffix === homeCode) return home.value;
    if (suffix === awayCode) return away.value;
    // Another Polymarket code the table gives the same club.
    const byCode = findClubByPolymarketCode(league, suffix);
    return clubs.find((c) => c.byTable && c.ref.code === byCode?.code) ?? null;
  };
  const markets = new Map<string, PolymarketOutcomeMarket>();
  const tokens = new Set<string>();
  for (const market of event.markets) {
    const suffix = market.slug.startsWith(`${event.slug}-`) ? market.slug.slice(event.slug.length + 1) : null;
    if (suffix === null) return refuse('outcome-mismatch', `market ${market.slug} is not of event ${event.slug}`);
    let key: string;
    if (suffix === POLYMARKET_DRAW_SUFFIX) {
      if (!DRAW_QUESTION.test(market.question))
        return refuse('outcome-mismatch', `draw market ${market.slug} asks "${market.question}"`);
      key = DRAW_KEY;
    } else {
      const club = clubOfSuffix(suffix);
      if (!club) return refuse('outcome-mismatch', `market ${market.slug} is for neither club of ${event.slug}`);
      const asked = WIN_QUESTION.exec(market.question)?.[1];
      if (asked === undefined)
        return refuse('outcome-mismatch', `market ${market.slug} asks "${market.question}", not a club's win`);
      const named = namesClub(league, asked, club, aliases);
      if (!named.ok)
        return refuse(
          'outcome-mismatch',
          `market ${market.slug} asks about "${asked}" (${named.named}), not ${club.ref.code}`,
        );
      key = club.ref.code;
    }
    if (markets.has(key)) return refuse('outcome-mismatch', `two markets for outcome ${key} in ${event.slug}`);
    for (const token of [market.yesTokenId, market.noTokenId]) {
      if (tokens.has(token)) return refuse('outcome-mismatch', `token ${token} appears twice in ${event.slug}`);
      tokens.add(token);
    }
    markets.set(key, market);
  }
  const missing = [home.value.ref.code, away.value.ref.code, DRAW_KEY].filter((k) => !markets.has(k));
  if (missing.length > 0 || markets.size !== 3)
    return refuse(
      'outcome-mismatch',
      `event ${event.slug} lists ${event.markets.length} markets; missing ${missing.join(', ') || 'none'}`,
    );
  return ok({
    event,
    home: home.value,
    away: away.value,
    date: dated.value,
    startMs: event.gameStartMs as number,
    markets,
  });
}

/** A Kalshi event of a three-way league, checked on its own. */
export function checkKalshiOutcomeEvent(
  game: KalshiGame,
  aliases: AliasTable = PARTICIPANT_ALIASES,
): Checked<KalshiChecked> {
  const codes: string[] = [];
  for (const market of game.markets) {
    const code = kalshiMarketCode(market.ticker, game.eventTicker);
    if (code === null || code !== market.suffix)
      return refuse('inconsistent', `market ${market.ticker} is not ${game.eventTicker}-${market.suffix}`);
    codes.push(code);
  }
  if (codes.length !== 3 || codes.filter((c) => c === KALSHI_DRAW_CODE).length !== 1)
    return refuse(
      'outcome-mismatch',
      `event ${game.eventTicker} lists ${codes.join(', ') || 'no markets'}: two clubs and ${KALSHI_DRAW_CODE} expected`,
    );
  const parsed = parseLeagueEventTicker(game.eventTicker, codes);
  if (!parsed.ok) return refuse(parsed.unknown === undefined ? 'unparseable' : 'unknown-team', parsed.reason);
  const { league, date, codes: ordered } = parsed.value;
  if (parsed.value.series !== game.seriesTicker || league !== game.league)
    return refuse(
      'inconsistent',
      `ticker is ${parsed.value.series} (${league}), the listing says ${game.seriesTicker} (${game.league})`,
    );
  if (!isThreeWayLeague(league)) return refuse('inconsistent', `${league} is not a three-way league`);
  if (ordered === null) return refuse('unparseable', `the clubs of ${game.eventTicker} cannot be read`);
  const marketOf = (code: string) => game.markets.find((x) => x.suffix === code);
  const [homeMarket, awayMarket, tie] = [marketOf(ordered[0]), marketOf(ordered[1]), marketOf(KALSHI_DRAW_CODE)];
  if (!homeMarket || !awayMarket || !tie)
    return refuse('inconsistent', `${game.eventTicker} lacks a market of ${ordered.join(', ')} or ${KALSHI_DRAW_CODE}`);
  const clubOf = (market: KalshiGameMarket): Checked<ListedClub> => {
    const byCode = findClubByKalshiCode(league, market.suffix);
    if (!byCode) return clubOfLabel(league, market.yesSubTitle, `market ${market.ticker}`, aliases);
    const club = { ref: byCode, label: market.yesSubTitle, byTable: true };
    const named = namesClub(league, market.yesSubTitle, club, aliases);
    if (!named.ok)
      return refuse(
        'outcome-mismatch',
        `market ${market.ticker} says "${market.yesSubTitle}" (${named.named}) but its ticker is ${byCode.code}`,
      );
    return ok(club);
  };
  const home = clubOf(homeMarket);
  if (!home.ok) return home;
  const away = clubOf(awayMarket);
  if (!away.ok) return away;
  if (home.value.ref.code === away.value.ref.code)
    return refuse('inconsistent', `${game.eventTicker} names one club twice (${home.value.ref.code})`);
  // The draw's label must name no club: neither a table club nor either club's label.
  const tieLabel = normalizeName(tie.yesSubTitle);
  const tieNamed = clubOfName(league, tie.yesSubTitle);
  const tieKey = participantKey(league, tie.yesSubTitle, aliases);
  const clubs = [home.value, away.value];
  if (
    (tieNamed && tieNamed !== 'shared') ||
    clubs.some((c) => normalizeName(c.label) === tieLabel || (tieKey.ok && tieKey.key === c.ref.code))
  )
    return refuse('outcome-mismatch', `tie market ${tie.ticker} says "${tie.yesSubTitle}"`);
  const start = checkKalshiApiStart(game.gameStartMs, date);
  if (!start.ok) return start;
  const tickers = new Map<string, string>([
    [home.value.ref.code, homeMarket.ticker],
    [DRAW_KEY, tie.ticker],
    [away.value.ref.code, awayMarket.ticker],
  ]);
  return ok({
    game,
    home: home.value,
    away: away.value,
    date,
    tickerStartMs: parsed.value.startMs,
    apiStartMs: start.value,
    tickers,
  });
}
