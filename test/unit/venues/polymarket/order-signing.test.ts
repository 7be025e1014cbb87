/**
 * V2 order building and signing: the test vectors of docs/venues-polymarket.md#p4-vectors exactly, and byte-for-byte equality
 * with the official SDK's OrderBuilder (test oracle) for every signature type, exchange and tick.
 */
import { Wallet as WalletV5 } from '@ethersproject/wallet';
import {
  getContractConfig,
  OrderBuilder,
  type OrderType,
  orderToJsonV2,
  Side,
  type TickSize,
} from '@polymarket/clob-client-v2';
import { verifyTypedData, Wallet } from 'ethers';
import fc from 'fast-check';
import { hashTypedData } from 'viem';
import { CONTRACTS, ORDER_TYPE_STRING, ORDER_TYPES, TICK_ROUNDING } from '../../../../lib/venues/polymarket/constants';
import {
  buildOrder,
  exchangeDomain,
  exchangeFor,
  type OrderParams,
  orderBody,
  orderHash,
  orderMessage,
  rawAmounts,
  saltFor,
  signOrder,
} from '../../../../lib/venues/polymarket/order-signing';

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const wallet = new Wallet(KEY);
const walletV5 = new WalletV5(KEY);
const FUNDER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const TOKEN = '71321045679252212594626385532706912750332728571942532289631379312455583992563';
const TICK_TEXT: Record<number, TickSize> = {
  100_000: '0.1',
  10_000: '0.01',
  5_000: '0.005',
  2_500: '0.0025',
  1_000: '0.001',
  100: '0.0001',
};

function params(over: Partial<OrderParams> = {}): OrderParams {
  return {
    clientOrderId: 'bet-1:leg-a:0',
    tokenId: TOKEN,
    side: 'BUY',
    priceMicros: 570_000,
    sizeCenti: 1_050,
    tickMicros: 10_000,
    signerAddress: wallet.address,
    funderAddress: wallet.address,
    signatureType: 0,
    timestampMs: 1_700_000_000_123,
    ...over,
  };
}

describe('rawAmounts', () => {
  it('reproduces the raw-amount test vectors (docs/venues-polymarket.md#p4-vectors)', () => {
    expect(rawAmounts('BUY', 570_000, 1_050, 10_000)).toEqual({ makerAmount: 5_985_000n, takerAmount: 10_500_000n });
    expect(rawAmounts('SELL', 570_000, 1_050, 10_000)).toEqual({ makerAmount: 10_500_000n, takerAmount: 5_985_000n });
    // 0.333 × 7.777 → the SDK rounds the size down to 7.77 first; we take centishares directly.
    expect(rawAmounts('BUY', 333_000, 777, 1_000)).toEqual({ makerAmount: 2_587_410n, takerAmount: 7_770_000n });
  });

  it('refuses prices off the tick, at or beyond 0 and 1, unsupported ticks and empty sizes', () => {
    expect(() => rawAmounts('BUY', 575_000, 100, 10_000)).toThrow(/tick/);
    expect(() => rawAmounts('BUY', 0, 100, 10_000)).toThrow(/tick/);
    expect(() => rawAmounts('BUY', 1_000_000, 100, 10_000)).toThrow(/tick/);
    expect(() => rawAmounts('BUY', 500_000, 100, 20_000)).toThrow(/unsupported tick/);
    expect(() => rawAmounts('BUY', 500_000, 0, 10_000)).toThrow(/size/);
    expect(() => rawAmounts('BUY', 500_000, 1.5, 10_000)).toThrow(/size/);
  });

  it('covers exactly the SDK rounding table ticks', () => {
    expect(
      Object.keys(TICK_ROUNDING)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([100, 1_000, 2_500, 5_000, 10_000, 100_000]);
  });
});

describe('saltFor', () => {
  it('is the same for the same clientOrderId and differs between ids', () => {
    expect(saltFor('bet-7:leg-b:0')).toBe(saltFor('bet-7:leg-b:0'));
    expect(saltFor('bet-7:leg-b:0')).not.toBe(saltFor('bet-7:leg-b:1'));
  });

  it('stays below 2^40 so the JSON number is exact and inside the SDK salt range', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), (id) => saltFor(id) < 1n << 40n));
  });
});

describe('exchangeFor', () => {
  it('picks the exchange by neg-risk and market protocol version (same addresses as the SDK)', () => {
    const sdk = getContractConfig(137);
    expect(exchangeFor({ negRisk: false, protocolVersion: 'v1' })).toEqual({
      address: sdk.exchangeV2,
      domainVersion: '2',
    });
    expect(exchangeFor({ negRisk: true, protocolVersion: 'v1' })).toEqual({
      address: sdk.negRiskExchangeV2,
      domainVersion: '2',
    });
    expect(exchangeFor({ negRisk: false, protocolVersion: 'v2' })).toEqual({
      address: sdk.exchangeV3,
      domainVersion: '3',
    });
    expect(exchangeFor({ negRisk: true, protocolVersion: 'v2' })).toEqual({
      address: sdk.exchangeV3,
      domainVersion: '3',
    });
    expect(CONTRACTS.collateral).toBe(sdk.collateral);
    expect(CONTRACTS.conditionalTokens).toBe(sdk.conditionalTokens);
    expect(CONTRACTS.negRiskAdapter).toBe(sdk.negRiskAdapter);
  });
});

