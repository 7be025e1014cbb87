/**
 * Configuration (DESIGN.md §8): the environment, the secrets JSON, and the live/paper decision.
 * Validated once, at startup, with every problem reported together (STYLE.md habit 7).
 *
 * Not core: reads the env object it is GIVEN (callers pass `process.env`), never the global.
 * Secrets never enter an error message: problems name the variable or field, and a value is
 * echoed only when neither its name nor its shape looks secret.
 */
import { createPrivateKey } from 'node:crypto';
import { inspect } from 'node:util';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { isAddress } from 'ethers';
import { z } from 'zod';
import type { League, VenueName } from './core/market';
import { LEAGUES } from './core/market';
import type { Micros } from './core/money';
import { displayUsd, parseMicros, parseScaled } from './core/money';
import type { RiskPolicy } from './core/risk';
import type { RulePolicy } from './core/rules';

export type Env = Record<string, string | undefined>;

export interface Config {
  /** True only for exactly `LIVE_TRADING=true`; live ALSO needs valid secrets (decideMode). */
  readonly liveTrading: boolean;
  readonly initialBalanceMicros: Micros;
  readonly betAmountMicros: Micros;
  readonly risk: RiskPolicy;
  readonly tableName: string;
  readonly urls: {
    readonly polymarketGamma: string;
    readonly polymarketClob: string;
    readonly polymarketData: string;
    readonly kalshi: string;
  };
  readonly leagues: readonly League[];
  readonly scanIntervalSeconds: number;
  /** Secrets Manager id of the secrets JSON; null when unset (then: paper mode). */
  readonly secretId: string | null;
  /** Which venue takes the first leg (DESIGN.md §6: Kalshi by default). */
  readonly firstLeg: VenueName;
  /**
   * Resolution-rule tail policy as the operator set it; null = the mode's default
   * (`rulePolicyFor`, docs/adr/0004-tail-risk-policy.md).
   */
  readonly ruleTail: RulePolicy['tail'] | null;
  readonly allowUnverifiedRules: boolean | null;
  /** Cap on what a tail scenario (postponed/cancelled game) may lose per trade. */
  readonly maxTailLossMicros: Micros;
  /** Things that are allowed but probably not meant, to log at startup. */
  readonly warnings: readonly string[];
}

