import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LeagueId } from '../../../lib/core/leagues';
import {
  LEAGUE_CATALOGUE,
  LEAGUE_IDS,
  leagueEntry,
  leagueOfKalshiSeries,
  leagueOfPolymarketPrefix,
} from '../../../lib/core/leagues';
import { MAJOR_LEAGUES as LEAGUES } from '../../../lib/core/market';
import {
  KALSHI_GAME_SERIES,
  parseKalshiEventTicker,
  parsePolymarketSlug,
  polymarketSlug,
  teamRef,
  teamsOf,
} from '../../../lib/core/teams';

const LEAGUES_DOC = readFileSync(path.resolve(__dirname, '../../../docs/leagues.md'), 'utf8');

describe('league catalogue', () => {
  it('has one entry per id, keyed by its own id', () => {
    expect(Object.keys(LEAGUE_CATALOGUE)).toEqual([...LEAGUE_IDS]);
    for (const id of LEAGUE_IDS) expect(leagueEntry(id).id).toBe(id);
  });

  it('agrees with the constants of the four leagues traded today', () => {
    const traded = LEAGUE_IDS.filter((id) => LEAGUE_CATALOGUE[id].traded);
    expect(traded).toEqual([...LEAGUES]);
    for (const league of LEAGUES) {
      const entry = LEAGUE_CATALOGUE[league];
      expect(entry.kalshi.series).toBe(KALSHI_GAME_SERIES[league]);
      expect(entry.outcomes).toBe('two-way');
      // The slug the simulators write for this league starts with the catalogue's prefix and parses back.
      const [a, b] = teamsOf(league);
      const slug = polymarketSlug({
        league,
        date: '2026-11-29',
        first: teamRef(league, a!.code)!,
        second: teamRef(league, b!.code)!,
      });
      expect(slug.startsWith(`${entry.polymarket.prefix}-`)).toBe(true);
      expect(parsePolymarketSlug(slug)).toMatchObject({ ok: true, value: { league } });
      if (entry.kalshi.eventExample)
        expect(parseKalshiEventTicker(entry.kalshi.eventExample)).toMatchObject({ ok: true, value: { league } });
      if (entry.polymarket.eventExample)
        expect(parsePolymarketSlug(entry.polymarket.eventExample)).toMatchObject({ ok: true, value: { league } });
    }
  });

  it('matches the summary table of docs/leagues.md for every league not traded yet', () => {
    const rows = LEAGUES_DOC.split('\n').filter((l) => /^\| [A-Z]/.test(l) && l.includes('`'));
    const untraded = LEAGUE_IDS.filter((id) => !LEAGUE_CATALOGUE[id].traded);
    expect(untraded).toHaveLength(15);
    for (const id of untraded) {
      const entry = LEAGUE_CATALOGUE[id];
      const row = rows.find((r) => r.includes(`\`${entry.kalshi.series}\``));
      expect(row).toBeDefined();
      expect(row).toContain(`\`${entry.polymarket.prefix}\``);
      if (entry.kalshi.eventExample) expect(row).toContain(entry.kalshi.eventExample);
      if (entry.polymarket.eventExample) expect(row).toContain(entry.polymarket.eventExample);
      // The grade the catalogue records is one of the grades the page gives the name.
      const grades = (name: string) => row!.match(new RegExp(`\`${name}\` \\(([^)]*)\\)`))?.[1]?.split(', ');
      expect(grades(entry.kalshi.series)).toContain(entry.kalshi.grade);
      expect(grades(entry.polymarket.prefix)).toContain(entry.polymarket.grade);
      const three = row!.includes('three outcomes');
      expect(entry.outcomes).toBe(three ? 'three-way' : 'two-way');
      expect(entry.doc).toMatch(/^docs\/leagues\.md#l-[a-z0-9-]+$/);
    }
  });

  it('names every hazard the docs flag: hyphens in college codes, soccer order and draws, a Kalshi-only tie', () => {
    const has = (id: LeagueId, hazard: string) => LEAGUE_CATALOGUE[id].hazards.some((h) => h.id === hazard);
    expect(has('NCAAF', 'hyphen-in-codes')).toBe(true);
    for (const id of ['EPL', 'UCL', 'MLS', 'LALIGA'] as const) {
      expect(LEAGUE_CATALOGUE[id].outcomes).toBe('three-way');
      expect(has(id, 'draw-market')).toBe(true);
      expect(has(id, 'home-first-unverified')).toBe(true);
    }
    expect(has('DOTA2', 'tie-market-kalshi-only')).toBe(true);
    expect(has('UCL', 'repeated-pairing')).toBe(true);
    expect(has('NCAAMB', 'same-day-other-league') && has('NCAAWB', 'same-day-other-league')).toBe(true);
    expect(has('VAL', 'code-collision') && has('LALIGA', 'code-collision')).toBe(true);
    expect(LEAGUE_CATALOGUE.ATP.participants).toBe('player');
    expect(LEAGUE_CATALOGUE.UFC.participants).toBe('fighter');
  });

  it('finds a league by Kalshi series and by Polymarket prefix, and nothing by a team code', () => {
    expect(leagueOfKalshiSeries('KXNCAAWBGAME')).toBe('NCAAWB');
    expect(leagueOfKalshiSeries('KXATPCHALLENGERMATCH')).toBeNull(); // a separate series, not catalogued
    expect(leagueOfPolymarketPrefix('cwbb')).toBe('NCAAWB');
    expect(leagueOfPolymarketPrefix('val')).toBe('VAL');
    expect(leagueOfPolymarketPrefix('rea')).toBeNull();
    const series = LEAGUE_IDS.map((id) => LEAGUE_CATALOGUE[id].kalshi.series);
    const prefixes = LEAGUE_IDS.map((id) => LEAGUE_CATALOGUE[id].polymarket.prefix);
    expect(new Set(series).size).toBe(series.length);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
