/**
 * The three-way matcher (lib/core/match/outcomes.ts) on clubs no table knows: UCL, MLS and La
 * Liga games paired by each venue's own codes and labels, a club named differently refused with
 * a cause naming both labels (until an alias group joins them), placeholders refused, the EPL
 * table still the cross-check where it knows a club; then properties over generated MLS slates
 * with one signal perturbed: never a wrong pair, every clean game paired.
 */
import fc from 'fast-check';
import type { KalshiGame, League, PolymarketOutcomeEvent } from '../../../lib/core/market';
import { DRAW_KEY, matchOutcomeGames } from '../../../lib/core/match/outcomes';
import type { OutcomePair } from '../../../lib/core/outcome-arb';
import { normalizeName } from '../../../lib/core/teams/team';
import {
  type ClubSpec,
  eplSpec,
  kalshiClubsEvent,
  kalshiEvent,
  pmClubsEvent,
  startAt,
  tickerDate,
} from './match-outcomes-fixtures';

const DATE = '2026-11-25';
const START = startAt(DATE, 14, 0);

const spec = (kalshiCode: string, kalshiLabel: string, pmCode: string, pmLabel = kalshiLabel): ClubSpec => ({
  kalshiCode,
  kalshiLabel,
  pmCode,
  pmLabel,
});
const TORONTO = spec('TOR', 'Toronto FC', 'tor');
const AUSTIN = spec('ATX', 'Austin FC', 'aus');
const ATLETICO = spec('ATM', 'Atletico Madrid', 'atm1', 'Atlético Madrid');
const ARSENAL = spec('ARS', 'Arsenal', 'ars', 'Arsenal FC');
const MALLORCA = spec('MLL', 'RCD Mallorca', 'mal');
const REAL = spec('RMA', 'Real Madrid CF', 'rea', 'Real Madrid C.F.');

function game(league: League, home: ClubSpec, away: ClubSpec, o: { time?: string } = {}) {
  return {
    pm: pmClubsEvent(league, home, away, DATE, START),
    k: kalshiClubsEvent(league, home, away, DATE, START, o),
  };
}

/** Every outcome maps the same club (or the draw) on both venues: the ids encode the codes. */
function checkMapping(pair: OutcomePair, home: ClubSpec, away: ClubSpec): void {
  const [h, d, a] = pair.game.outcomes;
  for (const [o, club] of [
    [h, home],
    [a, away],
  ] as const) {
    expect(o!.kind).toBe('participant');
    expect(o!.kalshiTicker.endsWith(`-${club.kalshiCode}`)).toBe(true);
    const market = pair.polymarket.markets.find((m) => m.conditionId === o!.polymarket.conditionId)!;
    expect(market.slug.endsWith(`-${club.pmCode}`)).toBe(true);
    expect(market.yesTokenId).toBe(o!.polymarket.yesTokenId);
  }
  expect(d!.key).toBe(DRAW_KEY);
  expect(d!.kalshiTicker.endsWith('-TIE')).toBe(true);
  expect(pair.polymarket.markets.find((m) => m.conditionId === d!.polymarket.conditionId)!.slug).toMatch(/-draw$/);
}

