import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The services may only append to the access log: INSERT (and the id sequence) for the
 * `hb_audit_writer` group every service role belongs to, nothing for anyone else. Only the
 * owner role may truncate, alter or disable the trigger, and no service logs in as it.
 * The clients service's own migration adds SELECT for itself. Idempotent, like the table's
 * migration, because every service lists it.
 */
export class AccessLogPrivileges1796040000000 implements MigrationInterface {
  name = 'AccessLogPrivileges1796040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON SCHEMA audit FROM PUBLIC`);
    await q.query(`REVOKE ALL ON audit.access_log FROM PUBLIC`);
    await q.query(`REVOKE ALL ON SEQUENCE audit.access_log_id_seq FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA audit TO hb_audit_writer`);
    await q.query(`GRANT INSERT ON audit.access_log TO hb_audit_writer`);
    await q.query(`GRANT USAGE ON SEQUENCE audit.access_log_id_seq TO hb_audit_writer`);
  }

  async down(): Promise<void> {
    // The shared log outlives any one service's migrations.
  }
}
