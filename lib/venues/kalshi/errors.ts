/**
 * Kalshi-specific error construction. Mapping an error body to a type happens here, the only
 * place allowed to look at Kalshi's error codes and messages (callers decide by error type).
 */

import type { z } from 'zod';
import { AuthError, BadResponse, excerptOf, InsufficientFunds, Rejected, type VenueError } from '../../engine/ports';
import type { errorResponse } from './schemas';

export function badResponse(endpoint: string, message: string, cause?: unknown): BadResponse {
  return new BadResponse(`kalshi ${endpoint}: ${message}`, { venue: 'kalshi', endpoint }, { cause });
}

export function notAuthenticated(endpoint: string): AuthError {
  return new AuthError(`kalshi ${endpoint} needs credentials; this client is read-only`, {
    venue: 'kalshi',
    endpoint,
  });
}

type ErrorBody = z.infer<typeof errorResponse>;

function fieldsOf(body: ErrorBody): { code: string; message: string } {
  const f = 'error' in body ? body.error : body;
  return { code: f.code ?? '', message: [f.message, f.details].filter(Boolean).join(': ') };
}

/**
 * A refused order (HTTP 4xx with an error body) as a typed error. Codes are matched loosely
 * (substring) because Kalshi's list of order error codes is not published in the SDK
 * (ErrorResponse.md has free-text `code`): unknown codes stay plain `Rejected`.
 */
export function orderRefusal(endpoint: string, status: number, body: ErrorBody): VenueError {
  const { code, message } = fieldsOf(body);
  const text = `${code} ${message}`.toLowerCase();
  const details = { venue: 'kalshi' as const, endpoint, status, excerpt: excerptOf(`${code} ${message}`) };
  const label = `kalshi ${endpoint} refused (${status}${code ? ` ${code}` : ''})`;
  if (status === 401 || status === 403) return new AuthError(label, details);
  if (/insufficient[_ ](balance|funds)|not enough (balance|funds)/.test(text))
    return new InsufficientFunds(label, details);
  return new Rejected(label, details);
}

/**
 * A FOK/IOC that found too little resting volume: Kalshi answers 409
 * `fill_or_kill_insufficient_resting_volume` (and the `immediate_or_cancel_…` twin) instead of
 * an order object, as third-party live logs show. Deterministic: nothing filled, nothing to look up.
 */
export function isNoVolumeKill(status: number, body: ErrorBody): boolean {
  return status === 409 && /insufficient_resting_volume/.test(fieldsOf(body).code);
}

/** Whether a refusal says the client order id is already taken (409 `order_already_exists`). */
export function isDuplicateClientOrderId(err: VenueError): boolean {
  const text = (err.excerpt ?? '').toLowerCase();
  return err instanceof Rejected && /duplicate|already[_ ]exists/.test(text);
}

export function errorCodeOf(body: ErrorBody): string {
  return fieldsOf(body).code;
}