export interface ConfigProblem {
  readonly variable: string;
  readonly expected: string;
  /** The offending value quoted, `(not set)`, or `(hidden)` when it may be secret. */
  readonly got: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `- ${p.variable}: expected ${p.expected}; got ${p.got}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** A parse failure with an optional detail added after the expectation. */
class Invalid extends Error {}

const SECRET_NAME = /KEY|SECRET|TOKEN|PASS|PRIVATE|CREDENTIAL|AUTH|SIGNATURE/i;

/** Value shapes that are key material wherever they turn up (a key pasted into the wrong variable). */
function looksSecret(value: string): boolean {
  return (
    /PRIVATE KEY|BEGIN /.test(value) ||
    /[0-9a-fA-F]{32,}/.test(value) ||
    /[A-Za-z0-9+/_-]{40,}/.test(value) ||
    /:\/\/[^/]*@/.test(value) || // credentials in a URL
    value.length > 80
  );
}

function shown(variable: string, raw: string | undefined): string {
  if (raw === undefined || raw === '') return '(not set)';
  if (SECRET_NAME.test(variable) || looksSecret(raw)) return '(hidden)';
  return JSON.stringify(raw);
}

// ---- one parser per kind of variable --------------------------------------------------------

function dollars(min: 'positive' | 'non-negative') {
  return (raw: string): Micros => {
    let micros: Micros;
    try {
      micros = parseMicros(raw);
    } catch {
      throw new Invalid();
    }
    if (min === 'positive' ? micros <= 0 : micros < 0) throw new Invalid();
    return micros;
  };
}

function integer(min: number, max: number) {
  return (raw: string): number => {
    if (!/^\d{1,15}$/.test(raw)) throw new Invalid();
    const n = Number(raw);
    if (n < min || n > max) throw new Invalid();
    return n;
  };
}

/** `0.02` → 20_000 ppm. "2" is refused, not read as 2%: a guess either way could cost money. */
function roiFraction(raw: string): number {
  let ppm: number;
  try {
    ppm = parseScaled(raw, 6);
  } catch {
    throw new Invalid();
  }
  if (ppm < 0) throw new Invalid();
  if (ppm >= 1_000_000) throw new Invalid('1 or more is ambiguous (percent or fraction?), for 2% write 0.02');
  return ppm;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https anywhere; plain http only to this machine (the local simulators). No trailing slash. */
function baseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Invalid();
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure || url.username || url.password || url.search || url.hash) throw new Invalid();
  return url.href.replace(/\/+$/, '');
}

function leagueList(raw: string): League[] {
  const names = raw.split(',').map((s) => s.trim().toUpperCase());
  const unknown = names.filter((n) => !(LEAGUES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Invalid(`unknown: ${unknown.map((n) => JSON.stringify(n)).join(', ')}`);
  return [...new Set(names)] as League[];
}

function oneOf<T extends string>(options: readonly T[]) {
  return (raw: string): T => {
    if (!(options as readonly string[]).includes(raw)) throw new Invalid();
    return raw as T;
  };
}

function pattern(re: RegExp) {
  return (raw: string): string => {
    if (!re.test(raw)) throw new Invalid();
    return raw;
  };
}

/** A zod field for one variable: '' counts as unset, unset takes the default. */
function envVar<T>(expected: string, parse: (raw: string) => T, fallback: string): z.ZodType<T>;
function envVar<T>(expected: string, parse: (raw: string) => T, fallback?: undefined): z.ZodType<T | null>;
function envVar<T>(expected: string, parse: (raw: string) => T, fallback?: string): z.ZodType<T | null> {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw === undefined || raw === '' ? fallback : raw;
      if (value === undefined) return null;
      try {
        return parse(value);
      } catch (e) {
        const detail = e instanceof Invalid && e.message ? ` — ${e.message}` : '';
        ctx.addIssue({ code: 'custom', message: expected + detail });
        return z.NEVER;
      }
    });
}

const DOLLARS = 'a dollar amount like 1000 or 12.50 (at most 6 decimals)';

/** The environment, variable by variable, with the defaults the code runs with. */
export const envSchema = z.object({
  LIVE_TRADING: z.string().optional(),
  LIVE_TRADING_INITIAL_BALANCE: envVar(`${DOLLARS}, above 0`, dollars('positive'), '1000'),
  LIVE_TRADING_BET_AMOUNT: envVar(`${DOLLARS}, above 0`, dollars('positive'), '10'),
  LIVE_TRADING_MIN_ROI: envVar(
    'a decimal fraction from 0 up to (not including) 1, e.g. 0.02 for 2%',
    roiFraction,
    '0.02',
  ),
  LIVE_TRADING_MAX_POSITION_SIZE: envVar(`${DOLLARS}, above 0`, dollars('positive'), '100'),
  // 0 is refused: "stop trading" is the kill switch (POST /trading/halt), not a limit of zero.
  LIVE_TRADING_MAX_DAILY_TRADES: envVar('a whole number from 1 to 10000', integer(1, 10_000), '10'),
  LIVE_TRADING_DAILY_LOSS_LIMIT: envVar(`${DOLLARS}, 0 or more`, dollars('non-negative'), '50'),
  POLYMIX_TABLE_NAME: envVar(
    'a DynamoDB table name (3–255 of A-Z a-z 0-9 _ . -)',
    pattern(/^[A-Za-z0-9_.-]{3,255}$/),
    'polymix',
  ),
  // Production hosts (VENUES.md P1, K1); point them at Kalshi demo or the local simulators instead.
  POLYMARKET_GAMMA_URL: envVar('an https URL (http only to localhost)', baseUrl, 'https://gamma-api.polymarket.com'),
  POLYMARKET_CLOB_URL: envVar('an https URL (http only to localhost)', baseUrl, 'https://clob.polymarket.com'),
  POLYMARKET_DATA_URL: envVar('an https URL (http only to localhost)', baseUrl, 'https://data-api.polymarket.com'),
  KALSHI_API_URL: envVar(
    'an https URL (http only to localhost)',
    baseUrl,
    'https://external-api.kalshi.com/trade-api/v2',
  ),
  POLYMIX_LEAGUES: envVar(`a comma list of ${LEAGUES.join(', ')}`, leagueList, LEAGUES.join(',')),
  POLYMIX_SCAN_INTERVAL_SECONDS: envVar('a whole number of seconds from 1 to 3600', integer(1, 3_600), '60'),
  POLYMIX_SECRET_ID: envVar('a Secrets Manager secret name or ARN', pattern(/^[\w/+=.@:-]{1,2048}$/)),
  POLYMIX_FIRST_LEG: envVar('kalshi or polymarket', oneOf(['kalshi', 'polymarket'] as const), 'kalshi'),
  POLYMIX_MAX_BOOK_AGE_MS: envVar('a whole number of milliseconds from 1 to 600000', integer(1, 600_000), '3000'),
  // docs/adr/0004-tail-risk-policy.md: unset means the mode's default.
  POLYMIX_RULE_TAIL: envVar('refuse or accept-bounded', oneOf(['refuse', 'accept-bounded'] as const)),
  POLYMIX_ALLOW_UNVERIFIED_RULES: envVar('true or false', oneOf(['true', 'false'] as const)),
  POLYMIX_MAX_TAIL_LOSS: envVar(`${DOLLARS}, 0 or more`, dollars('non-negative')),
});

/** Bet amount above the position cap can never trade: checked whenever both parse, alongside the rest. */
function crossFieldProblems(env: Env): ConfigProblem[] {
  const bet = envSchema.shape.LIVE_TRADING_BET_AMOUNT.safeParse(env.LIVE_TRADING_BET_AMOUNT);
  const max = envSchema.shape.LIVE_TRADING_MAX_POSITION_SIZE.safeParse(env.LIVE_TRADING_MAX_POSITION_SIZE);
  if (!bet.success || !max.success || bet.data <= max.data) return [];
  return [
    {
      variable: 'LIVE_TRADING_BET_AMOUNT',
      expected: `at most LIVE_TRADING_MAX_POSITION_SIZE (${displayUsd(max.data)})`,
      got: `${displayUsd(bet.data)}`,
    },
  ];
}

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Env): Config {
  const parsed = envSchema.safeParse(env);
  const problems: ConfigProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? '(environment)');
      problems.push({ variable, expected: issue.message, got: shown(variable, env[variable]) });
    }
  }
  problems.push(...crossFieldProblems(env));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;

  const warnings: string[] = [];
  const live = e.LIVE_TRADING;
  if (live !== undefined && live !== '' && live !== 'true' && live !== 'false') {
    warnings.push(`LIVE_TRADING is ${shown('LIVE_TRADING', live)}; only exactly "true" enables live trading`);
  }
  if (live === 'true' && e.POLYMIX_SECRET_ID === null) {
    warnings.push('LIVE_TRADING is "true" but POLYMIX_SECRET_ID is not set: there are no secrets, so paper mode');
  }
  if (e.LIVE_TRADING_DAILY_LOSS_LIMIT === 0)
    warnings.push('LIVE_TRADING_DAILY_LOSS_LIMIT is 0: only trades that cannot lose are admitted');

  return {
    liveTrading: live === 'true',
    initialBalanceMicros: e.LIVE_TRADING_INITIAL_BALANCE,
    betAmountMicros: e.LIVE_TRADING_BET_AMOUNT,
    risk: {
      minRoiPpm: e.LIVE_TRADING_MIN_ROI,
      maxPositionMicros: e.LIVE_TRADING_MAX_POSITION_SIZE,
      maxDailyTrades: e.LIVE_TRADING_MAX_DAILY_TRADES,
      dailyLossLimitMicros: e.LIVE_TRADING_DAILY_LOSS_LIMIT,
      maxBookAgeMs: e.POLYMIX_MAX_BOOK_AGE_MS,
    },
    tableName: e.POLYMIX_TABLE_NAME,
    urls: {
      polymarketGamma: e.POLYMARKET_GAMMA_URL,
      polymarketClob: e.POLYMARKET_CLOB_URL,
      polymarketData: e.POLYMARKET_DATA_URL,
      kalshi: e.KALSHI_API_URL,
    },
    leagues: e.POLYMIX_LEAGUES,
    scanIntervalSeconds: e.POLYMIX_SCAN_INTERVAL_SECONDS,
    secretId: e.POLYMIX_SECRET_ID,
    firstLeg: e.POLYMIX_FIRST_LEG,
    ruleTail: e.POLYMIX_RULE_TAIL,
    allowUnverifiedRules:
      e.POLYMIX_ALLOW_UNVERIFIED_RULES === null ? null : e.POLYMIX_ALLOW_UNVERIFIED_RULES === 'true',
    maxTailLossMicros: e.POLYMIX_MAX_TAIL_LOSS ?? e.LIVE_TRADING_MAX_POSITION_SIZE,
    warnings,
  };
}

// ---- secrets (one Secrets Manager secret, DESIGN.md §8) -------------------------------------

/** Polymarket signature types (VENUES.md P4): EOA, POLY_PROXY, POLY_GNOSIS_SAFE, POLY_1271. */
export type PolymarketSignatureType = 0 | 1 | 2 | 3;

export interface Secrets {
  readonly polymarketPrivateKey: string;
  readonly polymarketApiKey: string;
  readonly polymarketApiSecret: string;
  readonly polymarketApiPassphrase: string;
  readonly polymarketFunderAddress: string;
  readonly polymarketSignatureType: PolymarketSignatureType;
  readonly kalshiKeyId: string;
  readonly kalshiPrivateKeyPem: string;
  readonly resetKey: string;
}

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
/** What each field must be, in words for the error and as a zod check. */
const SECRET_FIELDS: { [K in keyof Secrets]: [expected: string, schema: z.ZodType<Secrets[K]>] } = {
  polymarketPrivateKey: [
    '0x followed by 64 hex digits, not zero',
    z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/)
      .refine((k) => /[1-9a-fA-F]/.test(k.slice(2))),
  ],
  polymarketApiKey: ['a non-empty string without spaces', z.string().regex(NO_SPACE)],
  polymarketApiSecret: ['base64 or base64url, 16 characters or more', z.string().regex(/^[A-Za-z0-9+/_-]{16,}={0,2}$/)],
  polymarketApiPassphrase: ['a non-empty string without spaces', z.string().regex(NO_SPACE)],
  polymarketFunderAddress: [
    'a 0x address (40 hex digits, valid checksum if mixed case)',
    z.string().refine((a) => isAddress(a) && a.startsWith('0x')),
  ],
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
  kalshiKeyId: [
    'a UUID',
    z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/),
  ],
  kalshiPrivateKeyPem: [
    'an RSA private key in PEM',
    // The Secrets Manager console stores newlines typed as "\n" literally: undo that first.
    z
      .string()
      .transform((pem) => (pem.includes('\n') ? pem : pem.replace(/\\n/g, '\n')))
      .refine(isRsaPrivateKey),
  ],
  resetKey: ['32 or more characters without spaces', z.string().regex(/^\S{32,}$/)],
};

export const secretsSchema = z.object(
  Object.fromEntries(Object.entries(SECRET_FIELDS).map(([k, [, schema]]) => [k, schema])) as {
    [K in keyof Secrets]: z.ZodType<Secrets[K]>;
  },
);

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
  const parsed = secretsSchema.safeParse(data);
  if (parsed.success) return redacted({ ...parsed.data });
  const fields = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const record = data as Record<string, unknown>;
  const problems = (Object.keys(SECRET_FIELDS) as (keyof Secrets)[])
    .filter((f) => fields.has(f))
    .map(
      (f) =>
        `${f}: ${record[f] === undefined || record[f] === null || record[f] === '' ? 'missing' : `expected ${SECRET_FIELDS[f][0]}`}`,
    );
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

// ---- live or paper (DESIGN.md §7) -----------------------------------------------------------

import type { TradingMode } from './core/mode';

export type { TradingMode };

/**
 * Live only when LIVE_TRADING is exactly "true" AND the secrets are complete and valid
 * (re-checked here, whoever built them); anything else is paper, with the reason to log.
 */
export function decideMode(
  config: Pick<Config, 'liveTrading'>,
  secrets: Secrets | null,
  whyNoSecrets?: string,
): { mode: TradingMode; reason: string } {
  if (!config.liveTrading) return { mode: 'paper', reason: 'LIVE_TRADING is not "true"' };
  if (secrets === null) {
    return { mode: 'paper', reason: `LIVE_TRADING is "true" but no secrets: ${whyNoSecrets ?? 'none were loaded'}` };
  }
  try {
    parseSecrets({ ...secrets });
  } catch (e) {
    return {
      mode: 'paper',
      reason: `LIVE_TRADING is "true" but ${e instanceof Error ? e.message : 'secrets are invalid'}`,
    };
  }
  return { mode: 'live', reason: 'LIVE_TRADING is "true" and the secrets are complete' };
}

/**
 * The resolution-rule policy in force for a mode (docs/adr/0004-tail-risk-policy.md).
 * Paper defaults to accepting the bounded postponement/cancellation tail (so paper shows what
 * the strategy would do); live refuses it until the operator opts in explicitly, because under
 * the strict rule no Polymarket-vs-Kalshi pair is tradeable at all (docs/rules.md).
 */
export function rulePolicyFor(
  config: Pick<Config, 'ruleTail' | 'allowUnverifiedRules' | 'maxTailLossMicros'>,
  mode: TradingMode,
): { policy: RulePolicy; maxTailLossMicros: Micros; note: string } {
  const tail = config.ruleTail ?? (mode === 'paper' ? 'accept-bounded' : 'refuse');
  const allowUnverified = config.allowUnverifiedRules ?? mode === 'paper';
  const note =
    tail === 'refuse'
      ? 'Rule policy: refuse tail risk — a postponed or cancelled game can settle differently on the two venues, so no pair is tradeable (set POLYMIX_RULE_TAIL=accept-bounded to trade; docs/rules.md)'
      : `Rule policy: accept bounded tail risk (postponed/cancelled games) up to ${displayUsd(config.maxTailLossMicros)} per trade${allowUnverified ? ', unverified rules allowed' : ''}`;
  return { policy: { tail, allowUnverified }, maxTailLossMicros: config.maxTailLossMicros, note };
}

/** The startup line, as the seed prints it. */
export function modeBanner(mode: TradingMode): string {
  return mode === 'live' ? '⚠️  LIVE TRADING ENABLED' : '📄 Paper Trading Mode';
}