describe('matchOutcomeGames: clubs by the venues’ labels', () => {
  it('pairs MLS, UCL and La Liga games from labels alone (case, accents and punctuation ignored)', () => {
    const mls = game('MLS', TORONTO, AUSTIN, { time: '1400' });
    const ucl = game('UCL', ATLETICO, { ...ARSENAL, pmLabel: 'Arsenal' });
    const liga = game('LALIGA', MALLORCA, REAL);
    const { pairs, refusals } = matchOutcomeGames([mls.pm, ucl.pm, liga.pm], [liga.k, ucl.k, mls.k]);
    expect(refusals).toEqual([]);
    expect(pairs.map((p) => p.id)).toEqual([
      'LALIGA:lal-mal-rea-2026-11-25:KXLALIGAGAME-26NOV25MLLRMA',
      'MLS:mls-tor-aus-2026-11-25:KXMLSGAME-26NOV251400TORATX',
      'UCL:ucl-atm1-ars-2026-11-25:KXUCLGAME-26NOV25ATMARS',
    ]);
    const [l, m, u] = pairs;
    expect(m!.game.outcomes.map((o) => o.key)).toEqual(['toronto fc', DRAW_KEY, 'austin fc']);
    expect(m!.home).toEqual({ league: 'MLS', code: 'toronto fc' });
    expect(m!.names).toEqual({ 'toronto fc': 'Toronto FC', 'austin fc': 'Austin FC', draw: 'Draw' });
    expect(u!.home.code).toBe('atletico madrid');
    expect(l!.away.code).toBe('real madrid cf');
    checkMapping(m!, TORONTO, AUSTIN);
    checkMapping(u!, ATLETICO, ARSENAL);
    checkMapping(l!, MALLORCA, REAL);
  });

  it('refuses a club the venues name differently, with one cause naming both labels', () => {
    const { pm, k } = game('UCL', ATLETICO, ARSENAL);
    const { pairs, refusals } = matchOutcomeGames([pm], [k]);
    expect(pairs).toEqual([]);
    expect(refusals.map((r) => [r.code, r.polymarket ?? r.kalshi])).toEqual([
      ['no-counterpart', 'KXUCLGAME-26NOV25ATMARS'],
      ['no-counterpart', 'ucl-atm1-ars-2026-11-25'],
    ]);
    const cause =
      'unknown UCL club: Kalshi "Arsenal" and Polymarket "Arsenal FC" both face "Atletico Madrid" on 2026-11-25; if they are the same club, add an alias (POLYMIX_ALIASES)';
    expect(refusals.map((r) => r.cause)).toEqual([cause, cause]);
    expect(refusals[0]!.reason).toContain(cause);
  });

  it('pairs them once an alias group joins the two labels', () => {
    const { pm, k } = game('UCL', ATLETICO, ARSENAL);
    const { pairs, refusals } = matchOutcomeGames([pm], [k], { UCL: [['Arsenal FC', 'Arsenal']] });
    expect(refusals).toEqual([]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.away.code).toBe('arsenal fc');
    checkMapping(pairs[0]!, ATLETICO, ARSENAL);
  });

  it('hints at aliases when neither club is shared but each slot’s labels begin alike, at the same start', () => {
    const toronto = spec('TOR', 'Toronto', 'tor', 'Toronto FC');
    const revs = spec('NE', 'New England', 'ne', 'New England Revolution');
    const { pm, k } = game('MLS', toronto, revs);
    const { pairs, refusals } = matchOutcomeGames([pm], [k]);
    expect(pairs).toEqual([]);
    const cause =
      'unknown MLS clubs: Kalshi "Toronto" v "New England" and Polymarket "Toronto FC" v "New England Revolution" may be one game on 2026-11-25; if so, add aliases (POLYMIX_ALIASES)';
    expect(refusals.map((r) => [r.code, r.cause])).toEqual([
      ['no-counterpart', cause],
      ['no-counterpart', cause],
    ]);
    // Once both groups exist, they pair.
    const joined = matchOutcomeGames([pm], [k], {
      MLS: [
        ['Toronto FC', 'Toronto'],
        ['New England Revolution', 'New England'],
      ],
    });
    expect(joined.refusals).toEqual([]);
    expect(joined.pairs).toHaveLength(1);
    // Home and away swapped on one venue, or another start: no hint.
    const swapped = matchOutcomeGames([pmClubsEvent('MLS', revs, toronto, DATE, START)], [k]);
    expect(swapped.refusals.map((r) => r.cause)).toEqual([undefined, undefined]);
    const later = matchOutcomeGames(
      [pmClubsEvent('MLS', toronto, revs, DATE, START + 3 * 3_600_000)],
      [kalshiClubsEvent('MLS', toronto, revs, DATE, START, { time: '1400' })],
    );
    expect(later.refusals.map((r) => r.cause)).toEqual([undefined, undefined]);
  });

  it('names no cause when the shared club differs in slot, the start or the date', () => {
    const startOff = matchOutcomeGames(
      [pmClubsEvent('UCL', ATLETICO, ARSENAL, DATE, START + 3 * 3_600_000)],
      [kalshiClubsEvent('UCL', ATLETICO, ARSENAL, DATE, START, { time: '1400' })],
    );
    expect(startOff.refusals.map((r) => r.cause)).toEqual([undefined, undefined]);
    const swapped = matchOutcomeGames(
      [pmClubsEvent('UCL', ARSENAL, ATLETICO, DATE, START)],
      [kalshiClubsEvent('UCL', ATLETICO, ARSENAL, DATE, START)],
    );
    expect(swapped.pairs).toEqual([]);
    expect(swapped.refusals.map((r) => r.cause)).toEqual([undefined, undefined]);
    const dayAfter = matchOutcomeGames(
      [pmClubsEvent('UCL', ATLETICO, ARSENAL, '2026-11-26', startAt('2026-11-26', 14))],
      [kalshiClubsEvent('UCL', ATLETICO, ARSENAL, DATE, START)],
    );
    expect(dayAfter.refusals.map((r) => r.cause)).toEqual([undefined, undefined]);
  });

  it('refuses swapped home and away, the day after and a start too far off, as with a table', () => {
    const refused = (pm: PolymarketOutcomeEvent, k: KalshiGame, code: string) => {
      const { pairs, refusals } = matchOutcomeGames([pm], [k]);
      expect(pairs).toEqual([]);
      expect(refusals.map((r) => r.code)).toContain(code);
    };
    const k = kalshiClubsEvent('MLS', TORONTO, AUSTIN, DATE, START, { time: '1400' });
    refused(pmClubsEvent('MLS', AUSTIN, TORONTO, DATE, START), k, 'inconsistent');
    refused(pmClubsEvent('MLS', TORONTO, AUSTIN, '2026-11-26', startAt('2026-11-26', 14)), k, 'no-counterpart');
    refused(pmClubsEvent('MLS', TORONTO, AUSTIN, DATE, START + 2 * 3_600_000), k, 'start-mismatch');
  });

  it('refuses a placeholder label as an unknown club, with the listing named as the cause', () => {
    const tbd = { ...AUSTIN, kalshiLabel: 'TBD', pmLabel: 'TBD' };
    const { pairs, refusals } = matchOutcomeGames(
      [pmClubsEvent('MLS', TORONTO, tbd, DATE, START)],
      [kalshiClubsEvent('MLS', TORONTO, tbd, DATE, START)],
    );
    expect(pairs).toEqual([]);
    expect(refusals.map((r) => r.code)).toEqual(['unknown-team', 'unknown-team']);
    expect(refusals[0]!.reason).toBe('market KXMLSGAME-26NOV25TORATX-ATX: "TBD" names no MLS participant');
    expect(refusals[1]!.reason).toBe('market mls-tor-aus-2026-11-25-aus: "TBD" names no MLS participant');
    for (const r of refusals) expect(r.cause).toBe(`three-way listing refused: ${r.reason}`);
  });

  it('refuses one club named twice, a tie market named for a club and a question for the other club', () => {
    const same = { ...AUSTIN, kalshiLabel: 'Toronto FC', pmLabel: 'Toronto FC' };
    const codes = (pm: PolymarketOutcomeEvent[], k: KalshiGame[]) =>
      matchOutcomeGames(pm, k).refusals.map((r) => r.code);
    expect(codes([pmClubsEvent('MLS', TORONTO, same, DATE, START)], [])).toEqual(['inconsistent']);
    expect(codes([], [kalshiClubsEvent('MLS', TORONTO, same, DATE, START)])).toEqual(['inconsistent']);
    const tie = kalshiClubsEvent('MLS', TORONTO, AUSTIN, DATE, START, { subTitles: { TIE: 'Austin FC' } });
    expect(matchOutcomeGames([], [tie]).refusals[0]).toMatchObject({ code: 'outcome-mismatch' });
    const other = pmClubsEvent('MLS', TORONTO, AUSTIN, DATE, START, {
      questions: { tor: `Will Austin FC win on ${DATE}?` },
    });
    expect(codes([other], [])).toEqual(['inconsistent']);
  });
});

