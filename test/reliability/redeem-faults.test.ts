/**
 * The redemption rows of the fault matrix (test/reliability/fault-matrix.test.ts is the trading
 * side): a crash at every point between the intent, the submission and the confirmation, for an
 * EOA and for each relayer wallet kind that submits one call (proxy, Safe), and faults at the send
 * itself (no answer, a garbled answer, a rate limit, a revert). Each row then runs healthy settle runs and must end clean: the
 * condition redeemed exactly once on chain, the redemption confirmed, paid what settlement
 * booked, and (EOA rows, real trades) the ledger equal to the venues' cash within a cent. Last, no
 * key, relayer key or signature in any log line, error record, notice or stored item.
 */
import type { FaultPoint } from '../../lib/engine';
import { type EngineDeps, redeemOpen, SimulatedCrash, scan, settle } from '../../lib/engine';
import type { FaultRuleInput } from '../../local/sim/faults';
import { useDynalite } from '../support/dynalite';
import { clearBooks, type EngineHarness, engineHarness, setArbBooks } from '../support/engine/engine-fixture';
import {
  addPolymarketOnly,
  eoaRedeemer,
  PROXY_SIGNER_KEY,
  RELAYER_KEY,
  redeemGames,
  relayerOnlyMarkets,
  relayerRedeemer,
  SAFE_SIGNER_KEY,
  withRedemption,
} from '../support/engine/redeem-world';
import { type GameSpec, kalshiTicker, type SimWorld, startSimWorld } from '../support/engine/sim-world';

const db = useDynalite();
// Traded games (EOA rows): each pair of teams once. The relayer rows need no trade: Polymarket-only markets.
const GAMES = redeemGames(51);
const RELAYER_MARKETS: GameSpec[] = [...relayerOnlyMarkets(71, 'rf'), ...relayerOnlyMarkets(72, 'rf')];
/** The relayer wallet kinds whose rows run here (deposit batches share the same lookups: test/integration/engine/redeem.test.ts). */
const RELAYER_KINDS = ['safe', 'proxy'] as const;
type RelayerKind = (typeof RELAYER_KINDS)[number];
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld({ redemption: 'onchain', timeoutMs: 250 });
  for (const g of GAMES) world.addGame(g);
  for (const g of RELAYER_MARKETS) addPolymarketOnly(world, g);
});
afterAll(() => world.close());
beforeEach(() => world.polymarketSim.faults.clear());

let used = 0;
const nextGame = (): GameSpec => GAMES[used++]!;
let usedRelayer = 0;
const nextRelayerMarket = (): GameSpec => {
  const g = RELAYER_MARKETS[usedRelayer++];
  if (!g) throw new Error('out of relayer markets');
  return g;
};

const chain = () => world.polymarketSim.chain;
const onChain = (g: GameSpec) => chain().redemptions.filter((r) => r.conditionId === g.conditionId.toLowerCase());
const cash = () => world.kalshiCash() + world.polymarketCash();
const crashAt = (deps: EngineDeps, point: FaultPoint): EngineDeps => ({
  ...deps,
  faults: (p) => {
    if (p === point) throw new SimulatedCrash(p);
  },
});

/** A real trade on `g` whose Polymarket leg wins; returns what that leg is paid. */
async function wonTrade(h: EngineHarness, deps: EngineDeps, g: GameSpec): Promise<number> {
  for (const other of GAMES) clearBooks(world, other);
  setArbBooks(world, 4_000, g);
  expect((await scan(deps, h.state, { eventId: `rf-${g.eventTicker}` })).traded).toBe(1);
  clearBooks(world, g);
  const bet = (await h.store.listBets('live', { limit: 1 })).bets[0]!;
  world.polymarketSim.control.resolve(g.conditionId, { winnerTokenId: g.away.tokenId });
  world.kalshiSim.control.settle(kalshiTicker(g, 'home'), 'no');
  world.kalshiSim.control.settle(kalshiTicker(g, 'away'), 'yes');
  return bet.legs.find((l) => l.venue === 'polymarket')!.filledCenti * 10_000;
}

/** Healthy runs until nothing is open (each one a minute later, past any backoff of these rows). */
async function healthyRuns(deps: EngineDeps, h: EngineHarness, label: string): Promise<void> {
  world.polymarketSim.faults.clear();
  for (let i = 0; i < 4; i++) {
    world.clock.advance(70_000);
    await settle(deps, h.state, `${label}-healthy-${i}`);
  }
}

const REDEEM_POINTS: readonly FaultPoint[] = [
  'redeem-after-intent',
  'redeem-before-send',
  'redeem-after-send',
  'redeem-before-confirm',
];

