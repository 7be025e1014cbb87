/**
 * Order execution of the simulated Kalshi (docs/venues-kalshi.md#k4): a V2 event order is a `bid` (buy
 * YES at up to `price`) or an `ask` (sell YES at `price` or better = buy NO at 1 − price).
 * Takers walk the simulated book level by level (local/sim/matching.ts). Positions net YES
 * against NO in one signed number, so buying the side opposite a holding redeems pairs at $1.
 * Resting GTC remainders are recorded but never matched later (the driver owns the book).
 */
import { divRound, PAYOUT_MICROS } from '../../../lib/core/money';
import { matchTaker, type RestingLevel } from '../matching';
import { badRequest, duplicateClientOrderId, fokKilled, insufficientBalance, marketClosed } from './errors';
import { FeeAccumulator, tradeFeeMicros } from './fees';
import type { KalshiSimState, SimAccount, SimFill, SimOrder, SimPosition } from './state';

export interface OrderInput {
  readonly ticker: string;
  readonly bookSide: 'bid' | 'ask';
  readonly yesPriceMicros: number;
  readonly countCenti: number;
  readonly tif: SimOrder['tif'];
  readonly selfTradePrevention: string;
  readonly clientOrderId?: string;
  /** `reduce_only`: the count is capped by the current position (docs/venues-kalshi.md#k4-reduce-only). */
  readonly reduceOnly?: boolean;
}

export interface OrderFaults {
  /** `partial` fault: fill at most this share of the order. */
  readonly fillRatio?: number;
  /** `late` fault: the fill shows in reads only this many sim-ms later. */
  readonly reportDelayMs?: number;
}

interface PlannedFill {
  readonly countCenti: number;
  readonly yesPriceMicros: number;
  readonly costMicros: number;
  readonly feeMicros: number;
  readonly balanceDeltaMicros: number;
}

const UNIT_PAYOUT_PER_CENTI = PAYOUT_MICROS / 100;

export function placeOrder(
  state: KalshiSimState,
  account: SimAccount,
  input: OrderInput,
  faults: OrderFaults = {},
): SimOrder {
  const market = state.market(input.ticker);
  if (market.status !== 'active') throw marketClosed(input.ticker);
  const tick = market.spec.tickMicros;
  if (input.yesPriceMicros <= 0 || input.yesPriceMicros >= PAYOUT_MICROS || input.yesPriceMicros % tick !== 0) {
    throw badRequest(`price must be on the market's ${tick / 1e6} tick strictly between 0 and 1`);
  }
  if (input.countCenti <= 0) throw badRequest('count must be positive');
  // Fractional counts only "on markets with fractional trading enabled"; elsewhere whole contracts
  // (docs/venues-kalshi.md#k1-fractional). The venue's error code for this is unverified.
  if (!market.spec.fractional && input.countCenti % 100 !== 0) {
    throw badRequest('count must be a whole number of contracts on this market');
  }
  const clientOrderId = input.clientOrderId ?? state.nextId('coid');
  if (account.clientOrderIds.has(clientOrderId)) throw duplicateClientOrderId(clientOrderId);

  const bid = input.bookSide === 'bid';
  const pos = account.positions.get(input.ticker);
  const held = pos?.positionCenti ?? 0;
  // Contracts of this order that close a holding: a bid closes NO, an ask closes YES.
  const closable = bid ? Math.max(0, -held) : Math.max(0, held);
  // reduce_only: "the order place count should be capped by the member's current position"
  // (kalshi-typescript 3.30.0 CreateOrderV2Request, docs/venues-kalshi.md#k4-reduce-only). Nothing
  // to reduce (flat, or holding the side this order would buy) caps it at 0: nothing trades.
  const countCenti = input.reduceOnly ? Math.min(input.countCenti, closable) : input.countCenti;
  if (countCenti === 0) return recordUnfilled(state, account, input, clientOrderId);
  // bid buys YES against YES asks (= 1 − NO bids); ask sells YES into the YES bids.
  const levels: RestingLevel[] = bid
    ? market.noBids.map((l) => ({ priceMicros: PAYOUT_MICROS - l.priceMicros, sizeCenti: l.sizeCenti }))
    : market.yesBids.map((l) => ({ ...l }));
  const match = matchTaker(levels, {
    side: bid ? 'buy' : 'sell',
    limitPriceMicros: input.yesPriceMicros,
    sizeCenti: countCenti,
    tif: input.tif === 'fill_or_kill' ? 'FOK' : 'IOC',
    ...(faults.fillRatio !== undefined ? { fillRatio: faults.fillRatio } : {}),
  });
  if (match.killed) throw fokKilled();

  const fee = state.seriesOf(market).fee;
  // Cash the whole order could need at its limit: contracts that do not close a holding.
  const ownLimit = bid ? input.yesPriceMicros : PAYOUT_MICROS - input.yesPriceMicros;
  const opening = Math.max(0, countCenti - closable);
  // Closing contracts pay for themselves: each redeemed pair returns $1 − own price.
  const closingProceeds = divRound(
    BigInt(Math.min(countCenti, closable)) * BigInt(PAYOUT_MICROS - ownLimit),
    100,
    'floor',
  );
  const worstCase =
    divRound(BigInt(opening) * BigInt(ownLimit), 100, 'ceil') +
    tradeFeeMicros('taker', ownLimit, countCenti, fee) -
    closingProceeds;
  if (worstCase > account.balanceMicros) throw insufficientBalance();

  const accumulator = new FeeAccumulator(account.precisionMicros);
  let simulatedHeld = held;
  const planned: PlannedFill[] = match.fills.map((f) => {
    const ownPrice = bid ? f.priceMicros : PAYOUT_MICROS - f.priceMicros;
    const cost = (ownPrice * f.sizeCenti) / 100;
    const netted = Math.min(f.sizeCenti, bid ? Math.max(0, -simulatedHeld) : Math.max(0, simulatedHeld));
    simulatedHeld += bid ? f.sizeCenti : -f.sizeCenti;
    const money = accumulator.settleFill(
      -cost + netted * UNIT_PAYOUT_PER_CENTI,
      tradeFeeMicros('taker', ownPrice, f.sizeCenti, fee),
    );
    return { countCenti: f.sizeCenti, yesPriceMicros: f.priceMicros, costMicros: cost, ...money };
  });
  const delta = planned.reduce((s, f) => s + f.balanceDeltaMicros, 0);
  if (account.balanceMicros + delta < 0) throw insufficientBalance();

  // Commit: book, balance, position, fills, order.
  const now = state.clock.now();
  const remainingBook = match.remaining;
  if (bid)
    market.noBids = remainingBook.map((l) => ({ priceMicros: PAYOUT_MICROS - l.priceMicros, sizeCenti: l.sizeCenti }));
  else market.yesBids = remainingBook;
  account.balanceMicros += delta;
  account.updatedMs = now;
  account.clientOrderIds.add(clientOrderId);

  const reportAtMs = now + (faults.reportDelayMs ?? 0);
  const orderId = state.nextId('order');
  const position = pos ?? newPosition(input.ticker, market.eventTicker, now);
  account.positions.set(input.ticker, position);
  let filled = 0;
  let costTotal = 0;
  let feeTotal = 0;
  for (const f of planned) {
    applyToPosition(position, bid, f, now);
    filled += f.countCenti;
    costTotal += f.costMicros;
    feeTotal += f.feeMicros;
    market.volumeCenti += f.countCenti;
    market.lastPriceMicros = f.yesPriceMicros;
    const fill: SimFill = {
      fillId: state.nextId('fill'),
      orderId,
      ticker: input.ticker,
      bookSide: input.bookSide,
      countCenti: f.countCenti,
      yesPriceMicros: f.yesPriceMicros,
      feeMicros: f.feeMicros,
      createdMs: now,
      reportAtMs,
    };
    account.fills.push(fill);
  }
  const rests = input.tif === 'good_till_canceled' && filled < countCenti;
  const order: SimOrder = {
    orderId,
    clientOrderId,
    ticker: input.ticker,
    bookSide: input.bookSide,
    yesPriceMicros: input.yesPriceMicros,
    initialCenti: input.countCenti,
    tif: input.tif,
    selfTradePrevention: input.selfTradePrevention,
    createdMs: now,
    fillCenti: filled,
    remainingCenti: rests ? countCenti - filled : 0,
    status: rests ? 'resting' : filled === countCenti ? 'executed' : 'canceled',
    takerFeesMicros: feeTotal,
    takerFillCostMicros: costTotal,
    updatedMs: now,
    reportAtMs,
  };
  account.orders.push(order);
  return order;
}

