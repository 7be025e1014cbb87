/**
 * Deploy-time settings: read from CDK context (`npx cdk deploy -c name=value`, or cdk.json),
 * checked at synth so a bad value fails `cdk synth`/`cdk deploy` before anything reaches AWS.
 *
 * Two kinds of keys:
 * - The trading configuration uses the SAME names as the environment the functions read
 *   (lib/config/env.ts, README "Configuration"): `-c LIVE_TRADING_DAILY_LOSS_LIMIT=50` becomes that variable.
 *   The whole set is validated with `loadConfig`, the function the Lambdas run at startup, so
 *   synth and runtime can never disagree on what is valid.
 * - Infrastructure knobs use camelCase (`scanRateMinutes`, `alertEmail`, ...).
 */
import type { Node } from 'constructs';
import type { Config } from '../lib/config';
import { loadConfig, venuePairName } from '../lib/config';
import { CORS_ORIGIN_EXPECTED, parseCorsOrigins } from '../lib/runtime/env';

/** Trading variables passed through to every function (validated by lib/config/env.ts). */
export const TRADING_ENV_NAMES = [
  'LIVE_TRADING',
  'LIVE_TRADING_INITIAL_BALANCE',
  'LIVE_TRADING_BET_AMOUNT',
  'LIVE_TRADING_MIN_ROI',
  'LIVE_TRADING_MAX_POSITION_SIZE',
  'LIVE_TRADING_MAX_DAILY_TRADES',
  'LIVE_TRADING_DAILY_LOSS_LIMIT',
  'POLYMIX_SCAN_INTERVAL_SECONDS',
  'POLYMIX_MARKET_DATA',
  'POLYMIX_LISTING_REFRESH_SECONDS',
  'POLYMIX_LEAGUES',
  'POLYMIX_ALIASES',
  'POLYMIX_FIRST_LEG',
  'POLYMIX_MAX_BOOK_AGE_MS',
  'POLYMIX_RULE_TAIL',
  'POLYMIX_ALLOW_UNVERIFIED_RULES',
  'POLYMIX_MAX_TAIL_LOSS',
  'POLYMIX_KALSHI_TIER',
  'POLYMIX_KALSHI_ENDPOINT_COSTS',
  'POLYMIX_RUNWAY_ALERT_TRADES',
  'POLYMIX_PREFLIGHT_MAX_AGE_HOURS',
  'POLYMIX_PREFLIGHT_OVERRIDE',
  'POLYMARKET_GAMMA_URL',
  'POLYMARKET_CLOB_URL',
  'POLYMARKET_DATA_URL',
  'POLYMARKET_WS_URL',
  'KALSHI_API_URL',
  'KALSHI_WS_URL',
  // docs/deploy.md#redemption
  'POLYMIX_REDEEM_WALLET',
  'POLYGON_RPC_URL',
  'POLYMARKET_RELAYER_URL',
  'POLYMIX_REDEEM_MAX_FEE_GWEI',
  'POLYMIX_REDEEM_PRIORITY_FEE_GWEI',
  'POLYMIX_REDEEM_MIN_POL',
  'POLYMIX_REDEEM_STUCK_MINUTES',
  // The venue pair (docs/adr/0010-venue-pairs.md) and the Polymarket US hosts it may use.
  'POLYMIX_VENUES',
  'POLYMARKET_US_GATEWAY_URL',
  'POLYMARKET_US_API_URL',
  'POLYMARKET_US_WS_URL',
] as const;
export type TradingEnvName = (typeof TRADING_ENV_NAMES)[number];

/**
 * Always set, so the Lambda console shows the limits in force. The values are the defaults of
 * lib/config/env.ts ($1,000 balance, $10 bet, $100 position, 10 trades and $50 loss a day). Paper unless the
 * operator passes LIVE_TRADING=true.
 * The rule-tail variables are NOT here on purpose: unset means "the mode's default"
 * (docs/adr/0004-tail-risk-policy.md), and a default written here would override that.
 */
export const TRADING_DEFAULTS: Partial<Record<TradingEnvName, string>> = {
  LIVE_TRADING: 'false',
  LIVE_TRADING_INITIAL_BALANCE: '1000',
  LIVE_TRADING_BET_AMOUNT: '10',
  LIVE_TRADING_MIN_ROI: '0.02',
  LIVE_TRADING_MAX_POSITION_SIZE: '100',
  LIVE_TRADING_MAX_DAILY_TRADES: '10',
  LIVE_TRADING_DAILY_LOSS_LIMIT: '50',
  POLYMIX_SCAN_INTERVAL_SECONDS: '60',
  // docs/engine.md#streaming: streamed books (polling where a venue offers no stream).
  POLYMIX_MARKET_DATA: 'stream',
  // docs/capital.md#runway: the scan's notice and the stack's runway alarms use the same threshold.
  POLYMIX_RUNWAY_ALERT_TRADES: '5',
  // docs/deploy.md#venue-pair: Kalshi × Polymarket unless the context names kalshi,polymarket-us.
  POLYMIX_VENUES: 'kalshi,polymarket',
};

/** Where `npm start` serves the web dashboard (local/start.ts), under both local host names. */
export const DEFAULT_DASHBOARD_ORIGINS = ['http://localhost:5001', 'http://127.0.0.1:5001'] as const;

/**
 * The scan-and-trade function's memory unless `scanMemoryMb` says otherwise: the engine's measured
 * peak RSS with streaming was 131–156 MiB from 100 to 1,000 games per venue under the V8 limits
 * the Lambda runtime sets (docs/performance.md, docs/adr/0013-scan-memory.md).
 */
