import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantServiceRole, revokeServiceRole } from '@hb/kit';

/**
 * The budgets service logs in as `hb_budgets`, which may use the rows of this schema's
 * tables and nothing more (the kit's grantServiceRole: the statements this migration always ran).
 */
export class BudgetsDatabaseRole1796040000200 implements MigrationInterface {
  name = 'BudgetsDatabaseRole1796040000200';

  async up(q: QueryRunner): Promise<void> {
    await grantServiceRole(q, 'budgets');
  }

  async down(q: QueryRunner): Promise<void> {
    await revokeServiceRole(q, 'budgets');
  }
}
