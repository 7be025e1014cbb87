/**
 * Polymarket US request signing (docs/venues-polymarket-us.md#u-auth): the Ed25519 primitive
 * against RFC 8032's first test vector, and our headers against the official SDK's for the same
 * key, method, path and instant (the SDK is an oracle only; Ed25519 is deterministic, so the
 * headers must be byte-identical).
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import { inspect } from 'node:util';
import { PolymarketUS } from 'polymarket-us';
import {
  ed25519FromSeed,
  PolymarketUsKeyError,
  PolymarketUsSigner,
  readSecretKey,
  signingText,
} from '../../../../lib/venues/polymarket-us/auth';

// RFC 8032 §7.1, TEST 1: empty message.
const RFC_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

const KEY_ID = '550e8400-e29b-41d4-a716-446655440000';
const seed = Buffer.from(RFC_SEED, 'hex');
const secret64 = Buffer.concat([seed, Buffer.from(RFC_PUBLIC, 'hex')]).toString('base64');
const secret32 = seed.toString('base64');

describe('Ed25519 primitive (RFC 8032 test vector 1)', () => {
  it('derives the public key and signs the empty message exactly', () => {
    const { publicKey } = ed25519FromSeed(seed);
    expect(publicKey.toString('hex')).toBe(RFC_PUBLIC);
    const signer = new PolymarketUsSigner({ keyId: KEY_ID, secretKey: secret64 });
    expect(Buffer.from(signer.signText(''), 'base64').toString('hex')).toBe(RFC_SIGNATURE);
  });

  it('reads the 64-byte form (seed ‖ public key) and the 32-byte seed alike', () => {
    const a = new PolymarketUsSigner({ keyId: KEY_ID, secretKey: secret64 });
    const b = new PolymarketUsSigner({ keyId: KEY_ID, secretKey: secret32 });
    expect(a.signText('x')).toBe(b.signText('x'));
    expect(a.publicKeyBase64).toBe(Buffer.from(RFC_PUBLIC, 'hex').toString('base64'));
  });
});

describe('signed text', () => {
  it('is timestamp + METHOD + path, without query or body', () => {
    expect(signingText(1705420800000, 'get', '/v1/portfolio/positions')).toBe(
      '1705420800000GET/v1/portfolio/positions',
    );
    expect(() => signingText(1, 'GET', '/v1/orders/open?slugs=a')).toThrow(RangeError);
    expect(() => signingText(1.5, 'GET', '/v1/x')).toThrow(RangeError);
    expect(() => signingText(1, 'GET', 'v1/x')).toThrow(RangeError);
  });

  it('verifies with the public key', () => {
    const signer = new PolymarketUsSigner({ keyId: KEY_ID, secretKey: secret64 });
    const h = signer.headers('POST', '/v1/orders', 1705420800000);
    expect(h['X-PM-Access-Key']).toBe(KEY_ID);
    expect(h['X-PM-Timestamp']).toBe('1705420800000');
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(RFC_PUBLIC, 'hex')]);
    const ok = verify(
      null,
      Buffer.from('1705420800000POST/v1/orders'),
      { key: spki, format: 'der', type: 'spki' },
      Buffer.from(h['X-PM-Signature']!, 'base64'),
    );
    expect(ok).toBe(true);
  });
});

describe('wrong key formats are clear errors that never quote the key', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['empty', '', /empty/],
    ['a PEM', '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v\n-----END PRIVATE KEY-----', /PEM/],
    ['not base64', 'not*base64!', /base64/],
    ['hex text', RFC_SEED, /base64|bytes/],
    ['the wrong length', Buffer.alloc(48, 7).toString('base64'), /48 bytes/],
    [
      'a 64-byte key whose halves do not match',
      Buffer.concat([seed, Buffer.alloc(32, 1)]).toString('base64'),
      /not the public key/,
    ],
  ];
  it.each(cases)('%s', (_name, secretKey, message) => {
    let caught: unknown;
    try {
      readSecretKey(secretKey);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PolymarketUsKeyError);
    expect((caught as Error).message).toMatch(message);
    if (secretKey.length > 8) expect((caught as Error).message).not.toContain(secretKey.slice(0, 16));
  });

  it('refuses a key id that is not a UUID', () => {
    expect(() => new PolymarketUsSigner({ keyId: 'my-key', secretKey: secret64 })).toThrow(/UUID/);
  });

  it('shows no key material when serialised or inspected', () => {
    const signer = new PolymarketUsSigner({ keyId: KEY_ID, secretKey: secret64 });
    const shown = `${JSON.stringify(signer)} ${inspect(signer, { depth: 5 })}`;
    expect(shown).not.toContain(secret64);
    expect(shown).not.toContain(secret64.slice(0, 20));
    expect(shown).not.toContain(RFC_SEED);
  });
});

describe('our headers equal the official SDK’s (polymarket-us 0.1.1 as oracle)', () => {
  const NOW = 1_765_000_000_123;
  let captured: Array<{ url: string; headers: Record<string, string> }> = [];

  beforeEach(() => {
    captured = [];
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      captured.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
      return new Response('{}', { status: 200 });
    });
  });
  afterEach(() => jest.restoreAllMocks());

  const sdkCalls: Array<[string, 'GET' | 'POST', string, (c: PolymarketUS) => Promise<unknown>]> = [
    ['balances', 'GET', '/v1/account/balances', (c) => c.account.balances()],
    [
      'open orders (query not signed)',
      'GET',
      '/v1/orders/open',
      (c) => c.orders.list({ slugs: ['aec-nba-lal-bos-2026-11-25'] }),
    ],
    [
      'create order (body not signed)',
      'POST',
      '/v1/orders',
      (c) =>
        c.orders.create({
          marketSlug: 'aec-nba-lal-bos-2026-11-25',
          intent: 'ORDER_INTENT_BUY_LONG',
          type: 'ORDER_TYPE_LIMIT',
          price: { value: '0.55', currency: 'USD' },
          quantity: 10,
          tif: 'TIME_IN_FORCE_FILL_OR_KILL',
        }),
    ],
    [
      'cancel',
      'POST',
      '/v1/order/ord-1/cancel',
      (c) => c.orders.cancel('ord-1', { marketSlug: 'aec-nba-lal-bos-2026-11-25' }),
    ],
  ];

  it.each(sdkCalls)('%s', async (_name, method, path, call) => {
    for (const secretKey of [secret64, secret32]) {
      captured = [];
      const sdk = new PolymarketUS({ keyId: KEY_ID, secretKey, apiBaseUrl: 'http://127.0.0.1:9' });
      await call(sdk);
      expect(captured).toHaveLength(1);
      const theirs = captured[0]!.headers;
      const ours = new PolymarketUsSigner({ keyId: KEY_ID, secretKey }).headers(method, path, NOW);
      expect(new URL(captured[0]!.url).pathname).toBe(path);
      expect({
        key: theirs['X-PM-Access-Key'],
        ts: theirs['X-PM-Timestamp'],
        sig: theirs['X-PM-Signature'],
      }).toEqual({ key: ours['X-PM-Access-Key'], ts: ours['X-PM-Timestamp'], sig: ours['X-PM-Signature'] });
    }
  });

  it('agrees on a freshly generated key too', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const seedBytes = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
    const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const secretKey = Buffer.concat([seedBytes, pub]).toString('base64');
    const sdk = new PolymarketUS({ keyId: KEY_ID, secretKey, apiBaseUrl: 'http://127.0.0.1:9' });
    await sdk.portfolio.positions();
    const ours = new PolymarketUsSigner({ keyId: KEY_ID, secretKey }).headers('GET', '/v1/portfolio/positions', NOW);
    expect(captured[0]!.headers['X-PM-Signature']).toBe(ours['X-PM-Signature']);
  });
});
