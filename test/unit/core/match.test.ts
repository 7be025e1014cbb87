import type { MatchRefusal } from '../../../lib/core/match';
import { matchGames, matchGamesDetailed } from '../../../lib/core/match';
import { kalshiGame, pmGame } from './match-fixtures';

const lakersCeltics = (over: { slug?: string; outcomes?: [string, string]; start?: string | null } = {}) =>
  pmGame({
    slug: over.slug ?? 'nba-lal-bos-2025-12-27',
    outcomes: over.outcomes ?? ['Lakers', 'Celtics'],
    start: over.start === undefined ? '2025-12-28T00:30:00Z' : over.start, // 7:30 pm EST Dec 27
  });
const kalshiLalBos = (ticker = 'KXNBAGAME-25DEC27LALBOS', start: string | null = null) =>
  kalshiGame(ticker, { subs: { LAL: 'Los Angeles L', BOS: 'Boston' }, start });

function refusalFor(refusals: readonly MatchRefusal[], id: string): MatchRefusal {
  const found = refusals.find((r) => r.polymarket === id || r.kalshi === id);
  if (!found) throw new Error(`no refusal for ${id}: ${JSON.stringify(refusals)}`);
  return found;
}

describe('matchGames', () => {
  it('pairs one NBA game and orients each Polymarket outcome to its Kalshi team market', () => {
    const pm = lakersCeltics();
    const [pair, ...rest] = matchGames([pm], [kalshiLalBos()]);
    expect(rest).toEqual([]);
    expect(pair).toMatchObject({
      id: `NBA:${pm.conditionId}:KXNBAGAME-25DEC27LALBOS`,
      league: 'NBA',
      kalshiTieTicker: null,
      sides: [
        {
          team: { league: 'NBA', code: 'LAL' },
          polymarket: { venue: 'polymarket', conditionId: pm.conditionId, tokenId: pm.outcomes[0].tokenId },
          polymarketName: pm.outcomes[0].name,
          kalshiTicker: 'KXNBAGAME-25DEC27LALBOS-LAL',
        },
        {
          team: { league: 'NBA', code: 'BOS' },
          polymarket: { venue: 'polymarket', conditionId: pm.conditionId, tokenId: pm.outcomes[1].tokenId },
          polymarketName: pm.outcomes[1].name,
          kalshiTicker: 'KXNBAGAME-25DEC27LALBOS-BOS',
        },
      ],
    });
  });

  it('orients by outcome name, not by position, when the venues order the teams differently', () => {
    const reversedSlug = lakersCeltics({ slug: 'nba-bos-lal-2025-12-27', outcomes: ['Celtics', 'Lakers'] });
    const [pair] = matchGames([reversedSlug], [kalshiLalBos()]);
    const outcomeIndex = (tokenId: string) => reversedSlug.outcomes.findIndex((o) => o.tokenId === tokenId);
    expect(
      pair?.sides.map((s) => [
        s.team.code,
        s.polymarket.venue === 'polymarket' ? outcomeIndex(s.polymarket.tokenId) : -1,
        s.kalshiTicker,
      ]),
    ).toEqual([
      ['BOS', 0, 'KXNBAGAME-25DEC27LALBOS-BOS'],
      ['LAL', 1, 'KXNBAGAME-25DEC27LALBOS-LAL'],
    ]);
    const outcomesDisagreeWithSlugOrder = lakersCeltics({ outcomes: ['Celtics', 'Lakers'] });
    const [pair2] = matchGames([outcomesDisagreeWithSlugOrder], [kalshiLalBos()]);
    expect(pair2?.sides[0]).toMatchObject({
      team: { code: 'BOS' },
      polymarketName: outcomesDisagreeWithSlugOrder.outcomes[0].name,
      kalshiTicker: 'KXNBAGAME-25DEC27LALBOS-BOS',
    });
  });

  it('pairs each game of a series with its own day and never across days', () => {
    const day1 = pmGame({
      slug: 'mlb-nyy-bos-2026-06-26',
      outcomes: ['Yankees', 'Red Sox'],
      start: '2026-06-26T23:10:00Z',
      conditionId: '0xd1',
    });
    const day2 = pmGame({
      slug: 'mlb-nyy-bos-2026-06-27',
      outcomes: ['Yankees', 'Red Sox'],
      start: '2026-06-27T23:10:00Z',
      conditionId: '0xd2',
    });
    const k1 = kalshiGame('KXMLBGAME-26JUN261910NYYBOS');
    const k2 = kalshiGame('KXMLBGAME-26JUN271910NYYBOS');
    const ids = matchGames([day2, day1], [k1, k2]).map((p) => p.id);
    expect(ids).toEqual(['MLB:0xd1:KXMLBGAME-26JUN261910NYYBOS', 'MLB:0xd2:KXMLBGAME-26JUN271910NYYBOS']);
  });

  it('refuses a game whose matchup Kalshi lists only on the next day, and says so', () => {
    const pm = pmGame({
      slug: 'nhl-nyr-nyi-2026-01-09',
      outcomes: ['Rangers', 'Islanders'],
      start: '2026-01-10T00:00:00Z',
    });
    const { pairs, refusals } = matchGamesDetailed([pm], [kalshiGame('KXNHLGAME-26JAN10NYRNYI')]);
    expect(pairs).toEqual([]);
    const refusal = refusalFor(refusals, pm.conditionId);
    expect(refusal.code).toBe('no-counterpart');
    expect(refusal.reason).toContain('2026-01-10');
  });

  it('dates an evening game by New York, not UTC: 7 pm EST on Jan 9 is Jan 10 UTC', () => {
    // Back-to-back games of the same teams: the UTC date of the first is the date of the second.
    const pm = pmGame({
      slug: 'nhl-nyr-nyi-2026-01-09',
      outcomes: ['Rangers', 'Islanders'],
      start: '2026-01-10T00:00:00Z',
    });
    const pairs = matchGames([pm], [kalshiGame('KXNHLGAME-26JAN10NYRNYI'), kalshiGame('KXNHLGAME-26JAN09NYRNYI')]);
    expect(pairs.map((p) => p.kalshi.eventTicker)).toEqual(['KXNHLGAME-26JAN09NYRNYI']);
  });

  it('accepts a slug written with the UTC date (seen Oct–Nov 2025) and still pairs by the Eastern date', () => {
    const pm = pmGame({ slug: 'nba-phx-uta-2025-10-28', outcomes: ['Suns', 'Jazz'], start: '2025-10-28T01:00:00Z' });
    const pairs = matchGames([pm], [kalshiGame('KXNBAGAME-25OCT27PHXUTA'), kalshiGame('KXNBAGAME-25OCT28PHXUTA')]);
    expect(pairs.map((p) => p.kalshi.eventTicker)).toEqual(['KXNBAGAME-25OCT27PHXUTA']);
  });

  it('refuses a Polymarket game without a start time: its slug date alone may be the UTC date', () => {
    const pm = lakersCeltics({ start: null });
    const { pairs, refusals } = matchGamesDetailed([pm], [kalshiLalBos()]);
    expect(pairs).toEqual([]);
    expect(refusalFor(refusals, pm.conditionId).code).toBe('no-start-time');
  });

  it('refuses a listing whose start time moved off its slug or ticker date (postponed)', () => {
    const moved = lakersCeltics({ start: '2025-12-30T00:30:00Z' });
    const movedKalshi = kalshiLalBos('KXNBAGAME-25DEC27LALBOS', '2025-12-30T00:30:00Z');
    const { pairs, refusals } = matchGamesDetailed([moved], [movedKalshi]);
    expect(pairs).toEqual([]);
    expect(refusalFor(refusals, moved.conditionId)).toMatchObject({ code: 'inconsistent' });
    expect(refusalFor(refusals, 'KXNBAGAME-25DEC27LALBOS')).toMatchObject({ code: 'inconsistent' });
  });

  it('never pairs a postponed Kalshi event (original date) with the rescheduled Polymarket game', () => {
    const rescheduled = lakersCeltics({ slug: 'nba-lal-bos-2025-12-29', start: '2025-12-30T00:30:00Z' });
    expect(matchGames([rescheduled], [kalshiLalBos()])).toEqual([]);
  });

  it("tolerates Kalshi's API start being hours off, but not a day off", () => {
    expect(
      matchGames([lakersCeltics()], [kalshiLalBos('KXNBAGAME-25DEC27LALBOS', '2025-12-28T03:30:00Z')]),
    ).toHaveLength(1);
    const { pairs, refusals } = matchGamesDetailed(
      [lakersCeltics()],
      [kalshiLalBos('KXNBAGAME-25DEC27LALBOS', '2025-12-27T16:00:00Z')],
    );
    expect(pairs).toEqual([]);
    expect(refusals.map((r) => r.code)).toContain('start-mismatch');
  });
});

