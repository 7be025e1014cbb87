/**
 * The real Polymarket client against the Polymarket simulator, for the paths the other tests do
 * not drive: the region block (docs/venues-polymarket.md#p5-region-block), Data API v2 positions
 * (docs/venues-polymarket.md#p6-positions-v2) and deposit-wallet (type 3) orders end to end
 * (docs/venues-polymarket.md#p4-deposit-wallet-signing).
 */
import { Wallet } from 'ethers';
import type { InstrumentRef } from '../../lib/core/market';
import { AuthError, type OrderRequest, RegionRestricted } from '../../lib/engine/ports';
import type { FetchFn } from '../../lib/venues/http';
import { createPolymarketVenue, type PolymarketCredentials } from '../../lib/venues/polymarket';
import { buildOrder, exchangeFor, orderBody, signOrder } from '../../lib/venues/polymarket/order-signing';
import type { PolymarketSimMarketSpec } from '../../local/sim/control';
import { type PolymarketSim, REGION_RESTRICTED_ERROR, startPolymarketSim } from '../../local/sim/polymarket';
import { l2Headers } from '../../local/sim/polymarket/signed-requests';

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
    expect(w.sim.state.orderLog.entries()).toEqual([
      expect.objectContaining({
        signatureVerified: false,
        outcome: 'rejected',
        reason: REGION_RESTRICTED_ERROR,
        filledCenti: 0,
      }),
    ]);
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

interface V2Page {
  data: Array<Record<string, unknown>>;
  pagination: { limit: number; offset: number; has_more: boolean; next_cursor: string | null };
}

describe('positions from the Data API v2 (docs/venues-polymarket.md#p6-positions-v2)', () => {
  let w: World;
  afterEach(() => w.sim.close());

  const holder = () => w.sim.state.accounts.get(new Wallet(KEY_A).address)!;

  it('shows a position under one share that v1 hides by default', async () => {
    w = await world();
    const venue = w.client();
    await venue.listGames(['NBA']);
    await venue.placeOrder(buy('pos-1'));
    w.sim.state.accounts.addPosition(holder(), CELTICS, 50); // 0.5 share, e.g. left over after a partial sell
    expect(await venue.getPositions()).toEqual([
      { instrument: LAKERS_REF, sizeCenti: 1_000 },
      { instrument: { ...LAKERS_REF, tokenId: CELTICS }, sizeCenti: 50 },
    ]);
    expect(w.sent.filter((s) => s.endsWith('/positions'))).toEqual(['GET /v2/positions']);
    const user = holder().funder.toLowerCase();
    const v1 = (await (await fetch(`${w.sim.url}/positions?user=${user}`)).json()) as Array<{ asset: string }>;
    expect(v1.map((r) => r.asset)).toEqual([LAKERS]);
    const v1All = (await (await fetch(`${w.sim.url}/positions?user=${user}&sizeThreshold=0`)).json()) as unknown[];
    expect(v1All).toHaveLength(2);
  });

  it('walks every page, re-sending user with each cursor', async () => {
    w = await world();
    // 60 more markets, two held tokens each: 120 rows, more than one page of 100.
    const expected: Array<{ instrument: InstrumentRef; sizeCenti: number }> = [];
    for (let i = 0; i < 60; i++) {
      const conditionId = `0x${i.toString(16).padStart(64, '0')}`;
      const tokens = [`${1_000_000 + 2 * i}`, `${1_000_001 + 2 * i}`] as const;
      w.sim.control.addMarket({
        ...SPEC,
        gammaId: String(10_000 + i),
        conditionId,
        outcomes: [
          { name: 'Lakers', tokenId: tokens[0] },
          { name: 'Celtics', tokenId: tokens[1] },
        ],
      });
      for (const [k, tokenId] of tokens.entries()) {
        w.sim.state.accounts.addPosition(holder(), tokenId, 100 + k);
        expected.push({ instrument: { venue: 'polymarket', conditionId, tokenId }, sizeCenti: 100 + k });
      }
    }
    const positions = await w.client().getPositions();
    expect(positions).toHaveLength(120);
    expect(positions).toEqual(expect.arrayContaining(expected));
    expect(w.sent.filter((s) => s === 'GET /v2/positions')).toHaveLength(2);
  });

  it('serves v2 strictly: user or condition on every page, consistent has_more and next_cursor', async () => {
    w = await world();
    w.sim.state.accounts.addPosition(holder(), LAKERS, 700);
    w.sim.state.accounts.addPosition(holder(), CELTICS, 300);
    const user = holder().funder.toLowerCase();
    const get = async (q: string) => {
      const r = await fetch(`${w.sim.url}/v2/positions?${q}`);
      return { status: r.status, json: (await r.json()) as V2Page };
    };
    const first = await get(`user=${user}&limit=1`);
    expect(first.status).toBe(200);
    expect(first.json.data).toHaveLength(1);
    expect(Object.keys(first.json.data[0] ?? {})).toEqual(
      expect.arrayContaining(['proxy_wallet', 'token_id', 'condition_id', 'current_size', 'status']),
    );
    expect(first.json.pagination).toMatchObject({ limit: 1, offset: 0, has_more: true });
    const cursor = String(first.json.pagination.next_cursor);
    expect((await get(`cursor=${cursor}`)).status).toBe(400); // a bare cursor is refused
    const second = await get(`user=${user}&cursor=${cursor}`);
    expect(second.json.data).toHaveLength(1);
    expect(second.json.pagination).toMatchObject({ offset: 1, has_more: false, next_cursor: null });
    expect((await get('limit=5')).status).toBe(400);
    const byCondition = await get(`condition=${SPEC.conditionId}`);
    expect(byCondition.json.data).toHaveLength(2);
  });
});

