export type { PolymarketUsCredentials } from './auth';
export { createPolymarketUsVenue, PolymarketUsVenue, type PolymarketUsVenueDeps } from './client';
export type { PolymarketUsConfig, PolymarketUsDeps } from './config';
export { DEFAULT_LEAGUE_SLUGS, PMUS_API_URL, PMUS_GATEWAY_URL } from './constants';
export { MemoryPlacementStore, type Placement, type PlacementStore } from './placements';
export * from './types';
