import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'console/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Browser code: the console, the widget, and the pages the browser tests load.
    files: ['console/**', 'test/support/pages/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Only the config module reads the environment.
    files: ['core/**', 'telephony/**', 'omnichannel/**'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration in server/config.ts and pass it in.' }] },
  },
  {
    files: ['bench/**', 'scripts/**', 'server/cli.ts', '**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: { 'no-console': 'off', 'no-restricted-properties': 'off', 'max-lines': 'off' },
  },
);
