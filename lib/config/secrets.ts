/**
 * The secrets JSON (one Secrets Manager secret): its schema, `parseSecrets`, and the cached
 * Secrets Manager loader. Problems name the field, never a value.
 *
 * Which fields are required follows the venue pair (lib/config/venue-pair.ts, docs/deploy.md#secret):
 * Kalshi's and the reset key always; Polymarket's for kalshi,polymarket; Polymarket US's for
 * kalshi,polymarket-us. The other pair's fields may be present too (checked like the rest).
 */
import { createPrivateKey } from 'node:crypto';
import { inspect } from 'node:util';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { isAddress } from 'ethers';
import { z } from 'zod';
import { PolymarketUsKeyError, readSecretKey } from '../venues/polymarket-us/auth';
import { ORIGINAL_SECRET_MEANING, type OriginalSecretName, resolveOriginalSecretNames } from './original';
import { DEFAULT_VENUE_PAIR, type VenuePair, venuePairName } from './venue-pair';

// ---- secrets (one Secrets Manager secret, docs/deploy.md) --------------------------------------

/** Polymarket signature types (docs/venues-polymarket.md#p4): EOA, POLY_PROXY, POLY_GNOSIS_SAFE, POLY_1271. */
export type PolymarketSignatureType = 0 | 1 | 2 | 3;

export class SecretsError extends Error {
  /** `field: reason` lines; never a value. */
  constructor(readonly problems: readonly string[]) {
    super(`Invalid secrets: ${problems.join('; ')}`);
    this.name = 'SecretsError';
  }
}

/** Exactly one unencrypted PEM block (node would quietly ignore text after the first block). */
const PEM_BLOCK = /^-----BEGIN (RSA )?PRIVATE KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END \1PRIVATE KEY-----\s*$/;

function isRsaPrivateKey(pem: string): boolean {
  if (!PEM_BLOCK.test(pem)) return false;
  try {
    return createPrivateKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false; // the crypto error text is dropped: it is about the key
  }
}

/** Marks an issue message that says more than the field's expectation (and never quotes the value). */
const DETAIL = 'detail:';

