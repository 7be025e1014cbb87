/**
 * Errors the simulated Kalshi answers with, in the venue's envelope
 * `{"error":{"code","message","details"?}}` (kalshi-typescript 3.30.0 `ErrorResponse`; the
 * envelope and the codes below are what third-party clients log from production, e.g.
 * `authentication_error` on a bad signature, 409 `fill_or_kill_insufficient_resting_volume`
 * on a killed FOK, 409 `order_already_exists` on a reused client_order_id. Codes marked
 * "unverified" are our best guess.)
 */
export class KalshiSimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'KalshiSimError';
  }
}

export function errorBody(code: string, message: string, details?: string): { error: Record<string, string> } {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export const notFound = (what: string): KalshiSimError => new KalshiSimError(404, 'not_found', `${what} not found`);

export const badRequest = (details: string): KalshiSimError =>
  new KalshiSimError(400, 'bad_request', 'bad request', details);

export const unauthorized = (details: string): KalshiSimError =>
  new KalshiSimError(401, 'authentication_error', 'authentication_error', details);

export const fokKilled = (): KalshiSimError =>
  new KalshiSimError(409, 'fill_or_kill_insufficient_resting_volume', 'fill or kill insufficient resting volume');

export const duplicateClientOrderId = (id: string): KalshiSimError =>
  new KalshiSimError(409, 'order_already_exists', 'order already exists', `client_order_id ${id} was already used`);

/** Unverified code: third-party clients match on "insufficient" + "balance". */
export const insufficientBalance = (): KalshiSimError =>
  new KalshiSimError(400, 'insufficient_balance', 'insufficient balance');

/** Unverified code. */
export const marketClosed = (ticker: string): KalshiSimError =>
  new KalshiSimError(400, 'market_closed', 'market is not open for trading', ticker);
