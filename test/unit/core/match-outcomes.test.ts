/**
 * The three-way matcher (lib/core/match/outcomes.ts): examples of every refusal, then properties
 * over generated slates with perturbed signals: never a wrong pair, never a swapped home and
 * away, never a draw mapped to a club, and every clean game paired.
 */
import fc from 'fast-check';
import type { KalshiGame, PolymarketOutcomeEvent } from '../../../lib/core/market';
import { DRAW_KEY, matchOutcomeGames } from '../../../lib/core/match/outcomes';
import type { OutcomePair } from '../../../lib/core/outcome-arb';
import { clubsOf } from '../../../lib/core/teams/clubs';
import { club, kalshiEvent, pmEvent, startAt } from './match-outcomes-fixtures';

const DATE = '2026-04-20';
const START = startAt(DATE, 15, 0);

function one(pm: PolymarketOutcomeEvent[], k: KalshiGame[]) {
  return matchOutcomeGames(pm, k);
}

/** Every outcome of the pair maps the same outcome on both venues (ids encode the truth). */
function checkMapping(pair: OutcomePair): void {
  const pmCode = (ref: { code: string }) => club(ref.code).polymarketCodes[0]!;
  const kCode = (ref: { code: string }) => club(ref.code).kalshiCodes[0]!;
  for (const o of pair.game.outcomes) {
    const market = pair.polymarket.markets.find((m) => m.conditionId === o.polymarket.conditionId)!;
    expect(market.yesTokenId).toBe(o.polymarket.yesTokenId);
    expect(market.noTokenId).toBe(o.polymarket.noTokenId);
    if (o.kind === 'draw') {
      expect(o.key).toBe(DRAW_KEY);
      expect(o.kalshiTicker.endsWith('-TIE')).toBe(true);
      expect(market.slug.endsWith('-draw')).toBe(true);
    } else {
      const ref = { code: o.key };
      expect(o.kalshiTicker.endsWith(`-${kCode(ref)}`)).toBe(true);
      expect(market.slug.endsWith(`-${pmCode(ref)}`)).toBe(true);
    }
  }
}

