import tseslint from 'typescript-eslint';

/** The folders under test/: each holds one kind of test, except support (shared helpers). */
const TEST_KINDS = ['unit', 'integration', 'contract', 'reliability', 'infra', 'e2e', 'support'];
/** Folder depths below test/<kind>/ and bench/ that the import rule covers (1 = directly inside). */
const DEPTHS = [1, 2, 3, 4, 5, 6];

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'bench/results/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The pure core never touches floats for money, the clock or randomness.
    files: ['lib/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'fetch', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core is pure: pass `now` in.' },
        { object: 'Math', property: 'random', message: 'core is pure: pass randomness in.' },
        { object: 'process', property: 'env', message: 'core is pure: pass config in.' },
        { object: 'Number', property: 'parseFloat', message: 'money is exact: use lib/core/money.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='parseFloat']", message: 'money is exact: use lib/core/money.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core is pure: pass `now` in.' },
      ],
    },
  },
  {
    // The engine imports only lib/core and its own files: adapters implement its ports
    // (lib/engine/ports.ts), never the other way round.
    files: ['lib/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(venues|store|notify|runtime|config|api)(/.*)?$',
              message: 'the engine imports only lib/core and lib/engine: declare a port in lib/engine/ports.ts.',
            },
            {
              regex: '^(\\.\\./)+(local|functions)(/.*)?$',
              message: 'the engine imports only lib/core and lib/engine.',
            },
          ],
        },
      ],
    },
  },
  // The core is pure and self-contained: it imports nothing outside lib/core (no package either).
  ...[
    ['lib/core/*.ts', '^\\.\\./'],
    ['lib/core/*/**/*.ts', '^\\.\\./\\.\\./'],
  ].map(([files, outside]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: outside, message: 'lib/core imports nothing outside lib/core.' },
            { regex: '^[^.]', message: 'lib/core imports nothing outside lib/core.' },
          ],
        },
      ],
    },
  })),
  // One home for shared test helpers (test/support/README.md): a test file imports helpers only
  // from its own kind's folder or from test/support/; bench/ only from lib/, local/, infra/,
  // bench/ and test/support/. Relative paths are matched per folder depth, so test/infra/x.ts
  // importing the stack's source (infra/) is told apart from test/unit/x.ts importing test/infra/.
  ...TEST_KINDS.flatMap((kind) =>
    DEPTHS.map((depth) => ({
      files: [`test/${kind}/${'*/'.repeat(depth - 1)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./){${depth}}(${TEST_KINDS.filter((k) => k !== kind && k !== 'support').join('|')})(/|$)`,
                message:
                  kind === 'support'
                    ? 'test/support imports nothing from a test kind (test/support/README.md).'
                    : `test/${kind} imports helpers only from test/${kind} or test/support/ (test/support/README.md).`,
              },
            ],
          },
        ],
      },
    })),
  ),
  ...DEPTHS.map((depth) => ({
    files: [`bench/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth}}(?!(lib|local|infra|test/support)(/|$))[^./]`,
              message:
                'bench/ imports only from lib/, local/, infra/, bench/ and test/support/ (test/support/README.md).',
            },
          ],
        },
      ],
    },
  })),
);
