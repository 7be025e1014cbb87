/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read ad hoc in assertions */
/**
 * Recorded-format resolution and `/v2/positions` answers (test/fixtures/polymarket/README-resolution.md):
 * the client's parsers read them, and the simulator, after the same situation (a game resolved, an
 * account holding two positions), answers in the same shape: the same schemas accept both, and the
 * simulator sends every key the fixture holds.
 */
import { Wallet } from 'ethers';
import { instrumentKey } from '../../../lib/core/market';
import { PolymarketVenue } from '../../../lib/venues/polymarket';
import { clobMarket, dataPositionsV2Page, gammaMarketsKeysetPage } from '../../../lib/venues/polymarket/schemas';
import clobResolved from '../../fixtures/polymarket/clob-market-resolved.json';
import gammaResolved from '../../fixtures/polymarket/markets-keyset-resolved.json';
import positionsLast from '../../fixtures/polymarket/positions-v2-last-page.json';
import positionsFirst from '../../fixtures/polymarket/positions-v2-page.json';
import {
  CELTICS,
  type Harness,
  httpFetch,
  KEY_A,
  LAKERS,
  SPEC,
  startHarness,
} from '../../support/sim/polymarket-fixture';
import { FakeVenue } from './fake-venue';

const keys = (o: object) => Object.keys(o).sort();
const CREDS = {
  apiKey: 'f4f2e6a2-0000-4000-8000-000000000001',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
  passphrase: 'pass-phrase',
};
const market = gammaResolved.markets[0]!;
const [TOKEN_LAKERS, TOKEN_CELTICS] = JSON.parse(market.clobTokenIds) as [string, string];

describe('the client reads the recorded resolution and positions', () => {
  let fake: FakeVenue;
  let venue: PolymarketVenue;
  beforeEach(async () => {
    fake = new FakeVenue();
    await fake.start();
    venue = new PolymarketVenue(
      {
        gammaUrl: fake.url,
        clobUrl: fake.url,
        dataUrl: fake.url,
        timeoutMs: 5_000,
        orderTimeoutMs: 5_000,
        credentials: { privateKey: KEY_A, ...CREDS } as never,
      },
      { random: () => 0 },
    );
  });
  afterEach(() => fake.stop());

  it('each file passes the schema the client parses with', () => {
    expect(gammaMarketsKeysetPage.parse(gammaResolved).markets[0]?.closed).toBe(true);
    expect(clobMarket.parse(clobResolved).tokens.filter((t) => t.winner)).toHaveLength(1);
    expect(dataPositionsV2Page.parse(positionsFirst).pagination.next_cursor).toEqual(expect.any(String));
    expect(dataPositionsV2Page.parse(positionsLast).pagination.next_cursor).toBeNull();
  });

  it('a closed market whose CLOB market flags a winner resolves to won(that outcome)', async () => {
    fake.on('GET', '/markets/keyset', (req) => ({
      json: req.query.get('closed') === 'true' ? gammaResolved : { markets: [] },
    }));
    fake.on('GET', `/markets/${market.conditionId}`, () => ({ json: clobResolved }));
    const instrument = { venue: 'polymarket' as const, conditionId: market.conditionId, tokenId: TOKEN_CELTICS };
    const key = (tokenId: string) => instrumentKey({ ...instrument, tokenId });
    await expect(venue.getResolution(instrument)).resolves.toEqual({
      state: 'final',
      kind: 'won',
      payoutMicros: { [key(TOKEN_LAKERS)]: 0, [key(TOKEN_CELTICS)]: 1_000_000 },
    });
  });

  it('the two pages of positions: every row, the cursor followed with the user re-sent', async () => {
    const user = new Wallet(KEY_A).address;
    fake.on('GET', '/v2/positions', (req) => {
      expect(req.query.get('user')).toBe(user);
      const cursor = req.query.get('cursor');
      if (cursor === null) return { json: positionsFirst };
      expect(cursor).toBe(positionsFirst.pagination.next_cursor);
      return { json: positionsLast };
    });
    await expect(venue.getPositions()).resolves.toEqual([
      { instrument: { venue: 'polymarket', conditionId: market.conditionId, tokenId: TOKEN_LAKERS }, sizeCenti: 2_500 },
      {
        instrument: { venue: 'polymarket', conditionId: market.conditionId, tokenId: TOKEN_CELTICS },
        sizeCenti: 1_250,
      },
    ]);
  });
});

describe('the simulator answers in the recorded shapes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sim.close());
  const get = async (url: string) => (await httpFetch(url)).json() as Promise<any>;

  it('a resolved game: Gamma /markets/keyset (closed) and CLOB /markets/{id}, same schemas, every recorded key', async () => {
    h.sim.control.closeMarket(SPEC.conditionId);
    h.sim.control.resolve(SPEC.conditionId, { winnerTokenId: CELTICS });
    const page = await get(`${h.sim.gammaUrl}/markets/keyset?condition_ids=${SPEC.conditionId}&closed=true`);
    expect(keys(page)).toEqual(keys(gammaResolved));
    const parsed = gammaMarketsKeysetPage.parse(page).markets[0]!;
    expect(keys(page.markets[0])).toEqual(expect.arrayContaining(keys(market)));
    expect([parsed.closed, parsed.umaResolutionStatus, parsed.outcomePrices]).toEqual([true, 'resolved', ['0', '1']]);

    const clob = await get(`${h.sim.url}/markets/${SPEC.conditionId}`);
    expect(keys(clob)).toEqual(expect.arrayContaining(keys(clobResolved)));
    for (const t of clob.tokens) expect(keys(t)).toEqual(keys(clobResolved.tokens[0]!));
    expect(clobMarket.parse(clob).tokens.map((t) => [t.token_id, t.winner])).toEqual([
      [LAKERS, false],
      [CELTICS, true],
    ]);
  });

  it('/v2/positions: a first page with next_cursor and a last page, same schema, every recorded key', async () => {
    const holder = h.sim.state.accounts.get(h.wallet.address)!;
    h.sim.state.accounts.addPosition(holder, LAKERS, 2_500);
    h.sim.state.accounts.addPosition(holder, CELTICS, 1_250);
    const first = await get(`${h.sim.url}/v2/positions?user=${h.wallet.address}&limit=1`);
    const p1 = dataPositionsV2Page.parse(first);
    expect(p1.pagination.next_cursor).toEqual(expect.any(String));
    const last = await get(`${h.sim.url}/v2/positions?user=${h.wallet.address}&cursor=${p1.pagination.next_cursor}`);
    expect(dataPositionsV2Page.parse(last).pagination.next_cursor).toBeNull();
    for (const page of [first, last]) {
      expect(keys(page)).toEqual(keys(positionsFirst));
      expect(keys(page.pagination)).toEqual(keys(positionsFirst.pagination));
      expect(page.data).toHaveLength(1);
      expect(keys(page.data[0])).toEqual(expect.arrayContaining(keys(positionsFirst.data[0]!)));
    }
  });
});