/** A Polymarket US secret key the client can sign with (lib/venues/polymarket-us/auth.ts `readSecretKey`). */
const polymarketUsSecretKey = z.string().superRefine((key, ctx) => {
  try {
    readSecretKey(key);
  } catch (e) {
    // PolymarketUsKeyError says what is wrong (bytes, encoding), never the key; anything else says nothing.
    const why = e instanceof PolymarketUsKeyError ? e.message.replace(/^Polymarket US credentials: /, '') : '';
    ctx.addIssue({ code: 'custom', message: why ? `${DETAIL}${why}` : 'unreadable' });
  }
});

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const NO_SPACE = /^\S+$/;
/** Every field of the secret, once: what it must be, in words for the error and as a zod check. */
const SECRET_FIELDS = {
  /** The Polymarket signing key (the EOA behind orders and L1 headers). */
  polymarketPrivateKey: [
    '0x followed by 64 hex digits, not zero',
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/)
      .refine((k) => /[1-9a-fA-F]/.test(k.slice(2))),
  ],
  /** Polymarket L2 API key. */
  polymarketApiKey: ['a non-empty string without spaces', z.string().regex(NO_SPACE)],
  /** Polymarket L2 API secret. */
  polymarketApiSecret: ['base64 or base64url, 16 characters or more', z.string().regex(/^[A-Za-z0-9+/_-]{16,}={0,2}$/)],
  /** Polymarket L2 API passphrase. */
  polymarketApiPassphrase: ['a non-empty string without spaces', z.string().regex(NO_SPACE)],
  /** The Polymarket address holding the funds (the EOA itself for type 0). */
  polymarketFunderAddress: [
    'a 0x address (40 hex digits, valid checksum if mixed case)',
    z.string().refine((a) => isAddress(a) && a.startsWith('0x')),
  ],
  /** How Polymarket orders are signed (PolymarketSignatureType). */
  polymarketSignatureType: [
    '0, 1, 2 or 3 (EOA, proxy, Gnosis Safe, deposit wallet)',
    z
      .union([
        z.number(),
        z
          .string()
          .regex(/^[0-3]$/)
          .transform(Number),
      ])
      .pipe(z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])),
  ],
  /** Kalshi API key id. */
  kalshiKeyId: ['a UUID', z.string().regex(UUID)],
  /** Kalshi RSA private key, PEM. */
  kalshiPrivateKeyPem: [
    'an RSA private key in PEM',
    // The Secrets Manager console stores newlines typed as "\n" literally: undo that first.
    z
      .string()
      .transform((pem) => (pem.includes('\n') ? pem : pem.replace(/\\n/g, '\n')))
      .refine(isRsaPrivateKey),
  ],
  /** Optional, relayer wallets' redemption (proxy, Safe, deposit) (docs/deploy.md#redemption): the relayer API key. */
  polymarketRelayerApiKey: ['a non-empty string without spaces', z.string().regex(NO_SPACE).optional()],
  /** Optional: the address that owns the relayer API key. */
  polymarketRelayerApiKeyAddress: [
    'a 0x address (40 hex digits, valid checksum if mixed case)',
    z
      .string()
      .refine((a) => isAddress(a) && a.startsWith('0x'))
      .optional(),
  ],
  /** Optional: the Polygon RPC URL when it carries a key (else POLYGON_RPC_URL). */
  polygonRpcUrl: [
    'an https URL',
    z
      .string()
      .regex(/^https:\/\/\S+$/)
      .optional(),
  ],
  /** The key the paper-mode reset asks for. */
  resetKey: ['32 or more characters without spaces', z.string().regex(/^\S{32,}$/)],
  /** Polymarket US API key id (polymarket.us/developer, docs/venues-polymarket-us.md#u-auth). */
  polymarketUsKeyId: ['a UUID', z.string().regex(UUID)],
  /** Polymarket US Ed25519 private key, base64 (docs/venues-polymarket-us.md#u-auth). */
  polymarketUsSecretKey: [
    'the base64 Ed25519 secret key polymarket.us/developer gave (64 bytes: seed then public key, or the 32-byte seed)',
    polymarketUsSecretKey,
  ],
} satisfies Record<string, [expected: string, schema: z.ZodType]>;

type SecretField = keyof typeof SECRET_FIELDS;
type FieldsOf<K extends SecretField> = { readonly [F in K]: z.output<(typeof SECRET_FIELDS)[F][1]> };

/** The fields every pair needs: Kalshi's keys and the reset key. */
export const COMMON_SECRET_FIELDS = ['kalshiKeyId', 'kalshiPrivateKeyPem', 'resetKey'] as const;
/** The fields of the venue in the `polymarket` slot, per venue. */
export const POLYMARKET_SIDE_SECRET_FIELDS = {
  polymarket: [
    'polymarketPrivateKey',
    'polymarketApiKey',
    'polymarketApiSecret',
    'polymarketApiPassphrase',
    'polymarketFunderAddress',
    'polymarketSignatureType',
  ],
  'polymarket-us': ['polymarketUsKeyId', 'polymarketUsSecretKey'],
} as const satisfies Record<VenuePair['polymarket'], readonly SecretField[]>;

type CommonFields = FieldsOf<(typeof COMMON_SECRET_FIELDS)[number]>;
type PolymarketFields = FieldsOf<(typeof POLYMARKET_SIDE_SECRET_FIELDS)['polymarket'][number]>;
type PolymarketUsFields = FieldsOf<(typeof POLYMARKET_SIDE_SECRET_FIELDS)['polymarket-us'][number]>;
/** Optional in every pair: redemption's relayer key and its owner, a keyed Polygon RPC URL (docs/deploy.md#redemption). */
type RedemptionFields = FieldsOf<'polymarketRelayerApiKey' | 'polymarketRelayerApiKeyAddress' | 'polygonRpcUrl'>;