describe('signOrder', () => {
  it('reproduces the order signature test vector (docs/venues-polymarket.md#p4-vectors: EOA, exchange V2)', async () => {
    const order = { ...buildOrder(params()), salt: '850000000062' };
    const signed = await signOrder(wallet, order, exchangeFor({ negRisk: false, protocolVersion: 'v1' }));
    expect(signed.signature).toBe(
      '0x0934e78bfb868b43fd167f05dcaff278f2810afa05d1bd25447115292b489c9c6a07d1ea53b4e96767da85724dbec81f8829967bb3d5284c6a38c964300a07861b',
    );
  });

  it('signs proxy and safe orders with the EOA for a funder maker', async () => {
    for (const signatureType of [1, 2] as const) {
      const exchange = exchangeFor({ negRisk: true, protocolVersion: 'v1' });
      const signed = await signOrder(wallet, buildOrder(params({ signatureType, funderAddress: FUNDER })), exchange);
      expect(signed.maker).toBe(FUNDER);
      expect(signed.signer).toBe(wallet.address);
      expect(verifyTypedData(exchangeDomain(exchange), ORDER_TYPES, orderMessage(signed), signed.signature)).toBe(
        wallet.address,
      );
    }
  });

  it('refuses to sign an order whose signer is not our key', async () => {
    const order = { ...buildOrder(params()), signer: FUNDER };
    await expect(signOrder(wallet, order, exchangeFor({ negRisk: false, protocolVersion: 'v1' }))).rejects.toThrow(
      /signer/,
    );
  });

  it('wraps deposit-wallet (type 3) signatures with the 186-byte ERC-7739 suffix', async () => {
    expect(ORDER_TYPE_STRING.length).toBe(186);
    const signed = await signOrder(
      wallet,
      buildOrder(params({ signatureType: 3, funderAddress: FUNDER })),
      exchangeFor({ negRisk: false, protocolVersion: 'v1' }),
    );
    expect(signed.signer).toBe(FUNDER);
    // 65 signature + 32 domain separator + 32 contents hash + 186 type string + 2 length bytes.
    expect((signed.signature.length - 2) / 2).toBe(65 + 32 + 32 + 186 + 2);
  });
});

describe('orderHash', () => {
  it('equals viem hashTypedData of the same order', () => {
    const exchange = exchangeFor({ negRisk: true, protocolVersion: 'v1' });
    const order = buildOrder(params());
    const m = orderMessage(order);
    const viemHash = hashTypedData({
      domain: { ...exchangeDomain(exchange), verifyingContract: exchange.address as `0x${string}` },
      types: ORDER_TYPES,
      primaryType: 'Order',
      message: {
        ...m,
        salt: BigInt(m.salt),
        tokenId: BigInt(m.tokenId),
        makerAmount: BigInt(m.makerAmount),
        takerAmount: BigInt(m.takerAmount),
        timestamp: BigInt(m.timestamp),
        maker: m.maker as `0x${string}`,
        signer: m.signer as `0x${string}`,
        metadata: m.metadata as `0x${string}`,
        builder: m.builder as `0x${string}`,
      },
    });
    expect(orderHash(order, exchange)).toBe(viemHash);
  });
});

describe('orders equal the SDK OrderBuilder output', () => {
  afterEach(() => jest.restoreAllMocks());

  async function sdkOrder(p: OrderParams, negRisk: boolean, version: 2 | 3, salt: bigint) {
    // Stub the SDK clock and salt (docs/venues-polymarket.md#p7): salt = round(random × now), timestamp = now.
    jest.spyOn(Date, 'now').mockReturnValue(p.timestampMs);
    jest.spyOn(Math, 'random').mockReturnValue(Number(salt) / p.timestampMs);
    const builder = new OrderBuilder(
      walletV5,
      137,
      p.signatureType,
      p.signatureType === 0 ? undefined : p.funderAddress,
    );
    const order = await builder.buildOrder(
      {
        tokenID: p.tokenId,
        price: p.priceMicros / 1e6,
        size: p.sizeCenti / 100,
        side: p.side === 'BUY' ? Side.BUY : Side.SELL,
      },
      { tickSize: TICK_TEXT[p.tickMicros] as TickSize, negRisk },
      version,
    );
    jest.restoreAllMocks();
    return order;
  }

  it('for random prices, sizes, sides, ticks, signature types and exchanges', async () => {
    const ticks = Object.keys(TICK_ROUNDING).map(Number);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ticks).chain((tick) =>
          fc.record({
            tick: fc.constant(tick),
            steps: fc.integer({ min: 1, max: 1_000_000 / tick - 1 }),
            sizeCenti: fc.integer({ min: 1, max: 2_000_000 }),
            side: fc.constantFrom('BUY' as const, 'SELL' as const),
            signatureType: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
            negRisk: fc.boolean(),
            version: fc.constantFrom(2 as const, 3 as const),
            id: fc.string({ minLength: 1, maxLength: 20 }),
          }),
        ),
        async (c) => {
          const p = params({
            clientOrderId: c.id,
            side: c.side,
            priceMicros: c.steps * c.tick,
            sizeCenti: c.sizeCenti,
            tickMicros: c.tick,
            signatureType: c.signatureType,
            funderAddress: c.signatureType === 0 ? wallet.address : FUNDER,
            timestampMs: 1_764_000_000_000 + c.sizeCenti,
          });
          const ours = buildOrder(p);
          const sdk = await sdkOrder(p, c.negRisk, c.version, BigInt(ours.salt));
          const exchange = exchangeFor({ negRisk: c.negRisk, protocolVersion: c.version === 3 ? 'v2' : 'v1' });
          const signed = await signOrder(wallet, ours, exchange);
          expect({ ...signed }).toEqual({ ...sdk });
          expect(orderBody(signed, 'api-key', 'FOK')).toBe(
            JSON.stringify(orderToJsonV2(sdk as Parameters<typeof orderToJsonV2>[0], 'api-key', 'FOK' as OrderType)),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
