/**
 * The scenario driver on the simulated Polymarket US (in process): one moneyline per slate game,
 * the Polymarket model's books (the away token's book is the long book), closing at the game's end
 * and settling as the venue settles (docs/venues-polymarket-us.md#u-settlement).
 */
import { parsePolymarketSlug } from '../../../lib/core/teams';
import { ManualClock } from '../../../local/sim/clock';
import type {
  PolymarketSimControl,
  PolymarketSimMarketSpec,
  PolymarketSimResolution,
  SimLevel,
} from '../../../local/sim/control';
import { KalshiSimState } from '../../../local/sim/kalshi';
import { PolymarketUsSimState } from '../../../local/sim/polymarket-us';
import { marketView } from '../../../local/sim/polymarket-us/wire';
import { lastFairPriceMicros, loadSlate, parseSlate, ScenarioDriver, type Slate } from '../../../local/sim/scenario';

/** What the driver tells Polymarket (international), to compare the two Polymarkets' books. */
class RecordingPolymarket implements PolymarketSimControl {
  readonly books = new Map<string, { bids: readonly SimLevel[]; asks: readonly SimLevel[] }>();
  readonly resolutions = new Map<string, PolymarketSimResolution>();
  addMarket(_spec: PolymarketSimMarketSpec): void {}
  setBook(tokenId: string, book: { bids: readonly SimLevel[]; asks: readonly SimLevel[] }): void {
    this.books.set(tokenId, book);
  }
  closeMarket(): void {}
  resolve(conditionId: string, resolution: PolymarketSimResolution): void {
    this.resolutions.set(conditionId, resolution);
  }
}

const slate = loadSlate();
const START = Date.parse('2026-11-25T22:00:00Z');

function setup(options: { slate?: Slate; seed?: number; withPolymarket?: boolean } = {}) {
  const clock = new ManualClock(START);
  const kalshi = new KalshiSimState(clock);
  const us = new PolymarketUsSimState(clock);
  const polymarket = options.withPolymarket ? new RecordingPolymarket() : null;
  const driver = new ScenarioDriver({
    slate: options.slate ?? slate,
    seed: options.seed ?? 5,
    slateStartMs: START,
    kalshi,
    polymarket,
    polymarketUs: us,
  });
  return { clock, kalshi, us, polymarket, driver };
}

const byId = (driver: ScenarioDriver, id: string) => {
  const g = driver.games.find((x) => x.game.id === id);
  if (!g) throw new Error(id);
  return g;
};

const mirror = (levels: readonly SimLevel[]) =>
  levels.map((l) => ({ priceMicros: 1_000_000 - l.priceMicros, sizeCenti: l.sizeCenti }));

