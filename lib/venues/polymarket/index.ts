/** Polymarket venue client (CLOB V2). Re-exports only (STYLE.md habit 10). */
import type { Venue } from '../../engine/ports';
import { PolymarketVenue } from './client';
import type { PolymarketConfig, PolymarketDeps } from './config';

export { type ApiCredentials, l1Headers, l2Headers, l2Signature } from './auth';
export { PolymarketVenue } from './client';
export type { PolymarketConfig, PolymarketCredentials, PolymarketDeps } from './config';
export { CHAIN_ID, CLOB_URL, CONTRACTS, DATA_URL, GAMMA_URL, SIGNATURE_TYPES } from './constants';
export { buildOrder, exchangeFor, orderBody, orderHash, rawAmounts, saltFor, signOrder } from './order';
export { MemoryOrderStore, type SignedOrderStore, type StoredOrder } from './order-store';

/** A `Venue` for Polymarket. Without `config.credentials` it is read-only. */
export function createPolymarketVenue(config: PolymarketConfig = {}, deps: PolymarketDeps = {}): Venue {
  return new PolymarketVenue(config, deps);
}
