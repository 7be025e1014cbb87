/**
 * `POST /order` after the checks: walk the book (local/sim/matching.ts), charge the taker fee
 * per fill, move the book, balances and positions, record the order and its trades, and
 * answer in the venue's shape (docs/venues-polymarket.md#p5):
 *   {success, errorMsg, orderID, status, makingAmount, takingAmount, tradeIDs, transactionsHashes}
 * FOK that cannot fill completely and FAK that fills nothing are HTTP 400 `{error}` with the
 * venue's messages; nothing moves. GTC/GTD take what crosses and rest the remainder as a LIVE
 * order (kept off the public book and never filled later: the scenario driver owns the book).
 * Faults: `partial` caps the fill at `fillRatio`; `late` answers `delayed` and hides the
 * outcome from order and trade queries until `delayMs` of sim time have passed (balances and
 * the book move at once; an order that could not fill then shows CANCELED, nothing matched).
 *
 * Size semantics (docs/venues-polymarket.md#p4-market-buy): a FOK/FAK BUY spends its maker
 * amount on every ask at or under its limit (maker ÷ taker), so price improvement delivers MORE
 * shares; a FOK is killed when those asks cannot absorb the whole amount. The sim credits whole
 * centishares (the venue credits 6 decimals: the dust under 0.01 share stays unspent here). A
 * SELL sells its share amount, price improvement paid as more pUSD; GTC/GTD take at most their
 * signed share amount.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { notionalMicros } from '../../../lib/core/money';
import type { FaultRule } from '../faults';
import { matchTaker } from '../matching';
import { matchedOutcome, type SimOrderOutcome } from '../order-audit';
import type { ApiCreds, SimAccount } from './accounts';
import { ERR } from './constants';
import { checkOrder, type OrderPolicy } from './order-checks';
import type { PostOrderBody } from './order-signature';
import type { SimOrder, SimTrade } from './records';
import type { PolymarketSimState } from './state';
import { takerFeeMicros } from './taker-fee';
import { sharesText, usdText } from './wire-numbers';

export interface RouteAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface PlaceOrderResponse {
  success: boolean;
  errorMsg: string;
  orderID: string;
  status: 'matched' | 'live' | 'delayed' | 'unmatched';
  makingAmount: string;
  takingAmount: string;
  tradeIDs: string[];
  transactionsHashes: string[];
}

const txHash = () => `0x${randomBytes(32).toString('hex')}`;

export function placeOrder(
  state: PolymarketSimState,
  auth: { account: SimAccount; creds: ApiCreds },
  body: PostOrderBody,
  policy: OrderPolicy,
  fault: FaultRule | null,
): RouteAnswer {
  const log = (entry: {
    venueOrderId: string | null;
    signatureVerified: boolean;
    outcome: SimOrderOutcome;
    reason: string | null;
    filledCenti: number;
  }) =>
    state.orderLog.record({ atMs: state.clock.now(), account: auth.account.address, clientOrderId: null, ...entry });
  const refused = (venueOrderId: string | null, signatureVerified: boolean, error: string): RouteAnswer => {
    log({ venueOrderId, signatureVerified, outcome: 'rejected', reason: error, filledCenti: 0 });
    return { status: 400, body: { error } };
  };
  const checked = checkOrder(state, auth, body, policy);
  if (!checked.ok) return refused(checked.id, checked.signatureVerified, checked.error);
  const { order: signed } = body;
  const c = checked.order;
  const spec = c.market.spec;
  const book = state.books.get(signed.tokenId);
  if (!book) return refused(c.id, true, ERR.noOrderbook);
  const buy = c.side === 'BUY';
  const levels = buy ? book.asks : book.bids;
  const crosses =
    levels.length > 0 &&
    (buy ? levels[0]!.priceMicros <= c.limitPriceMicros : levels[0]!.priceMicros >= c.limitPriceMicros);
  if (body.postOnly && crosses) return refused(c.id, true, 'invalid post-only order: order crosses book');

  if (fault?.kind === 'reprice')
    repriceBook(book, buy, c.limitPriceMicros, spec.tickMicros, fault.priceShiftMicros ?? 0);
  const now = state.clock.now();
  const result = matchTaker(buy ? book.asks : book.bids, {
    side: buy ? 'buy' : 'sell',
    limitPriceMicros: c.limitPriceMicros,
    sizeCenti: c.sizeCenti,
    tif: body.orderType === 'FOK' ? 'FOK' : 'FAK',
    ...(c.spendMicros !== null ? { spendMicros: c.spendMicros } : {}),
    ...(fault?.kind === 'partial' ? { fillRatio: fault.fillRatio ?? 0.5 } : {}),
  });
  const late = fault?.kind === 'late';
  const unfilled = result.killed
    ? ERR.fokNotFilled
    : result.filledCenti === 0 && body.orderType === 'FAK'
      ? ERR.fakNotFilled
      : null;
  // Without a delay the venue refuses at once; a delayed order is accepted first and found
  // CANCELED with nothing matched once the delay is over.
  if (unfilled)
    log({ venueOrderId: c.id, signatureVerified: true, outcome: 'killed', reason: unfilled, filledCenti: 0 });
  if (unfilled && !late) return { status: 400, body: { error: unfilled } };

  const visibleAtMs = fault?.kind === 'late' ? now + (fault.delayMs ?? 0) : now;
  const feeRateBps = spec.feeRatePpm / 100;
  const record: SimOrder = {
    id: c.id,
    owner: auth.creds.key,
    accountAddress: auth.account.address,
    makerAddress: auth.account.funder,
    conditionId: spec.conditionId,
    tokenId: signed.tokenId,
    outcome: c.outcome,
    side: c.side,
    orderType: body.orderType,
    priceMicros: c.limitPriceMicros,
    originalCenti: c.sizeCenti,
    matchedCenti: 0,
    notionalMicros: 0,
    feeMicros: 0,
    status: 'LIVE',
    createdAtMs: now,
    expiration: signed.expiration,
    tradeIds: [],
    visibleAtMs,
  };
  const hashes: string[] = [];
  for (const fill of unfilled ? [] : result.fills) {
    const notional = notionalMicros(fill.priceMicros, fill.sizeCenti, 'ceil');
    const fee = takerFeeMicros({
      priceMicros: fill.priceMicros,
      sizeCenti: fill.sizeCenti,
      ratePpm: spec.feeRatePpm,
      exponent: spec.feeExponent,
      rounding: policy.feeRounding,
    });
    if (buy) {
      state.accounts.credit(auth.account, -(notional + fee));
      state.accounts.addPosition(auth.account, signed.tokenId, fill.sizeCenti);
    } else {
      state.accounts.addPosition(auth.account, signed.tokenId, -fill.sizeCenti);
      state.accounts.credit(auth.account, notional - fee);
    }
    const trade: SimTrade = {
      id: randomUUID(),
      takerOrderId: c.id,
      owner: auth.creds.key,
      accountAddress: auth.account.address,
      makerAddress: auth.account.funder,
      conditionId: spec.conditionId,
      tokenId: signed.tokenId,
      outcome: c.outcome,
      side: c.side,
      priceMicros: fill.priceMicros,
      sizeCenti: fill.sizeCenti,
      feeMicros: fee,
      feeRateBps,
      matchTimeMs: now,
      transactionHash: txHash(),
      visibleAtMs,
    };
    state.tradeList.push(trade);
    record.tradeIds.push(trade.id);
    hashes.push(trade.transactionHash);
    record.matchedCenti += fill.sizeCenti;
    record.notionalMicros += notional;
    record.feeMicros += fee;
    state.lastTradeMicros.set(signed.tokenId, fill.priceMicros);
  }
  if (!unfilled && result.fills.length > 0) {
    if (buy) book.asks = result.remaining;
    else book.bids = result.remaining;
    book.updatedAtMs = now;
  }
  const resting = body.orderType === 'GTC' || body.orderType === 'GTD';
  if (unfilled) record.status = 'CANCELED';
  else record.status = resting && record.matchedCenti < record.originalCenti ? 'LIVE' : 'MATCHED';
  state.orderById.set(record.id, record);
  state.seenOrders.add(record.id);
  state.seenOrders.add(signed.signature.toLowerCase());
  if (!unfilled) {
    const outcome = matchedOutcome(record.matchedCenti, record.originalCenti, record.status === 'LIVE');
    log({ venueOrderId: record.id, signatureVerified: true, outcome, reason: null, filledCenti: record.matchedCenti });
  }

  const filled = record.matchedCenti > 0;
  if (fault?.kind === 'late') {
    return { status: 200, body: answer(record.id, 'delayed', '', '', [], []) };
  }
  const making = buy ? usdText(record.notionalMicros) : sharesText(record.matchedCenti);
  const taking = buy ? sharesText(record.matchedCenti) : usdText(record.notionalMicros);
  return filled
    ? { status: 200, body: answer(record.id, 'matched', making, taking, record.tradeIds, hashes) }
    : { status: 200, body: answer(record.id, 'live', '', '', [], []) };
}

function answer(
  orderID: string,
  status: PlaceOrderResponse['status'],
  makingAmount: string,
  takingAmount: string,
  tradeIDs: string[],
  transactionsHashes: string[],
): PlaceOrderResponse {
  return {
    success: true,
    errorMsg: '',
    orderID,
    status,
    makingAmount,
    takingAmount,
    tradeIDs: [...tradeIDs],
    transactionsHashes,
  };
}

/**
 * Fault `reprice` (local/sim/faults.ts): the side the order takes moves by `shift`, clamped to the
 * order's limit and to (0, 1); levels that meet at one price are merged, best first.
 */
