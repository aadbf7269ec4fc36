import type { Database, DatabaseOptions } from '../database/data-source';
import { createTestDatabase, type TestDatabase } from './test-database';
import { openTestDatabase } from './test-principal';

/** A test file's own database, and what was built beside it; set in the fixture's beforeAll. */
export interface DatabaseFixture<Schema> {
  /** The database, open with the service's migrations. */
  readonly database: Database;
  /** The test database's address (superuser), for what a test checks beside the services. */
  readonly url: string;
  /** What `prepare.schema` built (a service's GraphQL schema); an error when not asked for. */
  readonly schema: Schema;
}

/**
 * Registers the beforeAll/afterAll that create a database for the test file, open it with the
 * service's migrations, seed it and build the schema (when asked), and drop it afterwards; call
 * it once at the top level of a test file. The services' fixtures (budgetsFixture, …) build on
 * it, in the style of the end-to-end testkit: each test then makes its own data.
 */
export function databaseFixture<Schema = never>(
  service: DatabaseOptions,
  prepare: {
    seed?: (db: Database) => Promise<void>;
    schema?: () => Promise<Schema>;
    timeout?: number;
  } = {},
): DatabaseFixture<Schema> {
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  let schema: { value: Schema } | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = await openTestDatabase(testDb.url, service, testDb.embedded);
    if (prepare.seed) await prepare.seed(database);
    if (prepare.schema) schema = { value: await prepare.schema() };
  }, prepare.timeout ?? 120_000);

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`databaseFixture: no ${what} (used before beforeAll?)`);
    return value;
  };
  return {
    get database() {
      return ready(database, 'database');
    },
    get url() {
      return ready(testDb, 'database').url;
    },
    get schema() {
      return ready(schema, 'schema (not asked for)').value;
    },
  };
}

/**
 * A service's fixture: `helpers` with the database fixture's `database`, `url` and `schema`
 * read through (they are set only once beforeAll has run).
 */
export function withDatabase<Schema, Helpers extends object>(
  db: DatabaseFixture<Schema>,
  helpers: Helpers,
): DatabaseFixture<Schema> & NoInfer<Helpers> {
  return Object.defineProperties(
    helpers,
    Object.getOwnPropertyDescriptors(db),
  ) as DatabaseFixture<Schema> & Helpers;
}
