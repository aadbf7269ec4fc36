// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'web-admin/**',
      'coverage/**',
      'test-artifacts/**',
      '*.config.js',
      'bench/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Configuration is parsed once at boot (packages/kit/src/config); nothing else reads the environment.
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings from the parsed Config (packages/kit/src/config).',
        },
      ],
    },
  },
  {
    // Where the environment is legitimately read: the config parser, the launcher that
    // passes it to child processes, the token command, and test harnesses.
    files: [
      'packages/kit/src/config/**',
      'packages/kit/src/testing/**',
      'packages/kit/src/server/run-subgraph.ts',
      'packages/platform/src/**',
      'test/**',
      'bench/**',
      '**/*.test.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests poke at untyped GraphQL responses.
    files: ['**/*.test.ts', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
