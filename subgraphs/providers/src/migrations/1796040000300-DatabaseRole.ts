import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantServiceRole, revokeServiceRole } from '@hb/kit';

/**
 * The providers service logs in as `hb_providers`, which may use the rows of this schema's
 * tables and nothing more (the kit's grantServiceRole: the statements this migration always ran).
 */
export class ProvidersDatabaseRole1796040000300 implements MigrationInterface {
  name = 'ProvidersDatabaseRole1796040000300';

  async up(q: QueryRunner): Promise<void> {
    await grantServiceRole(q, 'providers');
  }

  async down(q: QueryRunner): Promise<void> {
    await revokeServiceRole(q, 'providers');
  }
}