describe('matchGames with MLB doubleheaders', () => {
  const g1 = pmGame({
    slug: 'mlb-nyy-bos-2026-07-04',
    outcomes: ['Yankees', 'Red Sox'],
    start: '2026-07-04T17:05:00Z',
    conditionId: '0xg1',
  });
  const g2 = pmGame({
    slug: 'mlb-nyy-bos-2026-07-04-game-2',
    outcomes: ['Red Sox', 'Yankees'],
    start: '2026-07-04T22:35:00Z',
    conditionId: '0xg2',
  });
  const k1 = kalshiGame('KXMLBGAME-26JUL041305NYYBOS'); // 13:05 EDT = 17:05Z
  const k2 = kalshiGame('KXMLBGAME-26JUL041835NYYBOS'); // 18:35 EDT = 22:35Z

  it('pairs each game with the listing that starts at the same time, whatever the input order', () => {
    const expected = ['MLB:0xg1:KXMLBGAME-26JUL041305NYYBOS', 'MLB:0xg2:KXMLBGAME-26JUL041835NYYBOS'];
    expect(matchGames([g1, g2], [k1, k2]).map((p) => p.id)).toEqual(expected);
    expect(matchGames([g2, g1], [k2, k1]).map((p) => p.id)).toEqual(expected);
  });

  it('refuses both games when the start times cannot tell them apart', () => {
    const closeG2 = pmGame({
      slug: 'mlb-nyy-bos-2026-07-04-game-2',
      outcomes: ['Yankees', 'Red Sox'],
      start: '2026-07-04T18:05:00Z',
      conditionId: '0xg2',
    });
    const closeK2 = kalshiGame('KXMLBGAME-26JUL041405NYYBOS');
    const { pairs, refusals } = matchGamesDetailed([g1, closeG2], [k1, closeK2]);
    expect(pairs).toEqual([]);
    expect(refusals.filter((r) => r.code === 'ambiguous')).toHaveLength(4);
  });

  it('refuses 2025-style G1/G2 tickers, which carry no start time', () => {
    const { pairs, refusals } = matchGamesDetailed(
      [g1, g2],
      [kalshiGame('KXMLBGAME-26JUL04NYYBOSG1'), kalshiGame('KXMLBGAME-26JUL04NYYBOSG2')],
    );
    expect(pairs).toEqual([]);
    expect(refusals.every((r) => r.code === 'ambiguous')).toBe(true);
    expect(refusals).toHaveLength(4);
    const lone = matchGamesDetailed([g1], [kalshiGame('KXMLBGAME-26JUL04NYYBOSG1')]);
    expect(lone.pairs).toEqual([]);
    expect(lone.refusals[0]?.code).toBe('ambiguous');
  });

  it('does not pair game 1 on one venue with game 2 on the other when each lists only one', () => {
    const { pairs, refusals } = matchGamesDetailed([g1], [k2]);
    expect(pairs).toEqual([]);
    expect(refusals).toEqual([
      expect.objectContaining({ polymarket: '0xg1', kalshi: k2.eventTicker, code: 'start-mismatch' }),
    ]);
  });
});

