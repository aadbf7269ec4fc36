import crypto from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../database/embedded-server';

/** A database that exists only for one test file. */
export interface TestDatabase {
  /** Connection URL of the fresh, empty database. */
  url: string;
  /** True on the embedded database (no LISTEN/NOTIFY across connections). */
  embedded: boolean;
  drop(): Promise<void>;
}

/**
 * Makes a fresh database for a test file. With `DATABASE_URL` (CI) it creates a uniquely named
 * database on that real PostgreSQL server and drops it afterwards; without it, an in-memory
 * embedded PostgreSQL. Either way the tests talk to PostgreSQL, never to a fake.
 */
export async function createTestDatabase(
  serverUrl: string | undefined = process.env.DATABASE_URL,
): Promise<TestDatabase> {
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: 'memory://' });
    return { url: embedded.url, embedded: true, drop: () => embedded.stop() };
  }
  const name = `hb_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