export const DEFAULT_SCAN_MEMORY_MB = 176;

export interface Settings {
  /** Environment for every function (trading variables only; the stack adds resource names). */
  readonly tradingEnv: Readonly<Record<string, string>>;
  /** The configuration the functions will load from that environment. */
  readonly config: Config;
  /** Minutes between scan invocations (1–60). */
  readonly scanRateMinutes: number;
  /**
   * The scan-and-trade function's memory, MB (context `scanMemoryMb`, 128–10,240; default
   * DEFAULT_SCAN_MEMORY_MB): raise it for a board of more than about 1,000 games per venue
   * (docs/deploy.md#scan-sizing-and-cost).
   */
  readonly scanMemoryMb: number;
  /** False creates both schedules disabled (deploy first, switch on later). */
  readonly schedulesEnabled: boolean;
  readonly alertEmail: string | null;
  /** E.164, e.g. +15551234567. */
  readonly alertPhone: string | null;
  readonly xray: boolean;
  /**
   * Reserve concurrency 1 for scan and settle (never two at once). A new AWS account may have
   * too small a concurrency quota to reserve any; false leaves only the store's lease.
   */
  readonly reserveConcurrency: boolean;
  readonly logRetentionDays: number;
  readonly api: { readonly rateLimit: number; readonly burstLimit: number; readonly quotaPerDay: number };
  /**
   * Browser origins allowed to call the API (context `dashboardOrigins`, comma-separated):
   * API Gateway answers their CORS preflight and the api function adds CORS headers for them
   * (docs/api.md "CORS"). Validated with the function's own parseCorsOrigins.
   */
  readonly dashboardOrigins: readonly string[];
}

export class SettingsError extends Error {
  constructor(problems: readonly string[]) {
    super(`Invalid CDK context:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/** Context values arrive as strings from `-c` and as JSON values from cdk.json. */
function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Log retention periods CloudWatch accepts (a subset: short ones make no sense for a ledger). */
const RETENTION_DAYS = [7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653];

export function readSettings(node: Node): Settings {
  const problems: string[] = [];
  const text = (key: string) => asText(node.tryGetContext(key));

  const whole = (key: string, fallback: number, min: number, max: number): number => {
    const raw = text(key);
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${key}: expected a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return Number(raw);
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const raw = text(key);
    if (raw === undefined || raw === '') return fallback;
    if (raw !== 'true' && raw !== 'false') {
      problems.push(`${key}: expected true or false; got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return raw === 'true';
  };
  const optional = (key: string, re: RegExp, expected: string): string | null => {
    const raw = text(key);
    if (raw === undefined || raw === '') return null;
    if (!re.test(raw)) {
      problems.push(`${key}: expected ${expected}; got ${JSON.stringify(raw)}`);
      return null;
    }
    return raw;
  };

  const tradingEnv: Record<string, string> = {};
  for (const name of TRADING_ENV_NAMES) {
    const value = text(name) ?? TRADING_DEFAULTS[name];
    if (value !== undefined && value !== '') tradingEnv[name] = value;
  }
  let config: Config | null = null;
  try {
    // POLYMIX_SECRET_ID is a token at synth time; any well-formed id stands in for it here.
    config = loadConfig({ ...tradingEnv, POLYMIX_SECRET_ID: 'polymix-secrets' });
    // The pair as the functions' console shows it, whatever order or spacing the context used.
    tradingEnv.POLYMIX_VENUES = venuePairName(config.venues);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }

  const dashboardOrigins = (): string[] => {
    const raw = text('dashboardOrigins');
    if (raw === undefined || raw.trim() === '') return [...DEFAULT_DASHBOARD_ORIGINS];
    const { origins, invalid } = parseCorsOrigins(raw);
    if (invalid.length > 0) {
      problems.push(
        `dashboardOrigins: expected ${CORS_ORIGIN_EXPECTED}; refused ${invalid.map((o) => JSON.stringify(o)).join(', ')}`,
      );
    } else if (origins.length === 0) {
      problems.push(`dashboardOrigins: expected at least one origin; got ${JSON.stringify(raw)}`);
    }
    return origins;
  };

  const settings = {
    tradingEnv,
    scanRateMinutes: whole('scanRateMinutes', 1, 1, 60),
    // Lambda's memory range (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html).
    scanMemoryMb: whole('scanMemoryMb', DEFAULT_SCAN_MEMORY_MB, 128, 10_240),
    schedulesEnabled: flag('schedulesEnabled', true),
    alertEmail: optional('alertEmail', /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address'),
    alertPhone: optional('alertPhone', /^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form, e.g. +15551234567'),
    xray: flag('xray', false),
    reserveConcurrency: flag('reserveConcurrency', true),
    logRetentionDays: whole('logRetentionDays', 30, 1, 3653),
    api: {
      rateLimit: whole('apiRateLimit', 5, 1, 10_000),
      burstLimit: whole('apiBurstLimit', 10, 1, 5_000),
      // Generous: the kill switch (POST /trading/halt) shares this quota and must never be locked out.
      quotaPerDay: whole('apiQuotaPerDay', 100_000, 1, 10_000_000),
    },
    dashboardOrigins: dashboardOrigins(),
  };
  if (!RETENTION_DAYS.includes(settings.logRetentionDays)) {
    problems.push(`logRetentionDays: expected one of ${RETENTION_DAYS.join(', ')}; got ${settings.logRetentionDays}`);
  }
  if (problems.length > 0 || config === null) throw new SettingsError(problems);
  return { ...settings, config };
}
