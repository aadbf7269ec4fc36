import type { GraphQLSchema } from 'graphql';
import { createLogger, type Database, type Principal } from '@hb/kit';
import {
  createTestDatabase,
  openTestDatabase,
  requestContext,
  type TestDatabase,
} from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import { extendContext } from '../context';
import type { ClientsContext } from '../shared/context.types';
import { clientsDatabase } from '../entities';
import { buildClientsSchema } from '../schema';
import { seedClientsDemo } from '../seed/demo.seed';

/**
 * Service tests of the clients subgraph on a real PostgreSQL, in the style of the end-to-end
 * testkit: a database of the file's own with the demo clients; each test makes its own clients.
 */
export interface ClientsFixture {
  /** The database, open with the clients migrations; set in the fixture's beforeAll. */
  readonly database: Database;
  /** The test database's address (superuser), for what a test checks beside the services. */
  readonly url: string;
  /** The clients GraphQL schema, when asked for with `schema: true`. */
  readonly schema: GraphQLSchema;
  /** A fresh context per call, as each HTTP request gets its own. */
  as(who: Principal | null): ClientsContext;
}

/**
 * Registers the beforeAll/afterAll that create, migrate, seed (the demo) and drop the file's
 * database, and returns what the tests use. Call it once at the top level of a test file.
 */
export function clientsFixture(options: { schema?: boolean } = {}): ClientsFixture {
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  let schema: GraphQLSchema | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = await openTestDatabase(testDb.url, clientsDatabase, testDb.embedded);
    await seedClientsDemo(database.dataSource, createLogger('test', 'silent'));
    if (options.schema) schema = await buildClientsSchema();
  }, 60_000);

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`clientsFixture: no ${what} (used before beforeAll?)`);
    return value;
  };
  const fixture: ClientsFixture = {
    get database() {
      return ready(database, 'database');
    },
    get url() {
      return ready(testDb, 'database').url;
    },
    get schema() {
      return ready(schema, 'schema (ask with schema: true)');
    },
    as(who) {
      const { dataSource } = fixture.database;
      return extendContext(createStores(dataSource))(requestContext(dataSource, who, 'clients'));
    },
  };
  return fixture;
}
