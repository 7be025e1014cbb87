/**
 * From a pair and its books to a plan the venues can take: `evaluateArb` with the configured
 * limits, sizes aligned to the order size step, legs in execution order, and the worst-case
 * loss that admission reserves against today's loss limit.
 */
import { type ArbEvaluation, type ArbLeg, type ArbLimits, type ArbPlan, arbFeesFor, evaluateArb } from '../core/arb';
import type { PlannedLeg } from '../core/bet';
import { kalshiFee, polymarketFee } from '../core/fees';
import type { Book, GamePair, VenueName } from '../core/market';
import { type Micros, notionalMicros } from '../core/money';
import { lcm, polymarketBuySizeStepCenti } from '../core/order-precision';
import type { EngineConfig } from './deps';

/** Asks cut to at most `capCenti` in total, so the planner cannot size above it. */
function truncate(book: Book, capCenti: number): Book {
  const asks = [];
  let left = capCenti;
  for (const l of [...book.asks].sort((a, b) => a.priceMicros - b.priceMicros)) {
    if (left <= 0) break;
    asks.push({ priceMicros: l.priceMicros, sizeCenti: Math.min(l.sizeCenti, left) });
    left -= l.sizeCenti;
  }
  return { ...book, asks };
}

/**
 * The planner sizes in centishares; orders go out in multiples of `sizeStepCenti`. When a plan
 * is off the step, plan again on books cut to the step below (profit is concave in size, so the
 * smaller plan is still the best at that size). A few rounds at most.
 */
export function planAligned(
  pair: GamePair,
  books: ReadonlyMap<string, Book>,
  limits: ArbLimits,
  config: EngineConfig,
): ArbEvaluation {
  const fees = arbFeesFor(pair, config.kalshiFeeRounding);
  let current: ReadonlyMap<string, Book> = books;
  for (let round = 0; round < 8; round += 1) {
    const ev = evaluateArb(pair, current, fees, limits);
    if (ev.kind !== 'plan') return ev;
    const step = sizeStepOf(ev.plan, config);
    if (ev.plan.sizeCenti % step === 0) return ev;
    const cap = Math.floor(ev.plan.sizeCenti / step) * step;
    if (cap === 0) break;
    current = new Map([...books].map(([k, b]) => [k, truncate(b, cap)]));
  }
  return { kind: 'none', reason: 'no-edge', combos: [] };
}

/**
 * The size step a plan must be on: the engine's order step, and for the Polymarket leg (a FOK
 * BUY) the step at which its limit price × size is whole cents (lib/core/order-precision.ts).
 */
export function sizeStepOf(plan: ArbPlan, config: Pick<EngineConfig, 'sizeStepCenti'>): number {
  const pm = plan.legs.find((l) => l.venue === 'polymarket');
  return pm ? lcm(config.sizeStepCenti, polymarketBuySizeStepCenti(pm.limitPriceMicros)) : config.sizeStepCenti;
}

export function orderedLegs(plan: ArbPlan, firstLeg: VenueName): [ArbLeg, ArbLeg] {
  const [a, b] = plan.legs;
  return a.venue === firstLeg ? [a, b] : [b, a];
}

export function toPlannedLeg(leg: ArbLeg): PlannedLeg {
  return {
    venue: leg.venue,
    instrument: leg.instrument,
    side: 'buy',
    limitPriceMicros: leg.limitPriceMicros,
    sizeCenti: leg.sizeCenti,
    notionalMicros: leg.notionalMicros,
    feeMicros: leg.feeMicros,
  };
}

/** Upper bound of a taker fee on selling `sizeCenti` (p(1−p) is largest at $0.50). */
function sellFeeBound(pair: GamePair, venue: VenueName, sizeCenti: number, config: EngineConfig): Micros {
  const bound: Record<VenueName, () => Micros> = {
    polymarket: () =>
      polymarketFee({
        price: 500_000,
        shares: sizeCenti,
        rate: pair.polymarket.fee.ratePpm,
        exponent: pair.polymarket.fee.exponent,
      }),
    kalshi: () =>
      kalshiFee({
        price: 500_000,
        count: sizeCenti,
        kind: 'taker',
        multiplier: pair.kalshi.feeMultiplierPpm,
        rounding: config.kalshiFeeRounding,
      }),
  };
  return bound[venue]();
}

/**
 * Most the trade can lose when it goes as badly as the engine allows: the first leg fills, the
 * second does not, and the first is sold at the unwind floor (buy limit − maxDiscount), paying
 * the largest possible fee. Counted against today's loss limit at admission.
 */
export function worstCaseLossMicros(pair: GamePair, plan: ArbPlan, config: EngineConfig): Micros {
  const [first] = orderedLegs(plan, config.firstLeg);
  const floor = Math.max(config.unwind.stepMicros, first.limitPriceMicros - config.unwind.maxDiscountMicros);
  const proceeds = notionalMicros(floor, first.sizeCenti, 'floor');
  return Math.max(0, first.costMicros - proceeds + sellFeeBound(pair, first.venue, first.sizeCenti, config));
}
