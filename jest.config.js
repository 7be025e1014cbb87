/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // middy ships ESM only: let swc transpile it (docs/toolchain.md#middy-jest). So does
  // @noble/ed25519, which the `polymarket-us` SDK (a test oracle only) requires.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|@noble)/)'],
  // 2 cores in CI: one worker per core.
  maxWorkers: 2,
  testTimeout: 20000,
};
