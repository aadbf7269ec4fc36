export * from './test-database';
export * from './test-principal';
export * from './row-counts';
export * from './query-database';
export * from './count-statements';
export * from './database-fixture';
