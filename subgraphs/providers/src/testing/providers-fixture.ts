import type { GraphQLSchema } from 'graphql';
import { createLogger, type Principal } from '@hb/kit';
import {
  databaseFixture,
  requestContext,
  withDatabase,
  type DatabaseFixture,
} from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import type { SearchCacheOptions } from '../provider/search-cache';
import { extendContext } from '../context';
import type { ProvidersContext } from '../shared/context.types';
import { providersDatabase } from '../entities';
import { buildProvidersSchema } from '../schema';
import { seedProvidersDemo } from '../seed/demo.seed';

export interface ProvidersFixtureOptions {
  /** Build the GraphQL schema too (`fixture.schema`); tests of the services alone go without. */
  schema?: boolean;
  /**
   * The catalogue's search cache in `as`; default as in production. `{ ttlMs: 0 }` makes each
   * search read the database, for tests that change providers between searches.
   */
  searchCache?: SearchCacheOptions;
}

/** The file's database with the demo providers (and the schema when asked for), and: */
export interface ProvidersFixture extends DatabaseFixture<GraphQLSchema> {
  /** A fresh context per call, as each HTTP request gets its own. */
  as(who: Principal | null): ProvidersContext;
}

/**
 * Service tests of the providers subgraph on a real PostgreSQL, in the style of the end-to-end
 * testkit: registers the beforeAll/afterAll that create, migrate, seed (the demo) and drop the
 * file's database and build the schema when asked for; each test makes its own providers.
 */
export function providersFixture(options: ProvidersFixtureOptions = {}): ProvidersFixture {
  const db = databaseFixture(providersDatabase, {
    seed: ({ dataSource }) => seedProvidersDemo(dataSource, createLogger('test', 'silent')),
    schema: options.schema ? buildProvidersSchema : undefined,
    timeout: 60_000,
  });
  return withDatabase(db, {
    as(who: Principal | null) {
      const { dataSource } = db.database;
      return extendContext(createStores(dataSource, options.searchCache))(
        requestContext(dataSource, who, 'providers'),
      );
    },
  });
}
