/**
 * Preflight from the environment (docs/deploy.md#before-going-live-preflight), shared by the CLI
 * (`npx polymix preflight`) and the deployment's preflight function: the same configuration and
 * secrets the Lambdas read, the LIVE venue clients from lib/runtime/venues.ts, then the engine's
 * `preflight`. Configuration and secret problems are failed checks naming the variable or
 * field, never a value; nothing here throws for bad input.
 */

import type { Secrets } from '../config';
import {
  type Config,
  ConfigError,
  DEFAULT_VENUE_PAIR,
  type Env,
  parseSecrets,
  preflightVenueHints,
  SecretsError,
  type VenuePair,
  venuePairName,
} from '../config';
import { splitLiveLeagues } from '../core/league-rules';
import type { League } from '../core/market';
import {
  type Clock,
  preflightCheck as check,
  type Logger,
  type Notifier,
  type PreflightCheck,
  type PreflightRun,
  type PreflightRunner,
  preflight,
  preflightOk,
  recordPreflightRun,
  type TradeStore,
} from '../engine';
import { loadRuntimeConfig } from './env';
import { redemptionChecks } from './redemption';
import { buildVenues, type VenueWiring } from './venues';

/** AWS regions in countries whose orders Polymarket rejects (docs/venues-polymarket.md#p-preflight-regions). */
const POLYMARKET_BLOCKED_AWS_REGIONS: Readonly<Record<string, string>> = {
  'us-east-1': 'the United States',
  'us-east-2': 'the United States',
  'us-west-1': 'the United States',
  'us-west-2': 'the United States',
  'eu-west-2': 'the United Kingdom',
  'eu-west-3': 'France',
  'eu-central-1': 'Germany',
  'eu-south-1': 'Italy',
  'ap-southeast-2': 'Australia',
  'ap-southeast-4': 'Australia',
  'ap-southeast-1': 'Singapore (close-only)',
};

/**
 * `aws-region`: where this runs (info; the venues' own answers are the checks that count). The
 * list of regions Polymarket refuses is Polymarket (international)'s: with Kalshi × Polymarket US
 * it does not apply.
 */
export function awsRegionCheck(env: Env, pair: VenuePair = DEFAULT_VENUE_PAIR): PreflightCheck {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) return check('aws-region', null, false, 'skip', 'not running in AWS (AWS_REGION is not set)');
  const blocked = pair.polymarket === 'polymarket' ? POLYMARKET_BLOCKED_AWS_REGIONS[region] : undefined;
  if (blocked)
    return check(
      'aws-region',
      null,
      false,
      'warn',
      `running in AWS ${region}, in ${blocked}, where Polymarket rejects orders`,
      'Deploy in a region both venues serve and you may use (docs/deploy.md#who-may-use-which-venue; Polymarket names eu-west-1).',
    );
  return check('aws-region', null, false, 'pass', `running in AWS ${region}`);
}

const SECRET_FIX: Readonly<Record<string, string>> = {
  kalshiPrivateKeyPem:
    'kalshiPrivateKeyPem must be the RSA private key Kalshi gave you, in PEM (a BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY block), unencrypted; newlines may be written as \\n.',
  kalshiKeyId: 'kalshiKeyId is the API key id Kalshi shows next to the key (a UUID).',
  polymarketPrivateKey: 'polymarketPrivateKey is the signing key: 0x and 64 hex digits.',
  polymarketUsKeyId: 'polymarketUsKeyId is the API key id polymarket.us/developer shows next to the key (a UUID).',
  polymarketUsSecretKey:
    'polymarketUsSecretKey is the Ed25519 secret key polymarket.us/developer gave, in base64, exactly as shown.',
};

/**
 * `secrets`: the secret JSON parsed with the same schema as the Lambdas, for the configured
 * venue pair (field names only).
 */
export function secretsCheck(
  text: string | null,
  whyMissing: string,
  pair: VenuePair = DEFAULT_VENUE_PAIR,
): { check: PreflightCheck; secrets: Secrets | null } {
  if (text === null)
    return {
      check: check(
        'secrets',
        null,
        true,
        'fail',
        `no secret: ${whyMissing}`,
        'Give --secret-id <id> (or POLYMIX_SECRET_ID) or --secret-file <path> (docs/deploy.md §5).',
      ),
      secrets: null,
    };
  try {
    const secrets = parseSecrets(text, pair);
    return {
      check: check(
        'secrets',
        null,
        true,
        'pass',
        `the secret has every field ${venuePairName(pair)} needs, in the right shape`,
      ),
      secrets,
    };
  } catch (err) {
    const problems = err instanceof SecretsError ? err.problems : ['the secret could not be parsed'];
    const fixes = problems.map((p) => SECRET_FIX[p.split(':')[0]!]).filter(Boolean);
    return {
      check: check(
        'secrets',
        null,
        true,
        'fail',
        `the secret is unusable: ${problems.join('; ')}`,
        [...fixes, 'Fix the named fields with `aws secretsmanager put-secret-value` (docs/deploy.md §5).'].join(' '),
      ),
      secrets: null,
    };
  }
}

