import { ManualClock } from '../../../local/sim/clock';
import type {
  PolymarketSimControl,
  PolymarketSimMarketSpec,
  PolymarketSimResolution,
  SimLevel,
} from '../../../local/sim/control';
import { KalshiSimState } from '../../../local/sim/kalshi';
import { marketJson } from '../../../local/sim/kalshi/wire';
import { lastFairPriceMicros, loadSlate, ScenarioDriver } from '../../../local/sim/scenario';

/** Records what the driver tells Polymarket (the real simulator has its own tests). */
class RecordingPolymarket implements PolymarketSimControl {
  readonly markets = new Map<string, PolymarketSimMarketSpec>();
  readonly books = new Map<string, { bids: readonly SimLevel[]; asks: readonly SimLevel[] }>();
  readonly closed = new Set<string>();
  readonly resolutions = new Map<string, PolymarketSimResolution>();
  addMarket(spec: PolymarketSimMarketSpec): void {
    this.markets.set(spec.conditionId, spec);
  }
  setBook(tokenId: string, book: { bids: readonly SimLevel[]; asks: readonly SimLevel[] }): void {
    this.books.set(tokenId, book);
  }
  closeMarket(conditionId: string): void {
    this.closed.add(conditionId);
  }
  resolve(conditionId: string, resolution: PolymarketSimResolution): void {
    this.resolutions.set(conditionId, resolution);
  }
}

const slate = loadSlate();
const START = Date.parse('2026-11-25T22:00:00Z');

function setup() {
  const clock = new ManualClock(START);
  const kalshi = new KalshiSimState(clock);
  const polymarket = new RecordingPolymarket();
  const driver = new ScenarioDriver({ slate, seed: 5, slateStartMs: START, kalshi, polymarket });
  return { clock, kalshi, polymarket, driver };
}

const byId = (driver: ScenarioDriver, id: string) => {
  const g = driver.games.find((x) => x.game.id === id);
  if (!g) throw new Error(id);
  return g;
};

