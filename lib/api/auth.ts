/**
 * Key checks for the API (docs/api.md#authentication): the local server's optional `x-api-key` and the reset
 * key. Both compare in constant time: each side is hashed to a SHA-256 digest first, so the two
 * buffers given to `timingSafeEqual` always have the same length (it throws otherwise) and the
 * time taken does not depend on where the keys differ or on how long the expected key is.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors';
import type { ApiRequest } from './request';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * True only when both keys are non-empty and equal. An empty or missing key never matches,
 * whatever is configured: an unset variable must not turn into "any empty key opens it".
 */
export function keysMatch(given: string | null | undefined, expected: string | null | undefined): boolean {
  // Hash even when a side is missing so a refusal costs about the same either way.
  const a = digest(given ?? '');
  const b = digest(expected ?? '');
  const equal = timingSafeEqual(a, b);
  return equal && typeof given === 'string' && given.length > 0 && typeof expected === 'string' && expected.length > 0;
}

/**
 * The local server's API key: when one is configured, every route needs `x-api-key` with it.
 * In AWS, API Gateway enforces its own key with a usage plan before the Lambda runs, so the
 * handler passes `null` unless a key is configured as a second check.
 */
export function requireApiKey(req: ApiRequest, configured: string | null): void {
  if (configured === null) return;
  const given = req.headers['x-api-key'];
  if (given === undefined || given === '') throw new ApiError('UNAUTHORIZED', 'Missing x-api-key header');
  if (!keysMatch(given, configured)) throw new ApiError('UNAUTHORIZED', 'Invalid API key');
}
