import { Client } from 'pg';

/**
 * Runs one statement on its own connection to `url`, typically a test database's bootstrap
 * address (the superuser): for what a test checks beside the service, which may not read it
 * under its own role (another schema, the access log).
 */
export async function queryDatabase<Row extends object = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<Row>(sql, params)).rows;
  } finally {
    await db.end();
  }
}
