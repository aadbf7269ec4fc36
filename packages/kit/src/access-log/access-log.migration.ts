import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log is the one table every service writes: Finnish law requires that each read
 * of a client's social-care data is logged, whichever service served it, and the client may
 * ask for the whole log in one place. It lives in its own `audit` schema, is append-only
 * (a trigger refuses UPDATE and DELETE) and only the clients service reads it.
 * Every service lists this migration; it is idempotent because they share the table.
 */
export class AccessLogMigration1700000000000 implements MigrationInterface {
  name = 'AccessLogMigration1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS audit`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS audit.access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        service text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        actor_organisation text,
        client_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('READ', 'CHANGE')),
        subject text NOT NULL,
        purpose text NOT NULL,
        request_id text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS access_log_client_idx ON audit.access_log (client_id, id DESC)`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit.access_log is append-only';
      END $$`);
    await q.query(`DROP TRIGGER IF EXISTS access_log_append_only ON audit.access_log`);
    await q.query(`
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON audit.access_log
      FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()`);
  }

  async down(): Promise<void> {
    // The shared log outlives any one service's migrations.
  }
}
