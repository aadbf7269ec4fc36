import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The providers service logs in as `hb_providers`, which may use the rows of this schema's
 * tables and nothing more: no ownership, no TRUNCATE, no DDL, no other schema. Tables that
 * later migrations (run by the owner role) create get the same grants by default.
 */
export class ProvidersDatabaseRole1796040000300 implements MigrationInterface {
  name = 'ProvidersDatabaseRole1796040000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON SCHEMA providers FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA providers TO hb_providers`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA providers TO hb_providers`,
    );
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA providers TO hb_providers`);
    // The migrations' own bookkeeping stays the owner's.
    await q.query(`REVOKE ALL ON providers.migrations FROM hb_providers`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA providers
      GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hb_providers`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA providers
      GRANT USAGE, SELECT ON SEQUENCES TO hb_providers`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA providers
      REVOKE ALL ON TABLES FROM hb_providers`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA providers
      REVOKE ALL ON SEQUENCES FROM hb_providers`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA providers FROM hb_providers`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA providers FROM hb_providers`);
    await q.query(`REVOKE ALL ON SCHEMA providers FROM hb_providers`);
  }
}
