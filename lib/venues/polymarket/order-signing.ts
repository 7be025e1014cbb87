/**
 * Building and signing CLOB V2 orders with ethers v6 (docs/venues-polymarket.md#p4, #p5).
 *
 * Amounts are computed with integers: a price on the market's tick and a size in centishares
 * give maker/taker amounts that are exact in pUSD base units (6 decimals), and equal to what
 * the SDK's float rounding table produces for the same inputs (proved against the SDK in
 * test/unit/venues/polymarket/order-signing.test.ts).
 */
import { concat, keccak256, TypedDataEncoder, toUtf8Bytes, type Wallet } from 'ethers';
import type { Centishares, Micros, PriceMicros } from '../../core/money';
import { polymarketMarketBuyAmounts } from '../../core/order-precision';
import {
  BYTES32_ZERO,
  CHAIN_ID,
  CONTRACTS,
  DEPOSIT_WALLET_NAME,
  DEPOSIT_WALLET_VERSION,
  EXCHANGE_DOMAIN_NAME,
  EXCHANGE_V2_DOMAIN_VERSION,
  EXCHANGE_V3_DOMAIN_VERSION,
  isSupportedTick,
  ORDER_TYPE_STRING,
  ORDER_TYPES,
  SALT_BITS,
  SIGNATURE_TYPES,
  type SignatureType,
  TYPED_DATA_SIGN_TYPES,
} from './constants';

export type WireSide = 'BUY' | 'SELL';

export class OrderBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderBuildError';
  }
}

/** Base units (10^-6) of what the maker gives and the taker gives (docs/venues-polymarket.md#p4). */
export interface RawAmounts {
  readonly makerAmount: bigint;
  readonly takerAmount: bigint;
}

/**
 * BUY: maker gives pUSD = price × size, taker gives shares = size. SELL: the reverse.
 * Refuses a price off the tick or outside (0, 1), and sizes that are not positive centishares.
 */
export function rawAmounts(
  side: WireSide,
  priceMicros: PriceMicros,
  sizeCenti: Centishares,
  tickMicros: PriceMicros,
): RawAmounts {
  if (!isSupportedTick(tickMicros)) throw new OrderBuildError(`unsupported tick ${tickMicros} micros`);
  if (
    !Number.isSafeInteger(priceMicros) ||
    priceMicros <= 0 ||
    priceMicros >= 1_000_000 ||
    priceMicros % tickMicros !== 0
  ) {
    throw new OrderBuildError(`price ${priceMicros} micros is not on the ${tickMicros}-micro tick inside (0, 1)`);
  }
  if (!Number.isSafeInteger(sizeCenti) || sizeCenti <= 0) throw new OrderBuildError(`size ${sizeCenti} centishares`);
  const shares = BigInt(sizeCenti) * 10_000n;
  // price × size in base units: priceMicros × sizeCenti / 100, exact because every tick is a multiple of 100 micros.
  const notional = (BigInt(priceMicros) * BigInt(sizeCenti)) / 100n;
  return side === 'BUY'
    ? { makerAmount: notional, takerAmount: shares }
    : { makerAmount: shares, takerAmount: notional };
}

/**
 * Salt derived from our client order id, so the same clientOrderId always signs the same salt
 * (docs/venues-polymarket.md "Idempotent placement"). Kept below 2^40, inside the range of the
 * SDK's own salts, and sent as an exact JSON number.
 */
export function saltFor(clientOrderId: string): bigint {
  if (!clientOrderId) throw new OrderBuildError('clientOrderId is empty');
  const digest = BigInt(keccak256(toUtf8Bytes(`polymix:polymarket:salt:${clientOrderId}`)));
  return digest % (1n << SALT_BITS);
}

export interface Exchange {
  readonly address: string;
  readonly domainVersion: string;
}

/** Which contract verifies the order: by market protocol version and neg-risk (docs/venues-polymarket.md#p1, #p4). */
export function exchangeFor(market: { negRisk: boolean; protocolVersion: 'v1' | 'v2' }): Exchange {
  if (market.protocolVersion === 'v2')
    return { address: CONTRACTS.exchangeV3, domainVersion: EXCHANGE_V3_DOMAIN_VERSION };
  return {
    address: market.negRisk ? CONTRACTS.negRiskExchangeV2 : CONTRACTS.exchangeV2,
    domainVersion: EXCHANGE_V2_DOMAIN_VERSION,
  };
}

