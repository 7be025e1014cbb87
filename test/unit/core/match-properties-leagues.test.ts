/**
 * Property tests of matchGames for the two-way leagues without a team table (WNBA, college,
 * tennis, UFC, esports): generated schedules with known ground truth, listed on Kalshi and
 * Polymarket with every signal both venues give perturbed — league (the same schools in the men's
 * and women's leagues on one day, a slug of another league), participants and their orientation
 * (outcomes, slug codes and Kalshi markets in either order, a label one venue writes differently,
 * two participants sharing a label, placeholders), date (the same matchup on neighbouring days),
 * start time (Kalshi ticker time, API start with noise, or none), and repeated matchups on one day.
 * Whatever the perturbation, no pair joins two different games or two different participants.
 */
import fc from 'fast-check';
import { LEAGUE_CATALOGUE } from '../../../lib/core/leagues';
import type { KalshiGame, KalshiGameMarket, League, PolymarketGame, PolymarketUsGame } from '../../../lib/core/market';
import { polymarketSideGameId } from '../../../lib/core/market';
import { matchGamesDetailed } from '../../../lib/core/match';
import { easternWallTimeToMs, KALSHI_GAME_SERIES } from '../../../lib/core/teams';
import { PARTICIPANT_ALIASES, type ParticipantAliases, withAliases } from '../../../lib/core/teams/participants';
import { pmGame, pmUsGame } from './match-fixtures';

const TWO_WAY: readonly League[] = [
  'WNBA',
  'NCAAF',
  'NCAAMB',
  'NCAAWB',
  'ATP',
  'WTA',
  'UFC',
  'CS2',
  'LOL',
  'VAL',
  'DOTA2',
];
/** Leagues whose listings can name the same participants on the same day. */
const SIBLING: Partial<Record<League, League>> = { NCAAMB: 'NCAAWB', NCAAWB: 'NCAAMB', ATP: 'WTA', WTA: 'ATP' };

/**
 * The participants: Kalshi code, Polymarket slug code, label. Hyphenated and digit codes, a code
 * `TIE` (a player, as in KXATPMATCH-26MAR12TIESIN), and identities 5 and 6 that share the label
 * "Miami" with different codes.
 */
const PEOPLE = [
  { k: 'M-OH', p: 'mioh', label: 'Miami (OH)' },
  { k: 'WKU', p: 'wku', label: 'Western Kentucky' },
  { k: 'TIE', p: 'tien', label: 'Learner Tien' },
  { k: '9INE', p: '9ine', label: '9INE' },
  { k: 'FUR', p: 'furia', label: 'FURIA' },
  { k: 'MIA', p: 'mia', label: 'Miami' },
  { k: 'MIAF', p: 'miaf', label: 'Miami' },
  { k: 'MOSU', p: 'mosu', label: 'Missouri St.' },
] as const;

const DAYS = ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

const gameArb = fc.record({
  a: fc.nat({ max: PEOPLE.length - 1 }),
  b: fc.integer({ min: 1, max: PEOPLE.length - 1 }),
  sibling: fc.boolean(),
  day: fc.nat({ max: DAYS.length - 1 }),
  /** Slot of the day: repeated matchups start ≥ 3 h apart. */
  slot: fc.nat({ max: 3 }),
  minute: fc.constantFrom(0, 15, 30),
  onPolymarket: fc.boolean(),
  onKalshi: fc.boolean(),
  outcomesReversed: fc.boolean(),
  slugReversed: fc.boolean(),
  marketsReversed: fc.boolean(),
  tickerReversed: fc.boolean(),
  kalshiTime: fc.constantFrom<'ticker' | 'api' | 'none'>('ticker', 'api', 'none'),
  apiNoiseMin: fc.integer({ min: -60, max: 60 }),
  /** One venue writes a label differently ("Missouri State" for "Missouri St."). */
  kalshiLabelVariant: fc.boolean(),
  /** The Polymarket listing carries another league's slug prefix. */
  slugOfOtherLeague: fc.boolean(),
  /** A placeholder label instead of a participant. */
  placeholder: fc.boolean(),
});

const scheduleArb = fc.record({
  league: fc.constantFrom(...TWO_WAY),
  games: fc.array(gameArb, { minLength: 1, maxLength: 10 }),
});

interface RealGame {
  readonly index: number;
  readonly league: League;
  readonly people: readonly [number, number];
  readonly date: string;
  readonly startMs: number;
  readonly timeEt: string;
  readonly draft: Draft;
}

type Draft = typeof gameArb extends fc.Arbitrary<infer T> ? T : never;

