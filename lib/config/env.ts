/**
 * The environment: one zod field per variable with its default, parsed once at startup into a
 * `Config`, every bad variable listed together in one `ConfigError`.
 *
 * Not core: reads the env object it is GIVEN (callers pass `process.env`), never the global.
 * Secrets never enter an error message: problems name the variable, and a value is echoed only
 * when neither its name nor its shape looks secret.
 */
import { z } from 'zod';
import { isMajorLeague, LEAGUE_IDS, LEAGUE_LIST_HELP, parseLeagueList } from '../core/leagues';
import type { League, PairVenue } from '../core/market';
import { MAJOR_LEAGUES } from '../core/market';
import type { Micros } from '../core/money';
import { displayUsd, formatScaled, parseMicros, parseScaled } from '../core/money';
import type { RiskPolicy } from '../core/risk';
import type { RulePolicy } from '../core/rules';
import { type ParticipantAliases, withAliases } from '../core/teams/participants';
import { KALSHI_TIER_NAMES, type KalshiTier } from '../venues/kalshi/constants';
import { PMUS_API_URL, PMUS_GATEWAY_URL, PMUS_WS_URL } from '../venues/polymarket-us/constants';
import {
  DEFAULT_VENUE_PAIR_NAME,
  parseVenuePair,
  VENUE_PAIR_EXPECTED,
  type VenuePair,
  VenuePairError,
} from './venue-pair';

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
    /**
     * WebSocket hosts of the order-book streams (docs/venues.md#streams); loadConfig always sets
     * them, other builders may leave them out (the clients' defaults apply).
     */
    readonly polymarketWs?: string;
    readonly kalshiWs?: string;
    /**
     * Polymarket's region answer (docs/venues-polymarket.md#p5-geoblock), read by preflight. null
     * when the CLOB host is not production and no POLYMARKET_GEOBLOCK_URL was given (simulators).
     */
    readonly polymarketGeoblock: string | null;
    /**
     * Polymarket US hosts (docs/venues-polymarket-us.md#u-hosts, #u-stream): public reads, the
     * signed API, the markets WebSocket. loadConfig always sets them; other builders may leave
     * them out (the client's defaults apply). Read only when the pair is kalshi,polymarket-us.
     */
    readonly polymarketUsGateway?: string;
    readonly polymarketUsApi?: string;
    readonly polymarketUsWs?: string;
  };
  /**
   * The venue pair traded (POLYMIX_VENUES, docs/adr/0010-venue-pairs.md): slot → venue, the
   * `polymarket` slot holding Polymarket (international, the default) or Polymarket US.
   */
  readonly venues: VenuePair;
  readonly leagues: readonly League[];
  /**
   * Alias groups in force (docs/engine.md#matching): the built-in ones
   * (lib/core/teams/participants.ts) plus the operator's `POLYMIX_ALIASES`.
   */
  readonly participantAliases: ParticipantAliases;
  readonly scanIntervalSeconds: number;
  /**
   * How a scheduled scan reads books (docs/engine.md#streaming): `stream` trades on the venues'
   * streamed books where both venues offer a stream (else it polls), `poll` reads them every
   * scan interval.
   */
  readonly marketData: 'stream' | 'poll';
  /** A streamed run lists games once, and again after this long. */
  readonly listingRefreshSeconds: number;
  /** Secrets Manager id of the secrets JSON; null when unset (then: paper mode). */
  readonly secretId: string | null;
  /** Which venue takes the first leg (docs/adr/0003-leg-order.md: Kalshi by default). */
  readonly firstLeg: PairVenue;
  /**
   * Resolution-rule tail policy as the operator set it; null = the mode's default
   * (`rulePolicyFor`, docs/adr/0004-tail-risk-policy.md).
   */
  readonly ruleTail: RulePolicy['tail'] | null;
  readonly allowUnverifiedRules: boolean | null;
  /** Cap on what a tail scenario (postponed/cancelled game) may lose per trade. */
  readonly maxTailLossMicros: Micros;
  /**
   * A venue whose runway (trades its cash can fund at the per-trade cap) falls below this many
   * trades raises an alarm and a daily notice (docs/capital.md#runway); 0 turns both off.
   */
  readonly runwayAlertTrades: number;
  /** The live gate (docs/deploy.md#before-going-live-preflight): how old the last passing run may be, and the override. */
  readonly preflight: { readonly maxAgeMs: number; readonly override: boolean };
  /**
   * How the Kalshi client paces itself (docs/venues-kalshi.md#k6-costs): the account's API tier
   * sets the token budgets; endpointCosts overrides token costs per `METHOD /path` label.
   */
  readonly kalshi: { readonly tier: KalshiTier; readonly endpointCosts: Readonly<Record<string, number>> };
  /**
   * Redemption of resolved Polymarket conditions (docs/redemption.md#in-polymix, docs/deploy.md#redemption).
   * `walletKind` off: nothing is redeemed. The RPC URL may instead come from the secret
   * (`polygonRpcUrl`, for providers that put a key in the URL).
   */
  readonly redemption: {
    readonly walletKind: 'off' | 'eoa' | 'proxy' | 'safe' | 'deposit';
    readonly rpcUrl: string | null;
    readonly relayerUrl: string;
    /** EOA only: never pay more per gas than this (wei). */
    readonly maxFeePerGasWei: bigint;
    /** EOA only: the priority fee, set explicitly (wei). */
    readonly priorityFeePerGasWei: bigint;
    /** EOA only: POL kept beyond a redeem's worst-case cost; below it redemptions wait and a notice goes out (wei). */
    readonly minPolWei: bigint;
    /** Relayer wallets: a submitted transaction not final after this long goes to the operator (ms). */
    readonly relayerStuckAfterMs: number;
  };
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
  if (ppm >= 1_000_000) {
    // The original PolyMix read this variable in percent; here it is a fraction (1 would be 100%).
    const trim = (d: string) => d.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
    throw new Invalid(
      `1 or more is refused: here it is a fraction, so ${raw} would mean ${trim(formatScaled(ppm, 4))}%; ` +
        `the original PolyMix read it in percent (1 meant 1%: write 0.01), so for ${raw}% write ${trim(formatScaled(ppm, 8))}`,
    );
  }
  return ppm;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** wss anywhere; plain ws only to this machine (the simulators' feeds). No trailing slash. */
function wsUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Invalid();
  }
  const secure = url.protocol === 'wss:' || (url.protocol === 'ws:' && LOOPBACK.has(url.hostname));
  if (!secure || url.username || url.password || url.search || url.hash) throw new Invalid();
  return url.href.replace(/\/+$/, '');
}

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

