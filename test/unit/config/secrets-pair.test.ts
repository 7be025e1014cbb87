/**
 * The secret follows the venue pair (docs/deploy.md#secret): Kalshi's keys and the reset key
 * always, Polymarket's for kalshi,polymarket, Polymarket US's for kalshi,polymarket-us.
 */
import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { decideMode } from '../../../lib/config/mode';
import type { PolymarketPairSecrets } from '../../../lib/config/secrets';
import {
  parseSecrets,
  polymarketSecretsOf,
  polymarketUsSecretsOf,
  requiredSecretFields,
  SecretsError,
  secretsLoader,
} from '../../../lib/config/secrets';
import { DEFAULT_VENUE_PAIR, parseVenuePair } from '../../../lib/config/venue-pair';
import { polymarketUsKey, validSecrets, validUsSecrets } from './fixtures';

const US = parseVenuePair('kalshi,polymarket-us');

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(SecretsError);
    return (e as Error).message;
  }
  throw new Error('expected a SecretsError');
}

let valid: PolymarketPairSecrets;
/** A fresh Polymarket US secret on the same Kalshi key (an RSA key takes long to make: one per file). */
const usSecrets = () => validUsSecrets(valid);
beforeAll(() => {
  ({ valid } = validSecrets());
});

describe('secrets per venue pair', () => {
  it('names the required fields of each pair', () => {
    expect(requiredSecretFields(DEFAULT_VENUE_PAIR)).toEqual([
      'polymarketPrivateKey',
      'polymarketApiKey',
      'polymarketApiSecret',
      'polymarketApiPassphrase',
      'polymarketFunderAddress',
      'polymarketSignatureType',
      'kalshiKeyId',
      'kalshiPrivateKeyPem',
      'resetKey',
    ]);
    expect(requiredSecretFields(US)).toEqual([
      'kalshiKeyId',
      'kalshiPrivateKeyPem',
      'resetKey',
      'polymarketUsKeyId',
      'polymarketUsSecretKey',
    ]);
  });

  it('accepts a Kalshi × Polymarket US secret for that pair, and hands out its keys typed', () => {
    const us = usSecrets();
    const parsed = parseSecrets(JSON.stringify(us), US);
    expect({ ...parsed }).toEqual(us);
    expect(polymarketUsSecretsOf(parsed).polymarketUsKeyId).toBe(us.polymarketUsKeyId);
    expect(() => polymarketSecretsOf(parsed)).toThrow('Invalid secrets: polymarketPrivateKey: missing; ');
  });

  it('accepts the 32-byte seed alone as the Polymarket US secret key', () => {
    const us = usSecrets();
    const seedOnly = Buffer.from(us.polymarketUsSecretKey, 'base64').subarray(0, 32).toString('base64');
    expect(parseSecrets({ ...us, polymarketUsSecretKey: seedOnly }, US).polymarketUsSecretKey).toBe(seedOnly);
  });

  it('refuses a Polymarket secret for kalshi,polymarket-us, naming the missing fields and the pair', () => {
    expect(problemOf(() => parseSecrets(valid, US))).toBe(
      'Invalid secrets: polymarketUsKeyId: missing; polymarketUsSecretKey: missing; ' +
        'the secret holds Polymarket keys, but POLYMIX_VENUES is kalshi,polymarket-us: it needs polymarketUsKeyId, polymarketUsSecretKey (docs/deploy.md#secret)',
    );
  });

  it('refuses a Polymarket US secret for kalshi,polymarket the same way', () => {
    const message = problemOf(() => parseSecrets(usSecrets()));
    expect(message).toContain('polymarketPrivateKey: missing; polymarketApiKey: missing;');
    expect(message).toContain(
      'the secret holds Polymarket US keys, but POLYMIX_VENUES is kalshi,polymarket: it needs polymarketPrivateKey, polymarketApiKey',
    );
  });

  it("accepts a secret holding both Polymarkets for either pair, and still checks the other pair's fields", () => {
    const both = { ...valid, ...usSecrets() };
    expect({ ...parseSecrets(both) }).toEqual(both);
    expect({ ...parseSecrets(both, US) }).toEqual(both);
    // Empty fields of the pair not in use are no fields at all (the deployed template has them empty).
    const us = usSecrets();
    expect({ ...parseSecrets({ ...us, polymarketPrivateKey: '', polymarketApiKey: null }, US) }).toEqual(us);
    expect(problemOf(() => parseSecrets({ ...valid, polymarketUsKeyId: 'nope' }))).toBe(
      'Invalid secrets: polymarketUsKeyId: expected a UUID',
    );
  });

  it.each([
    [
      'a PEM',
      '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----',
      'the secret key is a PEM',
    ],
    ['not base64', 'not*base64*at*all', 'not standard base64'],
    ['48 bytes', randomBytes(48).toString('base64'), 'decodes to 48 bytes; expected 64 (or a 32-byte seed)'],
    ['64 bytes that are not seed and public key', randomBytes(64).toString('base64'), 'are not the public key'],
  ])('refuses a Polymarket US secret key that is %s, saying why without the key', (_name, secretKey, why) => {
    const message = problemOf(() => parseSecrets({ ...usSecrets(), polymarketUsSecretKey: secretKey }, US));
    expect(message).toMatch(/^Invalid secrets: polymarketUsSecretKey: expected the base64 Ed25519 secret key/);
    expect(message).toContain(why);
    expect(message).not.toContain(secretKey.slice(0, 12));
  });

  it('refuses a Polymarket US key id that is not a UUID', () => {
    expect(problemOf(() => parseSecrets({ ...usSecrets(), polymarketUsKeyId: 'key-1' }, US))).toBe(
      'Invalid secrets: polymarketUsKeyId: expected a UUID',
    );
  });

  it('never puts a secret value in an error message, whatever is wrong, for either pair', () => {
    const us = usSecrets();
    const all = { ...valid, ...us } as Record<string, unknown>;
    const fields = Object.keys(all);
    fc.assert(
      fc.property(
        fc.constantFrom(DEFAULT_VENUE_PAIR, US),
        fc.subarray(fields, { minLength: 1 }),
        fc.constantFrom('corrupt', 'drop', 'wrong type', 'swap'),
        (pair, broken, how) => {
          const input: Record<string, unknown> = { ...all };
          for (const f of broken) {
            const v = String(all[f]);
            if (how === 'drop') delete input[f];
            else if (how === 'wrong type') input[f] = [v];
            else if (how === 'swap') input[f] = String(all[fields[(fields.indexOf(f) + 1) % fields.length]!]);
            else input[f] = `${v} ${v.slice(0, 20)}`;
          }
          let message = '';
          try {
            parseSecrets(JSON.stringify(input), pair);
          } catch (e) {
            message = (e as Error).message;
          }
          for (const value of Object.values(all)) {
            const secret = String(value);
            if (secret.length > 3) expect(message).not.toContain(secret.slice(0, 12));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shows only field names when Polymarket US secrets are logged', () => {
    const us = usSecrets();
    const out = JSON.stringify(parseSecrets(us, US));
    expect(out).toContain('polymarketUsSecretKey');
    expect(out).not.toContain(us.polymarketUsSecretKey.slice(0, 12));
  });
});

describe('decideMode checks the keys of the configured pair', () => {
  it('goes live on kalshi,polymarket-us with Polymarket US keys', () => {
    const secrets = parseSecrets(usSecrets(), US);
    expect(decideMode({ liveTrading: true, venues: US }, secrets).mode).toBe('live');
  });

  it("stays paper when the secret holds the other Polymarket's keys, naming the missing fields", () => {
    const us = decideMode({ liveTrading: true, venues: US }, parseSecrets(valid));
    expect(us.mode).toBe('paper');
    expect(us.reason).toContain('polymarketUsKeyId: missing; polymarketUsSecretKey: missing');
    const intl = decideMode({ liveTrading: true, venues: DEFAULT_VENUE_PAIR }, parseSecrets(usSecrets(), US));
    expect(intl.mode).toBe('paper');
    expect(intl.reason).toContain('polymarketPrivateKey: missing');
  });

  it('re-checks a hand-built Polymarket US key, never quoting it', () => {
    const bad = { ...usSecrets(), polymarketUsSecretKey: polymarketUsKey().secretKey.slice(0, 40) };
    const decision = decideMode({ liveTrading: true, venues: US }, bad);
    expect(decision.mode).toBe('paper');
    expect(decision.reason).toContain('polymarketUsSecretKey: expected');
    expect(decision.reason).not.toContain(bad.polymarketUsSecretKey.slice(0, 12));
  });
});

describe('secretsLoader for a pair', () => {
  const sm = mockClient(SecretsManagerClient);
  afterEach(() => sm.reset());

  it('parses the secret for the pair it is given', async () => {
    const us = usSecrets();
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(us) });
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    expect({ ...(await secretsLoader(client, 'polymix/prod', () => 0, 60_000, US)()).secrets }).toEqual(us);
    const intl = await secretsLoader(client, 'polymix/prod', () => 0)();
    expect(intl.secrets).toBeNull();
    expect(intl.problem).toContain('polymarketPrivateKey: missing');
  });
});
