/** The local Polymarket US simulator (gateway + API hosts). See server.ts for the entry point. */
export { pmusAuthHeaders } from './auth';
export { newPolymarketUsSimKey, type PolymarketUsSimKey } from './keys';
export { type PolymarketUsSim, type PolymarketUsSimOptions, startPolymarketUsSim } from './server';
export {
  type PolymarketUsSimControl,
  type PolymarketUsSimMarketSpec,
  PolymarketUsSimState,
  type RegisterAccountInput,
  SIM_LEAGUE_SLUGS,
} from './state';
export { PolymarketUsWsFeed, WS_MARKETS_PATH } from './ws-feed';
