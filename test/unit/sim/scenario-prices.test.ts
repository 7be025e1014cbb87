import { readFileSync } from 'node:fs';
import {
  DEMO_SLATE_PATH,
  type GameBooks,
  GamePricePath,
  loadSlate,
  parseSlate,
  scheduleSlate,
} from '../../../local/sim/scenario';

const slate = loadSlate();
const START = Date.parse('2026-11-25T22:00:00Z');
const STEP_MS = slate.stepSec * 1000;
const games = scheduleSlate(slate, START);

function pathFor(gameId: string, seed: number) {
  const g = games.find((x) => x.game.id === gameId);
  if (!g) throw new Error(gameId);
  return { g, path: new GamePricePath(g, slate, seed, START) };
}

describe('seeded price model', () => {
  it('gives the same books for the same seed and step, whichever steps were quoted on the way', () => {
    const a = pathFor('nba-lal-bos', 7).path;
    const b = pathFor('nba-lal-bos', 7).path;
    const stepwise = Array.from({ length: 301 }, (_, s) => a.advanceTo(s)).at(-1);
    expect(b.advanceTo(300)).toEqual(stepwise);
  });

  it('gives different books for another seed', () => {
    const a = pathFor('nba-lal-bos', 7).path.advanceTo(300);
    const b = pathFor('nba-lal-bos', 8).path.advanceTo(300);
    expect(a.books).not.toEqual(b.books);
  });

  it('quotes valid books: on the 1¢ tick, best first, never crossed; the home token mirrors the away token', () => {
    const { path, g } = pathFor('nfl-det-gb', 3);
    const last = Math.floor((g.endMs - START) / STEP_MS) - 1;
    const problems: string[] = [];
    for (let s = 0; s <= last; s += 7) {
      const { kalshi, polymarket } = path.advanceTo(s).books;
      const ladder = (name: string, levels: ReadonlyArray<{ priceMicros: number; sizeCenti: number }>, dir: 1 | -1) =>
        levels.forEach((l, i) => {
          const prev = levels[i - 1];
          if (l.priceMicros % 10_000 !== 0 || l.priceMicros <= 0 || l.priceMicros >= 1_000_000)
            problems.push(`${s} ${name} price ${l.priceMicros}`);
          if (l.sizeCenti <= 0) problems.push(`${s} ${name} size ${l.sizeCenti}`);
          if (prev && (l.priceMicros - prev.priceMicros) * dir <= 0) problems.push(`${s} ${name} not best-first`);
        });
      for (const [name, m] of [
        ['away', kalshi.away],
        ['home', kalshi.home],
      ] as const) {
        ladder(`kalshi ${name} yes`, m.yesBids, -1);
        ladder(`kalshi ${name} no`, m.noBids, -1);
        if ((m.yesBids[0]?.priceMicros ?? 0) + (m.noBids[0]?.priceMicros ?? 0) >= 1_000_000)
          problems.push(`${s} kalshi ${name} crossed`);
      }
      ladder('poly bids', polymarket.away.bids, -1);
      ladder('poly asks', polymarket.away.asks, 1);
      if ((polymarket.away.bids[0]?.priceMicros ?? 0) >= (polymarket.away.asks[0]?.priceMicros ?? 1_000_000))
        problems.push(`${s} poly crossed`);
      const mirrored = polymarket.home.asks.map((l) => 1_000_000 - l.priceMicros).join();
      if (mirrored !== polymarket.away.bids.map((l) => l.priceMicros).join())
        problems.push(`${s} home token not mirrored`);
    }
    expect(problems).toEqual([]);
  });

  it('drifts the fair price toward the result by the end of the game', () => {
    for (const [id, expectHigh] of [
      ['nba-lal-bos', true], // away wins
      ['nhl-mtl-tor', false], // home wins
    ] as const) {
      const { path, g } = pathFor(id, 11);
      const fair = path.advanceTo(Math.floor((g.endMs - START) / STEP_MS) - 1).fairAway;
      if (expectHigh) expect(fair).toBeGreaterThan(0.9);
      else expect(fair).toBeLessThan(0.1);
    }
  });
});

