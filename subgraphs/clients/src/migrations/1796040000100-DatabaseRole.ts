import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantServiceRole, revokeServiceRole } from '@hb/kit';

/**
 * The clients service logs in as `hb_clients`, which may use the rows of this schema's
 * tables and nothing more (the kit's grantServiceRole: the statements this migration always ran).
 */
export class ClientsDatabaseRole1796040000100 implements MigrationInterface {
  name = 'ClientsDatabaseRole1796040000100';

  async up(q: QueryRunner): Promise<void> {
    await grantServiceRole(q, 'clients');
    // The client reads their own access log through this service (Client.accessLog).
    await q.query(`GRANT SELECT ON audit.access_log TO hb_clients`);
  }

  async down(q: QueryRunner): Promise<void> {
    await revokeServiceRole(q, 'clients');
  }
}
