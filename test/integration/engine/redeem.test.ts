/**
 * The redemption step of settle (lib/engine/redeem.ts) against the Polymarket simulator's chain
 * emulation, with the real clients: an EOA that sends its own transaction, a proxy wallet, a
 * Safe and a deposit wallet through the relayer. Each case ends with the venue's cash matching
 * the ledger and the condition redeemed exactly once; a relayer transaction that never finishes
 * goes to the operator once.
 */
import type { BetRecord } from '../../../lib/core/bet';
import { type EngineDeps, redeemOpen, scan, settle } from '../../../lib/engine';
import { PaperRedeemer } from '../../../lib/venues/paper-redeemer';
import { useDynalite } from '../../support/dynalite';
import { clearBooks, type EngineHarness, engineHarness, setArbBooks } from '../../support/engine/engine-fixture';
import {
  addPolymarketOnly,
  eoaRedeemer,
  PROXY_ADDRESS,
  PROXY_SIGNER_KEY,
  RELAYER_KEY,
  redeemerOf,
  redeemGames,
  relayerOnlyMarkets,
  relayerRedeemer,
  TEN_POL,
  withRedemption,
} from '../../support/engine/redeem-world';
import { type GameSpec, kalshiTicker, type SimWorld, startSimWorld } from '../../support/engine/sim-world';

const db = useDynalite();
const MORE_GAMES = redeemGames(31);
/** Polymarket-only markets for the relayer wallets (shares put on the wallet, no trade). */
const RELAYER_MARKETS = relayerOnlyMarkets(41, 'relayer');
let world: SimWorld;
beforeAll(async () => {
  world = await startSimWorld({ redemption: 'onchain' });
  for (const g of MORE_GAMES) world.addGame(g);
  for (const g of RELAYER_MARKETS) addPolymarketOnly(world, g);
});
afterAll(() => world.close());

let game = 0;
/** Each case takes a game of its own (a resolution is final). */
function nextGame(): GameSpec {
  const g = MORE_GAMES[game++];
  if (!g) throw new Error('out of games');
  return g;
}
let market = 0;
function nextMarket(): GameSpec {
  const g = RELAYER_MARKETS[market++];
  if (!g) throw new Error('out of markets');
  return g;
}

/** Trades `g` (Kalshi home YES + Polymarket away) and returns the open bet. */
async function openBet(h: EngineHarness, deps: EngineDeps, g: GameSpec): Promise<BetRecord> {
  for (const other of MORE_GAMES) clearBooks(world, other);
  setArbBooks(world, 4_000, g);
  const report = await scan(deps, h.state, { eventId: `evt-${g.eventTicker}-${game}` });
  expect(report.traded).toBe(1);
  clearBooks(world, g);
  return (await h.store.listBets('live', { limit: 1 })).bets[0]!;
}

/** The away team wins: the Polymarket leg pays on chain, once redeemed. */
function awayWins(g: GameSpec): void {
  world.polymarketSim.control.resolve(g.conditionId, { winnerTokenId: g.away.tokenId });
  world.kalshiSim.control.settle(kalshiTicker(g, 'home'), 'no');
  world.kalshiSim.control.settle(kalshiTicker(g, 'away'), 'yes');
}

const cash = () => world.kalshiCash() + world.polymarketCash();
const redemptionsOf = (g: GameSpec) =>
  world.polymarketSim.chain.redemptions.filter((r) => r.conditionId === g.conditionId.toLowerCase());

