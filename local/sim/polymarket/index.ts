/** The local Polymarket simulator (Gamma + CLOB V2). See server.ts for the entry point. */

export type { AccountSnapshot, ApiCreds, RegisterAccountInput, SignatureType } from './accounts';
export { polyHmac } from './auth';
export type { SimOrder, SimTrade } from './records';
export { REGION_RESTRICTED_ERROR, type RegionInput, RegionSetting, type RegionState } from './region';
export { type PolymarketSim, type PolymarketSimOptions, startPolymarketSim } from './server';
export { type PolymarketSimAccounts, PolymarketSimState, type SimBook } from './state';
export { takerFeeMicros } from './taker-fee';
