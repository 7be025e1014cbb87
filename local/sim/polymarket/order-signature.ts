/**
 * `POST /order` body validation and EIP-712 V2 order signature checks (docs/venues-polymarket.md#p4, #p5).
 * The signer is recovered with ethers v6 over the 11-field struct and the exchange domain the
 * market requires (CTF Exchange V2, or Neg Risk Exchange V2 when the market is negRisk).
 * A signature that only verifies under another exchange VERSION (V1 domain "1", ExchangeV3
 * domain "3") or a V1-shaped body is `order_version_mismatch`; any other failure is
 * `invalid signature`.
 *
 * Deposit wallets (signature type 3, POLY_1271: docs/venues-polymarket.md#p4-deposit-wallet-signing) are
 * verified the way the wallet's ERC-1271 check does it under ERC-7739: the signature is
 * `ownerSig(65) ‖ appDomainSeparator(32) ‖ contentsHash(32) ‖ contentsType ‖ uint16(len)`; the
 * separator must be the exchange domain's, the contents hash the order's struct hash, the type the
 * `Order(...)` type, and `ownerSig` must recover, over `TypedDataSign{contents, name:"DepositWallet",
 * version:"1", chainId, verifyingContract: <the wallet>, salt: 0}` under the exchange domain, to
 * the EOA that owns the wallet (the caller checks that against the registered account). Layout
 * from clob-client-v2 1.1.0 `order-utils/exchangeOrderBuilderV2` (the official SDK).
 */
import { dataSlice, getAddress, getBytes, hexlify, TypedDataEncoder, toUtf8String, verifyTypedData } from 'ethers';
import { z } from 'zod';
import { CHAIN_ID, ERR, EXCHANGES, ORDER_DOMAIN_NAME, ORDER_DOMAIN_VERSION, ORDER_TYPES } from './constants';

const uintString = z.string().regex(/^\d{1,78}$/);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/);

export const signedOrderSchema = z.object({
  // The SDK sends the salt as a JSON number (docs/venues-polymarket.md#p4); accept a decimal string too.
  salt: z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), uintString]),
  maker: address,
  signer: address,
  tokenId: uintString,
  makerAmount: uintString,
  takerAmount: uintString,
  side: z.enum(['BUY', 'SELL']),
  signatureType: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  timestamp: uintString,
  expiration: uintString.default('0'),
  metadata: bytes32,
  builder: bytes32,
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/),
});

export const postOrderSchema = z.object({
  order: signedOrderSchema,
  owner: z.string().min(1),
  orderType: z.enum(['GTC', 'GTD', 'FOK', 'FAK']),
  deferExec: z.boolean().optional(),
  postOnly: z.boolean().optional(),
});

export type SignedOrder = z.output<typeof signedOrderSchema>;
export type PostOrderBody = z.output<typeof postOrderSchema>;

/** A body signed the V1 way: has the removed fields, lacks the V2 ones (docs/venues-polymarket.md#p4). */
export function looksLikeV1Order(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const order = (raw as { order?: unknown }).order;
  if (typeof order !== 'object' || order === null) return false;
  const fields = order as Record<string, unknown>;
  return 'nonce' in fields || 'feeRateBps' in fields || !('timestamp' in fields);
}

function message(order: SignedOrder) {
  return {
    salt: BigInt(order.salt),
    maker: order.maker,
    signer: order.signer,
    tokenId: BigInt(order.tokenId),
    makerAmount: BigInt(order.makerAmount),
    takerAmount: BigInt(order.takerAmount),
    side: order.side === 'BUY' ? 0 : 1,
    signatureType: order.signatureType,
    timestamp: BigInt(order.timestamp),
    metadata: order.metadata,
    builder: order.builder,
  };
}

function domain(verifyingContract: string, version: string) {
  return { name: ORDER_DOMAIN_NAME, version, chainId: CHAIN_ID, verifyingContract };
}

export function exchangeFor(negRisk: boolean): string {
  return negRisk ? EXCHANGES.negRiskV2 : EXCHANGES.ctfV2;
}

