/**
 * Two projects: `unit` runs next to the code (pure domain logic, and integration tests of
 * stores and services on a real database); `e2e` starts real processes through the gateway.
 * Both compile TypeScript with SWC, keeping decorator metadata for type-graphql and TypeORM.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  // Real databases and processes: allow for a slow, shared 2-core machine.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: [
        '<rootDir>/packages',
        '<rootDir>/subgraphs',
        '<rootDir>/gateway',
        '<rootDir>/web-admin',
      ],
      testMatch: ['**/src/**/*.test.ts'],
      // The admin UI's message formatter (intl-messageformat) ships only as ES modules.
      transform: { '^.+\\.tsx?$': swc, '^.+\\.js$': swc },
      transformIgnorePatterns: ['/node_modules/(?!\\.pnpm/|intl-messageformat/|@formatjs/)'],
      setupFiles: ['reflect-metadata'],
      testTimeout: 60_000,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e.ts'],
      transform: { '^.+\\.tsx?$': swc },
      setupFiles: ['reflect-metadata'],
      testTimeout: 120_000,
    },
  ],
};
