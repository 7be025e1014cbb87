/**
 * The engine's test world: both venue simulators on 127.0.0.1 with the REAL venue clients
 * pointed at them (REST, and their order-book streams at the simulators' WebSocket feeds), funded
 * accounts, one NBA game listed on both venues, and a manual clock shared by simulators, clients
 * and engine. Books are set per test so each one scripts the
 * exact liquidity it needs.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Wallet } from 'ethers';
import type { League } from '../../../lib/core/market';
import type { Venue } from '../../../lib/engine/ports';
import { createKalshiVenue } from '../../../lib/venues/kalshi';
import { createPolymarketVenue } from '../../../lib/venues/polymarket';
import type { StreamTimers, StreamTuning } from '../../../lib/venues/stream';
import type { SimLevel } from '../../../local/sim/control';
import { type KalshiSim, startKalshiSim } from '../../../local/sim/kalshi';
import { type PolymarketSim, startPolymarketSim } from '../../../local/sim/polymarket';

/** Public Anvil test key (never real funds). */
const PM_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const PM_CREDS = {
  key: '11111111-2222-3333-4444-555555555555',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==',
  passphrase: 'pass-a',
};
const KALSHI_KEY_ID = '0b4c1a7e-1d2f-4e5a-9b8c-7d6e5f4a3b2c';

/** Test time: 2026-11-25 18:00 UTC, before the evening games. */
export const T0 = Date.UTC(2026, 10, 25, 18, 0, 0);

/**
 * Manual time for everything: `sleep` advances it (and yields to the event loop), so waits in
 * the engine and in the clients' rate limiters cost no real time.
 */