describe('deposit wallets, signature type 3 (docs/venues-polymarket.md#p4-deposit-wallet-signing)', () => {
  const OTHER_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
  const DEPOSIT_WALLET = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
  const owner = new Wallet(KEY_A);
  let w: World;
  afterEach(() => w.sim.close());

  async function depositWalletWorld(): Promise<World> {
    const made = await world();
    // The same API key, now for an account trading through its deposit wallet.
    made.sim.control.registerAccount({
      address: owner.address,
      funder: DEPOSIT_WALLET,
      signatureType: 3,
      balanceMicros: 1_000_000_000,
      apiCreds: CREDS,
    });
    return made;
  }

  it('places a type-3 order the simulator verifies, and reads the wallet back', async () => {
    w = await depositWalletWorld();
    const venue = w.client({ signatureType: 3, funderAddress: DEPOSIT_WALLET });
    await venue.listGames(['NBA']);
    const r = await venue.placeOrder(buy('dw-1'));
    expect(r).toMatchObject({ status: 'filled', filledCenti: 1_000 });
    const [order] = w.sim.state.orders();
    expect(order).toBeDefined();
    const log = (await (await fetch(`${w.sim.url}/_sim/order-log`)).json()) as unknown[];
    expect(log).toEqual([
      expect.objectContaining({
        venueOrderId: order?.id,
        signatureVerified: true,
        outcome: 'filled',
        filledCenti: 1_000,
      }),
    ]);
    expect(await venue.getPositions()).toEqual([{ instrument: LAKERS_REF, sizeCenti: 1_000 }]);
    expect(w.sim.state.account(owner.address)?.positions).toEqual({ [LAKERS]: 1_000 });
  });

  it("refuses a wrapper signed by a key that does not own the wallet, with the venue's error", async () => {
    w = await depositWalletWorld();
    const order = buildOrder({
      clientOrderId: 'dw-bad',
      tokenId: LAKERS,
      side: 'BUY',
      priceMicros: 400_000,
      sizeCenti: 1_000,
      tickMicros: 10_000,
      signerAddress: owner.address,
      funderAddress: DEPOSIT_WALLET,
      signatureType: 3,
      timestampMs: Date.now(),
    });
    const signed = await signOrder(
      new Wallet(OTHER_KEY),
      order,
      exchangeFor({ negRisk: false, protocolVersion: 'v1' }),
    );
    const body = orderBody(signed, CREDS.key, 'FOK');
    const headers = l2Headers(
      owner.address,
      CREDS,
      { method: 'POST', path: '/order', body },
      Math.floor(Date.now() / 1000),
    );
    const res = await fetch(`${w.sim.url}/order`, { method: 'POST', body, headers });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid signature' });
    expect(w.sim.state.orders()).toEqual([]);
    expect(w.sim.state.orderLog.entries()).toEqual([
      expect.objectContaining({
        venueOrderId: null,
        signatureVerified: false,
        outcome: 'rejected',
        reason: 'invalid signature',
      }),
    ]);
  });

  it('refuses a type-3 order from an account registered with an EOA key only (the #73 symptom)', async () => {
    w = await world(); // account type 0: its API key belongs to the EOA, no deposit wallet registered
    const venue = w.client({ signatureType: 3, funderAddress: DEPOSIT_WALLET });
    await venue.listGames(['NBA']);
    await expect(venue.placeOrder(buy('dw-eoa'))).rejects.toBeInstanceOf(AuthError);
  });
});
