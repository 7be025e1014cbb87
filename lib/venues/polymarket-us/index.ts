export type { PolymarketUsCredentials } from './auth';
export { createPolymarketUsVenue, PolymarketUsVenue, type PolymarketUsVenueDeps } from './client';
export type { PolymarketUsConfig, PolymarketUsDeps } from './config';
export {
  DEFAULT_LEAGUE_SLUGS,
  INTENTS,
  MAX_MARKETS_PER_SUBSCRIPTION,
  PMUS_API_URL,
  PMUS_GATEWAY_URL,
  PMUS_WS_URL,
} from './constants';
export {
  type ClaimKind,
  MemoryPlacementStore,
  mayReplace,
  type Placement,
  PlacementConflict,
  type PlacementStore,
} from './placements';
export {
  PolymarketUsBookStream,
  type PolymarketUsStreamDeps,
  type PolymarketUsStreamOptions,
} from './stream';
export * from './types';
