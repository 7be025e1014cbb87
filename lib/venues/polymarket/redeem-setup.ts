/**
 * Builds the Redeemer of the configured wallet kind (docs/redemption.md#r6, docs/deploy.md#redemption):
 * `eoa` sends its own transactions (POL for gas), `proxy`, `safe` and `deposit` go through the
 * relayer with a relayer API key.
 */
import type { Clock, Redeemer } from '../../engine/ports';
import type { FetchFn } from '../http';
import type { PolymarketVenue } from './client';
import { JsonRpc } from './json-rpc';
import { DEFAULT_GAS_POLICY, EoaRedeemer, type GasPolicy, RelayerRedeemer } from './redeemer';
import { RelayerClient } from './relayer';

export type RedeemWalletKind = 'eoa' | 'proxy' | 'safe' | 'deposit';

export interface RedeemSettings {
  readonly walletKind: RedeemWalletKind;
  /** The EOA that signs (the Polymarket private key). */
  readonly privateKey: string;
  /** The proxy, Safe or deposit wallet (the funder); unused for `eoa`. */
  readonly funderAddress?: string | null;
  readonly rpcUrl: string;
  readonly relayerUrl?: string | null;
  readonly relayerApiKey?: string | null;
  readonly relayerApiKeyAddress?: string | null;
  readonly gas?: Partial<GasPolicy>;
  readonly timeoutMs?: number;
}

export class RedeemConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedeemConfigError';
  }
}

/** Gamma `negRisk` of a condition's market, closed markets first (a redeemed market is resolved). */
export function negRiskFromGamma(venue: Pick<PolymarketVenue, 'marketsByCondition'>) {
  return async (conditionId: string): Promise<boolean> => {
    const same = (m: { conditionId: string }) => m.conditionId.toLowerCase() === conditionId.toLowerCase();
    const market =
      (await venue.marketsByCondition([conditionId], true)).find(same) ??
      (await venue.marketsByCondition([conditionId], false)).find(same);
    if (!market) throw new Error(`polymarket has no Gamma market for condition ${conditionId}`);
    return market.negRisk ?? false;
  };
}

export function createRedeemer(
  settings: RedeemSettings,
  venue: Pick<PolymarketVenue, 'marketsByCondition'>,
  deps: { readonly clock?: Clock; readonly fetch?: FetchFn } = {},
): Redeemer {
  const common = {
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };
  const rpc = new JsonRpc({ url: settings.rpcUrl, timeoutMs: settings.timeoutMs ?? 10_000, ...common });
  const redeemerDeps = { rpc, negRiskOf: negRiskFromGamma(venue), ...common };
  if (settings.walletKind === 'eoa')
    return new EoaRedeemer(settings.privateKey, redeemerDeps, { ...DEFAULT_GAS_POLICY, ...settings.gas });
  if (!settings.funderAddress) throw new RedeemConfigError(`a ${settings.walletKind} wallet needs its funder address`);
  if (!settings.relayerUrl || !settings.relayerApiKey || !settings.relayerApiKeyAddress)
    throw new RedeemConfigError(
      `a ${settings.walletKind} wallet redeems through the relayer: its URL, API key and key address are required`,
    );
  const relayer = new RelayerClient({
    url: settings.relayerUrl,
    apiKey: settings.relayerApiKey,
    apiKeyAddress: settings.relayerApiKeyAddress,
    timeoutMs: settings.timeoutMs ?? 10_000,
    ...common,
  });
  return new RelayerRedeemer(
    settings.privateKey,
    { kind: settings.walletKind, wallet: settings.funderAddress },
    relayer,
    redeemerDeps,
  );
}
