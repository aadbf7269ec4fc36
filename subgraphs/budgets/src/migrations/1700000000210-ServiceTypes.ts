import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_TYPES } from '../seed/keusote-classes';

/**
 * The service types are reference data every deployment needs, not demo data: the providers
 * subgraph offers services of all of them and the graph resolves `ServiceType` by code here.
 */
export class ServiceTypes1700000000210 implements MigrationInterface {
  name = 'ServiceTypes1700000000210';

  async up(q: QueryRunner): Promise<void> {
    for (const [index, [code, name, nameSv, unitLabel]] of SERVICE_TYPES.entries()) {
      await q.query(
        `INSERT INTO budgets.service_type (code, name, name_sv, unit_label, sort_order)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING`,
        [code, name, nameSv, unitLabel, index],
      );
    }
  }

  async down(): Promise<void> {
    // Reference data stays: budgets and classes refer to it.
  }
}
