/**
 * L1 and L2 auth: the test vectors of docs/venues-polymarket.md#p3-vectors reproduced exactly, and equality with the official
 * SDK (@polymarket/clob-client-v2 1.1.0, test oracle only) on other inputs.
 */
import { Wallet as WalletV5 } from '@ethersproject/wallet';
import { createL1Headers, createL2Headers } from '@polymarket/clob-client-v2';
import { Wallet } from 'ethers';
import fc from 'fast-check';
import { l1Headers, l2Headers, l2Signature } from '../../../../lib/venues/polymarket/auth';

// Public Anvil test key #0 (docs/venues-polymarket.md#p3-vectors): never holds value.
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==';

describe('L1 ClobAuth headers', () => {
  it('reproduce the L1 test vector (docs/venues-polymarket.md#p3-vectors: ts 1700000000, nonce 0)', async () => {
    const headers = await l1Headers(new Wallet(KEY), 1_700_000_000, 0);
    expect(headers).toEqual({
      POLY_ADDRESS: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      POLY_SIGNATURE:
        '0x659ed4b28ae28e0f038fdf0023c00863c9559caacb9ebc83f44eea87059a099a36f1e1dee110e7faa1c4f65d17489b2da1333ebef78bbe2116d81207b975052d1c',
      POLY_TIMESTAMP: '1700000000',
      POLY_NONCE: '0',
    });
  });

  it('equal the SDK createL1Headers for other timestamps, nonces and keys', async () => {
    const cases: Array<[string, number, number]> = [
      [KEY, 1_764_000_123, 0],
      [KEY, 1_700_000_000, 7],
      ['0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d', 1_800_000_000, 1],
    ];
    for (const [key, ts, nonce] of cases) {
      const ours = await l1Headers(new Wallet(key), ts, nonce);
      const sdk = await createL1Headers(new WalletV5(key), 137, nonce, ts);
      expect(ours).toEqual(sdk);
    }
  });
});

describe('L2 HMAC headers', () => {
  it('reproduce the L2 test vectors (docs/venues-polymarket.md#p3-vectors)', () => {
    expect(l2Signature(SECRET, 1_700_000_000, 'POST', '/order', '{"a":1}')).toBe(
      'ht_u7LkDjQzcCugWsTV-Jiux3cqnicaG8i6KKWeztwA=',
    );
    expect(l2Signature(SECRET, 1_700_000_000, 'GET', '/data/trades')).toBe(
      'aXtLVate2vYGvgvql4bKC83MBCjbn9B3KpgG_WQLDCs=',
    );
  });

  it('keep the = padding and use the URL-safe alphabet', () => {
    const sig = l2Signature(SECRET, 1_700_000_000, 'POST', '/order', '{"a":1}');
    expect(sig.endsWith('=')).toBe(true);
    expect(sig).not.toMatch(/[+/]/);
  });

  it('refuse a request path with a query string (the query is never signed)', () => {
    expect(() => l2Signature(SECRET, 1, 'GET', '/data/trades?market=x')).toThrow(/query/);
  });

  it('accept a base64url secret the same as its standard form', () => {
    const standard = Buffer.from('any secret bytes ~~~ ???', 'utf8').toString('base64');
    const urlSafe = standard.replace(/\+/g, '-').replace(/\//g, '_');
    expect(l2Signature(urlSafe, 5, 'GET', '/x')).toBe(l2Signature(standard, 5, 'GET', '/x'));
  });

  it('equal the SDK createL2Headers for random methods, paths and bodies', async () => {
    const signer = new WalletV5(KEY);
    const address = new Wallet(KEY).address;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'DELETE'),
        fc.constantFrom('/order', '/orders', '/data/trades', '/data/order/0xabc', '/balance-allowance', '/cancel-all'),
        fc.option(fc.json(), { nil: undefined }),
        fc.uint8Array({ minLength: 16, maxLength: 48 }),
        fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }),
        async (method, path, body, secretBytes, ts) => {
          const secret = Buffer.from(secretBytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
          const creds = { apiKey: 'key-uuid', secret, passphrase: 'pass' };
          const ours = l2Headers(address, creds, ts, method, path, body);
          const sdk = await createL2Headers(
            signer,
            { key: creds.apiKey, secret, passphrase: creds.passphrase },
            { method, requestPath: path, ...(body !== undefined ? { body } : {}) },
            ts,
          );
          expect(ours).toEqual(sdk);
        },
      ),
      { numRuns: 60 },
    );
  });
});
