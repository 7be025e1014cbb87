/**
 * `npm run bench -- leagues`: the bundled slate with every catalogued league selected, listed on
 * the simulated Kalshi, Polymarket and Polymarket US through our own clients over 127.0.0.1, then
 * matched (lib/core/match.ts) Kalshi × Polymarket and Kalshi × Polymarket US. Per league: games
 * each venue listed, pairs, listings refused with their reasons, and what each client recorded
 * as left out. No trading; the figures are counts, the same on every run.
 */
import { LEAGUE_CATALOGUE, LEAGUE_IDS } from '../lib/core/leagues';
import type { League, PolymarketOutcomeEvent, PolymarketSideGame, VenueGame } from '../lib/core/market';
import { polymarketSideGameId } from '../lib/core/market';
import { type MatchRefusal, matchGamesDetailed } from '../lib/core/match';
import { matchListings } from '../lib/engine/discover';
import type { BadResponse } from '../lib/engine/ports';
import { createKalshiVenue } from '../lib/venues/kalshi';
import { createPolymarketVenue } from '../lib/venues/polymarket';
import { createPolymarketUsVenue } from '../lib/venues/polymarket-us';
import { startSimulatorSet } from '../local/sim';
import { ManualClock } from '../local/sim/clock';
import { loadSlate, slateForLeagues } from '../local/sim/scenario';
import type { BenchResult, Row } from './report';

const FAST = { ratePerSec: 1_000, burst: 1_000 };