/**
 * The parsed secret: each field as its check in SECRET_FIELDS outputs it. Kalshi's fields and the
 * reset key are always there; `parseSecrets` guarantees the configured pair's Polymarket fields
 * too (`polymarketSecretsOf` / `polymarketUsSecretsOf` hand them out typed).
 */
export type Secrets = CommonFields &
  Partial<PolymarketFields> &
  Partial<PolymarketUsFields> &
  Partial<RedemptionFields>;
/** A secret for kalshi,polymarket. */
export type PolymarketPairSecrets = Secrets & PolymarketFields;
/** A secret for kalshi,polymarket-us. */
export type PolymarketUsPairSecrets = Secrets & PolymarketUsFields;

/** The fields a pair requires, in the order errors list them. */
export function requiredSecretFields(pair: VenuePair): readonly SecretField[] {
  const side: readonly SecretField[] = POLYMARKET_SIDE_SECRET_FIELDS[pair.polymarket];
  return (Object.keys(SECRET_FIELDS) as SecretField[]).filter(
    (f) => (COMMON_SECRET_FIELDS as readonly string[]).includes(f) || side.includes(f),
  );
}

/** Every field, each optional: a field is required or not by the pair (`parseSecrets`). */
export const secretsSchema = z.object(
  Object.fromEntries(Object.entries(SECRET_FIELDS).map(([k, [, schema]]) => [k, schema.optional()])) as {
    [K in SecretField]: z.ZodOptional<(typeof SECRET_FIELDS)[K][1]>;
  },
);

function missingFields(secrets: Secrets, fields: readonly SecretField[]): SecretField[] {
  return fields.filter((f) => secrets[f] === undefined);
}

/** The Polymarket (international) fields of a secret, or a SecretsError naming the missing ones. */
export function polymarketSecretsOf(secrets: Secrets): PolymarketPairSecrets {
  const missing = missingFields(secrets, POLYMARKET_SIDE_SECRET_FIELDS.polymarket);
  if (missing.length > 0) throw new SecretsError(missing.map((f) => `${f}: missing`));
  return secrets as PolymarketPairSecrets;
}

/** The Polymarket US fields of a secret, or a SecretsError naming the missing ones. */
export function polymarketUsSecretsOf(secrets: Secrets): PolymarketUsPairSecrets {
  const missing = missingFields(secrets, POLYMARKET_SIDE_SECRET_FIELDS['polymarket-us']);
  if (missing.length > 0) throw new SecretsError(missing.map((f) => `${f}: missing`));
  return secrets as PolymarketUsPairSecrets;
}

/** Stringifying or inspecting secrets (a stray log line) shows field names only. */
function redacted(secrets: Secrets): Secrets {
  const shape = Object.fromEntries(Object.keys(secrets).map((k) => [k, '[redacted]']));
  Object.defineProperty(secrets, 'toJSON', { value: () => shape, enumerable: false });
  Object.defineProperty(secrets, inspect.custom, { value: () => `Secrets ${inspect(shape)}`, enumerable: false });
  return Object.freeze(secrets);
}

/**
 * Parses the secret JSON (string or parsed object) for a venue pair (default kalshi,polymarket):
 * the pair's fields must all be there and valid, any other field present must be valid too.
 * SecretsError names every bad field, never a value.
 */
