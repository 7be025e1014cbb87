/**
 * From a pair and its books to a plan the venues can take: `evaluateArb` with the configured
 * limits, sizes aligned to both legs' order size steps (as their books state them), legs in execution order, and the worst-case
 * loss that admission reserves against today's loss limit.
 */
import {
  type AnyArbPlan,
  type ArbEvaluation,
  type ArbLeg,
  type ArbLimits,
  type ArbPlan,
  arbFeesFor,
  evaluateArb,
} from '../core/arb';
import { buildLadder } from '../core/arb/ladder';
import type { PlannedLeg } from '../core/bet';
import { kalshiFee, polymarketFee, polymarketUsFee } from '../core/fees';
import { outcomeRulesFor } from '../core/league-rules';
import type { Book, GamePair, InstrumentRef, PairVenue } from '../core/market';
import { instrumentKey, pairVenueOf } from '../core/market';
import { type Micros, notionalMicros } from '../core/money';
import { CENT_MICROS, lcm, orderRulesOf, polymarketWholeCentSize } from '../core/order-precision';
import {
  evaluateOutcomeArb,
  isOutcomePair,
  type OutcomeEvaluation,
  type OutcomePair,
  outcomeFeesFor,
  type TradePair,
} from '../core/outcome-arb';
import type { PlannedOrder } from '../core/risk';
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

/** What aligning a plan's size reads of it (a two-team or an outcome plan). */
type SizedPlan = Pick<ArbPlan, 'legs' | 'sizeCenti'>;

/** The leg of a plan whose buy spends dollars (a Polymarket leg), if any. */
function spendLeg(plan: SizedPlan): ArbLeg | undefined {
  return plan.legs.find((l) => orderRulesOf(l.venue).buySizing === 'spend');
}

/**
 * The order size step of one instrument: what its book states (a Kalshi market that trades
 * fractions says 1, docs/venues-kalshi.md#k1-fractional), else the engine's configured step.
 */
export function bookStepCenti(
  instrument: InstrumentRef,
  books: ReadonlyMap<string, Book>,
  config: Pick<EngineConfig, 'sizeStepCenti'>,
): number {
  return books.get(instrumentKey(instrument))?.sizeStepCenti ?? config.sizeStepCenti;
}

/** The step of a leg already planned (unwind sells, the second leg): the one recorded with it. */
export function legStepCenti(
  leg: Pick<PlannedLeg, 'sizeStepCenti'>,
  config: Pick<EngineConfig, 'sizeStepCenti'>,
): number {
  return leg.sizeStepCenti ?? config.sizeStepCenti;
}

/** A size both legs take: the least common multiple of their order steps. */
function legsStepCenti(
  plan: SizedPlan,
  books: ReadonlyMap<string, Book>,
  config: Pick<EngineConfig, 'sizeStepCenti'>,
): number {
  return plan.legs.reduce((step, leg) => lcm(step, bookStepCenti(leg.instrument, books, config)), 1);
}

/**
 * The largest size ≤ the plan's that the venues can take exactly: on both legs' order steps, and
 * with a walk that costs whole cents on a leg whose buy spends dollars, because a Polymarket FOK
 * BUY spends exactly that cost (docs/adr/0007-polymarket-buys-spend-dollars.md,
 * docs/venues-polymarket.md#p4-market-buy). Kalshi and Polymarket US buy contracts.
 */
function alignedSize(plan: SizedPlan, books: ReadonlyMap<string, Book>, config: EngineConfig): number {
  const step = legsStepCenti(plan, books, config);
  const onStep = Math.floor(plan.sizeCenti / step) * step;
  const pm = spendLeg(plan);
  if (!pm) return onStep;
  const book = books.get(instrumentKey(pm.instrument));
  const ladder = book ? buildLadder(book) : null;
  return ladder ? polymarketWholeCentSize(ladder.levels, onStep, step) : 0;
}

/**
 * The planner sizes in centishares; orders go out in multiples of both legs' steps, and a
 * Polymarket leg's walk must cost whole cents. When a plan is off, plan again on books cut to the
 * aligned size below (profit is concave in size, so the smaller plan is still the best at that
 * size). A few rounds at most.
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
    const cap = alignedSize(ev.plan, current, config);
    if (cap === ev.plan.sizeCenti) return ev;
    if (cap === 0) break;
    current = new Map([...books].map(([k, b]) => [k, truncate(b, cap)]));
  }
  return { kind: 'none', reason: 'no-edge', combos: [] };
}

/**
 * `planAligned` for a three-way game (lib/core/outcome-arb.ts, docs/adr/0012-three-way-markets.md):
 * the outcome planner with the league's outcome rules, aligned to both legs' steps the same way.
 */
