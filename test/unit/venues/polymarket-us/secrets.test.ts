/**
 * The Polymarket US secret key never shows: not in the client's JSON or inspection, not in
 * configuration errors, not in the errors of refused requests.
 */
import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { AuthError } from '../../../../lib/engine/ports';
import { createPolymarketUsVenue } from '../../../../lib/venues/polymarket-us';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const SECRET = Buffer.concat([
  privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32),
  publicKey.export({ format: 'der', type: 'spki' }).subarray(-32),
]).toString('base64');
const SEED_HEX = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('hex');
const KEY_ID = '550e8400-e29b-41d4-a716-446655440000';

function leaks(text: string): boolean {
  return text.includes(SECRET) || text.includes(SECRET.slice(0, 24)) || text.includes(SEED_HEX);
}

describe('the secret key stays secret', () => {
  it('is not in the client’s JSON or its deep inspection', () => {
    const venue = createPolymarketUsVenue({ credentials: { keyId: KEY_ID, secretKey: SECRET } });
    expect(leaks(JSON.stringify(venue))).toBe(false);
    expect(leaks(inspect(venue, { depth: 20, showHidden: true }))).toBe(false);
  });

  it('is not in configuration errors', () => {
    const tries = [
      () => createPolymarketUsVenue({ credentials: { keyId: 'not-a-uuid', secretKey: SECRET } }),
      () => createPolymarketUsVenue({ credentials: { keyId: KEY_ID, secretKey: `${SECRET}!` } }),
      () => createPolymarketUsVenue({ credentials: { keyId: KEY_ID, secretKey: SECRET }, apiUrl: 'ftp://x' }),
    ];
    for (const t of tries) {
      let message = '';
      try {
        t();
      } catch (e) {
        message = `${(e as Error).message} ${inspect(e)}`;
      }
      expect(message).not.toBe('');
      expect(leaks(message)).toBe(false);
    }
  });

  it('is not in the error of a refused request', async () => {
    const venue = createPolymarketUsVenue(
      {
        credentials: { keyId: KEY_ID, secretKey: SECRET },
        apiUrl: 'https://api.test',
        retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      },
      {
        fetch: async (_url, init) =>
          new Response(JSON.stringify({ code: 16, message: 'invalid signature', echo: init.headers }), { status: 401 }),
      },
    );
    const err = await venue.getBalance().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(leaks(`${(err as Error).message} ${inspect(err, { depth: 10 })}`)).toBe(false);
  });
});