/** A reduce-only order with nothing to reduce: accepted, nothing traded, nothing left to rest. */
function recordUnfilled(
  state: KalshiSimState,
  account: SimAccount,
  input: OrderInput,
  clientOrderId: string,
): SimOrder {
  const now = state.clock.now();
  account.clientOrderIds.add(clientOrderId);
  const order: SimOrder = {
    orderId: state.nextId('order'),
    clientOrderId,
    ticker: input.ticker,
    bookSide: input.bookSide,
    yesPriceMicros: input.yesPriceMicros,
    initialCenti: input.countCenti,
    tif: input.tif,
    selfTradePrevention: input.selfTradePrevention,
    createdMs: now,
    fillCenti: 0,
    remainingCenti: 0,
    status: 'canceled',
    takerFeesMicros: 0,
    takerFillCostMicros: 0,
    updatedMs: now,
    reportAtMs: now,
  };
  account.orders.push(order);
  return order;
}

/** Cancels what rests; a finished order is left as it is (reduced by 0). */
export function cancelOrder(state: KalshiSimState, order: SimOrder): number {
  if (order.status !== 'resting') return 0;
  const reduced = order.remainingCenti;
  order.remainingCenti = 0;
  order.status = 'canceled';
  order.updatedMs = state.clock.now();
  return reduced;
}

function newPosition(ticker: string, eventTicker: string, now: number): SimPosition {
  return {
    ticker,
    eventTicker,
    positionCenti: 0,
    costBasisMicros: 0,
    totalTradedMicros: 0,
    realizedPnlMicros: 0,
    feesPaidMicros: 0,
    updatedMs: now,
  };
}

function applyToPosition(p: SimPosition, bid: boolean, f: PlannedFill, now: number): void {
  const opposite = bid ? Math.max(0, -p.positionCenti) : Math.max(0, p.positionCenti);
  const netted = Math.min(f.countCenti, opposite);
  if (netted > 0) {
    // Pairs redeem at $1: realise them against the share of basis they carried.
    const basisOut = divRound(BigInt(p.costBasisMicros) * BigInt(netted), opposite, 'half-up');
    const nettedCost = divRound(BigInt(f.costMicros) * BigInt(netted), f.countCenti, 'half-up');
    p.realizedPnlMicros += netted * UNIT_PAYOUT_PER_CENTI - basisOut - nettedCost;
    p.costBasisMicros -= basisOut;
  }
  const opened = f.countCenti - netted;
  if (opened > 0) {
    p.costBasisMicros += divRound(BigInt(f.costMicros) * BigInt(opened), f.countCenti, 'half-up');
  }
  p.positionCenti += bid ? f.countCenti : -f.countCenti;
  p.totalTradedMicros += f.costMicros;
  p.feesPaidMicros += f.feeMicros;
  p.realizedPnlMicros -= f.feeMicros;
  p.updatedMs = now;
}
