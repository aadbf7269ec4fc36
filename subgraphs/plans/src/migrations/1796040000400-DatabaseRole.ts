import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantServiceRole, revokeServiceRole } from '@hb/kit';

/**
 * The plans service logs in as `hb_plans`, which may use the rows of this schema's
 * tables and nothing more (the kit's grantServiceRole: the statements this migration always ran).
 */
export class PlansDatabaseRole1796040000400 implements MigrationInterface {
  name = 'PlansDatabaseRole1796040000400';

  async up(q: QueryRunner): Promise<void> {
    await grantServiceRole(q, 'plans');
  }

  async down(q: QueryRunner): Promise<void> {
    await revokeServiceRole(q, 'plans');
  }
}
