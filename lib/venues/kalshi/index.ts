export type { KalshiCredentials } from './auth';
export { createKalshiVenue, KalshiVenue } from './client';
export type { KalshiConfig, KalshiDeps } from './config';
export { DEFAULT_SERIES_TICKERS, KALSHI_DEMO_BASE_URL, KALSHI_PRODUCTION_BASE_URL } from './constants';
export type { KalshiSettlement } from './portfolio';