describe('matchOutcomeGames: examples', () => {
  it('pairs a clean EPL game outcome by outcome, home, draw, away', () => {
    const { pairs, refusals } = one([pmEvent('CRY', 'WHU', DATE, START)], [kalshiEvent('CRY', 'WHU', DATE, START)]);
    expect(refusals).toEqual([]);
    expect(pairs).toHaveLength(1);
    const pair = pairs[0]!;
    expect(pair.id).toBe('EPL:epl-cry-wes-2026-04-20:KXEPLGAME-26APR20CRYWHU');
    expect(pair.home.code).toBe('CRY');
    expect(pair.away.code).toBe('WHU');
    expect(pair.game.outcomes.map((o) => [o.key, o.kind, o.kalshiTicker])).toEqual([
      ['CRY', 'participant', 'KXEPLGAME-26APR20CRYWHU-CRY'],
      ['draw', 'draw', 'KXEPLGAME-26APR20CRYWHU-TIE'],
      ['WHU', 'participant', 'KXEPLGAME-26APR20CRYWHU-WHU'],
    ]);
    expect(pair.names).toEqual({ CRY: 'Crystal Palace', WHU: 'West Ham', draw: 'Draw' });
    checkMapping(pair);
  });

  it('maps Kalshi and Polymarket codes that differ (CFC ↔ che) and any market order', () => {
    const pm = pmEvent('CHE', 'AVL', DATE, START, { suffixes: ['draw', 'avl', 'che'] });
    const k = kalshiEvent('CHE', 'AVL', DATE, START, { codes: ['TIE', 'AVL', 'CFC'] });
    const { pairs } = one([pm], [k]);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.game.outcomes.map((o) => o.key)).toEqual(['CHE', 'draw', 'AVL']);
    checkMapping(pairs[0]!);
  });

  const refusedWith = (pm: PolymarketOutcomeEvent, k: KalshiGame, code: string, reason: RegExp) => {
    const { pairs, refusals } = one([pm], [k]);
    expect(pairs).toEqual([]);
    expect(refusals.some((r) => r.code === code && reason.test(r.reason))).toBe(true);
  };

  it('refuses swapped home and away', () => {
    refusedWith(
      pmEvent('CRY', 'WHU', DATE, START),
      kalshiEvent('WHU', 'CRY', DATE, START),
      'inconsistent',
      /home and away differ/,
    );
  });

  it('refuses a different date and a start time too far off', () => {
    refusedWith(
      pmEvent('CRY', 'WHU', DATE, START),
      kalshiEvent('CRY', 'WHU', '2026-04-21', startAt('2026-04-21', 15)),
      'no-counterpart',
      /no Kalshi listing/,
    );
    refusedWith(
      pmEvent('CRY', 'WHU', DATE, START),
      kalshiEvent('CRY', 'WHU', DATE, START, { time: '1000' }),
      'start-mismatch',
      /differ by 300 min/,
    );
  });

  it('refuses an outcome list that is not the two clubs and the draw', () => {
    const k = kalshiEvent('CRY', 'WHU', DATE, START);
    refusedWith(
      pmEvent('CRY', 'WHU', DATE, START, { suffixes: ['cry', 'wes'] }),
      k,
      'outcome-mismatch',
      /missing draw/,
    );
    refusedWith(
      pmEvent('CRY', 'WHU', DATE, START, { suffixes: ['cry', 'draw', 'wes', 'che'] }),
      k,
      'outcome-mismatch',
      /neither club/,
    );
    refusedWith(
      pmEvent('CRY', 'WHU', DATE, START, { suffixes: ['cry', 'draw', 'draw'] }),
      k,
      'outcome-mismatch',
      /two markets for outcome draw/,
    );
    refusedWith(
      pmEvent('CRY', 'WHU', DATE, START, { questions: { draw: 'Will Crystal Palace FC win on 2026-04-20?' } }),
      k,
      'outcome-mismatch',
      /draw market/,
    );
    refusedWith(
      pmEvent('CRY', 'WHU', DATE, START, { questions: { cry: 'Will West Ham United FC win on 2026-04-20?' } }),
      k,
      'outcome-mismatch',
      /asks about "West Ham United FC" \(WHU\), not CRY/,
    );
    refusedWith(pmEvent('CRY', 'WHU', DATE, START, { negRisk: false }), k, 'outcome-mismatch', /not negRisk/);
    const pm = pmEvent('CRY', 'WHU', DATE, START);
    refusedWith(
      pm,
      kalshiEvent('CRY', 'WHU', DATE, START, { codes: ['CRY', 'WHU'] }),
      'outcome-mismatch',
      /TIE expected/,
    );
    refusedWith(
      pm,
      kalshiEvent('CRY', 'WHU', DATE, START, { subTitles: { TIE: 'Crystal Palace' } }),
      'outcome-mismatch',
      /tie market/,
    );
    refusedWith(
      pm,
      kalshiEvent('CRY', 'WHU', DATE, START, { subTitles: { CRY: 'West Ham' } }),
      'outcome-mismatch',
      /says "West Ham" \(WHU\)/,
    );
  });

  it('refuses a two-way league, unknown clubs and two listings of one game', () => {
    const pm = pmEvent('CRY', 'WHU', DATE, START);
    const k = kalshiEvent('CRY', 'WHU', DATE, START);
    const bad = { ...pm, slug: 'epl-cry-xyz-2026-04-20' };
    expect(one([bad], [k]).refusals.find((r) => r.polymarket === bad.slug)?.code).toBe('unknown-team');
    const twice = kalshiEvent('CRY', 'WHU', DATE, START, { time: '1500' });
    const { pairs, refusals } = one([pm], [k, twice]);
    expect(pairs).toEqual([]);
    expect(refusals.filter((r) => r.code === 'ambiguous')).toHaveLength(3);
    expect(one([pm], [{ ...k, league: 'NBA' }]).pairs).toEqual([]);
  });
});

