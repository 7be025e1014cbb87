/**
 * Kalshi × Polymarket US for the leagues matched by labels that Polymarket US lists (the catalogue's
 * `polymarketUs`, lib/core/leagues.ts: UFC today): a fight pairs by the fighters' labels, each side
 * on the same fighter whatever the order; a differing label, a slug of another league, a side that
 * names another code, a moved date and a league Polymarket US does not list are refused with reasons.
 */
import { LEAGUE_CATALOGUE } from '../../../lib/core/leagues';
import type { KalshiGame, League } from '../../../lib/core/market';
import { matchGamesDetailed } from '../../../lib/core/match';
import { checkPolymarketUsOpen } from '../../../lib/core/match/open-listings';
import { withAliases } from '../../../lib/core/teams/participants';
import { pmUsGame } from './match-fixtures';

const EVENT = 'KXUFCFIGHT-26JUL11SAIPIM';
/** Kalshi's UFC winner markets label fighters by full name (docs/leagues.md#l-ufc-ufc). */
function kalshiFight(subs: { SAI: string; PIM: string } = { SAI: 'Benoit Saint-Denis', PIM: 'Paddy Pimblett' }) {
  const market = (code: 'SAI' | 'PIM') => ({
    ticker: `${EVENT}-${code}`,
    suffix: code,
    yesSubTitle: subs[code],
    tickMicros: 10_000,
    tradable: true,
  });
  return {
    venue: 'kalshi',
    league: 'UFC',
    seriesTicker: 'KXUFCFIGHT',
    eventTicker: EVENT,
    title: 'Saint-Denis vs Pimblett',
    markets: [market('SAI'), market('PIM')],
    gameStartMs: null,
    expectedExpirationMs: null,
    feeType: 'quadratic_with_maker_fees',
    feeMultiplierPpm: 1_000_000,
  } satisfies KalshiGame;
}

/** 22:00 Eastern on 2026-07-11: the slug carries the Eastern date, as the recorded fights do. */
const START = '2026-07-12T02:00:00Z';

function usFight(opts: {
  slug?: string;
  names?: readonly [string, string];
  start?: string | null;
  league?: League;
  codes?: readonly [string, string];
}) {
  const slug = opts.slug ?? 'aec-ufc-bensai-padpim-2026-07-11';
  return pmUsGame({
    slug,
    names: opts.names ?? ['Benoit Saint-Denis', 'Paddy Pimblett'],
    start: opts.start === undefined ? START : opts.start,
    league: opts.league ?? 'UFC',
    ...(opts.codes ? { codes: opts.codes } : {}),
  });
}

