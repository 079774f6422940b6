// ESLint for the service, the tab, the scripts and the tests. Formatting is Prettier's
// (eslint-config-prettier turns off the rules that would argue with it); the layers are
// checked by dependency-cruiser (.dependency-cruiser.cjs), both run by `npm run lint`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'test-support/fixtures/**',
      'dist/**',
      '.deploy/**',
      '.data/**',
      '.artifacts/**',
      'coverage/**',
      'appPackage/build/**',
      'node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
      // Validating and stripping control characters (Table keys forbid them) is the point of those patterns.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['tab/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The two long-standing rules of hooks. The React Compiler's stricter rules come with the
    // tab's move to one query cache, which removes the effects they would flag.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['tab/src/**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  {
    // The service reads the time of day from its one Clock (bot/src/domain/shared/clock.ts), passed
    // down from the composition root, so tests can set it; durations use the monotonic clock
    // beside it.
    files: ['bot/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'bot/src/domain/shared/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'Read the time from the Clock port (clock.now()), or monotonicMs for a duration.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the time from the Clock port (clock.now()).',
        },
      ],
    },
  },
  {
    // Tests read JSON bodies and cards whose shape they then assert field by field.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test-support/**', 'tab/src/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Scripts and the benchmark talk to the person running them.
    files: ['scripts/**', 'bench/**', '**/*.cjs', '**/*.mjs'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
