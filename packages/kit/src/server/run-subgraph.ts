import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from '../config/config';
import { openDatabase, type Database, type DatabaseOptions } from '../database/data-source';
import { createVerifier } from '../auth/verifier';
import { createLogger, type Logger } from '../logger';
import type { RequestContext } from './context';
import { startSubgraphServer, stopOnSignals, type RunningServer } from './subgraph-server';

/** What a subgraph adds to the request pipeline once its database is open. */
export interface SubgraphRuntime<TContext extends RequestContext> {
  extendContext: (base: RequestContext) => TContext;
  attach?: (server: http.Server) => () => Promise<void>;
  onShutdown?: () => Promise<void>;
  /** Serve subscriptions over graphql-ws on the subgraph's own `/graphql`. */
  subscriptions?: boolean;
}

/** Everything the kit needs to boot one subgraph. */
export interface SubgraphDefinition<TContext extends RequestContext> {
  /** Service name: `clients`, `budgets`, `providers` or `plans`. */
  name: string;
  /** Port when `PORT` is not set (4001–4004 for `pnpm start`). */
  defaultPort: number;
  database: DatabaseOptions;
  buildSchema: () => Promise<GraphQLSchema>;
  runtime: (deps: {
    database: Database;
    config: Config;
    logger: Logger;
  }) => SubgraphRuntime<TContext> | Promise<SubgraphRuntime<TContext>>;
  /** Adds demo data when `SEED_DEMO=1` and the service's tables are empty. */
  seedDemo?: (db: DataSource, logger: Logger) => Promise<void>;
}

/** Boots a subgraph: config, database and migrations, demo data, schema, server. */
export async function startSubgraph<TContext extends RequestContext>(
  definition: SubgraphDefinition<TContext>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningServer> {
  const config = loadConfig(env);
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const opening = openDatabase(config, definition.database, logger);
  // The schema needs no database: it is built while the database answers (on the embedded
  // one, every service's start waits its turn there), once the first query is on its way.
  const schemaBuilt = definition.buildSchema();
  schemaBuilt.catch(() => undefined); // awaited below, unless the database failed
  const database = await opening;
  try {
    const seedDemo = definition.seedDemo;
    if (config.SEED_DEMO && seedDemo) {
      await seedOnce(database.dataSource, definition.database.schema, () =>
        seedDemo(database.dataSource, logger),
      );
    }
    const [schema, verify, runtime] = await Promise.all([
      schemaBuilt,
      createVerifier(config),
      definition.runtime({ database, config, logger }),
    ]);
    return await startSubgraphServer({
      name: definition.name,
      schema,
      config,
      logger,
      database,
      verify,
      defaultPort: definition.defaultPort,
      extendContext: runtime.extendContext,
      ...(runtime.attach ? { attach: runtime.attach } : {}),
      ...(runtime.onShutdown ? { onShutdown: runtime.onShutdown } : {}),
      ...(runtime.subscriptions ? { subscriptions: true } : {}),
    });
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Runs a seed while holding a lock named after the schema, so that several instances of a
 * service starting together seed once: the others wait and then find the tables filled.
 */
async function seedOnce(db: DataSource, schema: string, seed: () => Promise<void>): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`seed:${schema}`]);
    await seed();
  } finally {
    await runner
      .query(`SELECT pg_advisory_unlock(hashtext($1))`, [`seed:${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}

/** The body of a subgraph's `main.ts`: start, stop on signals, exit non-zero on failure. */
export function runSubgraphMain<TContext extends RequestContext>(
  definition: SubgraphDefinition<TContext>,
): void {
  startSubgraph(definition).then(
    (server) => stopOnSignals(server, createLogger(definition.name, 'info')),
    (error: unknown) => {
      console.error(`${definition.name} failed to start:`, error);
      process.exit(1);
    },
  );
}
