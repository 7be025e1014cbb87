/**
 * The real Polymarket client against the Polymarket simulator, for the paths the other tests do
 * not drive: the region block (docs/venues-polymarket.md#p5-region-block).
 */
import { Wallet } from 'ethers';
import type { InstrumentRef } from '../../lib/core/market';
import { AuthError, type OrderRequest, RegionRestricted } from '../../lib/engine/ports';
import type { FetchFn } from '../../lib/venues/http';
import { createPolymarketVenue, type PolymarketCredentials } from '../../lib/venues/polymarket';
import type { PolymarketSimMarketSpec } from '../../local/sim/control';
import { type PolymarketSim, REGION_RESTRICTED_ERROR, startPolymarketSim } from '../../local/sim/polymarket';

/** Public Anvil test keys (never real funds). */
const KEY_A = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const CREDS = {
  key: '11111111-2222-3333-4444-555555555555',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
  passphrase: 'pass-a',
};

const LAKERS = '71321045679252212594626385532706912750332728571942532289631379312455583992563';
const CELTICS = '52114319501245915516055106046884209969926127482827954674443846427813813222426';
const SPEC: PolymarketSimMarketSpec = {
  league: 'NBA',
  gammaId: '2858750',
  conditionId: `0x${'ab'.repeat(32)}`,
  eventSlug: 'nba-lal-bos-2026-11-25',
  question: 'Lakers vs. Celtics',
  gameStartMs: Date.now() + 3_600_000,
  outcomes: [
    { name: 'Lakers', tokenId: LAKERS },
    { name: 'Celtics', tokenId: CELTICS },
  ],
  homeTeamName: 'Boston Celtics',
  awayTeamName: 'Los Angeles Lakers',
  negRisk: false,
  tickMicros: 10_000,
  minSizeCenti: 500,
  feeRatePpm: 50_000,
  feeExponent: 1,
};
const LAKERS_REF: InstrumentRef = { venue: 'polymarket', conditionId: SPEC.conditionId, tokenId: LAKERS };

interface World {
  sim: PolymarketSim;
  /** Requests the client sent, as `METHOD /path`. */
  sent: string[];
  client(credentials?: Partial<PolymarketCredentials>): ReturnType<typeof createPolymarketVenue>;
}

async function world(options: Parameters<typeof startPolymarketSim>[0] = {}): Promise<World> {
  const sim = await startPolymarketSim(options);
  sim.control.addMarket(SPEC);
  sim.control.setBook(LAKERS, { bids: [], asks: [{ priceMicros: 400_000, sizeCenti: 100_000 }] });
  sim.control.registerAccount({ address: new Wallet(KEY_A).address, balanceMicros: 1_000_000_000, apiCreds: CREDS });
  const sent: string[] = [];
  const counting: FetchFn = (input, init) => {
    sent.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return fetch(input, init);
  };
  return {
    sim,
    sent,
    client: (credentials = {}) =>
      createPolymarketVenue(
        {
          gammaUrl: sim.gammaUrl,
          clobUrl: sim.url,
          dataUrl: sim.url,
          credentials: {
            privateKey: KEY_A,
            apiKey: CREDS.key,
            secret: CREDS.secret,
            passphrase: CREDS.passphrase,
            ...credentials,
          },
          timeoutMs: 2_000,
          orderTimeoutMs: 2_000,
        },
        { fetch: counting },
      ),
  };
}

const buy = (clientOrderId: string): OrderRequest => ({
  clientOrderId,
  instrument: LAKERS_REF,
  side: 'buy',
  priceMicros: 400_000,
  sizeCenti: 1_000,
  tif: 'FOK',
});

describe('region block (docs/venues-polymarket.md#p5-region-block)', () => {
  let w: World;
  afterEach(() => w.sim.close());

  it('maps the 403 to RegionRestricted, sends the order once and places nothing', async () => {
    w = await world({ restrictedRegion: true });
    const venue = w.client();
    await venue.listGames(['NBA']);
    const err = await venue.placeOrder(buy('region-1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegionRestricted);
    expect(err).toBeInstanceOf(AuthError); // never a generic, retryable failure
    expect((err as RegionRestricted).retryable).toBe(false);
    expect((err as RegionRestricted).status).toBe(403);
    expect((err as Error).message).toMatch(/Trading restricted in your region/);
    expect((err as Error).message).toMatch(/region/);
    expect(w.sent.filter((s) => s === 'POST /order')).toHaveLength(1);
    expect(w.sim.state.orders()).toEqual([]);
    // Reads are not blocked.
    await expect(venue.getBalance()).resolves.toEqual({ availableMicros: 1_000_000_000 });
  });

  it('answers the geoblock route and the venue text, before any authentication', async () => {
    w = await world({ restrictedRegion: true });
    const geo = await fetch(`${w.sim.url}/api/geoblock`);
    expect(await geo.json()).toEqual({ blocked: true, ip: '127.0.0.1', country: 'US', region: 'NY' });
    const anonymous = await fetch(`${w.sim.url}/order`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toEqual({ error: REGION_RESTRICTED_ERROR });
  });

  it('is off by default, and the knob turns it on and off at run time', async () => {
    w = await world();
    expect(await (await fetch(`${w.sim.url}/api/geoblock`)).json()).toMatchObject({ blocked: false });
    const venue = w.client();
    await venue.listGames(['NBA']);
    expect((await venue.placeOrder(buy('open-1'))).status).toBe('filled');
    const knob = await fetch(`${w.sim.url}/_sim/region`, { method: 'POST', body: JSON.stringify({ blocked: true }) });
    expect(knob.status).toBe(200);
    await expect(venue.placeOrder(buy('blocked-1'))).rejects.toBeInstanceOf(RegionRestricted);
    w.sim.region.set({ blocked: false });
    expect((await venue.placeOrder(buy('open-2'))).status).toBe('filled');
  });

  it('keeps other credential refusals as plain AuthError', async () => {
    w = await world();
    const venue = w.client({ apiKey: 'not-a-key' });
    await venue.listGames(['NBA']);
    const err = await venue.placeOrder(buy('bad-key')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err).not.toBeInstanceOf(RegionRestricted);
  });
});
