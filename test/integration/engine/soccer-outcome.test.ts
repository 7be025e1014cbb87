/**
 * A three-way (soccer) game end to end, paper mode, real clients over the simulators
 * (docs/adr/0012-three-way-markets.md): discovery lists Kalshi's event of three markets (home,
 * away, TIE) and Polymarket's negRisk event of three Yes/No markets, the outcome matcher pairs
 * them, the outcome planner covers one outcome with YES on one venue and NO on the other, and the
 * SAME admission, execution and settlement as a two-team pair trade and settle it: once for a home
 * win, once for a draw, each with its exact P&L.
 */
import { kalshiOrderFee, polymarketOrderFee } from '../../../lib/core/fees';
import { scan, settle } from '../../../lib/engine';
import {
  listSoccer,
  type ScheduledSoccerGame,
  type SoccerGame,
  scheduleSoccer,
  settleSoccer,
} from '../../../local/sim/scenario/soccer';
import { useDynalite } from '../../support/dynalite';
import { engineHarness } from '../../support/engine/engine-fixture';
import { type SimWorld, startSimWorld, T0 } from '../../support/engine/sim-world';

const db = useDynalite();
let world: SimWorld;

const market = (n: number) => ({
  conditionId: `0x${String(n).padStart(64, '0')}`,
  gammaId: String(900_000 + n),
  yesTokenId: `7${String(n).padStart(40, '0')}1`,
  noTokenId: `7${String(n).padStart(40, '0')}2`,
});

function soccerGame(id: string, home: 'CHE' | 'CRY', result: SoccerGame['result'], n: number): SoccerGame {
  const clubs = {
    CHE: { kalshiCode: 'CFC', polymarketCode: 'che', kalshiName: 'Chelsea', fullName: 'Chelsea FC' },
    CRY: { kalshiCode: 'CRY', polymarketCode: 'cry', kalshiName: 'Crystal Palace', fullName: 'Crystal Palace FC' },
  };
  const away =
    home === 'CHE'
      ? { kalshiCode: 'AVL', polymarketCode: 'avl', kalshiName: 'Aston Villa', fullName: 'Aston Villa FC' }
      : { kalshiCode: 'WHU', polymarketCode: 'wes', kalshiName: 'West Ham', fullName: 'West Ham United FC' };
  return {
    id,
    league: 'EPL',
    home: { ...clubs[home], market: market(n + 1) },
    away: { ...away, market: market(n + 3) },
    draw: { market: market(n + 2) },
    start: { afterSlateStartMin: 120 },
    durationMin: 110,
    fair: { home: 0.45, draw: 0.27 },
    result,
    kalshiEventTicker: `KXEPLGAME-26NOV25${clubs[home].kalshiCode}${away.kalshiCode}`,
    polymarketSlug: `epl-${clubs[home].polymarketCode}-${away.polymarketCode}-2026-11-25`,
  };
}

const CHE_AVL = soccerGame('epl-che-avl', 'CHE', 'home', 10);
const CRY_WHU = soccerGame('epl-cry-whu', 'CRY', 'draw', 20);
let games: ScheduledSoccerGame[];

beforeAll(async () => {
  world = await startSimWorld();
  games = scheduleSoccer([CHE_AVL, CRY_WHU], { slateStartMs: T0, settleDelayMin: 5, rebaseDates: false });
  for (const g of games)
    listSoccer(g, world.kalshiSim.control, world.polymarketSim.control, { rate: 0.05, exponent: 1 });
});
afterAll(async () => {
  await world.close();
});

const level = (cents: number, sizeCenti = 10_000) => [{ priceMicros: cents * 10_000, sizeCenti }];

/**
 * Every market quoted with no edge (YES asks summing well above $1), except the draw market:
 * Polymarket's draw YES offered at 19¢ while Kalshi's TIE NO is offered at 76¢ (95¢ for $1).
 */
