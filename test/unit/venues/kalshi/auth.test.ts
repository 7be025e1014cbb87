/**
 * Oracle tests of Kalshi signing against kalshi-typescript 3.30.0's `KalshiAuth` (docs/venues-kalshi.md#k3,
 * K7). PSS salts are random, so signatures are VERIFIED, never compared byte for byte; the
 * signed text is captured from both sides and compared exactly.
 */
import { constants, generateKeyPairSync, verify } from 'node:crypto';
import { KalshiAuth } from 'kalshi-typescript/dist/auth';
import { basePathOf, KalshiSigner, signingString } from '../../../../lib/venues/kalshi/auth';

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const pkcs1Pem = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});

const KEY_ID = '0f6e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const TS = 1_703_123_456_789;

/** Verification under the documented scheme: RSA-PSS, SHA-256, MGF1-SHA256, salt 32. */
function verifiesPss(text: string, signatureB64: string, pub: string = publicKey, saltLength = 32): boolean {
  return verify(
    'sha256',
    Buffer.from(text),
    { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength },
    Buffer.from(signatureB64, 'base64'),
  );
}

/** What the SDK signs for (method, path) at TS, and its headers. */
function sdkSign(method: string, path: string): { text: string; headers: Record<string, string> } {
  const auth = new KalshiAuth(KEY_ID, privateKey);
  const proto = KalshiAuth.prototype as unknown as { signPssText(text: string): string };
  const spy = jest.spyOn(proto, 'signPssText');
  const now = jest.spyOn(Date, 'now').mockReturnValue(TS);
  try {
    const headers = auth.generateAuthHeaders(method, path);
    const text = spy.mock.calls[0]?.[0];
    if (text === undefined) throw new Error('SDK did not sign');
    return { text, headers };
  } finally {
    spy.mockRestore();
    now.mockRestore();
  }
}

describe('Kalshi request signing (oracle: kalshi-typescript KalshiAuth)', () => {
  const cases: Array<[string, string]> = [
    ['GET', '/trade-api/v2/portfolio/balance'],
    ['POST', '/trade-api/v2/portfolio/events/orders'],
    ['DELETE', '/trade-api/v2/portfolio/events/orders/ord-123'],
    ['GET', '/trade-api/v2/markets/KXNBAGAME-25DEC27LALBOS-LAL/orderbook'],
  ];

  it.each(cases)('signs exactly the text the SDK signs for %s %s', (method, path) => {
    const sdk = sdkSign(method, path);
    expect(signingString(TS, method, path)).toBe(sdk.text);
    expect(sdk.text).toBe(`${TS}${method}${path}`);
  });

  it.each(cases)(
    'our %s %s signature verifies under the SDK scheme, and the SDK signature under ours',
    (method, path) => {
      const sdk = sdkSign(method, path);
      const ours = new KalshiSigner({ keyId: KEY_ID, privateKeyPem: privateKey }).headers(method, path, TS);
      // SDK scheme = salt length RSA_PSS_SALTLEN_DIGEST (32 for SHA-256); ours names 32.
      expect(
        verifiesPss(sdk.text, ours['KALSHI-ACCESS-SIGNATURE'] as string, publicKey, constants.RSA_PSS_SALTLEN_DIGEST),
      ).toBe(true);
      expect(verifiesPss(signingString(TS, method, path), sdk.headers['KALSHI-ACCESS-SIGNATURE'] as string)).toBe(true);
    },
  );

  it('sends the same three headers as the SDK, with the same key id and timestamp', () => {
    const sdk = sdkSign('GET', '/trade-api/v2/portfolio/balance');
    const ours = new KalshiSigner({ keyId: KEY_ID, privateKeyPem: privateKey }).headers(
      'GET',
      '/trade-api/v2/portfolio/balance',
      TS,
    );
    expect(Object.keys(ours).sort()).toEqual(Object.keys(sdk.headers).sort());
    expect(ours['KALSHI-ACCESS-KEY']).toBe(sdk.headers['KALSHI-ACCESS-KEY']);
    expect(ours['KALSHI-ACCESS-TIMESTAMP']).toBe(sdk.headers['KALSHI-ACCESS-TIMESTAMP']);
    expect(ours['KALSHI-ACCESS-TIMESTAMP']).toBe(String(TS));
  });

  it('produces a 256-byte signature that differs every time (random PSS salt) yet always verifies', () => {
    const signer = new KalshiSigner({ keyId: KEY_ID, privateKeyPem: privateKey });
    const text = signingString(TS, 'GET', '/trade-api/v2/portfolio/balance');
    const a = signer.signText(text);
    const b = signer.signText(text);
    expect(Buffer.from(a, 'base64')).toHaveLength(256);
    expect(a).not.toBe(b);
    expect(verifiesPss(text, a)).toBe(true);
    expect(verifiesPss(text, b)).toBe(true);
  });

  it('does not verify for another text, another key, or PKCS#1 v1.5 padding', () => {
    const signer = new KalshiSigner({ keyId: KEY_ID, privateKeyPem: privateKey });
    const text = signingString(TS, 'GET', '/trade-api/v2/portfolio/balance');
    const sig = signer.signText(text);
    expect(verifiesPss(text.replace('GET', 'POST'), sig)).toBe(false);
    expect(verifiesPss(text, sig, pkcs1Pem.publicKey)).toBe(false);
    const v15 = verify(
      'sha256',
      Buffer.from(text),
      { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(sig, 'base64'),
    );
    expect(v15).toBe(false);
  });

  it('accepts PKCS#1 ("RSA PRIVATE KEY") PEMs as Kalshi hands them out', () => {
    const signer = new KalshiSigner({ keyId: KEY_ID, privateKeyPem: pkcs1Pem.privateKey });
    const text = signingString(TS, 'GET', '/trade-api/v2/portfolio/fills');
    expect(verifiesPss(text, signer.signText(text), pkcs1Pem.publicKey)).toBe(true);
  });

  it('refuses a signed path with a query string, and uppercases the method', () => {
    expect(() => signingString(TS, 'GET', '/trade-api/v2/portfolio/fills?limit=5')).toThrow(RangeError);
    expect(signingString(TS, 'get', '/trade-api/v2/x')).toBe(`${TS}GET/trade-api/v2/x`);
  });

  it('takes the signed prefix from the base URL whatever the host', () => {
    expect(basePathOf('https://external-api.kalshi.com/trade-api/v2')).toBe('/trade-api/v2');
    expect(basePathOf('http://127.0.0.1:4567/trade-api/v2/')).toBe('/trade-api/v2');
  });

  it('never echoes key material: bad PEMs fail with a fixed message, and JSON shows no key', () => {
    const bogus = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----';
    expect(() => new KalshiSigner({ keyId: KEY_ID, privateKeyPem: bogus })).toThrow(
      'Kalshi private key is not a readable PEM private key',
    );
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expect(() => new KalshiSigner({ keyId: KEY_ID, privateKeyPem: ec.privateKey })).toThrow('must be an RSA key');
    const signer = new KalshiSigner({ keyId: KEY_ID, privateKeyPem: privateKey });
    const shown = JSON.stringify(signer);
    expect(shown).not.toContain('PRIVATE');
    expect(shown).not.toContain(privateKey.split('\n')[1]);
  });
});
