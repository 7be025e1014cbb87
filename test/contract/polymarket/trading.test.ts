/**
 * Orders and account reads against a local server: L2 headers checked independently, signed
 * orders verified by signature recovery, and placement never repeated blindly on a timeout.
 */
import { inspect } from 'node:util';
import { TypedDataEncoder, verifyTypedData, Wallet } from 'ethers';
import { polymarketFee } from '../../../lib/core/fees';
import {
  AuthError,
  BadResponse,
  InsufficientFunds,
  type OrderRequest,
  Rejected,
  Timeout,
} from '../../../lib/engine/ports';
import { PolymarketVenue } from '../../../lib/venues/polymarket';
import { ORDER_TYPES } from '../../../lib/venues/polymarket/constants';
import { exchangeDomain, exchangeFor } from '../../../lib/venues/polymarket/order-signing';
import {
  CONDITION,
  clobBook,
  gammaMoneyline,
  openOrder,
  TOKEN_A,
  TOKEN_B,
} from '../../support/venues/polymarket-fixtures';
import { FakeVenue, hasValidL2, type Recorded } from './fake-venue';

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const ADDRESS = new Wallet(KEY).address;
const CREDS = {
  apiKey: 'f4f2e6a2-0000-4000-8000-000000000001',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
  passphrase: 'pass-phrase',
};

let fake: FakeVenue;
let venue: PolymarketVenue;

/** Generous timeouts (the 2 CI cores are shared); `quickOrders` only for tests that make POST /order hang. */
function makeVenue(
  credentials: Record<string, unknown> = { privateKey: KEY, ...CREDS },
  quickOrders = false,
): PolymarketVenue {
  const orderTimeoutMs = quickOrders ? 300 : 5_000;
  return new PolymarketVenue(
    {
      gammaUrl: fake.url,
      clobUrl: fake.url,
      dataUrl: fake.url,
      timeoutMs: 5_000,
      orderTimeoutMs,
      credentials: credentials as never,
    },
    { random: () => 0 },
  );
}

beforeEach(async () => {
  fake = new FakeVenue();
  await fake.start();
  // Market facts for signing: tick 0.01 (a book could change it), sports fee 0.03.
  fake.on('GET', '/markets/keyset', () => ({ json: { markets: [gammaMoneyline({ orderPriceMinTickSize: 0.01 })] } }));
  venue = makeVenue();
});
afterEach(() => fake.stop());

const order = (over: Partial<OrderRequest> = {}): OrderRequest => ({
  clientOrderId: 'bet-42:poly:0',
  instrument: { venue: 'polymarket', conditionId: CONDITION, tokenId: TOKEN_A },
  side: 'buy',
  priceMicros: 470_000,
  sizeCenti: 1_000,
  tif: 'FOK',
  ...over,
});

interface PostedOrder {
  order: Record<string, unknown> & { salt: number; signature: string; side: string; signatureType: number };
  owner: string;
  orderType: string;
}

/** Checks L2 headers and the order's EIP-712 signature as the venue would. */
function verifiedPost(req: Recorded): PostedOrder {
  expect(hasValidL2(req, CREDS, ADDRESS)).toBe(true);
  const body = JSON.parse(req.body) as PostedOrder;
  const o = body.order;
  const message = { ...o, salt: String(o.salt), side: o.side === 'BUY' ? 0 : 1 };
  const domain = exchangeDomain(exchangeFor({ negRisk: false, protocolVersion: 'v1' }));
  expect(verifyTypedData(domain, ORDER_TYPES, message, o.signature)).toBe(ADDRESS);
  return body;
}

describe('PolymarketVenue secrets', () => {
  it('keeps the private key and the L2 secret and passphrase out of inspection and JSON', async () => {
    // After a request, the session holds its L2 credentials in memory: they must still not show.
    fake.on('GET', '/balance-allowance', () => ({ json: { balance: '1000000', allowances: {} } }));
    await venue.getBalance().catch(() => undefined);
    const shown = [inspect(venue, { depth: 20 }), JSON.stringify(venue)];
    for (const text of shown) {
      expect(text).toContain(ADDRESS);
      for (const secret of [KEY.slice(2), CREDS.secret, CREDS.passphrase]) expect(text).not.toContain(secret);
    }
  });
});