export function planOutcomeAligned(
  pair: OutcomePair,
  books: ReadonlyMap<string, Book>,
  limits: ArbLimits,
  config: EngineConfig,
): OutcomeEvaluation {
  const fees = outcomeFeesFor(pair.game, config.kalshiFeeRounding);
  const rules = outcomeRulesFor(pair.league);
  let current: ReadonlyMap<string, Book> = books;
  for (let round = 0; round < 8; round += 1) {
    const ev = evaluateOutcomeArb(pair.game, current, fees, limits, rules);
    if (ev.kind !== 'plan') return ev;
    const cap = alignedSize(ev.plan, current, config);
    if (cap === ev.plan.sizeCenti) return ev;
    if (cap === 0) break;
    current = new Map([...books].map(([k, b]) => [k, truncate(b, cap)]));
  }
  return { kind: 'none', reason: 'no-edge', covers: [] };
}

/**
 * The pUSD a Polymarket buy of `sizeCenti` spends (docs/adr/0007-polymarket-buys-spend-dollars.md):
 * the planned walk's cost for the planned size; for a smaller size (the other leg filled short) its
 * share of that cost at the walk's average price, floored to whole cents.
 */
export function polymarketSpendMicros(leg: PlannedLeg, sizeCenti: number): Micros {
  if (sizeCenti >= leg.sizeCenti) return leg.notionalMicros;
  const share = Number((BigInt(leg.notionalMicros) * BigInt(sizeCenti)) / BigInt(leg.sizeCenti));
  return Math.floor(share / CENT_MICROS) * CENT_MICROS;
}

/** What `checkRisk` must know of each order the plan sends (its venue rules). */
export function plannedOrdersOf(plan: AnyArbPlan): PlannedOrder[] {
  return plan.legs.map((l) => ({
    venue: l.venue,
    side: 'buy',
    limitPriceMicros: l.limitPriceMicros,
    sizeCenti: l.sizeCenti,
    spendMicros: l.notionalMicros,
  }));
}

/** The plan's legs in execution order: the one on the `firstLeg` slot of the pair first. */
export function orderedLegs(plan: AnyArbPlan, firstLeg: PairVenue): [ArbLeg, ArbLeg] {
  const [a, b] = plan.legs;
  return pairVenueOf(a.venue) === firstLeg ? [a, b] : [b, a];
}

export function toPlannedLeg(
  leg: ArbLeg,
  books: ReadonlyMap<string, Book>,
  config: Pick<EngineConfig, 'sizeStepCenti'>,
): PlannedLeg {
  return {
    sizeStepCenti: bookStepCenti(leg.instrument, books, config),
    venue: leg.venue,
    instrument: leg.instrument,
    side: 'buy',
    limitPriceMicros: leg.limitPriceMicros,
    sizeCenti: leg.sizeCenti,
    notionalMicros: leg.notionalMicros,
    feeMicros: leg.feeMicros,
  };
}

/** The fee schedule of the Polymarket market a leg of an outcome pair trades. */
function outcomeMarketFee(pair: OutcomePair, instrument: InstrumentRef): { ratePpm: number; exponent: number } {
  const outcome =
    instrument.venue === 'polymarket'
      ? pair.game.outcomes.find((o) => [o.polymarket.yesTokenId, o.polymarket.noTokenId].includes(instrument.tokenId))
      : undefined;
  if (!outcome) throw new TypeError(`leg ${instrumentKey(instrument)} is not a Polymarket market of ${pair.id}`);
  return outcome.polymarketFee;
}

/** Upper bound of a taker fee on selling `sizeCenti` (p(1−p) is largest at $0.50). */
function sellFeeBound(pair: TradePair, leg: ArbLeg, sizeCenti: number, config: EngineConfig): Micros {
  const venue = leg.venue;
  if (isOutcomePair(pair) && venue === 'polymarket') {
    const fee = outcomeMarketFee(pair, leg.instrument);
    return polymarketFee({ price: 500_000, shares: sizeCenti, rate: fee.ratePpm, exponent: fee.exponent });
  }
  if (isOutcomePair(pair) && venue === 'polymarket-us')
    throw new TypeError(`a Polymarket US leg on a three-way pair ${pair.id}`);
  const pm = (pair as GamePair).polymarket;
  const bound: Record<typeof venue, () => Micros> = {
    polymarket: () => {
      if (pm.venue !== 'polymarket') throw new TypeError(`a Polymarket leg on a ${pm.venue} pair`);
      return polymarketFee({ price: 500_000, shares: sizeCenti, rate: pm.fee.ratePpm, exponent: pm.fee.exponent });
    },
    'polymarket-us': () => {
      if (pm.venue !== 'polymarket-us') throw new TypeError(`a Polymarket US leg on a ${pm.venue} pair`);
      return polymarketUsFee({ price: 500_000, count: sizeCenti, thetaPpm: pm.takerThetaPpm });
    },
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
export function worstCaseLossMicros(pair: TradePair, plan: AnyArbPlan, config: EngineConfig): Micros {
  const [first] = orderedLegs(plan, config.firstLeg);
  const floor = Math.max(config.unwind.stepMicros, first.limitPriceMicros - config.unwind.maxDiscountMicros);
  const proceeds = notionalMicros(floor, first.sizeCenti, 'floor');
  return Math.max(0, first.costMicros - proceeds + sellFeeBound(pair, first, first.sizeCenti, config));
}