describe('redemption (EOA)', () => {
  it('a won Polymarket leg is redeemed once after settlement; cash returns to the ledger', async () => {
    const g = nextGame();
    const h = await engineHarness(db(), world, { mode: 'live' });
    const deps = withRedemption(h, eoaRedeemer(world));
    const ledger0 = (await h.store.getAccount('live'))!.balanceMicros;
    const cash0 = cash();
    const bet = await openBet(h, deps, g);
    awayWins(g);
    const report = await settle(deps, h.state, 'settle-1');
    expect(report.bets.map((b) => b.state)).toEqual(['settled']);
    const pmLeg = bet.legs.find((l) => l.venue === 'polymarket')!;
    const payout = pmLeg.filledCenti * 10_000;
    expect(report.redemptions).toEqual([{ conditionId: g.conditionId, state: 'confirmed', paidMicros: payout }]);

    const rec = (await h.store.getRedemption('live', world.polymarketAddress, g.conditionId))!;
    expect(rec).toMatchObject({
      status: 'confirmed',
      walletKind: 'eoa',
      paidMicros: payout,
      bets: { [bet.id]: payout },
    });
    expect(rec.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(BigInt(rec.gasCostWei)).toBeGreaterThan(0n);
    expect(rec.collateralAfterMicros! - rec.collateralBeforeMicros!).toBe(payout);
    // A second run sends nothing more.
    const again = await settle(deps, h.state, 'settle-2');
    expect(again.redemptions).toEqual([]);
    expect(redemptionsOf(g)).toHaveLength(1);
    expect(world.polymarketSim.chain.calls.get('eth_sendRawTransaction')).toBe(1);
    // The ledger and the venues moved by the same amount.
    const ledgerDelta = (await h.store.getAccount('live'))!.balanceMicros - ledger0;
    expect(ledgerDelta - (cash() - cash0)).toBe(0);
  });

  it('waits while the condition is not resolved on chain, then redeems', async () => {
    const g = nextGame();
    const h = await engineHarness(db(), world, { mode: 'live' });
    const deps = withRedemption(h, eoaRedeemer(world));
    await openBet(h, deps, g);
    world.polymarketSim.chain.unreported.add(g.conditionId.toLowerCase());
    awayWins(g);
    const sends = world.polymarketSim.chain.calls.get('eth_sendRawTransaction') ?? 0;
    const first = await settle(deps, h.state, 'settle-1');
    expect(first.redemptions).toEqual([
      { conditionId: g.conditionId, state: 'retry', detail: 'condition not resolved on chain yet' },
    ]);
    // Backing off: the next run does not even look.
    expect((await settle(deps, h.state, 'settle-2')).redemptions[0]).toMatchObject({ state: 'waiting' });
    world.polymarketSim.chain.unreported.delete(g.conditionId.toLowerCase());
    world.clock.advance(61_000);
    expect((await settle(deps, h.state, 'settle-3')).redemptions[0]).toMatchObject({ state: 'confirmed' });
    expect(world.polymarketSim.chain.calls.get('eth_sendRawTransaction')).toBe(sends + 1);
    const rec = (await h.store.getRedemption('live', world.polymarketAddress, g.conditionId))!;
    expect(rec.causes.map((c) => c.cause)).toEqual(['condition not resolved on chain yet']);
  });

  it('too little POL: a clear notice, no send; redeems once funded', async () => {
    const g = nextGame();
    const h = await engineHarness(db(), world, { mode: 'live' });
    const pol = world.polymarketSim.chain.polWei.get(world.polymarketAddress.toLowerCase()) ?? 0n;
    world.polymarketSim.chain.polWei.set(world.polymarketAddress.toLowerCase(), 0n);
    const deps = withRedemption(h, eoaRedeemer(world, 0n));
    await openBet(h, deps, g);
    awayWins(g);
    const first = await settle(deps, h.state, 'settle-1');
    expect(first.redemptions[0]).toMatchObject({ state: 'retry' });
    expect(first.redemptions[0]).toHaveProperty('detail', expect.stringMatching(/holds 0\.000000 POL/));
    const notice = h.notifier.sent.find((n) => n.subject.includes('too little POL'));
    expect(notice?.text).toContain(world.polymarketAddress.toLowerCase());
    expect(redemptionsOf(g)).toHaveLength(0);
    world.polymarketSim.chain.polWei.set(world.polymarketAddress.toLowerCase(), pol + TEN_POL);
    world.clock.advance(61_000);
    expect((await settle(deps, h.state, 'settle-2')).redemptions[0]).toMatchObject({ state: 'confirmed' });
    expect(redemptionsOf(g)).toHaveLength(1);
  });

  it('a reverted transaction is recorded with its gas, retried with backoff, redeemed once', async () => {
    const g = nextGame();
    const h = await engineHarness(db(), world, { mode: 'live' });
    const deps = withRedemption(h, eoaRedeemer(world));
    const bet = await openBet(h, deps, g);
    awayWins(g);
    world.polymarketSim.chain.revertNext = 'paused (test)';
    const first = await settle(deps, h.state, 'settle-1');
    expect(first.redemptions[0]).toMatchObject({ state: 'retry', detail: 'the transaction reverted' });
    const failed = (await h.store.getRedemption('live', world.polymarketAddress, g.conditionId))!;
    expect(failed).toMatchObject({ status: 'pending', attempt: 1, prepared: null });
    expect(BigInt(failed.gasCostWei)).toBeGreaterThan(0n);
    world.clock.advance(61_000);
    expect((await settle(deps, h.state, 'settle-2')).redemptions[0]).toMatchObject({ state: 'confirmed' });
    const done = (await h.store.getRedemption('live', world.polymarketAddress, g.conditionId))!;
    expect(done.attempt).toBe(2);
    expect(BigInt(done.gasCostWei)).toBeGreaterThan(BigInt(failed.gasCostWei));
    expect(redemptionsOf(g)).toEqual([expect.objectContaining({ paidMicros: done.paidMicros })]);
    expect(done.paidMicros).toBe(bet.legs.find((l) => l.venue === 'polymarket')!.filledCenti * 10_000);
  });
});

/** Puts shares of `g`'s away token on `funder`'s account, resolves it, and notes the redemption. */
async function heldAndResolved(h: EngineHarness, deps: EngineDeps, g: GameSpec, signer: string, centi: number) {
  const state = world.polymarketSim.state;
  state.accounts.addPosition(state.accounts.get(signer)!, g.away.tokenId, centi);
  world.polymarketSim.control.resolve(g.conditionId, { winnerTokenId: g.away.tokenId });
  await deps.redemption!.store.noteRedemption({
    mode: 'live',
    holder: deps.redemption!.redeemer.holder,
    walletKind: deps.redemption!.redeemer.walletKind,
    conditionId: g.conditionId,
    betId: `bet-${g.gammaId}`,
    expectedMicros: centi * 10_000,
    nowMs: world.clock.now(),
  });
}

describe('redemption through the relayer', () => {
  it.each(['proxy', 'safe', 'deposit'] as const)(
    '%s wallet: submitted, confirmed by the relayer, paid once',
    async (kind) => {
      const g = nextMarket();
      const h = await engineHarness(db(), world, { mode: 'live' });
      const { signer, funder, redeemer } = relayerRedeemer(world, kind);
      const deps = withRedemption(h, redeemer);
      const before = world.polymarketSim.state.account(signer)!.balanceMicros;
      await heldAndResolved(h, deps, g, signer, 2_500);
      world.polymarketSim.chain.relayerLagPolls = 1;
      const first = await redeemOpen(deps, h.state);
      expect(first[0]).toMatchObject({ state: 'pending', detail: 'STATE_NEW' });
      const second = await redeemOpen(deps, h.state);
      world.polymarketSim.chain.relayerLagPolls = 0;
      expect(second).toEqual([{ conditionId: g.conditionId, state: 'confirmed', paidMicros: 25_000_000 }]);
      expect(world.polymarketSim.state.account(signer)!.balanceMicros - before).toBe(25_000_000);
      const rec = (await h.store.getRedemption('live', funder, g.conditionId))!;
      expect(rec).toMatchObject({ status: 'confirmed', walletKind: kind, gasCostWei: '0' });
      expect(rec.relayerId).toMatch(/^[0-9a-f-]{36}$/);
      expect(redemptionsOf(g)).toEqual([expect.objectContaining({ via: 'relayer', paidMicros: 25_000_000 })]);
      expect(world.polymarketSim.chain.calls.get('relayer submit')).toBeGreaterThan(0);
    },
  );

  it('proxy wallet: the attempt records the relay and the estimated gas limit it signed', async () => {
    const g = nextMarket();
    const h = await engineHarness(db(), world, { mode: 'live' });
    const { signer, redeemer } = relayerRedeemer(world, 'proxy');
    const deps = withRedemption(h, redeemer);
    await heldAndResolved(h, deps, g, signer, 1_200);
    expect(await redeemOpen(deps, h.state)).toEqual([
      { conditionId: g.conditionId, state: 'confirmed', paidMicros: 12_000_000 },
    ]);
    const rec = (await h.store.getRedemption('live', PROXY_ADDRESS, g.conditionId))!;
    expect(rec.prepared).toEqual({
      kind: 'relayer',
      nonce: expect.stringMatching(/^\d+$/),
      deadline: null,
      relay: '0x5e1a700000000000000000000000000000000001',
      gasLimit: '150000',
    });
    const tx = world.polymarketSim.chain.relayerTxs.find((t) => t.transactionID === rec.relayerId)!;
    expect(tx).toMatchObject({ type: 'PROXY', to: '0xab45c5a4b0c941a2f231c04c3f49182e1a254052' });
    expect(tx.proxyAddress).toBe(PROXY_ADDRESS);
  });

  it('proxy wallet: a missing adapter approval stops it before the gas estimate and the relayer', async () => {
    const g = nextMarket();
    const h = await engineHarness(db(), world, { mode: 'live' });
    const { signer, redeemer } = relayerRedeemer(world, 'proxy');
    const deps = withRedemption(h, redeemer);
    await heldAndResolved(h, deps, g, signer, 1_000);
    // The payout is reported, but the proxy wallet has not approved the adapter on the CTF.
    world.polymarketSim.chain.unapproved.add(`${PROXY_ADDRESS}#0xada100db00ca00073811820692005400218fce1f`);
    const submits = world.polymarketSim.chain.calls.get('relayer submit') ?? 0;
    const estimates = world.polymarketSim.chain.calls.get('eth_estimateGas') ?? 0;
    const out = await redeemOpen(deps, h.state);
    world.polymarketSim.chain.unapproved.clear();
    // The approval read stops it first (left to the operator), before any estimate or submission.
    expect(out[0]).toMatchObject({ state: 'attention' });
    expect(out[0]).toHaveProperty('detail', expect.stringContaining('has not approved the collateral adapter'));
    expect(world.polymarketSim.chain.calls.get('eth_estimateGas') ?? 0).toBe(estimates);
    expect(world.polymarketSim.chain.calls.get('relayer submit') ?? 0).toBe(submits);
    expect(redemptionsOf(g)).toHaveLength(0);
  });

  it('a wallet of the wrong kind is refused by the relayer: recorded, retried, never redeemed', async () => {
    const g = nextMarket();
    const h = await engineHarness(db(), world, { mode: 'live' });
    // Configured as a deposit wallet, but the account signs as a Safe (type 2) at the venue.
    const { signer, funder, redeemer } = relayerRedeemer(world, 'deposit', 2);
    world.polymarketSim.state.accounts.register({ address: signer, funder, signatureType: 2 });
    const deps = withRedemption(h, redeemer, { maxAttempts: 2 });
    await heldAndResolved(h, deps, g, signer, 1_000);
    const out = await redeemOpen(deps, h.state);
    expect(out[0]).toMatchObject({ state: 'retry' });
    expect(out[0]).toHaveProperty('detail', expect.stringContaining('wallet type mismatch'));
    expect(redemptionsOf(g)).toHaveLength(0);
    const rec = (await h.store.getRedemption('live', funder, g.conditionId))!;
    expect(rec.causes[0]?.cause).toContain('wallet type mismatch');
    expect(rec.status).toBe('pending');
    // The relayer key never reaches a record.
    expect(JSON.stringify(rec)).not.toContain(RELAYER_KEY);
    world.polymarketSim.state.accounts.register({ address: signer, funder, signatureType: 3 });
  });
});

describe('a relayer transaction that never finishes', () => {
  const stickers: ReadonlyArray<readonly [string, () => void]> = [
    [
      'never listed',
      () => {
        world.polymarketSim.chain.relayerUnlisted = true;
      },
    ],
    [
      'stuck at STATE_NEW',
      () => {
        world.polymarketSim.chain.relayerLagPolls = 1_000_000;
      },
    ],
  ];
  it.each(stickers)('%s: pending until the stuck time, then one alert and nothing more sent', async (_name, stick) => {
    const g = nextMarket();
    const h = await engineHarness(db(), world, { mode: 'live' });
    const { signer, funder, redeemer } = relayerRedeemer(world, 'proxy');
    const deps = withRedemption(h, redeemer, { relayerStuckAfterMs: 30 * 60_000 });
    await heldAndResolved(h, deps, g, signer, 1_000);
    const submits = world.polymarketSim.chain.calls.get('relayer submit') ?? 0;
    stick();
    try {
      expect((await redeemOpen(deps, h.state))[0]).toMatchObject({ state: 'pending' });
      world.clock.advance(29 * 60_000);
      expect((await redeemOpen(deps, h.state))[0]).toMatchObject({ state: 'pending' });
      expect(h.notifier.sent.filter((n) => n.subject.includes('redemption needs you'))).toHaveLength(0);
      world.clock.advance(60_000);
      const stuck = await redeemOpen(deps, h.state);
      expect(stuck[0]).toMatchObject({ state: 'attention' });
      expect(stuck[0]).toHaveProperty(
        'detail',
        expect.stringMatching(/^relayer transaction [0-9a-f-]{36} not final after 30 min/),
      );
      for (let i = 0; i < 3; i++) {
        world.clock.advance(60 * 60_000);
        expect(await redeemOpen(deps, h.state)).toEqual([]);
      }
    } finally {
      world.polymarketSim.chain.relayerUnlisted = false;
      world.polymarketSim.chain.relayerLagPolls = 0;
    }
    const alerts = h.notifier.sent.filter((n) => n.subject.includes('redemption needs you'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain(g.conditionId);
    expect(world.polymarketSim.chain.calls.get('relayer submit')).toBe(submits + 1);
    expect(await h.store.getRedemption('live', funder, g.conditionId)).toMatchObject({
      status: 'attention',
      attempt: 1,
    });
  });
});

describe('redemption in paper mode', () => {
  it('goes through the same records without a chain, paid what settlement booked', async () => {
    const g = nextGame();
    const h = await engineHarness(db(), world, { mode: 'paper' });
    const deps: EngineDeps = { ...h.deps, redemption: { redeemer: new PaperRedeemer(), store: h.store } };
    const sends = world.polymarketSim.chain.calls.get('eth_sendRawTransaction') ?? 0;
    for (const other of MORE_GAMES) clearBooks(world, other);
    setArbBooks(world, 4_000, g);
    expect((await scan(deps, h.state, { eventId: `paper-${g.eventTicker}` })).traded).toBe(1);
    const bet = (await h.store.listBets('paper', { limit: 1 })).bets[0]!;
    awayWins(g);
    const report = await settle(deps, h.state, 'paper-settle');
    const payout = bet.legs.find((l) => l.venue === 'polymarket')!.filledCenti * 10_000;
    expect(report.redemptions).toEqual([{ conditionId: g.conditionId, state: 'confirmed', paidMicros: payout }]);
    expect(world.polymarketSim.chain.calls.get('eth_sendRawTransaction') ?? 0).toBe(sends);
  });
});

describe('preflight of the wallet kinds against the simulator', () => {
  it('EOA: RPC on chain 137, the adapter approved, POL for gas; too little POL fails with the address', async () => {
    const redeemer = eoaRedeemer(world);
    const checks = await redeemer.preflightChecks!();
    expect(checks.map((c) => [c.id, c.result])).toEqual([
      ['redeem.rpc', 'pass'],
      ['redeem.approval', 'pass'],
      ['redeem.gas', 'pass'],
    ]);
    const address = world.polymarketAddress.toLowerCase();
    const pol = world.polymarketSim.chain.polWei.get(address) ?? 0n;
    world.polymarketSim.chain.polWei.set(address, 0n);
    const poor = await redeemer.preflightChecks!();
    world.polymarketSim.chain.polWei.set(address, pol);
    expect(poor.find((c) => c.id === 'redeem.gas')).toMatchObject({ result: 'fail', required: true });
    expect(poor.find((c) => c.id === 'redeem.gas')?.fix).toContain(address);
  });

  it('proxy: the funder is the owner’s derived proxy wallet, the relayer answers; another funder fails', async () => {
    const { redeemer } = relayerRedeemer(world, 'proxy');
    expect((await redeemer.preflightChecks!()).map((c) => [c.id, c.result])).toEqual([
      ['redeem.proxy-wallet', 'pass'],
      ['redeem.rpc', 'pass'],
      ['redeem.approval', 'pass'],
      ['redeem.relayer', 'pass'],
    ]);
    const wrong = redeemerOf(world, {
      walletKind: 'proxy',
      privateKey: PROXY_SIGNER_KEY,
      funderAddress: '0x5afe00000000000000000000000000000000c0de',
      relayerApiKey: RELAYER_KEY,
      relayerApiKeyAddress: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
    });
    const checks = await wrong.preflightChecks!();
    expect(checks[0]).toMatchObject({ id: 'redeem.proxy-wallet', result: 'fail', required: true });
    expect(checks[0]!.detail).toContain(PROXY_ADDRESS);
    expect(checks[0]!.fix).toContain('docs/deploy.md#redemption');
  });

  it('Safe: the relayer answers; a missing approval fails', async () => {
    const { funder, redeemer } = relayerRedeemer(world, 'safe');
    world.polymarketSim.chain.unapproved.add(`${funder}#0xada100db00ca00073811820692005400218fce1f`);
    const checks = await redeemer.preflightChecks!();
    world.polymarketSim.chain.unapproved.clear();
    expect(checks.map((c) => [c.id, c.result])).toEqual([
      ['redeem.rpc', 'pass'],
      ['redeem.approval', 'fail'],
      ['redeem.relayer', 'pass'],
    ]);
  });
});
