/**
 * A deployment switched from Kalshi × Polymarket to Kalshi × Polymarket US while bets were open
 * (docs/deploy.md#switching-pair): the Polymarket bets left in its store are sent nowhere, never
 * count toward the circuit breaker, and are reported once per container, while its own bets
 * settle as usual. Runs on Kalshi × Polymarket US only: the other pair is the one switched away from.
 */

import type { BetRecord } from '../../../lib/core/bet';
import type { Venue } from '../../../lib/engine';
import {
  cancelRestingOrders,
  checkCircuitBreaker,
  type EngineDeps,
  newEngineState,
  reconcile,
  scan,
  settle,
} from '../../../lib/engine';
import type { NewBet } from '../../../lib/engine/ports';
import { useDynalite } from '../../support/dynalite';
import { clearBooks, type EngineHarness, engineHarness, setArbBooks } from '../../support/engine/engine-fixture';
import { type GameSpec, kalshiTicker, MORE_GAMES, type SimWorld, startSimWorld } from '../../support/engine/sim-world';
import { LEG_KALSHI, LEG_POLYMARKET, newBet, ROOMY } from '../../support/store/bet-fixture';

const db = useDynalite();
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld({ pair: 'kalshi,polymarket-us' });
  for (const g of MORE_GAMES) world.addGame(g);
});
afterAll(() => world.close());

/** Every call the engine makes on a venue, with its arguments as JSON. */
interface Call {
  readonly venue: string;
  readonly method: string;
  readonly args: string;
}

function recording(venue: Venue, calls: Call[]): Venue {
  return new Proxy(venue, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push({ venue: target.name, method: String(prop), args: JSON.stringify(args) });
        return value.apply(target, args);
      };
    },
  });
}

/** The harness's deps with every venue call recorded. */
function recorded(h: EngineHarness): { deps: EngineDeps; calls: Call[] } {
  const calls: Call[] = [];
  const { kalshi, polymarket } = h.deps.venues;
  return {
    deps: { ...h.deps, venues: { kalshi: recording(kalshi, calls), polymarket: recording(polymarket, calls) } },
    calls,
  };
}

/** A Kalshi ticker no game of the world lists: the old pair's game. */
const OLD_TICKER = 'KXNBAGAME-26OCT01AAABBB-AAA';

/** A bet as the Kalshi × Polymarket deployment made it: a Kalshi leg and a Polymarket leg. */
function oldPairBet(id: string): NewBet {
  return {
    ...newBet(id, 'live'),
    legs: [{ ...LEG_KALSHI, instrument: { ...LEG_KALSHI.instrument, ticker: OLD_TICKER } }, LEG_POLYMARKET],
  };
}

/** Seeds the old pair's bet through its lifecycle: `admitted`, `placing` (nothing filled) or `open` (both filled). */
async function seedOldPairBet(h: EngineHarness, id: string, to: 'admitted' | 'placing' | 'open'): Promise<BetRecord> {
  const now = world.clock.now();
  const out = await h.store.admitBet(oldPairBet(id), ROOMY, now, 'old-pair');
  if (!out.admitted) throw new Error(`not admitted: ${out.message}`);
  if (to !== 'admitted') await h.store.transitionBet(id, 'admitted', 'placing', { nowMs: now, runId: 'old-pair' });
  if (to === 'open') {
    for (const [i, leg] of [LEG_KALSHI, LEG_POLYMARKET].entries())
      await h.store.recordLegOrder(
        id,
        i,
        {
          attempt: 0,
          limitPriceMicros: leg.limitPriceMicros,
          venueOrderId: `old-${id}-${i}`,
          filledCenti: leg.sizeCenti,
          filledNotionalMicros: leg.notionalMicros,
          filledFeeMicros: leg.feeMicros,
        },
        now,
      );
    await h.store.transitionBet(id, 'placing', 'open', { nowMs: now, runId: 'old-pair' });
  }
  return (await h.store.getBet(id))!;
}

/** Trades `game` on this deployment's own pair and returns the open bet. */
async function ownBet(h: EngineHarness, game: GameSpec): Promise<BetRecord> {
  for (const g of MORE_GAMES) clearBooks(world, g);
  setArbBooks(world, 4_000, game);
  const report = await scan(h.deps, h.state, { eventId: `evt-${game.eventTicker}` });
  expect(report.traded).toBe(1);
  return (await h.store.listBets('live', { limit: 10 })).bets[0]!;
}

function resolveAway(game: GameSpec): void {
  world.pm.resolve(game, 'away');
  world.kalshiSim.control.settle(kalshiTicker(game, 'home'), 'no');
  world.kalshiSim.control.settle(kalshiTicker(game, 'away'), 'yes');
}

const foreignAlerts = (h: EngineHarness, betId: string) =>
  h.notifier.sent.filter((n) => n.severity === 'critical' && n.text.includes(`Bet ${betId} `));

async function foreignErrors(h: EngineHarness, betId: string) {
  return (await h.store.listErrors(100)).filter((e) => e.message.includes(`Bet ${betId} `));
}

/** Whether any recorded venue call carried the old pair's bet: its id, its instruments. */
const touched = (calls: readonly Call[], betId: string) =>
  calls.filter((c) => [betId, OLD_TICKER, LEG_POLYMARKET.instrument.tokenId].some((s) => c.args.includes(s)));