function repriceBook(
  book: {
    asks: Array<{ priceMicros: number; sizeCenti: number }>;
    bids: Array<{ priceMicros: number; sizeCenti: number }>;
  },
  buy: boolean,
  limitMicros: number,
  tickMicros: number,
  shift: number,
): void {
  const moved = new Map<number, number>();
  for (const level of buy ? book.asks : book.bids) {
    let price = level.priceMicros + shift;
    // Never past the order's own limit, in the direction the shift moves the level.
    if (buy && shift > 0 && level.priceMicros <= limitMicros)
      price = Math.min(price, Math.floor(limitMicros / tickMicros) * tickMicros);
    if (!buy && shift < 0 && level.priceMicros >= limitMicros)
      price = Math.max(price, Math.ceil(limitMicros / tickMicros) * tickMicros);
    price = Math.min(1_000_000 - tickMicros, Math.max(tickMicros, price));
    moved.set(price, (moved.get(price) ?? 0) + level.sizeCenti);
  }
  const levels = [...moved].map(([priceMicros, sizeCenti]) => ({ priceMicros, sizeCenti }));
  levels.sort((a, b) => (buy ? a.priceMicros - b.priceMicros : b.priceMicros - a.priceMicros));
  if (buy) book.asks = levels;
  else book.bids = levels;
}
