import path from 'node:path';
import { Client } from 'pg';
import type { DataSource, MixedList, EntitySchema } from 'typeorm';
import type { Config } from '../config/config';
import type { Logger } from '../logger';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-server';
import { AccessLogMigration1700000000000 } from '../access-log/access-log.migration';
import { AccessLogPrivileges1796040000000 } from '../access-log/access-log-privileges.migration';
import { OWNER_ROLE, provisionDatabase, roleUrl, serviceRole } from './roles';

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
  /** The service role's connection URL, for a dedicated LISTEN connection. */
  url: string;
  close(): Promise<void>;
}

/**
 * TypeORM, loaded when a database is opened: every process that loads the kit loads this
 * module, and the gateway, which opens none, would spend most of a second on it at each start.
 */
function typeorm(): typeof import('typeorm') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('typeorm') as typeof import('typeorm');
}

// A stable key so that concurrent starts of any service serialise their migrations.
const MIGRATION_LOCK = 7_311_2022;

/**
 * Connects to PostgreSQL, creates the service's schema and runs its pending migrations
 * (never `synchronize`). Without `DATABASE_URL` it starts a private embedded database under
 * `DATA_DIR`, so a single service can also be run on its own.
 *
 * Least privilege: `DATABASE_URL` is only the bootstrap connection, used once to create the
 * roles (see `provisionDatabase`). Migrations run as the owner role `hb_owner`; the service
 * itself connects as `hb_<schema>`, which can use its own schema's rows and append to the
 * access log, and nothing else.
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
  const secret = config.DATABASE_ROLE_SECRET;
  const serviceUrl = roleUrl(url, serviceRole(options.schema), secret);

  let dataSource: DataSource;
  try {
    await provisionDatabase(url, { schema: options.schema, secret });
    await migrate(roleUrl(url, OWNER_ROLE, secret), options, logger);
    dataSource = new (typeorm().DataSource)({
      type: 'postgres',
      url: serviceUrl,
      schema: options.schema,
      entities: options.entities,
      synchronize: false,
      // Extensions are the bootstrap's job; the service role may not create them.
      installExtensions: false,
      uuidExtension: 'pgcrypto',
      extra: {
        max: config.DATABASE_POOL_SIZE,
        application_name: `hb-${options.schema}`,
      },
    });
    await dataSource.initialize();
  } catch (error) {
    await embeddedServer?.stop();
    throw error;
  }

  return {
    dataSource,
    embedded,
    url: serviceUrl,
    async close() {
      await dataSource.destroy();
      await embeddedServer?.stop();
    },
  };
}

/** Runs the pending migrations on a connection of its own, as the owner role. */
async function migrate(ownerUrl: string, options: DatabaseOptions, logger: Logger): Promise<void> {
  const migrations = [
    AccessLogMigration1700000000000,
    AccessLogPrivileges1796040000000,
    ...options.migrations,
  ];
  if (await allApplied(ownerUrl, options.schema, migrations)) return;
  const dataSource = new (typeorm().DataSource)({
    type: 'postgres',
    url: ownerUrl,
    schema: options.schema,
    entities: [],
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    installExtensions: false,
    // One connection holds the lock, the other runs the migrations.
    extra: { max: 2, application_name: `hb-${options.schema}-migrations` },
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

/**
 * True when the schema's migrations table lists every migration, by the name TypeORM gives it
 * (the instance's `name`, else its class's): every start after the first, where one query on
 * a plain connection replaces TypeORM's data source, its checks and the lock.
 */
async function allApplied(
  ownerUrl: string,
  schema: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[],
): Promise<boolean> {
  const names = migrations.map((migration) => {
    const instance = new (migration as new () => { name?: string })();
    return instance.name ?? migration.name;
  });
  const db = new Client({
    connectionString: ownerUrl,
    application_name: `hb-${schema}-migrations`,
  });
  await db.connect();
  try {
    const table = `${db.escapeIdentifier(schema)}.migrations`;
    const found = await db.query<{ present: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AS present',
      [table],
    );
    if (!found.rows[0]?.present) return false;
    const applied = await db.query<{ name: string }>(`SELECT name FROM ${table}`);
    const done = new Set(applied.rows.map((row) => row.name));
    return names.every((name) => done.has(name));
  } finally {
    await db.end();
  }
}
