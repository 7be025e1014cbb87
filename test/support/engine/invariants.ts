/**
 * The one invariant every reliability test ends with: after faults, crashes and a reconcile,
 * the ledger, the bets and the venues tell the same story. Written once here (the engine's
 * fault tests keep theirs private) and returned as a list of discrepancies, so a failure says
 * exactly what disagrees and an empty report is the pass.
 */

import type { BetRecord } from '../../../lib/core/bet';
import type { TradingMode } from '../../../lib/core/mode';
import { utcDay } from '../../../lib/core/time';
import type { BetPage } from '../../../lib/engine/ports';
import type { DynamoStore } from '../../../lib/store';
import { heldByInstrument } from './engine-fixture';
import type { SimWorld } from './sim-world';

export interface VenueSnapshot {
  readonly cashMicros: number;
  /** Shares held per instrument key (instrumentKey form). */
  readonly positions: ReadonlyMap<string, number>;
}

export function snapshotVenues(world: SimWorld): VenueSnapshot {
  const positions = new Map<string, number>();
  for (const p of world.kalshiSim.control.positions(world.kalshiKeyId)) {
    if (p.positionCenti !== 0)
      positions.set(`kalshi:${p.ticker}:${p.positionCenti > 0 ? 'yes' : 'no'}`, Math.abs(p.positionCenti));
  }
  // The Polymarket slot's holdings, whichever Polymarket the world's pair has.
  for (const [key, size] of world.pm.positions()) positions.set(key, size);
  return { cashMicros: world.kalshiCash() + world.polymarketCash(), positions };
}

export interface Discrepancies {
  /** Bets not in a resting state (admitted / placing / unwinding) after reconcile. */
  readonly unfinished: string[];
  /** Instruments where the venue holds shares no bet accounts for. */
  readonly unrecordedExposure: string[];
  /** Instruments where bets claim shares the venue does not hold. */
  readonly phantomHoldings: string[];
  /** Venue cash moved by this much more than the bets recorded (0 = agree). */
  readonly cashMismatchMicros: number;
  /** Ledger balance minus what the bets say it should be (0 = agree). */
  readonly ledgerMismatchMicros: number;
  /** Today's loss counter minus the losses the bets realised (0 = agree). */
  readonly lossCounterMismatchMicros: number;
  /** Intents without an open bet, or open bets without an intent. */
  readonly intentMismatch: string[];
  /** Finished bets whose P&L never reached the ledger. */
  readonly unappliedLedger: string[];
}

export const CLEAN: Discrepancies = {
  unfinished: [],
  unrecordedExposure: [],
  phantomHoldings: [],
  cashMismatchMicros: 0,
  ledgerMismatchMicros: 0,
  lossCounterMismatchMicros: 0,
  intentMismatch: [],
  unappliedLedger: [],
};

export async function allBets(store: Pick<DynamoStore, 'listBets'>, mode: TradingMode): Promise<BetRecord[]> {
  const out: BetRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: BetPage = await store.listBets(mode, { limit: 100, cursor });
    out.push(...page.bets);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/**
 * Compares the store with the simulated venues. `before` is the venues' state and
 * `initialLedgerMicros` the ledger balance when this store's account was created.
 */
export async function discrepancies(
  store: Pick<DynamoStore, 'listBets' | 'getAccount'>,
  mode: TradingMode,
  world: SimWorld,
  before: VenueSnapshot,
  initialLedgerMicros: number,
): Promise<Discrepancies> {
  const bets = await allBets(store, mode);
  const after = snapshotVenues(world);
  const resting = new Set(['open', 'failed', 'unwound', 'settled']);
  const spent = bets.reduce(
    (s, b) => s + b.legs.reduce((t, l) => t + l.filledNotionalMicros + l.filledFeeMicros, 0),
    0,
  );
  const received = bets.reduce((s, b) => s + b.unwinds.reduce((t, u) => t + u.proceedsMicros - u.feeMicros, 0), 0);
  const held = heldByInstrument(bets.filter((b) => b.status !== 'settled'));
  const unrecordedExposure: string[] = [];
  const phantomHoldings: string[] = [];
  for (const key of new Set([...held.keys(), ...after.positions.keys(), ...before.positions.keys()])) {
    const moved = (after.positions.get(key) ?? 0) - (before.positions.get(key) ?? 0);
    const claimed = held.get(key) ?? 0;
    if (moved > claimed) unrecordedExposure.push(`${key}: venue +${moved}, bets ${claimed}`);
    if (moved < claimed) phantomHoldings.push(`${key}: venue +${moved}, bets ${claimed}`);
  }
  const account = await store.getAccount(mode);
  const finished = bets.filter((b) => b.status !== 'open' && resting.has(b.status));
  const finishedPnl = finished.reduce((s, b) => s + (b.result?.pnlMicros ?? 0), 0);
  const reserved = bets.filter((b) => b.status === 'open').reduce((s, b) => s + b.reservedMicros, 0);
  const losses = bets.reduce((s, b) => s + (b.result?.lossMicros ?? 0), 0);
  const day = utcDay(world.clock.now());
  const open = bets.filter((b) => b.status === 'open').map((b) => b.id);
  const intents = Object.keys(account?.intents ?? {});
  return {
    unfinished: bets.filter((b) => !resting.has(b.status)).map((b) => `${b.id}: ${b.status}`),
    unrecordedExposure,
    phantomHoldings,
    cashMismatchMicros: before.cashMicros - after.cashMicros - (spent - received),
    ledgerMismatchMicros: (account?.balanceMicros ?? 0) - (initialLedgerMicros + finishedPnl - reserved),
    lossCounterMismatchMicros: (account?.days[day]?.lossMicros ?? 0) - losses,
    intentMismatch: [
      ...intents.filter((i) => !open.includes(i)).map((i) => `intent ${i} without open bet`),
      ...open.filter((o) => !intents.includes(o)).map((o) => `open bet ${o} without intent`),
    ],
    unappliedLedger: finished.filter((b) => b.ledger !== 'applied').map((b) => b.id),
  };
}