function buildSchedule(s: { league: League; games: Draft[] }) {
  const games: RealGame[] = [];
  const busy = new Set<string>();
  for (const g of s.games) {
    const a = g.a;
    const b = (g.a + g.b) % PEOPLE.length;
    const league = g.sibling ? (SIBLING[s.league] ?? s.league) : s.league;
    const date = DAYS[g.day]!;
    const hour = 10 + g.slot * 3;
    // A participant plays once a day, except where the catalogue says a pairing can repeat on one
    // day (esports brackets: once per slot). Elsewhere the matcher trusts the date alone when Kalshi
    // gives no start (lib/core/leagues.ts hazards). (A tennis player may play twice after rain,
    // but the two opponents would then need one label for a wrong pair.)
    const repeats = LEAGUE_CATALOGUE[league].hazards.some((h) => h.id === 'repeated-pairing');
    const key = (p: number) => `${league}|${p}|${date}${repeats ? `|${g.slot}` : ''}`;
    if (busy.has(key(a)) || busy.has(key(b))) continue;
    busy.add(key(a));
    busy.add(key(b));
    games.push({
      index: games.length,
      league,
      people: [a, b],
      date,
      startMs: easternWallTimeToMs(date, hour, g.minute),
      timeEt: `${String(hour).padStart(2, '0')}${String(g.minute).padStart(2, '0')}`,
      draft: g,
    });
  }
  return games;
}

function tickerDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y!.slice(2)}${MONTHS[Number(m) - 1]}${d}`;
}

interface Truth {
  readonly game: RealGame;
  /** Who each Kalshi market ticker / Polymarket token pays on. */
  readonly paysOn: ReadonlyMap<string, number>;
}

function listings(games: readonly RealGame[]): { pm: PolymarketGame[]; ks: KalshiGame[]; truth: Map<string, Truth> } {
  const pm: PolymarketGame[] = [];
  const ks: KalshiGame[] = [];
  const truth = new Map<string, Truth>();
  for (const game of games) {
    const g = game.draft;
    const [a, b] = game.people.map((i) => PEOPLE[i]!) as [(typeof PEOPLE)[number], (typeof PEOPLE)[number]];
    const label = (i: 0 | 1, venue: 'k' | 'p') => {
      const person = i === 0 ? a : b;
      if (g.placeholder && i === 1) return 'TBD';
      if (venue === 'k' && g.kalshiLabelVariant && person.label === 'Missouri St.') return 'Missouri State';
      return person.label;
    };
    if (g.onPolymarket) {
      const prefix = g.slugOfOtherLeague
        ? LEAGUE_CATALOGUE[game.league === 'CS2' ? 'VAL' : 'CS2'].polymarket.prefix
        : LEAGUE_CATALOGUE[game.league].polymarket.prefix;
      const [s1, s2] = g.slugReversed ? [b, a] : [a, b];
      const order: [0 | 1, 0 | 1] = g.outcomesReversed ? [1, 0] : [0, 1];
      const conditionId = `0x${game.index}`;
      const listing = pmGame({
        slug: `${prefix}-${s1.p}-${s2.p}-${game.date}`,
        outcomes: [label(order[0], 'p'), label(order[1], 'p')],
        start: new Date(game.startMs).toISOString(),
        conditionId,
        league: game.league,
      });
      pm.push(listing);
      truth.set(conditionId, {
        game,
        paysOn: new Map([
          [listing.outcomes[0].tokenId, game.people[order[0]]],
          [listing.outcomes[1].tokenId, game.people[order[1]]],
        ]),
      });
    }
    if (g.onKalshi) {
      const [t1, t2] = g.tickerReversed ? [b, a] : [a, b];
      const time = g.kalshiTime === 'ticker' ? game.timeEt : '';
      const eventTicker = `${KALSHI_GAME_SERIES[game.league]}-${tickerDate(game.date)}${time}${t1.k}${t2.k}`;
      const market = (i: 0 | 1): KalshiGameMarket => {
        const person = i === 0 ? a : b;
        return {
          ticker: `${eventTicker}-${person.k}`,
          suffix: person.k,
          yesSubTitle: label(i, 'k'),
          tickMicros: 10_000,
          tradable: true,
        };
      };
      const markets = g.marketsReversed ? [market(1), market(0)] : [market(0), market(1)];
      ks.push({
        venue: 'kalshi',
        league: game.league,
        seriesTicker: KALSHI_GAME_SERIES[game.league],
        eventTicker,
        title: 'game',
        markets,
        gameStartMs: g.kalshiTime === 'api' ? game.startMs + g.apiNoiseMin * 60_000 : null,
        expectedExpirationMs: null,
        feeType: 'quadratic_with_maker_fees',
        feeMultiplierPpm: 1_000_000,
      });
      truth.set(eventTicker, {
        game,
        paysOn: new Map([
          [`${eventTicker}-${a.k}`, game.people[0]],
          [`${eventTicker}-${b.k}`, game.people[1]],
        ]),
      });
    }
  }
  return { pm, ks, truth };
}

describe('matchGames properties, leagues without a team table', () => {
  it('never pairs two different games, and pairs every side with the same participant on both venues', () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        const games = buildSchedule(s);
        const { pm, ks, truth } = listings(games);
        const { pairs } = matchGamesDetailed(pm, ks);
        for (const pair of pairs) {
          const p = truth.get(polymarketSideGameId(pair.polymarket))!;
          const k = truth.get(pair.kalshi.eventTicker)!;
          expect(k.game).toBe(p.game);
          expect(pair.league).toBe(p.game.league);
          for (const side of pair.sides) {
            if (side.polymarket.venue !== 'polymarket') throw new Error('unexpected venue');
            expect(k.paysOn.get(side.kalshiTicker)).toBe(p.paysOn.get(side.polymarket.tokenId));
          }
          expect(pair.sides[0].kalshiTicker).not.toBe(pair.sides[1].kalshiTicker);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('uses each listing at most once, accounts for every listing, whatever the input order', () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        const games = buildSchedule(s);
        const { pm, ks } = listings(games);
        const result = matchGamesDetailed(pm, ks);
        const pmUsed = result.pairs.map((p) => polymarketSideGameId(p.polymarket));
        const kUsed = result.pairs.map((p) => p.kalshi.eventTicker);
        expect(new Set(pmUsed).size).toBe(pmUsed.length);
        expect(new Set(kUsed).size).toBe(kUsed.length);
        for (const g of pm)
          expect(pmUsed.includes(g.conditionId) || result.refusals.some((r) => r.polymarket === g.conditionId)).toBe(
            true,
          );
        for (const k of ks)
          expect(kUsed.includes(k.eventTicker) || result.refusals.some((r) => r.kalshi === k.eventTicker)).toBe(true);
        expect(matchGamesDetailed([...pm].reverse(), [...ks].reverse())).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });

  it('pairs a cleanly listed game when nothing else shares its participants and date', () => {
    fc.assert(
      fc.property(scheduleArb, (s) => {
        const games = buildSchedule(s);
        const { pm, ks } = listings(games);
        const { pairs } = matchGamesDetailed(pm, ks);
        const paired = new Set(pairs.map((p) => polymarketSideGameId(p.polymarket)));
        const labels = (g: RealGame) =>
          g.people
            .map((i) => PEOPLE[i]!.label)
            .sort()
            .join('|');
        for (const g of games) {
          const d = g.draft;
          const clean =
            d.onPolymarket &&
            d.onKalshi &&
            !d.placeholder &&
            PEOPLE[g.people[0]]!.label !== PEOPLE[g.people[1]]!.label &&
            !d.slugOfOtherLeague &&
            !(d.kalshiLabelVariant && g.people.some((i) => PEOPLE[i]!.label === 'Missouri St.')) &&
            // Leagues whose matchups repeat on one day need a Kalshi start.
            (d.kalshiTime !== 'none' || !LEAGUE_CATALOGUE[g.league].hazards.some((h) => h.id === 'repeated-pairing'));
          const alone =
            games.filter((o) => o !== g && o.league === g.league && o.date === g.date && labels(o) === labels(g))
              .length === 0;
          if (clean && alone) expect(paired.has(`0x${g.index}`)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** The two-way label leagues Polymarket US lists (the catalogue's `polymarketUs`). */
const ON_PM_US = TWO_WAY.filter((l) => LEAGUE_CATALOGUE[l].polymarketUs !== undefined);

/**
 * The same schedule listed on Polymarket US: `aec-{league}-{first}-{second}-{date}`, the first
 * participant long (slug order perturbed), the same label and league perturbations; the Kalshi
 * listings and their truth as on Polymarket.
 */
function usListings(games: readonly RealGame[]): {
  us: PolymarketUsGame[];
  ks: KalshiGame[];
  truth: Map<string, Truth>;
} {
  const { ks, truth } = listings(games.map((g) => ({ ...g, draft: { ...g.draft, onPolymarket: false } })));
  const us: PolymarketUsGame[] = [];
  for (const game of games) {
    const g = game.draft;
    if (!g.onPolymarket) continue;
    const order: [0 | 1, 0 | 1] = g.slugReversed ? [1, 0] : [0, 1];
    const person = (i: 0 | 1) => PEOPLE[game.people[order[i]]]!;
    const label = (i: 0 | 1) => (g.placeholder && order[i] === 1 ? 'TBD' : person(i).label);
    const league = g.slugOfOtherLeague ? 'mma' : LEAGUE_CATALOGUE[game.league].polymarketUs!.slugLeague;
    const listing = pmUsGame({
      slug: `aec-${league}-${person(0).p}-${person(1).p}-${game.date}`,
      names: [label(0), label(1)],
      start: new Date(game.startMs).toISOString(),
      league: game.league,
    });
    us.push(listing);
    truth.set(listing.marketSlug, {
      game,
      paysOn: new Map([
        ['long', game.people[order[0]]],
        ['short', game.people[order[1]]],
      ]),
    });
  }
  return { us, ks, truth };
}

describe('matchGames properties, Kalshi × Polymarket US, leagues matched by labels', () => {
  const usScheduleArb = fc.record({
    league: fc.constantFrom(...ON_PM_US),
    games: fc.array(gameArb, { minLength: 1, maxLength: 10 }),
  });

  it('never pairs two different games, and pairs every side with the same participant on both venues', () => {
    expect(ON_PM_US).toEqual(['UFC']);
    fc.assert(
      fc.property(usScheduleArb, (s) => {
        const games = buildSchedule(s);
        const { us, ks, truth } = usListings(games);
        const { pairs } = matchGamesDetailed(us, ks);
        for (const pair of pairs) {
          const p = truth.get(polymarketSideGameId(pair.polymarket))!;
          const k = truth.get(pair.kalshi.eventTicker)!;
          expect(k.game.index).toBe(p.game.index);
          for (const side of pair.sides) {
            if (side.polymarket.venue !== 'polymarket-us') throw new Error('unexpected venue');
            expect(k.paysOn.get(side.kalshiTicker)).toBe(p.paysOn.get(side.polymarket.side));
          }
        }
        // A cleanly listed fight with no other of its labels on its date pairs.
        const paired = new Set(pairs.map((p) => polymarketSideGameId(p.polymarket)));
        for (const listing of us) {
          const g = truth.get(listing.marketSlug)!.game;
          const d = g.draft;
          const labels = (x: RealGame) =>
            x.people
              .map((i) => PEOPLE[i]!.label)
              .sort()
              .join('|');
          const clean =
            d.onKalshi &&
            !d.placeholder &&
            !d.slugOfOtherLeague &&
            PEOPLE[g.people[0]]!.label !== PEOPLE[g.people[1]]!.label &&
            !(d.kalshiLabelVariant && g.people.some((i) => PEOPLE[i]!.label === 'Missouri St.'));
          const alone = games.filter((o) => o !== g && o.date === g.date && labels(o) === labels(g)).length === 0;
          if (clean && alone) expect(paired.has(listing.marketSlug)).toBe(true);
          if (d.slugOfOtherLeague) expect(paired.has(listing.marketSlug)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('matchGames, leagues without a team table: examples', () => {
  const ncaamb = (
    kSubs: [string, string],
    pmOutcomes: [string, string],
    kStartMs: number | null = null,
    aliases: ParticipantAliases = PARTICIPANT_ALIASES,
  ) => {
    const eventTicker = 'KXNCAAMBGAME-26MAR05M-OHWKU';
    const k: KalshiGame = {
      venue: 'kalshi',
      league: 'NCAAMB',
      seriesTicker: 'KXNCAAMBGAME',
      eventTicker,
      title: 'Miami (OH) at Western Kentucky',
      markets: [
        { ticker: `${eventTicker}-M-OH`, suffix: 'M-OH', yesSubTitle: kSubs[0], tickMicros: 10_000, tradable: true },
        { ticker: `${eventTicker}-WKU`, suffix: 'WKU', yesSubTitle: kSubs[1], tickMicros: 10_000, tradable: true },
      ],
      gameStartMs: kStartMs,
      expectedExpirationMs: null,
      feeType: 'quadratic_with_maker_fees',
      feeMultiplierPpm: 1_000_000,
    };
    const p = pmGame({
      slug: 'cbb-mioh-wku-2026-03-05',
      outcomes: pmOutcomes,
      start: '2026-03-06T00:00:00Z',
      league: 'NCAAMB',
    });
    return matchGamesDetailed([p], [k], aliases);
  };

  it('pairs a hyphenated college code by the venues’ labels, oriented by participant', () => {
    const { pairs, refusals } = ncaamb(['Miami (OH)', 'Western Kentucky'], ['Western Kentucky', 'Miami OH']);
    expect(refusals).toEqual([]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.sides.map((s) => s.kalshiTicker)).toEqual([
      'KXNCAAMBGAME-26MAR05M-OHWKU-WKU',
      'KXNCAAMBGAME-26MAR05M-OHWKU-M-OH',
    ]);
  });

  it('refuses a label one venue writes differently, naming both labels as the cause', () => {
    const { pairs, refusals } = ncaamb(['Miami (OH)', 'W. Kentucky'], ['Western Kentucky', 'Miami OH']);
    expect(pairs).toEqual([]);
    expect(refusals.map((r) => r.code)).toEqual(['no-counterpart', 'no-counterpart']);
    expect(refusals[0]!.cause).toBe(
      'unknown NCAAMB participant: Kalshi "W. Kentucky" and Polymarket "Western Kentucky" both face "miami oh" on 2026-03-05; if they are the same, add an alias (POLYMIX_ALIASES)',
    );
    expect(refusals[1]!.cause).toBe(refusals[0]!.cause);
  });

  it('pairs differing labels once the operator adds alias groups (withAliases), oriented by participant', () => {
    const kalshi: [string, string] = ['Miami (OH)', 'Western Kentucky'];
    const polymarket: [string, string] = ['Western Kentucky Hilltoppers', 'Miami (OH) RedHawks'];
    expect(ncaamb(kalshi, polymarket).pairs).toEqual([]);
    const aliases = withAliases({
      NCAAMB: [
        ['Western Kentucky Hilltoppers', 'Western Kentucky'],
        ['Miami (OH) RedHawks', 'Miami (OH)'],
      ],
    });
    const { pairs, refusals } = ncaamb(kalshi, polymarket, null, aliases);
    expect(refusals).toEqual([]);
    expect(pairs).toHaveLength(1);
    // Outcome 0 is Western Kentucky on Polymarket: its Kalshi market is WKU's.
    expect(pairs[0]!.sides.map((s) => s.kalshiTicker)).toEqual([
      'KXNCAAMBGAME-26MAR05M-OHWKU-WKU',
      'KXNCAAMBGAME-26MAR05M-OHWKU-M-OH',
    ]);
    // A group that reuses a name of another group with another first name decides nothing: refused.
    const clash = withAliases({ NCAAMB: [['Western Kentucky', 'Miami (OH) RedHawks']] }, aliases);
    expect(ncaamb(kalshi, polymarket, null, clash).pairs).toEqual([]);
  });

  it('refuses two listings that share no label, and hints at aliases unless their starts are apart', () => {
    const tip = Date.parse('2026-03-06T00:00:00Z');
    const kalshi: [string, string] = ['Miami (OH)', 'Western Kentucky'];
    const polymarket: [string, string] = ['Western Kentucky Hilltoppers', 'Miami (OH) RedHawks'];
    const together = ncaamb(kalshi, polymarket, tip + 5 * 60_000);
    expect(together.pairs).toEqual([]);
    expect(together.refusals.map((r) => r.code)).toEqual(['no-counterpart', 'no-counterpart']);
    const cause =
      'unknown NCAAMB participants: Kalshi "Miami (OH)" v "Western Kentucky" and Polymarket "Western Kentucky Hilltoppers" v "Miami (OH) RedHawks" may be one game on 2026-03-05; if so, add aliases (POLYMIX_ALIASES)';
    expect(together.refusals.map((r) => r.cause)).toEqual([cause, cause]);
    // Without a Kalshi start nothing says they are not: the same hint. An hour apart: no hint.
    expect(ncaamb(kalshi, polymarket).refusals.map((r) => r.cause)).toEqual([cause, cause]);
    expect(ncaamb(kalshi, polymarket, tip + 60 * 60_000).refusals.map((r) => r.cause)).toEqual([undefined, undefined]);
    // Labels whose first words differ are no hint either.
    expect(ncaamb(kalshi, ['WKU Hilltoppers', 'Miami (OH) RedHawks'], tip).refusals.map((r) => r.cause)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('refuses a placeholder participant and a three-way listing with their reasons', () => {
    expect(ncaamb(['Miami (OH)', 'TBD'], ['Western Kentucky', 'Miami OH']).refusals[0]).toMatchObject({
      code: 'unknown-team',
    });
    const epl = pmGame({
      slug: 'epl-che-avl-2026-04-20',
      outcomes: ['Chelsea', 'Aston Villa'],
      start: null,
      league: 'EPL',
    });
    expect(matchGamesDetailed([epl], []).refusals).toEqual([
      { polymarket: epl.conditionId, code: 'three-way', reason: 'three-way: not paired by the two-way matcher' },
    ]);
  });
});