describe('placeOrder', () => {
  it('posts a signed FOK with valid L2 headers and reports the fill with the computed fee', async () => {
    fake.on('POST', '/order', (req) => {
      const body = verifiedPost(req);
      expect(body).toMatchObject({ owner: CREDS.apiKey, orderType: 'FOK', deferExec: false, postOnly: false });
      expect(body.order).toMatchObject({
        makerAmount: '4700000',
        takerAmount: '10000000',
        side: 'BUY',
        signatureType: 0,
        expiration: '0',
      });
      return {
        json: {
          success: true,
          errorMsg: '',
          orderID: '0xabc',
          status: 'matched',
          makingAmount: '4.6',
          takingAmount: '10',
          tradeIDs: ['t1'],
        },
      };
    });
    const r = await venue.placeOrder(order());
    expect(r).toMatchObject({
      venue: 'polymarket',
      clientOrderId: 'bet-42:poly:0',
      venueOrderId: '0xabc',
      status: 'filled',
      filledCenti: 1_000,
      notionalMicros: 4_600_000,
    });
    expect(r.feeMicros).toBe(polymarketFee({ price: 460_000, shares: 1_000, rate: 30_000, exponent: 1 }));
  });

  it('sends IOC as FAK and reports a partial fill', async () => {
    fake.on('POST', '/order', (req) => {
      expect(verifiedPost(req).orderType).toBe('FAK');
      return { json: { success: true, orderID: '0xabc', status: 'matched', makingAmount: '1.88', takingAmount: '4' } };
    });
    await expect(venue.placeOrder(order({ tif: 'IOC' }))).resolves.toMatchObject({
      status: 'partial',
      filledCenti: 400,
    });
  });

  it('reports a killed FOK as rejected with nothing filled', async () => {
    fake.on('POST', '/order', () => ({
      status: 400,
      json: { error: "order couldn't be fully filled. FOK orders are fully filled or killed.", orderID: '0xk' },
    }));
    await expect(venue.placeOrder(order())).resolves.toMatchObject({
      status: 'rejected',
      filledCenti: 0,
      feeMicros: 0,
      venueOrderId: '0xk',
    });
  });

  it('throws InsufficientFunds and Rejected for the documented refusals', async () => {
    fake.on('POST', '/order', () => ({ status: 400, json: { error: 'not enough balance / allowance' } }));
    await expect(venue.placeOrder(order({ clientOrderId: 'a' }))).rejects.toBeInstanceOf(InsufficientFunds);
    fake.on('POST', '/order', () => ({
      json: { success: false, errorMsg: 'order_version_mismatch', orderID: '', status: '' },
    }));
    await expect(venue.placeOrder(order({ clientOrderId: 'b' }))).rejects.toBeInstanceOf(Rejected);
    fake.on('POST', '/order', () => ({ status: 401, json: { error: 'Unauthorized/Invalid api key' } }));
    await expect(venue.placeOrder(order({ clientOrderId: 'c' }))).rejects.toBeInstanceOf(AuthError);
  });

  it('turns an unknown status into BadResponse', async () => {
    fake.on('POST', '/order', () => ({
      json: { success: true, orderID: '0x1', status: 'teleported', makingAmount: '', takingAmount: '' },
    }));
    await expect(venue.placeOrder(order())).rejects.toBeInstanceOf(BadResponse);
  });

  it('refuses off-tick prices, buys under $1 and a reused clientOrderId without sending', async () => {
    fake.on('POST', '/order', () => ({
      json: { success: true, orderID: '0x1', status: 'matched', makingAmount: '4.7', takingAmount: '10' },
    }));
    await expect(venue.placeOrder(order({ priceMicros: 471_000, clientOrderId: 'x' }))).rejects.toBeInstanceOf(
      Rejected,
    );
    // 2 shares at 0.47 = $0.94: under the $1 a marketable BUY must spend (docs/venues-polymarket.md#p5-minimums).
    await expect(venue.placeOrder(order({ sizeCenti: 200, clientOrderId: 'y' }))).rejects.toThrow(
      'invalid amount for a marketable BUY order ($0.94), min size: $1',
    );
    // Selling 2 shares at 0.47 guarantees $0.94: refused too (conservative, same anchor).
    await expect(venue.placeOrder(order({ side: 'sell', sizeCenti: 200, clientOrderId: 'z' }))).rejects.toThrow(
      /under the \$1 minimum/,
    );
    expect(fake.calls('POST', '/order')).toHaveLength(0);
    await venue.placeOrder(order());
    await expect(venue.placeOrder(order({ priceMicros: 480_000 }))).rejects.toThrow(/already used/);
    expect(fake.calls('POST', '/order')).toHaveLength(1);
  });

  it('sends a FOK under the market share minimum when it is worth $1 (orderMinSize binds resting orders only)', async () => {
    fake.on('POST', '/order', () => ({
      json: { success: true, orderID: '0x1', status: 'matched', makingAmount: '1.41', takingAmount: '3' },
    }));
    // 3 shares < orderMinSize 5, $1.41 ≥ $1.
    await expect(venue.placeOrder(order({ sizeCenti: 300 }))).resolves.toMatchObject({ filledCenti: 300 });
    expect(fake.calls('POST', '/order')).toHaveLength(1);
  });

  it('signs a multi-level BUY as dollars: maker = the walk cost, taker = spend ÷ worst price rounded down', async () => {
    // Plan: 10 shares at 0.45 + 10 at 0.47 = $9.20; worst level 0.47.
    fake.on('POST', '/order', (req) => {
      const body = verifiedPost(req);
      // 9.20 / 0.47 = 19.574468… → 19.5744 (4 decimals, down): the implied limit 0.470000… ≥ 0.47.
      expect(body.order).toMatchObject({ makerAmount: '9200000', takerAmount: '19574400', side: 'BUY' });
      return {
        json: {
          success: true,
          errorMsg: '',
          orderID: '0xabc',
          status: 'matched',
          makingAmount: '9.2',
          takingAmount: '20',
        },
      };
    });
    const r = await venue.placeOrder(order({ sizeCenti: 2_000, spendMicros: 9_200_000 }));
    expect(r).toMatchObject({ status: 'filled', filledCenti: 2_000, notionalMicros: 9_200_000 });
  });

  it('refuses a spend that is not whole cents, under $1, or more than the size costs at the limit', async () => {
    for (const [spendMicros, text] of [
      [9_205_000, /not whole cents/],
      [990_000, /min size: \$1/],
      [9_410_000, /more than 2000 centishares cost/],
    ] as const) {
      await expect(
        venue.placeOrder(order({ sizeCenti: 2_000, spendMicros, clientOrderId: `s-${spendMicros}` })),
      ).rejects.toThrow(text);
    }
    await expect(
      venue.placeOrder(order({ side: 'sell', spendMicros: 9_200_000, clientOrderId: 's-sell' })),
    ).rejects.toThrow(/only a BUY/);
    expect(fake.calls('POST', '/order')).toHaveLength(0);
  });

  it('reports MORE shares than asked as filled, with the shares the venue delivered', async () => {
    fake.on('POST', '/order', () => ({
      json: {
        success: true,
        errorMsg: '',
        orderID: '0xabc',
        status: 'matched',
        makingAmount: '9.2',
        takingAmount: '20.444444',
      },
    }));
    const r = await venue.placeOrder(order({ sizeCenti: 2_000, spendMicros: 9_200_000 }));
    expect(r).toMatchObject({ status: 'filled', filledCenti: 2_044, notionalMicros: 9_200_000 });
  });

  it('reports FEWER shares than asked (a worse book inside the limit) as partial', async () => {
    fake.on('POST', '/order', () => ({
      json: {
        success: true,
        errorMsg: '',
        orderID: '0xabc',
        status: 'matched',
        makingAmount: '9.2',
        takingAmount: '19.5744',
      },
    }));
    const r = await venue.placeOrder(order({ sizeCenti: 2_000, spendMicros: 9_200_000 }));
    expect(r).toMatchObject({ status: 'partial', filledCenti: 1_957, notionalMicros: 9_200_000 });
  });

  it('refuses, without signing or sending, a FOK/FAK whose pUSD amount has more than 2 decimals', async () => {
    fake.on('POST', '/order', () => ({
      json: { success: true, orderID: '0x1', status: 'matched', makingAmount: '4.7', takingAmount: '10' },
    }));
    // 7.5 shares at 0.47 = 3.525 pUSD (buy maker amount); selling them would ask 3.525 as taker amount, which is fine.
    for (const tif of ['FOK', 'IOC'] as const) {
      await expect(venue.placeOrder(order({ sizeCenti: 750, tif, clientOrderId: `p-${tif}` }))).rejects.toThrow(
        /not whole cents \(market BUY maker amount: 2 decimals\)/,
      );
    }
    expect(fake.calls('POST', '/order')).toHaveLength(0);
    await expect(venue.placeOrder(order({ sizeCenti: 1_000, clientOrderId: 'p-ok' }))).resolves.toMatchObject({
      status: 'filled',
    });
  });

  it('on a timeout looks the order up by its hash instead of posting again', async () => {
    fake.on('POST', '/order', () => 'hang');
    venue = makeVenue(undefined, true);
    fake.on('GET', '/data/order/*', (req) => {
      expect(hasValidL2(req, CREDS, ADDRESS)).toBe(true);
      return {
        json: openOrder({ id: req.path.split('/').pop(), status: 'MATCHED', size_matched: '10', original_size: '10' }),
      };
    });
    const r = await venue.placeOrder(order());
    expect(fake.calls('POST', '/order')).toHaveLength(1);
    expect(r).toMatchObject({ status: 'filled', filledCenti: 1_000, clientOrderId: 'bet-42:poly:0' });
    expect(r.venueOrderId).toBe(postedHash());
    expect(fake.calls('GET', `/data/order/${postedHash()}`)).toHaveLength(1);
  });

  it('finds a timed-out order among our taker trades when the order record is gone', async () => {
    fake.on('POST', '/order', () => 'hang');
    venue = makeVenue(undefined, true);
    fake.on('GET', '/data/order/*', () => ({ json: null }));
    fake.on('GET', '/data/trades', (req) => {
      expect(hasValidL2(req, CREDS, ADDRESS)).toBe(true);
      expect(req.query.get('asset_id')).toBe(TOKEN_A);
      const mine = {
        id: 't1',
        taker_order_id: postedHash(),
        asset_id: TOKEN_A,
        side: 'BUY',
        size: '10',
        price: '0.46',
        status: 'MINED',
      };
      const other = { ...mine, id: 't2', taker_order_id: `0x${'9'.repeat(64)}` };
      return { json: { data: [mine, other], next_cursor: 'LTE=' } };
    });
    const r = await venue.placeOrder(order());
    expect(r).toMatchObject({
      status: 'filled',
      filledCenti: 1_000,
      notionalMicros: 4_600_000,
      venueOrderId: postedHash(),
    });
  });

  it('re-throws the timeout when the lookup finds nothing, and a retry re-sends the SAME signed order', async () => {
    fake.on('POST', '/order', () => 'hang');
    venue = makeVenue(undefined, true);
    fake.on('GET', '/data/order/*', () => ({ status: 404, json: { error: 'not found' } }));
    fake.on('GET', '/data/trades', () => ({ json: { data: [], next_cursor: 'LTE=' } }));
    await expect(venue.placeOrder(order())).rejects.toBeInstanceOf(Timeout);
    fake.on('POST', '/order', () => ({
      status: 400,
      json: { error: "order is invalid. Duplicated. Same order has already been placed, can't be placed again" },
    }));
    await expect(venue.placeOrder(order())).rejects.toBeInstanceOf(Rejected);
    const [first, second] = fake.calls('POST', '/order').map((r) => (JSON.parse(r.body) as PostedOrder).order);
    expect(second).toEqual(first);
  });
});