describe('matchOutcomeGames: a league with a table, a club it does not know', () => {
  const FOREST_GREEN = spec('FGR', 'Forest Green', 'fgr', 'Forest Green Rovers');

  it('identifies the known club by the table and the other by its label', () => {
    const unknown = spec('FGR', 'Forest Green Rovers', 'fgr');
    const { pairs, refusals } = matchOutcomeGames(
      [pmClubsEvent('EPL', eplSpec('CRY'), unknown, DATE, START)],
      [kalshiClubsEvent('EPL', eplSpec('CRY'), unknown, DATE, START)],
    );
    expect(refusals).toEqual([]);
    expect([pairs[0]!.home.code, pairs[0]!.away.code]).toEqual(['CRY', 'forest green rovers']);
  });

  it('takes the table’s club for a code it does not know when the label is a name it knows', () => {
    const palace = { ...eplSpec('CRY'), pmCode: 'cpfc' };
    const { pairs, refusals } = matchOutcomeGames(
      [pmClubsEvent('EPL', palace, eplSpec('WHU'), DATE, START)],
      [kalshiEvent('CRY', 'WHU', DATE, START)],
    );
    expect(refusals).toEqual([]);
    expect(pairs[0]!.game.outcomes.map((o) => o.key)).toEqual(['CRY', DRAW_KEY, 'WHU']);
  });

  it('refuses where the table and a venue’s name disagree, and names the label the table lacks', () => {
    // The table knows CRY by its code; the venue's name is West Ham's: refused, as before labels.
    const rovers = spec('FGR', 'Forest Green Rovers', 'fgr');
    const wrong = matchOutcomeGames(
      [pmClubsEvent('EPL', eplSpec('CRY'), rovers, DATE, START)],
      [kalshiClubsEvent('EPL', { ...eplSpec('CRY'), kalshiLabel: 'West Ham' }, rovers, DATE, START)],
    );
    expect(wrong.pairs).toEqual([]);
    expect(wrong.refusals.find((r) => r.kalshi)).toMatchObject({
      code: 'outcome-mismatch',
      reason: 'market KXEPLGAME-26NOV25CRYFGR-CRY says "West Ham" (WHU) but its ticker is CRY',
    });
    // A club the table does not know, named differently: the cause names both labels.
    const { refusals } = matchOutcomeGames(
      [pmClubsEvent('EPL', eplSpec('CRY'), FOREST_GREEN, DATE, START)],
      [kalshiClubsEvent('EPL', eplSpec('CRY'), FOREST_GREEN, DATE, START)],
    );
    expect(refusals.map((r) => r.cause)).toEqual([
      'unknown EPL club: Kalshi "Forest Green" and Polymarket "Forest Green Rovers" both face "Crystal Palace" on 2026-11-25; if they are the same club, add an alias (POLYMIX_ALIASES)',
      'unknown EPL club: Kalshi "Forest Green" and Polymarket "Forest Green Rovers" both face "Crystal Palace" on 2026-11-25; if they are the same club, add an alias (POLYMIX_ALIASES)',
    ]);
  });
});

