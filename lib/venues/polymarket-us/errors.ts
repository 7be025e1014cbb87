/**
 * Polymarket US error construction. Mapping an error body to a type happens here, the only place
 * allowed to look at the venue's error text (callers decide by error type). Messages never carry
 * a credential: at most the key id's first 8 characters.
 */
import {
  AuthError,
  BadResponse,
  excerptOf,
  InsufficientFunds,
  RateLimited,
  Rejected,
  type VenueError,
} from '../../engine/ports';
import { PMUS_VENUE } from './types';

export function badResponse(endpoint: string, message: string, cause?: unknown): BadResponse {
  return new BadResponse(`polymarket-us ${endpoint}: ${message}`, { venue: PMUS_VENUE, endpoint }, { cause });
}

export function notAuthenticated(endpoint: string): AuthError {
  return new AuthError(`polymarket-us ${endpoint} needs credentials; this client is read-only`, {
    venue: PMUS_VENUE,
    endpoint,
  });
}

/**
 * A 401/403 from the API host, in words that say what to check: the venue refuses a request
 * whose key id is unknown, whose signature does not verify, or whose timestamp is more than 30 s
 * from its clock (docs/venues-polymarket-us.md#u-auth).
 */
export function signatureRefused(original: AuthError, keyId: string | null): AuthError {
  const key = keyId ? ` key ${keyId.slice(0, 8)}…` : '';
  return new AuthError(
    `polymarket-us ${original.endpoint ?? ''} refused our signature${key} (${original.status ?? 'auth'}): ` +
      'check the key id, that the secret key is its Ed25519 key, and that our clock is within 30 s of the venue',
    {
      venue: PMUS_VENUE,
      endpoint: original.endpoint,
      status: original.status,
      excerpt: original.excerpt,
    },
    { cause: original },
  );
}

/** Several 429s in a row: the client pauses every request to the host (docs/venues-polymarket-us.md#u-rate-limits). */
export function rateLimitStorm(original: RateLimited, inARow: number, pausedMs: number): RateLimited {
  return new RateLimited(
    `polymarket-us ${original.endpoint ?? ''} rate limited ${inARow} times in a row; every request to this host waits ${pausedMs} ms`,
    {
      venue: PMUS_VENUE,
      endpoint: original.endpoint,
      status: original.status,
      excerpt: original.excerpt,
      retryAfterMs: Math.max(pausedMs, original.retryAfterMs ?? 0),
    },
    { cause: original },
  );
}

/** The text of an error body, whatever its form (`{message}`, `{error}`, `{code, message, details}`). */
export function errorTextOf(body: unknown): string {
  if (typeof body === 'string') return body;
  if (typeof body !== 'object' || body === null) return '';
  const b = body as Record<string, unknown>;
  const parts = [b.code, b.message, b.error].filter((p) => typeof p === 'string' || typeof p === 'number');
  return parts.map(String).join(' ');
}

/** A refused order (HTTP 4xx) as a typed error. */
export function orderRefusal(endpoint: string, status: number, body: unknown): VenueError {
  const text = errorTextOf(body);
  const details = { venue: PMUS_VENUE, endpoint, status, excerpt: excerptOf(text) };
  const label = `polymarket-us ${endpoint} refused (${status}${text ? `: ${excerptOf(text, 120)}` : ''})`;
  if (status === 401 || status === 403) return new AuthError(label, details);
  if (/insufficient|buying power|not enough (balance|funds)/i.test(text)) return new InsufficientFunds(label, details);
  return new Rejected(label, details);
}
