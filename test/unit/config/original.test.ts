/**
 * The original PolyMix's setting names (docs/migrating.md#settings): honoured in the
 * environment (Lambda runtime, local runner, CLI), in the secret JSON and in preflight's
 * environment; conflicting names are an error naming both, never a value.
 */
import { ConfigError, parseSecrets, SecretsError, secretFromEnv, withOriginalNames } from '../../../lib/config';
import { loadRuntimeConfig } from '../../../lib/runtime/env';
import { parseCliArgs, UsageError } from '../../../local/cli/args';
import { runPreflightCli } from '../../../local/cli/preflight';
import { validSecrets } from './fixtures';

const KEY_A = 'reset-key-original-0123456789abcdef-A';
const KEY_B = 'reset-key-polymix--0123456789abcdef-B';

describe('LIVE_TRADING_RESET_KEY (environment)', () => {
  it('is the reset key of the Lambda runtime and the local runner', () => {
    expect(loadRuntimeConfig({ LIVE_TRADING_RESET_KEY: KEY_A }).runtime.resetKey).toBe(KEY_A);
    expect(withOriginalNames({ LIVE_TRADING_RESET_KEY: KEY_A }).POLYMIX_RESET_KEY).toBe(KEY_A);
    // Both names with the same value are fine.
    expect(loadRuntimeConfig({ LIVE_TRADING_RESET_KEY: KEY_A, POLYMIX_RESET_KEY: KEY_A }).runtime.resetKey).toBe(KEY_A);
  });

  it('is checked like POLYMIX_RESET_KEY (too short is refused, value hidden)', () => {
    const err = (() => {
      try {
        loadRuntimeConfig({ LIVE_TRADING_RESET_KEY: 'short-key' });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('POLYMIX_RESET_KEY: expected 32 or more characters without spaces; got (hidden)');
    expect(err.message).not.toContain('short-key');
  });

  it('set to a different value than POLYMIX_RESET_KEY is an error naming both, never a value', () => {
    for (const load of [
      () => loadRuntimeConfig({ LIVE_TRADING_RESET_KEY: KEY_A, POLYMIX_RESET_KEY: KEY_B }),
      () => withOriginalNames({ LIVE_TRADING_RESET_KEY: KEY_A, POLYMIX_RESET_KEY: KEY_B }),
    ]) {
      let err: unknown;
      try {
        load();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain(
        "both LIVE_TRADING_RESET_KEY (the original PolyMix's name) and POLYMIX_RESET_KEY are set, to different values: keep one",
      );
      expect(message).not.toContain(KEY_A);
      expect(message).not.toContain(KEY_B);
    }
  });

  it('is the reset key of `npx polymix reset`, with the same conflict rule', () => {
    const args = parseCliArgs(['reset'], { LIVE_TRADING_RESET_KEY: KEY_A });
    expect(args !== 'help' && args.resetKey).toBe(KEY_A);
    expect(() => parseCliArgs(['reset'], { LIVE_TRADING_RESET_KEY: KEY_A, POLYMIX_RESET_KEY: KEY_B })).toThrow(
      new UsageError(
        "both LIVE_TRADING_RESET_KEY (the original PolyMix's name) and POLYMIX_RESET_KEY are set, to different values: keep one",
      ),
    );
  });
});

describe('the original key names in the secret JSON', () => {
  const { pem, valid } = validSecrets();
  const originalNamed = {
    POLYMARKET_PRIVATE_KEY: valid.polymarketPrivateKey,
    POLYMARKET_API_KEY: valid.polymarketApiKey,
    polymarketApiSecret: valid.polymarketApiSecret,
    polymarketApiPassphrase: valid.polymarketApiPassphrase,
    polymarketFunderAddress: valid.polymarketFunderAddress,
    polymarketSignatureType: valid.polymarketSignatureType,
    KALSHI_API_KEY: valid.kalshiKeyId,
    KALSHI_SECRET: pem,
    LIVE_TRADING_RESET_KEY: valid.resetKey,
  };

  it('fill the same fields as PolyMix names', () => {
    expect({ ...parseSecrets(JSON.stringify(originalNamed)) }).toEqual({ ...valid });
    // Both spellings of one field with the same value are fine.
    expect({ ...parseSecrets({ ...originalNamed, kalshiKeyId: valid.kalshiKeyId }) }).toEqual({ ...valid });
  });

  it('conflicting with the PolyMix field is an error naming both, never a value', () => {
    const other = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
    let err: unknown;
    try {
      parseSecrets({ ...originalNamed, polymarketPrivateKey: other });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SecretsError);
    expect((err as SecretsError).problems).toEqual([
      "POLYMARKET_PRIVATE_KEY / polymarketPrivateKey: both POLYMARKET_PRIVATE_KEY (the original PolyMix's name) and polymarketPrivateKey are set, to different values: keep one",
    ]);
    expect((err as Error).message).not.toContain(other.slice(2, 20));
    expect((err as Error).message).not.toContain(valid.polymarketPrivateKey.slice(2, 20));
  });

  it('KALSHI_SECRET that is not the PEM itself (a path) says what it must be, without the value', () => {
    let err: unknown;
    try {
      parseSecrets({ ...originalNamed, KALSHI_SECRET: '/home/me/kalshi/private_key.pem' });
    } catch (e) {
      err = e;
    }
    expect((err as SecretsError).problems).toEqual([
      'KALSHI_SECRET (read as kalshiPrivateKeyPem): expected an RSA private key in PEM; it must be the RSA private key itself, in PEM (a BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY block); a file path or any other kind of secret cannot be used (docs/migrating.md#keys)',
    ]);
    expect((err as Error).message).not.toContain('/home/me');
  });

  it("the original's Polymarket settings alone are not enough: the L2 secret and passphrase are named as missing", () => {
    const { polymarketApiSecret: _s, polymarketApiPassphrase: _p, ...originalOnly } = originalNamed;
    expect(() => parseSecrets(originalOnly)).toThrow(
      new SecretsError(['polymarketApiSecret: missing', 'polymarketApiPassphrase: missing']),
    );
  });
});

describe('preflight reads the keys from the environment under the original names', () => {
  const { pem, valid } = validSecrets();
  const env = {
    POLYMARKET_PRIVATE_KEY: valid.polymarketPrivateKey,
    POLYMARKET_API_KEY: valid.polymarketApiKey,
    POLYMARKET_API_SECRET: valid.polymarketApiSecret,
    POLYMARKET_API_PASSPHRASE: valid.polymarketApiPassphrase,
    POLYMARKET_FUNDER_ADDRESS: valid.polymarketFunderAddress,
    POLYMARKET_SIGNATURE_TYPE: '2',
    KALSHI_API_KEY: valid.kalshiKeyId,
    KALSHI_SECRET: pem,
    LIVE_TRADING_RESET_KEY: valid.resetKey,
  };

  it('secretFromEnv builds a secret that parses to the same fields', () => {
    expect({ ...parseSecrets(secretFromEnv(env)!) }).toEqual({ ...valid });
    expect(secretFromEnv({ LIVE_TRADING: 'true' })).toBeNull();
  });

  it('`npx polymix preflight` with no --secret-id/--secret-file passes its secrets check from them', async () => {
    const out: string[] = [];
    const code = await runPreflightCli(
      ['--json'],
      env,
      (s) => out.push(s),
      () => {},
      {
        fetch: async () => {
          throw new Error('offline in tests');
        },
      },
    );
    expect(code).toBe(1); // the venues cannot be reached here
    const run = JSON.parse(out.join('\n')) as { checks: { id: string; result: string }[] };
    expect(run.checks.find((c) => c.id === 'secrets')?.result).toBe('pass');
    const text = out.join('\n');
    expect(text).not.toContain(valid.polymarketApiSecret);
    expect(text).not.toContain(valid.resetKey);
  });
});
