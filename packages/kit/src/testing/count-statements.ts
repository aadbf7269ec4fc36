import type { DataSource } from 'typeorm';

/**
 * Runs `work` and returns, beside its result, every SQL statement TypeORM sent on `dataSource`
 * meanwhile (tests: "the same number of statements for 10 rows and for 500").
 */
export async function countStatements<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  const statements: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    statements.push(query);
    return original(query, parameters, runner);
  };
  try {
    return { result: await work(), statements };
  } finally {
    logger.logQuery = original;
  }
}