// ---- properties ------------------------------------------------------------------------------

const CLUBS = clubsOf('EPL').map((c) => c.code);
const DAYS = ['2026-03-07', '2026-03-08', '2026-04-20', '2026-11-01'];

/** One way a listing can go wrong; `none` leaves it clean. */
const PERTURBATIONS = [
  'none',
  'swap-home-away-kalshi',
  'swap-home-away-pm',
  'drop-draw-pm',
  'drop-tie-kalshi',
  'third-club-pm',
  'draw-question-is-a-club',
  'club-question-names-other',
  'kalshi-subtitle-other',
  'tie-subtitle-club',
  'not-negrisk',
  'pm-day-after',
  'kalshi-start-off',
  'pm-league-ucl',
] as const;
type Perturbation = (typeof PERTURBATIONS)[number];

const gameArb = fc.record({
  home: fc.nat({ max: CLUBS.length - 1 }),
  awayOffset: fc.integer({ min: 1, max: CLUBS.length - 1 }),
  day: fc.nat({ max: DAYS.length - 1 }),
  hour: fc.integer({ min: 7, max: 15 }),
  onPolymarket: fc.boolean(),
  onKalshi: fc.boolean(),
  kalshiTime: fc.boolean(),
  shufflePm: fc.boolean(),
  shuffleKalshi: fc.boolean(),
  perturb: fc.constantFrom<Perturbation>(...PERTURBATIONS),
});

interface Truth {
  readonly home: string;
  readonly away: string;
  readonly date: string;
  readonly clean: boolean;
  readonly both: boolean;
}