/** `code×n` per refusal code, most frequent first; the first reason of each code as an example. */
function summarise(refusals: readonly MatchRefusal[]): { codes: string; example: string } {
  const byCode = new Map<string, MatchRefusal[]>();
  for (const r of refusals) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  const sorted = [...byCode.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  return {
    codes: sorted.map(([code, rs]) => `${code}×${rs.length}`).join(' ') || '–',
    example: sorted[0]?.[1][0]?.reason ?? '–',
  };
}

export async function leaguesBench(): Promise<BenchResult> {
  // The simulators' clock starts at the real time and the clients use the real clock: their rate
  // limiters refill in real time, and "now" agrees on both sides to within the bench's run time.
  const START = Math.floor(Date.now() / 60_000) * 60_000;
  const clock = new ManualClock(START);
  const slate = slateForLeagues(loadSlate(), LEAGUE_IDS);
  const sims = await startSimulatorSet({
    venues: ['kalshi', 'polymarket', 'polymarket-us'],
    seed: 1,
    clock,
    slate,
    tickEveryMs: 60_000,
    signatureNow: () => clock.now(),
  });
  try {
    sims.scenario.driver.tick(START);
    // Real clock: the clients' rate limiters refill in real time (START is the real time).
    const deps = {};
    const kalshi = createKalshiVenue({ baseUrl: sims.kalshi.url, timeoutMs: 5_000 }, deps);
    const pm = sims.polymarket;
    const us = sims.polymarketUs;
    if (!pm || !us) throw new Error('the Polymarket simulators did not start');
    const polymarket = createPolymarketVenue(
      { gammaUrl: pm.gammaUrl, clobUrl: pm.url, dataUrl: pm.url, timeoutMs: 5_000 },
      deps,
    );
    const polymarketUs = createPolymarketUsVenue(
      {
        gatewayUrl: us.gatewayUrl,
        apiUrl: us.apiUrl,
        gatewayLimit: FAST,
        readLimit: FAST,
        writeLimit: FAST,
        retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      },
      deps,
    );
    const leagues = [...LEAGUE_IDS];
    const problems: Record<'kalshi' | 'polymarket' | 'polymarket-us', BadResponse[]> = {
      kalshi: [],
      polymarket: [],
      'polymarket-us': [],
    };
    const list = async (
      venue: keyof typeof problems,
      client: { listGames(l: readonly League[], sink: (p: BadResponse) => void): Promise<VenueGame[]> },
    ) => client.listGames(leagues, (p) => void problems[venue].push(p));
    const [kGames, pmGames, usGames] = await Promise.all([
      list('kalshi', kalshi),
      list('polymarket', polymarket),
      list('polymarket-us', polymarketUs),
    ]);
    const ks = kGames.filter((g) => g.venue === 'kalshi');
    const pms = pmGames.filter((g): g is PolymarketSideGame => g.venue === 'polymarket');
    const uss = usGames.filter((g): g is PolymarketSideGame => g.venue === 'polymarket-us');
    const events = pmGames.filter(
      (g): g is PolymarketOutcomeEvent => g.venue === 'polymarket' && 'kind' in g && g.kind === 'outcome-event',
    );
    // As a scan pairs them: two-way leagues by the two-team matcher, three-way ones outcome by outcome.
    const withPm = matchListings({ kalshi: ks, polymarket: pms, outcomeEvents: events });
    const withUs = matchGamesDetailed(uss, ks);
    const leagueOfId = new Map<string, League>([
      ...ks.map((g) => [g.eventTicker, g.league] as const),
      ...[...pms, ...uss].map((g) => [polymarketSideGameId(g), g.league] as const),
      ...events.map((g) => [g.slug, g.league] as const),
    ]);
    const refusalLeague = (r: MatchRefusal) => leagueOfId.get(r.polymarket ?? r.kalshi ?? '');
    const mentions = (p: BadResponse, league: League) =>
      p.message.includes(`(${league}`) || p.message.includes(` ${league} `);

    const rows: Row[] = leagues.map((league) => {
      const pmRefused = withPm.refusals.filter((r) => refusalLeague(r) === league);
      const usRefused = withUs.refusals.filter((r) => refusalLeague(r) === league && r.polymarket !== undefined);
      const pmSummary = summarise(pmRefused);
      const leftOut = (Object.keys(problems) as Array<keyof typeof problems>)
        .flatMap((v) => problems[v].filter((p) => mentions(p, league)).map(() => v))
        .join(',');
      return {
        league,
        structure: LEAGUE_CATALOGUE[league].outcomes,
        'slate games':
          slate.games.filter((g) => g.league === league).length +
          slate.soccer.filter((g) => g.league === league).length,
        kalshi: ks.filter((g) => g.league === league).length,
        polymarket: pms.filter((g) => g.league === league).length + events.filter((g) => g.league === league).length,
        'pm-us': uss.filter((g) => g.league === league).length,
        'matched k×pm': withPm.pairs.filter((p) => p.league === league).length,
        'matched k×pm-us': withUs.pairs.filter((p) => p.league === league).length,
        'refused k×pm': pmRefused.length,
        'refused pm-us': usRefused.length,
        'reasons k×pm': pmSummary.codes,
        'left out by': leftOut || '–',
        example: pmSummary.example.length > 110 ? `${pmSummary.example.slice(0, 107)}…` : pmSummary.example,
      };
    });
    const total = (k: string) => rows.reduce((s, r) => s + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0);
    rows.push({
      league: 'all',
      structure: '',
      'slate games': total('slate games'),
      kalshi: total('kalshi'),
      polymarket: total('polymarket'),
      'pm-us': total('pm-us'),
      'matched k×pm': total('matched k×pm'),
      'matched k×pm-us': total('matched k×pm-us'),
      'refused k×pm': total('refused k×pm'),
      'refused pm-us': total('refused pm-us'),
    });
    return {
      name: 'leagues',
      title: 'Leagues: the bundled slate, every catalogued league selected — listed, matched, refused',
      rows,
      notes: [
        'The simulated venues list the bundled slate with every league selected (local/sim/scenario/slates/demo-slate.json), plus Polymarket filler games of EPL, NCAAF and ATP that have no Kalshi counterpart.',
        '"refused k×pm" counts listings of either venue refused by the Kalshi × Polymarket matcher (a game listed on one venue only is refused once, on that venue); "refused pm-us" counts Polymarket US listings refused by the Kalshi × Polymarket US matcher.',
        '"left out by" names the venue clients that recorded the league as left out: three-way leagues on Polymarket, a league with no open game, a Kalshi series the simulator lists no game of (it knows a series once a game of it is listed), a league with no Polymarket US slug.',
        `Recorded by the clients: ${Object.entries(problems)
          .map(([v, ps]) => `${v} ${ps.length}`)
          .join(', ')}.`,
      ],
      extra: {
        problems: Object.fromEntries(Object.entries(problems).map(([v, ps]) => [v, ps.map((p) => p.message)])),
        refusals: { kalshiPolymarket: withPm.refusals, kalshiPolymarketUs: withUs.refusals },
      },
    };
  } finally {
    await sims.close();
  }
}
