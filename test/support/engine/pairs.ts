/**
 * The venue pairs the engine's tests run on (docs/adr/0010-venue-pairs.md): Kalshi × Polymarket
 * (the default) and Kalshi × Polymarket US. jest.config.js runs one project per pair and tells
 * each test file its pair here; a suite written for either pair starts its world on `PAIR`
 * (`startSimWorld({ pair: PAIR })`). Which tests a pair runs (test/support/README.md#venue-pairs):
 *
 * - `npm test`: the first pair runs every test, the second each suite's representative subset
 *   (the rows a suite marks with `rowsFor` / `itFull`), so the suite stays within its time budget;
 * - `npm run test:full` (`POLYMIX_TEST_PAIRS=all`): every test on both pairs.
 */

export const TEST_PAIRS = ['kalshi,polymarket', 'kalshi,polymarket-us'] as const;
export type TestPair = (typeof TEST_PAIRS)[number];
export const DEFAULT_TEST_PAIR: TestPair = 'kalshi,polymarket';

/** The exchange in a pair's Polymarket slot. */
export const polymarketOf = (pair: TestPair): 'polymarket' | 'polymarket-us' =>
  pair === 'kalshi,polymarket-us' ? 'polymarket-us' : 'polymarket';

interface ProjectPair {
  readonly pair: TestPair;
  /** Every test (true), or the representative subset. */
  readonly all: boolean;
}

/** What jest.config.js's project set (`globals.polymixTestPair`); outside jest, the default pair, every test. */
function projectPair(): ProjectPair {
  const set = (globalThis as { polymixTestPair?: Partial<ProjectPair> }).polymixTestPair;
  const pair = TEST_PAIRS.find((p) => p === set?.pair) ?? DEFAULT_TEST_PAIR;
  return { pair, all: set?.all ?? true };
}

const project = projectPair();

/** This test file's venue pair. */
export const PAIR: TestPair = project.pair;

/** Whether this file runs every test of its suite on `PAIR` (not only the representative subset). */
export const RUNS_ALL: boolean = project.all;

/** The rows of a table to run on `PAIR`: all of them, or those `inSubset` marks. */
export function rowsFor<T>(rows: readonly T[], inSubset: (row: T) => boolean): T[] {
  return RUNS_ALL ? [...rows] : rows.filter(inSubset);
}

/**
 * `it` for a test outside the representative subset: skipped where `PAIR` runs only the subset.
 * (Chosen when called: bench/ imports the sim world, and with it this module, outside jest.)
 */
export function itFull(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  (RUNS_ALL ? it : it.skip)(name, fn, timeout);
}

/**
 * `describe` for tests of one pair's own venue rule (say why on the line above): skipped on the
 * other pair.
 */
export const describeOn = (pairs: readonly TestPair[]): jest.Describe =>
  pairs.includes(PAIR) ? describe : describe.skip;
