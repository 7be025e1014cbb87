/** Validation of books the driver pushes: on tick, strictly inside (0, 1), best first, positive sizes. */
import { isOnTick } from '../../../lib/core/money';
import type { SimLevel } from '../control';

export function checkBook(levels: readonly SimLevel[], tickMicros: number, what: string): SimLevel[] {
  let previous = Number.POSITIVE_INFINITY;
  return levels.map((l) => {
    if (!isOnTick(l.priceMicros, tickMicros))
      throw new RangeError(`${what}: price ${l.priceMicros} is off tick ${tickMicros}`);
    if (!Number.isSafeInteger(l.sizeCenti) || l.sizeCenti <= 0)
      throw new RangeError(`${what}: bad size ${l.sizeCenti}`);
    if (l.priceMicros >= previous) throw new RangeError(`${what}: levels must be best first, strictly decreasing`);
    previous = l.priceMicros;
    return { priceMicros: l.priceMicros, sizeCenti: l.sizeCenti };
  });
}
