/**
 * Redemption in the engine's test world (lib/engine/redeem.ts): redeemers of each wallet kind
 * pointed at the Polymarket simulator's chain emulation (local/sim/polymarket/chain.ts), and
 * engine deps that redeem. Keys are public Anvil development keys, never funded anywhere real.
 */
import { Wallet } from 'ethers';
import type { EngineDeps, Redeemer, RedemptionPolicy } from '../../../lib/engine';
import type { PolymarketVenue } from '../../../lib/venues/polymarket';
import { proxyWalletOf } from '../../../lib/venues/polymarket/redeem-calls';
import { createRedeemer, type RedeemSettings } from '../../../lib/venues/polymarket/redeem-setup';
import type { EngineHarness } from './engine-fixture';
import type { GameSpec, SimWorld } from './sim-world';

/** Anvil account #2 signs for the Safe, #3 for the deposit wallet, #4 owns the proxy wallet. */
export const SAFE_SIGNER_KEY = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';
export const DEPOSIT_SIGNER_KEY = '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6';
export const PROXY_SIGNER_KEY = '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a';
/** The proxy wallet the factory derives for Anvil account #4 (docs/redemption.md#r6-proxy). */
export const PROXY_ADDRESS = proxyWalletOf(new Wallet(PROXY_SIGNER_KEY).address);
export const SAFE_ADDRESS = '0x5afe00000000000000000000000000000000c0de';
export const DEPOSIT_ADDRESS = '0xde90517000000000000000000000000000000001';
export const RELAYER_KEY = 'relayer-key-0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** Ten POL: enough for many redeems at the simulator's gas figures. */
export const TEN_POL = 10n * 10n ** 18n;

export function polymarketVenueOf(world: SimWorld): Pick<PolymarketVenue, 'marketsByCondition'> {
  return world.polymarket as unknown as PolymarketVenue;
}

export function eoaRedeemer(world: SimWorld, fund = TEN_POL): Redeemer {
  if (fund > 0n) world.polymarketSim.chain.fundPol(world.polymarketAddress, fund);
  return redeemerOf(world, { walletKind: 'eoa', privateKey: world.secrets.polymarketPrivateKey });
}

export function redeemerOf(world: SimWorld, settings: Omit<RedeemSettings, 'rpcUrl'>): Redeemer {
  return createRedeemer(
    { rpcUrl: world.polymarketSim.rpcUrl, relayerUrl: world.polymarketSim.relayerUrl, timeoutMs: 400, ...settings },
    polymarketVenueOf(world),
    { clock: world.clock },
  );
}

export type RelayerWalletKind = 'proxy' | 'safe' | 'deposit';
const SIGNATURE_TYPE = { proxy: 1, safe: 2, deposit: 3 } as const;
const SIGNER_KEY = { proxy: PROXY_SIGNER_KEY, safe: SAFE_SIGNER_KEY, deposit: DEPOSIT_SIGNER_KEY } as const;
const FUNDER = { proxy: PROXY_ADDRESS, safe: SAFE_ADDRESS, deposit: DEPOSIT_ADDRESS } as const;

/** Registers the relayer wallet's account (signature type 1, 2 or 3) and its relayer key; returns its redeemer. */
export function relayerRedeemer(
  world: SimWorld,
  kind: RelayerWalletKind,
  registerAs: 1 | 2 | 3 = SIGNATURE_TYPE[kind],
  funder: string = FUNDER[kind],
) {
  const key = SIGNER_KEY[kind];
  const signer = new Wallet(key).address;
  if (!world.polymarketSim.state.account(signer))
    world.polymarketSim.control.registerAccount({ address: signer, funder, signatureType: registerAs });
  world.polymarketSim.chain.registerRelayerKey(RELAYER_KEY, signer);
  return {
    signer,
    funder,
    redeemer: redeemerOf(world, {
      walletKind: kind,
      privateKey: key,
      funderAddress: funder,
      relayerApiKey: RELAYER_KEY,
      relayerApiKeyAddress: signer,
    }),
  };
}

