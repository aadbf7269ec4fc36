import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plans service logs in as `hb_plans`, which may use the rows of this schema's
 * tables and nothing more: no ownership, no TRUNCATE, no DDL, no other schema. Tables that
 * later migrations (run by the owner role) create get the same grants by default.
 */
export class PlansDatabaseRole1796040000400 implements MigrationInterface {
  name = 'PlansDatabaseRole1796040000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON SCHEMA plans FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA plans TO hb_plans`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA plans TO hb_plans`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA plans TO hb_plans`);
    // The migrations' own bookkeeping stays the owner's.
    await q.query(`REVOKE ALL ON plans.migrations FROM hb_plans`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA plans
      GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hb_plans`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA plans
      GRANT USAGE, SELECT ON SEQUENCES TO hb_plans`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA plans
      REVOKE ALL ON TABLES FROM hb_plans`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA plans
      REVOKE ALL ON SEQUENCES FROM hb_plans`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA plans FROM hb_plans`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA plans FROM hb_plans`);
    await q.query(`REVOKE ALL ON SCHEMA plans FROM hb_plans`);
  }
}
