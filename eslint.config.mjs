// ESLint: typescript-eslint's type-aware rules on every TypeScript file (each file is checked against the nearest
// tsconfig.json, so a workspace package under packages/ is linted with its own), plain rules on the JavaScript files.
// Formatting is Prettier's job (`npm run format`): eslint-config-prettier, last, turns off every rule that would
// fight it (`curly`, `no-unexpected-multiline`, ...).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jest from 'eslint-plugin-jest';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['**/dist/', '**/node_modules/', 'adminjs-bundle/', 'data/', 'coverage/', 'test-artifacts/'] },
  {
    files: ['**/*.{js,mjs,cjs,jsx,ts}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Part of recommendedTypeChecked, listed because they are the point of linting here.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Unused parameters named `_x` stay (an Express error handler needs its four), and `{ omitted, ...rest }` too.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Not in recommendedTypeChecked: a switch over a union names every member, so a new member is a compile-time
      // question, even where a `default` exists.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // `try { return promise } catch {}` lets the rejection escape the catch.
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      // `X.from` passed to `map` is a static factory that uses no `this`.
      '@typescript-eslint/unbound-method': ['error', { ignoreStatic: true }],
      // `{}` is what `unknown` becomes after a null check, a primitive as often as an object: the rule already
      // leaves `unknown` alone, and still catches real objects, arrays and class instances turned into text.
      '@typescript-eslint/no-base-to-string': [
        'error',
        { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', '{}'] },
      ],
      // Rejecting with a caught error as it came, as `only-throw-error` allows for `throw`.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      // Off: an `async` method without `await` is how this code implements a Promise-returning contract (AdminJS
      // handlers and resources, fakes, test doubles) so that a `throw` in it becomes a rejection; the rule's fix
      // (drop `async`, return `Promise.resolve`) would make those throws synchronous.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read supertest's `res.body`, `JSON.parse` results and raw query rows, all `any` by design: the assertions
    // on them are the check. The product code meets these rules.
    files: ['**/*.spec.ts', '**/*-spec.ts', 'test/**/*.ts', 'packages/*/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*-spec.ts'],
    plugins: { jest },
    rules: {
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', '**.expect', '**.waitFor'] }],
      'jest/no-focused-tests': 'error',
      'jest/no-identical-title': 'error',
      // `expect(promise).resolves` without `await` is a test that cannot fail.
      'jest/valid-expect': ['error', { alwaysAwait: true }],
    },
  },
  {
    // The back-office's React components, bundled for the browser by AdminJS.
    files: ['admin/components/**/*.{js,jsx}', 'packages/*/admin/components/**/*.jsx'],
    languageOptions: { globals: globals.browser, parserOptions: { ecmaFeatures: { jsx: true } } },
    // The bundler compiles JSX to `React.createElement`: the import is used.
    rules: { 'no-unused-vars': ['error', { varsIgnorePattern: '^React$' }] },
  },
  prettier,
);