function build(draft: ReadonlyArray<unknown>) {
  const pm: PolymarketOutcomeEvent[] = [];
  const ks: KalshiGame[] = [];
  const truths: Truth[] = [];
  const seen = new Set<string>();
  for (const g of draft as Array<{
    home: number;
    awayOffset: number;
    day: number;
    hour: number;
    onPolymarket: boolean;
    onKalshi: boolean;
    kalshiTime: boolean;
    shufflePm: boolean;
    shuffleKalshi: boolean;
    perturb: Perturbation;
  }>) {
    const home = CLUBS[g.home]!;
    const away = CLUBS[(g.home + g.awayOffset) % CLUBS.length]!;
    const date = DAYS[g.day]!;
    // A club plays at most once in any two neighbouring DAYS entries: the `pm-day-after`
    // perturbation moves a listing to the next entry, which must then hold no real game of the
    // same clubs (soccer has no doubleheaders and no games on consecutive days).
    const near = [g.day - 1, g.day, g.day + 1].map((d) => (d + DAYS.length) % DAYS.length);
    if (near.some((d) => seen.has(`${home}|${d}`) || seen.has(`${away}|${d}`))) continue;
    seen.add(`${home}|${g.day}`);
    seen.add(`${away}|${g.day}`);
    const start = startAt(date, g.hour);
    const h = club(home);
    const a = club(away);
    const [hp, ap] = [h.polymarketCodes[0]!, a.polymarketCodes[0]!];
    const [hk, ak] = [h.kalshiCodes[0]!, a.kalshiCodes[0]!];
    const p = g.perturb;
    // A moved game: the ticker's start (when it has one) 3 h off, the API start 7 h off.
    const kHour = p === 'kalshi-start-off' ? g.hour + 3 : g.hour;
    const time = g.kalshiTime ? `${String(kHour).padStart(2, '0')}00` : null;
    const pmSuffixes =
      p === 'drop-draw-pm'
        ? [hp, ap]
        : p === 'third-club-pm'
          ? [hp, 'draw', ['ars', 'bou', 'che'].find((c) => c !== hp && c !== ap)!]
          : g.shufflePm
            ? ['draw', ap, hp]
            : [hp, 'draw', ap];
    const kCodes = p === 'drop-tie-kalshi' ? [hk, ak] : g.shuffleKalshi ? ['TIE', ak, hk] : [hk, ak, 'TIE'];
    if (g.onPolymarket) {
      const [ph, pa] = p === 'swap-home-away-pm' ? [away, home] : [home, away];
      const pmDate = p === 'pm-day-after' ? DAYS[(g.day + 1) % DAYS.length]! : date;
      pm.push(
        pmEvent(ph, pa, pmDate, p === 'pm-day-after' ? startAt(pmDate, g.hour) : start, {
          suffixes: p === 'swap-home-away-pm' ? pmSuffixes.map((s) => (s === hp ? ap : s === ap ? hp : s)) : pmSuffixes,
          negRisk: p !== 'not-negrisk',
          ...(p === 'pm-league-ucl' ? { league: 'UCL' as const } : {}),
          questions: {
            ...(p === 'draw-question-is-a-club' ? { draw: `Will ${h.fullName} win on ${date}?` } : {}),
            ...(p === 'club-question-names-other' ? { [hp]: `Will ${a.fullName} win on ${date}?` } : {}),
          },
        }),
      );
    }
    if (g.onKalshi) {
      const [kh, ka] = p === 'swap-home-away-kalshi' ? [away, home] : [home, away];
      ks.push(
        kalshiEvent(kh, ka, date, start, {
          time,
          codes: p === 'swap-home-away-kalshi' ? kCodes.map((c) => (c === hk ? ak : c === ak ? hk : c)) : kCodes,
          apiStartMs: p === 'kalshi-start-off' ? start + 7 * 3_600_000 : start,
          subTitles: {
            ...(p === 'kalshi-subtitle-other' ? { [hk]: a.kalshiSubTitle } : {}),
            ...(p === 'tie-subtitle-club' ? { TIE: h.kalshiSubTitle } : {}),
          },
        }),
      );
    }
    truths.push({ home, away, date, clean: p === 'none', both: g.onPolymarket && g.onKalshi });
  }
  return { pm, ks, truths };
}

describe('matchOutcomeGames: properties', () => {
  it('never pairs different games, never swaps home and away, never maps a draw to a club', () => {
    fc.assert(
      fc.property(fc.array(gameArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (games, reverse) => {
        const { pm, ks, truths } = build(games);
        const result = matchOutcomeGames(reverse ? [...pm].reverse() : pm, reverse ? [...ks].reverse() : ks);
        for (const pair of result.pairs) {
          // The real game of these clubs on the listed date (the same clubs may meet on other dates).
          const truth = truths.find(
            (t) => pair.home.code === t.home && pair.away.code === t.away && pair.polymarket.slug.endsWith(t.date),
          );
          expect(truth).toBeDefined();
          expect(truth!.clean).toBe(true);
          // Both listings are that game: same clubs, same home, same date.
          expect(pair.polymarket.slug).toContain(truth!.date);
          expect(pair.kalshi.eventTicker).toContain(
            `${club(truth!.home).kalshiCodes[0]}${club(truth!.away).kalshiCodes[0]}`,
          );
          checkMapping(pair);
        }
        // Every clean game listed on both venues is paired, each exactly once.
        for (const t of truths.filter((x) => x.clean && x.both)) {
          expect(result.pairs.filter((p) => p.home.code === t.home && p.away.code === t.away)).toHaveLength(1);
        }
        // Deterministic whatever the input order.
        const again = matchOutcomeGames([...pm].reverse(), [...ks].reverse());
        expect(again.pairs.map((p) => p.id)).toEqual(result.pairs.map((p) => p.id));
        expect(again.refusals).toEqual(result.refusals);
      }),
      { numRuns: 200 },
    );
  });
});