export interface PreflightRuntime {
  readonly runner: PreflightRunner;
  readonly orderTest: boolean;
  /** The secret's JSON text, or null with the reason it could not be had. */
  readonly secretText: string | null;
  readonly secretMissing: string;
  readonly store: TradeStore | null;
  readonly notifier: Notifier;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly wiring?: Pick<VenueWiring, 'fetch' | 'clock'>;
}

/** Loads configuration and secret, builds the live venues and runs every check. */
export async function runPreflightFromEnv(env: Env, rt: PreflightRuntime): Promise<PreflightRun> {
  const before: PreflightCheck[] = [];
  let config: Config;
  try {
    config = loadRuntimeConfig(env).config;
    before.push(check('config', null, true, 'pass', 'the environment is valid'));
  } catch (err) {
    const detail =
      err instanceof ConfigError
        ? err.problems.map((p) => `${p.variable}: expected ${p.expected}; got ${p.got}`).join('; ')
        : 'the configuration could not be read';
    return finish(rt, [
      check('config', null, true, 'fail', detail, 'Fix the named variables (README "Configuration").'),
      awsRegionCheck(env),
    ]);
  }
  before.push(
    config.preflight.override
      ? check(
          'gate',
          null,
          false,
          'warn',
          'POLYMIX_PREFLIGHT_OVERRIDE=true: live trading does not wait for preflight',
          'Remove the override once preflight passes.',
        )
      : check(
          'gate',
          null,
          false,
          'pass',
          `live trading needs a passing run younger than ${config.preflight.maxAgeMs / 3_600_000} h`,
        ),
  );
  before.push(awsRegionCheck(env, config.venues));
  const leagues = leaguesCheck(config.leagues);
  before.push(leagues.check);
  const secrets = secretsCheck(rt.secretText, rt.secretMissing, config.venues);
  before.push(secrets.check);
  if (!secrets.secrets) return finish(rt, before);
  let venues;
  try {
    venues = buildVenues(config, 'live', secrets.secrets, rt.wiring ?? {});
  } catch (err) {
    before.push(
      check(
        'venues',
        null,
        true,
        'fail',
        `the venue clients could not be built (${err instanceof Error ? err.name : 'error'})`,
        'Check the credentials fields of the secret.',
      ),
    );
    return finish(rt, before);
  }
  before.push(...(await redemptionChecks(config, secrets.secrets, venues.polymarket, rt.wiring ?? {})));
  return preflight(
    { venues, leagues: leagues.live, clock: rt.clock, logger: rt.logger, notifier: rt.notifier, store: rt.store },
    { runner: rt.runner, orderTest: rt.orderTest, before, hints: preflightVenueHints(config.venues) },
  );
}

/**
 * `leagues`: the selected leagues live trading lists (lib/core/league-rules.ts `splitLiveLeagues`);
 * the venue checks list only those. A league left out is a warning naming why; none left is a
 * failure, since live would list nothing.
 */
function leaguesCheck(selected: readonly League[]): { check: PreflightCheck; live: League[] } {
  const { live, paperOnly } = splitLiveLeagues(selected);
  const out = paperOnly.map((p) => `${p.league} (${p.reason})`).join('; ');
  if (live.length === 0)
    return {
      live,
      check: check(
        'leagues',
        null,
        true,
        'fail',
        `live trading lists none of the selected leagues: ${out}`,
        'Select a league live may trade in POLYMIX_LEAGUES (docs/rules.md#rules-per-league).',
      ),
    };
  if (paperOnly.length === 0)
    return { live, check: check('leagues', null, false, 'pass', `live lists ${live.join(', ')}`) };
  return {
    live,
    check: check(
      'leagues',
      null,
      false,
      'warn',
      `live lists ${live.join(', ')}; paper only, not checked: ${out}`,
      'Nothing to do: these leagues trade in paper mode only until their rules are known on both venues.',
    ),
  };
}

async function finish(rt: PreflightRuntime, checks: PreflightCheck[]): Promise<PreflightRun> {
  const run: PreflightRun = {
    atMs: rt.clock.now(),
    ok: preflightOk(checks),
    runner: rt.runner,
    orderTest: rt.orderTest,
    checks,
  };
  await recordPreflightRun(rt, run);
  return run;
}