// ---- properties ------------------------------------------------------------------------------

const MLS_CLUBS: readonly ClubSpec[] = [
  TORONTO,
  AUSTIN,
  spec('SEA', 'Seattle Sounders FC', 'sea'),
  spec('HOU', 'Houston Dynamo', 'hou'),
  spec('SKC', 'Sporting Kansas City', 'skc'),
  spec('COL', 'Colorado Rapids', 'col'),
  spec('LAFC', 'Los Angeles FC', 'lafc'),
  spec('LA', 'LA Galaxy', 'lag'),
  spec('MTL', 'CF Montréal', 'mtl', 'CF Montreal'),
];
const DAYS = ['2026-03-07', '2026-03-08', '2026-04-18', '2026-11-01'];

/** One way a listing can go wrong; `none` leaves it clean. */
const PERTURBATIONS = [
  'none',
  'kalshi-label-home',
  'kalshi-label-away',
  'pm-label-home',
  'pm-label-away',
  'swap-home-away-kalshi',
  'swap-home-away-pm',
  'pm-day-after',
  'kalshi-start-off',
  'drop-draw-pm',
  'drop-tie-kalshi',
  'kalshi-placeholder',
  'pm-placeholder',
  'tie-label-club',
  'pm-question-other-club',
] as const;
type Perturbation = (typeof PERTURBATIONS)[number];

