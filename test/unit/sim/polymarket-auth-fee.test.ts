import { Wallet } from 'ethers';
import { polyHmac, takerFeeMicros } from '../../../local/sim/polymarket';
import { verifyL1 } from '../../../local/sim/polymarket/auth';

describe('Polymarket simulator: L2 HMAC (test vectors: docs/venues-polymarket.md#p3-vectors)', () => {
  const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==';

  it('signs POST /order with its body and GET /data/trades without query, keeping = padding', () => {
    expect(polyHmac(secret, '1700000000', 'POST', '/order', '{"a":1}')).toBe(
      'ht_u7LkDjQzcCugWsTV-Jiux3cqnicaG8i6KKWeztwA=',
    );
    expect(polyHmac(secret, '1700000000', 'GET', '/data/trades', '')).toBe(
      'aXtLVate2vYGvgvql4bKC83MBCjbn9B3KpgG_WQLDCs=',
    );
  });

  it('accepts a url-safe secret the same as the standard base64 one', () => {
    const raw = Buffer.from([0xfb, 0xff, 0xbf, 0x01, 0x02, 0x03]);
    const standard = raw.toString('base64');
    const urlSafe = standard.replace(/\+/g, '-').replace(/\//g, '_');
    expect(urlSafe).not.toBe(standard);
    expect(polyHmac(urlSafe, '1', 'GET', '/x', '')).toBe(polyHmac(standard, '1', 'GET', '/x', ''));
  });
});

describe('Polymarket simulator: L1 ClobAuth', () => {
  const address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
  const vector =
    '0x659ed4b28ae28e0f038fdf0023c00863c9559caacb9ebc83f44eea87059a099a36f1e1dee110e7faa1c4f65d17489b2da1333ebef78bbe2116d81207b975052d1c';
  const headers = { poly_address: address, poly_signature: vector, poly_timestamp: '1700000000', poly_nonce: '0' };

  it('accepts the L2 test vector (docs/venues-polymarket.md#p3-vectors) and names its address', () => {
    expect(verifyL1(headers, 1_700_000_000_000, 30)).toEqual({ ok: true, address, nonce: '0' });
  });

  it('refuses it when stale, for another nonce, or for another address', () => {
    expect(verifyL1(headers, 1_700_000_031_000, 30).ok).toBe(false);
    expect(verifyL1({ ...headers, poly_nonce: '1' }, 1_700_000_000_000, 30).ok).toBe(false);
    const other = Wallet.createRandom().address;
    expect(verifyL1({ ...headers, poly_address: other }, 1_700_000_000_000, 30).ok).toBe(false);
  });
});

describe('Polymarket simulator: taker fee rate·C·(p(1−p))^e', () => {
  const sports = { ratePpm: 30_000, exponent: 1 };

  it('charges 0.75¢ per share at p = 0.5 in sports', () => {
    expect(takerFeeMicros({ ...sports, priceMicros: 500_000, sizeCenti: 100 })).toBe(7_500);
    expect(takerFeeMicros({ ...sports, priceMicros: 500_000, sizeCenti: 10_000 })).toBe(750_000);
  });

  it('rounds each fee to 5 decimals, up by default and down when asked', () => {
    // 0.03 · 0.01 · 0.57 · 0.43 = 0.000073530 → 0.00008 (ceil) / 0.00007 (floor)
    expect(takerFeeMicros({ ...sports, priceMicros: 570_000, sizeCenti: 1 })).toBe(80);
    expect(takerFeeMicros({ ...sports, priceMicros: 570_000, sizeCenti: 1, rounding: 'floor' })).toBe(70);
  });

  it('is symmetric in p and 1−p, and applies the exponent', () => {
    const at = (p: number, e = 1) => takerFeeMicros({ ratePpm: 30_000, exponent: e, priceMicros: p, sizeCenti: 1_000 });
    expect(at(200_000)).toBe(at(800_000));
    // 0.03 · 10 · (0.25)^2 = 0.01875
    expect(at(500_000, 2)).toBe(18_750);
  });
});