export function exchangeDomain(exchange: Exchange) {
  return {
    name: EXCHANGE_DOMAIN_NAME,
    version: exchange.domainVersion,
    chainId: CHAIN_ID,
    verifyingContract: exchange.address,
  };
}

/** The order as it is signed and sent; numbers are decimal strings except `signatureType`. */
export interface UnsignedOrder {
  readonly salt: string;
  readonly maker: string;
  readonly signer: string;
  readonly tokenId: string;
  readonly makerAmount: string;
  readonly takerAmount: string;
  readonly side: WireSide;
  readonly signatureType: SignatureType;
  /** Creation time in ms (signed). */
  readonly timestamp: string;
  /** Sent, not signed, in V2. */
  readonly expiration: string;
  readonly metadata: string;
  readonly builder: string;
}

export interface SignedOrder extends UnsignedOrder {
  readonly signature: string;
}

export interface OrderParams {
  readonly clientOrderId: string;
  readonly tokenId: string;
  readonly side: WireSide;
  readonly priceMicros: PriceMicros;
  readonly sizeCenti: Centishares;
  readonly tickMicros: PriceMicros;
  /** The EOA that signs. */
  readonly signerAddress: string;
  /** The funder holding pUSD (proxy, safe or deposit wallet); the EOA itself for type 0. */
  readonly funderAddress: string;
  readonly signatureType: SignatureType;
  readonly timestampMs: number;
  readonly builder?: string;
  /**
   * BUY as a market order (docs/venues-polymarket.md#p4-market-buy): maker = this pUSD, taker =
   * spend ÷ price rounded down to 4 decimals. Absent: the limit-order amounts of `rawAmounts`.
   */
  readonly spendMicros?: Micros;
}

/**
 * The CLOB's precision rule for FOK/FAK ("market") orders, which are all this client sends:
 * the maker amount at most 2 decimals, the taker amount at most 4 (BUY: pUSD 2, shares 4; SELL:
 * shares 2, pUSD 4). Otherwise the venue answers "invalid amounts, the market buy orders maker
 * amount supports a max accuracy of 2 decimals, taker amount a max of 4 decimals" (seen in the
 * official clients' issue trackers: py-clob-client #121, py-clob-client-v2 #99, rs-clob-client
 * #164; not in the venue's docs, so unverified against production). A BUY at a 0.001 tick, e.g.
 * 7 shares at 0.965 = 6.755 pUSD, breaks it: the engine sizes legs so it cannot happen
 * (lib/core/order-precision.ts) and this check refuses before signing if it ever does.
 */
export function assertMarketOrderPrecision(amounts: RawAmounts): void {
  if (amounts.makerAmount % 10_000n !== 0n || amounts.takerAmount % 100n !== 0n) {
    throw new OrderBuildError(
      `maker amount ${amounts.makerAmount} / taker amount ${amounts.takerAmount} base units exceed the FOK/FAK precision (maker 2 decimals, taker 4)`,
    );
  }
}

export function buildOrder(p: OrderParams): UnsignedOrder {
  if (!/^\d+$/.test(p.tokenId)) throw new OrderBuildError(`token id ${p.tokenId} is not a uint256`);
  const limit = rawAmounts(p.side, p.priceMicros, p.sizeCenti, p.tickMicros);
  let { makerAmount, takerAmount } = limit;
  if (p.spendMicros !== undefined) {
    if (p.side !== 'BUY') throw new OrderBuildError('only a BUY spends a pUSD amount');
    try {
      ({ makerAmount, takerAmount } = polymarketMarketBuyAmounts(p.spendMicros, p.priceMicros));
    } catch (err) {
      throw new OrderBuildError(err instanceof Error ? err.message : String(err));
    }
    // The minimum shares may not exceed the planned size: the spend is at most price × size.
    if (makerAmount > limit.makerAmount) {
      throw new OrderBuildError(
        `spend ${p.spendMicros} micros is more than ${p.sizeCenti} centishares cost at the limit`,
      );
    }
  }
  const maker = p.signatureType === SIGNATURE_TYPES.EOA ? p.signerAddress : p.funderAddress;
  return {
    salt: saltFor(p.clientOrderId).toString(),
    maker,
    // Deposit wallets (type 3) sign through ERC-1271: the order's signer is the wallet itself.
    signer: p.signatureType === SIGNATURE_TYPES.POLY_1271 ? maker : p.signerAddress,
    tokenId: p.tokenId,
    makerAmount: makerAmount.toString(),
    takerAmount: takerAmount.toString(),
    side: p.side,
    signatureType: p.signatureType,
    timestamp: String(p.timestampMs),
    expiration: '0',
    metadata: BYTES32_ZERO,
    builder: p.builder ?? BYTES32_ZERO,
  };
}