export class TestClock {
  constructor(private ms: number = T0) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  sleep = async (ms: number): Promise<void> => {
    this.ms += Math.max(0, Math.floor(ms));
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
}

export interface GameSpec {
  readonly league: League;
  /** Away and home: Polymarket outcome names / Kalshi yes_sub_title and ticker suffix. */
  readonly away: { name: string; kalshiName: string; code: string; tokenId: string };
  readonly home: { name: string; kalshiName: string; code: string; tokenId: string };
  readonly conditionId: string;
  readonly gammaId: string;
  readonly slug: string;
  readonly eventTicker: string;
  readonly gameStartMs: number;
  /** Kalshi markets accept hundredths of a contract (docs/venues-kalshi.md#k1-fractional); default whole. */
  readonly fractional?: boolean;
}

export const LAL_BOS: GameSpec = {
  league: 'NBA',
  away: {
    name: 'Lakers',
    kalshiName: 'Los Angeles L',
    code: 'LAL',
    tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563',
  },
  home: {
    name: 'Celtics',
    kalshiName: 'Boston',
    code: 'BOS',
    tokenId: '52114319501245915516055106046884209969926127482827954674443846427813813222426',
  },
  conditionId: `0x${'ab'.repeat(32)}`,
  gammaId: '2858750',
  slug: 'nba-lal-bos-2026-11-25',
  eventTicker: 'KXNBAGAME-26NOV25LALBOS',
  gameStartMs: Date.UTC(2026, 10, 26, 0, 30, 0),
};

export const NYK_MIA: GameSpec = {
  league: 'NBA',
  away: {
    name: 'Knicks',
    kalshiName: 'New York',
    code: 'NYK',
    tokenId: '11111111111111111111111111111111111111111111111111111111111111111111111111111',
  },
  home: {
    name: 'Heat',
    kalshiName: 'Miami',
    code: 'MIA',
    tokenId: '22222222222222222222222222222222222222222222222222222222222222222222222222222',
  },
  conditionId: `0x${'cd'.repeat(32)}`,
  gammaId: '2858751',
  slug: 'nba-nyk-mia-2026-11-25',
  eventTicker: 'KXNBAGAME-26NOV25NYKMIA',
  gameStartMs: Date.UTC(2026, 10, 26, 0, 30, 0),
};

function nbaGame(n: number, away: [string, string, string], home: [string, string, string]): GameSpec {
  const day = 25;
  return {
    league: 'NBA',
    away: { name: away[0], kalshiName: away[1], code: away[2], tokenId: `${n}1`.padEnd(77, '3') },
    home: { name: home[0], kalshiName: home[1], code: home[2], tokenId: `${n}2`.padEnd(77, '4') },
    conditionId: `0x${String(n).padStart(2, '0').repeat(32)}`,
    gammaId: String(2_900_000 + n),
    slug: `nba-${away[2].toLowerCase()}-${home[2].toLowerCase()}-2026-11-${day}`,
    eventTicker: `KXNBAGAME-26NOV${day}${away[2]}${home[2]}`,
    gameStartMs: Date.UTC(2026, 10, 26, 0, 30, 0),
  };
}

/** More games for tests that resolve markets (a resolution is final, so one game per case). */
export const MORE_GAMES: readonly GameSpec[] = [
  nbaGame(11, ['Warriors', 'Golden State', 'GSW'], ['Suns', 'Phoenix', 'PHX']),
  nbaGame(12, ['Bulls', 'Chicago', 'CHI'], ['Nets', 'Brooklyn', 'BKN']),
  nbaGame(13, ['Nuggets', 'Denver', 'DEN'], ['Jazz', 'Utah', 'UTA']),
  nbaGame(14, ['Hawks', 'Atlanta', 'ATL'], ['Magic', 'Orlando', 'ORL']),
  nbaGame(15, ['Heat', 'Miami', 'MIA'], ['Knicks', 'New York', 'NYK']),
];

export const kalshiTicker = (g: GameSpec, side: 'away' | 'home') => `${g.eventTicker}-${g[side].code}`;

/** Lists `game` on both simulators in the venues' formats (used by the engine tests and bench/). */
export function listGame(kalshiSim: KalshiSim, polymarketSim: PolymarketSim, game: GameSpec): void {
  polymarketSim.control.addMarket({
    league: game.league,
    gammaId: game.gammaId,
    conditionId: game.conditionId,
    eventSlug: game.slug,
    question: `${game.away.name} vs. ${game.home.name}`,
    gameStartMs: game.gameStartMs,
    outcomes: [
      { name: game.away.name, tokenId: game.away.tokenId },
      { name: game.home.name, tokenId: game.home.tokenId },
    ],
    homeTeamName: game.home.name,
    awayTeamName: game.away.name,
    negRisk: false,
    tickMicros: 10_000,
    minSizeCenti: 100,
    // This world's sports markets carry the 0.05 schedule (docs/venues-polymarket.md#p5-fee-schedule);
    // the clients read it from Gamma like any other market.
    feeRatePpm: 50_000,
    feeExponent: 1,
  });
  kalshiSim.control.addEvent({
    league: game.league,
    seriesTicker: game.eventTicker.split('-')[0]!,
    eventTicker: game.eventTicker,
    title: `${game.away.kalshiName} at ${game.home.kalshiName} Winner?`,
    gameStartMs: game.gameStartMs,
    expectedExpirationMs: game.gameStartMs + 3 * 3_600_000,
    markets: (['away', 'home'] as const).map((side) => ({
      ticker: kalshiTicker(game, side),
      yesSubTitle: game[side].kalshiName,
      tickMicros: 10_000,
      ...(game.fractional ? { fractional: true } : {}),
    })),
  });
}

export interface SimWorld {
  readonly clock: TestClock;
  readonly kalshiSim: KalshiSim;
  readonly polymarketSim: PolymarketSim;
  readonly kalshi: Venue;
  readonly polymarket: Venue;
  readonly polymarketAddress: string;
  readonly kalshiKeyId: string;
  /** The test accounts' keys (made up: Anvil key #0, a generated RSA key), for a runtime's secret. */
  readonly secrets: {
    readonly polymarketPrivateKey: string;
    readonly polymarketApiKey: string;
    readonly polymarketApiSecret: string;
    readonly polymarketApiPassphrase: string;
    readonly kalshiKeyId: string;
    readonly kalshiPrivateKeyPem: string;
  };
  addGame(game: GameSpec): void;
  /**
   * Asks to buy, best first. Polymarket: the token's asks. Kalshi: YES asks of the team's
   * market (set as NO bids at 1 − price, docs/venues-kalshi.md#k2), and its NO asks (YES bids at 1 − price).
   */
  setPolymarketAsks(tokenId: string, asks: readonly SimLevel[], bids?: readonly SimLevel[]): void;
  setKalshiBook(ticker: string, book: { yesAsks: readonly SimLevel[]; noAsks: readonly SimLevel[] }): void;
  /** Cash on each simulated venue, micros. */
  kalshiCash(): number;
  polymarketCash(): number;
  close(): Promise<void>;
}

export interface SimWorldOptions {
  readonly kalshiBalanceMicros?: number;
  readonly polymarketBalanceMicros?: number;
  /** Client request timeout (orders included); small so injected timeouts cost little real time. */
  readonly timeoutMs?: number;
  /**
   * Order-book stream tuning of both clients (lib/venues/stream/options.ts). Their `wsUrl` is
   * always the simulators' feeds, so an opened stream never leaves 127.0.0.1.
   */
  readonly stream?: StreamTuning;
  /** Timers of both clients' streams (`ManualTimers` for a stepped test); default Node's. */
  readonly streamTimers?: StreamTimers;
  /** The Polymarket simulator's redemption (local/sim/polymarket/server.ts): `auto` by default. */
  readonly redemption?: 'auto' | 'onchain';
}

export async function startSimWorld(options: SimWorldOptions = {}): Promise<SimWorld> {
  const clock = new TestClock();
  const kalshiSim = await startKalshiSim({ clock, realNow: () => clock.now() });
  const polymarketSim = await startPolymarketSim({
    clock,
    ...(options.redemption ? { redemption: options.redemption } : {}),
  });
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  kalshiSim.control.registerAccount({
    keyId: KALSHI_KEY_ID,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    balanceMicros: options.kalshiBalanceMicros ?? 1_000_000_000,
  });
  const wallet = new Wallet(PM_KEY);
  polymarketSim.control.registerAccount({
    address: wallet.address,
    balanceMicros: options.polymarketBalanceMicros ?? 1_000_000_000,
    apiCreds: PM_CREDS,
  });
  const timeoutMs = options.timeoutMs ?? 400;
  const streamDeps = options.streamTimers ? { streamTimers: options.streamTimers } : {};
  const kalshi = createKalshiVenue(
    {
      baseUrl: kalshiSim.url,
      wsUrl: kalshiSim.wsUrl,
      stream: options.stream ?? {},
      credentials: {
        keyId: KALSHI_KEY_ID,
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
      timeoutMs,
      lookupAttempts: 2,
      lookupDelayMs: 10,
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    },
    { clock, ...streamDeps },
  );
  const polymarket = createPolymarketVenue(
    {
      gammaUrl: polymarketSim.gammaUrl,
      clobUrl: polymarketSim.url,
      dataUrl: polymarketSim.url,
      wsUrl: polymarketSim.wsUrl,
      stream: options.stream ?? {},
      credentials: {
        privateKey: PM_KEY,
        apiKey: PM_CREDS.key,
        secret: PM_CREDS.secret,
        passphrase: PM_CREDS.passphrase,
      },
      timeoutMs,
      orderTimeoutMs: timeoutMs,
    },
    { clock, ...streamDeps },
  );
  return {
    clock,
    kalshiSim,
    polymarketSim,
    kalshi,
    polymarket,
    polymarketAddress: wallet.address,
    kalshiKeyId: KALSHI_KEY_ID,
    secrets: {
      polymarketPrivateKey: PM_KEY,
      polymarketApiKey: PM_CREDS.key,
      polymarketApiSecret: PM_CREDS.secret,
      polymarketApiPassphrase: PM_CREDS.passphrase,
      kalshiKeyId: KALSHI_KEY_ID,
      kalshiPrivateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
    addGame: (game) => listGame(kalshiSim, polymarketSim, game),
    setPolymarketAsks(tokenId, asks, bids = []) {
      polymarketSim.control.setBook(tokenId, { asks, bids });
    },
    setKalshiBook(ticker, book) {
      kalshiSim.control.setBook(ticker, {
        noBids: book.yesAsks.map((l) => ({ priceMicros: 1_000_000 - l.priceMicros, sizeCenti: l.sizeCenti })),
        yesBids: book.noAsks.map((l) => ({ priceMicros: 1_000_000 - l.priceMicros, sizeCenti: l.sizeCenti })),
      });
    },
    kalshiCash: () => kalshiSim.control.balanceMicros(KALSHI_KEY_ID),
    polymarketCash: () => polymarketSim.state.account(wallet.address)?.balanceMicros ?? 0,
    async close() {
      await Promise.all([kalshiSim.close(), polymarketSim.close()]);
    },
  };
}