/**
 * Cross-venue arbitrage, with our own arithmetic (not the planner): buy one team on
 * Polymarket at its best ask and the other team's Kalshi YES at its best ask (= 1 − best NO
 * bid), both for the smaller top-level size N. Profitable when N·$1 beats the cost plus fees:
 * Kalshi 0.07·N·P·(1−P) rounded UP to the cent; Polymarket 0.03·N·p·(1−p).
 */
function arbProfit(b: GameBooks): { profit: number; shares: number } {
  let best = { profit: 0, shares: 0 };
  for (const [poly, kalshiOther] of [
    [b.polymarket.away.asks[0], b.kalshi.home.noBids[0]],
    [b.polymarket.home.asks[0], b.kalshi.away.noBids[0]],
  ] as const) {
    if (!poly || !kalshiOther) continue;
    const pm = poly.priceMicros / 1e6;
    const k = 1 - kalshiOther.priceMicros / 1e6;
    const n = Math.min(poly.sizeCenti, kalshiOther.sizeCenti) / 100;
    const feeK = Math.ceil(0.07 * n * k * (1 - k) * 100 - 1e-9) / 100;
    const feeP = 0.03 * n * pm * (1 - pm);
    const profit = n - n * (pm + k) - feeK - feeP;
    if (profit > best.profit) best = { profit, shares: n };
  }
  return best;
}

describe('arbitrage windows in the demo slate', () => {
  it('appear several times per slate with tradable size, and close again', () => {
    const seed = 1;
    let windows = 0;
    let arbSteps = 0;
    let steps = 0;
    for (const g of games) {
      const path = new GamePricePath(g, slate, seed, START);
      const endStep = Math.floor((g.endMs - START) / STEP_MS);
      let open = false;
      for (let s = 0; s < endStep; s++) {
        const { profit, shares } = arbProfit(path.advanceTo(s).books);
        steps += 1;
        const arb = profit >= 0.05 && shares >= 10;
        if (arb) arbSteps += 1;
        if (arb && !open) windows += 1;
        open = arb;
      }
    }
    expect(windows).toBeGreaterThanOrEqual(10);
    expect(arbSteps / steps).toBeLessThan(0.1); // windows are moments, not the norm
  });
});

describe('a scripted arbitrage window', () => {
  it('opens only while the slate says, and the game has no other window', () => {
    const scripted = games.filter((g) => g.game.arbitrage);
    expect(scripted.map((g) => g.game.league).sort()).toEqual(['DOTA2', 'LOL', 'NCAAF', 'NCAAWB', 'VAL', 'WTA']);
    for (const g of scripted) {
      const { path } = pathFor(g.game.id, 1);
      const arb = g.game.arbitrage!;
      const from = START + arb.afterSlateStartMin * 60_000;
      const to = from + arb.minutes * 60_000;
      const endStep = Math.floor((g.endMs - START) / STEP_MS);
      let inside = 0;
      for (let s = 0; s < endStep; s++) {
        const at = START + s * STEP_MS;
        const { profit, shares } = arbProfit(path.advanceTo(s).books);
        const isArb = profit >= 0.05 && shares >= 1;
        if (at >= from && at < to) inside += isArb ? 1 : 0;
        else expect({ game: g.game.id, step: s, isArb }).toEqual({ game: g.game.id, step: s, isArb: false });
      }
      expect(inside).toBeGreaterThan(0);
    }
  });

  it('is refused when it outlasts the game', () => {
    const raw = JSON.parse(readFileSync(DEMO_SLATE_PATH, 'utf8')) as {
      games: Array<Record<string, unknown> & { id: string }>;
    };
    const game = raw.games.find((g) => g.id === 'wta-hunter-bencic')!;
    game.arbitrage = { venue: 'kalshi', cents: 7, afterSlateStartMin: 260, minutes: 30 };
    expect(() => parseSlate(raw)).toThrow(
      /arbitrage: the arbitrage window must close by the game's end \(minute 270\)/,
    );
  });
});
