import type { GraphQLSchema } from 'graphql';
import { createLogger, type Principal } from '@hb/kit';
import {
  databaseFixture,
  requestContext,
  withDatabase,
  type DatabaseFixture,
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
/** The file's database (with the GraphQL schema when asked for with `schema: true`), and: */
export interface ClientsFixture extends DatabaseFixture<GraphQLSchema> {
  /** A fresh context per call, as each HTTP request gets its own. */
  as(who: Principal | null): ClientsContext;
}

/**
 * Registers the beforeAll/afterAll that create, migrate, seed (the demo) and drop the file's
 * database, and returns what the tests use. Call it once at the top level of a test file.
 */
export function clientsFixture(options: { schema?: boolean } = {}): ClientsFixture {
  const db = databaseFixture(clientsDatabase, {
    seed: ({ dataSource }) => seedClientsDemo(dataSource, createLogger('test', 'silent')),
    schema: options.schema ? buildClientsSchema : undefined,
    timeout: 60_000,
  });
  return withDatabase(db, {
    as(who: Principal | null) {
      const { dataSource } = db.database;
      return extendContext(createStores(dataSource))(requestContext(dataSource, who, 'clients'));
    },
  });
}
