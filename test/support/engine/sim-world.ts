/**
 * The engine's test world: both venue simulators on 127.0.0.1 with the REAL venue clients
 * pointed at them (REST, and their order-book streams at the simulators' WebSocket feeds), funded
 * accounts, one NBA game listed on both venues, and a manual clock shared by simulators, clients
 * and engine. Books are set per test so each one scripts the
 * exact liquidity it needs.
 *
 * The world runs one venue pair (docs/adr/0010-venue-pairs.md): Kalshi × Polymarket by default,
 * or Kalshi × Polymarket US (`pair: 'kalshi,polymarket-us'`), where the pair's Polymarket slot
 * (`world.polymarket`) is the Polymarket US client over the Polymarket US simulator. Tests that
 * run on either pair reach the slot's simulator through `world.pm` and name its instruments with
 * `polymarketInstrument(game, side)`; `polymarketSim` and `polymarketUsSim` are the one pair's own.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Wallet } from 'ethers';
import { instrumentKey, type League, type PolymarketSideInstrumentRef } from '../../../lib/core/market';
import { PAYOUT_MICROS } from '../../../lib/core/money';
import type { Venue } from '../../../lib/engine/ports';
import { createKalshiVenue } from '../../../lib/venues/kalshi';
import { createPolymarketVenue } from '../../../lib/venues/polymarket';
import { createPolymarketUsVenue } from '../../../lib/venues/polymarket-us';
import type { StreamTimers, StreamTuning } from '../../../lib/venues/stream';
import type { SimLevel } from '../../../local/sim/control';
import type { FaultInjector } from '../../../local/sim/faults';
import { type KalshiSim, startKalshiSim } from '../../../local/sim/kalshi';
import { type PolymarketSim, startPolymarketSim } from '../../../local/sim/polymarket';
import { type PolymarketUsSim, startPolymarketUsSim } from '../../../local/sim/polymarket-us';
import type { FeedHub } from '../../../local/sim/stream/feed-hub';
import { DEFAULT_TEST_PAIR, polymarketOf, type TestPair } from './pairs';

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

/**
 * The game's Polymarket US moneyline slug: `aec-` and the Polymarket slug, away team first, so the
 * away team is the long side (docs/venues-polymarket-us.md#u-slugs).
 */
export const polymarketUsSlug = (g: GameSpec) => `aec-${g.slug}`;

/** The instrument that pays if `side`'s team wins on the pair's Polymarket side. */
export function polymarketInstrument(
  pair: TestPair,
  game: GameSpec,
  side: 'away' | 'home',
): PolymarketSideInstrumentRef {
  return polymarketOf(pair) === 'polymarket-us'
    ? { venue: 'polymarket-us', marketSlug: polymarketUsSlug(game), side: side === 'away' ? 'long' : 'short' }
    : { venue: 'polymarket', conditionId: game.conditionId, tokenId: game[side].tokenId };
}

/** Lists `game` on both simulators in the venues' formats (used by the engine tests and bench/). */
export function listGame(kalshiSim: KalshiSim, polymarketSim: PolymarketSim, game: GameSpec): void {
  listOnPolymarket(polymarketSim, game);
  listOnKalshi(kalshiSim, game);
}

function listOnPolymarket(polymarketSim: PolymarketSim, game: GameSpec): void {
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
}

/** One moneyline market, the away team long, the simulator's default tick, minimum and Θ. */
function listOnPolymarketUs(sim: PolymarketUsSim, game: GameSpec): void {
  sim.control.addMarket({
    league: game.league,
    slug: polymarketUsSlug(game),
    title: `${game.away.name} vs. ${game.home.name}`,
    gameStartMs: game.gameStartMs,
    long: { name: game.away.name, abbreviation: game.away.code },
    short: { name: game.home.name, abbreviation: game.home.code },
  });
}

