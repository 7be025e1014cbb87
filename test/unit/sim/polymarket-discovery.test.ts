import {
  CELTICS,
  type Harness,
  httpFetch,
  LAKERS,
  levels,
  SPEC,
  startHarness,
} from '../../support/sim/polymarket-fixture';

const getJson = async (url: string) => {
  const res = await httpFetch(url);
  return { status: res.status, json: (await res.json()) as unknown };
};

describe('Polymarket simulator: Gamma discovery', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.sim.control.setBook(LAKERS, { bids: levels([440_000, 1000]), asks: levels([460_000, 1000]) });
  });
  afterEach(() => h.sim.close());

  it('lists leagues on /sports with comma-separated tag ids', async () => {
    const { json } = await getJson(`${h.sim.gammaUrl}/sports`);
    const nba = (json as Array<Record<string, unknown>>).find((s) => s.sport === 'nba')!;
    expect(nba.tags).toMatch(/^\d+(,\d+)+$/);
    expect(typeof nba.series).toBe('string');
  });

  it('serves the moneyline market the way Gamma writes it', async () => {
    const nbaTag = ((await getJson(`${h.sim.gammaUrl}/sports`)).json as Array<{ sport: string; tags: string }>)
      .find((s) => s.sport === 'nba')!
      .tags.split(',')[1];
    const { json } = await getJson(`${h.sim.gammaUrl}/events?tag_id=${nbaTag}&closed=false&limit=10`);
    const [event] = json as Array<Record<string, unknown>>;
    expect(event).toMatchObject({ slug: SPEC.eventSlug, homeTeamName: 'Boston Celtics', closed: false });
    expect(event!.teams).toEqual(
      expect.arrayContaining([expect.objectContaining({ ordering: 'home', name: 'Boston Celtics' })]),
    );
    const market = (event!.markets as Array<Record<string, unknown>>)[0]!;
    expect(market).toMatchObject({
      conditionId: SPEC.conditionId,
      sportsMarketType: 'moneyline',
      gameStartTime: '2026-11-26 00:30:00+00',
      version: 'v1',
      negRisk: false,
      active: true,
      acceptingOrders: true,
      enableOrderBook: true,
      orderPriceMinTickSize: 0.01,
      orderMinSize: 5,
      feeSchedule: { rate: 0.03, exponent: 1, takerOnly: true, rebateRate: 0.25 },
    });
    expect(JSON.parse(market.outcomes as string)).toEqual(['Lakers', 'Celtics']);
    expect(JSON.parse(market.clobTokenIds as string)).toEqual([LAKERS, CELTICS]);
    expect(JSON.parse(market.outcomePrices as string)).toEqual(['0.45', '0.5']);
    expect(market).not.toHaveProperty('umaResolutionStatus');
  });

  it('filters by closed, tag and paging, and finds by id and slug', async () => {
    expect((await getJson(`${h.sim.gammaUrl}/events?closed=true`)).json).toEqual([]);
    expect((await getJson(`${h.sim.gammaUrl}/markets?tag_id=450`)).json).toEqual([]);
    expect((await getJson(`${h.sim.gammaUrl}/markets?offset=1`)).json).toEqual([]);
    expect((await getJson(`${h.sim.gammaUrl}/markets/${SPEC.gammaId}`)).json).toMatchObject({
      conditionId: SPEC.conditionId,
    });
    expect((await getJson(`${h.sim.gammaUrl}/events/slug/${SPEC.eventSlug}`)).json).toMatchObject({
      slug: SPEC.eventSlug,
    });
    expect((await getJson(`${h.sim.gammaUrl}/markets/999`)).status).toBe(404);
  });
});

