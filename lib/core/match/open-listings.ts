/**
 * Listings of the leagues without a curated team table (lib/core/leagues.ts: WNBA, college,
 * tennis, UFC, esports), checked on their own before pairing (lib/core/match.ts). Participants
 * come from the venues' own data: Kalshi's market codes (which split the ticker's team block,
 * hyphens and all: lib/core/teams/league-tickers.ts) and `yes_sub_title` labels, Polymarket's
 * slug codes and outcome labels, Polymarket US's slug codes and side labels (only the leagues the
 * catalogue says it lists), compared as participant keys (lib/core/teams/participants.ts).
 * Dates and start times follow the same rules as the major leagues (listings.ts).
 *
 * A three-way (soccer) listing is refused here: the outcome-market path pairs it
 * (lib/core/outcome-arb.ts), never the two-way matcher.
 */
import { LEAGUE_CATALOGUE } from '../leagues';
import type { KalshiGame, League, PolymarketGame, PolymarketUsGame, TeamRef } from '../market';
import { KALSHI_DRAW_CODE, kalshiMarketCode, parseLeagueEventTicker } from '../teams/league-tickers';
import { PARTICIPANT_ALIASES, type ParticipantAliases, participantKey } from '../teams/participants';
import {
  type Checked,
  checkedDate,
  checkKalshiApiStart,
  type KalshiListing,
  type PmListing,
  polymarketListing,
  refuse,
  teamsKey,
} from './listings';

export const THREE_WAY_REASON = 'three-way: not paired by the two-way matcher';

function threeWay(league: League): boolean {
  return LEAGUE_CATALOGUE[league].outcomes === 'three-way';
}

/** Two labels as participant refs of the league: refused when either names no participant, or both name one. */
function participants(
  league: League,
  labels: readonly [string, string],
  venue: string,
  aliases: ParticipantAliases,
): Checked<readonly [TeamRef, TeamRef]> {
  const keys = labels.map((l) => participantKey(league, l, aliases));
  const [a, b] = keys;
  if (!a || !b) return refuse('unparseable', `${venue} gives no two participants`);
  if (!a.ok) return refuse('unknown-team', `${venue}: ${a.reason}`);
  if (!b.ok) return refuse('unknown-team', `${venue}: ${b.reason}`);
  if (a.key === b.key)
    return refuse('ambiguous', `${venue} names both participants "${a.key}" ("${labels[0]}", "${labels[1]}")`);
  return { ok: true, value: [Object.freeze({ league, code: a.key }), Object.freeze({ league, code: b.key })] };
}

/**
 * A Kalshi event of a league without a team table: the series and ticker of the league, exactly
 * two participant markets whose codes spell the ticker's team block (plus a `TIE` market where
 * the event lists one), each market's code as the client read it, and two distinct labels.
 */
export function checkKalshiOpen(
  game: KalshiGame,
  aliases: ParticipantAliases = PARTICIPANT_ALIASES,
): Checked<KalshiListing> {
  if (threeWay(game.league)) return refuse('three-way', THREE_WAY_REASON);
  const codes: string[] = [];
  for (const market of game.markets) {
    const code = kalshiMarketCode(market.ticker, game.eventTicker);
    if (code === null) return refuse('inconsistent', `market ${market.ticker} is not of event ${game.eventTicker}`);
    if (code !== market.suffix)
      return refuse('inconsistent', `market ${market.ticker} has code ${code}, the listing says ${market.suffix}`);
    codes.push(code);
  }
  const parsed = parseLeagueEventTicker(game.eventTicker, codes);
  if (!parsed.ok) return refuse('unparseable', parsed.reason);
  const { league, date } = parsed.value;
  if (parsed.value.series !== game.seriesTicker || league !== game.league) {
    return refuse(
      'inconsistent',
      `ticker is ${parsed.value.series} (${league}), the listing says ${game.seriesTicker} (${game.league})`,
    );
  }
  const pairCodes = parsed.value.codes;
  if (pairCodes === null) return refuse('unparseable', `Kalshi event ${game.eventTicker}: no two participant codes`);
  const tie = game.markets.length === 3 ? game.markets.find((m) => m.suffix === KALSHI_DRAW_CODE) : undefined;
  const marketFor = (code: string) => game.markets.find((m) => m.suffix === code && m !== tie);
  const m0 = marketFor(pairCodes[0]);
  const m1 = marketFor(pairCodes[1]);
  if (!m0 || !m1) return refuse('inconsistent', `no market for ${m0 ? pairCodes[1] : pairCodes[0]}`);
  const teams = participants(league, [m0.yesSubTitle, m1.yesSubTitle], `Kalshi ${game.eventTicker}`, aliases);
  if (!teams.ok) return teams;
  const start = checkKalshiApiStart(game.gameStartMs, date);
  if (!start.ok) return start;
  const [t0, t1] = teams.value;
  return {
    ok: true,
    value: {
      game,
      teamsKey: teamsKey(league, t0, t1),
      date,
      tickerStartMs: parsed.value.startMs,
      apiStartMs: start.value,
      gameNumber: parsed.value.gameNumber,
      marketOf: new Map([
        [t0.code, m0.ticker],
        [t1.code, m1.ticker],
      ]),
      tieTicker: tie?.ticker ?? null,
      needsConfirmedStart: LEAGUE_CATALOGUE[league].hazards.some((h) => h.id === 'repeated-pairing'),
      participantNames: [m0.yesSubTitle, m1.yesSubTitle],
    },
  };
}

