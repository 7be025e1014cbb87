/**
 * Choosing how many shares to buy on both legs (docs/planner.md "Sizing").
 *
 * Between level boundaries of either book the cost per share is constant (Kalshi's
 * once-per-order rounding aside), so worst-case profit is piecewise linear and, because asks
 * get dearer, concave. The sizer walks the slices between boundaries from the minimum order
 * size up and stops at the first slice whose own worst-case return on its own cost is below
 * the minimum ROI (or adds no profit). Limits (position cap, balances, tail loss) then cut the
 * size; the last cut is found by bisection. Among the surviving sizes (accepted boundaries and
 * the limit cut) the one with the highest real, fully rounded worst-case profit wins; equal
 * profits go to the smaller size (less capital at work).
 */
import type { Centishares, Micros } from '../money';

export interface SizePoint {
  readonly sizeCenti: Centishares;
  /** Real totals, every fee rounded as the venues round it. */
  readonly costMicros: Micros;
  readonly profitMicros: Micros;
  /** The same before Kalshi's per-order rounding, in 1/EXACT_SCALE micro (marginal rule only). */
  readonly exactCost: bigint;
  readonly exactProfit: bigint;
  /** Position cap, per-venue balances and tail-loss cap all hold at this size. */
  readonly withinLimits: boolean;
}

export interface SizingInput {
  readonly minSizeCenti: Centishares;
  readonly maxSizeCenti: Centishares;
  /** Sizes where either book moves to its next level (cumulative level sizes). */
  readonly boundaries: readonly Centishares[];
  readonly minRoiPpm: number;
  readonly evaluate: (sizeCenti: Centishares) => SizePoint;
}

export type SizingResult =
  | { readonly kind: 'size'; readonly point: SizePoint }
  | { readonly kind: 'refused'; readonly refusal: 'below-min-size' | 'below-min-roi' | 'limits' };

const PPM = 1_000_000n;

/** ratio profit/cost ≥ minRoiPpm/10^6, compared exactly. */
function clearsRoi(profit: bigint, cost: bigint, minRoiPpm: number): boolean {
  return profit > 0n && profit * PPM >= BigInt(minRoiPpm) * cost;
}

/** The slice from `from` to `to` earns at least the minimum ROI on its own cost. */
function sliceClears(from: SizePoint | null, to: SizePoint, minRoiPpm: number): boolean {
  const dProfit = to.exactProfit - (from?.exactProfit ?? 0n);
  const dCost = to.exactCost - (from?.exactCost ?? 0n);
  return clearsRoi(dProfit, dCost, minRoiPpm);
}

export function roiClears(point: SizePoint, minRoiPpm: number): boolean {
  return clearsRoi(BigInt(point.profitMicros), BigInt(point.costMicros), minRoiPpm);
}

export function chooseSize(input: SizingInput): SizingResult {
  const { minSizeCenti, maxSizeCenti, minRoiPpm, evaluate } = input;
  const lowest = Math.max(1, minSizeCenti);
  if (maxSizeCenti < lowest) return { kind: 'refused', refusal: 'below-min-size' };

  const stops = [...new Set([lowest, maxSizeCenti, ...input.boundaries])]
    .filter((n) => n >= lowest && n <= maxSizeCenti)
    .sort((a, b) => a - b);

  // 1. Marginal rule: keep whole slices while each one pays for itself at min ROI.
  const accepted: SizePoint[] = [];
  for (const size of stops) {
    const point = evaluate(size);
    if (!sliceClears(accepted[accepted.length - 1] ?? null, point, minRoiPpm)) break;
    accepted.push(point);
  }
  if (accepted.length === 0) return { kind: 'refused', refusal: 'below-min-roi' };

  // 2. Limits: every limit grows with size, so the sizes within limits are a prefix.
  let k = -1;
  while (k + 1 < accepted.length && accepted[k + 1]!.withinLimits) k += 1;
  if (k < 0) return { kind: 'refused', refusal: 'limits' };
  const candidates = accepted.slice(0, k + 1);
  const over = accepted[k + 1];
  if (over) {
    const base = accepted[k]!;
    let lo = base.sizeCenti;
    let hi = over.sizeCenti;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (evaluate(mid).withinLimits) lo = mid;
      else hi = mid;
    }
    if (lo > base.sizeCenti) {
      const cut = evaluate(lo);
      if (cut.withinLimits && sliceClears(base, cut, minRoiPpm)) candidates.push(cut);
    }
  }

  // 3. Highest real worst-case profit that still clears min ROI; ties → smaller size.
  let best: SizePoint | null = null;
  for (const c of candidates) {
    if (!c.withinLimits || !roiClears(c, minRoiPpm)) continue;
    if (best === null || c.profitMicros > best.profitMicros) best = c;
  }
  return best ? { kind: 'size', point: best } : { kind: 'refused', refusal: 'below-min-roi' };
}