describe('EOA: crash at every redemption point, then the next runs', () => {
  it.each(REDEEM_POINTS)('crash at %s: redeemed exactly once, ledger == venues', async (point) => {
    const g = nextGame();
    const h = await engineHarness(db(), world, { mode: 'live' });
    const deps = withRedemption(h, eoaRedeemer(world));
    const ledger0 = (await h.store.getAccount('live'))!.balanceMicros;
    const cash0 = cash();
    const payout = await wonTrade(h, deps, g);
    await expect(settle(crashAt(deps, point), h.state, `crash-${point}`)).rejects.toBeInstanceOf(SimulatedCrash);
    await healthyRuns(deps, h, point);
    expect(onChain(g)).toEqual([expect.objectContaining({ paidMicros: payout })]);
    const rec = (await h.store.getRedemption('live', world.polymarketAddress, g.conditionId))!;
    expect(rec).toMatchObject({ status: 'confirmed', paidMicros: payout, attempt: 1 });
    const ledgerDelta = (await h.store.getAccount('live'))!.balanceMicros - ledger0;
    expect(Math.abs(ledgerDelta - (cash() - cash0))).toBeLessThan(10_000);
  });
});

/** Shares on the relayer wallet and a noted redemption of them (no trade: it does not trade in this world). */
async function relayerHolding(h: EngineHarness, g: GameSpec, kind: RelayerKind) {
  const { signer, funder, redeemer } = relayerRedeemer(world, kind);
  const deps = withRedemption(h, redeemer);
  const account = world.polymarketSim.state.accounts.get(signer)!;
  world.polymarketSim.state.accounts.addPosition(account, g.away.tokenId, 3_000);
  world.polymarketSim.control.resolve(g.conditionId, { winnerTokenId: g.away.tokenId });
  await h.store.noteRedemption({
    mode: 'live',
    holder: funder,
    walletKind: kind,
    conditionId: g.conditionId,
    betId: `${kind}-${g.gammaId}`,
    expectedMicros: 30_000_000,
    nowMs: world.clock.now(),
  });
  return { deps, signer, funder };
}

async function healthyRedeems(deps: EngineDeps, h: EngineHarness): Promise<void> {
  world.polymarketSim.faults.clear();
  for (let i = 0; i < 4; i++) {
    world.clock.advance(70_000);
    await redeemOpen(deps, h.state);
  }
}

describe.each(RELAYER_KINDS)('%s wallet through the relayer: crash at every point after the intent', (kind) => {
  it.each(REDEEM_POINTS.slice(1))('crash at %s: redeemed exactly once', async (point) => {
    const g = nextRelayerMarket();
    const h = await engineHarness(db(), world, { mode: 'live' });
    const { deps, signer, funder } = await relayerHolding(h, g, kind);
    const before = world.polymarketSim.state.account(signer)!.balanceMicros;
    await expect(redeemOpen(crashAt(deps, point), h.state)).rejects.toBeInstanceOf(SimulatedCrash);
    await healthyRedeems(deps, h);
    expect(onChain(g)).toEqual([expect.objectContaining({ paidMicros: 30_000_000, via: 'relayer' })]);
    expect(world.polymarketSim.state.account(signer)!.balanceMicros - before).toBe(30_000_000);
    expect(await h.store.getRedemption('live', funder, g.conditionId)).toMatchObject({
      status: 'confirmed',
      paidMicros: 30_000_000,
      attempt: 1,
    });
  });
});

interface SendFault {
  readonly name: string;
  readonly kind: 'eoa' | RelayerKind;
  readonly rule: FaultRuleInput;
  /** Attempts the row ends with. */
  readonly attempts: number;
}

// An EOA's redeem makes 8 RPC calls before the send (payoutDenominator, balanceOf, chainId,
// isApprovedForAll, estimateGas, the block's base fee, POL balance, nonce): the 9th is the send.
const EOA_SEND_FAULTS: readonly SendFault[] = [
  {
    name: 'EOA send unanswered (never arrived)',
    kind: 'eoa',
    rule: { endpoint: 'POST /rpc', skip: 8, times: 1, kind: 'timeout' },
    attempts: 1,
  },
  {
    name: 'EOA send answered garbled (it was mined)',
    kind: 'eoa',
    rule: { endpoint: 'POST /rpc', skip: 8, times: 1, kind: 'malformed' },
    attempts: 1,
  },
  {
    name: 'EOA node answers 5xx to the send',
    kind: 'eoa',
    rule: { endpoint: 'POST /rpc', skip: 8, times: 1, kind: 'error', status: 503 },
    attempts: 1,
  },
];

/** The relayer rows, run for each relayer kind. */
const RELAYER_SEND_FAULTS: readonly Omit<SendFault, 'kind'>[] = [
  {
    name: 'relayer submit unanswered (never arrived)',
    rule: { endpoint: 'POST /relayer/submit', times: 1, kind: 'timeout' },
    attempts: 1,
  },
  {
    name: 'relayer submit answered garbled (it was accepted)',
    rule: { endpoint: 'POST /relayer/submit', times: 1, kind: 'malformed' },
    attempts: 1,
  },
  {
    name: 'relayer rate limit on submit',
    rule: { endpoint: 'POST /relayer/submit', times: 1, kind: 'error', status: 429, retryAfterSec: 0 },
    attempts: 2,
  },
  {
    name: 'relayer refuses the submit (400)',
    rule: { endpoint: 'POST /relayer/submit', times: 1, kind: 'error', status: 400 },
    attempts: 2,
  },
];

