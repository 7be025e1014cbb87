/**
 * Polymarket error messages → the venue error hierarchy (callers decide by error type). This is the ONLY
 * place that reads Polymarket's message text. Sources: docs/venues-polymarket.md#p5,
 * docs/venues-polymarket.md#p7-deposit-wallets (deposit-wallet errors), docs.polymarket.com/resources/error-codes (global errors, books),
 * the CLOB order-placement error table (INVALID_ORDER_* codes and their messages).
 *
 * `noFill` is not an error for us: a FOK that could not fill, or a FAK that found nothing, is a
 * normal market outcome reported as an `OrderResult` with status `rejected`.
 */
import {
  AuthError,
  InsufficientFunds,
  RegionRestricted,
  Rejected,
  Unavailable,
  type VenueError,
  type VenueErrorDetails,
} from '../../engine/ports';

export type ErrorKind = 'noFill' | 'insufficientFunds' | 'region' | 'auth' | 'unavailable' | 'pending' | 'rejected';

/** Substrings (lower case) in the order they are tried; the first match decides. */
const RULES: ReadonlyArray<readonly [string, ErrorKind]> = [
  // FOK: "order couldn't be fully filled. FOK orders are fully filled or killed."
  ["couldn't be fully filled", 'noFill'],
  ['could not be fully filled', 'noFill'],
  ['fok_order_not_filled', 'noFill'],
  // FAK with nothing to match: "no orders found to match with FAK order …"
  ['no orders found to match', 'noFill'],
  // 403 from a restricted region (third-party logs: docs/venues-polymarket.md#p5-region-block).
  ['trading restricted in your region', 'region'],
  ['not enough balance', 'insufficientFunds'],
  ['insufficient balance', 'insufficientFunds'],
  ['allowance', 'insufficientFunds'],
  ['invalid api key', 'auth'],
  ['unauthorized', 'auth'],
  ['invalid l1 request headers', 'auth'],
  // Deposit-wallet key binding (docs/venues-polymarket.md#p7-deposit-wallets): our credentials do not fit the order's signer.
  ['has to be the address of the api key', 'auth'],
  ['has to be the owner of the api key', 'auth'],
  ['please use the deposit wallet flow', 'auth'],
  // Exchange paused or cancel-only (503 in the docs; some proxies answer 400).
  ['trading is currently disabled', 'unavailable'],
  ['cancel-only', 'unavailable'],
  ['market is not yet ready', 'unavailable'],
  // The venue accepted the order but its outcome comes later.
  ['order match delayed', 'pending'],
  // Everything else a 4xx says is a refusal of this request: tick size, minimum size,
  // duplicated order, invalid signature, order_version_mismatch, post-only crossing, closed
  // market, invalid expiration, "could not insert order", "could not run the execution", …
];

export function classifyError(message: string): ErrorKind {
  const text = message.toLowerCase();
  for (const [needle, kind] of RULES) if (text.includes(needle)) return kind;
  return 'rejected';
}

/** A thrown error for a message that is not a no-fill outcome. */
export function errorFor(message: string, details: VenueErrorDetails): VenueError {
  const kind = classifyError(message);
  const text = `polymarket ${details.endpoint ?? ''}: ${message}`.trim();
  switch (kind) {
    case 'insufficientFunds':
      return new InsufficientFunds(text, details);
    case 'region':
      return new RegionRestricted(`${text} (the venue refuses orders from this deployment's region)`, details);
    case 'auth':
      return new AuthError(text, details);
    case 'unavailable':
      return new Unavailable(text, details);
    default:
      return new Rejected(text, details);
  }
}

/**
 * The HTTP layer maps every 401/403 to `AuthError`; a 403 whose body is the region block is
 * something else (docs/venues-polymarket.md#p5-region-block): `RegionRestricted`. Other errors pass through.
 */
export function regionAware(err: unknown): unknown {
  if (!(err instanceof AuthError) || err instanceof RegionRestricted || err.status !== 403) return err;
  if (classifyError(err.excerpt ?? '') !== 'region') return err;
  let message = err.excerpt ?? '';
  try {
    const body = JSON.parse(message) as { error?: unknown };
    if (typeof body.error === 'string') message = body.error;
  } catch {
    // a truncated excerpt: keep it as it is
  }
  return errorFor(message, { venue: err.venue, endpoint: err.endpoint, status: err.status, excerpt: err.excerpt });
}
