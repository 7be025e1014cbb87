/**
 * A Polymarket US simulator on 127.0.0.1 with a funded account (a fresh Ed25519 key), one clock
 * for the simulator, its signature window and the client, and helpers to build our client or to
 * send signed requests by hand. Games come from `addGame` (one market with a book) or from the
 * scenario slate (`seedSlate`, through the scenario driver).
 */
import type { Clock } from '../../../lib/engine/ports';
import type { FetchFn } from '../../../lib/venues/http';
import {
  createPolymarketUsVenue,
  type PolymarketUsConfig,
  type PolymarketUsVenue,
  type PolymarketUsVenueDeps,
} from '../../../lib/venues/polymarket-us';
import { ManualClock } from '../../../local/sim/clock';
import type { KalshiSimControl } from '../../../local/sim/control';
import {
  newPolymarketUsSimKey,
  type PolymarketUsSim,
  type PolymarketUsSimKey,
  type PolymarketUsSimMarketSpec,
  type PolymarketUsSimOptions,
  pmusAuthHeaders,
  startPolymarketUsSim,
} from '../../../local/sim/polymarket-us';
import { loadSlate, ScenarioDriver } from '../../../local/sim/scenario';

export const PMUS_START = Date.parse('2026-11-25T22:00:00Z');
export const LAL_BOS_SLUG = 'aec-nba-lal-bos-2026-11-25';

export type PmusKey = PolymarketUsSimKey;

export function newPmusKey(keyId = '7f1c2a9e-4b3d-4e5f-8a6b-0c1d2e3f4a5b'): PmusKey {
  return newPolymarketUsSimKey(keyId);
}

export const LAL_BOS: PolymarketUsSimMarketSpec = {
  league: 'NBA',
  slug: LAL_BOS_SLUG,
  title: 'Lakers vs. Celtics',
  gameStartMs: Date.parse('2026-11-26T00:30:00Z'),
  long: { name: 'Lakers', abbreviation: 'LAL' },
  short: { name: 'Celtics', abbreviation: 'BOS' },
};

export interface PmusWorld {
  readonly sim: PolymarketUsSim;
  readonly clock: ManualClock;
  /** The client's clock: the simulator's time; a sleep moves it on (and takes a few real ms). */
  readonly clientClock: Clock;
  readonly key: PmusKey;
  client(config?: PolymarketUsConfig, deps?: PolymarketUsVenueDeps): PolymarketUsVenue;
  /** A signed request straight to the API host (for what our client never sends, e.g. a GTC order). */
  signed(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startPmusWorld(
  options: PolymarketUsSimOptions & { buyingPowerMicros?: number; startMs?: number } = {},
): Promise<PmusWorld> {
  const clock = new ManualClock(options.startMs ?? PMUS_START);
  const sim = await startPolymarketUsSim({ clock, realNow: () => clock.now(), ...options });
  const key = newPmusKey();
  sim.control.registerAccount({
    keyId: key.keyId,
    publicKeyBase64: key.publicKeyBase64,
    buyingPowerMicros: options.buyingPowerMicros ?? 1_000_000_000,
  });
  const clientClock: Clock = {
    now: () => clock.now(),
    // Waiting is time passing: token buckets refill and pauses end without real waits.
    sleep: (ms) => {
      clock.advance(ms);
      return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)));
    },
  };
  return {
    sim,
    clock,
    clientClock,
    key,
    client: (config = {}, deps = {}) =>
      createPolymarketUsVenue(
        {
          gatewayUrl: sim.gatewayUrl,
          apiUrl: sim.apiUrl,
          credentials: { keyId: key.keyId, secretKey: key.secretKey },
          lookupDelayMs: 5,
          retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
          ...config,
        },
        { clock: clientClock, ...deps },
      ),
    signed: async (method, path, body) => {
      const headers = pmusAuthHeaders(key.keyId, key.secretKey, method, path, clock.now());
      const res = await fetch(`${sim.apiUrl}${path}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    close: () => sim.close(),
  };
}

const noKalshi: KalshiSimControl = { addEvent: () => {}, setBook: () => {}, closeMarket: () => {}, settle: () => {} };

/** Lists the bundled slate's games on the simulator through the scenario driver (its books at `atMs`). */
export function seedSlate(world: PmusWorld, seed = 4): ScenarioDriver {
  const driver = new ScenarioDriver({
    slate: loadSlate(),
    seed,
    slateStartMs: world.clock.now(),
    kalshi: noKalshi,
    polymarket: null,
    polymarketUs: world.sim.control,
  });
  driver.tick(world.clock.now());
  return driver;
}

/** A fetch that records every answer's text by `METHOD /path` (for fuzzing and fixtures). */
export function recordingFetch(seen: Map<string, { status: number; text: string }>): FetchFn {
  return async (url, init) => {
    const res = await fetch(url, init);
    const text = await res.text();
    seen.set(`${(init.method ?? 'GET').toUpperCase()} ${new URL(url).pathname}`, { status: res.status, text });
    return new Response(text, { status: res.status, headers: res.headers });
  };
}
