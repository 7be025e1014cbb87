/**
 * settle against both simulators: a win on either side, a void on both, a disagreement between
 * venues, and the credit applied exactly once when settlement runs twice or concurrently.
 * Runs on either venue pair (test/support/engine/pairs.ts).
 */

import type { BetRecord } from '../../../lib/core/bet';
import { reconcile, scan, settle } from '../../../lib/engine';
import { useDynalite } from '../../support/dynalite';
import { clearBooks, type EngineHarness, engineHarness, setArbBooks } from '../../support/engine/engine-fixture';
import { itFull, PAIR, rowsFor } from '../../support/engine/pairs';
import { type GameSpec, kalshiTicker, MORE_GAMES, type SimWorld, startSimWorld } from '../../support/engine/sim-world';

const db = useDynalite();
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld({ pair: PAIR });
  for (const g of MORE_GAMES) world.addGame(g);
});
afterAll(() => world.close());

/** Trades `game` (Kalshi home YES + Polymarket away) and returns the open bet. */
async function openBet(h: EngineHarness, game: GameSpec): Promise<BetRecord> {
  for (const g of MORE_GAMES) clearBooks(world, g);
  setArbBooks(world, 4_000, game);
  const report = await scan(h.deps, h.state, { eventId: `evt-${game.eventTicker}` });
  expect(report.traded).toBe(1);
  return (await h.store.listBets('live', { limit: 10 })).bets[0]!;
}

function resolve(game: GameSpec, winner: 'home' | 'away' | 'void' | 'split-pm-only'): void {
  const home = kalshiTicker(game, 'home');
  const away = kalshiTicker(game, 'away');
  if (winner === 'void' || winner === 'split-pm-only') {
    world.pm.resolve(game, 'split');
    if (winner === 'void') {
      world.kalshiSim.control.settle(home, { voidValueMicros: 500_000 });
      world.kalshiSim.control.settle(away, { voidValueMicros: 500_000 });
    } else {
      world.kalshiSim.control.settle(home, 'yes');
      world.kalshiSim.control.settle(away, 'no');
    }
    return;
  }
  world.pm.resolve(game, winner);
  world.kalshiSim.control.settle(home, winner === 'home' ? 'yes' : 'no');
  world.kalshiSim.control.settle(away, winner === 'away' ? 'yes' : 'no');
}

