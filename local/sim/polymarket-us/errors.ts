/**
 * Errors the simulated Polymarket US answers with. The venue documents the 429 body
 * `{"status": 429, "message": "Too Many Requests"}` (docs/venues-polymarket-us.md#u-rate-limits);
 * other error bodies are not documented beyond "the SDK reads `message` or `error`", so the
 * simulator answers the gRPC-gateway form `{code, message, details}` (unverified: #u-errors).
 */
export class PolymarketUsSimError extends Error {
  constructor(
    readonly status: number,
    /** gRPC status code of the gateway form. */
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'PolymarketUsSimError';
  }
}

export function errorBody(e: PolymarketUsSimError): unknown {
  if (e.status === 429) return { status: 429, message: e.message };
  return { code: e.code, message: e.message, details: [] };
}

export const notFound = (what: string) => new PolymarketUsSimError(404, 5, `${what} not found`);
export const badRequest = (what: string) => new PolymarketUsSimError(400, 3, what);
export const unauthorized = (what: string) => new PolymarketUsSimError(401, 16, what);
export const tooManyRequests = () => new PolymarketUsSimError(429, 8, 'Too Many Requests');
export const internal = (what: string) => new PolymarketUsSimError(500, 13, what);
