/**
 * The trading mode: `paper` trades against simulated balances, `live` sends real orders. Decided
 * once per container (lib/config.ts); declared here, once, for every layer.
 */
export type TradingMode = 'paper' | 'live';
export const TRADING_MODES: readonly TradingMode[] = ['paper', 'live'];
