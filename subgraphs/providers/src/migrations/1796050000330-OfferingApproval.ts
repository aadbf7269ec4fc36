import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An offering of a service type an approved provider was not approved for waits for the
 * organiser: it is kept inactive (out of the catalogue) and marked as awaiting approval, so
 * the provider shows in the organiser's approval queue until a decision.
 */
export class OfferingApproval1796050000330 implements MigrationInterface {
  name = 'OfferingApproval1796050000330';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE providers.offering ADD COLUMN awaiting_approval boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `ALTER TABLE providers.offering ADD CONSTRAINT offering_awaiting_inactive
         CHECK (NOT (awaiting_approval AND active))`,
    );
    await q.query(
      `CREATE INDEX offering_awaiting_idx ON providers.offering (provider_id) WHERE awaiting_approval`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX providers.offering_awaiting_idx`);
    await q.query(`ALTER TABLE providers.offering DROP COLUMN awaiting_approval`);
  }
}