describe('Polymarket simulator: CLOB market data', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.sim.control.setBook(LAKERS, { bids: levels([440_000, 1000], [430_000, 250]), asks: levels([460_000, 1050]) });
  });
  afterEach(() => h.sim.close());

  it('answers /book in the venue shape: strings, best last, ms timestamp, sha1 hash', async () => {
    const { json } = await getJson(`${h.sim.url}/book?token_id=${LAKERS}`);
    expect(json).toMatchObject({
      market: SPEC.conditionId,
      asset_id: LAKERS,
      timestamp: String(h.clock.now()),
      bids: [
        { price: '0.43', size: '2.5' },
        { price: '0.44', size: '10' },
      ],
      asks: [{ price: '0.46', size: '10.5' }],
      min_order_size: '5',
      tick_size: '0.01',
      neg_risk: false,
    });
    expect((json as { hash: string }).hash).toMatch(/^[0-9a-f]{40}$/);
  });

  it('answers the venue errors for a missing or unknown token, and skips unknown tokens in /books', async () => {
    expect(await getJson(`${h.sim.url}/book`)).toEqual({ status: 400, json: { error: 'Invalid token id' } });
    expect(await getJson(`${h.sim.url}/book?token_id=42`)).toEqual({
      status: 404,
      json: { error: 'No orderbook exists for the requested token id' },
    });
    const res = await httpFetch(`${h.sim.url}/books`, {
      method: 'POST',
      body: JSON.stringify([{ token_id: LAKERS }, { token_id: '42' }]),
    });
    expect(((await res.json()) as unknown[]).length).toBe(1);
    const bad = await httpFetch(`${h.sim.url}/books`, { method: 'POST', body: '{"token_id":1}' });
    expect(bad.status).toBe(400);
  });
});

describe('Polymarket simulator: resolution', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.sim.control.setBook(LAKERS, { bids: [], asks: levels([400_000, 1000]) });
    h.sim.control.setBook(CELTICS, { bids: [], asks: levels([600_000, 1000]) });
    await h.postOrder(await h.order({ side: 'BUY', makerAmount: '4000000', takerAmount: '10000000' }), 'FOK');
    await h.postOrder(
      await h.order({ side: 'BUY', tokenId: CELTICS, makerAmount: '3000000', takerAmount: '5000000' }),
      'FOK',
    );
  });
  afterEach(() => h.sim.close());

  it('lists held positions on the Data API /positions?user=<funder>', async () => {
    const rows = (await getJson(`${h.sim.url}/positions?user=${h.wallet.address.toLowerCase()}`)).json as Array<
      Record<string, unknown>
    >;
    expect(rows.map((r) => [r.asset, r.size, r.conditionId])).toEqual([
      [LAKERS, 10, SPEC.conditionId],
      [CELTICS, 5, SPEC.conditionId],
    ]);
    expect((await getJson(`${h.sim.url}/positions?user=0x0000000000000000000000000000000000000001`)).json).toEqual([]);
  });

  it('pays the winner 1 per share, closes the market on both APIs and marks the winner', async () => {
    const before = h.sim.control.account(h.wallet.address)!;
    expect(before.positions).toEqual({ [LAKERS]: 1000, [CELTICS]: 500 });
    h.sim.control.resolve(SPEC.conditionId, { winnerTokenId: CELTICS });
    const after = h.sim.control.account(h.wallet.address)!;
    expect(after.balanceMicros).toBe(before.balanceMicros + 5_000_000);
    expect(after.positions).toEqual({});
    const gamma = (await getJson(`${h.sim.gammaUrl}/markets/${SPEC.gammaId}`)).json as Record<string, unknown>;
    expect(gamma).toMatchObject({
      closed: true,
      acceptingOrders: false,
      umaResolutionStatus: 'resolved',
      outcomePrices: '["0","1"]',
    });
    const clob = (await getJson(`${h.sim.url}/markets/${SPEC.conditionId}`)).json as {
      tokens: Array<{ winner: boolean }>;
    };
    expect(clob.tokens.map((t) => t.winner)).toEqual([false, true]);
    const late = await h.postOrder(
      await h.order({ side: 'BUY', makerAmount: '4000000', takerAmount: '10000000', salt: 5 }),
      'FOK',
    );
    expect(late.status).toBe(400);
  });

  it('pays 0.5 per share on a split', async () => {
    const before = h.sim.control.account(h.wallet.address)!.balanceMicros;
    h.sim.control.resolve(SPEC.conditionId, { split: true });
    expect(h.sim.control.account(h.wallet.address)!.balanceMicros).toBe(before + 5_000_000 + 2_500_000);
    const gamma = (await getJson(`${h.sim.gammaUrl}/markets/${SPEC.gammaId}`)).json as Record<string, unknown>;
    expect(gamma.outcomePrices).toBe('["0.5","0.5"]');
  });
});