/** EIP-712 hash of the order the client posted, recomputed from the wire body. */
function postedHash(): string {
  const o = (JSON.parse(fake.calls('POST', '/order')[0]?.body ?? '{}') as PostedOrder).order;
  const message = { ...o, salt: String(o.salt), side: o.side === 'BUY' ? 0 : 1 };
  return TypedDataEncoder.hash(
    exchangeDomain(exchangeFor({ negRisk: false, protocolVersion: 'v1' })),
    ORDER_TYPES,
    message,
  );
}

describe('getOrder and cancelOrder', () => {
  it('looks an order up by clientOrderId through its signed hash', async () => {
    fake.on('POST', '/order', () => ({
      json: { success: true, orderID: '', status: 'live', makingAmount: '', takingAmount: '' },
    }));
    const placed = await venue.placeOrder(order());
    fake.on('GET', '/data/order/*', (req) => ({
      json: openOrder({ id: req.path.split('/').pop(), status: 'LIVE', size_matched: '0' }),
    }));
    const found = await venue.getOrder({ clientOrderId: 'bet-42:poly:0' });
    expect(found).toMatchObject({
      status: 'resting',
      venueOrderId: placed.venueOrderId,
      clientOrderId: 'bet-42:poly:0',
    });
    await expect(venue.getOrder({ clientOrderId: 'never-placed' })).resolves.toBeNull();
  });

  it('returns null for an order the venue does not know', async () => {
    fake.on('GET', '/data/order/*', () => ({ json: null }));
    await expect(venue.getOrder({ venueOrderId: '0x1' })).resolves.toBeNull();
  });

  it('cancels with the exact signed body and reports a refusal as Rejected', async () => {
    fake.on('DELETE', '/order', (req) => {
      expect(hasValidL2(req, CREDS, ADDRESS)).toBe(true);
      const id = (JSON.parse(req.body) as { orderID: string }).orderID;
      return {
        json:
          id === '0xok'
            ? { canceled: ['0xok'], not_canceled: {} }
            : { canceled: [], not_canceled: { [id]: 'order already matched' } },
      };
    });
    await expect(venue.cancelOrder({ venueOrderId: '0xok' })).resolves.toBeUndefined();
    await expect(venue.cancelOrder({ venueOrderId: '0xgone' })).rejects.toBeInstanceOf(Rejected);
  });
});