describe('matchGames refusals', () => {
  it('names the alias it does not know', () => {
    const badOutcome = lakersCeltics({ outcomes: ['Lakers', 'Celtix'] });
    const badSlug = pmGame({
      slug: 'nba-lal-xyz-2025-12-27',
      outcomes: ['Lakers', 'Celtics'],
      start: '2025-12-28T00:30:00Z',
    });
    const badTicker = kalshiGame('KXNBAGAME-25DEC27LALXYZ', { markets: [] });
    const { pairs, refusals } = matchGamesDetailed([badOutcome, badSlug], [badTicker]);
    expect(pairs).toEqual([]);
    expect(refusalFor(refusals, badOutcome.conditionId)).toMatchObject({
      code: 'unknown-team',
      reason: expect.stringContaining('"Celtix"'),
    });
    expect(refusalFor(refusals, badSlug.conditionId)).toMatchObject({
      code: 'unknown-team',
      reason: expect.stringContaining('"xyz"'),
    });
    expect(refusalFor(refusals, badTicker.eventTicker)).toMatchObject({
      code: 'unknown-team',
      reason: expect.stringContaining('LALXYZ'),
    });
  });

  it('refuses a Kalshi market whose yes_sub_title names the other team than its ticker', () => {
    const crossed = kalshiGame('KXNBAGAME-25DEC27LALBOS', { subs: { LAL: 'Boston', BOS: 'Los Angeles L' } });
    const { pairs, refusals } = matchGamesDetailed([lakersCeltics()], [crossed]);
    expect(pairs).toEqual([]);
    expect(refusalFor(refusals, crossed.eventTicker).code).toBe('inconsistent');
  });

  it('refuses an event without a market for each team, or with a stray market', () => {
    const oneMarket = kalshiGame('KXNBAGAME-25DEC27LALBOS');
    const missing = { ...oneMarket, markets: oneMarket.markets.slice(0, 1) };
    expect(refusalFor(matchGamesDetailed([], [missing]).refusals, missing.eventTicker)).toMatchObject({
      code: 'inconsistent',
      reason: 'no market for BOS',
    });
    const strayMarket = {
      ticker: 'KXNBAGAME-25DEC27LALBOS-NYK',
      suffix: 'NYK',
      yesSubTitle: 'New York',
      tickMicros: 10_000,
      tradable: true,
    };
    const stray = { ...oneMarket, markets: [...oneMarket.markets, strayMarket] };
    expect(refusalFor(matchGamesDetailed([], [stray]).refusals, stray.eventTicker).code).toBe('inconsistent');
  });

  it('reports the Kalshi tie market', () => {
    const pm = pmGame({
      slug: 'nfl-dal-was-2025-12-25',
      outcomes: ['Cowboys', 'Commanders'],
      start: '2025-12-25T18:00:00Z',
    });
    const [pair] = matchGames([pm], [kalshiGame('KXNFLGAME-25DEC25DALWAS', { tie: true })]);
    expect(pair?.kalshiTieTicker).toBe('KXNFLGAME-25DEC25DALWAS-TIE');
    expect(pair?.sides.map((s) => s.kalshiTicker)).toEqual([
      'KXNFLGAME-25DEC25DALWAS-DAL',
      'KXNFLGAME-25DEC25DALWAS-WAS',
    ]);
  });

  it('keeps leagues apart: Flyers–Bruins never pairs with 76ers–Celtics', () => {
    const nhl = pmGame({
      slug: 'nhl-phi-bos-2025-12-27',
      outcomes: ['Flyers', 'Bruins'],
      start: '2025-12-28T00:00:00Z',
      conditionId: '0xnhl',
    });
    const nba = pmGame({
      slug: 'nba-phi-bos-2025-12-27',
      outcomes: ['76ers', 'Celtics'],
      start: '2025-12-28T00:30:00Z',
      conditionId: '0xnba',
    });
    const pairs = matchGames(
      [nhl, nba],
      [kalshiGame('KXNBAGAME-25DEC27PHIBOS'), kalshiGame('KXNHLGAME-25DEC27PHIBOS')],
    );
    expect(pairs.map((p) => p.id)).toEqual(['NBA:0xnba:KXNBAGAME-25DEC27PHIBOS', 'NHL:0xnhl:KXNHLGAME-25DEC27PHIBOS']);
  });

  it('refuses a listing whose league disagrees with its slug or ticker', () => {
    const wrongLeague = pmGame({
      slug: 'nba-lal-bos-2025-12-27',
      outcomes: ['Lakers', 'Celtics'],
      start: '2025-12-28T00:30:00Z',
      league: 'NHL',
    });
    const wrongSeries = kalshiGame('KXNBAGAME-25DEC27LALBOS', { seriesTicker: 'KXNHLGAME' });
    const { pairs, refusals } = matchGamesDetailed([wrongLeague], [wrongSeries]);
    expect(pairs).toEqual([]);
    expect(refusals.map((r) => r.code)).toEqual(['inconsistent', 'inconsistent']);
  });

  it('refuses every listing of an id that appears twice', () => {
    const { pairs, refusals } = matchGamesDetailed([lakersCeltics(), lakersCeltics()], [kalshiLalBos()]);
    expect(pairs).toEqual([]);
    expect(refusals.filter((r) => r.code === 'duplicate')).toHaveLength(2);
  });

  it('refuses a slug with an unknown suffix (not a plain moneyline game)', () => {
    const total = lakersCeltics({ slug: 'nba-lal-bos-2025-12-27-total-224pt5' });
    expect(refusalFor(matchGamesDetailed([total], [kalshiLalBos()]).refusals, total.conditionId).code).toBe(
      'unparseable',
    );
  });
});

