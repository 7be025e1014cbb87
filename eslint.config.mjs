import tseslint from 'typescript-eslint';

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
);