const SEND_FAULTS: readonly SendFault[] = [
  ...EOA_SEND_FAULTS,
  ...RELAYER_KINDS.flatMap((kind) => RELAYER_SEND_FAULTS.map((f) => ({ ...f, name: `${kind}: ${f.name}`, kind }))),
];

describe('faults at the send: recorded, repaired or retried, never redeemed twice', () => {
  it.each(SEND_FAULTS)('$name', async ({ kind, rule, attempts }) => {
    const g = kind === 'eoa' ? nextGame() : nextRelayerMarket();
    const h = await engineHarness(db(), world, { mode: 'live' });
    let deps: EngineDeps;
    let holder: string;
    let payout = 30_000_000;
    if (kind === 'eoa') {
      deps = withRedemption(h, eoaRedeemer(world));
      holder = world.polymarketAddress;
      payout = await wonTrade(h, deps, g);
      world.polymarketSim.faults.add(rule);
      await settle(deps, h.state, `sf-${g.gammaId}`);
      await healthyRuns(deps, h, `sf-${g.gammaId}`);
    } else {
      const held = await relayerHolding(h, g, kind);
      deps = held.deps;
      holder = held.funder;
      world.polymarketSim.faults.add(rule);
      await redeemOpen(deps, h.state);
      await healthyRedeems(deps, h);
    }
    expect(onChain(g)).toEqual([expect.objectContaining({ paidMicros: payout })]);
    const rec = (await h.store.getRedemption('live', holder, g.conditionId))!;
    expect(rec).toMatchObject({ status: 'confirmed', paidMicros: payout, attempt: attempts });
  });

  it.each(RELAYER_KINDS)(
    '%s: a transaction reverted by the relayer (STATE_FAILED) is retried and redeemed once',
    async (kind) => {
      const g = nextRelayerMarket();
      const h = await engineHarness(db(), world, { mode: 'live' });
      const { deps, funder } = await relayerHolding(h, g, kind);
      chain().revertNext = 'paused (test)';
      const first = await redeemOpen(deps, h.state);
      expect(first[0]).toMatchObject({ state: 'retry' });
      expect(first[0]).toHaveProperty('detail', expect.stringContaining('STATE_FAILED'));
      await healthyRedeems(deps, h);
      expect(onChain(g)).toHaveLength(1);
      expect(await h.store.getRedemption('live', funder, g.conditionId)).toMatchObject({
        status: 'confirmed',
        attempt: 2,
      });
    },
  );
});

describe('no key, relayer key or signature leaks', () => {
  it('logs, error records, notices and stored redemptions hold none of them', async () => {
    const h = await engineHarness(db(), world, { mode: 'live' });
    // Something of everything: an EOA redeem with a refused attempt, Safe and proxy redeems through the relayer.
    const g = nextGame();
    const eoa = withRedemption(h, eoaRedeemer(world));
    await wonTrade(h, eoa, g);
    world.polymarketSim.faults.add({ endpoint: 'POST /rpc', skip: 8, times: 1, kind: 'error', status: 400 });
    await settle(eoa, h.state, 'leak-1');
    await healthyRuns(eoa, h, 'leak');
    const relayerDeps: EngineDeps[] = [];
    for (const kind of RELAYER_KINDS) {
      const { deps } = await relayerHolding(h, nextRelayerMarket(), kind);
      relayerDeps.push(deps);
      world.polymarketSim.faults.add({ endpoint: 'POST /relayer/submit', times: 1, kind: 'error', status: 400 });
      await redeemOpen(deps, h.state);
      await healthyRedeems(deps, h);
    }

    const needles = [
      world.secrets.polymarketPrivateKey,
      world.secrets.polymarketPrivateKey.slice(2),
      SAFE_SIGNER_KEY,
      SAFE_SIGNER_KEY.slice(2),
      PROXY_SIGNER_KEY,
      PROXY_SIGNER_KEY.slice(2),
      RELAYER_KEY,
      ...chain().signaturesSeen.map((x) => x.slice(2).toLowerCase()),
    ];
    expect(chain().signaturesSeen.length).toBeGreaterThan(2);
    const haystack = [
      ...h.logger.lines,
      ...h.notifier.sent.map((n) => `${n.subject} ${n.text}`),
      JSON.stringify(await h.store.listErrors(100)),
      JSON.stringify(await h.store.listRedemptions('live', 100)),
      ...relayerDeps.map((d) => JSON.stringify(d.redemption!.redeemer)),
      JSON.stringify(eoa.redemption!.redeemer),
    ]
      .join('\n')
      .toLowerCase();
    for (const needle of needles) expect(haystack.includes(needle.toLowerCase())).toBe(false);
  });
});