describe('matchGames on malformed times', () => {
  it('refuses listings whose start time is not a real instant instead of crashing', () => {
    const nanPm = { ...lakersCeltics(), gameStartMs: Number.NaN };
    const hugeKalshi = { ...kalshiLalBos(), gameStartMs: 1e20 };
    const { pairs, refusals } = matchGamesDetailed([nanPm], [hugeKalshi]);
    expect(pairs).toEqual([]);
    expect(refusals.map((r) => r.code)).toEqual(['inconsistent', 'inconsistent']);
  });

  it('refuses an outcome naming a city two teams share', () => {
    const shared = lakersCeltics({ outcomes: ['Los Angeles', 'Celtics'] });
    const { refusals } = matchGamesDetailed([shared], [kalshiLalBos()]);
    expect(refusalFor(refusals, shared.conditionId)).toMatchObject({
      code: 'unknown-team',
      reason: expect.stringContaining('"Los Angeles"'),
    });
  });
});

describe('matchGames on UTC-dated slugs', () => {
  it('reads a UTC-dated slug as such only for late-2025 slugs, when the bug was seen', () => {
    // Same shape one year later: slug 2026-10-28, start 2026-10-28T01:00Z (Oct 27 in New York).
    const later = pmGame({ slug: 'nba-phx-uta-2026-10-28', outcomes: ['Suns', 'Jazz'], start: '2026-10-28T01:00:00Z' });
    const { pairs, refusals } = matchGamesDetailed(
      [later],
      [kalshiGame('KXNBAGAME-26OCT27PHXUTA'), kalshiGame('KXNBAGAME-26OCT28PHXUTA')],
    );
    expect(pairs).toEqual([]);
    expect(refusalFor(refusals, later.conditionId).code).toBe('inconsistent');
  });
});
