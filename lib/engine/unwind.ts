/**
 * Unwinding a leg whose partner did not fill (docs/engine.md#execute-and-the-bet-lifecycle): IOC sells down a price ladder,
 * bounded in steps, time and price (never below the buy limit minus `maxDiscountMicros`, the
 * figure the admission reserved as worst-case loss). Every sell is recorded on the bet; a sell
 * whose outcome is unknown stops the ladder so reconcile can look it up before anything else.
 */

import { type BetRecord, unwindClientOrderIdFor } from '../core/bet';
import { type Centishares, type PriceMicros, roundToTick } from '../core/money';
import { orderRulesOf } from '../core/order-precision';
import { type EngineDeps, type EngineState, venueOf } from './deps';
import { venueFailed } from './failures';
import { nextUnwindAttempt } from './legs';
import { placeOnce } from './orders';
import { legStepCenti } from './planning';

export interface UnwindLegResult {
  readonly bet: BetRecord;
  readonly leftCenti: Centishares;
  /** A sell's outcome is unknown: stop and let reconcile look it up. */
  readonly blocked: boolean;
}

/** Where the ladder starts: the best bid when the book can be read, else one step under the buy limit. */
async function startPrice(
  deps: EngineDeps,
  state: EngineState,
  bet: BetRecord,
  legIndex: number,
): Promise<{ start: PriceMicros; tick: PriceMicros }> {
  const leg = bet.legs[legIndex]!;
  const step = deps.config.unwind.stepMicros;
  try {
    const books = await venueOf(deps, leg.venue).getBooks([leg.instrument]);
    const book = [...books.values()][0];
    if (book) {
      const best = book.bids[0]?.priceMicros ?? leg.limitPriceMicros - step;
      return { start: Math.min(best, leg.limitPriceMicros), tick: book.tickMicros };
    }
  } catch (err) {
    await venueFailed(deps, state, 'unwind book', err, leg.venue);
  }
  return { start: leg.limitPriceMicros - step, tick: step };
}

/** Sells `sizeCenti` of leg `legIndex` with the bounded IOC ladder. The bet must be `unwinding`. */
export async function unwindLeg(
  deps: EngineDeps,
  state: EngineState,
  bet: BetRecord,
  legIndex: number,
  sizeCenti: Centishares,
): Promise<UnwindLegResult> {
  const leg = bet.legs[legIndex]!;
  const policy = deps.config.unwind;
  const venue = venueOf(deps, leg.venue);
  const { start, tick } = await startPrice(deps, state, bet, legIndex);
  const floor = Math.max(tick, roundToTick(leg.limitPriceMicros - policy.maxDiscountMicros, tick, 'ceil'));
  const deadline = deps.clock.now() + policy.timeBudgetMs;
  let current = bet;
  let left = sizeCenti;
  let attempt = nextUnwindAttempt(bet, legIndex);
  // The held leg's own step: a fractional Kalshi market sells what it bought (docs/venues-kalshi.md#k1-fractional).
  const stepCenti = legStepCenti(leg, deps.config);
  for (let step = 0; step < policy.maxSteps && deps.clock.now() <= deadline; step += 1) {
    // Orders go out in whole order steps: a fraction of a step (a half-filled odd size) cannot be sold.
    const sellable = Math.floor(left / stepCenti) * stepCenti;
    if (sellable <= 0 || attempt >= policy.maxAttemptsPerLeg) break;
    // Never below the least price the venue takes this sell at (Polymarket: where it is worth
    // the venue's $1, docs/venues-polymarket.md#p5-minimums); none: the residual cannot be sold.
    const least = orderRulesOf(leg.venue).minSellPriceMicros(sellable, tick);
    if (least === null) break;
    const price = Math.max(floor, roundToTick(start - step * policy.stepMicros, tick, 'floor'), least);
    const clientOrderId = unwindClientOrderIdFor(bet.id, legIndex, attempt);
    const out = await placeOnce(deps, state, venue, {
      clientOrderId,
      instrument: leg.instrument,
      side: 'sell',
      priceMicros: price,
      sizeCenti: sellable,
      tif: 'IOC',
    });
    if (!out.known) return { bet: current, leftCenti: left, blocked: true };
    current = await deps.store.recordUnwind(bet.id, {
      legIndex,
      attempt,
      venueOrderId: out.venueOrderId,
      limitPriceMicros: price,
      sizeCenti: sellable,
      filledCenti: out.filledCenti,
      proceedsMicros: out.notionalMicros,
      feeMicros: out.feeMicros,
      atMs: deps.clock.now(),
    });
    left -= out.filledCenti;
    attempt += 1;
  }
  return { bet: current, leftCenti: left, blocked: false };
}