const gameArb = fc.record({
  home: fc.nat({ max: MLS_CLUBS.length - 1 }),
  awayOffset: fc.integer({ min: 1, max: MLS_CLUBS.length - 1 }),
  day: fc.nat({ max: DAYS.length - 1 }),
  hour: fc.integer({ min: 12, max: 22 }),
  onPolymarket: fc.boolean(),
  onKalshi: fc.boolean(),
  kalshiTime: fc.boolean(),
  perturb: fc.constantFrom<Perturbation>(...PERTURBATIONS),
});
type Draft = typeof gameArb extends fc.Arbitrary<infer T> ? T : never;

interface Truth {
  readonly home: ClubSpec;
  readonly away: ClubSpec;
  readonly date: string;
  /** Where its Polymarket listing is dated (the day after for `pm-day-after`). */
  readonly pmDate: string;
  readonly perturb: Perturbation;
  readonly both: boolean;
}

const renamed = (label: string) => `${label} Reserves`;

function build(drafts: readonly Draft[]) {
  const pm: PolymarketOutcomeEvent[] = [];
  const ks: KalshiGame[] = [];
  const truths: Truth[] = [];
  const seen = new Set<string>();
  for (const g of drafts) {
    const home = MLS_CLUBS[g.home]!;
    const away = MLS_CLUBS[(g.home + g.awayOffset) % MLS_CLUBS.length]!;
    const date = DAYS[g.day]!;
    // A club plays at most once in any two neighbouring DAYS entries: the `pm-day-after`
    // perturbation moves a listing to the next entry, which must then hold no real game of the
    // same clubs (soccer has no doubleheaders and no games on consecutive days).
    const near = [g.day - 1, g.day, g.day + 1].map((d) => (d + DAYS.length) % DAYS.length);
    if (near.some((d) => seen.has(`${home.kalshiCode}|${d}`) || seen.has(`${away.kalshiCode}|${d}`))) continue;
    seen.add(`${home.kalshiCode}|${g.day}`);
    seen.add(`${away.kalshiCode}|${g.day}`);
    const p = g.perturb;
    const start = startAt(date, g.hour);
    const relabel = (c: ClubSpec, venue: 'kalshi' | 'pm', slot: 'home' | 'away'): ClubSpec => {
      if (p === `${venue}-label-${slot}`)
        return venue === 'kalshi'
          ? { ...c, kalshiLabel: renamed(c.kalshiLabel) }
          : { ...c, pmLabel: renamed(c.pmLabel) };
      if (p === `${venue}-placeholder` && slot === 'away')
        return venue === 'kalshi' ? { ...c, kalshiLabel: 'TBD' } : { ...c, pmLabel: 'TBD' };
      return c;
    };
    if (g.onPolymarket) {
      const [h, a] = [relabel(home, 'pm', 'home'), relabel(away, 'pm', 'away')];
      const pmDate = p === 'pm-day-after' ? DAYS[(g.day + 1) % DAYS.length]! : date;
      const [ph, pa] = p === 'swap-home-away-pm' ? [a, h] : [h, a];
      pm.push(
        pmClubsEvent('MLS', ph, pa, pmDate, p === 'pm-day-after' ? startAt(pmDate, g.hour) : start, {
          ...(p === 'drop-draw-pm' ? { suffixes: [h.pmCode, a.pmCode] } : {}),
          ...(p === 'pm-question-other-club' ? { questions: { [h.pmCode]: `Will ${a.pmLabel} win on ${date}?` } } : {}),
        }),
      );
    }
    if (g.onKalshi) {
      const [h, a] = [relabel(home, 'kalshi', 'home'), relabel(away, 'kalshi', 'away')];
      const [kh, ka] = p === 'swap-home-away-kalshi' ? [a, h] : [h, a];
      // A moved game: the ticker's start (when it has one) 3 h off, the API start 7 h off.
      const kHour = p === 'kalshi-start-off' ? g.hour + 3 : g.hour;
      ks.push(
        kalshiClubsEvent('MLS', kh, ka, date, start, {
          time: g.kalshiTime ? `${String(kHour).padStart(2, '0')}00` : null,
          apiStartMs: p === 'kalshi-start-off' ? start + 7 * 3_600_000 : start,
          ...(p === 'drop-tie-kalshi' ? { codes: [kh.kalshiCode, ka.kalshiCode] } : {}),
          ...(p === 'tie-label-club' ? { subTitles: { TIE: h.kalshiLabel } } : {}),
        }),
      );
    }
    const pmDate = p === 'pm-day-after' ? DAYS[(g.day + 1) % DAYS.length]! : date;
    truths.push({ home, away, date, pmDate, perturb: p, both: g.onPolymarket && g.onKalshi });
  }
  return { pm, ks, truths };
}

