/** Polymarket venue client (CLOB V2). Re-exports only (an index file holds no code). */
export { type ApiCredentials, l1Headers, l2Headers, l2Signature } from './auth';
export { createPolymarketVenue, PolymarketVenue } from './client';
export type { PolymarketConfig, PolymarketCredentials, PolymarketDeps } from './config';
export { CHAIN_ID, CLOB_URL, CONTRACTS, DATA_URL, GAMMA_URL, SIGNATURE_TYPES } from './constants';
export { buildOrder, exchangeFor, orderBody, orderHash, rawAmounts, saltFor, signOrder } from './order-signing';
export { MemoryOrderStore, type SignedOrderStore, type StoredOrder } from './order-store';