/** `0.5` POL → wei (exact: at most 6 decimals, scaled by 10^12). */
function pol(raw: string): bigint {
  let micro: number;
  try {
    micro = parseScaled(raw, 6);
  } catch {
    throw new Invalid();
  }
  if (micro < 0) throw new Invalid();
  return BigInt(micro) * 10n ** 12n;
}

function leagueList(raw: string): League[] {
  const parsed = parseLeagueList(raw);
  if (!parsed.ok) throw new Invalid(parsed.reason);
  return parsed.leagues;
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

/** Token costs keyed by endpoint label, the way `KalshiConfig.endpointCosts` takes them. */
const endpointCostsSchema = z
  .record(z.string().regex(/^(GET|POST|PUT|DELETE) \/\S*$/), z.number().int().min(0).max(10_000))
  .refine((o) => Object.keys(o).length <= 200);

/** `{"GET /markets/orderbooks": 20}` → that record; anything else is refused whole. */
function endpointCosts(raw: string): Readonly<Record<string, number>> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Invalid('not JSON');
  }
  const parsed = endpointCostsSchema.safeParse(json);
  if (!parsed.success) throw new Invalid();
  return parsed.data;
}

const ALIAS_NAME = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((n) => /[\p{L}\p{N}]/u.test(n), 'a name needs a letter or digit');
const aliasGroupsSchema = z.array(z.array(ALIAS_NAME).min(2).max(10)).min(1).max(500);

