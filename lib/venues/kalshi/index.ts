export { createKalshiVenue, KalshiVenue } from './client';
export type { KalshiConfig, KalshiDeps } from './config';
export type { KalshiCredentials } from './auth';
export type { KalshiSettlement } from './portfolio';
export { DEFAULT_SERIES_TICKERS, KALSHI_DEMO_BASE_URL, KALSHI_PRODUCTION_BASE_URL } from './constants';
