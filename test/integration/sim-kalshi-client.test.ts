/**
 * Cross-check: our Kalshi client (lib/venues/kalshi, written from docs/venues-kalshi.md by another hand)
 * against our Kalshi simulator (written from the same notes). Where they disagree, one of
 * them misreads the venue.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { InstrumentRef } from '../../lib/core/market';
import { KalshiVenue } from '../../lib/venues/kalshi';
import { ManualClock } from '../../local/sim/clock';
import { type KalshiSim, startKalshiSim } from '../../local/sim/kalshi';
import { loadSlate, ScenarioDriver } from '../../local/sim/scenario';

const START = Date.parse('2026-11-25T22:00:00Z');
let sim: KalshiSim;
let driver: ScenarioDriver;
let venue: KalshiVenue;

beforeAll(async () => {
  const clock = new ManualClock(START);
  sim = await startKalshiSim({ clock });
  driver = new ScenarioDriver({
    slate: loadSlate(),
    seed: 4,
    slateStartMs: START,
    kalshi: sim.control,
    polymarket: null,
  });
  driver.tick(START);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  sim.control.registerAccount({
    keyId: 'xcheck',
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    balanceMicros: 500_000_000,
  });
  venue = new KalshiVenue({
    baseUrl: sim.url,
    credentials: { keyId: 'xcheck', privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
  });
});
afterAll(() => sim.close());

const gameById = (id: string) => {
  const g = driver.games.find((x) => x.game.id === id);
  if (!g) throw new Error('no game');
  return g;
};
const game = () => gameById('nba-lal-bos');
/** A slate game on whole-contract markets (the demo slate's Lakers at Celtics trades fractions). */
const wholeGame = () => gameById('nba-mia-nyk');

