import { generateKeyPairSync } from 'node:crypto';
import { AppLogger, powertoolsSink, REDACTED, RecordingSink, Redactor } from '../../../lib/runtime';

const PEM = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const HEX_KEY = `0x${'ab12'.repeat(16)}`;
const RESET = 'reset-key-0123456789abcdef0123456789';

function redactor(): Redactor {
  const r = new Redactor();
  r.addSecret(HEX_KEY);
  r.addSecret(PEM);
  r.addSecret(RESET);
  return r;
}

describe('Redactor', () => {
  it('replaces known secret values wherever they appear, also JSON-escaped and without 0x', () => {
    const r = redactor();
    expect(r.text(`key=${RESET};`)).toBe(`key=${REDACTED};`);
    expect(r.text(`hex ${HEX_KEY.slice(2)} and ${HEX_KEY.toUpperCase().replace('0X', '0x')}`)).not.toContain(
      HEX_KEY.slice(2),
    );
    expect(r.text(JSON.stringify({ pem: PEM }))).not.toMatch(/MII/);
  });

  it('blanks a PEM key even line by line, or one it was never told about', () => {
    const r = redactor();
    const bodyLine = PEM.split('\n')[1]!;
    expect(r.text(`line: ${bodyLine}`)).toBe(`line: ${REDACTED}`);
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
    expect(new Redactor().text(`oops ${other}`)).toBe('oops [redacted key]\n');
  });

  it('replaces the value of any secret-looking field, at any depth, and redacts errors', () => {
    const out = redactor().value({
      apiKey: 'not-registered-but-named-as-a-key',
      nested: [{ privateKeyPem: 'x'.repeat(20), passphrase: 'pp', count: 3 }],
      headers: { authorization: 'Bearer zzz', 'x-reset-key': 'y' },
      error: new Error(`failed with ${RESET}`),
      ok: 'kalshi:KXNBAGAME-26NOV24LALBOS-LAL:yes',
    }) as Record<string, unknown>;
    const text = JSON.stringify(out);
    for (const leaked of ['not-registered', 'xxxx', 'Bearer', RESET]) expect(text).not.toContain(leaked);
    expect(out.ok).toBe('kalshi:KXNBAGAME-26NOV24LALBOS-LAL:yes');
    expect((out.nested as Record<string, unknown>[])[0]!.count).toBe(3);
  });

  it('does not register short values (they would blank every line and protect nothing)', () => {
    const r = new Redactor();
    r.addSecret('0');
    r.addSecret('abc');
    expect(r.text('0 abc 10')).toBe('0 abc 10');
  });

  it('registers secret-named environment variables, not the others', () => {
    const r = new Redactor();
    r.addSecretEnv({
      POLYMIX_RESET_KEY: RESET,
      AWS_SECRET_ACCESS_KEY: 'aws-secret-value-123',
      POLYMIX_TABLE_NAME: 'polymix-table',
    });
    expect(r.text(`${RESET} aws-secret-value-123 polymix-table`)).toBe(`${REDACTED} ${REDACTED} polymix-table`);
  });
});

describe('AppLogger', () => {
  it('redacts messages and attributes before the sink sees them', () => {
    const sink = new RecordingSink();
    const logger = new AppLogger(sink, redactor());
    logger.error(`could not sign with ${HEX_KEY}`, { resetKey: RESET, detail: `pem ${PEM}` });
    const text = sink.text();
    for (const secret of [HEX_KEY, HEX_KEY.slice(2), RESET, 'MII']) expect(text).not.toContain(secret);
    expect(sink.lines[0]!.message).toBe(`could not sign with ${REDACTED}`);
  });

  it('through Powertools, writes JSON lines with no secret in them', () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const r = redactor();
      const logger = new AppLogger(powertoolsSink('polymix-test', r), r);
      logger.info(`banner ${RESET}`, { secrets: { polymarketPrivateKey: HEX_KEY }, note: PEM });
      logger.warn('plain line');
    } finally {
      spy.mockRestore();
      errSpy.mockRestore();
    }
    const out = writes.join('');
    expect(out).toContain('"service":"polymix-test"');
    expect(out).toContain('plain line');
    for (const secret of [HEX_KEY, HEX_KEY.slice(2), RESET, 'MII']) expect(out).not.toContain(secret);
  });
});

describe('secret-looking field names', () => {
  it('cover keys, signatures and auth headers but not public ids like a Polymarket tokenId', () => {
    const out = new Redactor().value({
      tokenId: '7132',
      sessionToken: 'abcdefgh1',
      'KALSHI-ACCESS-SIGNATURE': 'c2lnbmF0dXJl',
      conditionId: '0xabc',
    });
    expect(out).toEqual({
      tokenId: '7132',
      sessionToken: REDACTED,
      'KALSHI-ACCESS-SIGNATURE': REDACTED,
      conditionId: '0xabc',
    });
  });
});