describe('Kalshi × Polymarket US, leagues matched by labels', () => {
  it('pairs a UFC fight by the fighters, long on the slug’s first fighter, whichever order each venue lists', () => {
    const forward = matchGamesDetailed([usFight({})], [kalshiFight()]);
    expect(forward.refusals).toEqual([]);
    expect(forward.pairs).toHaveLength(1);
    const pair = forward.pairs[0]!;
    expect(pair.id).toBe(`UFC:aec-ufc-bensai-padpim-2026-07-11:${EVENT}`);
    expect(pair.sides.map((s) => [s.polymarket, s.polymarketName, s.kalshiTicker])).toEqual([
      [
        { venue: 'polymarket-us', marketSlug: 'aec-ufc-bensai-padpim-2026-07-11', side: 'long' },
        'Benoit Saint-Denis',
        `${EVENT}-SAI`,
      ],
      [
        { venue: 'polymarket-us', marketSlug: 'aec-ufc-bensai-padpim-2026-07-11', side: 'short' },
        'Paddy Pimblett',
        `${EVENT}-PIM`,
      ],
    ]);
    // The other fighter first on Polymarket US (and an accent Kalshi leaves out): still fighter by fighter.
    const reversed = matchGamesDetailed(
      [usFight({ slug: 'aec-ufc-padpim-bensai-2026-07-11', names: ['Paddy Pimblett', 'Benoît Saint-Denis'] })],
      [kalshiFight()],
    );
    expect(reversed.refusals).toEqual([]);
    expect(
      reversed.pairs[0]!.sides.map((s) => [
        s.polymarket.venue === 'polymarket-us' && s.polymarket.side,
        s.kalshiTicker,
      ]),
    ).toEqual([
      ['long', `${EVENT}-PIM`],
      ['short', `${EVENT}-SAI`],
    ]);
  });

  it('refuses a label the venues write differently with a cause naming both, and pairs once an alias joins them', () => {
    const us = usFight({ names: ['B. Saint-Denis', 'Paddy Pimblett'] });
    const { pairs, refusals } = matchGamesDetailed([us], [kalshiFight()]);
    expect(pairs).toEqual([]);
    const cause =
      'unknown UFC participant: Kalshi "Benoit Saint-Denis" and Polymarket "B. Saint-Denis" both face "paddy pimblett" on 2026-07-11; if they are the same, add an alias (POLYMIX_ALIASES)';
    expect(refusals).toEqual([
      expect.objectContaining({ kalshi: EVENT, code: 'no-counterpart', cause }),
      expect.objectContaining({ polymarket: us.marketSlug, code: 'no-counterpart', cause }),
    ]);
    // The reason names the Polymarket side of this pair: Polymarket US.
    expect(refusals[0]!.reason).toMatch(/^no Polymarket US listing of UFC /);
    expect(refusals[1]!.reason).toMatch(/^no Kalshi listing of UFC /);
    const aliases = withAliases({ UFC: [['Benoit Saint-Denis', 'B. Saint-Denis']] });
    const joined = matchGamesDetailed([us], [kalshiFight()], aliases);
    expect(joined.refusals).toEqual([]);
    expect(joined.pairs[0]!.sides.map((s) => s.kalshiTicker)).toEqual([`${EVENT}-SAI`, `${EVENT}-PIM`]);
  });

  it('refuses a slug whose league part is not the catalogue’s, and sides that name other codes', () => {
    for (const slug of ['aec-mma-bensai-padpim-2026-07-11', 'aec-nfl-bensai-padpim-2026-07-11']) {
      expect(checkPolymarketUsOpen(usFight({ slug }))).toEqual({
        ok: false,
        code: 'inconsistent',
        reason: `slug "${slug}" is not UFC (aec-ufc-…)`,
      });
      expect(matchGamesDetailed([usFight({ slug })], [kalshiFight()]).pairs).toEqual([]);
    }
    const swapped = checkPolymarketUsOpen(usFight({ codes: ['PADPIM', 'BENSAI'] }));
    expect(swapped).toMatchObject({ ok: false, code: 'inconsistent' });
    expect(checkPolymarketUsOpen(usFight({ slug: 'aec-ufc-bensai-bensai-2026-07-11' }))).toMatchObject({
      ok: false,
      code: 'inconsistent',
    });
    expect(checkPolymarketUsOpen(usFight({ slug: 'aec-ufc-bensai-padpim-2026-07-11-2' }))).toMatchObject({
      ok: false,
      code: 'unparseable',
    });
    // An abbreviation that is not the side's slug code names another fighter.
    const fight = usFight({});
    const other = { ...fight, short: { ...fight.short, abbreviation: 'bensai' } };
    expect(checkPolymarketUsOpen(other)).toMatchObject({ ok: false, code: 'inconsistent' });
    expect(checkPolymarketUsOpen({ ...fight, short: { ...fight.short, abbreviation: 'padpim' } }).ok).toBe(true);
  });

  it('applies the Polymarket date rules: the Eastern date of the start, and a start at all', () => {
    // The recorded fight: start 2025-12-14T00:00Z, slug date 2025-12-13 (19:00 Eastern).
    const recorded = pmUsGame({
      slug: 'aec-ufc-kennze-marbuc-2025-12-13',
      names: ['Kennedy Nzechukwu', 'Marcus Buchecha'],
      start: '2025-12-14T00:00:00Z',
      league: 'UFC',
    });
    expect(checkPolymarketUsOpen(recorded)).toMatchObject({ ok: true, value: { date: '2025-12-13' } });
    expect(checkPolymarketUsOpen(usFight({ start: '2026-07-13T02:00:00Z' }))).toMatchObject({
      ok: false,
      code: 'inconsistent',
    });
    expect(checkPolymarketUsOpen(usFight({ start: null }))).toMatchObject({ ok: false, code: 'no-start-time' });
    // The listing's own date must be the slug's.
    expect(checkPolymarketUsOpen({ ...usFight({}), slugDate: '2026-07-12' })).toMatchObject({
      ok: false,
      code: 'inconsistent',
    });
  });

  it('refuses the leagues Polymarket US is not known to list, and three-way leagues', () => {
    expect(LEAGUE_CATALOGUE.ATP.polymarketUs).toBeUndefined();
    expect(
      checkPolymarketUsOpen(
        usFight({ slug: 'aec-atp-tien-sinner-2026-07-11', names: ['Learner Tien', 'Jannik Sinner'], league: 'ATP' }),
      ),
    ).toMatchObject({ ok: false, code: 'unparseable', reason: expect.stringMatching(/no Polymarket US slug league/) });
    expect(
      checkPolymarketUsOpen(
        usFight({ slug: 'aec-epl-che-avl-2026-07-11', names: ['Chelsea', 'Aston Villa'], league: 'EPL' }),
      ),
    ).toMatchObject({ ok: false, code: 'three-way' });
  });
});