export function parseSecrets(input: unknown, pair: VenuePair = DEFAULT_VENUE_PAIR): Secrets {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch {
      throw new SecretsError(['the secret is not valid JSON']); // JSON.parse's text quotes the input
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SecretsError(['the secret must be a JSON object']);
  }
  // The original PolyMix's key names may stand for fields (lib/config/original.ts).
  const named = resolveOriginalSecretNames(data as Record<string, unknown>);
  if (named.problems.length > 0) throw new SecretsError(named.problems);
  const record = named.record;
  const required = requiredSecretFields(pair);
  const absent = (f: SecretField) => record[f] === undefined || record[f] === null || record[f] === '';
  // An absent field of the other pair is no field at all; an absent required one is missing.
  const given = Object.fromEntries(
    Object.entries(record).filter(([k]) => !(k in SECRET_FIELDS && absent(k as SecretField))),
  );
  const parsed = secretsSchema.safeParse(given);
  const bad = new Set(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0])));
  const details = new Map<string, string>();
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    if (issue.message.startsWith(DETAIL)) details.set(String(issue.path[0]), issue.message.slice(DETAIL.length));
  }
  const missing = required.filter(absent);
  if (parsed.success && missing.length === 0) return redacted(definedOnly(parsed.data));
  const problems = (Object.keys(SECRET_FIELDS) as SecretField[])
    .filter((f) => bad.has(f) || missing.includes(f))
    .map((f) => {
      if (missing.includes(f)) return `${f}: missing`;
      const detail = details.has(f) ? ` (${details.get(f)})` : '';
      const upper = named.from[f];
      if (upper === undefined) return `${f}: expected ${SECRET_FIELDS[f][0]}${detail}`;
      const meaning = ORIGINAL_SECRET_MEANING[upper as OriginalSecretName];
      return `${upper} (read as ${f}): expected ${SECRET_FIELDS[f][0]}${meaning ? `; it must be ${meaning}` : ''}`;
    });
  const otherSide = pair.polymarket === 'polymarket' ? 'polymarket-us' : 'polymarket';
  const side = POLYMARKET_SIDE_SECRET_FIELDS[pair.polymarket];
  if (
    side.every((f) => missing.includes(f)) &&
    POLYMARKET_SIDE_SECRET_FIELDS[otherSide].some((f) => !absent(f as SecretField))
  ) {
    problems.push(
      `the secret holds ${otherSide === 'polymarket' ? 'Polymarket' : 'Polymarket US'} keys, but POLYMIX_VENUES is ${venuePairName(pair)}: ` +
        `it needs ${side.join(', ')} (docs/deploy.md#secret)`,
    );
  }
  throw new SecretsError(problems);
}

/** The parsed fields without the absent optional ones (so `{ ...secrets }` lists what is there). */
function definedOnly(data: Record<string, unknown>): Secrets {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as unknown as Secrets;
}

export type SecretsLookup =
  | { readonly secrets: Secrets; readonly problem: null }
  | { readonly secrets: null; readonly problem: string };

/**
 * Reads the secret from Secrets Manager once per container and again after `ttlMs` (so a
 * rotated key is picked up without a redeploy). Failures are not cached and are reported by
 * error NAME only: an SDK message is not ours to vouch for.
 */
export function secretsLoader(
  client: Pick<SecretsManagerClient, 'send'>,
  secretId: string | null,
  nowMs: () => number,
  ttlMs = 300_000,
  pair: VenuePair = DEFAULT_VENUE_PAIR,
): () => Promise<SecretsLookup> {
  let cached: { secrets: Secrets; atMs: number } | null = null;
  return async () => {
    if (secretId === null) return { secrets: null, problem: 'POLYMIX_SECRET_ID is not set' };
    if (cached && nowMs() - cached.atMs < ttlMs) return { secrets: cached.secrets, problem: null };
    let text: string | undefined;
    try {
      text = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
    } catch (e) {
      return { secrets: null, problem: `could not read the secret (${e instanceof Error ? e.name : 'unknown error'})` };
    }
    if (text === undefined) return { secrets: null, problem: 'the secret has no SecretString' };
    try {
      cached = { secrets: parseSecrets(text, pair), atMs: nowMs() };
    } catch (e) {
      return { secrets: null, problem: e instanceof SecretsError ? e.message : 'the secret could not be parsed' };
    }
    return { secrets: cached.secrets, problem: null };
  };
}