function setBooks(g: ScheduledSoccerGame): void {
  const quotes = { home: [45, 56], draw: [27, 75], away: [30, 72] } as const;
  for (const outcome of ['home', 'draw', 'away'] as const) {
    const m = outcome === 'draw' ? g.game.draw.market : g.game[outcome].market;
    const [yes, no] = quotes[outcome];
    const pmYes = outcome === 'draw' ? 19 : yes + 1;
    world.setPolymarketAsks(m.yesTokenId, level(pmYes), level(pmYes - 1));
    world.setPolymarketAsks(m.noTokenId, level(101 - pmYes), level(100 - pmYes));
    world.setKalshiBook(g.tickers[outcome], {
      yesAsks: level(yes + 1),
      noAsks: level(outcome === 'draw' ? 76 : no + 1),
    });
  }
}

async function harness() {
  return engineHarness(db(), world, { mode: 'paper', config: { leagues: ['EPL'] } });
}

describe('a three-way (soccer) game on Kalshi × Polymarket (paper)', () => {
  it.each([
    ['a home win', 0, 'evt-soccer-home'],
    ['a draw', 1, 'evt-soccer-draw'],
  ])(
    'trades the draw cover (Kalshi TIE NO + Polymarket draw YES) and settles %s exactly',
    async (_what, i, eventId) => {
      const g = games[i]!;
      for (const other of games)
        if (other !== g)
          for (const t of Object.values(other.tickers)) world.setKalshiBook(t, { yesAsks: [], noAsks: [] });
      setBooks(g);
      const h = await harness();
      const report = await scan(h.deps, h.state, { eventId });
      expect(report).toMatchObject({ admitted: 1, traded: 1, errors: 0 });

      const bet = (await h.store.listBets('paper', { limit: 10 })).bets[0]!;
      expect(bet.status).toBe('open');
      expect(bet.league).toBe('EPL');
      expect(bet.pairId).toBe(`EPL:${g.slug}:${g.eventTicker}`);
      expect(bet.title).toBe(`${g.game.home.kalshiName} vs ${g.game.away.kalshiName}`);
      // Two legs, Kalshi first: the TIE market's NO, then the Polymarket draw market's YES token.
      const [k, pm] = bet.legs;
      expect(k).toMatchObject({
        venue: 'kalshi',
        instrument: { venue: 'kalshi', ticker: g.tickers.draw, side: 'no' },
        limitPriceMicros: 760_000,
      });
      expect(pm).toMatchObject({
        venue: 'polymarket',
        instrument: {
          venue: 'polymarket',
          conditionId: g.game.draw.market.conditionId,
          tokenId: g.game.draw.market.yesTokenId,
        },
        limitPriceMicros: 190_000,
      });
      expect(bet.teams).toEqual(['Not Draw', 'Draw']);
      const size = k!.filledCenti;
      expect(size).toBeGreaterThan(0);
      expect(size % 100).toBe(0);
      expect(pm!.filledCenti).toBe(size);
      // What the paper fills charged, from the fee rules themselves.
      const kFee = kalshiOrderFee({ fills: [{ price: 760_000, count: size }], kind: 'taker', multiplier: 1_000_000 });
      const pmFee = polymarketOrderFee([{ price: 190_000, count: size }], 50_000, 1);
      expect(k).toMatchObject({ filledNotionalMicros: (760_000 * size) / 100, filledFeeMicros: kFee });
      expect(pm).toMatchObject({ filledNotionalMicros: (190_000 * size) / 100, filledFeeMicros: pmFee });
      const cost = ((760_000 + 190_000) * size) / 100 + kFee + pmFee;

      // The game ends and both venues settle it on regular time: exactly one leg pays $1 a share.
      settleSoccer(g, world.kalshiSim.control, world.polymarketSim.control);
      const settled = await settle(h.deps, h.state, `settle-${eventId}`);
      expect(settled.bets).toEqual([
        { betId: bet.id, state: 'settled', pnlMicros: size * 10_000 - cost, credited: true },
      ]);
      const after = (await h.store.listBets('paper', { limit: 10 })).bets[0]!;
      expect(after.status).toBe('settled');
      // Home win: the Kalshi TIE NO leg pays; draw: the Polymarket draw YES leg pays.
      const paying = g.game.result === 'draw' ? 1 : 0;
      expect(after.result?.legPayoutsMicros).toEqual(paying === 0 ? [size * 10_000, 0] : [0, size * 10_000]);
    },
  );
});