describe('account reads', () => {
  it('reads the pUSD balance in base units as micros', async () => {
    fake.on('GET', '/balance-allowance', (req) => {
      expect(hasValidL2(req, CREDS, ADDRESS)).toBe(true);
      expect(req.query.get('asset_type')).toBe('COLLATERAL');
      expect(req.query.get('signature_type')).toBe('0');
      return { json: { balance: '1234567890', allowances: {} } };
    });
    await expect(venue.getBalance()).resolves.toEqual({ availableMicros: 1_234_567_890 });
  });

  it('turns a decimal or numeric balance into BadResponse', async () => {
    for (const balance of ['1234.56', 1234]) {
      fake.on('GET', '/balance-allowance', () => ({ json: { balance } }));
      await expect(venue.getBalance()).rejects.toBeInstanceOf(BadResponse);
    }
  });

  // Data API v2 (docs/venues-polymarket.md#p6-positions-v2): paged envelope, snake_case rows.
  const v2Page = (data: unknown[], nextCursor: string | null) => ({
    json: { data, pagination: { limit: 100, offset: 0, has_more: nextCursor !== null, next_cursor: nextCursor } },
  });

  it('reads positions of the funder from the Data API v2, every page, floored to centishares', async () => {
    fake.on('GET', '/v2/positions', (req) => {
      expect(req.query.get('user')).toBe(ADDRESS); // re-sent with every cursor
      if (req.query.get('cursor') === null) {
        expect(req.query.get('limit')).toBe('100');
        return v2Page([{ token_id: TOKEN_A, condition_id: CONDITION, current_size: 10.5, status: 'OPEN' }], 'c1');
      }
      expect(req.query.get('cursor')).toBe('c1');
      return v2Page(
        [
          { token_id: '5', condition_id: CONDITION, current_size: '0.004', status: 'OPEN' },
          { token_id: TOKEN_B, condition_id: CONDITION, current_size: '0.5', status: 'REDEEMABLE' },
        ],
        null,
      );
    });
    await expect(venue.getPositions()).resolves.toEqual([
      { instrument: { venue: 'polymarket', conditionId: CONDITION, tokenId: TOKEN_A }, sizeCenti: 1_050 },
      { instrument: { venue: 'polymarket', conditionId: CONDITION, tokenId: TOKEN_B }, sizeCenti: 50 },
    ]);
    expect(fake.calls('GET', '/v2/positions')).toHaveLength(2);
    expect(fake.calls('GET', '/positions')).toHaveLength(0);
  });

  it('turns a repeated cursor, a cursor without has_more and camelCase v1 rows into BadResponse', async () => {
    fake.on('GET', '/v2/positions', () => v2Page([], 'same'));
    await expect(venue.getPositions()).rejects.toBeInstanceOf(BadResponse);
    fake.on('GET', '/v2/positions', () => ({
      json: { data: [], pagination: { limit: 100, offset: 0, has_more: false, next_cursor: 'c' } },
    }));
    await expect(venue.getPositions()).rejects.toBeInstanceOf(BadResponse);
    fake.on('GET', '/v2/positions', () => v2Page([{ asset: TOKEN_A, conditionId: CONDITION, size: 1 }], null));
    await expect(venue.getPositions()).rejects.toBeInstanceOf(BadResponse);
  });
});

