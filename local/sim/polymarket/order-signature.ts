/**
 * `POST /order` body validation and EIP-712 V2 order signature checks (docs/venues-polymarket.md#p4, #p5).
 * The signer is recovered with ethers v6 over the 11-field struct and the exchange domain the
 * market requires (CTF Exchange V2, or Neg Risk Exchange V2 when the market is negRisk).
 * A signature that only verifies under another exchange VERSION (V1 domain "1", ExchangeV3
 * domain "3") or a V1-shaped body is `order_version_mismatch`; any other failure is
 * `invalid signature`.
 */
import { getAddress, TypedDataEncoder, verifyTypedData } from 'ethers';
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

export type SignatureCheck = { ok: true } | { ok: false; error: string };

export function checkOrderSignature(order: SignedOrder, negRisk: boolean): SignatureCheck {
  const expected = exchangeFor(negRisk);
  if (order.signatureType === 3) {
    // ERC-1271 deposit wallets wrap the signature (ERC-7739); not simulated.
    return { ok: false, error: ERR.invalidSignature };
  }
  if (recovers(order, expected, ORDER_DOMAIN_VERSION)) return { ok: true };
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
