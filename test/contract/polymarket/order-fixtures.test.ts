/**
 * Recorded-format `POST /order` answers to a FOK BUY (test/fixtures/polymarket/README-orders.md):
 * the client's parser reads each one, and the simulator answers the same situations in the same
 * shape (status, keys, schema).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Rejected } from '../../../lib/engine/ports';
import { PolymarketVenue } from '../../../lib/venues/polymarket';
import { postOrderAnswer } from '../../../lib/venues/polymarket/schemas';
import { type Harness, LAKERS, levels, startHarness } from '../../support/sim/polymarket-fixture';
import { CONDITION, gammaMoneyline, TOKEN_A } from '../../support/venues/polymarket-fixtures';
import { FakeVenue } from './fake-venue';

interface Recorded {
  readonly status: number;
  readonly body: Record<string, unknown>;
}
const fixture = (name: string): Recorded =>
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/polymarket', name), 'utf8')) as Recorded;
const FILLED = fixture('order-fok-filled.json');
const KILLED = fixture('order-fok-killed.json');
const MIN_AMOUNT = fixture('order-refused-min-amount.json');

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const CREDS = {
  apiKey: 'f4f2e6a2-0000-4000-8000-000000000001',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
  passphrase: 'pass-phrase',
};

describe('the client reads the recorded FOK answers', () => {
  let fake: FakeVenue;
  let venue: PolymarketVenue;
  beforeEach(async () => {
    fake = new FakeVenue();
    await fake.start();
    fake.on('GET', '/markets/keyset', () => ({ json: { markets: [gammaMoneyline({ orderPriceMinTickSize: 0.01 })] } }));
    venue = new PolymarketVenue(
      {
        gammaUrl: fake.url,
        clobUrl: fake.url,
        dataUrl: fake.url,
        timeoutMs: 5_000,
        orderTimeoutMs: 5_000,
        credentials: { privateKey: KEY, ...CREDS } as never,
      },
      { random: () => 0 },
    );
  });
  afterEach(() => fake.stop());
  const buy = (spendMicros: number, sizeCenti: number) => ({
    clientOrderId: `fx-${spendMicros}`,
    instrument: { venue: 'polymarket' as const, conditionId: CONDITION, tokenId: TOKEN_A },
    side: 'buy' as const,
    priceMicros: 420_000,
    sizeCenti,
    tif: 'FOK' as const,
    spendMicros,
  });
  const answer = (r: Recorded) => () => ({ status: r.status, json: r.body });

  it('filled: the shares and dollars the venue reports', async () => {
    fake.on('POST', '/order', answer(FILLED));
    await expect(venue.placeOrder(buy(10_300_000, 2_500))).resolves.toMatchObject({
      status: 'filled',
      filledCenti: 2_500,
      notionalMicros: 10_300_000,
      venueOrderId: FILLED.body.orderID,
    });
  });

  it('killed: a normal no-fill outcome, not an error', async () => {
    fake.on('POST', '/order', answer(KILLED));
    await expect(venue.placeOrder(buy(10_300_000, 2_500))).resolves.toMatchObject({
      status: 'rejected',
      filledCenti: 0,
      reason: KILLED.body.error,
    });
  });

  it('refused under the $1 minimum: a Rejected error', async () => {
    fake.on('POST', '/order', answer(MIN_AMOUNT));
    await expect(venue.placeOrder(buy(1_000_000, 238))).rejects.toBeInstanceOf(Rejected);
  });
});

describe('the simulator answers the same situations in the same shape', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.sim.control.setBook(LAKERS, { bids: [], asks: levels([400_000, 1000], [420_000, 2000]) });
  });
  afterEach(() => h.sim.close());
  const post = async (makerAmount: string, takerAmount: string, salt: number) =>
    h.postOrder(await h.order({ side: 'BUY', makerAmount, takerAmount, salt }), 'FOK');
  const keys = (o: Record<string, unknown>) =>
    Object.keys(o)
      .filter((k) => k !== 'transactionsHashes') // optional, best effort (clob-client-v2 OrderResponse)
      .sort();

  it('filled', async () => {
    const r = await post('10300000', '24523800', 1);
    expect(r.status).toBe(FILLED.status);
    expect(keys(r.json)).toEqual(keys(FILLED.body));
    expect(postOrderAnswer.safeParse(r.json).success).toBe(true);
    expect(postOrderAnswer.safeParse(FILLED.body).success).toBe(true);
    expect(r.json).toMatchObject({ status: 'matched', makingAmount: '10.3', takingAmount: '25' });
  });

  it('killed', async () => {
    const r = await post('30000000', '71428500', 2);
    expect(r).toEqual({ status: KILLED.status, json: KILLED.body });
  });

  it('refused under $1', async () => {
    const r = await post('990000', '2357100', 3);
    expect(r.status).toBe(MIN_AMOUNT.status);
    expect(Object.keys(r.json)).toEqual(Object.keys(MIN_AMOUNT.body));
    const pattern = (text: unknown) => String(text).replace(/\(\$[\d.]+\)/, '($X)');
    expect(pattern(r.json.error)).toBe(pattern(MIN_AMOUNT.body.error));
  });
});
