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
import type { ProvidersContext } from '../shared/context.types';
import { providersDatabase } from '../entities';
import { buildProvidersSchema } from '../schema';
import { seedProvidersDemo } from '../seed/demo.seed';

/** The file's database with the demo providers and the GraphQL schema, and: */
export interface ProvidersFixture extends DatabaseFixture<GraphQLSchema> {
  /** A fresh context per call, as each HTTP request gets its own. */
  as(who: Principal | null): ProvidersContext;
}

/**
 * Service tests of the providers subgraph on a real PostgreSQL, in the style of the end-to-end
 * testkit: registers the beforeAll/afterAll that create, migrate, seed (the demo) and drop the
 * file's database and build the schema; each test makes its own providers.
 */
export function providersFixture(): ProvidersFixture {
  const db = databaseFixture(providersDatabase, {
    seed: ({ dataSource }) => seedProvidersDemo(dataSource, createLogger('test', 'silent')),
    schema: buildProvidersSchema,
    timeout: 60_000,
  });
  return withDatabase(db, {
    as(who: Principal | null) {
      const { dataSource } = db.database;
      return extendContext(createStores(dataSource))(requestContext(dataSource, who, 'providers'));
    },
  });
}