describe('a bet on a venue this deployment does not trade (Polymarket bets under Kalshi × Polymarket US)', () => {
  it('settle: the old bet stays open, reported once in three runs, no breaker count; the own bet settles', async () => {
    const h = await engineHarness(db(), world, { mode: 'live' });
    const game = MORE_GAMES[1]!;
    const own = await ownBet(h, game);
    const old = await seedOldPairBet(h, 'b-old-open', 'open');
    resolveAway(game);
    const { deps, calls } = recorded(h);

    const reports = [];
    for (const run of [1, 2, 3]) {
      reports.push(await settle(deps, h.state, `settle-${run}`));
      expect(h.state.consecutiveVenueErrors).toBe(0);
    }

    for (const r of reports)
      expect(r.bets).toContainEqual({
        betId: old.id,
        state: 'foreign-venue',
        detail: expect.stringContaining('placed on Polymarket'),
      });
    expect(reports[0]!.bets).toContainEqual(
      expect.objectContaining({ betId: own.id, state: 'settled', credited: true }),
    );
    expect((await h.store.getBet(own.id))!.status).toBe('settled');
    expect((await h.store.getBet(old.id))!.status).toBe('open');
    expect((await h.store.getAccount('live'))!.intents[old.id]).toBeDefined();

    const errors = await foreignErrors(h, old.id);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ source: 'settle', venue: 'polymarket' });
    const alerts = foreignAlerts(h, old.id);
    expect(alerts).toHaveLength(1);
    for (const said of [
      'was placed on Polymarket',
      'this deployment trades Kalshi × Polymarket US (POLYMIX_VENUES=kalshi,polymarket-us)',
      'run a deployment configured for kalshi,polymarket',
      'docs/deploy.md#switching-pair',
    ])
      expect(alerts[0]!.text).toContain(said);
    expect(touched(calls, old.id)).toEqual([]);
    expect(await checkCircuitBreaker(deps, h.state)).toBeNull();

    // A new container reports it once more, and again only once.
    const fresh = newEngineState();
    await settle(deps, fresh, 'settle-4');
    await settle(deps, fresh, 'settle-5');
    expect(await foreignErrors(h, old.id)).toHaveLength(2);
    expect(foreignAlerts(h, old.id)).toHaveLength(2);
  });

  it('reconcile: a stale placing bet is looked up nowhere, reported once, no breaker count; an admitted one fails unplaced', async () => {
    const h = await engineHarness(db(), world, { mode: 'live' });
    const placing = await seedOldPairBet(h, 'b-old-placing', 'placing');
    const admitted = await seedOldPairBet(h, 'b-old-admitted', 'admitted');
    world.clock.advance(h.deps.config.staleIntentMs + 1_000);
    const { deps, calls } = recorded(h);

    for (const run of [1, 2, 3]) {
      const report = await reconcile(deps, h.state, `reconcile-${run}`);
      expect(report.bets).toContainEqual({
        betId: placing.id,
        from: 'placing',
        to: 'unchanged',
        detail: expect.stringContaining('placed on Polymarket'),
      });
      // Drift leaves out the legs on the venue it cannot read.
      expect(report.drift?.some((d) => d.instrument.startsWith('polymarket:'))).toBe(false);
      expect(h.state.consecutiveVenueErrors).toBe(0);
    }

    expect((await h.store.getBet(placing.id))!.status).toBe('placing');
    expect((await h.store.getAccount('live'))!.intents[placing.id]).toBeDefined();
    // Nothing was ever sent for an admitted bet: it fails on any pair, its reservation back.
    expect((await h.store.getBet(admitted.id))!.status).toBe('failed');
    expect((await h.store.getAccount('live'))!.intents[admitted.id]).toBeUndefined();

    const errors = await foreignErrors(h, placing.id);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ source: 'reconcile', venue: 'polymarket' });
    expect(foreignAlerts(h, placing.id)).toHaveLength(1);
    expect(touched(calls, placing.id)).toEqual([]);

    // A halt cancels none of its orders (reported already: not again in this container).
    expect(await cancelRestingOrders(deps, h.state)).toBe(0);
    expect(await foreignErrors(h, placing.id)).toHaveLength(1);
    expect(touched(calls, placing.id)).toEqual([]);
    expect(h.state.consecutiveVenueErrors).toBe(0);
  });

  it('halt: a new container meets the bet first in a halt and reports it there, once', async () => {
    const h = await engineHarness(db(), world, { mode: 'live' });
    const placing = await seedOldPairBet(h, 'b-old-halt', 'placing');
    const { deps, calls } = recorded(h);
    expect(await cancelRestingOrders(deps, h.state)).toBe(0);
    expect(await cancelRestingOrders(deps, h.state)).toBe(0);
    const errors = await foreignErrors(h, placing.id);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ source: 'halt cancel', venue: 'polymarket' });
    expect(foreignAlerts(h, placing.id)).toHaveLength(1);
    expect(touched(calls, placing.id)).toEqual([]);
    expect(h.state.consecutiveVenueErrors).toBe(0);
  });
});
