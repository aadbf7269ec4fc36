import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The clients service logs in as `hb_clients`, which may use the rows of this schema's
 * tables and nothing more: no ownership, no TRUNCATE, no DDL, no other schema. Tables that
 * later migrations (run by the owner role) create get the same grants by default.
 */
export class ClientsDatabaseRole1796040000100 implements MigrationInterface {
  name = 'ClientsDatabaseRole1796040000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON SCHEMA clients FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA clients TO hb_clients`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA clients TO hb_clients`,
    );
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA clients TO hb_clients`);
    // The migrations' own bookkeeping stays the owner's.
    await q.query(`REVOKE ALL ON clients.migrations FROM hb_clients`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA clients
      GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hb_clients`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA clients
      GRANT USAGE, SELECT ON SEQUENCES TO hb_clients`);
    // The client reads their own access log through this service (Client.accessLog).
    await q.query(`GRANT SELECT ON audit.access_log TO hb_clients`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA clients
      REVOKE ALL ON TABLES FROM hb_clients`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA clients
      REVOKE ALL ON SEQUENCES FROM hb_clients`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA clients FROM hb_clients`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA clients FROM hb_clients`);
    await q.query(`REVOKE ALL ON SCHEMA clients FROM hb_clients`);
  }
}