/** The EIP-712 message (side as uint8: BUY=0, SELL=1). */
export function orderMessage(order: UnsignedOrder) {
  return {
    salt: order.salt,
    maker: order.maker,
    signer: order.signer,
    tokenId: order.tokenId,
    makerAmount: order.makerAmount,
    takerAmount: order.takerAmount,
    side: order.side === 'BUY' ? 0 : 1,
    signatureType: order.signatureType,
    timestamp: order.timestamp,
    metadata: order.metadata,
    builder: order.builder,
  };
}

/**
 * The order hash. Polymarket returns it as `orderID` (believed; the client checks the answer
 * against it and prefers what the venue says), so we know the id before sending.
 */
export function orderHash(order: UnsignedOrder, exchange: Exchange): string {
  return TypedDataEncoder.hash(exchangeDomain(exchange), ORDER_TYPES, orderMessage(order));
}

export async function signOrder(wallet: Wallet, order: UnsignedOrder, exchange: Exchange): Promise<SignedOrder> {
  const domain = exchangeDomain(exchange);
  const message = orderMessage(order);
  if (order.signatureType !== SIGNATURE_TYPES.POLY_1271) {
    if (order.signer.toLowerCase() !== wallet.address.toLowerCase())
      throw new OrderBuildError('order signer is not our key');
    return { ...order, signature: await wallet.signTypedData(domain, ORDER_TYPES, message) };
  }
  // ERC-7739 nested typed data for deposit wallets (docs/venues-polymarket.md#p4; layout from clob-client-v2 1.1.0).
  const inner = await wallet.signTypedData(domain, TYPED_DATA_SIGN_TYPES, {
    contents: message,
    name: DEPOSIT_WALLET_NAME,
    version: DEPOSIT_WALLET_VERSION,
    chainId: CHAIN_ID,
    verifyingContract: order.signer,
    salt: BYTES32_ZERO,
  });
  const typeString = toUtf8Bytes(ORDER_TYPE_STRING);
  const length = typeString.length.toString(16).padStart(4, '0');
  const signature = concat([
    inner,
    TypedDataEncoder.hashDomain(domain),
    TypedDataEncoder.from(ORDER_TYPES).hashStruct('Order', message),
    typeString,
    `0x${length}`,
  ]);
  return { ...order, signature };
}

export type WireOrderType = 'FOK' | 'FAK';

/**
 * The exact `POST /order` body string (docs/venues-polymarket.md#p5), keys in the SDK's order so that the HMAC
 * over it is reproducible. `salt` is a JSON number: it is below 2^40, so exact.
 */
export function orderBody(order: SignedOrder, owner: string, orderType: WireOrderType): string {
  const salt = Number(order.salt);
  if (!Number.isSafeInteger(salt)) throw new OrderBuildError('salt is not an exact JSON number');
  return JSON.stringify({
    deferExec: false,
    postOnly: false,
    order: {
      salt,
      maker: order.maker,
      signer: order.signer,
      tokenId: order.tokenId,
      makerAmount: order.makerAmount,
      takerAmount: order.takerAmount,
      side: order.side,
      signatureType: order.signatureType,
      timestamp: order.timestamp,
      expiration: order.expiration,
      metadata: order.metadata,
      builder: order.builder,
      signature: order.signature,
    },
    owner,
    orderType,
  });
}
