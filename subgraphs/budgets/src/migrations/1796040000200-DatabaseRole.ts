import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The budgets service logs in as `hb_budgets`, which may use the rows of this schema's
 * tables and nothing more: no ownership, no TRUNCATE, no DDL, no other schema. Tables that
 * later migrations (run by the owner role) create get the same grants by default.
 */
export class BudgetsDatabaseRole1796040000200 implements MigrationInterface {
  name = 'BudgetsDatabaseRole1796040000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON SCHEMA budgets FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SCHEMA budgets TO hb_budgets`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA budgets TO hb_budgets`,
    );
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA budgets TO hb_budgets`);
    // The migrations' own bookkeeping stays the owner's.
    await q.query(`REVOKE ALL ON budgets.migrations FROM hb_budgets`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA budgets
      GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hb_budgets`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA budgets
      GRANT USAGE, SELECT ON SEQUENCES TO hb_budgets`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA budgets
      REVOKE ALL ON TABLES FROM hb_budgets`);
    await q.query(`
      ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA budgets
      REVOKE ALL ON SEQUENCES FROM hb_budgets`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA budgets FROM hb_budgets`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA budgets FROM hb_budgets`);
    await q.query(`REVOKE ALL ON SCHEMA budgets FROM hb_budgets`);
  }
}
