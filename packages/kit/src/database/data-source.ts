import path from 'node:path';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Config } from '../config/config';
import type { Logger } from '../logger';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-server';
import { AccessLogMigration1700000000000 } from '../access-log/access-log.migration';

/** Options of {@link openDatabase}. */
export interface DatabaseOptions {
  /** The PostgreSQL schema this service owns; its tables and migrations table live there. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/** An open database: the TypeORM data source and how to close it. */
export interface Database {
  dataSource: DataSource;
  /** True when running on the embedded PGlite server (no cross-connection LISTEN/NOTIFY). */
  embedded: boolean;
  /** The connection URL, for a dedicated LISTEN connection. */
  url: string;
  close(): Promise<void>;
}

// A stable key so that concurrent starts of any service serialise their migrations.
const MIGRATION_LOCK = 7_311_2022;

/**
 * Connects to PostgreSQL, creates the service's schema and runs its pending migrations
 * (never `synchronize`). Without `DATABASE_URL` it starts a private embedded database under
 * `DATA_DIR`, so a single service can also be run on its own.
 */
export async function openDatabase(
  config: Config,
  options: DatabaseOptions,
  logger: Logger,
): Promise<Database> {
  let embeddedServer: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embeddedServer = await startEmbeddedPostgres({
      dataDir: path.join(config.DATA_DIR, `pglite-${options.schema}`),
    });
    url = embeddedServer.url;
    logger.info({ url }, 'started a private embedded database');
  }
  const embedded = config.DATABASE_EMBEDDED || embeddedServer !== undefined;

  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema: options.schema,
    entities: options.entities,
    migrations: [AccessLogMigration1700000000000, ...options.migrations],
    migrationsTableName: 'migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: {
      max: config.DATABASE_POOL_SIZE,
      application_name: `hb-${options.schema}`,
    },
  });
  await dataSource.initialize();
  await migrate(dataSource, options.schema, logger);

  return {
    dataSource,
    embedded,
    url,
    async close() {
      await dataSource.destroy();
      await embeddedServer?.stop();
    },
  };
}

async function migrate(dataSource: DataSource, schema: string, logger: Logger): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
