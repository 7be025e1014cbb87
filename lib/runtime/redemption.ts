/**
 * Redemption wiring (docs/deploy.md#redemption): the Redeemer of the configured wallet kind, and
 * the preflight checks of its requirements. Paper redeems through PaperRedeemer (no chain) when
 * redemption is on; live needs the RPC, and for proxy, Safe and deposit wallets the relayer API key,
 * and a wallet kind that agrees with the Polymarket signature type of the secret.
 */
import { type Config, polymarketSecretsOf, type Secrets } from '../config';
import type { TradingMode } from '../core/mode';
import {
  type Clock,
  preflightCheck as check,
  type PreflightCheck,
  type RedemptionDeps,
  type RedemptionStore,
  type Venue,
} from '../engine';
import type { FetchFn } from '../venues/http';
import { PaperRedeemer } from '../venues/paper-redeemer';
import type { PolymarketVenue } from '../venues/polymarket';
import { createRedeemer, RedeemConfigError } from '../venues/polymarket/redeem-setup';

/** The signature type each wallet kind signs orders with (docs/venues-polymarket.md#p4). */
const SIGNATURE_TYPE_OF = { eoa: 0, proxy: 1, safe: 2, deposit: 3 } as const;

/** Why redemption cannot be built from this configuration and secret, or null. */
export function redemptionProblem(config: Pick<Config, 'redemption' | 'venues'>, secrets: Secrets): string | null {
  const r = config.redemption;
  if (r.walletKind === 'off') return null;
  if (config.venues.polymarket !== 'polymarket')
    return `POLYMIX_REDEEM_WALLET is ${r.walletKind} but the pair trades ${config.venues.polymarket}: redemption is built for Polymarket (international) only (docs/deploy.md#redemption)`;
  if (secrets.polymarketSignatureType === undefined)
    return 'the secret has no Polymarket fields (polymarketSignatureType is missing)';
  if (secrets.polymarketSignatureType !== SIGNATURE_TYPE_OF[r.walletKind])
    return `POLYMIX_REDEEM_WALLET is ${r.walletKind} but the secret's polymarketSignatureType is ${secrets.polymarketSignatureType}`;
  if (!(secrets.polygonRpcUrl ?? r.rpcUrl))
    return 'no Polygon RPC: set POLYGON_RPC_URL (or polygonRpcUrl in the secret)';
  if (r.walletKind !== 'eoa' && (!secrets.polymarketRelayerApiKey || !secrets.polymarketRelayerApiKeyAddress))
    return `a ${r.walletKind} wallet redeems through the relayer: polymarketRelayerApiKey and polymarketRelayerApiKeyAddress are missing from the secret`;
  return null;
}

export interface RedemptionWiring {
  readonly clock?: Clock;
  readonly fetch?: FetchFn;
}

/** The live redeemer; throws RedeemConfigError when `redemptionProblem` has one. */
function liveRedeemer(
  config: Pick<Config, 'redemption' | 'venues'>,
  secrets: Secrets,
  polymarket: Venue,
  wiring: RedemptionWiring,
) {
  const problem = redemptionProblem(config, secrets);
  if (problem) throw new RedeemConfigError(problem);
  const r = config.redemption;
  if (r.walletKind === 'off') throw new RedeemConfigError('redemption is off');
  const pm = polymarketSecretsOf(secrets);
  return createRedeemer(
    {
      walletKind: r.walletKind,
      privateKey: pm.polymarketPrivateKey,
      funderAddress: pm.polymarketFunderAddress,
      rpcUrl: (secrets.polygonRpcUrl ?? r.rpcUrl)!,
      relayerUrl: r.relayerUrl,
      relayerApiKey: secrets.polymarketRelayerApiKey ?? null,
      relayerApiKeyAddress: secrets.polymarketRelayerApiKeyAddress ?? null,
      gas: {
        maxFeePerGasWei: r.maxFeePerGasWei,
        priorityFeePerGasWei: r.priorityFeePerGasWei,
        minBalanceWei: r.minPolWei,
      },
    },
    polymarket as unknown as PolymarketVenue,
    wiring,
  );
}

/**
 * EngineDeps.redemption for a mode: undefined when redemption is off. Live with a configuration
 * problem: undefined too, and the problem is returned for the caller to log loudly (preflight
 * fails on it, so the live gate stops trading).
 */
export function buildRedemption(
  config: Pick<Config, 'redemption' | 'venues'>,
  mode: TradingMode,
  secrets: Secrets | null,
  polymarket: Venue,
  store: RedemptionStore,
  wiring: RedemptionWiring = {},
): { redemption: RedemptionDeps | undefined; problem: string | null } {
  if (config.redemption.walletKind === 'off') return { redemption: undefined, problem: null };
  if (mode === 'paper') return { redemption: { redeemer: new PaperRedeemer(), store }, problem: null };
  if (!secrets) return { redemption: undefined, problem: 'live mode without secrets' };
  try {
    const policy = { relayerStuckAfterMs: config.redemption.relayerStuckAfterMs };
    return {
      redemption: { redeemer: liveRedeemer(config, secrets, polymarket, wiring), store, policy },
      problem: null,
    };
  } catch (err) {
    if (err instanceof RedeemConfigError) return { redemption: undefined, problem: err.message };
    throw err;
  }
}

/** Preflight: redemption's configuration and the wallet kind's requirements (RPC, POL, relayer, approval). */
export async function redemptionChecks(
  config: Pick<Config, 'redemption' | 'venues'>,
  secrets: Secrets,
  polymarket: Venue,
  wiring: RedemptionWiring = {},
): Promise<PreflightCheck[]> {
  const kind = config.redemption.walletKind;
  // Polymarket US: whether its settled positions need a redemption step is not known
  // (docs/venues-polymarket-us.md); redemption is Polymarket (international)'s.
  if (kind === 'off' && config.venues.polymarket !== 'polymarket') return [];
  if (kind === 'off')
    return [
      check(
        'redeem.config',
        'polymarket',
        false,
        'warn',
        'redemption is off (POLYMIX_REDEEM_WALLET=off): won Polymarket positions are not redeemed and live cash only goes down',
        'Set POLYMIX_REDEEM_WALLET to the funder’s kind (docs/deploy.md#redemption).',
      ),
    ];
  let redeemer;
  try {
    redeemer = liveRedeemer(config, secrets, polymarket, wiring);
  } catch (err) {
    const detail = err instanceof RedeemConfigError ? err.message : 'the redeemer could not be built';
    return [check('redeem.config', 'polymarket', true, 'fail', detail, 'See docs/deploy.md#redemption.')];
  }
  const own = redeemer.preflightChecks ? await redeemer.preflightChecks() : [];
  return [
    check('redeem.config', 'polymarket', true, 'pass', `redemption by the ${kind} wallet ${redeemer.holder}`),
    ...own,
  ];
}