/** The order id the venue reports: the EIP-712 hash of the order under its exchange domain. */
export function orderHash(order: SignedOrder, negRisk: boolean): string {
  return TypedDataEncoder.hash(domain(exchangeFor(negRisk), ORDER_DOMAIN_VERSION), ORDER_TYPES, message(order));
}

function recovers(order: SignedOrder, contract: string, version: string): boolean {
  try {
    return (
      verifyTypedData(domain(contract, version), ORDER_TYPES, message(order), order.signature) ===
      getAddress(order.signer)
    );
  } catch {
    return false;
  }
}

/** `ok` carries the address the signature proves: the signer (types 0–2), the wallet's owner EOA (type 3). */
export type SignatureCheck = { ok: true; signedBy: string } | { ok: false; error: string };

const TYPED_DATA_SIGN_TYPES = {
  TypedDataSign: [
    { name: 'contents', type: 'Order' },
    { name: 'name', type: 'string' },
    { name: 'version', type: 'string' },
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' },
    { name: 'salt', type: 'bytes32' },
  ],
  Order: ORDER_TYPES.Order,
};
const ORDER_TYPE_STRING = TypedDataEncoder.from(ORDER_TYPES).encodeType('Order');
const ZERO_SALT = `0x${'0'.repeat(64)}`;

/** The owner EOA a type-3 signature proves under one exchange domain, or null. */
function depositWalletOwner(order: SignedOrder, contract: string, version: string): string | null {
  try {
    const bytes = getBytes(order.signature);
    if (bytes.length < 65 + 32 + 32 + 2) return null;
    const typeLength = (bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]!;
    if (bytes.length !== 65 + 32 + 32 + typeLength + 2) return null;
    const ownerSig = dataSlice(bytes, 0, 65);
    const appDomain = dataSlice(bytes, 65, 97);
    const contentsHash = dataSlice(bytes, 97, 129);
    const contentsType = toUtf8String(bytes.slice(129, 129 + typeLength));
    const d = domain(contract, version);
    if (contentsType !== ORDER_TYPE_STRING) return null;
    if (appDomain !== TypedDataEncoder.hashDomain(d)) return null;
    if (contentsHash !== TypedDataEncoder.from(ORDER_TYPES).hashStruct('Order', message(order))) return null;
    const wrapped = {
      contents: message(order),
      name: 'DepositWallet',
      version: '1',
      chainId: CHAIN_ID,
      verifyingContract: order.signer,
      salt: ZERO_SALT,
    };
    return verifyTypedData(d, TYPED_DATA_SIGN_TYPES, wrapped, hexlify(ownerSig));
  } catch {
    return null;
  }
}

function checkDepositWallet(order: SignedOrder, negRisk: boolean): SignatureCheck {
  const expected = exchangeFor(negRisk);
  const owner = depositWalletOwner(order, expected, ORDER_DOMAIN_VERSION);
  if (owner) return { ok: true, signedBy: owner };
  if (depositWalletOwner(order, expected, '3') || depositWalletOwner(order, EXCHANGES.v3, '3')) {
    return { ok: false, error: ERR.versionMismatch };
  }
  return { ok: false, error: ERR.invalidSignature };
}

export function checkOrderSignature(order: SignedOrder, negRisk: boolean): SignatureCheck {
  const expected = exchangeFor(negRisk);
  if (order.signatureType === 3) return checkDepositWallet(order, negRisk);
  if (recovers(order, expected, ORDER_DOMAIN_VERSION)) return { ok: true, signedBy: getAddress(order.signer) };
  const otherVersions: Array<[string, string]> = [
    [expected, '1'],
    [negRisk ? EXCHANGES.negRiskV1 : EXCHANGES.ctfV1, '1'],
    [expected, '3'],
    [EXCHANGES.v3, '3'],
  ];
  if (otherVersions.some(([contract, version]) => recovers(order, contract, version))) {
    return { ok: false, error: ERR.versionMismatch };
  }
  return { ok: false, error: ERR.invalidSignature };
}
