/** The local Polymarket simulator (Gamma + CLOB V2). See server.ts for the entry point. */
export { startPolymarketSim, type PolymarketSim, type PolymarketSimOptions } from './server';
export { PolymarketSimState, type PolymarketSimAccounts, type SimBook } from './state';
export type { ApiCreds, AccountSnapshot, RegisterAccountInput, SignatureType } from './accounts';
export type { SimOrder, SimTrade } from './records';
export { takerFeeMicros } from './taker-fee';
export { polyHmac } from './auth';