describe('ScenarioDriver on Polymarket US', () => {
  it('lists each game once as aec-{league}-{away}-{home}-{date}, the away team long, with the slate’s trading facts', () => {
    const { us, driver } = setup();
    driver.tick(START);
    // No other-sport fillers (discovery is per league), and only the leagues Polymarket US lists.
    expect(us.markets.size).toBe(driver.games.filter((g) => g.onPolymarketUs).length);
    expect(driver.games.filter((g) => !g.onPolymarketUs).map((g) => g.league)).toEqual([
      'WNBA',
      'NCAAMB',
      'ATP',
      'CS2',
      'NCAAF',
      'NCAAWB',
      'WTA',
      'LOL',
      'VAL',
      'DOTA2',
    ]);
    const lal = byId(driver, 'nba-lal-bos');
    expect(lal.polymarketUsSlug).toBe('aec-nba-lal-bos-2026-11-25');
    expect(us.market(lal.polymarketUsSlug).spec).toEqual({
      league: 'NBA',
      slug: 'aec-nba-lal-bos-2026-11-25',
      title: 'Los Angeles Lakers vs. Boston Celtics',
      gameStartMs: lal.startMs,
      long: { name: 'Lakers', abbreviation: 'lal', ordering: 'away' },
      short: { name: 'Celtics', abbreviation: 'bos', ordering: 'home' },
      tickMicros: 10_000,
      minQtyCenti: 1,
      takerThetaPpm: 69_500,
    });
    for (const g of driver.games.filter((x) => x.onPolymarketUs && x.league !== 'UFC')) {
      // The Polymarket slug's codes and date; the codes are the team tables' (lib/core/teams).
      expect(g.polymarketUsSlug).toBe(`aec-${g.slug}`);
      const parsed = parsePolymarketSlug(g.polymarketUsSlug.replace(/^aec-/, ''));
      expect(parsed.ok && parsed.value.teams.map((t) => t.code)).toEqual([g.game.away.code, g.game.home.code]);
    }
  });

  it('lists the UFC fight as recorded: aec-ufc-{first}-{second}-{date}, the first fighter long and `home`', () => {
    const { us, driver } = setup();
    driver.tick(START);
    const fight = byId(driver, 'ufc-san-men');
    expect(fight.onPolymarketUs).toBe(true);
    expect(fight.polymarketUsSlug).toBe('aec-ufc-san-men-2026-11-25');
    const market = us.market(fight.polymarketUsSlug);
    expect(marketView(market).marketSides.map((s) => [s.long, s.description, s.team])).toEqual([
      [
        true,
        'Jesus Santos Aguilar',
        { id: expect.any(Number), name: 'Jesus Santos Aguilar', abbreviation: 'san', league: 'ufc', ordering: 'home' },
      ],
      [
        false,
        'Mateus Mendonça',
        { id: expect.any(Number), name: 'Mateus Mendonça', abbreviation: 'men', league: 'ufc', ordering: 'away' },
      ],
    ]);
    // Strict as the venue's listing: a UFC market under another league's slug is not created.
    expect(() => us.addMarket({ ...market.spec, slug: 'aec-mma-san-men-2026-11-25' })).toThrow(/not a UFC moneyline/);
  });

  it('shows the Polymarket model’s books: the long book is the away token’s, the short side the home token’s', () => {
    const { clock, us, polymarket, driver } = setup({ withPolymarket: true });
    const lal = byId(driver, 'nba-lal-bos');
    driver.tick(START);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      clock.advance(slate.stepSec * 1000);
      driver.tick(clock.now());
      const m = us.market(lal.polymarketUsSlug);
      const away = polymarket?.books.get(lal.game.away.polymarketTokenId);
      const home = polymarket?.books.get(lal.game.home.polymarketTokenId);
      expect({ bids: m.bids, asks: m.offers }).toEqual({ bids: away?.bids, asks: away?.asks });
      // Short bids are 1 − long offers: the home token's bids.
      expect(mirror(m.offers)).toEqual(home?.bids);
      expect(m.bids.length).toBe(slate.venues.polymarket.levels);
      seen.add(JSON.stringify(m.offers[0]));
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('closes each market at its game’s end and settles: $1/$0 for the long (away) side, a tie at $0.50', () => {
    const { us, driver } = setup();
    const away = byId(driver, 'nba-lal-bos'); // away wins
    const home = byId(driver, 'nhl-mtl-tor'); // home wins
    const tie = driver.games.find((g) => g.game.result === 'tie');
    if (!tie) throw new Error('no tie');
    driver.tick(START);
    driver.tick(away.endMs);
    expect(us.market(away.polymarketUsSlug)).toMatchObject({ status: 'closed', settlementMicros: null });
    driver.tick(driver.finishedAtMs);
    expect(us.market(away.polymarketUsSlug)).toMatchObject({ status: 'resolved', settlementMicros: 1_000_000 });
    expect(us.market(home.polymarketUsSlug).settlementMicros).toBe(0);
    expect(us.market(tie.polymarketUsSlug).settlementMicros).toBe(500_000);
    expect([...us.markets.values()].every((m) => m.status === 'resolved')).toBe(true);
  });

  it('settles a postponed game at the last fair price, as Kalshi’s away market (not 50-50)', () => {
    const { kalshi, us, driver } = setup();
    const off = driver.games.find((g) => g.game.result === 'void');
    if (!off) throw new Error('no void game');
    driver.tick(START);
    driver.tick(off.settleMs);
    const fair = lastFairPriceMicros(driver.lastStep(off.game.id)?.fairAway ?? 0);
    expect(us.market(off.polymarketUsSlug).settlementMicros).toBe(fair);
    expect(kalshi.market(off.awayTicker).settlementValueMicros).toBe(fair);
    expect(fair).not.toBe(500_000);
  });

  it('takes tick, minimum quantity and Θ from the slate, a game’s minimum over the slate’s', () => {
    const [first, second] = slate.games;
    if (!first || !second) throw new Error('slate too small');
    const custom = parseSlate({
      ...slate,
      polymarketUs: { tick: 0.001, minimumTradeQty: 1, takerTheta: 0.08 },
      games: [{ ...first, polymarketUs: { minimumTradeQty: 0.5 } }, second],
    });
    const { us, driver } = setup({ slate: custom });
    driver.tick(START);
    const [a, b] = driver.games.map((g) => us.market(g.polymarketUsSlug).spec);
    expect(a).toMatchObject({ tickMicros: 1_000, minQtyCenti: 50, takerThetaPpm: 80_000 });
    expect(b).toMatchObject({ tickMicros: 1_000, minQtyCenti: 100, takerThetaPpm: 80_000 });
  });

  it('is deterministic for a seed: the same books at every step, another seed other books', () => {
    const books = (seed: number) => {
      const { clock, us, driver } = setup({ seed });
      const out: string[] = [];
      driver.tick(START);
      for (let i = 0; i < 30; i++) {
        clock.advance(slate.stepSec * 1000 * 7);
        driver.tick(clock.now());
        out.push(JSON.stringify([...us.markets.values()].map((m) => [m.spec.slug, m.id, m.bids, m.offers])));
      }
      return out;
    };
    const once = books(11);
    expect(books(11)).toEqual(once);
    expect(books(12)).not.toEqual(once);
  });
});