describe('lib/venues/kalshi against the Kalshi simulator', () => {
  it('discovers every NBA game of the slate with both team markets', async () => {
    const games = await venue.listGames(['NBA']);
    const nba = driver.games.filter((g) => g.league === 'NBA');
    expect(games.map((g) => g.eventTicker).sort()).toEqual(nba.map((g) => g.eventTicker).sort());
    const lal = games.find((g) => g.eventTicker === game().eventTicker);
    expect(lal?.markets.map((m) => [m.ticker, m.yesSubTitle])).toEqual([
      [game().awayTicker, 'Los Angeles L'],
      [game().homeTicker, 'Boston'],
    ]);
  });

  it('keeps the page when one event shows a market status it does not know (docs/venues-kalshi.md#k1-enums)', async () => {
    const nba = driver.games.filter((g) => g.league === 'NBA');
    const eventTicker = `${nba[0]?.seriesTicker ?? 'KXNBAGAME'}-26NOV25NEWOLD`;
    sim.control.addEvent({
      league: 'NBA',
      seriesTicker: nba[0]?.seriesTicker ?? 'KXNBAGAME',
      eventTicker,
      title: 'New at Old Winner?',
      gameStartMs: START,
      expectedExpirationMs: START + 3 * 3_600_000,
      markets: [
        { ticker: `${eventTicker}-NEW`, yesSubTitle: 'New', tickMicros: 10_000, wireStatus: 'paused_for_review' },
        { ticker: `${eventTicker}-OLD`, yesSubTitle: 'Old', tickMicros: 10_000, fractional: true },
      ],
    });
    const problems: unknown[] = [];
    const games = await venue.listGames(['NBA'], (p) => problems.push(p));
    expect(games.map((g) => g.eventTicker).sort()).toEqual([...nba.map((g) => g.eventTicker), eventTicker].sort());
    expect(games.find((g) => g.eventTicker === eventTicker)?.markets.map((m) => m.tradable)).toEqual([false, true]);
    expect(games.filter((g) => g.eventTicker !== eventTicker).every((g) => g.markets.every((m) => m.tradable))).toBe(
      true,
    );
    expect(problems).toEqual([]);
    // The fractional market's order step is one centishare; the slate's markets are whole contracts
    // but for its one fractional game (kalshi.fractional in slates/demo-slate.json).
    expect(games.find((g) => g.eventTicker === eventTicker)?.markets.map((m) => m.sizeStepCenti)).toEqual([100, 1]);
    for (const g of games.filter((x) => x.eventTicker !== eventTicker)) {
      const step = g.eventTicker === game().eventTicker ? 1 : 100;
      expect(g.markets.map((m) => m.sizeStepCenti)).toEqual([step, step]);
    }
    sim.control.setBook(`${eventTicker}-OLD`, { yesBids: [{ priceMicros: 400_000, sizeCenti: 250 }], noBids: [] });
    const books = await venue.getBooks([
      { venue: 'kalshi', ticker: `${eventTicker}-OLD`, side: 'yes' },
      { venue: 'kalshi', ticker: wholeGame().awayTicker, side: 'yes' },
    ]);
    expect(
      [...books.values()].map((b) => [
        b.instrument.venue === 'kalshi' && b.instrument.ticker,
        b.minSizeCenti,
        b.sizeStepCenti,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [`${eventTicker}-OLD`, 1, 1],
        [wholeGame().awayTicker, 100, 100],
      ]),
    );
  });

  it('reads the books the driver pushed: YES asks are 1 − NO bids, best first', async () => {
    const yes: InstrumentRef = { venue: 'kalshi', ticker: game().awayTicker, side: 'yes' };
    const books = await venue.getBooks([yes]);
    const book = [...books.values()][0];
    const pushed = driver.lastStep('nba-lal-bos')?.books.kalshi.away;
    expect(book?.asks[0]?.priceMicros).toBe(1_000_000 - (pushed?.noBids[0]?.priceMicros ?? 0));
    expect(book?.bids[0]?.priceMicros).toBe(pushed?.yesBids[0]?.priceMicros);
  });

  it('places a FOK buy, and both sides agree on shares, notional and fee', async () => {
    const pushed = driver.lastStep('nba-lal-bos')?.books.kalshi.away;
    const askMicros = 1_000_000 - (pushed?.noBids[0]?.priceMicros ?? 0);
    const result = await venue.placeOrder({
      clientOrderId: 'xcheck-1',
      instrument: { venue: 'kalshi', ticker: game().awayTicker, side: 'yes' },
      side: 'buy',
      priceMicros: askMicros,
      sizeCenti: 1_000,
      tif: 'FOK',
    });
    const order = sim.control.account('xcheck').orders.find((o) => o.clientOrderId === 'xcheck-1');
    expect(result).toMatchObject({ status: 'filled', filledCenti: 1_000 });
    expect(result.notionalMicros).toBe(order?.takerFillCostMicros);
    expect(result.feeMicros).toBe(order?.takerFeesMicros);
    const again = await venue.getOrder({ clientOrderId: 'xcheck-1', instrument: result.instrument });
    expect(again).toMatchObject({ status: 'filled', filledCenti: 1_000, venueOrderId: order?.orderId });
    const balance = await venue.getBalance();
    expect(balance.availableMicros).toBe(sim.control.balanceMicros('xcheck'));
    const positions = await venue.getPositions();
    expect(positions).toEqual([
      { instrument: { venue: 'kalshi', ticker: game().awayTicker, side: 'yes' }, sizeCenti: 1_000 },
    ]);
    // The simulator's order log (local/sim/order-audit.ts) has it, also on GET /_sim/order-log.
    const logged = { clientOrderId: 'xcheck-1', venueOrderId: order?.orderId, signatureVerified: true };
    expect(sim.control.orderLog.entries().at(-1)).toMatchObject({ ...logged, outcome: 'filled', filledCenti: 1_000 });
    const route = (await (await fetch(`${sim.origin}/_sim/order-log`)).json()) as unknown[];
    expect(route.at(-1)).toMatchObject({ ...logged, account: 'xcheck', outcome: 'filled', reason: null });
  });

  it('reports a FOK that cannot fill as rejected with nothing filled', async () => {
    const result = await venue.placeOrder({
      clientOrderId: 'xcheck-2',
      instrument: { venue: 'kalshi', ticker: game().homeTicker, side: 'yes' },
      side: 'buy',
      priceMicros: 10_000,
      sizeCenti: 1_000,
      tif: 'FOK',
    });
    expect(result).toMatchObject({ status: 'rejected', filledCenti: 0 });
    expect(sim.control.orderLog.entries().at(-1)).toEqual({
      atMs: expect.any(Number),
      account: 'xcheck',
      clientOrderId: 'xcheck-2',
      venueOrderId: null,
      signatureVerified: true,
      outcome: 'killed',
      reason: 'fill_or_kill_insufficient_resting_volume',
      filledCenti: 0,
    });
  });

  it('reads the resolution once the game is settled', async () => {
    driver.tick(game().settleMs);
    const res = await venue.getResolution({ venue: 'kalshi', ticker: game().awayTicker, side: 'yes' });
    expect(res).toMatchObject({
      state: 'final',
      kind: 'won',
      payoutMicros: { [`kalshi:${game().awayTicker}:yes`]: 1_000_000, [`kalshi:${game().awayTicker}:no`]: 0 },
    });
  });

  it('reads a tie as $0.50 per team market', async () => {
    const tie = driver.games.find((g) => g.game.result === 'tie');
    if (!tie) throw new Error('no tie');
    driver.tick(tie.settleMs);
    const res = await venue.getResolution({ venue: 'kalshi', ticker: tie.homeTicker, side: 'yes' });
    expect(res).toMatchObject({ state: 'final', payoutMicros: { [`kalshi:${tie.homeTicker}:yes`]: 500_000 } });
  });
});