describe('ScenarioDriver', () => {
  it('lists every game on both venues at its first tick and pushes books', () => {
    const { kalshi, polymarket, driver } = setup();
    driver.tick(START);
    // Each soccer game is one Kalshi event of three markets and one Polymarket event of three markets.
    expect(kalshi.events.size).toBe(slate.games.length + slate.soccer.length);
    // Polymarket also lists the slate's other-sport fillers (local/sim/scenario/fillers.ts), before the games.
    const fillers = slate.fillers.reduce((n, f) => n + f.count, 0);
    expect(fillers).toBeGreaterThan(0);
    expect(polymarket.markets.size).toBe(slate.games.length + 3 * slate.soccer.length + fillers);
    expect(polymarket.markets.size).toBeGreaterThan(100);
    const lal = byId(driver, 'nba-lal-bos');
    expect(lal.eventTicker).toBe('KXNBAGAME-26NOV25LALBOS');
    expect(kalshi.market(lal.awayTicker).spec.yesSubTitle).toBe('Los Angeles L');
    expect(kalshi.market(lal.awayTicker).noBids.length).toBeGreaterThan(0);
    expect(polymarket.markets.get(lal.game.polymarket.conditionId)).toMatchObject({
      eventSlug: 'nba-lal-bos-2026-11-25',
      question: 'Lakers vs. Celtics',
      outcomes: [{ name: 'Lakers' }, { name: 'Celtics' }],
      // The market carries the slate's fee schedule, read from the slate (not a constant).
      feeRatePpm: Math.round((lal.game.polymarket.feeSchedule ?? slate.polymarketFeeSchedule).rate * 1_000_000),
      feeExponent: (lal.game.polymarket.feeSchedule ?? slate.polymarketFeeSchedule).exponent,
    });
    expect(polymarket.books.get(lal.game.away.polymarketTokenId)?.asks.length).toBeGreaterThan(0);
  });

  it('gives each Polymarket market its own fee schedule: a game may override the slate default', () => {
    const [first, second] = slate.games;
    if (!first || !second) throw new Error('slate too small');
    const custom = {
      ...slate,
      polymarketFeeSchedule: { rate: 0.05, exponent: 1 },
      games: [{ ...first, polymarket: { ...first.polymarket, feeSchedule: { rate: 0.072, exponent: 2 } } }, second],
    };
    const polymarket = new RecordingPolymarket();
    const kalshi = new KalshiSimState(new ManualClock(START));
    new ScenarioDriver({ slate: custom, seed: 5, slateStartMs: START, kalshi, polymarket }).tick(START);
    expect(polymarket.markets.get(first.polymarket.conditionId)).toMatchObject({ feeRatePpm: 72_000, feeExponent: 2 });
    expect(polymarket.markets.get(second.polymarket.conditionId)).toMatchObject({ feeRatePpm: 50_000, feeExponent: 1 });
  });

  it("shows a slate game's Kalshi marketStatus word on the wire; the other games stay active", () => {
    const [first, ...others] = slate.games;
    if (!first) throw new Error('empty slate');
    const odd = {
      ...slate,
      games: [{ ...first, kalshi: { ...first.kalshi, marketStatus: 'paused_for_review' } }, ...others],
    };
    const clock = new ManualClock(START);
    const kalshi = new KalshiSimState(clock);
    const driver = new ScenarioDriver({ slate: odd, seed: 5, slateStartMs: START, kalshi, polymarket: null });
    driver.tick(START);
    const statuses = driver.games.map((g) => marketJson(kalshi, kalshi.market(g.awayTicker)).status);
    expect(statuses[0]).toBe('paused_for_review');
    expect(new Set(statuses.slice(1))).toEqual(new Set(['active']));
  });

  it("lists the demo slate's fractional game with fractional_trading_enabled on both markets, the others without", () => {
    const { kalshi, driver } = setup();
    driver.tick(START);
    const fractional = driver.games
      .filter((g) => marketJson(kalshi, kalshi.market(g.awayTicker)).fractional_trading_enabled === true)
      .map((g) => g.game.id);
    expect(fractional).toEqual(['nba-lal-bos']);
    const lal = byId(driver, 'nba-lal-bos');
    expect(marketJson(kalshi, kalshi.market(lal.homeTicker)).fractional_trading_enabled).toBe(true);
  });

  it('moves the books as simulated time passes and catches up after a gap', () => {
    const { clock, kalshi, driver } = setup();
    const lal = byId(driver, 'nba-lal-bos');
    driver.tick(START);
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      clock.advance(slate.stepSec * 1000);
      driver.tick(clock.now());
      seen.add(JSON.stringify(kalshi.market(lal.awayTicker).noBids[0]));
    }
    expect(seen.size).toBeGreaterThan(1);
    expect(driver.lastStep('nba-lal-bos')?.step).toBe(60);
  });

  it('closes both venues at the end of a game and settles winners as each venue does', () => {
    const { kalshi, polymarket, driver } = setup();
    const lal = byId(driver, 'nba-lal-bos'); // away wins
    driver.tick(START);
    driver.tick(lal.endMs);
    expect(kalshi.market(lal.awayTicker).status).toBe('closed');
    expect(polymarket.closed.has(lal.game.polymarket.conditionId)).toBe(true);
    expect(polymarket.resolutions.has(lal.game.polymarket.conditionId)).toBe(false);
    driver.tick(lal.settleMs);
    expect(kalshi.market(lal.awayTicker)).toMatchObject({ status: 'finalized', result: 'yes' });
    expect(kalshi.market(lal.homeTicker)).toMatchObject({ status: 'finalized', result: 'no' });
    expect(polymarket.resolutions.get(lal.game.polymarket.conditionId)).toEqual({
      winnerTokenId: lal.game.away.polymarketTokenId,
    });
  });

  it('settles an NFL tie at $0.50 per Kalshi team market and 50-50 on Polymarket', () => {
    const { kalshi, polymarket, driver } = setup();
    const tie = driver.games.find((g) => g.game.result === 'tie');
    if (!tie) throw new Error('no tie');
    driver.tick(START);
    driver.tick(tie.settleMs);
    for (const t of [tie.awayTicker, tie.homeTicker]) {
      expect(kalshi.market(t)).toMatchObject({ result: 'scalar', settlementValueMicros: 500_000 });
    }
    expect(polymarket.resolutions.get(tie.game.polymarket.conditionId)).toEqual({ split: true });
  });

  it('settles a postponed game at the last fair price on Kalshi (summing to $1) and 50-50 on Polymarket', () => {
    const { kalshi, polymarket, driver } = setup();
    const off = driver.games.find((g) => g.game.result === 'void');
    if (!off) throw new Error('no void game');
    driver.tick(START);
    driver.tick(off.settleMs);
    const away = kalshi.market(off.awayTicker).settlementValueMicros ?? -1;
    const home = kalshi.market(off.homeTicker).settlementValueMicros ?? -1;
    expect(away + home).toBe(1_000_000);
    expect(away).toBe(lastFairPriceMicros(driver.lastStep(off.game.id)?.fairAway ?? 0));
    expect(polymarket.resolutions.get(off.game.polymarket.conditionId)).toEqual({ split: true });
  });

  it('finishes the whole slate: every market settled on both venues', () => {
    const { kalshi, polymarket, driver } = setup();
    driver.tick(START);
    driver.tick(driver.finishedAtMs);
    expect([...kalshi.markets.values()].every((m) => m.status === 'finalized')).toBe(true);
    expect(polymarket.resolutions.size).toBe(slate.games.length + 3 * slate.soccer.length);
  });
});

describe('lastFairPriceMicros', () => {
  it('rounds to the cent and stays inside [0.01, 0.99]', () => {
    expect(lastFairPriceMicros(0.4249)).toBe(420_000);
    expect(lastFairPriceMicros(0.4251)).toBe(430_000);
    expect(lastFairPriceMicros(0.0001)).toBe(10_000);
    expect(lastFairPriceMicros(0.9999)).toBe(990_000);
  });
});