export function withRedemption(h: EngineHarness, redeemer: Redeemer, policy?: Partial<RedemptionPolicy>): EngineDeps {
  return { ...h.deps, redemption: { redeemer, store: h.store, ...(policy ? { policy } : {}) } };
}

const PAIRS: ReadonlyArray<[[string, string, string], [string, string, string]]> = [
  [
    ['Raptors', 'Toronto', 'TOR'],
    ['Bucks', 'Milwaukee', 'MIL'],
  ],
  [
    ['Cavaliers', 'Cleveland', 'CLE'],
    ['Pistons', 'Detroit', 'DET'],
  ],
  [
    ['Pacers', 'Indiana', 'IND'],
    ['Hornets', 'Charlotte', 'CHA'],
  ],
  [
    ['Wizards', 'Washington', 'WAS'],
    ['Kings', 'Sacramento', 'SAC'],
  ],
  [
    ['Spurs', 'San Antonio', 'SAS'],
    ['Rockets', 'Houston', 'HOU'],
  ],
  [
    ['Thunder', 'Oklahoma City', 'OKC'],
    ['Grizzlies', 'Memphis', 'MEM'],
  ],
  [
    ['Mavericks', 'Dallas', 'DAL'],
    ['Pelicans', 'New Orleans', 'NOP'],
  ],
  [
    ['Timberwolves', 'Minnesota', 'MIN'],
    ['76ers', 'Philadelphia', 'PHI'],
  ],
];

/** Games of their own for the redemption tests (a resolution is final: one game per case). */
export function redeemGames(first: number): GameSpec[] {
  return PAIRS.map(([away, home], i) => {
    const n = first + i;
    return {
      league: 'NBA' as const,
      away: { name: away[0], kalshiName: away[1], code: away[2], tokenId: `${n}1`.padEnd(77, '5') },
      home: { name: home[0], kalshiName: home[1], code: home[2], tokenId: `${n}2`.padEnd(77, '6') },
      conditionId: `0x${String(n).padStart(2, '0').repeat(32)}`,
      gammaId: String(2_950_000 + n),
      slug: `nba-${away[2].toLowerCase()}-${home[2].toLowerCase()}-2026-11-25`,
      eventTicker: `KXNBAGAME-26NOV25${away[2]}${home[2]}`,
      gameStartMs: Date.UTC(2026, 10, 26, 0, 30, 0),
    };
  });
}

/**
 * Polymarket-only markets (no Kalshi side, never traded) for the relayer wallets' cases: shares
 * are put on the wallet directly; 16 markets per `first`, ids apart for each `first`.
 */
export function relayerOnlyMarkets(first: number, tag: string): GameSpec[] {
  return [...redeemGames(first), ...redeemGames(first)].map((g, i) => ({
    ...g,
    conditionId: `0x${'c'.repeat(56)}${String(first * 100 + i).padStart(8, '0')}`,
    gammaId: String(3_000_000 + first * 100 + i),
    slug: `${g.slug}-${tag}-${first}-${i}`,
    away: { ...g.away, tokenId: `${first * 100 + i}1`.padEnd(77, '7') },
    home: { ...g.home, tokenId: `${first * 100 + i}2`.padEnd(77, '8') },
  }));
}

/** Lists `g` on the Polymarket simulator only. */
export function addPolymarketOnly(world: SimWorld, g: GameSpec): void {
  world.polymarketSim.control.addMarket({
    league: g.league,
    gammaId: g.gammaId,
    conditionId: g.conditionId,
    eventSlug: g.slug,
    question: `${g.away.name} vs. ${g.home.name}`,
    gameStartMs: g.gameStartMs,
    outcomes: [
      { name: g.away.name, tokenId: g.away.tokenId },
      { name: g.home.name, tokenId: g.home.tokenId },
    ],
    homeTeamName: g.home.name,
    awayTeamName: g.away.name,
    negRisk: false,
    tickMicros: 10_000,
    minSizeCenti: 100,
    feeRatePpm: 50_000,
    feeExponent: 1,
  });
}
