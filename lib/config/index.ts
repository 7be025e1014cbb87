/**
 * Configuration (README "Configuration", docs/deploy.md): the environment, the secrets JSON, and the live/paper decision.
 * Validated once, at startup, with every problem reported together (a ConfigError lists every bad variable with what was expected).
 *
 * Re-exports only: env.ts (the environment), secrets.ts (the secrets JSON and its loader),
 * mode.ts (live or paper, and the startup line), venue-pair.ts (which Polymarket trades beside Kalshi).
 */
export type { Config, ConfigProblem, Env } from './env';
export { ConfigError, envSchema, loadConfig } from './env';

export { decideMode, modeBanner, rulePolicyFor } from './mode';
export {
  EXTRA_SECRET_ENV_NAMES,
  ORIGINAL_ENV_NAMES,
  ORIGINAL_SECRET_NAMES,
  resolveOriginalEnv,
  SECRET_ENV_NAMES,
  secretFromEnv,
  withOriginalNames,
} from './original';
export { PREFLIGHT_VENUE_HINTS, preflightVenueHints } from './preflight-hints';
export type {
  PolymarketPairSecrets,
  PolymarketSignatureType,
  PolymarketUsPairSecrets,
  Secrets,
  SecretsLookup,
} from './secrets';
export {
  COMMON_SECRET_FIELDS,
  POLYMARKET_SIDE_SECRET_FIELDS,
  parseSecrets,
  polymarketSecretsOf,
  polymarketUsSecretsOf,
  requiredSecretFields,
  SecretsError,
  secretsLoader,
  secretsSchema,
} from './secrets';
export {
  DEFAULT_VENUE_PAIR,
  DEFAULT_VENUE_PAIR_NAME,
  parseVenuePair,
  slotLabel,
  VENUE_LABELS,
  VENUE_PAIR_EXPECTED,
  VENUE_PAIR_NAMES,
  type VenuePair,
  VenuePairError,
  type VenuePairName,
  venuePairName,
} from './venue-pair';
