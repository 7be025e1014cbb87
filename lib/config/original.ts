/**
 * The original PolyMix's setting names (docs/migrating.md#settings), accepted wherever PolyMix
 * reads the same setting under its own name:
 *
 * - in the environment, `LIVE_TRADING_RESET_KEY` is `POLYMIX_RESET_KEY` (the `LIVE_TRADING_*`
 *   limits already carry the original's names: lib/config/env.ts);
 * - in the secret JSON, each original key name may stand for one field (`ORIGINAL_SECRET_NAMES`);
 * - `secretFromEnv` builds the secret JSON from such variables (`npx polymix preflight --secret-env`).
 *
 * When an original name and the PolyMix name are both set to different values, that is an error
 * naming both, never either value: guessing which one the operator meant could trade on the
 * wrong key. Equal values are fine.
 */
import { ConfigError, type ConfigProblem, type Env } from './env';

/** Original environment name → the PolyMix environment name read in its place. */
export const ORIGINAL_ENV_NAMES = { LIVE_TRADING_RESET_KEY: 'POLYMIX_RESET_KEY' } as const;

/**
 * Original key name → the secret field it fills (lib/config/secrets.ts). The original had one
 * Polymarket API key and one Kalshi "secret"; what each must hold to be usable here is in
 * `ORIGINAL_SECRET_MEANING` and docs/migrating.md#keys.
 */
export const ORIGINAL_SECRET_NAMES = {
  POLYMARKET_PRIVATE_KEY: 'polymarketPrivateKey',
  POLYMARKET_API_KEY: 'polymarketApiKey',
  KALSHI_API_KEY: 'kalshiKeyId',
  KALSHI_SECRET: 'kalshiPrivateKeyPem',
  LIVE_TRADING_RESET_KEY: 'resetKey',
} as const;

/**
 * Secret fields the original had no setting for, under names in its style (PolyMix's own names,
 * not the original's): the rest of Polymarket's L2 credentials and the funding wallet.
 */
export const EXTRA_SECRET_ENV_NAMES = {
  POLYMARKET_API_SECRET: 'polymarketApiSecret',
  POLYMARKET_API_PASSPHRASE: 'polymarketApiPassphrase',
  POLYMARKET_FUNDER_ADDRESS: 'polymarketFunderAddress',
  POLYMARKET_SIGNATURE_TYPE: 'polymarketSignatureType',
} as const;

export type OriginalSecretName = keyof typeof ORIGINAL_SECRET_NAMES;
type UpperSecretName = OriginalSecretName | keyof typeof EXTRA_SECRET_ENV_NAMES;
const UPPER_SECRET_NAMES: Readonly<Record<UpperSecretName, string>> = {
  ...ORIGINAL_SECRET_NAMES,
  ...EXTRA_SECRET_ENV_NAMES,
};

/** What an original value must be to work here, added to a secret problem about its field. */
export const ORIGINAL_SECRET_MEANING: Readonly<Record<OriginalSecretName, string>> = {
  POLYMARKET_PRIVATE_KEY: 'the wallet key that signs orders (0x and 64 hex digits)',
  POLYMARKET_API_KEY:
    'the L2 API key only; Polymarket L2 credentials are three values (key, secret, passphrase) derived from the private key, so polymarketApiSecret and polymarketApiPassphrase are needed too (docs/migrating.md#keys)',
  KALSHI_API_KEY: 'the API key id Kalshi shows next to the key (a UUID)',
  KALSHI_SECRET:
    'the RSA private key itself, in PEM (a BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY block); a file path or any other kind of secret cannot be used (docs/migrating.md#keys)',
  LIVE_TRADING_RESET_KEY: '32 or more characters without spaces',
};

const isSet = (v: unknown) => v !== undefined && v !== null && v !== '';

function conflict(original: string, ours: string): string {
  return `both ${original} (the original PolyMix's name) and ${ours} are set, to different values: keep one`;
}

/**
 * The environment with each original name copied to its PolyMix name, and a problem for every
 * pair set to different values (the names only). The original names stay in the result.
 */
export function resolveOriginalEnv(env: Env): { env: Env; problems: ConfigProblem[] } {
  const out: Env = { ...env };
  const problems: ConfigProblem[] = [];
  for (const [original, ours] of Object.entries(ORIGINAL_ENV_NAMES)) {
    const a = env[original];
    const b = env[ours];
    if (!isSet(a)) continue;
    if (isSet(b) && a !== b) {
      problems.push({
        variable: `${original} / ${ours}`,
        expected: 'one of the two names only',
        got: conflict(original, ours),
      });
      continue;
    }
    out[ours] = a;
  }
  return { env: out, problems };
}

/** `resolveOriginalEnv`'s environment, or a ConfigError naming every conflicting pair. */
export function withOriginalNames(env: Env): Env {
  const resolved = resolveOriginalEnv(env);
  if (resolved.problems.length > 0) throw new ConfigError(resolved.problems);
  return resolved.env;
}

/**
 * The secret object with original (and original-style) names moved to their fields. `from`
 * says which field came from which name, for the problems; `problems` names conflicting pairs.
 */
export function resolveOriginalSecretNames(record: Readonly<Record<string, unknown>>): {
  record: Record<string, unknown>;
  from: Record<string, string>;
  problems: string[];
} {
  const out: Record<string, unknown> = { ...record };
  const from: Record<string, string> = {};
  const problems: string[] = [];
  for (const [upper, field] of Object.entries(UPPER_SECRET_NAMES)) {
    if (!(upper in record)) continue;
    delete out[upper];
    const a = record[upper];
    const b = record[field];
    if (!isSet(a)) continue;
    if (isSet(b) && a !== b) {
      problems.push(`${upper} / ${field}: ${conflict(upper, field)}`);
      continue;
    }
    out[field] = a;
    from[field] = upper;
  }
  return { record: out, from, problems };
}

/** Secret-related variable names `secretFromEnv` reads: the original's and the original-style ones. */
export const SECRET_ENV_NAMES: readonly string[] = Object.keys(UPPER_SECRET_NAMES);

/**
 * The secret JSON text from environment variables (the original kept its keys in `.env`), or
 * null when none of them is set. Conflicts are left to `parseSecrets`, which reports them.
 */
export function secretFromEnv(env: Env): string | null {
  const record: Record<string, string> = {};
  for (const name of SECRET_ENV_NAMES) {
    const v = env[name];
    if (v !== undefined && v !== '') record[name] = v;
  }
  const polymixReset = env[ORIGINAL_ENV_NAMES.LIVE_TRADING_RESET_KEY];
  if (polymixReset !== undefined && polymixReset !== '') record.resetKey = polymixReset;
  return Object.keys(record).length === 0 ? null : JSON.stringify(record);
}
