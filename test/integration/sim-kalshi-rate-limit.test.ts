/**
 * Kalshi rate limits are token buckets priced per endpoint (docs/venues-kalshi.md#k6-costs): the
 * simulator charges them and answers 429; the client paces itself by the same tokens, so it never
 * meets a 429, and backs off when it does.
 */
import type { Clock } from '../../lib/engine/ports';
import { RateLimited } from '../../lib/engine/ports';
import { KalshiVenue } from '../../lib/venues/kalshi';
import { ManualClock } from '../../local/sim/clock';
import { type KalshiSim, startKalshiSim } from '../../local/sim/kalshi';

const START = Date.parse('2026-11-25T22:00:00Z');
const EVENT = 'KXNBAGAME-26NOV25LALBOS';
const LAL = `${EVENT}-LAL`;

/** Time that moves only when the client sleeps: pacing costs no real time. */
function pacingClock(): Clock {
  let now = START;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

let sim: KalshiSim;
let clock: Clock;
beforeEach(async () => {
  clock = pacingClock();
  sim = await startKalshiSim({
    clock: new ManualClock(START),
    rateLimit: { tier: 'basic' },
    rateNow: () => clock.now(),
  });
  sim.control.addEvent({
    league: 'NBA',
    seriesTicker: 'KXNBAGAME',
    eventTicker: EVENT,
    title: 'Los Angeles L at Boston Winner?',
    gameStartMs: START,
    expectedExpirationMs: START + 3 * 3_600_000,
    markets: [
      { ticker: LAL, yesSubTitle: 'Los Angeles L', tickMicros: 10_000 },
      { ticker: `${EVENT}-BOS`, yesSubTitle: 'Boston', tickMicros: 10_000 },
    ],
  });
});
afterEach(() => sim.close());

const inst = { venue: 'kalshi' as const, ticker: LAL, side: 'yes' as const };

describe('Kalshi token-bucket rate limits (docs/venues-kalshi.md#k6-costs)', () => {
  it('the simulator refuses the 21st default-cost read within a second on Basic with 429 "too many requests"', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await fetch(`${sim.url}/markets/${LAL}`)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
    const refused = await fetch(`${sim.url}/markets/${LAL}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(await refused.json()).toEqual({ error: 'too many requests' });
    expect(sim.rateLimiter?.refused).toBe(2);
  });

  it('charges a multi-ticker book read per ticker', async () => {
    const tickers = Array.from({ length: 20 }, () => `tickers=${LAL}`).join('&');
    expect((await fetch(`${sim.url}/markets/orderbooks?${tickers}`)).status).toBe(200); // 200 tokens
    expect((await fetch(`${sim.url}/markets/${LAL}`)).status).toBe(429);
  });

  it('the client paces by tokens and never meets a 429 (Basic: 20 default reads a second)', async () => {
    const venue = new KalshiVenue({ baseUrl: sim.url, tier: 'basic' }, { clock });
    for (let i = 0; i < 45; i++) await venue.getResolution(inst);
    expect(sim.rateLimiter?.refused).toBe(0);
    // 45 reads × 10 tokens at 200 a second, 200 of them up front: at least 1.25 s of paced time.
    expect(clock.now() - START).toBeGreaterThanOrEqual(1_250);
  });

  it('a client that thinks it has more budget meets 429, backs off and is served after the refill', async () => {
    const venue = new KalshiVenue(
      { baseUrl: sim.url, tier: 'prime', retry: { attempts: 4, baseDelayMs: 200, maxDelayMs: 2_000 } },
      { clock, random: () => 0.5 },
    );
    for (let i = 0; i < 25; i++) await venue.getResolution(inst);
    expect(sim.rateLimiter?.refused).toBeGreaterThan(0);
    // With no retry left, the 429 reaches the caller as RateLimited (as an order placement always does).
    const eager = new KalshiVenue(
      { baseUrl: sim.url, tier: 'prime', retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } },
      { clock },
    );
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => eager.getResolution(inst)));
    expect(results.some((r) => r.status === 'rejected' && r.reason instanceof RateLimited)).toBe(true);
  });
});