function listOnKalshi(kalshiSim: KalshiSim, game: GameSpec): void {
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

/** The route patterns of each Polymarket simulator's steps (`PolymarketSlotSim.endpoints`). */
export const POLYMARKET_ENDPOINTS = {
  // Polymarket's discovery reads Gamma's `/sports`, then `/events/keyset` per league (lib/venues/polymarket/discovery.ts).
  polymarket: { discovery: 'GET /events/keyset', books: 'POST /books', order: 'POST /order' },
  'polymarket-us': {
    discovery: 'GET /v2/leagues/{slug}/events',
    books: 'GET /v1/markets/{slug}/book',
    order: 'POST /v1/orders',
  },
} as const;

/** How a game ends on the Polymarket side: a team wins, or a 50/50 split. */
export type PolymarketOutcome = 'away' | 'home' | 'split';

/**
 * The simulator in the pair's Polymarket slot, pair-neutral: what a test that runs on either
 * pair reaches for (faults, endpoints to fault, its feed, the account's cash and positions).
 */
export interface PolymarketSlotSim {
  readonly venue: 'polymarket' | 'polymarket-us';
  /** Its REST fault injector (local/sim/faults.ts). */
  readonly faults: FaultInjector;
  /** Its WebSocket feed's hub (faults, stats, drops: local/sim/stream/feed-hub.ts). */
  readonly feedHub: FeedHub;
  /** The route patterns of its steps, as its fault injector keys them. */
  readonly endpoints: {
    /** The game listing the engine's discovery reads. */
    readonly discovery: string;
    /** The order books a scan reads. */
    readonly books: string;
    /** Order placement. */
    readonly order: string;
  };
  /** Orders the venue has received (accepted or not). */
  orderCount(): number;
  /** The test account's cash (Polymarket: USDC balance; Polymarket US: buying power), micros. */
  cash(): number;
  /** The test account's holdings per instrument key (instrumentKey form), nonzero only. */
  positions(): Map<string, number>;
  /** Resolves `game`'s market: the winner's instrument pays $1, or each pays $0.50. */
  resolve(game: GameSpec, outcome: PolymarketOutcome): void;
}

export interface SimWorld {
  readonly pair: TestPair;
  readonly clock: TestClock;
  readonly kalshiSim: KalshiSim;
  /** The Polymarket simulator; only on Kalshi × Polymarket (throws on the other pair). */
  readonly polymarketSim: PolymarketSim;
  /** The Polymarket US simulator; only on Kalshi × Polymarket US (throws on the other pair). */
  readonly polymarketUsSim: PolymarketUsSim;
  /** The simulator in the Polymarket slot, whichever pair. */
  readonly pm: PolymarketSlotSim;
  readonly kalshi: Venue;
  /** The Polymarket slot's client: Polymarket's, or Polymarket US's. */
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
  /** The instrument that pays if `side`'s team wins on this pair's Polymarket side. */
  polymarketInstrument(game: GameSpec, side: 'away' | 'home'): PolymarketSideInstrumentRef;
  /**
   * Asks to buy, best first. Polymarket: the token's asks. Kalshi: YES asks of the team's
   * market (set as NO bids at 1 − price, docs/venues-kalshi.md#k2), and its NO asks (YES bids at 1 − price).
   *
   * On Polymarket US both teams trade on one book, the away (long) team's
   * (docs/venues-polymarket-us.md#u-book): a token id names the team of a game added to this
   * world, and each call replaces the whole book. The away team's asks are the long offers and its
   * bids the long bids; the home team's asks are long bids at 1 − price and its bids long offers
   * at 1 − price. So set one team per game there (`setArbBooks` does).
   */
  setPolymarketAsks(tokenId: string, asks: readonly SimLevel[], bids?: readonly SimLevel[]): void;
  setKalshiBook(ticker: string, book: { yesAsks: readonly SimLevel[]; noAsks: readonly SimLevel[] }): void;
  /** Cash on each simulated venue, micros. */
  kalshiCash(): number;
  polymarketCash(): number;
  close(): Promise<void>;
}

export interface SimWorldOptions {
  /** The venue pair (./pairs.ts); default Kalshi × Polymarket. */
  readonly pair?: TestPair;
  readonly kalshiBalanceMicros?: number;
  /** The Polymarket slot's account: Polymarket's USDC balance, or Polymarket US's buying power. */
  readonly polymarketBalanceMicros?: number;
  /**
   * Client request timeout (orders included); small so injected timeouts cost little real time.
   * Polymarket US: its public reads; its API host waits longer than an order may block (at least
   * 1 s: lib/venues/polymarket-us/config.ts), so `POLYMARKET_US_API_TIMEOUT_MS`.
   */
  readonly timeoutMs?: number;
  /**
   * Order-book stream tuning of both clients (lib/venues/stream/options.ts). Their `wsUrl` is
   * always the simulators' feeds, so an opened stream never leaves 127.0.0.1.
   */
  readonly stream?: StreamTuning;
  /** Timers of both clients' streams (`ManualTimers` for a stepped test); default Node's. */
  readonly streamTimers?: StreamTimers;
  /** The Polymarket simulator's redemption (local/sim/polymarket/server.ts): `auto` by default (Kalshi × Polymarket only). */
  readonly redemption?: 'auto' | 'onchain';
}

/** The Polymarket US client's API host timeout here: its least `maxBlockSec` (1 s) and a little. */
export const POLYMARKET_US_API_TIMEOUT_MS = 1_200;

export async function startSimWorld(options: SimWorldOptions = {}): Promise<SimWorld> {
  const pair = options.pair ?? DEFAULT_TEST_PAIR;
  const clock = new TestClock();
  const kalshiSim = await startKalshiSim({ clock, realNow: () => clock.now() });
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  kalshiSim.control.registerAccount({
    keyId: KALSHI_KEY_ID,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    balanceMicros: options.kalshiBalanceMicros ?? 1_000_000_000,
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
  const wallet = new Wallet(PM_KEY);
  const slot =
    polymarketOf(pair) === 'polymarket-us'
      ? await polymarketUsSlot(clock, options, timeoutMs)
      : await polymarketSlot(clock, options, timeoutMs, wallet.address);
  const games = new Map<string, { game: GameSpec; side: 'away' | 'home' }>();
  return {
    pair,
    clock,
    kalshiSim,
    get polymarketSim(): PolymarketSim {
      if (!slot.polymarketSim) throw new Error(`no Polymarket simulator on ${pair}: use world.pm`);
      return slot.polymarketSim;
    },
    get polymarketUsSim(): PolymarketUsSim {
      if (!slot.polymarketUsSim) throw new Error(`no Polymarket US simulator on ${pair}: use world.pm`);
      return slot.polymarketUsSim;
    },
    pm: slot.pm,
    kalshi,
    polymarket: slot.client,
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
    addGame(game) {
      games.set(game.away.tokenId, { game, side: 'away' });
      games.set(game.home.tokenId, { game, side: 'home' });
      if (slot.polymarketSim) listOnPolymarket(slot.polymarketSim, game);
      if (slot.polymarketUsSim) listOnPolymarketUs(slot.polymarketUsSim, game);
      listOnKalshi(kalshiSim, game);
    },
    polymarketInstrument: (game, side) => polymarketInstrument(pair, game, side),
    setPolymarketAsks(tokenId, asks, bids = []) {
      if (slot.polymarketSim) {
        slot.polymarketSim.control.setBook(tokenId, { asks, bids });
        return;
      }
      const found = games.get(tokenId);
      if (!found) throw new Error(`token ${tokenId} names no team of a game in this world`);
      const flip = (levels: readonly SimLevel[]) =>
        levels.map((l) => ({ priceMicros: PAYOUT_MICROS - l.priceMicros, sizeCenti: l.sizeCenti }));
      const book = found.side === 'away' ? { offers: asks, bids } : { offers: flip(bids), bids: flip(asks) };
      slot.polymarketUsSim!.control.setBook(polymarketUsSlug(found.game), book);
    },
    setKalshiBook(ticker, book) {
      kalshiSim.control.setBook(ticker, {
        noBids: book.yesAsks.map((l) => ({ priceMicros: 1_000_000 - l.priceMicros, sizeCenti: l.sizeCenti })),
        yesBids: book.noAsks.map((l) => ({ priceMicros: 1_000_000 - l.priceMicros, sizeCenti: l.sizeCenti })),
      });
    },
    kalshiCash: () => kalshiSim.control.balanceMicros(KALSHI_KEY_ID),
    polymarketCash: () => slot.pm.cash(),
    async close() {
      await Promise.all([kalshiSim.close(), slot.close()]);
    },
  };
}

interface Slot {
  readonly polymarketSim: PolymarketSim | null;
  readonly polymarketUsSim: PolymarketUsSim | null;
  readonly client: Venue;
  readonly pm: PolymarketSlotSim;
  close(): Promise<void>;
}

async function polymarketSlot(
  clock: TestClock,
  options: SimWorldOptions,
  timeoutMs: number,
  address: string,
): Promise<Slot> {
  const sim = await startPolymarketSim({
    clock,
    ...(options.redemption ? { redemption: options.redemption } : {}),
  });
  sim.control.registerAccount({
    address,
    balanceMicros: options.polymarketBalanceMicros ?? 1_000_000_000,
    apiCreds: PM_CREDS,
  });
  const client = createPolymarketVenue(
    {
      gammaUrl: sim.gammaUrl,
      clobUrl: sim.url,
      dataUrl: sim.url,
      wsUrl: sim.wsUrl,
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
    { clock, ...(options.streamTimers ? { streamTimers: options.streamTimers } : {}) },
  );
  return {
    polymarketSim: sim,
    polymarketUsSim: null,
    client,
    pm: {
      venue: 'polymarket',
      faults: sim.faults,
      feedHub: sim.feed.hub,
      endpoints: POLYMARKET_ENDPOINTS.polymarket,
      orderCount: () => sim.state.orders().length,
      cash: () => sim.state.account(address)?.balanceMicros ?? 0,
      positions() {
        const out = new Map<string, number>();
        for (const [token, size] of Object.entries(sim.state.account(address)?.positions ?? {}))
          if (size !== 0) out.set(`polymarket:${token}`, size);
        return out;
      },
      resolve(game, outcome) {
        sim.control.resolve(
          game.conditionId,
          outcome === 'split' ? { split: true } : { winnerTokenId: game[outcome].tokenId },
        );
      },
    },
    close: () => sim.close(),
  };
}

/** A throwaway Ed25519 key registered on the simulator, the client signing with it on the world's clock. */
async function polymarketUsSlot(clock: TestClock, options: SimWorldOptions, timeoutMs: number): Promise<Slot> {
  // Signatures are checked against the world's clock, which the client signs with.
  const sim = await startPolymarketUsSim({ clock, realNow: () => clock.now() });
  const key = sim.registerKey({ buyingPowerMicros: options.polymarketBalanceMicros ?? 1_000_000_000 });
  const client = createPolymarketUsVenue(
    {
      gatewayUrl: sim.gatewayUrl,
      apiUrl: sim.apiUrl,
      wsUrl: sim.wsUrl,
      stream: options.stream ?? {},
      credentials: { keyId: key.keyId, secretKey: key.secretKey },
      gatewayTimeoutMs: timeoutMs,
      apiTimeoutMs: Math.max(timeoutMs, POLYMARKET_US_API_TIMEOUT_MS),
      maxBlockSec: 1,
      lookupAttempts: 2,
      lookupDelayMs: 10,
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    },
    { clock, ...(options.streamTimers ? { streamTimers: options.streamTimers } : {}) },
  );
  return {
    polymarketSim: null,
    polymarketUsSim: sim,
    client,
    pm: {
      venue: 'polymarket-us',
      faults: sim.faults,
      feedHub: sim.feed.hub,
      endpoints: POLYMARKET_ENDPOINTS['polymarket-us'],
      orderCount: () => sim.control.account(key.keyId).orders.length,
      cash: () => sim.control.buyingPowerMicros(key.keyId),
      positions() {
        const out = new Map<string, number>();
        for (const [slug, net] of sim.control.positions(key.keyId)) {
          if (net === 0) continue;
          const ref = { venue: 'polymarket-us', marketSlug: slug, side: net > 0 ? 'long' : 'short' } as const;
          out.set(instrumentKey(ref), Math.abs(net));
        }
        return out;
      },
      resolve(game, outcome) {
        const longPays = outcome === 'away' ? PAYOUT_MICROS : outcome === 'home' ? 0 : PAYOUT_MICROS / 2;
        sim.control.resolve(polymarketUsSlug(game), longPays);
      },
    },
    close: () => sim.close(),
  };
}
