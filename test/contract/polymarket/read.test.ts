/**
 * The Polymarket client's read side against a local server speaking the documented shapes:
 * Gamma discovery, POST /books batches, resolution, read-only behaviour.
 */
import { instrumentKey } from '../../../lib/core/market';
import { AuthError, BadResponse } from '../../../lib/engine/ports';
import { createPolymarketVenue, PolymarketVenue } from '../../../lib/venues/polymarket';
import {
  CONDITION,
  clobBook,
  clobMarket,
  gammaMoneyline,
  TOKEN_A,
  TOKEN_B,
} from '../../support/venues/polymarket-fixtures';
import { FakeVenue } from './fake-venue';

let fake: FakeVenue;
let venue: PolymarketVenue;

beforeEach(async () => {
  fake = new FakeVenue();
  await fake.start();
  venue = new PolymarketVenue({ gammaUrl: fake.url, clobUrl: fake.url, dataUrl: fake.url, timeoutMs: 500 });
});
afterEach(() => fake.stop());

const instrumentA = { venue: 'polymarket' as const, conditionId: CONDITION, tokenId: TOKEN_A };
const instrumentB = { venue: 'polymarket' as const, conditionId: CONDITION, tokenId: TOKEN_B };

// listGames: test/contract/polymarket/discovery.test.ts.

describe('getBooks', () => {
  it('with a problem sink, leaves a crossed book out and returns the others; without one, throws', async () => {
    const crossed = clobBook({ asset_id: TOKEN_B, bids: [{ price: '0.60', size: '10' }] });
    fake.on('POST', '/books', () => ({ json: [clobBook({ asset_id: TOKEN_A }), crossed] }));
    const problems: BadResponse[] = [];
    const books = await venue.getBooks([instrumentA, instrumentB], (p) => problems.push(p));
    expect([...books.keys()]).toEqual([instrumentKey(instrumentA)]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/crossed/)]);
    await expect(venue.getBooks([instrumentA, instrumentB])).rejects.toBeInstanceOf(BadResponse);
  });

  it('posts token ids in batches and returns books keyed by instrument, best first', async () => {
    fake.on('POST', '/books', (req) => {
      const ids = (JSON.parse(req.body) as Array<{ token_id: string }>).map((x) => x.token_id);
      return { json: ids.filter((id) => id === TOKEN_A || id === TOKEN_B).map((id) => clobBook({ asset_id: id })) };
    });
    const others = Array.from({ length: 58 }, (_, i) => ({
      venue: 'polymarket' as const,
      conditionId: CONDITION,
      tokenId: String(1000 + i),
    }));
    const books = await venue.getBooks([instrumentA, ...others, instrumentB]);
    expect(fake.calls('POST', '/books').map((r) => (JSON.parse(r.body) as unknown[]).length)).toEqual([50, 10]);
    expect(books.size).toBe(2);
    const a = books.get(instrumentKey(instrumentA));
    expect(a?.asks[0]).toEqual({ priceMicros: 460_000, sizeCenti: 1_000 });
    expect(a?.bids[0]).toEqual({ priceMicros: 450_000, sizeCenti: 12_050 });
  });

  it('turns an empty-object book, a number price and a non-JSON body into BadResponse', async () => {
    for (const reply of [
      { json: [{}] },
      { json: [clobBook({ asks: [{ price: 0.5, size: '1' }] })] },
      { text: '<html>busy</html>' },
    ]) {
      fake.on('POST', '/books', () => reply);
      await expect(venue.getBooks([instrumentA])).rejects.toBeInstanceOf(BadResponse);
    }
  });
});

describe('getResolution', () => {
  it('reads the winner from the CLOB market once Gamma says closed', async () => {
    fake.on('GET', '/markets/keyset', (req) => ({
      json: {
        markets:
          req.query.get('closed') === 'true' ? [gammaMoneyline({ closed: true, umaResolutionStatus: 'resolved' })] : [],
      },
    }));
    fake.on('GET', `/markets/${CONDITION}`, () => ({ json: clobMarket('A') }));
    await expect(venue.getResolution(instrumentB)).resolves.toEqual({
      state: 'final',
      kind: 'won',
      payoutMicros: { [instrumentKey(instrumentA)]: 1_000_000, [instrumentKey(instrumentB)]: 0 },
    });
    const lookups = fake.calls('GET', '/markets/keyset');
    expect(lookups.map((r) => [r.query.get('condition_ids'), r.query.get('closed')])).toEqual([
      [CONDITION, 'false'],
      [CONDITION, 'true'],
    ]);
  });

  it('does not ask the CLOB while the market is open', async () => {
    fake.on('GET', '/markets/keyset', () => ({ json: { markets: [gammaMoneyline()] } }));
    await expect(venue.getResolution(instrumentA)).resolves.toEqual({ state: 'unresolved' });
    expect(fake.calls('GET', `/markets/${CONDITION}`)).toHaveLength(0);
  });

  it('turns a malformed CLOB market into BadResponse', async () => {
    fake.on('GET', '/markets/keyset', () => ({ json: { markets: [gammaMoneyline({ closed: true })] } }));
    fake.on('GET', `/markets/${CONDITION}`, () => ({
      json: { condition_id: CONDITION, closed: true, tokens: [{ token_id: TOKEN_A }] },
    }));
    await expect(venue.getResolution(instrumentA)).rejects.toBeInstanceOf(BadResponse);
  });
});

describe('a client without credentials', () => {
  it('is read-only: every account method throws AuthError without a request', async () => {
    const ro = createPolymarketVenue({ gammaUrl: fake.url, clobUrl: fake.url, dataUrl: fake.url });
    const order = {
      clientOrderId: 'c',
      instrument: instrumentA,
      side: 'buy' as const,
      priceMicros: 500_000,
      sizeCenti: 500,
      tif: 'FOK' as const,
    };
    await expect(ro.placeOrder(order)).rejects.toBeInstanceOf(AuthError);
    await expect(ro.cancelOrder({ venueOrderId: '0x1' })).rejects.toBeInstanceOf(AuthError);
    await expect(ro.getOrder({ venueOrderId: '0x1' })).rejects.toBeInstanceOf(AuthError);
    await expect(ro.getBalance()).rejects.toBeInstanceOf(AuthError);
    await expect(ro.getPositions()).rejects.toBeInstanceOf(AuthError);
    expect(fake.requests).toHaveLength(0);
  });
});