describe('matchOutcomeGames: properties of label-identified clubs', () => {
  it('never pairs a perturbed or different game, pairs every clean one, and names each renamed club', () => {
    fc.assert(
      fc.property(fc.array(gameArb, { minLength: 1, maxLength: 10 }), fc.boolean(), (drafts, reverse) => {
        const { pm, ks, truths } = build(drafts);
        const result = matchOutcomeGames(reverse ? [...pm].reverse() : pm, reverse ? [...ks].reverse() : ks);
        for (const pair of result.pairs) {
          // Both listings are one generated game: its clubs, home first, on its date.
          const exact = truths.filter(
            (t) =>
              pair.polymarket.slug === `mls-${t.home.pmCode}-${t.away.pmCode}-${t.date}` &&
              pair.kalshi.eventTicker.startsWith(`KXMLSGAME-${tickerDate(t.date)}`) &&
              pair.kalshi.eventTicker.endsWith(`${t.home.kalshiCode}${t.away.kalshiCode}`),
          );
          expect(exact).toHaveLength(1);
          const t = exact[0]!;
          expect(t.perturb).toBe('none');
          expect([pair.home.code, pair.away.code]).toEqual([
            normalizeName(t.home.pmLabel),
            normalizeName(t.away.pmLabel),
          ]);
          checkMapping(pair, t.home, t.away);
        }
        for (const t of truths.filter((x) => x.perturb === 'none' && x.both)) {
          const slug = `mls-${t.home.pmCode}-${t.away.pmCode}-${t.date}`;
          expect(result.pairs.filter((p) => p.polymarket.slug === slug)).toHaveLength(1);
        }
        // A club renamed on one venue: both listings refused, the cause names both labels.
        for (const t of truths.filter((x) => x.both && /^(kalshi|pm)-label-/.test(x.perturb))) {
          const clubs = [t.home.kalshiCode, t.away.kalshiCode];
          const busy = truths.filter(
            (o) =>
              (o.date === t.date || o.pmDate === t.date) &&
              [o.home.kalshiCode, o.away.kalshiCode].some((c) => clubs.includes(c)),
          );
          if (busy.length > 1) continue; // another listing of these clubs that day may be named instead
          const club = t.perturb.endsWith('home') ? t.home : t.away;
          const kLabel = t.perturb.startsWith('kalshi') ? renamed(club.kalshiLabel) : club.kalshiLabel;
          const pLabel = t.perturb.startsWith('pm') ? renamed(club.pmLabel) : club.pmLabel;
          const slug = `mls-${t.home.pmCode}-${t.away.pmCode}-${t.date}`;
          const ticker = (r: { kalshi?: string }) =>
            (r.kalshi ?? '').startsWith(`KXMLSGAME-${tickerDate(t.date)}`) && (r.kalshi ?? '').endsWith(clubs.join(''));
          const mine = result.refusals.filter((r) => r.polymarket === slug || ticker(r));
          expect(mine).toHaveLength(2);
          for (const r of mine) expect(r.cause).toContain(`Kalshi "${kLabel}" and Polymarket "${pLabel}"`);
        }
        const again = matchOutcomeGames([...pm].reverse(), [...ks].reverse());
        expect(again.pairs.map((p) => p.id)).toEqual(result.pairs.map((p) => p.id));
        expect(again.refusals).toEqual(result.refusals);
      }),
      { numRuns: 300 },
    );
  });
});
