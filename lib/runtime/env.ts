/**
 * Configuration for the runtime as a whole: lib/config/env.ts's schema plus the few variables only
 * the deployment wiring reads. Both are validated together so a cold start reports EVERY bad
 * variable in one ConfigError (every problem reported together). Key values are never echoed.
 *
 * - POLYMIX_TOPIC_ARN  SNS topic for notifications; unset = notifications go to the log.
 * - POLYMIX_RESET_KEY  paper-mode reset key when there is no secret (docs/api.md "Reset").
 * - POLYMIX_API_KEY    local server: required `x-api-key` value when set (AWS: API Gateway's key).
 * - POLYMIX_CORS_ORIGINS  comma-separated browser origins the API answers with CORS headers
 *                      (the web dashboard, docs/api.md "CORS"); unset = none. infra passes the
 *                      CDK context `dashboardOrigins` here, checked with the same parseCorsOrigins.
 */
import { z } from 'zod';
import { type Config, ConfigError, type Env, loadConfig, resolveOriginalEnv } from '../config';

export interface RuntimeEnv {
  readonly topicArn: string | null;
  readonly resetKey: string | null;
  readonly apiKey: string | null;
  /** Exact origins (as browsers send them in `Origin`) allowed to read API responses. */
  readonly corsOrigins: readonly string[];
}

export const CORS_ORIGIN_EXPECTED =
  'comma-separated origins, each exactly http(s)://host[:port] in lower case, without path, trailing slash or default port; never *';

/**
 * Splits a comma-separated origin list. An entry is valid only when it is already the exact
 * serialisation a browser puts in the `Origin` header (WHATWG URL `origin`): the router compares
 * strings exactly, so `http://LOCALHOST:5001`, `http://x:80` or `http://x/` would never match
 * anything and are refused instead of silently ignored. `*` and `null` are refused: the API
 * carries balances and a kill switch, and only listed dashboards may read it.
 * Blank entries are skipped; duplicates are kept once.
 */
export function parseCorsOrigins(raw: string | undefined): { origins: string[]; invalid: string[] } {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const entry of (raw ?? '').split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    if (isExactOrigin(entry)) {
      if (!origins.includes(entry)) origins.push(entry);
    } else {
      invalid.push(entry);
    }
  }
  return { origins, invalid };
}

function isExactOrigin(entry: string): boolean {
  // URL parsing accepts `*` in a host name, so a wildcard like https://*.example.com is refused here.
  if (!/^https?:\/\//.test(entry) || entry.includes('*')) return false;
  try {
    const url = new URL(entry);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === entry;
  } catch {
    return false;
  }
}

const optional = (re: RegExp) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
    .pipe(z.string().regex(re).nullable());

const RUNTIME_VARIABLES = {
  POLYMIX_TOPIC_ARN: {
    expected: 'an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)',
    schema: optional(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/),
    secret: false,
  },
  POLYMIX_RESET_KEY: { expected: '32 or more characters without spaces', schema: optional(/^\S{32,}$/), secret: true },
  POLYMIX_API_KEY: { expected: '16 or more characters without spaces', schema: optional(/^\S{16,}$/), secret: true },
} as const;

type Name = keyof typeof RUNTIME_VARIABLES;

export function loadRuntimeConfig(given: Env): { config: Config; runtime: RuntimeEnv } {
  // The original PolyMix's names (LIVE_TRADING_RESET_KEY), docs/migrating.md#settings.
  const { env, problems } = resolveOriginalEnv(given);
  let config: Config | null = null;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  const values: Partial<Record<Name, string | null>> = {};
  for (const [name, v] of Object.entries(RUNTIME_VARIABLES) as [Name, (typeof RUNTIME_VARIABLES)[Name]][]) {
    const parsed = v.schema.safeParse(env[name]);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      const raw = env[name];
      problems.push({ variable: name, expected: v.expected, got: v.secret ? '(hidden)' : JSON.stringify(raw) });
    }
  }
  const cors = parseCorsOrigins(env.POLYMIX_CORS_ORIGINS);
  if (cors.invalid.length > 0) {
    problems.push({
      variable: 'POLYMIX_CORS_ORIGINS',
      expected: CORS_ORIGIN_EXPECTED,
      got: cors.invalid.map((o) => JSON.stringify(o)).join(', '),
    });
  }
  if (problems.length > 0 || config === null) throw new ConfigError(problems);
  return {
    config,
    runtime: {
      topicArn: values.POLYMIX_TOPIC_ARN ?? null,
      resetKey: values.POLYMIX_RESET_KEY ?? null,
      apiKey: values.POLYMIX_API_KEY ?? null,
      corsOrigins: cors.origins,
    },
  };
}