describe('settle', () => {
  const OUTCOMES = [
    ['home team wins (the Kalshi leg pays)', MORE_GAMES[0]!, 'home'],
    ['away team wins (the Polymarket leg pays)', MORE_GAMES[1]!, 'away'],
    ['both venues void the game (50/50 on each leg)', MORE_GAMES[2]!, 'void'],
  ] as const;
  // The second pair's subset: the Polymarket side's leg pays (its settlement read and credited).
  it.each(rowsFor(OUTCOMES, ([, , o]) => o === 'away'))(
    '%s: credits the payout once, from the actual fills',
    async (_name, game, outcome) => {
      const h = await engineHarness(db(), world, { mode: 'live' });
      const bet = await openBet(h, game);
      const size = bet.legs[0]!.filledCenti;
      const spent = bet.legs.reduce((s, l) => s + l.filledNotionalMicros + l.filledFeeMicros, 0);
      const waiting = await settle(h.deps, h.state, 'settle-0');
      expect(waiting.bets.map((b) => b.state)).toEqual(['waiting']);

      resolve(game, outcome);
      const balanceBefore = (await h.store.getAccount('live'))!.balanceMicros;
      const [first, second] = await Promise.all([
        settle(h.deps, h.state, 'settle-1'),
        settle(h.deps, h.state, 'settle-2'),
      ]);
      const third = await settle(h.deps, h.state, 'settle-3');
      const outcomes = [...first.bets, ...second.bets].filter((b) => b.state === 'settled');
      expect(outcomes.filter((o) => o.state === 'settled' && o.credited)).toHaveLength(1);
      expect(third.bets).toEqual([]);

      const settled = (await h.store.getBet(bet.id))!;
      const payout = size * 10_000; // one share pays $1 whichever team wins, or 2 × $0.50 on a void
      expect(settled.status).toBe('settled');
      expect(settled.result).toMatchObject({ payoutMicros: payout, pnlMicros: payout - spent });
      // Which venue the payout landed on (docs/capital.md#won-not-redeemed).
      const onPolymarket = outcome === 'away' ? payout : outcome === 'void' ? payout / 2 : 0;
      expect(settled.result?.legPayoutsMicros).toEqual(
        settled.legs.map((l) => (l.venue === world.pm.venue ? onPolymarket : payout - onPolymarket)),
      );
      const after = (await h.store.getAccount('live'))!;
      expect(after.balanceMicros - balanceBefore).toBe(bet.reservedMicros - spent + payout);
      expect(after.intents[bet.id]).toBeUndefined();
      expect(h.notifier.sent.some((n) => n.subject.startsWith('🔴 LIVE ✅ Settled'))).toBe(true);
    },
  );

  itFull('flags venues that disagree (one splits, the other pays a winner) and credits nothing', async () => {
    const h = await engineHarness(db(), world, { mode: 'live' });
    const game = MORE_GAMES[3]!;
    const bet = await openBet(h, game);
    resolve(game, 'split-pm-only');
    const balanceBefore = (await h.store.getAccount('live'))!.balanceMicros;
    const report = await settle(h.deps, h.state, 'settle-dis');
    await settle(h.deps, h.state, 'settle-dis-2');
    expect(report.bets).toEqual([expect.objectContaining({ betId: bet.id, state: 'disagreement' })]);
    expect((await h.store.getBet(bet.id))!.status).toBe('open');
    expect((await h.store.getAccount('live'))!.balanceMicros).toBe(balanceBefore);
    const alerts = h.notifier.sent.filter(
      (n) => n.severity === 'critical' && n.subject.includes('Settlement disagreement'),
    );
    expect(alerts).toHaveLength(1);
    expect((await h.store.listErrors(10)).some((e) => e.source === 'settle' && e.message.includes('disagree'))).toBe(
      true,
    );
  });

  itFull(
    'holds an unwind residual smaller than one order to resolution, then settles the shares it holds',
    async () => {
      const h = await engineHarness(db(), world, { mode: 'live' });
      const game = MORE_GAMES[4]!;
      for (const g of MORE_GAMES) clearBooks(world, g);
      // 51 shares deep: the plan is 51 shares, and a half-filled unwind leaves half a contract. On
      // Polymarket US the $50 bet buys 50 (its fee is higher), so 49 deep there: an odd plan again.
      setArbBooks(world, world.pm.venue === 'polymarket-us' ? 4_900 : 5_100, game);
      world.pm.faults.add({ endpoint: world.pm.endpoints.order, kind: 'error', status: 400, times: 1 });
      world.kalshiSim.faults.add({
        endpoint: 'POST /portfolio/events/orders',
        kind: 'partial',
        fillRatio: 0.5,
        skip: 1,
        times: 1,
      });
      const report = await scan(h.deps, h.state, { eventId: 'evt-residual' });
      world.kalshiSim.faults.clear();
      world.pm.faults.clear();
      expect(report.trades[0]!.status).toBe('held');
      expect(report.traded).toBe(0); // a held crumb is not a new arbitrage
      const held = (await h.store.listBets('live', { limit: 10 })).bets[0]!;
      expect(held.status).toBe('open');
      const residual = held.legs[0]!.filledCenti - held.unwinds.reduce((s, u) => s + u.filledCenti, 0);
      expect(residual).toBeGreaterThan(0);
      expect(residual).toBeLessThan(h.deps.config.sizeStepCenti);
      expect(held.legs[1]!.filledCenti).toBe(0);
      expect(
        h.notifier.sent.some((n) => n.severity === 'critical' && n.subject.includes('Residual held to resolution')),
      ).toBe(true);
      // Under one order step the most it can lose is that fraction of a share: trading goes on.
      expect((await h.store.getAccount('live'))!.halted).toBe(false);
      // Nothing is sold again by later runs: the residual waits for the game.
      const sells = held.unwinds.length;
      world.clock.advance(h.deps.config.staleIntentMs + 1_000);
      await reconcile(h.deps, h.state, 'evt-residual-reconcile', { drift: false });
      expect((await h.store.getBet(held.id))!.unwinds).toHaveLength(sells);

      resolve(game, 'home'); // the Kalshi leg (home YES) wins: the residual pays $1 a share
      const out = await settle(h.deps, h.state, 'settle-residual');
      expect(out.bets).toEqual([expect.objectContaining({ betId: held.id, state: 'settled', credited: true })]);
      const settled = (await h.store.getBet(held.id))!;
      const spent = settled.legs.reduce((s, l) => s + l.filledNotionalMicros + l.filledFeeMicros, 0);
      const proceeds = settled.unwinds.reduce((s, u) => s + u.proceedsMicros - u.feeMicros, 0);
      const payout = residual * 10_000;
      expect(settled.result).toMatchObject({ payoutMicros: payout, pnlMicros: payout + proceeds - spent });
      expect((await h.store.getAccount('live'))!.intents[held.id]).toBeUndefined();
    },
  );
});
