/**
 * A tiny reference client for the simulator's own tests and scenario scripts: builds V2 orders
 * signed with ethers v6 (docs/venues-polymarket.md#p4) and L2 headers (docs/venues-polymarket.md#p3), with every field overridable so
 * tests can tamper with one thing at a time. Production code uses lib/venues/polymarket.
 */
import type { Wallet } from 'ethers';
import type { ApiCreds } from './accounts';
import { polyHmac } from './auth';
import { CHAIN_ID, ORDER_DOMAIN_NAME, ORDER_DOMAIN_VERSION, ORDER_TYPES, ZERO_BYTES32 } from './constants';
import { exchangeFor } from './order-signature';

export interface OrderDraft {
  readonly tokenId: string;
  readonly side: 'BUY' | 'SELL';
  readonly makerAmount: string;
  readonly takerAmount: string;
  readonly timestampMs: number;
  readonly salt?: number;
  readonly maker?: string;
  readonly signatureType?: 0 | 1 | 2;
}

export interface SigningDomain {
  readonly negRisk: boolean;
  /** Override the exchange or the domain version to produce deliberately wrong signatures. */
  readonly verifyingContract?: string;
  readonly version?: string;
}

/** A signed order in the `POST /order` body shape (salt as a JSON number, like the SDK). */
export async function signOrder(wallet: Wallet, draft: OrderDraft, domain: SigningDomain) {
  const order = {
    salt: draft.salt ?? 123_456_789,
    maker: draft.maker ?? wallet.address,
    signer: wallet.address,
    tokenId: draft.tokenId,
    makerAmount: draft.makerAmount,
    takerAmount: draft.takerAmount,
    side: draft.side,
    signatureType: draft.signatureType ?? 0,
    timestamp: String(draft.timestampMs),
    expiration: '0',
    metadata: ZERO_BYTES32,
    builder: ZERO_BYTES32,
  };
  const signature = await wallet.signTypedData(
    {
      name: ORDER_DOMAIN_NAME,
      version: domain.version ?? ORDER_DOMAIN_VERSION,
      chainId: CHAIN_ID,
      verifyingContract: domain.verifyingContract ?? exchangeFor(domain.negRisk),
    },
    ORDER_TYPES,
    { ...order, side: order.side === 'BUY' ? 0 : 1 },
  );
  return { ...order, signature };
}

/** L2 headers for one request; `body` must be the exact text sent. */
export function l2Headers(
  address: string,
  creds: ApiCreds,
  request: { method: string; path: string; body?: string },
  timestampSec: number,
): Record<string, string> {
  const ts = String(timestampSec);
  return {
    POLY_ADDRESS: address,
    POLY_SIGNATURE: polyHmac(creds.secret, ts, request.method, request.path, request.body ?? ''),
    POLY_TIMESTAMP: ts,
    POLY_API_KEY: creds.key,
    POLY_PASSPHRASE: creds.passphrase,
  };
}