/**
 * `POLYMIX_ALIASES`: `{"WNBA": [["Connecticut Sun", "Connecticut"]], "ncaamb": [...]}`, league
 * names as `POLYMIX_LEAGUES` takes them. The four major leagues are refused: their team tables
 * decide, not labels. Refused whole when any part is wrong, with the reason.
 */
function participantAliases(raw: string): ParticipantAliases {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Invalid('not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Invalid('not a JSON object');
  const out: Partial<Record<League, ReadonlyArray<readonly string[]>>> = {};
  for (const [key, value] of Object.entries(json)) {
    const league = key.trim().toUpperCase();
    if (!(LEAGUE_IDS as readonly string[]).includes(league)) throw new Invalid(`unknown league ${JSON.stringify(key)}`);
    if (isMajorLeague(league as League))
      throw new Invalid(`${league} is matched through its team table, not by labels: aliases do not apply`);
    if (out[league as League]) throw new Invalid(`${league} is given twice`);
    const groups = aliasGroupsSchema.safeParse(value);
    if (!groups.success)
      throw new Invalid(`${league}: a list of 1 to 500 groups, each of 2 to 10 names of 1 to 100 characters`);
    out[league as League] = groups.data;
  }
  return out;
}

/** `POLYMIX_VENUES`: lib/config/venue-pair.ts's parser; the expectation already names both pairs. */
function venuePair(raw: string): VenuePair {
  try {
    return parseVenuePair(raw);
  } catch (e) {
    throw e instanceof VenuePairError ? new Invalid(e.detail) : e;
  }
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
  // Production hosts (docs/venues-polymarket.md#p1, docs/venues-kalshi.md#k1); point them at Kalshi demo or the local simulators instead.
  POLYMARKET_GAMMA_URL: envVar('an https URL (http only to localhost)', baseUrl, 'https://gamma-api.polymarket.com'),
  POLYMARKET_CLOB_URL: envVar('an https URL (http only to localhost)', baseUrl, 'https://clob.polymarket.com'),
  POLYMARKET_DATA_URL: envVar('an https URL (http only to localhost)', baseUrl, 'https://data-api.polymarket.com'),
  KALSHI_API_URL: envVar(
    'an https URL (http only to localhost)',
    baseUrl,
    'https://external-api.kalshi.com/trade-api/v2',
  ),
  // Order-book streams (docs/venues-polymarket.md#p-stream, docs/venues-kalshi.md#k-stream).
  POLYMARKET_WS_URL: envVar(
    'a wss URL (ws only to localhost)',
    wsUrl,
    'wss://ws-subscriptions-clob.polymarket.com/ws/market',
  ),
  KALSHI_WS_URL: envVar('a wss URL (ws only to localhost)', wsUrl, 'wss://external-api-ws.kalshi.com/trade-api/ws/v2'),
  // ---- the venue pair (docs/adr/0010-venue-pairs.md) and the Polymarket US hosts (docs/venues-polymarket-us.md#u-hosts)
  POLYMIX_VENUES: envVar(VENUE_PAIR_EXPECTED, venuePair, DEFAULT_VENUE_PAIR_NAME),
  POLYMARKET_US_GATEWAY_URL: envVar('an https URL (http only to localhost)', baseUrl, PMUS_GATEWAY_URL),
  POLYMARKET_US_API_URL: envVar('an https URL (http only to localhost)', baseUrl, PMUS_API_URL),
  POLYMARKET_US_WS_URL: envVar('a wss URL (ws only to localhost)', wsUrl, PMUS_WS_URL),
  // Default only with the production CLOB host (loadConfig): a simulator has no geoblock answer.
  POLYMARKET_GEOBLOCK_URL: envVar('an https URL (http only to localhost)', baseUrl),
  // Every catalogued league (lib/core/leagues.ts) or `all`; default the four major leagues.
  POLYMIX_LEAGUES: envVar(LEAGUE_LIST_HELP, leagueList, MAJOR_LEAGUES.join(',')),
  // Alias groups added to the built-in ones (docs/engine.md#matching); none by default.
  POLYMIX_ALIASES: envVar(
    'a JSON object of league to alias groups, e.g. {"WNBA": [["Connecticut Sun", "Connecticut"]]}; not for NBA, NFL, NHL, MLB',
    participantAliases,
  ),
  POLYMIX_SCAN_INTERVAL_SECONDS: envVar('a whole number of seconds from 1 to 3600', integer(1, 3_600), '60'),
  // docs/engine.md#streaming: streamed books where both venues offer a stream, or polling only.
  POLYMIX_MARKET_DATA: envVar(
    "stream or poll (stream: trade on the venues' streamed books, polling only where a stream is missing or down; poll: read books every scan interval)",
    oneOf(['stream', 'poll'] as const),
    'stream',
  ),
  POLYMIX_LISTING_REFRESH_SECONDS: envVar('a whole number of seconds from 10 to 3600', integer(10, 3_600), '120'),
  POLYMIX_SECRET_ID: envVar('a Secrets Manager secret name or ARN', pattern(/^[\w/+=.@:-]{1,2048}$/)),
  // docs/adr/0003-leg-order.md: `polymarket` is the pair's Polymarket side, whichever POLYMIX_VENUES names.
  POLYMIX_FIRST_LEG: envVar(
    'kalshi or polymarket (polymarket = the Polymarket side of the pair: Polymarket or Polymarket US, as POLYMIX_VENUES says)',
    oneOf(['kalshi', 'polymarket'] as const),
    'kalshi',
  ),
  POLYMIX_MAX_BOOK_AGE_MS: envVar('a whole number of milliseconds from 1 to 600000', integer(1, 600_000), '3000'),
  // docs/adr/0004-tail-risk-policy.md: unset means the mode's default.
  POLYMIX_RULE_TAIL: envVar('refuse or accept-bounded', oneOf(['refuse', 'accept-bounded'] as const)),
  POLYMIX_ALLOW_UNVERIFIED_RULES: envVar('true or false', oneOf(['true', 'false'] as const)),
  POLYMIX_MAX_TAIL_LOSS: envVar(`${DOLLARS}, 0 or more`, dollars('non-negative')),
  // Kalshi's token buckets (docs/venues-kalshi.md#k6-costs): the account's tier, and costs per endpoint.
  POLYMIX_KALSHI_TIER: envVar(`one of ${KALSHI_TIER_NAMES.join(', ')}`, oneOf(KALSHI_TIER_NAMES), 'basic'),
  POLYMIX_KALSHI_ENDPOINT_COSTS: envVar(
    'a JSON object of "METHOD /path" to a whole token cost from 0 to 10000, e.g. {"GET /markets/orderbooks": 20}',
    endpointCosts,
  ),
  // The live gate: the last preflight run must pass and be younger than this (docs/deploy.md).
  POLYMIX_PREFLIGHT_MAX_AGE_HOURS: envVar('a whole number of hours from 1 to 720', integer(1, 720), '24'),
  POLYMIX_PREFLIGHT_OVERRIDE: envVar('true or false', oneOf(['true', 'false'] as const), 'false'),
  // docs/capital.md#runway: alert when a venue's cash funds fewer trades than this (0: never).
  POLYMIX_RUNWAY_ALERT_TRADES: envVar('a whole number of trades from 0 to 10000', integer(0, 10_000), '5'),
  // docs/deploy.md#redemption: who redeems resolved Polymarket positions.
  POLYMIX_REDEEM_WALLET: envVar(
    'off, eoa, proxy, safe or deposit (the kind of the Polymarket funder)',
    oneOf(['off', 'eoa', 'proxy', 'safe', 'deposit'] as const),
    'off',
  ),
  POLYGON_RPC_URL: envVar('an https URL (http only to localhost)', baseUrl),
  POLYMARKET_RELAYER_URL: envVar('an https URL (http only to localhost)', baseUrl, 'https://relayer-v2.polymarket.com'),
  POLYMIX_REDEEM_MAX_FEE_GWEI: envVar('a whole number of gwei from 1 to 100000', integer(1, 100_000), '500'),
  POLYMIX_REDEEM_PRIORITY_FEE_GWEI: envVar('a whole number of gwei from 1 to 100000', integer(1, 100_000), '30'),
  POLYMIX_REDEEM_MIN_POL: envVar('an amount of POL like 0.5 (at most 6 decimals), 0 or more', pol, '0.5'),
  // A relayer transaction not final after this long is left to the operator (docs/deploy.md#redemption).
  POLYMIX_REDEEM_STUCK_MINUTES: envVar('a whole number of minutes from 5 to 10080', integer(5, 10_080), '30'),
});