describe('API key derivation', () => {
  it('derives L2 credentials once with L1 headers when only the private key is configured', async () => {
    const v = makeVenue({ privateKey: KEY });
    fake.on('GET', '/auth/derive-api-key', (req) => {
      const ts = String(req.headers.poly_timestamp);
      const domain = { name: 'ClobAuthDomain', version: '1', chainId: 137 };
      const types = {
        ClobAuth: [
          { name: 'address', type: 'address' },
          { name: 'timestamp', type: 'string' },
          { name: 'nonce', type: 'uint256' },
          { name: 'message', type: 'string' },
        ],
      };
      const value = {
        address: ADDRESS,
        timestamp: ts,
        nonce: 0,
        message: 'This message attests that I control the given wallet',
      };
      expect(verifyTypedData(domain, types, value, String(req.headers.poly_signature))).toBe(ADDRESS);
      return { json: { apiKey: CREDS.apiKey, secret: CREDS.secret, passphrase: CREDS.passphrase } };
    });
    fake.on('GET', '/balance-allowance', (req) => ({ json: { balance: hasValidL2(req, CREDS, ADDRESS) ? '1' : '0' } }));
    await expect(v.getBalance()).resolves.toEqual({ availableMicros: 1 });
    await expect(v.getBalance()).resolves.toEqual({ availableMicros: 1 });
    expect(fake.calls('GET', '/auth/derive-api-key')).toHaveLength(1);
  });

  it('refuses malformed credentials without echoing them', () => {
    expect(() => makeVenue({ privateKey: 'not-a-key-secret-value' })).toThrow(AuthError);
    try {
      makeVenue({ privateKey: 'not-a-key-secret-value' });
    } catch (err) {
      expect((err as Error).message).not.toContain('not-a-key-secret-value');
    }
    expect(() => makeVenue({ privateKey: KEY, signatureType: 2 })).toThrow(/funderAddress/);
  });
});

