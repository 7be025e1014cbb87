/**
 * Two projects, one per venue pair (docs/adr/0010-venue-pairs.md, test/support/README.md#venue-pairs):
 * Kalshi × Polymarket runs every test; Kalshi × Polymarket US runs the suites of `PAIR_SUITES`
 * again on its own simulator. `POLYMIX_TEST_PAIRS` unset (`npm test`): the second pair runs each
 * suite's representative subset; `all` (`npm run test:full`): every test of those suites.
 */

// Suites written for either pair: they start their world on the project's pair (test/support/engine/pairs.ts).
const PAIR_SUITES = [
  'test/integration/engine/scan.test.ts',
  'test/integration/engine/settle.test.ts',
  'test/integration/engine/faults.test.ts',
  'test/integration/engine/race.test.ts',
  'test/integration/engine/stream.test.ts',
  'test/reliability/fault-matrix.test.ts',
  'test/reliability/stream-faults.test.ts',
];

const pairs = (process.env.POLYMIX_TEST_PAIRS ?? '').trim();
if (pairs !== '' && pairs !== 'all') throw new Error(`POLYMIX_TEST_PAIRS must be unset or "all", got "${pairs}"`);

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // middy ships ESM only: let swc transpile it (docs/toolchain.md#middy-jest). So does
  // @noble/ed25519, which the `polymarket-us` SDK (a test oracle only) requires.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|@noble)/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'kalshi,polymarket',
      testMatch: ['**/*.test.ts'],
      globals: { polymixTestPair: { pair: 'kalshi,polymarket', all: true } },
    },
    {
      ...shared,
      displayName: 'kalshi,polymarket-us',
      testMatch: PAIR_SUITES.map((s) => `<rootDir>/${s}`),
      globals: { polymixTestPair: { pair: 'kalshi,polymarket-us', all: pairs === 'all' } },
    },
  ],
  // 2 cores in CI: one worker per core.
  maxWorkers: 2,
  // Global, not per project: jest applies a project's own testTimeout to nothing.
  testTimeout: 20000,
};
