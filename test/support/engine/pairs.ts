/**
 * The venue pairs the engine's tests run on (docs/adr/0010-venue-pairs.md): Kalshi × Polymarket
 * (the default, first) and Kalshi × Polymarket US. Which pairs run which tests is chosen by the
 * environment variable `POLYMIX_TEST_PAIRS`:
 *
 * - unset (`npm test`): the first pair runs every test, the second a representative subset (each
 *   suite marks its subset rows), so the suite stays within its time budget;
 * - `all` (`npm run test:full`): every test on both pairs;
 * - one pair (`kalshi,polymarket-us`): every test on that pair only (for working on one pair).
 */

export const TEST_PAIRS = ['kalshi,polymarket', 'kalshi,polymarket-us'] as const;
export type TestPair = (typeof TEST_PAIRS)[number];
export const DEFAULT_TEST_PAIR: TestPair = 'kalshi,polymarket';

/** The exchange in a pair's Polymarket slot. */
export const polymarketOf = (pair: TestPair): 'polymarket' | 'polymarket-us' =>
  pair === 'kalshi,polymarket-us' ? 'polymarket-us' : 'polymarket';

type Selection = { readonly full: readonly TestPair[]; readonly subset: readonly TestPair[] };

/** Reads `POLYMIX_TEST_PAIRS` (exported for its own test). */
export function parseTestPairs(raw: string | undefined): Selection {
  const value = (raw ?? '').trim();
  if (value === '') return { full: [TEST_PAIRS[0]], subset: TEST_PAIRS.slice(1) };
  if (value === 'all') return { full: TEST_PAIRS, subset: [] };
  const one = TEST_PAIRS.find((p) => p === value);
  if (one) return { full: [one], subset: [] };
  throw new Error(`POLYMIX_TEST_PAIRS must be empty, "all" or one of ${TEST_PAIRS.join(' | ')}; got "${value}"`);
}

const selection = parseTestPairs(process.env.POLYMIX_TEST_PAIRS);

/** Pairs that run a suite at all (every test, or its subset), in TEST_PAIRS order. */
export const PAIRS: readonly TestPair[] = TEST_PAIRS.filter(
  (p) => selection.full.includes(p) || selection.subset.includes(p),
);

/** Pairs that run every test of a suite (a suite with no subset rows runs only on these). */
export const FULL_PAIRS: readonly TestPair[] = TEST_PAIRS.filter((p) => selection.full.includes(p));

/** Whether `pair` runs every test (not only the representative subset). */
export const runsAll = (pair: TestPair): boolean => selection.full.includes(pair);

/** The rows of a table `pair` runs: all of them, or those `inSubset` marks. */
export function rowsFor<T>(pair: TestPair, rows: readonly T[], inSubset: (row: T) => boolean): T[] {
  return runsAll(pair) ? [...rows] : rows.filter(inSubset);
}

/** `it` when `pair` runs every test, else `it.skip` (a test outside the subset shows as skipped). */
export const itFull = (pair: TestPair): jest.It => (runsAll(pair) ? it : it.skip);