const GWEI = 1_000_000_000n;

/** Polymarket's production region answer (docs/venues-polymarket.md#p5-geoblock). */
export const POLYMARKET_GEOBLOCK_URL = 'https://polymarket.com/api/geoblock';

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
  if (e.POLYMIX_PREFLIGHT_OVERRIDE === 'true')
    warnings.push(
      'POLYMIX_PREFLIGHT_OVERRIDE is "true": live trading does NOT wait for a passing preflight (docs/deploy.md#before-going-live-preflight)',
    );
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
      polymarketWs: e.POLYMARKET_WS_URL,
      kalshiWs: e.KALSHI_WS_URL,
      polymarketGeoblock:
        e.POLYMARKET_GEOBLOCK_URL ??
        (e.POLYMARKET_CLOB_URL === envSchema.shape.POLYMARKET_CLOB_URL.parse(undefined)
          ? POLYMARKET_GEOBLOCK_URL
          : null),
      polymarketUsGateway: e.POLYMARKET_US_GATEWAY_URL,
      polymarketUsApi: e.POLYMARKET_US_API_URL,
      polymarketUsWs: e.POLYMARKET_US_WS_URL,
    },
    venues: e.POLYMIX_VENUES,
    leagues: e.POLYMIX_LEAGUES,
    participantAliases: withAliases(e.POLYMIX_ALIASES ?? {}),
    scanIntervalSeconds: e.POLYMIX_SCAN_INTERVAL_SECONDS,
    marketData: e.POLYMIX_MARKET_DATA,
    listingRefreshSeconds: e.POLYMIX_LISTING_REFRESH_SECONDS,
    secretId: e.POLYMIX_SECRET_ID,
    firstLeg: e.POLYMIX_FIRST_LEG,
    ruleTail: e.POLYMIX_RULE_TAIL,
    allowUnverifiedRules:
      e.POLYMIX_ALLOW_UNVERIFIED_RULES === null ? null : e.POLYMIX_ALLOW_UNVERIFIED_RULES === 'true',
    maxTailLossMicros: e.POLYMIX_MAX_TAIL_LOSS ?? e.LIVE_TRADING_MAX_POSITION_SIZE,
    kalshi: { tier: e.POLYMIX_KALSHI_TIER, endpointCosts: e.POLYMIX_KALSHI_ENDPOINT_COSTS ?? {} },
    runwayAlertTrades: e.POLYMIX_RUNWAY_ALERT_TRADES,
    redemption: {
      walletKind: e.POLYMIX_REDEEM_WALLET,
      rpcUrl: e.POLYGON_RPC_URL,
      relayerUrl: e.POLYMARKET_RELAYER_URL,
      maxFeePerGasWei: BigInt(e.POLYMIX_REDEEM_MAX_FEE_GWEI) * GWEI,
      priorityFeePerGasWei: BigInt(e.POLYMIX_REDEEM_PRIORITY_FEE_GWEI) * GWEI,
      minPolWei: e.POLYMIX_REDEEM_MIN_POL,
      relayerStuckAfterMs: e.POLYMIX_REDEEM_STUCK_MINUTES * 60_000,
    },
    preflight: {
      maxAgeMs: e.POLYMIX_PREFLIGHT_MAX_AGE_HOURS * 3_600_000,
      override: e.POLYMIX_PREFLIGHT_OVERRIDE === 'true',
    },
    warnings,
  };
}