const DATE = /^(\d{4}-\d{2}-\d{2})(?:-(.+))?$/;

/** `{prefix}<code>-<code>-<YYYY-MM-DD>` with nothing after the date and two distinct codes. */
function openSlug(slug: string, prefix: string, league: League): Checked<{ a: string; b: string; date: string }> {
  if (!slug.startsWith(prefix)) return refuse('inconsistent', `slug "${slug}" is not ${league} (${prefix}…)`);
  const rest = slug.slice(prefix.length).split('-');
  const [a, b] = rest;
  const dated = DATE.exec(rest.slice(2).join('-'));
  if (!a || !b || !/^[a-z0-9]+$/.test(a) || !/^[a-z0-9]+$/.test(b) || !dated)
    return refuse('unparseable', `slug "${slug}" is not ${prefix}<code>-<code>-<YYYY-MM-DD>`);
  if (dated[2] !== undefined) return refuse('unparseable', `slug "${slug}" has an unknown suffix after the date`);
  if (a === b) return refuse('inconsistent', `slug "${slug}" names one participant twice`);
  return { ok: true, value: { a, b, date: dated[1] as string } };
}

/**
 * A Polymarket game of a league without a team table: `{prefix}-{code}-{code}-{YYYY-MM-DD}` with
 * the league's catalogue prefix and nothing after the date, two distinct slug codes, two
 * distinct outcome labels, and the slug date equal to the Eastern date of the start.
 */
export function checkPolymarketOpen(
  game: PolymarketGame,
  aliases: ParticipantAliases = PARTICIPANT_ALIASES,
): Checked<PmListing> {
  if (threeWay(game.league)) return refuse('three-way', THREE_WAY_REASON);
  const slug = openSlug(game.slug, `${LEAGUE_CATALOGUE[game.league].polymarket.prefix}-`, game.league);
  if (!slug.ok) return slug;
  const date = checkedDate(slug.value.date, game.gameStartMs);
  if (!date.ok) return date;
  const teams = participants(
    game.league,
    [game.outcomes[0].name, game.outcomes[1].name],
    `Polymarket ${game.slug}`,
    aliases,
  );
  if (!teams.ok) return teams;
  return {
    ok: true,
    value: polymarketListing(game, teams.value, date.value, {
      gameNumber: null,
      participantNames: [game.outcomes[0].name, game.outcomes[1].name],
    }),
  };
}

/**
 * A Polymarket US moneyline of a league without a team table (docs/venues-polymarket-us.md#u-slugs,
 * #u-sides): only leagues whose catalogue entry names their Polymarket US slug league (`polymarketUs`,
 * lib/core/leagues.ts). `aec-{league}-{first}-{second}-{YYYY-MM-DD}`, the first participant long;
 * each side's code (and abbreviation, where given) must be its slug code, the slug date the
 * listing's date and the Eastern date of the start, as on Polymarket (listings.ts `checkedDate`).
 * Participants are the sides' labels, compared as participant keys.
 */
export function checkPolymarketUsOpen(
  game: PolymarketUsGame,
  aliases: ParticipantAliases = PARTICIPANT_ALIASES,
): Checked<PmListing> {
  if (threeWay(game.league)) return refuse('three-way', THREE_WAY_REASON);
  const listed = LEAGUE_CATALOGUE[game.league].polymarketUs;
  if (listed === undefined)
    return refuse(
      'unparseable',
      `Polymarket US ${game.league} listings are not matched: no Polymarket US slug league is known (docs/leagues.md#wired)`,
    );
  const slug = openSlug(game.marketSlug, `aec-${listed.slugLeague}-`, game.league);
  if (!slug.ok) return slug;
  const { a, b, date: slugDate } = slug.value;
  if (slugDate !== game.slugDate)
    return refuse('inconsistent', `slug "${game.marketSlug}" is dated ${slugDate}, the listing says ${game.slugDate}`);
  const sides = [
    ['long', game.long, a],
    ['short', game.short, b],
  ] as const;
  for (const [which, side, code] of sides) {
    const named = [side.code, side.abbreviation].filter((c): c is string => c !== null);
    if (named.some((c) => c.toLowerCase() !== code))
      return refuse(
        'inconsistent',
        `the ${which} side ("${side.name}", ${named.join('/')}) is not ${code}, the slug's ${which === 'long' ? 'first' : 'second'} participant`,
      );
  }
  const date = checkedDate(slugDate, game.gameStartMs);
  if (!date.ok) return date;
  const names = [game.long.name, game.short.name] as const;
  const teams = participants(game.league, names, `Polymarket US ${game.marketSlug}`, aliases);
  if (!teams.ok) return teams;
  const side = (s: 'long' | 'short') => ({ venue: 'polymarket-us', marketSlug: game.marketSlug, side: s }) as const;
  const [t0, t1] = teams.value;
  return {
    ok: true,
    value: {
      game,
      id: game.marketSlug,
      teams: [t0, t1],
      instruments: [side('long'), side('short')],
      names,
      teamsKey: teamsKey(game.league, t0, t1),
      date: date.value,
      startMs: game.gameStartMs as number,
      gameNumber: null,
      participantNames: names,
    },
  };
}
