// ESLint: the recommended rules of JavaScript, typescript-eslint and eslint-plugin-svelte, which catch mistakes
// (unused code, wrong awaits, Svelte misuse); formatting is Prettier's job (npm run format).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  {
    ignores: [
      '.scratch/',
      'dist/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      '.cache/',
      'bench/out/',
      'node_modules/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_name` marks a value kept on purpose (destructuring it away, an unused parameter of a callback).
      // `{' — '}` keeps spaces at the edge of an `{#if}` block, where Svelte would trim plain text.
      'svelte/no-useless-mustaches': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read what LMS and LRS stand-ins hold, which has no type of its own.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
);
