import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { decideMode } from '../../../lib/config/mode';
import type { Secrets } from '../../../lib/config/secrets';
import { parseSecrets, SecretsError, secretsLoader } from '../../../lib/config/secrets';
import { DEFAULT_VENUE_PAIR } from '../../../lib/config/venue-pair';
import { validSecrets } from './fixtures';

describe('secrets', () => {
  let pem: string;
  let valid: Secrets;
  beforeAll(() => {
    ({ pem, valid } = validSecrets());
  });

  describe('parseSecrets', () => {
    it('accepts a complete, valid secret given as JSON text or as an object', () => {
      expect({ ...parseSecrets(JSON.stringify(valid)) }).toEqual(valid);
      expect({ ...parseSecrets(valid) }).toEqual(valid);
    });

    it('accepts the signature type as a string and a PEM whose newlines were stored as \\n', () => {
      const s = parseSecrets({
        ...valid,
        polymarketSignatureType: '3',
        kalshiPrivateKeyPem: pem.replace(/\n/g, '\\n'),
      });
      expect(s.polymarketSignatureType).toBe(3);
      expect(s.kalshiPrivateKeyPem).toBe(pem);
    });

    it.each<[keyof Secrets, unknown, string]>([
      [
        'polymarketPrivateKey',
        '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff8',
        'expected 0x followed by 64 hex digits',
      ],
      [
        'polymarketPrivateKey',
        'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
        'expected 0x followed by 64 hex digits',
      ],
      ['polymarketPrivateKey', `0x${'0'.repeat(64)}`, 'expected 0x followed by 64 hex digits, not zero'],
      ['polymarketApiSecret', 'short', 'expected base64'],
      ['polymarketFunderAddress', '0xF39fd6e51aad88F6F4ce6aB8827279cffFb92266', 'expected a 0x address'],
      ['polymarketFunderAddress', 'f39fd6e51aad88f6f4ce6ab8827279cfffb92266', 'expected a 0x address'],
      ['polymarketSignatureType', 4, 'expected 0, 1, 2 or 3'],
      ['polymarketSignatureType', '1.0', 'expected 0, 1, 2 or 3'],
      ['kalshiKeyId', 'not-a-uuid', 'expected a UUID'],
      [
        'kalshiPrivateKeyPem',
        '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
        'expected an RSA private key in PEM',
      ],
      ['resetKey', 'too-short', 'expected 32 or more characters'],
      ['polymarketApiPassphrase', '', 'missing'],
      ['kalshiKeyId', undefined, 'missing'],
    ])('names the bad field %s (%j) without its value', (field, value, reason) => {
      const input = { ...valid, [field]: value };
      expect(() => parseSecrets(input)).toThrow(SecretsError);
      expect(() => parseSecrets(input)).toThrow(`Invalid secrets: ${field}: ${reason}`);
    });

    it('refuses an EC key where Kalshi needs RSA', () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      expect(() => parseSecrets({ ...valid, kalshiPrivateKeyPem: ec })).toThrow(
        'kalshiPrivateKeyPem: expected an RSA private key',
      );
    });

    it('lists every missing field of an empty object', () => {
      expect(() => parseSecrets({})).toThrow(
        'Invalid secrets: polymarketPrivateKey: missing; polymarketApiKey: missing; polymarketApiSecret: missing; ' +
          'polymarketApiPassphrase: missing; polymarketFunderAddress: missing; polymarketSignatureType: missing; ' +
          'kalshiKeyId: missing; kalshiPrivateKeyPem: missing; resetKey: missing',
      );
    });

    it.each([
      [
        'broken JSON',
        '{"polymarketPrivateKey": 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
        'not valid JSON',
      ],
      [
        'a JSON array',
        '["0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"]',
        'must be a JSON object',
      ],
      [
        'a bare string',
        '"0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"',
        'must be a JSON object',
      ],
    ])('refuses %s without quoting it', (_name, text, reason) => {
      expect(() => parseSecrets(text)).toThrow(reason);
      try {
        parseSecrets(text);
      } catch (e) {
        expect((e as Error).message).not.toContain('ac0974bec3');
      }
    });

    it('never puts a secret value in an error message, whatever is wrong', () => {
      const fields = Object.keys(valid) as (keyof Secrets)[];
      fc.assert(
        fc.property(
          fc.subarray(fields, { minLength: 1 }),
          fc.constantFrom('corrupt', 'drop', 'wrong type'),
          (broken, how) => {
            const input: Record<string, unknown> = { ...valid };
            for (const f of broken) {
              const v = String(valid[f]);
              if (how === 'drop') delete input[f];
              else if (how === 'wrong type') input[f] = [v];
              else input[f] = `${v} ${v.slice(0, 20)}`; // still full of the secret
            }
            let message = '';
            try {
              parseSecrets(JSON.stringify(input));
            } catch (e) {
              message = (e as Error).message;
            }
            expect(message).toMatch(/^Invalid secrets: /);
            for (const f of fields) {
              const secret = String(valid[f]);
              if (secret.length > 3) expect(message).not.toContain(secret.slice(0, 12));
            }
          },
        ),
        { numRuns: 200 },
      );
    });

    it('shows only field names when the parsed secrets are logged or stringified', () => {
      const s = parseSecrets(valid);
      const outputs = [
        JSON.stringify(s),
        inspect(s),
        inspect({ nested: { s } }, { depth: 5 }),
        `${JSON.stringify({ s })}`,
      ];
      for (const out of outputs) {
        expect(out).toContain('polymarketPrivateKey');
        for (const value of Object.values(valid)) {
          if (typeof value === 'string') expect(out).not.toContain(value.slice(0, 12));
        }
      }
      expect(Object.isFrozen(s)).toBe(true);
    });
  });

  describe('secretsLoader', () => {
    const sm = mockClient(SecretsManagerClient);
    afterEach(() => sm.reset());
    const client = (): SecretsManagerClient => new SecretsManagerClient({ region: 'us-east-1' });

    it('reads the secret once and serves it from cache until the TTL passes', async () => {
      sm.on(GetSecretValueCommand, { SecretId: 'polymix/prod' }).resolves({ SecretString: JSON.stringify(valid) });
      let now = 0;
      const load = secretsLoader(client(), 'polymix/prod', () => now, 60_000);
      const first = await load();
      expect(first.problem).toBeNull();
      expect({ ...first.secrets }).toEqual(valid);
      now = 59_999;
      await load();
      expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
      now = 60_000;
      await load();
      expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    });

    it('reports a missing secret id without calling AWS', async () => {
      expect(await secretsLoader(client(), null, () => 0)()).toEqual({
        secrets: null,
        problem: 'POLYMIX_SECRET_ID is not set',
      });
      expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    });

    it('reports an AWS failure by error name only, and retries next time', async () => {
      const err = Object.assign(new Error('details that are not ours to print'), { name: 'AccessDeniedException' });
      sm.on(GetSecretValueCommand)
        .rejectsOnce(err)
        .resolves({ SecretString: JSON.stringify(valid) });
      const load = secretsLoader(client(), 'polymix/prod', () => 0);
      expect(await load()).toEqual({ secrets: null, problem: 'could not read the secret (AccessDeniedException)' });
      expect((await load()).problem).toBeNull();
    });

    it('reports invalid secret content by field, never by value', async () => {
      sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ ...valid, kalshiKeyId: 'nope' }) });
      const result = await secretsLoader(client(), 'polymix/prod', () => 0)();
      expect(result).toEqual({ secrets: null, problem: 'Invalid secrets: kalshiKeyId: expected a UUID' });
      expect(
        decideMode({ liveTrading: true, venues: DEFAULT_VENUE_PAIR }, result.secrets, result.problem ?? undefined).mode,
      ).toBe('paper');
    });
  });
});
