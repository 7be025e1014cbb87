/**
 * The secrets JSON (one Secrets Manager secret): its schema, `parseSecrets`, and the cached
 * Secrets Manager loader. Problems name the field, never a value.
 */
import { createPrivateKey } from 'node:crypto';
import { inspect } from 'node:util';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { isAddress } from 'ethers';
import { z } from 'zod';
import { ORIGINAL_SECRET_MEANING, type OriginalSecretName, resolveOriginalSecretNames } from './original';

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
  kalshiKeyId: [
    'a UUID',
    z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/),
  ],
  /** Kalshi RSA private key, PEM. */
  kalshiPrivateKeyPem: [
    'an RSA private key in PEM',
    // The Secrets Manager console stores newlines typed as "\n" literally: undo that first.
    z
      .string()
      .transform((pem) => (pem.includes('\n') ? pem : pem.replace(/\\n/g, '\n')))
      .refine(isRsaPrivateKey),
  ],
  /** Optional, Safe and deposit wallets' redemption (docs/deploy.md#redemption): the relayer API key. */
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
} satisfies Record<string, [expected: string, schema: z.ZodType]>;

export const secretsSchema = z.object(
  Object.fromEntries(Object.entries(SECRET_FIELDS).map(([k, [, schema]]) => [k, schema])) as {
    [K in keyof typeof SECRET_FIELDS]: (typeof SECRET_FIELDS)[K][1];
  },
);

/** The parsed secret: each field as its check in SECRET_FIELDS outputs it (the optional ones may be absent). */
export type Secrets = Readonly<z.output<typeof secretsSchema>>;

/** Stringifying or inspecting secrets (a stray log line) shows field names only. */
function redacted(secrets: Secrets): Secrets {
  const shape = Object.fromEntries(Object.keys(secrets).map((k) => [k, '[redacted]']));
  Object.defineProperty(secrets, 'toJSON', { value: () => shape, enumerable: false });
  Object.defineProperty(secrets, inspect.custom, { value: () => `Secrets ${inspect(shape)}`, enumerable: false });
  return Object.freeze(secrets);
}

/** Parses the secret JSON (string or parsed object); SecretsError names every bad field, never a value. */
export function parseSecrets(input: unknown): Secrets {
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
  const parsed = secretsSchema.safeParse(record);
  if (parsed.success) return redacted({ ...parsed.data });
  const fields = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const problems = (Object.keys(SECRET_FIELDS) as (keyof Secrets)[])
    .filter((f) => fields.has(f))
    .map((f) => {
      const upper = named.from[f];
      if (upper === undefined)
        return `${f}: ${record[f] === undefined || record[f] === null || record[f] === '' ? 'missing' : `expected ${SECRET_FIELDS[f][0]}`}`;
      const meaning = ORIGINAL_SECRET_MEANING[upper as OriginalSecretName];
      return `${upper} (read as ${f}): expected ${SECRET_FIELDS[f][0]}${meaning ? `; it must be ${meaning}` : ''}`;
    });
  throw new SecretsError(problems);
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
      cached = { secrets: parseSecrets(text), atMs: nowMs() };
    } catch (e) {
      return { secrets: null, problem: e instanceof SecretsError ? e.message : 'the secret could not be parsed' };
    }
    return { secrets: cached.secrets, problem: null };
  };
}