describe('exchange and signer choice through the client', () => {
  const FUNDER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

  function recoverFrom(
    req: Recorded,
    negRisk: boolean,
    protocolVersion: 'v1' | 'v2',
  ): { signer: string; order: PostedOrder['order'] } {
    const o = (JSON.parse(req.body) as PostedOrder).order;
    const message = { ...o, salt: String(o.salt), side: o.side === 'BUY' ? 0 : 1 };
    return {
      signer: verifyTypedData(
        exchangeDomain(exchangeFor({ negRisk, protocolVersion })),
        ORDER_TYPES,
        message,
        o.signature,
      ),
      order: o,
    };
  }

  it('follows the book: a neg-risk flag and a new tick from POST /books change the signed order', async () => {
    fake.on('GET', '/markets/keyset', () => ({
      json: { markets: [gammaMoneyline({ orderPriceMinTickSize: 0.01, negRisk: false })] },
    }));
    fake.on('POST', '/books', () => ({
      json: [clobBook({ tick_size: '0.001', neg_risk: true, bids: [], asks: [{ price: '0.471', size: '50' }] })],
    }));
    let recovered = '';
    fake.on('POST', '/order', (req) => {
      recovered = recoverFrom(req, true, 'v1').signer;
      return { json: { success: true, orderID: '0x1', status: 'matched', makingAmount: '4.71', takingAmount: '10' } };
    });
    await venue.marketInfo({ venue: 'polymarket', conditionId: CONDITION, tokenId: TOKEN_A }); // cached, so the book's tick and neg-risk update it
    await venue.getBooks([order().instrument]);
    await expect(venue.placeOrder(order({ priceMicros: 471_000 }))).resolves.toMatchObject({ status: 'filled' });
    expect(recovered).toBe(ADDRESS);
  });

  it('signs v2 (Protocol-V2) markets for ExchangeV3 with positionIds', async () => {
    const POSITION = '3333333333333333333333333333333333333333333333333333333333333333333333333333';
    fake.on('GET', '/markets/keyset', () => ({
      json: {
        markets: [gammaMoneyline({ orderPriceMinTickSize: 0.01, version: 'v2', positionIds: [POSITION, '4444'] })],
      },
    }));
    let recovered = '';
    fake.on('POST', '/order', (req) => {
      const r = recoverFrom(req, false, 'v2');
      recovered = r.signer;
      expect(r.order.tokenId).toBe(POSITION);
      return { json: { success: true, orderID: '0x1', status: 'matched', makingAmount: '4.7', takingAmount: '10' } };
    });
    const instrument = { venue: 'polymarket' as const, conditionId: CONDITION, tokenId: POSITION };
    await expect(venue.placeOrder(order({ instrument }))).resolves.toMatchObject({ status: 'filled' });
    expect(recovered).toBe(ADDRESS);
  });

  it('uses the funder as maker for a Safe account and passes its signature type to account reads', async () => {
    const safe = makeVenue({ privateKey: KEY, ...CREDS, funderAddress: FUNDER, signatureType: 2 });
    fake.on('POST', '/order', (req) => {
      const r = recoverFrom(req, false, 'v1');
      expect(r.signer).toBe(ADDRESS);
      expect(r.order).toMatchObject({ maker: FUNDER, signer: ADDRESS, signatureType: 2 });
      expect(hasValidL2(req, CREDS, ADDRESS)).toBe(true);
      return { json: { success: true, orderID: '0x1', status: 'matched', makingAmount: '4.7', takingAmount: '10' } };
    });
    fake.on('GET', '/balance-allowance', (req) => ({
      json: { balance: req.query.get('signature_type') === '2' ? '5' : '0' },
    }));
    fake.on('GET', '/v2/positions', (req) => ({
      json: {
        data:
          req.query.get('user') === FUNDER
            ? [{ token_id: TOKEN_A, condition_id: CONDITION, current_size: '2', status: 'OPEN' }]
            : [],
        pagination: { limit: 100, offset: 0, has_more: false, next_cursor: null },
      },
    }));
    await expect(safe.placeOrder(order())).resolves.toMatchObject({ status: 'filled' });
    await expect(safe.getBalance()).resolves.toEqual({ availableMicros: 5 });
    await expect(safe.getPositions()).resolves.toHaveLength(1);
  });
});

describe('secrets', () => {
  it('never echo a key answer body in an error', async () => {
    const v = makeVenue({ privateKey: KEY });
    fake.on('GET', '/auth/derive-api-key', () => ({ json: { apiKey: 'k', secret: 'TOP-SECRET-VALUE' } }));
    const err = await v.getBalance().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadResponse);
    expect(JSON.stringify({ m: (err as Error).message, e: (err as BadResponse).excerpt })).not.toContain(
      'TOP-SECRET-VALUE',
    );
  });
});
