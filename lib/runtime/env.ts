/**
 * Configuration for the runtime as a whole: lib/config.ts's schema plus the few variables only
 * the deployment wiring reads. Both are validated together so a cold start reports EVERY bad
 * variable in one ConfigError (STYLE.md habit 7). Key values are never echoed.
 *
 * - POLYMIX_TOPIC_ARN  SNS topic for notifications; unset = notifications go to the log.
 * - POLYMIX_RESET_KEY  paper-mode reset key when there is no secret (docs/api.md "Reset").
 * - POLYMIX_API_KEY    local server: required `x-api-key` value when set (AWS: API Gateway's key).
 */
import { z } from 'zod';
import { ConfigError, loadConfig, type Config, type ConfigProblem, type Env } from '../config';

export interface RuntimeEnv {
  readonly topicArn: string | null;
  readonly resetKey: string | null;
  readonly apiKey: string | null;
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

export function loadRuntimeConfig(env: Env): { config: Config; runtime: RuntimeEnv } {
  const problems: ConfigProblem[] = [];
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
  if (problems.length > 0 || config === null) throw new ConfigError(problems);
  return {
    config,
    runtime: {
      topicArn: values.POLYMIX_TOPIC_ARN ?? null,
      resetKey: values.POLYMIX_RESET_KEY ?? null,
      apiKey: values.POLYMIX_API_KEY ?? null,
    },
  };
}
